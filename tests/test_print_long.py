"""Forms on A4 with what real forms hold: long names and goals, text typed over several lines
(Alt+Enter), more indicators than the template's rows. A file carries no auto-fit (LibreOffice
does not grow a row openpyxl wrote with a height), so every row is as tall as its text; a long
form flows over pages with its header row repeated rather than shrinking to an unreadable size.
"""

from __future__ import annotations

import copy
import json

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from conftest import SAMPLES
from jixiao.cli import main as cli_main
from jixiao.excel.fit import row_height
from jixiao.excel.printout import PAGE_NUMBERS

CLEAN = next(p for p in SAMPLES if p.name == "11.json")
FOUR_LINES = "一是完成。\n二是完成。\n三是完成。\n四是完成。"   # 偏差原因 typed with Alt+Enter


def filled(tmp_path, change) -> openpyxl.worksheet.worksheet.Worksheet:
    data = json.loads(CLEAN.read_text(encoding="utf-8"))
    change(data)
    src, out = tmp_path / "form.json", tmp_path / "form.xlsx"
    src.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert cli_main(["fill", str(src), "-o", str(out)]) == 0
    return openpyxl.load_workbook(out).worksheets[0]


def test_each_line_break_is_a_line_of_the_row():
    """Four short lines in the 偏差原因 column (22 wide) need four lines, though their characters
    would fit in three: the row was cut after the third."""
    assert row_height([(FOUR_LINES, 22)]) >= 4 * 14
    assert row_height([("一是完成。二是完成。三是完成。四是完成。", 22)]) < 4 * 14
    assert row_height([("甲\n\n乙", 22)]) >= 3 * 14  # an empty line is a line too


def test_a_reason_over_four_lines_gets_a_row_for_four(tmp_path):
    def change(d):
        d["indicators"][0]["reason"] = FOUR_LINES
    ws = filled(tmp_path, change)
    r = next(r for r in range(14, 40) if ws[f"I{r}"].value == FOUR_LINES)
    assert ws.row_dimensions[r].height >= 4 * 12.5  # four lines of 10.5 pt 宋体


LONG_PROJECT = "大厂回族自治县医疗保障局2022年度打击欺诈骗取医疗保障基金专项治理暨医保基金监管能力提升及宣传培训工作经费项目"
LONG_UNIT = "大厂回族自治县医疗保障局（大厂回族自治县医疗保障基金监管服务中心、县医疗保险经办服务中心）"


def lines_needed(ws, text: str, cols: str) -> int:
    """Lines a CJK text takes across the merged columns ``cols`` (two width units a character),
    counted here from the file's own column widths."""
    width = sum(ws.column_dimensions[c].width for c in cols)
    return -(-2 * len(text) // int(width))


def test_long_names_and_remark_get_rows_tall_enough(tmp_path):
    """A 实施单位 of 47 characters takes two lines of F:I and a 说明 of 90 two of B:I; their rows
    kept the template's 22 and 30 pt, and the second line printed cut in half."""
    def change(d):
        d["project"], d["unit"] = LONG_PROJECT, LONG_UNIT
        d["authority"] = "大厂回族自治县医疗保障局" * 3
        d["remark"] = "本表数据经单位财务部门核对，与部门决算一致。" * 4
    ws = filled(tmp_path, change)
    labels = {ws[f"A{r}"].value: r for r in range(1, ws.max_row + 1)}
    auth, remark = labels["主管部门"], labels["说明"]
    assert ws["F4"].value == LONG_UNIT and lines_needed(ws, LONG_UNIT, "FGHI") == 2
    assert ws.row_dimensions[auth].height >= 2 * 12.5
    assert lines_needed(ws, ws[f"B{remark}"].value, "BCDEFGHI") == 2
    assert ws.row_dimensions[remark].height >= 2 * 12.5 + 6
    assert ws.row_dimensions[labels["项目名称"]].height >= 12.5  # one line of B:I: kept as it was


def test_short_names_keep_the_template_heights(tmp_path):
    ws = filled(tmp_path, lambda d: None)
    assert [ws.row_dimensions[r].height for r in (3, 4, 5)] == [22, 22, 22]


def fill_sample(tmp_path, sample: str, change):
    from jixiao.cli import sample_paths  # noqa: F401 - the samples ship inside the package
    from pathlib import Path
    import jixiao

    data = json.loads((Path(jixiao.__file__).parent / "samples" / sample).read_text(encoding="utf-8"))
    change(data)
    src, out = tmp_path / "form.json", tmp_path / "form.xlsx"
    src.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert cli_main(["fill", str(src), "-o", str(out)]) == 0
    return openpyxl.load_workbook(out).worksheets[0]


def test_department_header_rows_grow_for_long_names(tmp_path):
    dept = "子洲县医疗保障局（子洲县医疗保险经办服务中心、子洲县医疗保障基金监管服务中心）"

    def d_change(d):
        d["department"] = dept
        d["team"][0]["unit"] = dept
    ws = fill_sample(tmp_path, "zizhou-2023/department.json", d_change)
    assert ws["E3"].value == dept and lines_needed(ws, dept, "EF") >= 2
    assert ws.row_dimensions[3].height >= lines_needed(ws, dept, "EF") * 12.5
    team = next(r for r in range(1, ws.max_row + 1) if dept in [c.value for c in ws[r]] and r > 3)
    assert ws.row_dimensions[team].height > 22


def test_evaluation_header_rows_grow_for_long_names(tmp_path):
    unit = "北京市丰台区医疗保障局（北京市丰台区医疗保障事务中心）"
    ws = fill_sample(tmp_path, "fengtai-2023-evaluation/form.json", lambda d: d.update(unit=unit))
    (ref,) = [c.coordinate for r in ws.iter_rows(min_row=3, max_row=6) for c in r if c.value == unit]
    row, cols = ws[ref].row, next(m for m in ws.merged_cells.ranges if ref in m)
    width = sum(ws.column_dimensions[get_column_letter(c)].width for c in range(cols.min_col, cols.max_col + 1))
    assert 2 * len(unit) > width  # two lines
    assert ws.row_dimensions[row].height >= 2 * 12.5


# ----------------------------------------------------------------------------- pages

GOAL = ("通过开展打击欺诈骗保专项整治工作，进一步规范定点医药机构服务行为，提高参保群众和定点医疗机构"
        "对医疗保障法律法规的知晓率，维护医保基金安全。")


def many_indicators(n: int, goal_chars: int = 500):
    """A form of ``n`` indicators (every other one with a two-line 偏差原因) and long goals."""
    def change(d):
        goal = (GOAL * (goal_chars // len(GOAL) + 1))[:goal_chars]
        d["goal_expected"], d["goal_actual"] = goal, "一是" + goal[:200] + "\n二是" + goal[200:]
        w = 90 / n
        d["indicators"] = [{"level1": "产出指标", "level2": "数量指标", "name": f"宣传印刷品发放数量{i + 1}（含折页、海报）",
                            "target": "≥9000册", "actual": "9000册", "weight": w,
                            "score": w if i % 2 else w * 0.8,
                            "reason": None if i % 2 else "偏差原因：部分宣传活动未能按期开展。\n改进措施：提前谋划。"}
                           for i in range(n)]
        for k in ("total_weight", "total_score", "exec_rate", "exec_score"):
            d[k] = None
    return change


def test_a_long_form_flows_over_pages_rather_than_shrinking(tmp_path):
    """30 indicators and 500-character goals fitted to one page printed at about 30 % of the size
    (10.5 pt text as 3 pt): the form now runs over pages at the width's scale, its indicator header
    repeated and its pages numbered."""
    ws = filled(tmp_path, many_indicators(30))
    assert ws.max_row > 50
    assert int(ws.page_setup.fitToWidth) == 1 and int(ws.page_setup.fitToHeight) == 0
    head = next(r for r in range(1, 20) if ws[f"B{r}"].value == "一级指标")
    assert ws.print_title_rows == f"${head}:${head}"
    assert ws.oddFooter.center.text == PAGE_NUMBERS and ws.page_setup.firstPageNumber == 1


def test_a_short_form_stays_on_one_page(tmp_path):
    """The 定稿 copy of a form that fits one page readably is set to one page, unnumbered."""
    from jixiao.excel.workbook import forms_workbook
    from jixiao.forms.project.model import parse_form

    wb, _ = forms_workbook([parse_form(json.loads(CLEAN.read_text(encoding="utf-8")))], values_only=True)
    ws = wb.worksheets[0]
    assert int(ws.page_setup.fitToHeight) == 1 and not ws.oddFooter.center.text and not ws.row_breaks.brk


# the sheets a 填报人 types into: the templates and the forms filled or prefilled for them
REPO = __import__("pathlib").Path(__file__).resolve().parent.parent
WORKING = {"项目支出绩效自评表.xlsx": 13, "项目支出绩效自评表.xlsm": 13, "项目支出绩效评价表.xlsx": None}


def test_the_templates_fit_the_width_and_run_over_as_many_pages_as_they_grow_to(tmp_path):
    """Fitted to one page, a template grown to 30 indicators and long goals printed at a third of its
    size until 定稿 wrote a copy of its own: now, as in Excel, WPS and LibreOffice without the
    add-in, it prints at the width's scale over as many pages as its rows take, the indicator
    header repeated and the pages numbered (a short form still takes one page)."""
    for name, head in WORKING.items():
        ws = openpyxl.load_workbook(REPO / "xlsx_templates" / name).worksheets[0]
        assert ws.sheet_properties.pageSetUpPr.fitToPage, name
        assert int(ws.page_setup.fitToWidth) == 1 and int(ws.page_setup.fitToHeight) == 0, name
        assert ws.oddFooter.center.text == PAGE_NUMBERS and ws.page_setup.firstPageNumber == 1, name
        assert not ws.row_breaks.brk, name  # a blank form has no rows to plan pages for
        if head:
            assert ws[f"B{head}"].value == "一级指标" and ws.print_title_rows == f"${head}:${head}", name
    # a written form (fill, import) is fitted to one page where it fits one readably: every program then
    # prints it on one page, whatever width its fonts give the columns (breaks planned with Excel's
    # measures left half a page empty in LibreOffice and sent 13 of the 23 sample forms to a second page)
    ws = filled(tmp_path, lambda d: None)
    assert (int(ws.page_setup.fitToWidth), int(ws.page_setup.fitToHeight)) == (1, 1) and not ws.row_breaks.brk


@pytest.mark.libreoffice
def test_a_template_typed_into_prints_readable_over_pages_and_blank_on_one(tmp_path):
    """The template as a 填报人 fills it: long goals, every indicator row made taller for its text.
    Printed straight from the workbook, it runs over pages at a readable size; the blank template,
    and a short form, print on one page."""
    from statistics import median

    from conftest import need_libreoffice
    from jixiao.excel.office import convert

    need_libreoffice()
    wb = openpyxl.load_workbook(REPO / "xlsx_templates" / "项目支出绩效自评表.xlsx")
    ws = wb.worksheets[0]
    for other in wb.worksheets[1:]:  # the 设置 sheet prints a page of its own
        wb.remove(other)
    wb.save(tmp_path / "blank.xlsx")
    ws["A2"], ws["B12"], ws["F12"] = 2024, GOAL * 4, GOAL * 4
    ws.row_dimensions[12].height = 200
    first = next(r for r in range(1, 20) if ws[f"B{r}"].value == "一级指标") + 1
    for r in range(first, first + 20):
        ws[f"B{r}"], ws[f"D{r}"], ws[f"I{r}"] = "产出指标", f"宣传印刷品发放数量{r - first + 1}", FOUR_LINES
        ws.row_dimensions[r].height = 60
    wb.save(tmp_path / "typed.xlsx")
    pdf = convert(tmp_path / "typed.xlsx", "pdf", tmp_path / "typed")
    pages = pdf_pages(pdf)
    assert len(pages) >= 2
    for i, page in enumerate(pages, 1):
        assert "一级指标二级指标三级指标" in page and f"第{i}页" in page and "页，共" not in page, i
    assert median(text_heights(pdf)) >= 6.0  # fitted to one page: about 4 pt
    blank = pdf_pages(convert(tmp_path / "blank.xlsx", "pdf", tmp_path / "blank"))
    assert len(blank) == 1 and "第1页" in blank[0] and "页，共" not in blank[0]
    filled(tmp_path, lambda d: None)
    assert len(pdf_pages(convert(tmp_path / "form.xlsx", "pdf", tmp_path / "short"))) == 1


def pdf_pages(pdf) -> list[str]:
    import subprocess

    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    return [p.replace(" ", "") for p in text.split("\f") if p.strip()]


def cell_pages(pdf) -> list[str]:
    """Each page's text in the order LibreOffice printed it, cell by cell, without spaces or line ends:
    a name wrapped inside its cell reads whole (``pdf_pages``' layout interleaves the lines of the
    cells beside it, and where a name wraps depends on the font's widths)."""
    import re
    import subprocess

    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True).stdout
    return [re.sub(r"\s+", "", p) for p in text.split("\f") if p.strip()]


def text_heights(pdf) -> list[float]:
    """The height of every word box LibreOffice printed (points): the printed size of the text."""
    import re
    import subprocess

    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True).stdout
    return [float(b) - float(a) for a, b in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', html)]


def test_a_long_form_prints_readable_in_libreoffice(tmp_path):
    """In LibreOffice's PDF: more than one page, the indicator header on each, numbered, and the
    text at a readable size (a 10.5 pt cell's words printed 3 pt high when fitted to one page)."""
    from statistics import median

    from conftest import need_libreoffice
    from jixiao.excel.office import convert

    need_libreoffice()
    filled(tmp_path, many_indicators(30))
    pdf = convert(tmp_path / "form.xlsx", "pdf", tmp_path / "pdf")
    pages = pdf_pages(pdf)
    assert len(pages) >= 2
    for i, page in enumerate(pages, 1):
        assert "一级指标二级指标三级指标" in page, i
        assert f"第{i}页" in page and "页，共" not in page
    assert "宣传印刷品发放数量30" in cell_pages(pdf)[-1] and "总分" in pages[-1]
    assert median(text_heights(pdf)) >= 6.0


def planned_pages(ws) -> tuple[list[int], list[list[int]]]:
    """The manual breaks of a sheet (the rows pages start at) and the rows of each page."""
    from jixiao.excel.printout import area_bounds

    _c1, r1, _c2, r2 = area_bounds(ws.print_area)
    breaks = [b.id + 1 for b in ws.row_breaks.brk]
    starts = [r1, *breaks, r2 + 1]
    return breaks, [list(range(a, b)) for a, b in zip(starts, starts[1:])]


@pytest.mark.parametrize("n", [43, 44])
def test_a_long_form_plans_its_pages_and_keeps_its_foot_together(tmp_path, n):
    """Over pages, every break is planned, each page within an A4 page at the scale the width is
    fitted to, and the last indicator row, 总分, 说明, signatures and 注 on the last page together:
    the program's own breaks put 总分 at the foot of one page and the signatures on the next (43
    indicators), or the signatures and 注 alone on a page (44)."""
    import math

    ws = filled(tmp_path, many_indicators(n, 300))
    total = next(r for r in range(14, ws.max_row + 1) if ws[f"A{r}"].value == "总分")
    assert ws[f"D{total - 1}"].value.startswith(f"宣传印刷品发放数量{n}（")
    breaks, pages = planned_pages(ws)
    assert len(pages) >= 3 and all(b.man for b in ws.row_breaks.brk)
    assert breaks[-1] <= total - 1 and pages[-1][-1] >= total + 5  # the 注 too
    width = sum(ws.column_dimensions[c].width for c in "ABCDEFGHI") * 5.25  # points, Calibri 11's width unit
    scale = math.floor(100 * (595.3 - 72) / width) / 100
    room = (841.9 - 2 * 72 * 0.6) / scale
    head = ws.row_dimensions[13].height
    for i, rows in enumerate(pages):
        assert (head if i else 0) + sum(ws.row_dimensions[r].height or 15 for r in rows) <= room, i


@pytest.mark.libreoffice
@pytest.mark.parametrize("n", [43, 44])
def test_libreoffice_prints_the_planned_pages_with_the_foot_on_the_last(tmp_path, n):
    from conftest import need_libreoffice
    from jixiao.excel.office import convert

    need_libreoffice()
    ws = filled(tmp_path, many_indicators(n, 300))
    breaks, _ = planned_pages(ws)
    pdf = convert(tmp_path / "form.xlsx", "pdf", tmp_path / "pdf")
    pages = pdf_pages(pdf)
    for i, page in enumerate(pages, 1):
        assert f"第{i}页" in page and "页，共" not in page
        foot = [k for k in ("总分", "填报人：", "注：1.", "3.定性指标") if k in page]
        assert foot == ([] if i < len(pages) else ["总分", "填报人：", "注：1.", "3.定性指标"]), i
    assert f"宣传印刷品发放数量{n}（" in cell_pages(pdf)[-1]
    assert len(pages) == len(breaks) + 1  # no break of LibreOffice's own


# ----------------------------------------------------------------------------- the other kinds over pages

LONG_TEXT = ("按照年度工作计划完成各项任务，资金使用规范，档案资料齐全，群众满意度较高。" * 2)[:60]


def long_department(n: int):
    """A 部门整体支出绩效自评表 of ``n`` indicators, each with a 60-character 评分标准 and 指标解释
    (every other one a 扣分原因), in five 一级/二级 groups, and a long 部门（单位）意见."""
    groups = [("投入", "预算配置"), ("过程", "预算执行"), ("过程", "预算管理"), ("产出", "职责履行"), ("效果", "履职效益")]

    def change(d):
        w = 100 / n
        d["indicators"] = [{"level1": groups[i * 5 // n][0], "level2": groups[i * 5 // n][1], "name": f"三级指标{i + 1}",
                            "standard": LONG_TEXT, "explanation": LONG_TEXT, "weight": w,
                            "score": w if i % 2 else w * 0.8, "reason": None if i % 2 else "扣分原因：" + LONG_TEXT[:40],
                            "rule": None} for i in range(n)]
        d["level1_weights"], d["level2_weights"], d["opinion"] = {}, {}, "同意自评结果。" * 8
        for k in ("total_weight", "total_score", "grade"):
            d[k] = None
    return change


def long_evaluation(n: int):
    """A 项目支出绩效评价表 of ``n`` indicators with a 60-character 评分标准 (every other one a
    扣分原因), in four groups, and a long 存在的问题 and 有关建议."""
    groups = [("项目决策", "绩效目标"), ("项目过程", "项目资金"), ("项目产出", "项目产出"), ("项目效益", "项目效果")]

    def change(d):
        w = 100 / n
        d["indicators"] = [{"level1": groups[i * 4 // n][0], "level2": groups[i * 4 // n][1], "name": f"三级指标{i + 1}",
                            "standard": LONG_TEXT, "weight": w, "score": w if i % 2 else w * 0.8,
                            "reason": None if i % 2 else "扣分原因：" + LONG_TEXT[:40]} for i in range(n)]
        d["level1_weights"], d["level2_weights"] = {}, {}
        d["problems"], d["suggestions"] = "存在的问题：" + LONG_TEXT * 2, "有关建议：" + LONG_TEXT * 2
        for k in ("total_weight", "total_score", "grade"):
            d[k] = None
    return change


# per kind: its sample, the long form, its indicator header as printed, the foot block's words in print
OTHER_KINDS = {
    "department": ("zizhou-2023/department.json", long_department, "一级指标分值二级指标分值三级指标评分标准",
                   ("总分", "评价小组", "评价组组长（签字）", "部门（单位）意见", "负责人（签章）：")),
    "evaluation": ("fengtai-2023-evaluation/form.json", long_evaluation, "一级指标分值得分二级指标分值得分三级指标",
                   ("总计", "存在的问题", "有关建议")),
}


def long_sheet(tmp_path, kind: str, n: int, *, final: bool = False):
    """The long form of ``kind`` as filled for the 填报人 (``jixiao fill``), or its 定稿 copy (values)."""
    sample, long_form, _head, _foot = OTHER_KINDS[kind]
    ws = fill_sample(tmp_path, sample, long_form(n))
    if final:
        from jixiao.excel.workbook import forms_workbook
        from jixiao.forms.department.model import parse_dept_form
        from jixiao.forms.evaluation.model import parse_eval_form

        data = json.loads((tmp_path / "form.json").read_text(encoding="utf-8"))
        form = (parse_dept_form if kind == "department" else parse_eval_form)(data)
        wb, _ = forms_workbook([form], values_only=True)
        wb.save(tmp_path / "form.xlsx")
        ws = openpyxl.load_workbook(tmp_path / "form.xlsx").worksheets[0]
    return ws


def pages_of(ws) -> tuple[list[int], list[list[int]]]:
    """The manual breaks inside the print area (the rows pages start at) and the rows of each page:
    the 部门整体 form has one more below its area, before the 计算数据 it does not print."""
    from jixiao.excel.printout import area_bounds

    _c1, r1, _c2, r2 = area_bounds(ws.print_area)
    breaks = [b.id + 1 for b in ws.row_breaks.brk if r1 < b.id + 1 <= r2]
    starts = [r1, *breaks, r2 + 1]
    return breaks, [list(range(a, b)) for a, b in zip(starts, starts[1:])]


def page_room(ws) -> float:
    """The points of rows an A4 page holds, at the scale Excel fits the print area's width to."""
    import math

    from jixiao.excel.printout import area_bounds

    c1, _r1, c2, _r2 = area_bounds(ws.print_area)
    width = sum(ws.column_dimensions[get_column_letter(c)].width for c in range(c1, c2 + 1)) * 5.25
    page_w, page_h = (841.9, 595.3) if ws.page_setup.orientation == "landscape" else (595.3, 841.9)
    m = ws.page_margins
    scale = min(100, math.floor(100 * (page_w - 72 * (m.left + m.right)) / width)) / 100
    return (page_h - 72 * (m.top + m.bottom)) / scale


@pytest.mark.parametrize("kind, n, final", [("department", 23, False), ("department", 26, False),
                                            ("department", 26, True), ("evaluation", 37, False),
                                            ("evaluation", 60, True)])
def test_the_other_kinds_plan_their_pages_and_keep_their_foot_together(tmp_path, kind, n, final):
    """The 部门整体支出绩效自评表 (last indicator row, 总分, 评价小组, 评价组组长, 部门（单位）意见) and
    the 项目支出绩效评价表 (last indicator row, 总计, 存在的问题, 有关建议) over pages, filled or 定稿
    (a 评价表 of 17 indicators, whose 存在的问题 the program put after 总计, now fits one page readably):
    every break planned, each page within an A4 page at the width's scale, the foot block on the
    last page with the last indicator row. The program's own breaks split the block (the 部门整体
    form's 评价组组长 and 意见 on a page after 总分: 23 indicators; the 评价表's 存在的问题 after
    总计: 17) or printed it without an indicator row above it (26; 37)."""
    ws = long_sheet(tmp_path, kind, n, final=final)
    total = next(r for r in range(1, ws.max_row + 1) if ws[f"A{r}"].value in ("总分", "总计"))
    last_ind = total - 1
    assert f"三级指标{n}" in [c.value for c in ws[last_ind]]
    breaks, pages = pages_of(ws)
    assert len(pages) >= 2 and all(b.man for b in ws.row_breaks.brk)
    # no break from the last indicator row to the area's end (有关建议, or 部门（单位）意见 below 评价小组)
    assert breaks[-1] <= last_ind and pages[-1][-1] >= total + 2
    head = int(ws.print_title_rows.split(":")[0].strip("$"))
    assert ws[f"A{head}"].value == "一级指标"
    room = page_room(ws)
    for i, rows in enumerate(pages):
        assert (ws.row_dimensions[head].height if i else 0) + sum(ws.row_dimensions[r].height or 15 for r in rows) <= room, i


@pytest.mark.libreoffice
@pytest.mark.parametrize("kind, n", [("department", 23), ("department", 26), ("evaluation", 37)])
def test_libreoffice_prints_the_other_kinds_with_the_foot_on_the_last_page(tmp_path, kind, n):
    """As LibreOffice prints them: the indicator header on every page, the pages numbered, the foot
    block whole on the last page with the last indicator row, and no page break of its own."""
    from conftest import need_libreoffice
    from jixiao.excel.office import convert

    need_libreoffice()
    _sample, _long, head, foot = OTHER_KINDS[kind]
    ws = long_sheet(tmp_path, kind, n)
    breaks, _ = pages_of(ws)
    pages = pdf_pages(convert(tmp_path / "form.xlsx", "pdf", tmp_path / "pdf"))
    for i, page in enumerate(pages, 1):
        assert f"第{i}页" in page and "页，共" not in page and head in page, i
        assert [k for k in foot if k in page] == ([] if i < len(pages) else list(foot)), i
    assert f"三级指标{n}" in pages[-1] and f"三级指标{n}" not in pages[-2]
    assert len(pages) == len(breaks) + 1  # no break of LibreOffice's own


@pytest.mark.libreoffice
def test_a_written_form_that_fits_one_page_readably_prints_on_one_with_its_foot(tmp_path):
    """A 17-indicator 评价表 as ``jixiao fill`` writes it: fitted to one page (no planned breaks), so
    LibreOffice prints it on one page, the foot block whole — fitted to the width alone, LibreOffice
    put 存在的问题 on a page after 总计."""
    from conftest import need_libreoffice
    from jixiao.excel.office import convert

    need_libreoffice()
    _sample, _long, head, foot = OTHER_KINDS["evaluation"]
    ws = long_sheet(tmp_path, "evaluation", 17)
    assert (int(ws.page_setup.fitToWidth), int(ws.page_setup.fitToHeight)) == (1, 1) and not ws.row_breaks.brk
    pages = pdf_pages(convert(tmp_path / "form.xlsx", "pdf", tmp_path / "pdf"))
    assert len(pages) == 1 and head in pages[0] and "三级指标17" in pages[0]
    assert all(k in pages[0] for k in foot)


# ----------------------------------------------------------------------------- the 复核台账


def test_rule_statistics_rows_hold_long_unit_names_and_titles(tmp_path):
    """问题统计: a unit of 32 characters in a 9-wide column took 8 lines under a 45 pt header row,
    and a rule title of two lines overlapped the rows around it on paper."""
    from jixiao.excel.workbook import write_forms
    from jixiao.forms.project.model import parse_form

    unit = "大厂回族自治县教育和体育局（大厂回族自治县第一中学、县第二实验小学）"
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    forms = [parse_form({**json.loads(p.read_text(encoding="utf-8")), "unit": unit}) for p in SAMPLES[:6]]
    write_forms(forms, inbox / "教体局.xlsx")
    assert cli_main(["review", str(inbox), "-o", str(tmp_path / "out")]) in (0, 1)
    ws = openpyxl.load_workbook(tmp_path / "out" / "复核台账.xlsx")["问题统计"]
    col = next(c for c in ws[2] if c.value == unit)
    lines = -(-2 * len(unit) // int(ws.column_dimensions[col.column_letter].width))
    assert ws.row_dimensions[2].height >= lines * 12.5
    longer = [r for r in range(3, ws.max_row + 1)
              if 2 * len(ws[f"B{r}"].value or "") > ws.column_dimensions["B"].width]
    assert longer, "没有两行长的规则说明"
    for r in longer:
        assert (ws.row_dimensions[r].height or 15) >= 2 * 12.5, ws[f"B{r}"].value


@pytest.mark.parametrize("final", [False, True])
def test_the_zizhou_form_starts_its_pages_at_a_group(tmp_path, final):
    """子洲县医疗保障局's 部门整体支出绩效自评表 (its 满意度 deduction explained): three pages. The
    breaks fell inside “预算管理” (管理制度健全性 and 资金使用合规性 on page 1, the other three on page 2
    under empty 过程/预算管理 cells) and between 社会效益 and 满意度, “效果 20 履职效益 20” printed on
    one of them; each page then started at a 二级指标, but “过程 40” over 预算执行 (page 1) and 预算管理
    (page 2) printed on page 2 only. Each page now starts at a 一级指标, its name in column A of that
    row, and no merged cell is cut by a break."""
    def change(d):
        d["indicators"][-1]["reason"] = "医保政策宣传力度不够，群众对政策知晓率不高，满意度为93%。下一步将加大宣传力度。"

    ws = fill_sample(tmp_path, "zizhou-2023/department.json", change)
    if final:
        from jixiao.excel.workbook import forms_workbook
        from jixiao.forms.department.model import parse_dept_form

        wb, _ = forms_workbook([parse_dept_form(json.loads((tmp_path / "form.json").read_text(encoding="utf-8")))],
                               values_only=True)
        wb.save(tmp_path / "final.xlsx")
        ws = openpyxl.load_workbook(tmp_path / "final.xlsx").worksheets[0]
    breaks, pages = pages_of(ws)
    assert len(pages) == 3
    # 投入 and 预算执行 on page 1, 预算管理 to 产出 on page 2 under “过程 40” again (its cell split at the
    # break, the name in each part), 效果 on page 3. Its rows laid out as tall as 计算 grows them (a
    # 三级指标 of two lines 34 pt, not 31: stop 60), 过程 no longer fits page 2 whole: before, the
    # filled form broke at 14 and the same form after 计算 at 18
    assert [(b, ws[f"A{b}"].value, ws[f"C{b}"].value) for b in breaks] == [(18, "过程", "预算管理"),
                                                                         (29, "效果", "履职效益")]
    assert not [m for m in ws.merged_cells.ranges if any(m.min_row < b <= m.max_row for b in breaks)]


def final_department(tmp_path, change):
    """The 定稿 copy (values) of the 子洲 部门整体表 changed by ``change``."""
    from jixiao.excel.workbook import forms_workbook
    from jixiao.forms.department.model import parse_dept_form

    fill_sample(tmp_path, "zizhou-2023/department.json", change)
    wb, _ = forms_workbook([parse_dept_form(json.loads((tmp_path / "form.json").read_text(encoding="utf-8")))],
                           values_only=True)
    wb.save(tmp_path / "final.xlsx")
    return openpyxl.load_workbook(tmp_path / "final.xlsx").worksheets[0]


@pytest.mark.parametrize("n", [None, 23, 26, 40])
def test_a_page_is_not_left_mostly_empty_where_the_next_block_would_fit(tmp_path, n):
    """Pages start at a 一级指标 where its block fits whole, but never at the cost of a page left
    more than half empty that the next page's first block (its 一级 block, or the last one with the
    foot) would have filled: every page before the last is at least half full or could not hold it.
    The 子洲 定稿 (``n`` None) and the long forms of ``n`` indicators."""
    ws = final_department(tmp_path, (lambda d: None) if n is None else long_department(n))
    total = next(r for r in range(1, ws.max_row + 1) if ws[f"A{r}"].value == "总分")
    head = int(ws.print_title_rows.split(":")[0].strip("$"))
    breaks, pages = pages_of(ws)
    room = page_room(ws) * (1 - 0.04)  # printout.PAGE_SPARE
    names, name = {}, None
    for r in range(head + 1, total):
        name = ws[f"A{r}"].value or name
        names[r] = name

    def height(rows):
        return sum(ws.row_dimensions[r].height or 15 for r in rows)

    for i, rows in enumerate(pages[:-1]):
        used = (ws.row_dimensions[head].height if i else 0) + height(rows)
        s = pages[i + 1][0]
        block = [r for r in range(s, total) if names.get(r) == names.get(s)]
        if not block or block[-1] == total - 1:
            block = pages[i + 1]  # the last 一级 block goes with the foot
        assert used >= room / 2 or used + height(block) > room, (i, breaks)
