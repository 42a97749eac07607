"""The scan's in-memory part reader (issue #18) gives exactly what ``zipfile`` gives, or nothing.

``zipread.Parts.read`` inflates a small part from the file's bytes in one call; wherever a check
that ``zipfile`` makes would not plainly pass it returns None and the scan reads the part through
``zipfile`` as before. So: the bytes it returns are ``ZipFile.read``'s, it does return them for
ordinary parts (the fast path is taken), it refuses every kind of damage, and the scan of
hundreds of damaged and hostile packages ends the same way (same result or same error message)
with and without it.
"""

from __future__ import annotations

import io
import random
import re
import struct
import sys
import zipfile
from pathlib import Path

import pytest

from jixiao import guard
from jixiao.errors import JixiaoError
from jixiao.guard import zipread

sys.path.insert(0, str(Path(__file__).resolve().parent / "fuzz"))
from hostile import _case_package, _parts, _zip, base_workbook, err_cell, mutate_sheet  # noqa: E402

SHEET = "xl/worksheets/sheet1.xml"
CORPUS = Path(__file__).resolve().parents[1] / "out" / "bench" / "corpus-10000"


def _parts_of(data: bytes, limit: int = guard.MAX_FILE_BYTES):
    z = zipfile.ZipFile(io.BytesIO(data))
    return z, zipread.Parts(z, limit)


def _same_as_zipfile(data: bytes) -> int:
    """Every part the reader returns equals ``ZipFile.read``; the number it returned."""
    z, parts = _parts_of(data)
    taken = 0
    for info in z.infolist():
        got = parts.read(info)
        if got is not None:
            assert got == z.read(info), info.filename
            taken += 1
    return taken


def test_ordinary_parts_are_read_from_memory_with_zipfile_bytes():
    data = base_workbook(3, 1)
    n = len(zipfile.ZipFile(io.BytesIO(data)).infolist())
    assert _same_as_zipfile(data) == n
    stored = _zip([(i.filename, d) for i, d in _parts(data)], zipfile.ZIP_STORED)
    assert _same_as_zipfile(stored) == n
    named = _zip([(i.filename, d) for i, d in _parts(data)] + [("xl/表一.xml", b"<a/>"), ("xl/empty.xml", b"")])
    assert _same_as_zipfile(named) == n + 2
    for p in sorted(CORPUS.glob("*.xlsx"))[:2]:  # LibreOffice-saved workbooks, where present
        assert _same_as_zipfile(p.read_bytes()) == len(zipfile.ZipFile(p).infolist())


def test_a_part_up_to_the_read_size_is_taken_one_byte_more_goes_through_zipfile():
    at = b"<a>" + b"x" * (zipread.SMALL - 7) + b"</a>"
    assert len(at) == zipread.SMALL
    data = _zip([("xl/at.xml", at), ("xl/over.xml", at + b" ")])
    z, parts = _parts_of(data)
    assert parts.read(z.getinfo("xl/at.xml")) == at
    assert parts.read(z.getinfo("xl/over.xml")) is None


def test_a_file_over_the_limit_is_not_read_into_memory():
    data = base_workbook(1, 1)
    z, parts = _parts_of(data, limit=len(data) - 1)
    assert all(parts.read(i) is None for i in z.infolist())
    z, parts = _parts_of(data, limit=len(data))
    assert all(parts.read(i) is not None for i in z.infolist())


def _local(data: bytes, part: str) -> tuple[zipfile.ZipInfo, int, int]:
    """A part's info, the offset of its local header and of its data."""
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(part)
    head = struct.unpack(zipfile.structFileHeader, data[info.header_offset:info.header_offset + 30])
    return info, info.header_offset, info.header_offset + 30 + head[10] + head[11]


def _damaged(data: bytes) -> dict[str, bytes]:
    """One part damaged in each way that ``zipfile`` notices (or, for the sizes, may not)."""
    info, head, start = _local(data, SHEET)
    out = {}

    def put(name: str, at: int, new: bytes) -> None:
        b = bytearray(data)
        b[at:at + len(new)] = new
        out[name] = bytes(b)
    put("signature", head, b"PK\x05\x06")
    put("local_name", head + 30, b"X")
    put("inflate", start, b"\xff" * 8)
    put("data_byte", start + info.compress_size // 2, bytes([data[start + info.compress_size // 2] ^ 0x55]))
    put("flag_encrypted", head + 6, struct.pack("<H", 1))
    put("crc", head + 14, b"\0\0\0\0")  # the local copy: zipfile checks the directory's, so does the reader
    out["truncated"] = data[:start + info.compress_size // 2]
    # The directory's sizes and CRC: the central header of the part.
    central = next(i for i in range(len(data)) if data.startswith(b"PK\x01\x02", i)
                   and data[i + 46:i + 46 + len(SHEET)] == SHEET.encode())
    for name, off, value in (("dir_crc", 16, struct.pack("<I", info.CRC ^ 1)),
                             ("dir_size_small", 24, struct.pack("<I", info.file_size - 1)),
                             ("dir_size_big", 24, struct.pack("<I", info.file_size + 1)),
                             ("dir_compressed_small", 20, struct.pack("<I", info.compress_size - 1)),
                             ("dir_method", 10, struct.pack("<H", 99)),
                             ("dir_flag", 8, struct.pack("<H", 0x20))):
        put(name, central + off, value)
    return out


def test_every_damage_is_left_to_zipfile():
    """None for the damaged part: the scan then reads it through zipfile (and its error)."""
    base = base_workbook(1, 1)
    stored = _zip([(i.filename, d) for i, d in _parts(base)], zipfile.ZIP_STORED)
    for kind, data in (("deflated", base), ("stored", stored)):
        for name, bad in _damaged(data).items():
            try:
                z = zipfile.ZipFile(io.BytesIO(bad))
                info = z.getinfo(SHEET)
            except (zipfile.BadZipFile, KeyError):
                continue  # the directory itself no longer reads: nothing to compare
            got = zipread.Parts(z, guard.MAX_FILE_BYTES).read(info)
            if name in ("crc", "flag_encrypted"):  # zipfile looks at the directory's CRC and flags, so does the reader
                assert got == z.read(info)
                continue
            assert got is None, (kind, name)


def _outcome(path: Path) -> tuple:
    guard._SCANS.clear()
    try:
        scan = guard.check_package(path)
    except JixiaoError as exc:
        return ("error", type(exc).__name__, str(exc), getattr(exc, "sheet", None), getattr(exc, "cell", None))
    return ("ok", scan.error_cells)


def _both(path: Path, monkeypatch) -> tuple[tuple, tuple]:
    fast = _outcome(path)
    with monkeypatch.context() as m:
        m.setattr(zipread.Parts, "read", lambda self, info: None)
        plain = _outcome(path)
    return fast, plain


def test_the_scan_ends_the_same_with_and_without_the_reader_on_damaged_and_hostile_packages(tmp_path, monkeypatch):
    base = base_workbook(1, 1)
    cases = dict(_damaged(base))
    cases["stored"] = _zip([(i.filename, d) for i, d in _parts(base)], zipfile.ZIP_STORED)
    cases.update({f"stored_{k}": v for k, v in _damaged(cases["stored"]).items()})
    cases["errors"] = mutate_sheet(base, lambda x: err_cell(err_cell(x, "H14", "#DIV/0!"), "C7", "#REF!"))
    rng = random.Random(18)
    for i in range(120):
        kind, data, _ = _case_package(rng, base)
        if kind not in ("zip_bomb", "ratio_bomb"):  # slow to make; refused from the directory anyway
            cases[f"{kind}_{i}"] = data
    for i in range(60):  # bytes flipped at random, also inside the compressed sheets
        b = bytearray(base)
        for _ in range(rng.randint(1, 6)):
            b[rng.randrange(len(b))] = rng.randrange(256)
        cases[f"flip_{i}"] = bytes(b)
    kinds = set()
    for name, data in cases.items():
        p = tmp_path / f"{name}.xlsx"
        p.write_bytes(data)
        fast, plain = _both(p, monkeypatch)
        assert fast == plain, name
        kinds.add(fast[0] if fast[0] == "ok" else fast[2].split("：", 1)[-1][:12])
    assert "ok" in kinds and len(kinds) >= 6, kinds  # good files and several different refusals were compared


def test_titles_read_through_the_reader_are_zipfiles():
    data = base_workbook(3, 1)
    z, parts = _parts_of(data)
    assert guard._sheet_titles(z, parts) == guard._sheet_titles(z) and len(guard._sheet_titles(z)) == 3
    gone = _zip([(i.filename, d) for i, d in _parts(data) if i.filename != "xl/workbook.xml"])
    z, parts = _parts_of(gone)
    assert guard._sheet_titles(z, parts) == {} == guard._sheet_titles(z)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="benchmark corpus not built")
def test_corpus_workbooks_scan_the_same_with_and_without_the_reader(monkeypatch):
    for p in sorted(CORPUS.glob("*.xlsx"))[:3]:
        fast, plain = _both(p, monkeypatch)
        assert fast == plain


def test_sheet_titles_keep_their_entities_and_attribute_orders():
    """``excel.cache._sheet_parts`` with its patterns compiled once and ``_unescape`` skipped
    where there is no "&": titles with entities, ``id`` without the ``r:`` prefix, any order."""
    from jixiao.excel import cache

    for s in ["表一", "a&amp;b", "&lt;x&gt; &quot;y&quot; &apos;z&apos;", "&amp;lt;", "无&", ""]:
        full = (s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
                .replace("&apos;", "'").replace("&amp;", "&"))
        assert cache._unescape(s) == full
    data = base_workbook(3, 1)
    parts = [(i.filename, d) for i, d in _parts(data)]
    wb = next(d for n, d in parts if n == "xl/workbook.xml")
    names = re.findall(rb'<sheet\b[^>]*?name="([^"]*)"', wb)
    changed = wb.replace(b'name="' + names[0] + b'"', b'name="R&amp;D &lt;1&gt;"', 1)
    changed = re.sub(rb'(<sheet\b[^>]*?)r:id="', rb'\1id="', changed, count=1)
    z = zipfile.ZipFile(io.BytesIO(_zip([(n, changed if n == "xl/workbook.xml" else d) for n, d in parts])))
    got = cache._sheet_parts(z)
    assert "R&D <1>" in got and len(got) == 3
    assert got == cache._sheet_parts(zipread.Reader(z, zipread.Parts(z, guard.MAX_FILE_BYTES)))


def test_the_local_header_layout_is_zipfiles():
    assert zipread._HEADER.format == zipfile.structFileHeader
    assert zipread._SIGNATURE == zipfile.stringFileHeader
