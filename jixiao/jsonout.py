"""The JSON the command line prints (``--json``): fast, and byte for byte what ``json.dumps`` writes.

Why a module: 10,000 forms' findings are 84 MB of JSON. The standard encoder and then the text
layer's UTF-8 encoding took over a second of one core after the batch had finished (issue #18).
orjson writes the same bytes, already UTF-8, several times faster — except where the two differ:

- floats below 1e-4 or from 1e16 on (``1e-05`` against ``0.00001``), NaN and ±Infinity (orjson
  writes ``null``);
- integers beyond 64 bits, keys that are not strings, subclasses of str/int/dict/list, and lone
  surrogates (orjson refuses them);
- types the standard encoder refuses (dates, dataclasses): orjson would quietly write them.

``plain`` walks the data once and answers whether it holds only what both write alike; anything
else, and indented output (a terminal, ``--pretty``: orjson indents differently), goes through
``json.dumps`` exactly as before. So the choice of encoder never shows in the output.
"""

from __future__ import annotations

import codecs
import json
import sys
from typing import Any, TextIO

__all__ = ["fast_bytes", "plain", "write"]

_NONE = type(None)


def _ok(v: Any) -> bool:
    c = v.__class__
    if c is str or c is _NONE or c is bool:
        return True
    if c is int:
        return -(1 << 63) <= v < (1 << 64)
    if c is float:
        return v == 0.0 or 1e-4 <= abs(v) < 1e16  # NaN and ±inf fail both tests
    if c is dict:
        for k, x in v.items():  # the common values tested inline: a call per value cost more than orjson
            if k.__class__ is not str:
                return False
            xc = x.__class__
            if not (xc is str or xc is _NONE or xc is bool or _ok(x)):
                return False
        return True
    if c is list or c is tuple:
        for x in v:
            xc = x.__class__
            if not (xc is str or xc is _NONE or xc is bool or _ok(x)):
                return False
        return True
    return False


def plain(data: Any) -> bool:
    """True if orjson writes ``data`` exactly as ``json.dumps(data, ensure_ascii=False,
    separators=(",", ":"))`` does (lone surrogates aside: orjson refuses those, see ``dumps_compact``)."""
    try:
        return _ok(data)
    except RecursionError:
        return False


def fast_bytes(data: Any) -> bytes | None:
    """The compact JSON of ``data`` as UTF-8 bytes from orjson, or None where only ``json.dumps``
    is sure to give today's bytes (``plain``; a lone surrogate, which orjson refuses)."""
    if not plain(data):
        return None
    try:
        import orjson
    except ImportError:  # pragma: no cover - a dependency; an install without it still works
        return None
    try:
        return orjson.dumps(data)  # always valid UTF-8
    except (orjson.JSONEncodeError, TypeError):
        return None


def _utf8(stream: TextIO) -> bool:
    try:
        return codecs.lookup(stream.encoding or "").name == "utf-8" and hasattr(stream, "buffer")
    except (LookupError, AttributeError, TypeError):
        return False


def write(data: Any, *, pretty: bool = False, stream: TextIO | None = None) -> None:
    """Print ``data`` as JSON and a newline: indented if ``pretty``, else compact — through the
    byte layer when the stream is UTF-8 and orjson gives the same bytes (84 MB are then neither
    encoded by ``json`` nor again by the text layer), else as ever."""
    out = stream if stream is not None else sys.stdout
    if pretty:
        out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    body = fast_bytes(data) if _utf8(out) else None
    if body is None:
        out.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n")
        return
    out.flush()
    out.buffer.write(body)  # type: ignore[attr-defined]
    out.buffer.write(b"\n")  # type: ignore[attr-defined]
    out.buffer.flush()  # type: ignore[attr-defined]
