"""Marks on jixiao's own outputs: reading one never breaks a batch, whatever the package holds."""

from __future__ import annotations

import struct
import zipfile

from jixiao.marker import own_output, read_mark


def _with_unknown_method(path, member: str) -> None:
    """Set ``member``'s compression method to 99 in both zip headers, as a flipped byte can."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    for sig, off in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):  # local header, central directory
        i = data.find(sig)
        while i != -1:
            n_off = 30 if sig == b"PK\x03\x04" else 46
            n_len = struct.unpack_from("<H", data, i + (26 if sig == b"PK\x03\x04" else 28))[0]
            if bytes(data[i + n_off:i + n_off + n_len]) == name:
                struct.pack_into("<H", data, i + off, 99)
            i = data.find(sig, i + 4)
    path.write_bytes(bytes(data))


def test_a_package_with_an_unknown_compression_method_is_not_ours_and_does_not_raise(tmp_path):
    book = tmp_path / "flipped.xlsx"
    with zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("docProps/custom.xml", '<property name="jixiao-output"><vt:lpwstr>summary</vt:lpwstr></property>')
        z.writestr("docProps/core.xml", "<cp:lastModifiedBy>jixiao</cp:lastModifiedBy>")
    assert read_mark(book)[0] == "summary"          # readable as written: the mark is found
    _with_unknown_method(book, "docProps/custom.xml")
    try:
        with zipfile.ZipFile(book) as z:
            z.read("docProps/custom.xml")
        raise AssertionError("the test file should be unreadable by zipfile")
    except NotImplementedError:
        pass
    assert read_mark(book) == (None, None) and own_output(book) is None
