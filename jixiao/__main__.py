"""``python -m jixiao …``: the ``jixiao`` console script (pyproject.toml ``[project.scripts]``:
``jixiao = "jixiao.console:main"``) for a Python whose Scripts folder is not on PATH — the same
entry point, its exit status passed through."""

import sys

from .console import main

if __name__ == "__main__":
    sys.exit(main())
