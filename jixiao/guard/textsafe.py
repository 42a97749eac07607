"""Text that can be written to XML and printed anywhere (no dependencies: the CLI's last frame uses it)."""

from __future__ import annotations

import os
import re
from typing import Any

CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def clean_text(s: str) -> str:
    """Text without characters XML cannot carry."""
    return CONTROL.sub("", s) if CONTROL.search(s) else s


def safe_message(text: str) -> str:
    """A message as it can be printed anywhere: control characters out, lone surrogates
    (a file name that is not UTF-8) as U+FFFD."""
    text = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", text)
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace").decode("utf-8")


def show_path(path: Any) -> str:
    """A path as text that can always be printed and written (bytes that are not UTF-8 become �)."""
    return os.fsencode(str(path)).decode("utf-8", "replace")


def windows_text(raw: bytes, *codecs: str) -> str | None:
    """Bytes a program on a Chinese Windows wrote without saying their encoding (a zip member's
    name, a mail header, an attachment's title): UTF-8 (most tools now), else each of ``codecs``
    (a code page the file itself names), else GB18030 (GBK's superset); None if none reads them."""
    for codec in ("utf-8", *codecs, "gb18030"):
        try:
            return raw.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
    return None
