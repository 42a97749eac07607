"""The documents that go out with the workbooks — moved to the package ``jixiao.reports``.

Kept so that ``from jixiao.report import build_reports`` (and the other entry points) go on working.
"""

from .reports import *  # noqa: F401,F403
from .reports import __all__  # noqa: F401
