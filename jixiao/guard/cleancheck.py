"""One whole-sheet test before ``sanitize.clean_rows`` walks every cell (issue #18).

Almost every sheet holds nothing the cleaner changes, yet the per-cell loop costs a batch
worker several milliseconds per workbook. ``may_need_cleaning`` answers False only when the
loop would change no cell and write no note, so ``clean_rows`` skips the loop then and
its output stays exactly the same; any doubt answers True and the loop runs as before.

Why it is exact:

- The test runs on the sheet's distinct values (a set). A value is left out of a set only when
  it equals one kept: equal text has the same characters and length; equal numbers have the
  same value (1 == 1.0 == True), so the bounds test gives the same answer for both.
- Only the types calamine's ``to_python`` returns are judged here (str, float, int, bool,
  date, datetime, time, timedelta; None for good measure), by exact type; any other type (a
  subclass included) answers True — unless it equals a kept value (numpy's float64(1.0) beside
  1.0), which the loop too judges by its value or its characters.
- Text: the control-character class matches single characters, and joining strings makes no
  new character (Python never fuses two lone surrogates), so one search over the joined text
  finds one exactly when some cell has one. Length: the joined text is at least as long as
  any cell, so only a long join needs the per-cell maximum.
- Numbers (float and int, not bool): a NaN or an infinity makes the sum NaN or infinite, a
  huge int makes it overflow; once the sum is finite none is there, so the minimum and the
  maximum (exact comparisons, int against float too) bound every value.
"""

from __future__ import annotations

import datetime as _dt
import math
from itertools import chain
from typing import Any

from .textsafe import CONTROL

__all__ = ["may_need_cleaning"]

_KNOWN = frozenset({str, float, int, bool, type(None), _dt.date, _dt.datetime, _dt.time, _dt.timedelta})
_flat = chain.from_iterable


def may_need_cleaning(rows: list[list[Any]], max_text: int, max_number: float) -> bool:
    """False when no cell of ``rows`` holds a control character, text longer than
    ``max_text``, or a float/int (not bool) that is NaN, infinite or beyond ±``max_number``."""
    try:
        values = set(_flat(rows))
    except TypeError:  # an unhashable value: not one calamine returns
        return True
    texts = [v for v in values if v.__class__ is str]
    numbers: list[Any] = []
    if len(texts) != len(values):
        numbers = [v for v in values if v.__class__ is float or v.__class__ is int]
        # Only a value of another type (bool, a date, None …) needs the type test (issue #18)
        if len(texts) + len(numbers) != len(values) and not set(map(type, values)) <= _KNOWN:
            return True
    joined = "".join(texts)
    if CONTROL.search(joined):
        return True
    if len(joined) > max_text and max(map(len, texts)) > max_text:
        return True
    if numbers:
        try:
            if not math.isfinite(sum(numbers)):
                return True
        except (OverflowError, ValueError):
            return True
        if max(numbers) > max_number or min(numbers) < -max_number:
            return True
    return False
