"""The one-cell formula look-up (``excel.cache.Package.holds_formula``) made cheap (issue #18, session 67).

The look-up found its cell with a regular expression that tried a match at every byte of a 30 KB part
(~0.7 ms a look-up, once for about a third of the forms), after inflating the part a second time. Now
it takes the bytes the package scan inflated moments before (``guard.scanned_sheet_xml``) and finds the
cell with ``bytes.find`` (``cache._cell_tag_end``). These tests hold both to what they replace: the scan's
bytes to ``zipfile``'s for every sheet of real workbooks, and the finding to the old pattern."""

from __future__ import annotations

import os
import random
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from jixiao import guard
from jixiao.excel.cache import Package, _cell_tag_end, _sheet_parts

ROOT = Path(__file__).resolve().parent.parent
BOOKS = [*sorted((ROOT / "xlsx_templates").glob("*.xls[xm]")), *sorted((ROOT / "tests" / "corpus").glob("0[1-4]*.xlsx"))]


def _old(data: bytes, ref: bytes) -> int:
    """Where the pattern the look-up used before ended its match, or -1."""
    m = re.search(rb'<c\s(?:[^>]*?\s)?r="' + re.escape(ref) + rb'"[^>]*>', data)
    return m.end() if m else -1


@pytest.mark.parametrize("path", BOOKS, ids=[p.name for p in BOOKS])
def test_scanned_bytes_are_the_parts_zipfile_reads(path):
    assert len(BOOKS) >= 5
    guard.check_package(path)
    with zipfile.ZipFile(path) as z:
        parts = _sheet_parts(z)
        assert parts
        for sheet, part in parts.items():
            assert guard.scanned_sheet_xml(path, sheet) == z.read(part), (path.name, sheet)
    assert guard.scanned_sheet_xml(path, "没有这张表") is None


def test_scanned_bytes_are_not_used_for_a_file_saved_since(tmp_path):
    src = tmp_path / "表.xlsx"
    shutil.copy(BOOKS[0], src)
    guard.check_package(src)
    sheet = next(iter(_sheet_parts(zipfile.ZipFile(src))))
    assert guard.scanned_sheet_xml(src, sheet) is not None
    st = src.stat()
    os.utime(src, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))   # saved again (same size)
    assert guard.scanned_sheet_xml(src, sheet) is None
    assert guard.scanned_sheet_xml(tmp_path / "别的.xlsx", sheet) is None


def test_the_look_up_takes_the_scanned_bytes(tmp_path, monkeypatch):
    """Within a scan of the file the part is not inflated again: a package whose zip cannot be read
    still answers from the scan (and answers as the zip would)."""
    src = tmp_path / "表.xlsx"
    shutil.copy(BOOKS[0], src)
    sheet = next(iter(_sheet_parts(zipfile.ZipFile(src))))
    truth = [Package(src).holds_formula(sheet, f"{c}{r}") for c in "ABCDEFGHIJ" for r in range(1, 40)]
    assert any(truth) and not all(t is None for t in truth)
    guard.check_package(src)
    package = Package(src)
    monkeypatch.setattr(package, "zip", lambda: (_ for _ in ()).throw(AssertionError("inflated again")))
    assert [package.holds_formula(sheet, f"{c}{r}") for c in "ABCDEFGHIJ" for r in range(1, 40)] == truth


@pytest.mark.parametrize("path", BOOKS[:3], ids=[p.name for p in BOOKS[:3]])
def test_find_is_the_old_pattern_on_real_parts(path):
    with zipfile.ZipFile(path) as z:
        for part in _sheet_parts(z).values():
            data = z.read(part)
            refs = set(re.findall(rb'\br="([A-Z]{1,3}[0-9]{1,7})"', data)) | {b"ZZ999", b"A1", b"H17"}
            found = 0
            for ref in refs:
                assert _cell_tag_end(data, ref) == _old(data, ref), (path.name, part, ref)
                found += _cell_tag_end(data, ref) > 0
            assert found > 0


def test_find_is_the_old_pattern_on_odd_writing():
    """Whitespace of every kind, the attribute not first, look-alikes (``<col``, ``sqref=``, ``r:id=``),
    a self-closing tag, a reference that is the tail of another (``AH17`` for ``H17``)."""
    pieces = [b'<c r="H17">', b'<c\tr="H17"/>', b'<c\nt="s"\r\nr="H17" s="3">', b'<col r="H17">', b'<c s="1"/>',
              b'<selection sqref="H17"/>', b'<c r="AH17"><f>1</f></c>', b'<hyperlink r:id="H17"/>', b'<cr="H17">',
              b'<c s="2" r="H17"', b'r="H17">', b'<c  r="H170">', b'<c\x0cr="H17">', b'<c r="H17"><f>SUM(A1)</f></c>',
              b'<c x="a>" r="H17">', b'<row r="17">']
    rng = random.Random(67)
    for _ in range(3000):
        data = b"".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
        for ref in (b"H17", b"AH17", b"H170"):
            assert _cell_tag_end(data, ref) == _old(data, ref), (data, ref)
