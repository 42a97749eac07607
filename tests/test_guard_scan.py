"""The package scan's limits and messages, each on its own (issue #13; pinned for the issue #18 speed-up).

The scan takes shortcuts (merges summed per buffer, prefilters before the slow searches); these
tests hold every limit to the message and the place the full scan gives, at and just over it.
"""

from __future__ import annotations

import io
import re
import struct
import sys
import zipfile
from pathlib import Path

import pytest

from jixiao import guard
from jixiao.errors import CorruptPackageError, SheetLimitError, ZipBombError

sys.path.insert(0, str(Path(__file__).resolve().parent / "fuzz"))
from hostile import _parts, _zip, base_workbook, err_cell, mutate_sheet  # noqa: E402

SHEET = "xl/worksheets/sheet1.xml"
# Rows of padding: makes a sheet part bigger than the scan's 1 MiB read, so it is scanned in pieces.
PAD = b"".join(b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>%s</t></is></c></row>' % (i, i, b"x" * 400)
               for i in range(100, 3100))


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


def _sheet(tmp_path: Path, name: str, fn) -> Path:
    return _write(tmp_path, name, mutate_sheet(base_workbook(1, 1), fn))


def _title(p: Path) -> str:
    with zipfile.ZipFile(p) as z:
        return guard._sheet_titles(z)[SHEET]


def _merges(tmp_path: Path, name: str, refs: list[str], before: bytes = b"") -> Path:
    """The first sheet with exactly these merged ranges (its own removed); ``before`` goes first in sheetData."""
    cells = "".join(f'<mergeCell ref="{r}"/>' for r in refs).encode()
    return _sheet(tmp_path, name, lambda x: re.sub(rb"<mergeCells\b.*?</mergeCells>",
                                                   b'<mergeCells count="%d">%s</mergeCells>' % (len(refs), cells),
                                                   x, count=1, flags=re.S).replace(b"<sheetData>", b"<sheetData>"
                                                                                   + before, 1))


def _refused(p: Path, kind=SheetLimitError):
    guard._SCANS.clear()  # the scan of a file is kept; a test that changes a limit scans again
    with pytest.raises(kind) as e:
        guard.check_workbook(p)
    assert p.name in str(e.value)
    return e.value


def test_one_merge_at_the_area_limit_passes_one_cell_more_is_refused_with_its_cell(tmp_path):
    assert guard.MAX_MERGE_AREA == 100_000  # the ranges below are sized for it
    guard.check_workbook(_merges(tmp_path, "at.xlsx", ["A1:J10000", "B2:C3"]))
    p = _merges(tmp_path, "over.xlsx", ["B2:C3", "A1:A100001", "A1:J10000"])
    e = _refused(p)
    assert e.cell == "A1:A100001" and e.sheet == _title(p)
    assert "合并单元格 A1:A100001 覆盖 100001 个单元格，超过自评表可能的大小（上限 100000 个）" in str(e)
    assert "本表合并区域共" not in str(e)
    e = _refused(_merges(tmp_path, "wide.xlsx", ["AAA1:AAZ4000"]))  # three-letter columns: 26 x 4000
    assert e.cell == "AAA1:AAZ4000" and "覆盖 104000 个单元格" in str(e)
    e = _refused(_merges(tmp_path, "reversed.xlsx", ["K10000:A1"]))
    assert e.cell == "K10000:A1" and "覆盖 110000 个单元格" in str(e)


def test_merges_up_to_the_sheet_total_pass_the_one_that_passes_it_is_named_with_the_total(tmp_path):
    assert guard.MAX_MERGED_TOTAL == 400_000
    full = ["A1:J10000"] * 3 + ["A1:J9999", "A1:J1"]  # 300,000 + 99,990 + 10: exactly the total
    guard.check_workbook(_merges(tmp_path, "at.xlsx", full))
    p = _merges(tmp_path, "over.xlsx", full + ["C3:D3", "A1:J10000"])
    e = _refused(p)
    assert e.cell == "C3:D3" and e.sheet == _title(p)
    assert "合并单元格 C3:D3 覆盖 2 个单元格（本表合并区域共 400002 个），超过自评表可能的大小（上限 100000 个）" in str(e)


def test_merges_in_a_part_read_in_pieces_add_up_over_the_pieces(tmp_path):
    """Merges before and after a megabyte of rows: the total runs on over the scan's reads."""
    def spread(n_before: int, n_after: int, ref: bytes):
        return lambda x: x.replace(b"<sheetData>", b"<sheetData>" + b'<mergeCell ref="%s"/>' % ref * n_before
                                   + PAD + b'<mergeCell ref="%s"/>' % ref * n_after, 1)
    assert len(PAD) > 1 << 20
    guard.check_workbook(_sheet(tmp_path, "under.xlsx", spread(30, 20, b"A1:J99")))
    # 2 ranges of 99,990 cells before the rows, 3 after: the fifth passes the total, in the second read.
    e = _refused(_sheet(tmp_path, "over.xlsx", spread(2, 3, b"A1:J9999")))
    assert e.cell == "A1:J9999" and "（本表合并区域共 499950 个）" in str(e)


def test_a_dtd_is_refused_in_every_part_and_in_every_piece_of_a_big_part(tmp_path):
    p = _sheet(tmp_path, "sheet.xlsx", lambda x: x.replace(b"<worksheet", b'<!DOCTYPE worksheet [<!ENTITY a "b">]>'
                                                                          b"<worksheet", 1))
    e = _refused(p, CorruptPackageError)
    assert f"工作表“{_title(p)}”含有 DTD 或实体声明（Office 文件不会有），疑似 XML 实体攻击，未读取" in str(e)
    data = _zip([(i.filename, d.replace(b"<Relationships", b"<!entity a><Relationships") if i.filename ==
                  "xl/_rels/workbook.xml.rels" else d) for i, d in _parts(base_workbook(1, 1))])
    e = _refused(_write(tmp_path, "rels.xlsx", data), CorruptPackageError)
    assert "部件“xl/_rels/workbook.xml.rels”含有 DTD 或实体声明" in str(e)
    e = _refused(_sheet(tmp_path, "late.xlsx", lambda x: x.replace(b"</sheetData>", PAD + b"<!doctype x>"
                                                                   b"</sheetData>", 1)), CorruptPackageError)
    assert "含有 DTD 或实体声明" in str(e)
    # What Office files do have: a comment, CDATA, and "!" in text.
    guard.check_workbook(_sheet(tmp_path, "fine.xlsx", lambda x: x.replace(
        b"<sheetData>", b"<!-- note --><![CDATA[x]]><sheetData>", 1).replace(b"</sheetData>", PAD.replace(
            b"xxxx", b"ok!!", 3) + b"</sheetData>", 1)))


def test_error_cells_are_collected_in_every_piece_and_a_two_letter_column_within_the_limit_passes(tmp_path):
    p = _sheet(tmp_path, "err.xlsx", lambda x: err_cell(x, "H14", "#DIV/0!").replace(
        b"</sheetData>", PAD + b'<row r="3200"><c r="AB3200" s="2" t="e"><v>#N/A</v></c>'
        b'<c r="IV3200" t="e"><f>1/0</f><v>#REF!</v></c></row></sheetData>', 1))
    scan = guard.check_package(p)
    assert scan.error_cells == {_title(p): {(13, 7): "#DIV/0!", (3199, 27): "#N/A", (3199, 255): "#REF!"}}
    assert guard.error_cells(p, _title(p))[(13, 7)] == "#DIV/0!"


def _flip_stored_byte(data: bytes, part: str) -> bytes:
    stored = _zip([(i.filename, d) for i, d in _parts(data)], zipfile.ZIP_STORED)
    info = zipfile.ZipFile(io.BytesIO(stored)).getinfo(part)
    at = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + 40
    b = bytearray(stored)
    b[at] ^= 0x01
    return bytes(b)


def _set_flags(data: bytes, part: str, *, flag: int | None = None, method: int | None = None) -> bytes:
    """Change a part's general-purpose flags or compression method in both of its headers."""
    b = bytearray(data)
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(part)
    local = info.header_offset
    central = next(m.start() for m in re.finditer(rb"PK\x01\x02", data)
                   if data[m.start() + 46:m.start() + 46 + struct.unpack("<H", data[m.start() + 28:m.start() + 30])[0]]
                   == part.encode())
    for at, off in ((local, 6), (central, 8)):
        if flag is not None:
            b[at + off:at + off + 2] = struct.pack("<H", flag)
        if method is not None:
            b[at + off + 2:at + off + 4] = struct.pack("<H", method)
    return bytes(b)


def test_damaged_packages_have_their_own_messages(tmp_path):
    base = base_workbook(1, 1)
    for part in (SHEET, "xl/styles.xml"):
        e = _refused(_write(tmp_path, "crc.xlsx", _flip_stored_byte(base, part)), CorruptPackageError)
        assert str(e).endswith("：文件已损坏，不是完整的工作簿（部件校验和不符）")
    deflated = bytearray(base)
    info = zipfile.ZipFile(io.BytesIO(base)).getinfo(SHEET)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    deflated[start:start + 8] = b"\xff" * 8
    e = _refused(_write(tmp_path, "inflate.xlsx", bytes(deflated)), CorruptPackageError)
    assert "文件已损坏，不是完整的工作簿（" in str(e)
    e = _refused(_write(tmp_path, "locked.xlsx", _set_flags(base, SHEET, flag=1)), CorruptPackageError)
    assert "压缩包中的部件加了密码，无法读取" in str(e)
    e = _refused(_write(tmp_path, "method.xlsx", _set_flags(base, SHEET, method=99)), CorruptPackageError)
    assert "压缩包使用了不支持的压缩方式，文件可能已损坏" in str(e)


def test_package_size_limits_each_refuse_with_their_numbers(tmp_path, monkeypatch):
    p = _write(tmp_path, "three.xlsx", base_workbook(3, 1))
    guard.check_workbook(p)
    monkeypatch.setattr(guard, "MAX_SHEETS", 2)
    e = _refused(p)
    assert "工作簿有 3 个工作表，超过上限 2 个" in str(e)
    monkeypatch.setattr(guard, "MAX_SHEETS", 255)
    parts = len(zipfile.ZipFile(p).infolist())
    monkeypatch.setattr(guard, "MAX_PARTS", parts - 1)
    e = _refused(p, ZipBombError)
    assert f"压缩包有 {parts} 个部件，超过上限 {parts - 1} 个，疑似恶意文件" in str(e)
    monkeypatch.setattr(guard, "MAX_PARTS", 4000)
    total = sum(i.file_size for i in zipfile.ZipFile(p).infolist())
    monkeypatch.setattr(guard, "MAX_TOTAL_BYTES", total - 1)
    e = _refused(p, ZipBombError)
    assert f"解压后共 {total / 2**20:.0f} MB，超过上限 {(total - 1) // 2**20} MB，疑似压缩炸弹，未读取" in str(e)
    monkeypatch.setattr(guard, "MAX_TOTAL_BYTES", total)
    guard._SCANS.clear()
    guard.check_workbook(p)
    monkeypatch.setattr(guard, "MAX_TOTAL_BYTES", 256 * 2**20)
    pad = _zip([(i.filename, d) for i, d in _parts(base_workbook(1, 1))] + [("xl/pad.xml", b"0" * (3 * 2**20))])
    e = _refused(_write(tmp_path, "ratio.xlsx", pad), ZipBombError)
    assert re.search(r"部件“xl/pad.xml”的压缩比为 \d+:1，超过上限 200:1，疑似压缩炸弹，未读取", str(e))


def test_engine_merges_pass_within_the_limits_and_name_the_first_refused():
    """``check_merges`` (merges as calamine reports them, 0-based): the cheap whole-list test lets
    good sheets through; a refused sheet still names the merge that crossed the limit."""
    side = 316  # 316 x 316 = 99,856 cells: under the single-area limit
    good = [((0, 0), (side - 1, side - 1)), ((400, 0), (400, 3))]
    guard.check_merges(good, "a.xlsx", "表1")
    guard.check_merges([], "a.xlsx", "表1")
    guard.check_merges(None, "a.xlsx", "表1")
    with pytest.raises(SheetLimitError) as e:
        guard.check_merges([((0, 0), (0, 1)), ((2, 0), (2 + guard.MAX_MERGE_AREA, 0))], "a.xlsx", "表1")
    assert e.value.cell == f"A3:A{3 + guard.MAX_MERGE_AREA}"
    n = guard.MAX_MERGED_TOTAL // (side * side) + 1  # each under the single limit, together over the total
    many = [((k * side, 0), (k * side + side - 1, side - 1)) for k in range(n + 2)]
    with pytest.raises(SheetLimitError) as e:
        guard.check_merges(many, "a.xlsx", "表1")
    crossing = next(k for k in range(len(many)) if (k + 1) * side * side > guard.MAX_MERGED_TOTAL)
    assert e.value.cell.startswith(f"A{crossing * side + 1}:")
