"""One small part of a zip package inflated in one call, exactly as ``zipfile`` would give it (issue #18).

The package scan reads every XML part of a workbook (a hundred 28 KB sheets in a 100-form
workbook). Through ``ZipFile.open`` each part costs a shared-file wrapper, seeks, a local header
read, a decompressor fed in pieces and a checksum updated piece by piece: about as much again as
the inflating itself. Here the whole file is read once (it is at most ``MAX_FILE_BYTES``; the
scan already refused anything bigger) and a small part is inflated from memory in one call.

Exactness is by refusal, not by imitation: ``read`` returns the part's bytes only where every
check that ``zipfile`` makes is seen to pass (local header signature and name, no encryption or
patch flags, stored or deflated, a complete deflate stream of exactly the declared size, the
checksum right, no overlap with the next part where the Python version checks it). Anything else
returns None and the caller reads the part through ``zipfile``, which then raises its own error,
so a damaged file gets the very message it got before.
"""

from __future__ import annotations

import struct
import zipfile
import zlib

# Local file header (zipfile.structFileHeader): signature, versions, flags, method, time, date,
# crc, sizes, name length, extra length.
_HEADER = struct.Struct("<4s2B4HL2L2H")  # zipfile.structFileHeader
_SIGNATURE = b"PK\003\004"                # zipfile.stringFileHeader
_REFUSED_FLAGS = 0x1 | 0x20 | 0x40  # encrypted, compressed patched data, strong encryption
_UTF8_NAME = 0x800
SMALL = 1 << 20  # the scan's read size: a part up to this size is one read through zipfile too


class Parts:
    """The raw bytes of one package, and small parts inflated from them."""

    def __init__(self, z: zipfile.ZipFile, limit: int) -> None:
        self._z = z
        self._data = b""
        fp = z.fp
        try:
            if fp is not None:
                fp.seek(0, 2)
                size = fp.tell()
                if size <= limit:
                    fp.seek(0)
                    self._data = fp.read(size)
        except (OSError, ValueError):
            self._data = b""  # no fast path: every part goes through zipfile
        self._view = memoryview(self._data)

    def read(self, info: zipfile.ZipInfo) -> bytes | None:
        """The part's bytes as ``zipfile`` gives them, or None where it is not plainly so."""
        size = info.file_size
        if size > SMALL or info.flag_bits & _REFUSED_FLAGS:
            return None
        method = info.compress_type
        if method != zipfile.ZIP_DEFLATED and method != zipfile.ZIP_STORED:
            return None
        data = self._data
        at = info.header_offset
        if at < 0 or at + _HEADER.size > len(data):
            return None
        head = _HEADER.unpack_from(data, at)
        if head[0] != _SIGNATURE:
            return None
        name_at = at + _HEADER.size
        name_end = name_at + head[10]
        try:
            name = data[name_at:name_end].decode(
                "utf-8" if head[3] & _UTF8_NAME else (getattr(self._z, "metadata_encoding", None) or "cp437"))
        except (UnicodeError, LookupError):
            return None
        if name != info.orig_filename:
            return None
        start = name_end + head[11]
        end = start + info.compress_size
        limit = getattr(info, "_end_offset", None)  # Python >= 3.12 refuses overlapping parts
        if end > len(data) or (limit is not None and end > limit):
            return None
        if method == zipfile.ZIP_STORED:
            if info.compress_size != size:
                return None
            out = data[start:end]
        else:
            d = zlib.decompressobj(-15)
            try:
                out = d.decompress(self._view[start:end], size + 1)
            except zlib.error:
                return None
            if not d.eof or len(out) != size:
                return None
        if zlib.crc32(out) != info.CRC:
            return None
        return out


class Whole:
    """A part already in memory, read the way the scan reads a ``ZipExtFile``: all, then nothing."""

    def __init__(self, data: bytes) -> None:
        self._data = data

    def read(self, n: int = -1) -> bytes:
        data, self._data = self._data, b""
        return data

    def __enter__(self) -> Whole:
        return self

    def __exit__(self, *exc: object) -> None:
        self._data = b""


class Reader:
    """``ZipFile.read`` by name for ``excel.cache._sheet_parts``: from memory where ``Parts`` can."""

    def __init__(self, z: zipfile.ZipFile, parts: Parts) -> None:
        self._z = z
        self._parts = parts

    def read(self, name: str) -> bytes:
        info = self._z.getinfo(name)  # a missing part: zipfile's own KeyError
        got = self._parts.read(info)
        return got if got is not None else self._z.read(info)
