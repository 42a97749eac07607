"""Building the form models' validators ahead of a batch (issue #18).

The pydantic models of the forms defer building their validators to first use
(``defer_build``): a command that checks one workbook then builds only the kind of form
it meets, once, in the child that reads it, and the parts of a form (its rows,
indicators, …) are validated inside the form's own validator without being built on
their own. A batch is different: every file is read in its own forked child, and each
child would build again what it needs. So before a batch forks, ``build_models`` builds
them all once in the parent and every child inherits them.
"""

from __future__ import annotations

import sys

from pydantic import BaseModel


def build_models() -> None:
    """Build every model of every kind of form now (the form first: its parts reuse its schema)."""
    from . import KINDS

    for kind in KINDS:
        form = kind.model_type()
        form.model_rebuild()
        for obj in list(vars(sys.modules[form.__module__]).values()):
            if (isinstance(obj, type) and issubclass(obj, BaseModel) and obj.__module__ == form.__module__
                    and not obj.__pydantic_complete__):
                obj.model_rebuild()
