"""Setting openpyxl cell styles fast, for sheets with thousands of styled cells.

openpyxl hashes every style object each time one is assigned to a cell, which made
styling the main cost of writing form sheets and 汇总 sheets. ``set_style`` remembers,
per workbook, the style record a combination produced and copies it to the next cell.
"""

from __future__ import annotations

from copy import copy
from typing import Any


def set_style(c: Any, **attrs: Any) -> None:
    """Set style attributes (font=, alignment=, fill=, border=, protection=, number_format=)
    on a cell. Pass the same style objects each time: the cache is keyed by their identity."""
    cache = c.parent.parent.__dict__.setdefault("_jx_style_cache", {})
    key = (tuple(c._style or ()), tuple((k, v if isinstance(v, str) else id(v)) for k, v in attrs.items()))
    hit = cache.get(key)
    if hit is not None:
        c._style = copy(hit)
        return
    for k, v in attrs.items():
        setattr(c, k, v)
    cache[key] = copy(c._style)
    cache.setdefault("_keep", []).extend(v for v in attrs.values() if not isinstance(v, str))
