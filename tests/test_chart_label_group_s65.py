"""A bar's label on the 图表 kept a name's beginning and its last five characters, never cut inside a bracket's
group: a name ending in a longer group lost it whole — “21．新冠病毒疫苗及接种费用…” for each of the projects the
group told apart (“（县级配套资金）”, “（中央财政第二批转移支付资金）”), and “县级专项资金分配方案请…” without its
文号. The end's group is kept now: whole where it leaves the beginning six characters, else its own beginning
and its closing bracket (“（中央财政第二批…）”); the name's beginning shortened for it."""

from __future__ import annotations

import pytest

from conftest import need_libreoffice
from jixiao.summary.book import CHART_SHEET, DETAIL_FIRST, chart_label, label_name

GROUPED = [
    "新冠病毒疫苗及接种费用（县级配套资金）",
    "新冠病毒疫苗及接种费用（中央财政第二批转移支付资金）",
    "新冠病毒疫苗及接种费用（中央财政第三批转移支付资金）",
    "县级专项资金分配方案请示报告（冀财社〔2021〕164号）",
    "县级 专项资金 分配方案请示报告 冀财社(2021)164 号",       # a group inside, not at the end: as before
    "2022年中央财政衔接推进乡村振兴补助资金（第二批）",          # a group the end's room held: as before
    "新冠（病毒疫苗及接种费用中央财政第二批转移支付资金）",       # the beginning shorter than its room
    "（中央财政第二批转移支付资金县级配套新冠病毒疫苗及接种费用）",  # the name one group
    "Vaccination programme for the county (central transfer, second batch)",
    "疫苗接种（第二批（县级））",                                   # fits: whole
]


def _units(text: str) -> int:
    return sum(1 if " " <= c <= "~" else 2 for c in text)


def test_the_end_group_that_tells_projects_apart_is_kept():
    assert chart_label(21, GROUPED[0]) == "21．新冠病毒疫苗及接…（县级配套资金）"
    assert chart_label(22, GROUPED[1]) == "22．新冠病毒疫苗…（中央财政第二批…）"
    assert chart_label(23, GROUPED[2]) == "23．新冠病毒疫苗…（中央财政第三批…）"
    assert chart_label(4, GROUPED[3]) == "4．县级专项资金…（冀财社〔2021〕…）"
    assert chart_label(5, GROUPED[4]) == "5．县级专项资金分配方案请…164号"
    assert chart_label(6, GROUPED[5]) == "6．2022年中央财政衔接推进…（第二批）"
    assert chart_label(7, GROUPED[6]) == "7．新冠（病毒疫苗及接种费用中央财…）"   # the room the beginning left
    assert chart_label(8, GROUPED[7]) == "8．（中央财政第二批转移支付资金县…）"
    assert chart_label(9, GROUPED[8]) == "9．Vaccination…(central transfer…)"   # cut where words end
    assert chart_label(10, GROUPED[9]) == "10．疫苗接种（第二批（县级））"
    for i, name in enumerate(GROUPED):
        body = chart_label(i + 1, name).split("．", 1)[1]
        assert _units(body) <= _units(chart_label(1, "恰好" * 9).split("．", 1)[1]) or body == label_name(name), body
        depth = 0
        for c in body:
            depth += (c in "（(〔【《[“") - (c in "）)〕】》]”")
            assert depth >= 0, body
        assert depth == 0, body


@pytest.mark.libreoffice
def test_libreoffice_computes_the_label_its_twin_says(tmp_path):
    need_libreoffice()
    import openpyxl

    from jixiao.excel.office import convert
    from jixiao.summary.book import (DETAIL_SHEET, GROUP_COL, KEPT_COL, NAME_COL, ROOM_COLS, chart_label_formula,
                                     label_group, label_group_formula, label_kept, label_kept_formula,
                                     label_name_formula, label_rooms, label_rooms_formulas)

    names = [*GROUPED, "", "a" * 40 + ")", "（" * 3 + "）" * 20, "甲" * 20 + "）", "乙" * 30 + "（丙）" * 3]
    wb = openpyxl.Workbook()
    detail, charts = wb.active, wb.create_sheet(CHART_SHEET)
    detail.title = DETAIL_SHEET
    for i, name in enumerate(names):
        r = DETAIL_FIRST + i
        detail[f"A{r}"], detail[f"B{r}"] = i + 1, name or None
        charts[f"{NAME_COL}{r}"] = label_name_formula(r).text
        charts[f"{GROUP_COL}{r}"] = label_group_formula(r).text
        for col, formula in zip(ROOM_COLS, label_rooms_formulas(r)):
            charts[f"{col}{r}"] = formula.text
        charts[f"{KEPT_COL}{r}"] = label_kept_formula(r).text
        charts[f"A{r}"] = chart_label_formula(r).text
    wb.save(tmp_path / "labels.xlsx")
    got = openpyxl.load_workbook(convert(tmp_path / "labels.xlsx", "xlsx", tmp_path / "lo"), data_only=True)[CHART_SHEET]
    rows = range(DETAIL_FIRST, DETAIL_FIRST + len(names))
    groups = [label_group(label_name(n)) for n in names]
    assert [got[f"{GROUP_COL}{r}"].value or "" for r in rows] == groups
    assert sum(map(bool, groups)) == 7   # the test's names that end in a wide group
    rooms = [label_rooms(label_name(n), g) if g else ("", "") for n, g in zip(names, groups)]
    value = lambda ref: "" if got[ref].value is None else got[ref].value  # noqa: E731 - "" reads as None
    assert [(value(f"{ROOM_COLS[0]}{r}"), value(f"{ROOM_COLS[1]}{r}")) for r in rows] == [
        (a, "" if b is None else b) for a, b in rooms]
    assert [value(f"{KEPT_COL}{r}") for r in rows] == [label_kept(label_name(n)) for n in names]
    assert [got[f"A{r}"].value for r in rows] == [chart_label(i + 1, n) for i, n in enumerate(names)]


@pytest.mark.libreoffice
def test_a_summary_labels_its_bars_by_the_group_in_libreoffice_too(tmp_path, sample_json, capsys):
    """``summarize`` end to end: the 图表 sheet's labels as cached (a viewer that does not recalculate) and as
    LibreOffice computes them are the same, each keeping its project's end group."""
    need_libreoffice()
    import json

    import python_calamine as pc

    from jixiao.cli import main
    from jixiao.excel.office import convert
    from jixiao.excel.workbook import write_forms
    from jixiao.forms.project.model import parse_form
    from jixiao.summary.book import LABEL_COL, LABEL_FIRST

    forms = []
    for i, name in enumerate(GROUPED[:4]):
        d = json.loads(json.dumps(sample_json[0]))
        d["project"] = name
        forms.append(parse_form(d, f"{i}.json"))
    out = tmp_path / "汇总.xlsx"
    main(["summarize", str(write_forms(forms, tmp_path / "表.xlsx")), "-o", str(out)])
    capsys.readouterr()

    def labels(path):
        rows = pc.CalamineWorkbook.from_path(str(path)).get_sheet_by_name(CHART_SHEET).to_python(skip_empty_area=False)
        col = ord(LABEL_COL) - ord("A")
        return [rows[LABEL_FIRST - 1 + i][col] for i in range(len(forms))]

    cached = labels(out)
    assert cached == [chart_label(i + 1, n) for i, n in enumerate(GROUPED[:4])]
    assert labels(convert(out, "xlsx", tmp_path / "lo")) == cached
