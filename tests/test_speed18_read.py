"""The faster project reader (issue #18) reads every sheet exactly as the cell-by-cell read does:
blank indicator rows skipped on one count, labels without a regex, the 总分 row found without
building addresses, a kind's reader module looked up once."""

from __future__ import annotations

import copy
import datetime as dt
import re
import sys
from pathlib import Path

import pytest
import python_calamine as pc

import jixiao
from jixiao.excel.workbook import write_forms
from jixiao.forms import KINDS
from jixiao.forms.project import reader as R
from jixiao.forms.project.model import load_form

SAMPLES = Path(jixiao.__file__).resolve().parent / "samples" / "dachang-2022"


@pytest.fixture(scope="module")
def sheets(tmp_path_factory):
    """The 23 sample forms in our template, as calamine gives each sheet's values."""
    forms = [load_form(p) for p in sorted(SAMPLES.glob("[0-9][0-9].json"))]
    path = write_forms(forms, tmp_path_factory.mktemp("s") / "forms.xlsx")
    wb = pc.CalamineWorkbook.from_path(str(path))
    out = [(n, wb.get_sheet_by_name(n).to_python(skip_empty_area=False)) for n in wb.sheet_names]
    wb.close()
    assert len(out) >= 23
    return out


def _read(rows, sheet):
    got = R.read_sheet_rows(rows, "f.xlsx", sheet)
    assert got is not None
    forms, problems = got
    return ([(sf.form.model_dump(), sf.form.to_dict(), sf.rows, sf.layout, sf.cells) for sf in forms],
            [str(p) for p in problems])


def _blank_rows(rows):
    """The template's indicator rows whose cells B..I are all blank."""
    total = R._Grid(rows, "f", "s").total_row()
    return [i for i in range(R.L.FIRST_IND - 1, total - 1) if rows[i][R._IND_SPAN].count("") == 8]


def _as_none(rows):
    return [[None if v == "" else v for v in row] for row in rows]


def test_blank_rows_read_as_the_cell_by_cell_path_reads_them(sheets):
    """Blanks as None (an open workbook's values) go the cell-by-cell way; the forms are the same,
    and so are they with a blank row cut short, or holding text outside the indicator columns."""
    seen_blank = 0
    for name, rows in sheets:
        fast = _read(rows, name)
        assert fast[0] and not fast[1], name
        assert _read(_as_none(rows), name) == fast, name
        blank = _blank_rows(rows)
        seen_blank += len(blank)
        odd = copy.deepcopy(rows)
        for k, i in enumerate(blank):
            odd[i] = [] if k % 3 == 0 else (odd[i][:4] if k % 3 == 1 else odd[i] + ["旁注"])
        assert _read(odd, name) == fast, name
    assert seen_blank > 50  # the fast path was taken


@pytest.mark.parametrize("col", range(0, 11))
@pytest.mark.parametrize("value", ["新值", 5.0, " ", 0.0])
def test_a_blank_row_with_one_value_reads_as_cell_by_cell(sheets, col, value):
    """One value in any column of a blank indicator row: the same forms or the same problem as
    the cell-by-cell read gives (blanks as None take that path)."""
    name, rows = sheets[0]
    rows = copy.deepcopy(rows)
    i = _blank_rows(rows)[0]
    rows[i] = rows[i] + [""] * (11 - len(rows[i]))
    rows[i][col] = value
    got = _read(rows, name)
    assert got == _read(_as_none(rows), name)
    if col == R._rc(f"{R.L.IND_COL_OF['name']}1")[1] and value == "新值":  # read, not skipped
        assert "新值" in [ind["name"] for ind in got[0][0][0]["indicators"]]
    if col == R._rc(f"{R.L.IND_COL_OF['weight']}1")[1] and value == "新值":  # a 分值 that is no number
        assert got[1] and f"G{i + 1}" in got[1][0]


class _S(str):
    pass


CELLS = ["文字", "", " ", "0", "12", "1,000", "abc", 3.0, 2.5, 0.0, -0.0, 7, True, False, None,
         dt.date(2023, 3, 1), dt.datetime(2023, 3, 1, 8, 0), _S("子类"), _S("")]


@pytest.mark.parametrize("value", CELLS, ids=repr)
def test_indicator_cells_read_as_value_then_text_or_number(sheets, value):
    """Each indicator cell is what ``_as_text(_value(v))`` (text columns) or ``as_number(_value(v))``
    (分值, 得分) makes of it, whatever the cell holds: the shortcuts for a str and a number change nothing."""
    name, rows = sheets[0]
    rows = copy.deepcopy(rows)
    i = R.L.FIRST_IND - 1
    for f, c in R._IND_TEXT:
        rows[i][c] = value
        got, problems = _read(rows, name)
        expected = R._as_text(R._value(value))
        ind = got[0][0]["indicators"][0] if got and got[0][0]["indicators"] else None
        if f in ("level1", "level2") and not expected:
            continue  # inherited from above (none above the first row): not a shortcut matter
        if f == "name":
            expected = R._PREFIX.sub("", expected or "")
        assert not problems and ind is not None, (f, value, problems)
        assert ind[f] == expected and type(ind[f]) is type(expected), (f, value, ind[f], expected)
        rows[i][c] = copy.deepcopy(sheets[0][1][i][c])
    for f, c, letter, what in R._IND_NUMBERS:
        rows[i][c] = value
        got, problems = _read(rows, name)
        grid = R._Grid(rows, "f.xlsx", name)
        expected = grid.as_number(R._value(value), what, f"{letter}{i + 1}")
        if grid.errors:  # the same refusal, in the same words
            assert problems == [str(e) for e in grid.errors]
        else:
            assert not problems and got[0][0]["indicators"][0][f] == expected
            assert type(got[0][0]["indicators"][0][f]) is type(expected)
        rows[i][c] = copy.deepcopy(sheets[0][1][i][c])


def test_label_drops_exactly_what_the_regex_drops():
    text = "".join(map(chr, range(0, 0x3100))) + "\u3000\ufeff\u200b\U0001f600\ud800"
    assert "".join(text.split()) == re.sub(r"\s+", "", text)
    grid = R._Grid([[" 总\u3000分\t"], [None], [3.0], [True], ["项 目 名 称"]], "f", "s")
    assert [grid.label(f"A{r}") for r in range(1, 6)] == ["总分", "", "3", "True", "项目名称"]


@pytest.mark.parametrize("first", [1, 2, 3, 4])
def test_label_row_is_the_first_row_whose_label_matches(first):
    rows = [["x"], [], [None, "总分"], [" 总 分 "], ["总分"], [""], ["总分", 1]]
    grid = R._Grid(rows, "f", "s")
    for label in ("总分", "x", "", "无"):
        expected = next((r for r in range(first, len(rows) + 1) if grid.label(f"A{r}") == label), None)
        assert grid.label_row(label, first) == expected


def test_a_kinds_reader_is_looked_up_where_it_is_now(monkeypatch):
    """The module is remembered, the function is not: a replaced reader is the one called."""
    kind = next(k for k in KINDS if k.key == "project")
    assert kind.part("read_rows") is R.read_sheet_rows
    monkeypatch.setattr(R, "read_sheet_rows", lambda *a: ("replaced", a))
    assert kind.read_rows([["x"]], "f", "s")[0] == "replaced"
    assert sys.modules[R.__name__] is R
