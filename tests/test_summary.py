"""汇总: totals from the forms, the published 汇总表 compared, and the workbook it writes,
recalculated in LibreOffice — including the live link from a form to the 汇总表."""

from __future__ import annotations

import json
import shutil

import openpyxl
import python_calamine as pc
import pytest

from conftest import SAMPLES, need_libreoffice
from jixiao.cli import main
from jixiao.excel.office import convert
from jixiao.excel.workbook import write_forms

PUBLISHED = SAMPLES[0].parent / "summary-as-published.json"


@pytest.fixture(scope="module")
def book(sample_forms, tmp_path_factory):
    return write_forms(sample_forms, tmp_path_factory.mktemp("sum") / "大厂-2022.xlsx")


def run_json(capsys, *argv):
    code = main(list(argv) + ["--json"])
    return code, json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("source", ["workbook", "json"])
def test_totals_of_the_samples(book, capsys, source):
    paths = [str(book)] if source == "workbook" else [str(p) for p in SAMPLES]
    code, s = run_json(capsys, "summarize", *paths)
    assert code == 0
    assert (s["projects_due"], s["projects_done"]) == (23, 23)
    assert s["funds_due"] == pytest.approx(568.64) and s["funds_done"] == pytest.approx(425.395)
    assert s["grades"] == {"优": 20, "良": 0, "中": 0, "差": 3}
    assert len(s["rows"]) == 23 and s["incomplete"] is False
    row = s["rows"][0]
    assert row["exec_rate"] == pytest.approx(0.925) and row["total"] == 97.75 and row["grade"] == "优"
    assert row["errors"] >= 1  # 01's cost indicator is mis-scored


def test_compare_flags_the_published_funds_done(book, capsys):
    code, s = run_json(capsys, "summarize", str(book), "--compare", str(PUBLISHED))
    assert code == 1
    (f,) = s["compare"]
    assert f["field"] == "summary.funds_done" and f["found"] == 568.64
    assert f["expected"] == pytest.approx(425.395) and f["severity"] == "error"


def test_by_unit_makes_one_summary_per_group(tmp_path, sample_json, capsys):
    files = []
    for i, data in enumerate(sample_json[:5]):
        d = dict(data, unit="甲单位" if i < 3 else "乙单位")
        p = tmp_path / f"{i}.json"
        p.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
        files.append(str(p))
    out = tmp_path / "汇总.xlsx"
    code, s = run_json(capsys, "summarize", *files, "--by", "实施单位", "-o", str(out))
    assert code == 0
    assert set(s["groups"]) == {"甲单位", "乙单位"}
    assert s["groups"]["甲单位"]["projects_due"] == 3 and s["groups"]["乙单位"]["projects_due"] == 2
    assert {"汇总表", "汇总表-甲单位", "汇总表-乙单位", "项目明细"} <= set(openpyxl.load_workbook(out).sheetnames)


def test_unreadable_files_make_the_summary_incomplete(tmp_path, book, capsys):
    folder = tmp_path / "报回"
    folder.mkdir()
    shutil.copy(book, folder / "a.xlsx")
    (folder / "坏文件.xlsx").write_bytes(b"PK\x03\x04 broken")
    out = tmp_path / "汇总.xlsx"
    code, s = run_json(capsys, "summarize", str(folder), "-o", str(out))
    assert code == 1 and s["incomplete"] is True
    (u,) = s["unreadable"]
    assert u["file"].endswith("坏文件.xlsx") and "无法作为工作簿打开" in u["reason"]
    wb = openpyxl.load_workbook(out)
    assert "未能读取" in wb.sheetnames
    assert wb["未能读取"]["A3"].value.endswith("坏文件.xlsx")
    assert wb["未能读取"]["A1"].value.startswith("未能读取的文件或表（1 个文件）")
    assert wb["未能读取"]["D3"].value.startswith("无法作为工作簿打开")  # the file is in column A, not again here
    assert u["message"] == wb["未能读取"]["D3"].value
    # the printed 汇总表 itself says so, not only the sheet behind it (its 说明 did not)
    # written as the 说明's other items (“另有2张自评表未计入本表”): no spaces around the number
    assert wb["汇总表"]["A10"].value.endswith("4. 另有1个文件或表未能读取，其项目和资金未计入（见“未能读取”工作表）。")


def test_text_from_forms_never_becomes_a_formula(tmp_path, sample_json, capsys):
    data = dict(sample_json[0], project='=HYPERLINK("http://x","点我")', unit="+1")
    p = tmp_path / "f.json"
    p.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "汇总.xlsx"
    assert main(["summarize", str(p), str(SAMPLES[1]), "-o", str(out)]) == 0
    ws = openpyxl.load_workbook(out)["项目明细"]
    assert ws["B3"].value == data["project"] and ws["B3"].data_type == "s"
    assert ws["D3"].value == "+1" and ws["D3"].data_type == "s"


def _summary_values(path):
    ws = openpyxl.load_workbook(path, data_only=True)["汇总表"]
    return {ref: ws[ref].value for ref in ("C4", "D4", "C5", "D5", "C6", "C7", "C8", "C9")}


@pytest.mark.libreoffice
@pytest.mark.parametrize("mode", ["linked", "copied"])
def test_summary_sheet_computes_in_libreoffice(book, tmp_path, mode):
    need_libreoffice()
    src = [str(book)] if mode == "linked" else [str(p) for p in SAMPLES]
    out = tmp_path / f"{mode}.xlsx"
    main(["summarize", *src, "-o", str(out)])
    v = _summary_values(convert(out, "xlsx", tmp_path / "lo"))
    assert (v["C4"], v["D4"]) == (23, 23)
    assert v["C5"] == pytest.approx(568.64) and v["D5"] == pytest.approx(425.395)
    assert (v["C6"], v["C7"], v["C8"], v["C9"]) == (20, 0, 0, 3)


@pytest.mark.libreoffice
def test_editing_a_form_updates_the_linked_summary(book, tmp_path):
    """Change a form's 全年执行数, recalculate, and the 汇总表 follows without 汇总 again."""
    need_libreoffice()
    out = tmp_path / "linked.xlsx"
    main(["summarize", str(book), "-o", str(out)])
    wb = openpyxl.load_workbook(out)
    ws = wb["家庭医生签约服务费"]              # 17.json: 90 万元 budget, 0 executed, 总分 0
    ws["E7"] = 90                              # now fully executed
    ws["H34"] = 95                             # and self-scored 95 by its filler
    edited = tmp_path / "edited.xlsx"
    wb.save(edited)
    v = _summary_values(convert(edited, "xlsx", tmp_path / "lo"))
    assert v["D5"] == pytest.approx(425.395 + 90)
    assert (v["C6"], v["C9"]) == (21, 2)
    detail = openpyxl.load_workbook(tmp_path / "lo" / "edited.xlsx", data_only=True)["项目明细"]
    row = next(r for r in detail.iter_rows(min_row=3) if r[1].value == "家庭医生签约服务费")
    assert row[6].value == pytest.approx(1.0) and row[9].value == "优"


def test_files_written_by_code_get_their_formula_results(sample_forms, tmp_path, capsys):
    """A workbook saved by a script stores formulas without results: summarize computes
    them as Excel would (the form's own 总分), while `read` reports what the file holds."""
    import openpyxl as ox

    from jixiao.forms.project.reader import read_workbook

    src = write_forms(sample_forms[:3], tmp_path / "cached.xlsx")
    wb = ox.load_workbook(src)          # openpyxl re-save: formulas kept, cached values gone
    wb.save(tmp_path / "by-code.xlsx")
    assert read_workbook(tmp_path / "by-code.xlsx").forms[0].form.total_score is None
    code, s = run_json(capsys, "summarize", str(tmp_path / "by-code.xlsx"))
    assert [r["total"] for r in s["rows"]] == [97.75, 95.65, 100]
    assert s["rows"][0]["exec_rate"] == pytest.approx(0.925)


def test_copied_rows_link_to_their_returned_workbook(tmp_path, book, capsys):
    folder = tmp_path / "报回"
    folder.mkdir()
    shutil.copy(book, folder / "甲局.xlsx")
    out = tmp_path / "汇总.xlsx"
    other = tmp_path / "乙局-01.json"  # another unit's form: the same project of the same unit counts once
    other.write_text(SAMPLES[0].read_text(encoding="utf-8").replace("大厂回族自治县医疗保障局", "乙局"),
                     encoding="utf-8")
    main(["summarize", str(folder), str(other), "-o", str(out)])
    capsys.readouterr()
    ws = openpyxl.load_workbook(out)["项目明细"]
    assert ws["M3"].value == "甲局.xlsx"  # the file's name: the project is in 项目名称, the folder the user's
    assert ws["M3"].hyperlink.target == (folder / "甲局.xlsx").resolve().as_uri()
    last = max(c.row for c in ws["M"] if c.value)   # a note may stand under the table (a score over 100)
    assert ws[f"M{last}"].value.endswith("乙局-01.json") and ws[f"M{last}"].hyperlink is None


LONG_FOLDER = "财政局绩效科2023年度部门预算绩效自评材料收件箱/大厂回族自治县医疗保障局（第二次报送，已按退回意见修改）"
LONG_FILE = "大厂回族自治县医疗保障局-2022年度-项目支出绩效自评表（修改稿）.xlsx"


@pytest.mark.parametrize("mode", ["linked", "new"])
def test_the_source_column_shows_one_line_and_links_the_whole(sample_forms, tmp_path, capsys, mode):
    """项目明细's 来源 is a link, and LibreOffice does not wrap a link cell: a long path was cut at
    the page's edge, printed and on screen. It shows the file's name (or, linked, the sheet's) as
    one line of the column, shortened in the middle where longer; the link keeps the whole target."""
    from jixiao.excel.fit import one_line, row_height
    from jixiao.summary.book import DETAIL_COLS

    SOURCE_WIDTH = dict((c, w) for c, _h, w, _k in DETAIL_COLS)["M"]
    book = write_forms(sample_forms[4:8], tmp_path / LONG_FOLDER / LONG_FILE)
    paths = [str(book)]
    if mode == "new":
        paths.append(str(write_forms(sample_forms[:2], tmp_path / "乙.xlsx")))
    out = tmp_path / "汇总.xlsx"
    run_json(capsys, "summarize", *paths, "-o", str(out))
    ws = openpyxl.load_workbook(out)["项目明细"]
    assert ws.column_dimensions["M"].width >= SOURCE_WIDTH
    rows = [r for r in range(3, ws.max_row + 1) if ws[f"B{r}"].value]
    assert len(rows) == (6 if mode == "new" else 4)
    for r in rows:
        cell = ws[f"M{r}"]
        assert row_height([(cell.value, SOURCE_WIDTH)]) == row_height([("一", SOURCE_WIDTH)])  # one line
        link = cell.hyperlink
        if mode == "linked":
            sheet = link.location.rsplit("!", 1)[0].strip("'").replace("''", "'")
            assert cell.value == one_line(sheet, SOURCE_WIDTH) and sheet in openpyxl.load_workbook(out).sheetnames
        elif cell.value == "乙.xlsx":
            assert link.target == (tmp_path / "乙.xlsx").resolve().as_uri()
        else:
            assert link.target == book.resolve().as_uri()  # the whole path, however long
            assert cell.value != LONG_FILE and "…" in cell.value
            head, tail = cell.value.split("…")
            assert LONG_FILE.startswith(head) and LONG_FILE.endswith(tail) and head.startswith("大厂回族自治县")
            assert tail.endswith("（修改稿）.xlsx")
    long_sheet = [ws[f"M{r}"].value for r in rows if "…" in ws[f"M{r}"].value]
    assert len(long_sheet) == (4 if mode == "new" else 2)  # linked: “国家级社会管理……” and “关于提前下达……”
    assert ws.page_setup.paperSize in (9, "9") and ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth in (1, "1", None)


def test_one_line_keeps_what_fits_and_shortens_the_middle_of_the_rest():
    from jixiao.excel.fit import one_line, row_height

    assert one_line("乙.xlsx", 34) == "乙.xlsx"
    assert one_line("", 34) == ""
    for text in (LONG_FILE, "x" * 200, "关于提前下达2022年中央财政医疗服务与保障能力提升补助资金的通知"):
        short = one_line(text, 34)
        head, tail = short.split("…")
        assert text.startswith(head) and text.endswith(tail) and len(short) < len(text)
        assert row_height([(short, 34)]) == row_height([("一", 34)])    # one line
        assert abs(len(head.encode()) - len(tail.encode())) <= 6          # as much of the beginning as of the end


def test_a_form_without_its_own_total_is_due_but_not_evaluated(tmp_path, sample_json, capsys):
    """已评价数 counts forms that carry a 总分; grades count those forms only (by their own 总分)."""
    data = dict(sample_json[0], total_score=None)
    p = tmp_path / "no-total.json"
    p.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, s = run_json(capsys, "summarize", str(p), str(SAMPLES[1]))
    assert (s["projects_due"], s["projects_done"]) == (2, 1)
    assert s["grades"]["优"] == 1 and s["rows"][0]["total"] is None and s["rows"][0]["reviewed_total"] == 99.25


def test_notes_added_to_the_summary_are_numbered_after_its_own():
    from jixiao.excel.plan import SheetSpec
    from jixiao.summary.book import add_note

    spec = SheetSpec("汇总表")
    spec.cells["A10"] = "说明：1. 甲。2. 乙。3. 丙（“项目明细”工作表 2. 不是编号）。"
    add_note(spec, "丁。")
    add_note(spec, "戊。")
    assert spec.cells["A10"].endswith("3. 丙（“项目明细”工作表 2. 不是编号）。\n4. 丁。\n5. 戊。")


@pytest.mark.libreoffice
def test_the_by_unit_table_computes_in_libreoffice(tmp_path, sample_json, capsys):
    """``summarize --by``: the 分单位汇总 right after the 汇总表, one row per group as formulas on the
    项目明细 that LibreOffice computes to the groups' own figures, and a 合计 equal to the 汇总表."""
    need_libreoffice()
    files = []
    for i, data in enumerate(sample_json[:7]):
        p = tmp_path / f"{i}.json"
        p.write_text(json.dumps(dict(data, unit="甲单位" if i < 4 else "乙单位"), ensure_ascii=False), encoding="utf-8")
        files.append(str(p))
    out = tmp_path / "汇总.xlsx"
    code, s = run_json(capsys, "summarize", *files, "--by", "实施单位", "-o", str(out))
    assert openpyxl.load_workbook(out).sheetnames[:2] == ["汇总表", "分单位汇总"]
    lo = convert(out, "xlsx", tmp_path / "lo")
    ws = openpyxl.load_workbook(lo, data_only=True)["分单位汇总"]
    rows = {r[1]: r for r in ws.iter_rows(min_row=5, max_row=7, values_only=True)}
    for name in ("甲单位", "乙单位"):
        g, r = s["groups"][name], rows[name]
        assert (r[2], r[3]) == (g["projects_due"], g["projects_done"]), name
        assert r[4] == pytest.approx(g["funds_due"]) and r[5] == pytest.approx(g["funds_done"])
        assert list(r[7:11]) == [g["grades"].get(k, 0) for k in ("优", "良", "中", "差")]
        assert r[6] == pytest.approx(g["funds_done"] / g["funds_due"])
    total, v = rows["合计"], _summary_values(lo)
    assert (total[2], total[3]) == (v["C4"], v["D4"]) and total[4] == pytest.approx(v["C5"])
    assert list(total[7:11]) == [v["C6"], v["C7"], v["C8"], v["C9"]]


@pytest.mark.libreoffice
@pytest.mark.parametrize("mode", ["linked", "copied"])
def test_the_group_of_forms_without_authority_computes_in_libreoffice(book, tmp_path, capsys, mode):
    """``--by 主管部门`` on the samples: 20 of 23 leave 主管部门 blank, grouped as “（未填写）”. Its
    汇总表 and its 分单位汇总 row count the 明细 rows whose 主管部门 is empty (the formulas looked
    for the text “（未填写）”, which no 明细 cell holds, and gave 0 where the cache said 20)."""
    need_libreoffice()
    if mode == "linked":
        paths = [str(book)]
    else:  # a new workbook, 明细 as values
        paths = [str(p) for p in SAMPLES]
    out = tmp_path / "汇总.xlsx"
    code, s = run_json(capsys, "summarize", *paths, "--by", "主管部门", "-o", str(out))
    g = s["groups"]["（未填写）"]
    assert g["projects_due"] == 20
    lo = openpyxl.load_workbook(convert(out, "xlsx", tmp_path / "lo"), data_only=True)
    ws = lo["汇总表-（未填写）"]
    assert (ws["C4"].value, ws["D4"].value) == (g["projects_due"], g["projects_done"])
    assert (ws["C5"].value, ws["D5"].value) == (pytest.approx(g["funds_due"]), pytest.approx(g["funds_done"]))
    assert [ws[f"C{r}"].value for r in range(6, 10)] == [g["grades"][k] for k in ("优", "良", "中", "差")]
    rows = {r[1]: r for r in lo["分单位汇总"].iter_rows(min_row=5, max_row=7, values_only=True)}
    r = rows["（未填写）"]
    assert (r[2], r[3]) == (g["projects_due"], g["projects_done"])
    assert r[4] == pytest.approx(g["funds_due"]) and list(r[7:11]) == [g["grades"][k] for k in ("优", "良", "中", "差")]
    assert (rows["合计"][2], rows["合计"][3]) == (s["projects_due"], s["projects_done"])


@pytest.mark.parametrize("mode", ["linked", "new"])
def test_the_summary_prints_like_the_copy_in_the_forms_workbook(book, tmp_path, capsys, mode):
    """The 汇总表 written as a new workbook (a folder of returned workbooks, and the bureau's
    review) has the page setup of the one written into the forms' own workbook: 项目明细 repeats
    its header row and 分单位汇总 its two header rows on every printed page, black and white,
    centred (the new workbook printed page 2 of the 明细 without a header)."""
    paths = [str(book)] if mode == "linked" else [str(p) for p in SAMPLES]
    out = tmp_path / "汇总.xlsx"
    run_json(capsys, "summarize", *paths, "--by", "实施单位", "-o", str(out))
    wb = openpyxl.load_workbook(out)
    for name, titles in (("项目明细", "$2:$2"), ("分单位汇总", "$3:$4"), ("汇总表", None)):
        ws = wb[name]
        assert ws.print_title_rows == titles, name
        assert ws.page_setup.blackAndWhite and ws.print_options.horizontalCentered, name
        assert ws.page_setup.paperSize in (9, "9"), name


def test_each_group_keeps_its_own_summary_sheet(tmp_path, sample_json, capsys):
    """``--by 实施单位`` with two units whose names differ only after the 28th character (a service
    centre's two branches): each has its own 汇总表-… sheet with its own figures (the second replaced
    the first: one sheet, one unit, the other unit's 汇总表 gone); a “/” in a name makes a valid title."""
    prefix = "大厂回族自治县医疗保障局所属大厂回族自治县医疗保险服务中心"
    units = [prefix + "第一分中心", prefix + "第二分中心", "县教育局/体育局"]
    files = []
    for i, data in enumerate(sample_json[:5]):
        p = tmp_path / f"{i}.json"
        p.write_text(json.dumps(dict(data, unit=units[min(i, 2)]), ensure_ascii=False), encoding="utf-8")
        files.append(str(p))
    out = tmp_path / "汇总.xlsx"
    code, s = run_json(capsys, "summarize", *files, "--by", "实施单位", "-o", str(out))
    wb = openpyxl.load_workbook(out)
    sheets = {wb[n]["A2"].value.removeprefix("填报部门："): wb[n] for n in wb.sheetnames if n.startswith("汇总表-")}
    assert set(sheets) == set(units)
    assert all(len(ws.title) <= 31 for ws in sheets.values())
    values = pc.CalamineWorkbook.from_path(str(out))
    for unit, ws in sheets.items():
        rows = values.get_sheet_by_name(ws.title).to_python()
        assert rows[3][2] == s["groups"][unit]["projects_due"], unit


@pytest.mark.libreoffice
def test_names_countif_would_read_as_patterns_count_their_own_forms(tmp_path, sample_json, capsys):
    """``--by 主管部门`` where a name starts with “=”/“<” or holds “*”, “?”, “~”: COUNTIF read
    “=SUM(1,2)” as “equal to SUM(1,2)” and “县*局” as a pattern, so LibreOffice (and Excel) counted
    0 (or the wrong forms) for that unit while the cache said 1."""
    need_libreoffice()
    names = ["=SUM(1,2)", "县*局", "县?局", "<县局>", "县~局", "县局"]
    files = []
    for i, name in enumerate(names):
        p = tmp_path / f"{i}.json"
        p.write_text(json.dumps(dict(sample_json[i], authority=name), ensure_ascii=False), encoding="utf-8")
        files.append(str(p))
    out = tmp_path / "汇总.xlsx"
    code, s = run_json(capsys, "summarize", *files, "--by", "主管部门", "-o", str(out))
    lo = openpyxl.load_workbook(convert(out, "xlsx", tmp_path / "lo"), data_only=True)
    rows = {r[1]: r for r in lo["分单位汇总"].iter_rows(min_row=5, max_row=4 + len(names), values_only=True)}
    heads = {lo[n]["A2"].value.removeprefix("填报部门："): lo[n] for n in lo.sheetnames if n.startswith("汇总表-")}
    for name in names:
        g = s["groups"][name]
        assert (rows[name][2], rows[name][4]) == (1, pytest.approx(g["funds_due"])), name
        assert (heads[name]["C4"].value, heads[name]["C5"].value) == (1, pytest.approx(g["funds_due"])), name
        assert [heads[name][f"C{r}"].value for r in range(6, 10)] == [g["grades"][k] for k in ("优", "良", "中", "差")]


@pytest.mark.parametrize("layout", ["linked", "new"])
def test_summarize_writes_a_sheet_for_the_department_form(tmp_path, capsys, layout):
    """A 部门整体支出绩效自评表 sent with the project forms: ``summarize -o`` lists it on its own sheet
    (one row each, as the review's 汇总表 does), not only in ``--json``; the 汇总表 says so. ``linked``:
    the 23 samples in one workbook (the output a linked copy of it); ``new``: in two (a new workbook)."""
    from jixiao.forms import by_key

    KIND = by_key("department")

    folder = tmp_path / "报回"
    folder.mkdir()
    samples = [str(p) for p in SAMPLES]
    if layout == "linked":
        assert main(["fill", "-o", str(folder / "项目.xlsx"), *samples]) == 0
    else:
        assert main(["fill", "-o", str(folder / "甲.xlsx"), *samples[:10]]) == 0
        assert main(["fill", "-o", str(folder / "乙.xlsx"), *samples[10:]]) == 0
    unit = json.loads(SAMPLES[0].read_text(encoding="utf-8"))["unit"]
    dept = json.loads((SAMPLES[0].parent.parent / "zizhou-2023" / "department.json").read_text(encoding="utf-8"))
    dept.update(year=2022, department=unit)
    (folder / "部门整体.json").write_text(json.dumps(dept, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "汇总表.xlsx"
    assert main(["summarize", str(folder), "-o", str(out)]) == 0
    capsys.readouterr()
    wb = openpyxl.load_workbook(out)
    assert KIND.summary_sheet in wb.sheetnames
    ws = wb[KIND.summary_sheet]
    head = [c.value for c in ws[2]]
    rows = [dict(zip(head, (c.value for c in r))) for r in ws.iter_rows(min_row=3) if r[0].value is not None]
    assert len(rows) == 1
    assert (rows[0]["单位"], rows[0]["表中总分"], rows[0]["表中等级"]) == (unit, 95, "优")
    assert rows[0]["年度"] == 2022 and str(rows[0]["来源"]).endswith("部门整体.json")
    note = wb["汇总表"]["A10"].value.replace("\n", "")   # an item may break its own last line (``fit.no_lone_marks``)
    assert f"见“{KIND.summary_sheet}”工作表" in note
    assert "收到的1张" in note   # sent beside the workbook(s), not a sheet of one
    # the same forms without it: no such sheet, nothing said of it
    (folder / "部门整体.json").unlink()
    assert main(["summarize", str(folder), "-o", str(tmp_path / "只有项目.xlsx")]) == 0
    wb = openpyxl.load_workbook(tmp_path / "只有项目.xlsx")
    assert KIND.summary_sheet not in wb.sheetnames and "部门整体" not in wb["汇总表"]["A10"].value


def test_summarize_linked_keeps_a_form_sheet_named_like_the_department_sheet(tmp_path, capsys):
    """The linked copy of the forms: a sheet of the workbook already named “部门整体自评” (a form's own)
    is kept; the list takes another title, and the 汇总表 names that one."""
    from jixiao.forms import by_key

    KIND = by_key("department")

    folder = tmp_path / "报回"
    folder.mkdir()
    book = folder / "项目.xlsx"
    assert main(["fill", "-o", str(book), *(str(p) for p in SAMPLES)]) == 0
    wb = openpyxl.load_workbook(book)
    first = wb.sheetnames[0]  # the first form: renamed as a department might
    wb[first].title = str(KIND.summary_sheet)
    wb.save(book)
    unit = json.loads(SAMPLES[0].read_text(encoding="utf-8"))["unit"]
    dept = json.loads((SAMPLES[0].parent.parent / "zizhou-2023" / "department.json").read_text(encoding="utf-8"))
    dept.update(year=2022, department=unit)
    (folder / "部门整体.json").write_text(json.dumps(dept, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "汇总表.xlsx"
    main(["summarize", str(folder), "-o", str(out)])
    capsys.readouterr()
    wb = openpyxl.load_workbook(out)
    listed = f"{KIND.summary_sheet}(2)"
    assert listed in wb.sheetnames and wb[listed]["B3"].value == unit
    assert wb[str(KIND.summary_sheet)]["B3"].value != unit  # the form sheet, as it was
    assert f"见“{listed}”工作表" in wb["汇总表"]["A10"].value


def test_the_department_list_is_not_read_back_as_a_department_form(tmp_path, capsys):
    """The 汇总表 written into the forms' workbook (``summarize -o``; the 汇总 button keeps it in the
    workbook the 填报人 goes on with) holds the list of 部门整体 forms, titled with the form's title:
    read again (校验, 汇总 again, 定稿) that list was a 部门整体支出绩效自评表 that could not be read,
    and every later 汇总 said a table was missing from it."""
    from jixiao.forms import by_key
    from dept_helpers import zizhou_of

    KIND = by_key("department")
    book = tmp_path / "子洲.xlsx"   # the 部门整体 form of the project forms' year: a summary of 2022 counts it
    assert main(["fill", str(zizhou_of(2022, tmp_path)), *(str(p) for p in SAMPLES[:3]), "-o", str(book)]) == 0
    out = tmp_path / "汇总表.xlsx"
    assert main(["summarize", str(book), "-o", str(out)]) == 0
    capsys.readouterr()
    from jixiao.actions import FileHost, read_host

    batch = read_host(FileHost(str(out)))  # as each button reads the workbook
    assert batch.problems == []
    assert len(batch.forms) == 3 and [it.form.department for it in batch.of("department")] == ["子洲县医疗保障局"]
    # titled as the 汇总表 is (“…绩效自评情况汇总表”)
    assert openpyxl.load_workbook(out)[str(KIND.summary_sheet)]["A1"].value == "2022年度部门整体支出绩效自评情况汇总表"



def test_summary_labels_fit_their_columns(book, tmp_path, capsys):
    """Each label of the printed 汇总表 on one line at Calibri's widths (a CJK character ~2 units):
    “绩效评价等级（个）” in a 16-unit column printed its “）” on a line of its own."""
    out = tmp_path / "汇总表.xlsx"
    assert main(["summarize", str(book), "-o", str(out)]) == 0
    ws = openpyxl.load_workbook(out)["汇总表"]
    spans = {m.min_row * 1000 + m.min_col: (m.min_col, m.max_col) for m in ws.merged_cells.ranges}
    labels = 0
    for row in ws.iter_rows(min_row=3, max_row=9, max_col=2):
        for c in row:
            if isinstance(c.value, str) and c.value.strip():
                a, b = spans.get(c.row * 1000 + c.column, (c.column, c.column))
                width = sum(ws.column_dimensions[openpyxl.utils.get_column_letter(i)].width for i in range(a, b + 1))
                assert 2 * len(c.value) <= width, (c.coordinate, c.value, width)
                labels += 1
    assert labels >= 7  # 项目, 项目数量（个）, 资金总量, 绩效评价等级（个）, 优 良 中 差


def test_detail_number_columns_leave_a_space():
    """项目明细's number columns are wider than their bold header and than “100.00%” with a space on
    either side: at Calibri's widths “10.00” and “100.00%” printed as one “10.00100.00%”."""
    from jixiao.summary.book import DETAIL_COLS

    for col, head, width, _key in DETAIL_COLS:
        if col in "EFG":
            assert 2 * len(head) + 1 <= width, (col, head)
            assert len("100.00%") + 3 <= width, col


def test_each_note_item_on_a_line_of_its_own_and_its_rows_tall_enough():
    """The 汇总表's 说明: items on lines of their own (run on, LibreOffice began a line with the “）”
    of “60分（含）”), the merged rows together tall enough for every wrapped line, a note added after."""
    from jixiao.excel.plan import SheetSpec
    from jixiao.summary.book import NOTE_LINE, NOTE_ROWS, add_note

    spec = SheetSpec("汇总表")
    add_note(spec, "甲。")
    add_note(spec, "乙" * 200 + "。")
    assert spec.cells["A10"] == "说明：1. 甲。\n2. " + "乙" * 200 + "。"
    tall = sum(spec.heights[r] for r in NOTE_ROWS)
    assert tall >= NOTE_LINE * 6  # 200 characters on a 74-unit line: 5 lines and more, with the first item's
