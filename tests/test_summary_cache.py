"""The 汇总表 written by ``summarize`` shows its numbers without recalculation (cached
formula results), carries its year in the title, and LibreOffice computes the same."""

from __future__ import annotations

import json

import openpyxl
import pytest
import python_calamine as pc

from conftest import need_libreoffice
from jixiao.cli import main
from jixiao.excel.workbook import write_forms


def _cells(path, sheet):
    wb = pc.CalamineWorkbook.from_path(str(path))
    return wb.get_sheet_by_name(sheet).to_python(skip_empty_area=False)


@pytest.mark.parametrize("linked", [True, False])
def test_summary_numbers_without_recalculation(tmp_path, sample_forms, capsys, linked):
    if linked:  # one workbook of ours: 项目明细 linked to the form sheets by formulas
        paths = [str(write_forms(sample_forms, tmp_path / "大厂.xlsx"))]
    else:       # a folder of returned workbooks: values copied, totals still formulas
        write_forms(sample_forms[:12], tmp_path / "报回" / "甲.xlsx")
        write_forms(sample_forms[12:], tmp_path / "报回" / "乙.xlsx")
        paths = [str(tmp_path / "报回")]
    out = tmp_path / "汇总.xlsx"
    assert main(["summarize", *paths, "-o", str(out), "--json"]) == 0
    s = json.loads(capsys.readouterr().out)
    rows = _cells(out, "汇总表")  # what a non-calculating reader sees
    assert rows[0][0] == "2022年度县直部门绩效自评情况汇总表"
    assert (rows[3][2], rows[3][3]) == (s["projects_due"], s["projects_done"]) == (23, 23)
    assert rows[4][2] == pytest.approx(s["funds_due"]) and rows[4][3] == pytest.approx(s["funds_done"])
    assert [rows[5 + k][2] for k in range(4)] == [s["grades"][g] for g in ("优", "良", "中", "差")]
    detail = _cells(out, "项目明细")
    assert [r[6] for r in detail[2:25]] == pytest.approx([r["exec_rate"] for r in s["rows"]])
    assert [r[9] for r in detail[2:25]] == [r["grade"] for r in s["rows"]]
    assert [r[1] for r in detail[2:25]] == [r["project"] for r in s["rows"]]
    ws = openpyxl.load_workbook(out)["汇总表"]
    assert isinstance(ws["C5"].value, str) and ws["C5"].value.startswith("=")  # still live formulas


@pytest.mark.libreoffice
def test_libreoffice_computes_the_cached_numbers(tmp_path, sample_forms, capsys):
    from jixiao.excel.office import convert

    need_libreoffice()
    write_forms(sample_forms[:12], tmp_path / "报回" / "甲.xlsx")
    write_forms(sample_forms[12:], tmp_path / "报回" / "乙.xlsx")
    out = tmp_path / "汇总.xlsx"
    main(["summarize", str(tmp_path / "报回"), "-o", str(out)])
    capsys.readouterr()
    cached = _cells(out, "汇总表")
    recalculated = _cells(convert(out, "xlsx", tmp_path / "lo"), "汇总表")
    assert [cached[r][2] for r in range(3, 9)] == pytest.approx([recalculated[r][2] for r in range(3, 9)])
    assert [cached[r][3] for r in (3, 4)] == pytest.approx([recalculated[r][3] for r in (3, 4)])
    assert cached[3][2] == 23


@pytest.mark.parametrize("by", ["实施单位", "主管部门"])
def test_the_by_unit_table_shows_its_numbers_without_recalculation(tmp_path, sample_json, capsys, by):
    """``summarize --by``: the 分单位汇总's formulas carry their results, as the 汇总表's do (a phone
    or a web preview showed every figure of it blank)."""
    files = []
    for i, data in enumerate(sample_json[:7]):
        p = tmp_path / f"{i}.json"
        name = "甲单位" if i < 4 else "乙单位"
        p.write_text(json.dumps(dict(data, unit=name, authority=name if i else None), ensure_ascii=False),
                     encoding="utf-8")
        files.append(str(p))
    out = tmp_path / "汇总.xlsx"
    assert main(["summarize", *files, "--by", by, "-o", str(out), "--json"]) == 0
    s = json.loads(capsys.readouterr().out)
    rows = {r[1]: r for r in _cells(out, "分单位汇总")[4:4 + len(s["groups"]) + 1]}
    assert set(rows) == {*s["groups"], "合计"}
    for name, g in [*s["groups"].items(), ("合计", s)]:
        r = rows[name]
        assert (r[2], r[3]) == (g["projects_due"], g["projects_done"]), name
        assert (r[4], r[5]) == (pytest.approx(g["funds_due"]), pytest.approx(g["funds_done"])), name
        assert r[6] == pytest.approx(g["funds_done"] / g["funds_due"]), name
        assert list(r[7:11]) == [g["grades"][k] for k in ("优", "良", "中", "差")], name
    ws = openpyxl.load_workbook(out)["分单位汇总"]
    last = 5 + len(s["groups"])  # the 合计
    assert str(ws["C5"].value).startswith("=") and str(ws[f"C{last}"].value).startswith("=SUM(")  # live formulas


def _all_cells(path):
    wb = pc.CalamineWorkbook.from_path(str(path))
    return {n: wb.get_sheet_by_name(n).to_python(skip_empty_area=False) for n in wb.sheet_names}


def test_the_linked_copy_keeps_the_form_sheets_stored_results(tmp_path, sample_forms, capsys):
    """``summarize BOOK.xlsx`` writes the 汇总表 into a copy of the forms' own workbook, saved by
    openpyxl: the forms' 执行率, 执行率得分, Σ分值, 总分 and 等级 keep the results the file stored
    (a phone, a previewer, calamine read them blank before). A formula that reads a sheet the
    汇总 writes anew keeps no old result: it would show what is no longer there."""
    from jixiao.excel.workbook import forms_workbook, save_workbook

    wb, caches = forms_workbook(sample_forms[:5])
    old = wb.create_sheet("汇总表")        # an earlier 汇总表, replaced by this one
    old["C4"] = 99
    note = wb.create_sheet("说明")
    note["A1"] = "='汇总表'!C4"          # stored as 99: no longer true once the 汇总表 is new
    note["A2"] = "=1+1"                  # reads nothing the 汇总 changes
    book = save_workbook(wb, tmp_path / "大厂.xlsx", {**caches, "说明": {"A1": 99, "A2": 2}})
    before = _all_cells(book)
    forms = [t for t in before if t not in ("汇总表", "说明")]
    assert len(forms) == 5 and all(before[t][33][7] not in ("", None) for t in forms)  # 总分 stored

    out = tmp_path / "汇总.xlsx"
    assert main(["summarize", str(book), "-o", str(out)]) == 0
    capsys.readouterr()
    after = _all_cells(out)
    for t in forms:
        assert after[t] == before[t], t
    assert after["说明"][0][0] == "" and after["说明"][1][0] == 2
    assert after["汇总表"][3][2] == 5
    ws = openpyxl.load_workbook(out)[forms[0]]
    assert str(ws["H34"].value).startswith("=")  # still the form's formula


def test_a_damaged_part_costs_only_its_own_sheets_results(tmp_path, sample_forms):
    """``stored_results`` reads the package again only for the results: a sheet part that does not
    inflate (corrupt data) or parse (cut short) is passed over, the other sheets keep theirs, and
    nothing is raised (a zlib.error came out of it)."""
    import zipfile

    from jixiao.excel.cache import stored_results

    src = write_forms(sample_forms[:3], tmp_path / "三张.xlsx")
    whole = stored_results(src)
    assert len(whole.sheets) == 3 and all(whole.sheets.values())
    with zipfile.ZipFile(src) as z:
        info = z.getinfo("xl/worksheets/sheet2.xml")
        start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
        cut = zipfile.ZipFile(tmp_path / "cut.xlsx", "w")
        for i in z.infolist():
            data = z.read(i.filename)
            cut.writestr(i, data[: len(data) // 2] if i.filename == info.filename else data)
        cut.close()
    data = bytearray(src.read_bytes())
    for k in range(start + 10, start + 60):
        data[k] ^= 0x5A
    (tmp_path / "corrupt.xlsx").write_bytes(bytes(data))
    second = list(whole.sheets)[1]
    for name in ("cut.xlsx", "corrupt.xlsx"):
        got = stored_results(tmp_path / name)
        assert set(got.sheets) == set(whole.sheets) - {second}, name
        assert all(got.sheets[t] == whole.sheets[t] for t in got.sheets), name
    (tmp_path / "junk.xlsx").write_bytes(b"not a package")
    assert stored_results(tmp_path / "junk.xlsx").sheets == {}
