"""Archives as departments send them, made in the tests.

No program here writes RAR (its format is not free to write), so ``rar4_stored`` builds a RAR
4 archive by its published layout: members stored uncompressed (WinRAR's “存储” method), names
in both forms WinRAR writes (GBK for old readers, then its Unicode encoding). Real compressed
RAR files (RAR 5 and RAR 3, solid) are in ``tests/data/rar/``, from rarfile's test suite.
"""

from __future__ import annotations

import io
import struct
import zlib

MARK = b"Rar!\x1a\x07\x00"
END = b"\xc4\x3d\x7b\x00\x40\x07\x00"


def _block(kind: int, flags: int, body: bytes) -> bytes:
    size = 7 + len(body)
    head = struct.pack("<BHH", kind, flags, size) + body
    return struct.pack("<H", zlib.crc32(head) & 0xFFFF) + head


def _unicode_name(name: str) -> bytes:
    """WinRAR's encoding of a Unicode name: a high byte, then per 4 characters a flag byte
    (2 bits each; 2 = the character's low and high byte follow)."""
    out = bytearray([0])
    raw = name.encode("utf-16-le", "surrogatepass")
    chars = [int.from_bytes(raw[i:i + 2], "little") for i in range(0, len(raw), 2)]
    for i in range(0, len(chars), 4):
        group = chars[i:i + 4]
        flags = 0
        for k in range(4):
            flags |= (2 if k < len(group) else 0) << (6 - 2 * k)
        out.append(flags)
        for c in group:
            out += bytes([c & 0xFF, c >> 8])
    return bytes(out)


def rar4_stored(members: list[tuple[str, bytes]], *, when: int = (2023 - 1980) << 25 | 3 << 21 | 5 << 16,
                unpacked: dict[str, int] | None = None) -> bytes:
    """A RAR 4 archive of ``members`` stored uncompressed, as WinRAR writes with 存储;
    ``unpacked``: a size to declare instead of the member's own (a crafted file)."""
    out = bytearray(MARK)
    out += _block(0x73, 0, b"\x00" * 6)
    for name, data in members:
        oem = name.replace("/", "\\").encode("gbk", "replace")
        raw = oem + b"\x00" + _unicode_name(name.replace("/", "\\"))
        size = (unpacked or {}).get(name, len(data))
        body = struct.pack("<IIBIIBBHI", len(data), size, 2, zlib.crc32(data), when, 29, 0x30, len(raw), 0x20) + raw
        out += _block(0x74, 0x8000 | 0x0200, body) + data
    return bytes(out + END)


def seven_zip(members: list[tuple[str, bytes]], *, password: str | None = None) -> bytes:
    """A .7z as 7-Zip writes it by default (LZMA2, solid); with ``password`` its data encrypted."""
    import py7zr

    buf = io.BytesIO()
    with py7zr.SevenZipFile(buf, "w", password=password) as z:
        for name, data in members:
            z.writestr(data, name)
    return buf.getvalue()
