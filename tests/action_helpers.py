"""The 填报人's buttons as the tests click them: on a workbook file, the result saved to a copy."""

from __future__ import annotations

from jixiao import actions


def checked(src, out):
    """校验 on ``src`` (a FileHost), the marked copy saved to ``out``; the check's result."""
    host = actions.FileHost(str(src), str(out))
    result, _plan = actions.check(host)
    host.save()
    return result
