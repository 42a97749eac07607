"""The summary workbook's fast cell writer (issue #18, session 26) writes what the generic one does.

``write_new._sheet_cells`` gives each cell its format from row bands (``_Grid``) and calls
XlsxWriter's undecorated ``_write_*`` methods; ``_sheet_cells_generic`` is the former path (one
``fmt_of`` per cell, public API). Both write the same workbook, part by part (the creation time
in docProps/core.xml aside). ``summary.cache._detail_cache`` gives what the former dict of every
明细 cell gave for the formula cells.
"""

from __future__ import annotations

import random
import re
import zipfile
from fractions import Fraction
from pathlib import Path

import pytest

from jixiao.cli import main
from jixiao.excel import write_new
from jixiao.excel.plan import AddChart, Formula, Plan, SheetSpec
from jixiao.excel.workbook import write_forms

_STAMP = re.compile(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>")


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: _STAMP.sub(b"", z.read(n)) if n == "docProps/core.xml" else z.read(n) for n in z.namelist()}


def _same_parts(a: Path, b: Path) -> None:
    pa, pb = _parts(a), _parts(b)
    assert list(pa) == list(pb)
    for name in pa:
        assert pa[name] == pb[name], name


def _both(monkeypatch, write) -> tuple[Path, Path]:
    """``write(tag)`` once with the fast cell writer, once with the generic one."""
    assert write_new.fast_cells_supported(), "the fast path is not on: nothing compared"
    fast = write("fast")
    with monkeypatch.context() as m:  # the public cell writer and XlsxWriter's own ``_write_cell``
        m.setattr(write_new, "_sheet_cells", write_new._sheet_cells_generic)
        m.setattr(write_new, "fast_cells_supported", lambda ws=None: False)
        generic = write("generic")
    return fast, generic


@pytest.mark.parametrize("by", [None, "实施单位", "主管部门"])
def test_summarize_writes_the_same_workbook_as_the_generic_path(tmp_path, sample_forms, monkeypatch, capsys, by):
    folder = tmp_path / "报回"
    write_forms(sample_forms[:12], folder / "甲.xlsx")
    write_forms(sample_forms[12:], folder / "乙.xlsx")
    (folder / "坏.xlsx").write_bytes(b"not a workbook")  # a 未能读取 sheet too
    monkeypatch.setenv("JIXIAO_NO_CACHE", "1")

    def write(tag: str) -> Path:
        out = tmp_path / f"{tag}.xlsx"
        main(["summarize", str(folder), "-o", str(out), *(["--by", by] if by else [])])
        capsys.readouterr()
        return out

    _same_parts(*_both(monkeypatch, write))


def _odd_plan() -> Plan:
    """A sheet with what the summary does not have: overlapping and reversed ranges, fills,
    quoted text, every value type, one cell under two spellings, links on numbers and on cells
    without a value, a value inside a merge, styled blanks, rows outside every range."""
    s = SheetSpec("杂", landscape=True, print_area="A1:H40", freeze="B2")
    s.cells.update({"A1": "标题", "B1": "盖住", "A2": "=1+1", "B2": "+x", "C2": "-", "D2": "@t", "E2": "",
                    "F2": None, "G2": True, "H2": False, "A3": 1, "B3": 2.5, "C3": Fraction(1, 3),
                    "D3": Formula("=SUM(A3:B3)"), "E3": Formula("=A2"), "F3": Formula('=IF(A3>1,"是","否")'),
                    "G3": 7, "$G$3": 8, "H3": "https://example.com", "A30": "远处", "C40": 3,
                    # one band, one column: quoted and not, linked and not
                    "C7": "=看", "C8": "看", "D7": "看", "D8": "-看", "H7": "链", "H8": "不链",
                    # formula results of every kind, and text XlsxWriter escapes (session 27)
                    "A4": Formula("=NA()"), "B4": Formula('=IF(A3<1,"<&>","x")'), "C4": Formula("=A3=1"),
                    "D4": Formula("=A3*2"), "E4": Formula("=A3/0"), "F4": Formula("=1")})
    s.merges += ["A1:C1", "E5:F6"]
    s.styles.update({"A1": "title", "A2:H10": "body", "C2:D20": "number", "B5:B3": "header", "E5": "center"})
    s.formats.update({"A3:H3": "0.00", "B3:B30": "0.00%", "G3": "0"})
    s.fills.update({"A2:B4": "FFC7CE", "H2:H12": "FFEB9C"})
    s.links.update({"A3": "杂!C40", "G3": "https://example.com/a", "H3": "https://example.com",
                    "B9": "/tmp/无此文件.xlsx", "H7": "杂!A1", "A30": "file:///tmp/%E6%96%87.xlsx"})
    s.widths.update({"A": 12, "H": 30})
    s.heights.update({1: 28, 30: 40})
    other = SheetSpec("次", position=0)
    other.cells.update({"A1": "第一", "B2": 3})
    plan = Plan()
    plan.add(s)
    plan.add(other)
    plan.add(AddChart("杂", "J2", "图", "'杂'!$A$3:$A$4", [("值", "'杂'!$B$3:$B$4")], chart="col"))
    return plan


def test_write_plan_odd_sheet_same_as_generic(tmp_path, monkeypatch):
    plan = _odd_plan()
    caches = {"杂": {"D3": 3.5, "E3": "2", "F3": "是", "A4": "#N/A", "B4": "<&>", "C4": True, "D4": 2,
                    "E4": "#DIV/0!", "F4": None}}
    _same_parts(*_both(monkeypatch, lambda tag: write_new.write_plan(plan, tmp_path / f"{tag}.xlsx", caches,
                                                                      mark="summary")))


def test_untested_xlsxwriter_takes_the_public_path(tmp_path, monkeypatch):
    monkeypatch.setattr(write_new, "XLSXWRITER_TESTED", ())
    assert not write_new.fast_cells_supported()
    seen = []
    real = write_new._sheet_cells_generic
    monkeypatch.setattr(write_new, "_sheet_cells_generic", lambda *a: seen.append(1) or real(*a))
    write_new.write_plan(_odd_plan(), tmp_path / "p.xlsx")
    assert seen == [1, 1]
    assert write_new._worksheet_class().__name__ == "_Sheet"  # XlsxWriter's own _write_cell


def test_grid_gives_what_spread_gives():
    rng = random.Random(26)
    letters = "ABCDEFGH"
    for _ in range(200):
        spec = SheetSpec("x")
        for ranges in (spec.styles, spec.formats, spec.fills):
            for _k in range(rng.randrange(0, 6)):
                a = f"{rng.choice(letters)}{rng.randrange(1, 15)}"
                b = f"{rng.choice(letters)}{rng.randrange(1, 15)}"
                ranges[a if rng.random() < 0.3 else f"{a}:{b}"] = rng.choice(["p", "q", "r", ""])
        grid = write_new._Grid(spec)
        style, num, fill = (write_new._spread(x) for x in (spec.styles, spec.formats, spec.fills))
        assert grid.covered() == {*style, *num, *fill}
        for r in range(-1, 17):
            for c in range(0, 10):
                want = (style.get((r, c)), num.get((r, c)), fill.get((r, c)))
                assert grid.band(r).get(c, (None, None, None)) == want, (r, c, spec)


def test_detail_cache_matches_every_cell_dict():
    from jixiao.summary import Summary
    from jixiao.summary.book import DETAIL_COLS, DETAIL_FIRST, DETAIL_SHEET, detail_sheet
    from jixiao.summary.cache import _detail_cache

    rows = [{"project": f"项目{i}", "annual": i * 1.5, "executed": None if i % 3 else i, "exec_rate": 0.5,
             "total": 90 - i, "grade": "优", "errors": 0, "warnings": i % 2, "source": f"f{i}.xlsx"}
            for i in range(25)]
    summary = Summary(unit=None, rows=rows, grades={}, projects_due=25, projects_done=25, funds_due=0.0,
                      funds_done=0.0)
    spec = detail_sheet(summary, linked=False)
    assert spec.name == DETAIL_SHEET
    # refs the plan never makes, which the former dict of every cell did not hold either
    spec.cells.update({"G03": Formula("=1"), "$G$4": Formula("=1"), "G0": Formula("=1"), "G28": Formula("=1"),
                       "Z5": Formula("=1"), "G²": Formula("=1"), "AG5": Formula("=1")})
    known = {}
    for i, row in enumerate(summary.rows):
        for col, _h, _w, key in DETAIL_COLS[1:]:
            v = row.get(key)
            known[f"{col}{DETAIL_FIRST + i}"] = "" if v is None else v
    want = {ref: known[ref] for ref, v in spec.cells.items() if isinstance(v, Formula) and ref in known}
    got = _detail_cache(spec, summary)
    assert got == want and list(got) == list(want)
    assert len(got) == 2 * len(rows)


# -- session 27 (h27-tail): references without the regular expression, links without copy.copy,
# numbers and shared strings written in one piece (``_FastSheet._write_cell``)
@pytest.mark.filterwarnings("ignore:Invalid cell reference")
def test_rc_matches_the_regex_path():
    rng = random.Random(27)
    refs = ["A1", "B12", "$B$12", "B$12", "AB1234567", "A12345678", "A01", "A0", "XFD1048576", "AAAA1", "a1",
            "A", "1", "", "A１", "A١", "ZZZ9", "Ａ1", "A1 "]
    for _ in range(3000):
        letters = "".join(rng.choice("ABCXYZa$") for _ in range(rng.randrange(0, 5)))
        digits = "".join(rng.choice("0123456789$٣") for _ in range(rng.randrange(0, 9)))
        refs.append(letters + digits)
    for ref in refs * 2:  # the second round with every column letters seen
        try:
            want: object = write_new._rc_regex(ref)
        except Exception as e:  # noqa: BLE001 - the same failure either way
            want = type(e)
        try:
            got: object = write_new._rc(ref)
        except Exception as e:  # noqa: BLE001
            got = type(e)
        assert got == want, ref


def test_file_uri_copies_like_copy_copy():
    import copy

    a = write_new._file_uri("/tmp/甲 乙.xlsx", "文字")
    b = write_new._file_uri("/tmp/甲 乙.xlsx", None)
    proto = write_new._URIS["/tmp/甲 乙.xlsx"]
    assert a is not proto and b is not proto and a is not b
    assert type(a) is type(proto) and vars(b) == vars(copy.copy(proto))
    assert a.text == "文字" and vars(proto)["_text"] != "文字"
    want = copy.copy(proto)
    want.text = "文字"
    assert vars(a) == vars(want)


def test_summarize_department_whole_and_samples_same_as_generic(tmp_path, monkeypatch, capsys):
    from conftest import SAMPLES
    from dept_helpers import ZIZHOU

    folder = tmp_path / "报回"
    folder.mkdir()
    assert main(["fill", str(SAMPLES[0]), str(ZIZHOU), "-o", str(folder / "部门.xlsx")]) == 0
    for i, sample in enumerate(SAMPLES):
        (folder / f"{i}{sample.suffix}").write_bytes(sample.read_bytes())
    (folder / "坏.xlsx").write_bytes(b"PK not a workbook")
    capsys.readouterr()
    monkeypatch.setenv("JIXIAO_NO_CACHE", "1")

    def write(tag: str) -> Path:
        out = tmp_path / f"{tag}.xlsx"
        main(["summarize", str(folder), "-o", str(out)])
        capsys.readouterr()
        return out

    _same_parts(*_both(monkeypatch, write))
