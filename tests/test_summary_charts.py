"""The 汇总表's 图表 sheet on paper: every project's bar printed, each chart whole on its page.

The 各项目预算执行率 chart was one chart 0.75 cm a project tall under a print area fixed at A1:J60,
18 cm wide over columns narrower than that: a 60-project 汇总表 printed about 30 projects, and
the chart cut at the bottom and at the right. Now the projects are spread over charts of a page
each (a manual page break before each), the first under the 等级分布 chart, every row of the
sheet with its height and the charts inside the printed columns.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest

from conftest import need_libreoffice
from jixiao.cli import main
from jixiao.excel.fit import A4_POINTS, POINTS_PER_WIDTH
from jixiao.excel.office import convert, pdf_to_png
from jixiao.excel.plan import AddChart, SheetSpec
from jixiao.excel.workbook import write_forms
from jixiao.forms.project.model import load_form
from jixiao.summary.book import CHART_MAX_PROJECTS, CHART_SHEET, DETAIL_FIRST, chart_edits

CM = 72 / 2.54  # points in a cm
# A4 portrait between the widest margins a plan's writers leave (openpyxl's: 0.75 in, 1 in)
ROOM_W, ROOM_H = A4_POINTS[0] - 2 * 0.75 * 72, A4_POINTS[1] - 2 * 72


def _charts(n: int) -> tuple[SheetSpec, list[AddChart]]:
    """The 图表 sheet of ``n`` projects and all its charts."""
    edits = chart_edits(SimpleNamespace(rows=[{}] * n))  # type: ignore[arg-type]
    spec = edits[0]
    assert isinstance(spec, SheetSpec) and spec.name == CHART_SHEET
    return spec, edits[1:]


def _sheet(n: int) -> tuple[SheetSpec, list[AddChart]]:
    """The 图表 sheet of ``n`` projects and its 各项目预算执行率 charts."""
    spec, charts = _charts(n)
    return spec, [c for c in charts if c.chart == "bar"]


def _row(ref: str) -> int:
    return int(re.sub(r"\D", "", ref))


def _projects(chart: AddChart) -> tuple[int, int]:
    """The projects (from 1) a chart shows, from its 项目明细 rows."""
    first, last = (int(x) for x in re.findall(r"\$G\$(\d+)", chart.series[0][1]))
    return first - DETAIL_FIRST + 1, last - DETAIL_FIRST + 1


@pytest.mark.parametrize("n", [1, 15, 20, 21, 23, 40, 60, 79, 80])
def test_each_chart_fits_its_page_and_holds_the_projects_its_title_says(n):
    spec, bars = _sheet(n)
    # every project in exactly one chart, in order
    spans = [_projects(c) for c in bars]
    assert [p for a, b in spans for p in range(a, b + 1)] == list(range(1, n + 1))
    for c, (a, b) in zip(bars, spans):
        assert c.title == (f"各项目预算执行率（第{a}–{b}项）" if len(bars) > 1 else "各项目预算执行率")
    # a page of its own for each chart after the first, which shares the first page with the 等级分布 chart
    starts = [_row(c.anchor) for c in bars]
    assert len(spec.row_breaks) == len(bars) - 1
    assert all(brk < start for brk, start in zip(spec.row_breaks, starts[1:]))
    assert all(start < brk for start, brk in zip(starts, spec.row_breaks))
    # every printed row has its height; each page's rows fit A4 between the widest margins
    last = _row(spec.print_area.split(":")[1])
    assert spec.print_area.startswith("A1:J") and set(range(1, last + 1)) <= set(spec.heights)
    edges = [1, *spec.row_breaks, last + 1]
    for top, end in zip(edges, edges[1:]):
        assert sum(spec.heights[r] for r in range(top, end)) <= ROOM_H
    # each chart ends where its rows end, inside the print area, before the next page
    for c, start, end in zip(bars, starts, spec.row_breaks + [last + 1]):
        rows, height = start, 0.0
        while height < c.height_cm * CM - 0.01:
            height += spec.heights[rows]
            rows += 1
        assert rows <= end and abs(height - c.height_cm * CM) < 0.01
        assert c.height_cm * CM >= 40 + 12 * (_projects(c)[1] - _projects(c)[0] + 1)  # a line a name
    # as wide as the columns at the least (7 px a unit, no padding), the columns no wider than the page
    columns = sum(spec.widths[col] for col in "ABCDEFGHIJ")
    assert all(c.width_cm * CM <= columns * POINTS_PER_WIDTH for c in _charts(n)[1])
    assert sum((7 * spec.widths[col] + 5) * 0.75 for col in "ABCDEFGHIJ") <= ROOM_W


def test_a_small_summary_keeps_one_page_and_sixty_projects_take_three():
    for n in (1, 15):
        spec, bars = _sheet(n)
        assert spec.row_breaks == [] and len(bars) == 1 and _projects(bars[0]) == (1, n)
    # 20 fit under the 等级分布 chart, 32 on a page of their own: 60 are spread 20, 20, 20
    assert [_projects(c) for c in _sheet(60)[1]] == [(1, 20), (21, 40), (41, 60)]
    assert [_projects(c) for c in _sheet(21)[1]] == [(1, 11), (12, 21)]
    spec, bars = _sheet(CHART_MAX_PROJECTS + 1)  # a bar a project reads only for a department's list
    assert bars == [] and spec.row_breaks == []


LONG_NAMES = [  # as departments name their projects: 30–50 characters, the same beginning, ASCII among them
    "2022年中央财政衔接推进乡村振兴补助资金（巩固拓展脱贫攻坚成果）项目",
    "2022年中央财政衔接推进乡村振兴补助资金（巩固拓展脱贫攻坚成果）项目（第二批）",
    "关于提前下达 2022 年中央财政医疗服务与保障能力提升补助资金的通知冀财社(2021)164 号",
    "大厂回族自治县退役军人服务中心公益性岗位及辅助性岗位人员经费项目",
    "基金监管专项经费",
    "2022 Rural road maintenance subsidy for township highways and bridges project",
]


LATIN_NAMES = ["ERP system upgrade", "Smart campus network and data center construction",
               "Supercalifragilisticexpialidocious-International-Programme", "ERP系统升级改造及数据中心机房建设项目（第2批）"]


def test_a_latin_name_keeps_twice_the_letters_and_is_cut_at_a_word():
    """The labels counted every character as a CJK one: “ERP system upgrade” (18 letters, about 9 CJK
    characters wide) printed as “ERP system …grade”. A Latin letter counts half a CJK character now,
    and a cut falls where a word ends when one ends near it."""
    from jixiao.summary.book import chart_label

    assert chart_label(1, "ERP system upgrade") == "1．ERP system upgrade"   # whole: it fits
    assert chart_label(6, LONG_NAMES[5]) == "6．2022 Rural road…project"     # not “2022 Rural …oject”
    assert chart_label(3, LATIN_NAMES[2]) == "3．Supercalifragilisticex…-Programme"  # one long word: cut in it
    # a CJK name is cut where it was: 11 characters, “…”, 5
    assert chart_label(4, LONG_NAMES[3]) == "4．大厂回族自治县退役军人…员经费项目"
    assert chart_label(7, LATIN_NAMES[3]) == "7．ERP系统升级改造及数据…（第2批）"


AWKWARD_NAMES = [  # brackets early, late, nested, full-width and half-width, spaces typed, a name exactly at the cut
    "（第二批）关于2022年度县级专项资金分配方案的请示",
    "县级专项资金分配方案请示报告（冀财社〔2021〕164号）",
    "关于（2022年度县级（第二批）专项资金）分配方案的请示报告",
    "县级专项资金分配方案的请示【2022】第十二号文件（第2批）",
    "县级 专项资金 (第2批) 分配方案的请示 冀财社(2021)164 号",
    "恰好恰好恰好恰好恰好恰好恰好恰好十",      # 17 characters: the room, whole
    "恰好恰好恰好恰好恰好恰好恰好恰好十七",    # 18: cut
    "恰好恰好恰好恰好恰好(恰好)",              # half-width brackets, under the room
    "Road works (phase 2) for township highways and bridges",
    "城区（老旧）小区改造",
]


def _balanced(text: str) -> bool:
    depth = 0
    for c in text:
        depth += (c in "（(〔【《[“") - (c in "）)〕】》]”")
        if depth < 0:
            return False
    return depth == 0


def test_a_cut_name_reads_as_chinese_with_no_lone_bracket():
    """The demo's 汇总表 labelled a bar “13. 关于提前下达 2022 年中… )150 号”: the cut left a “)” whose
    “(” was cut away, the spaces and half-width brackets typed in the name stayed, and the 序号 read
    “13.”. A Chinese name's label now has no spaces, full-width brackets (a 文号's “〔2022〕”), a cut never inside a
    bracket's group (before its opening bracket, after its closing one), and the documents' “13．”."""
    from jixiao.summary.book import chart_label, label_name

    assert chart_label(3, LONG_NAMES[2]) == "3．关于提前下达2022年中央…164号"
    assert chart_label(1, LONG_NAMES[0]) == "1．2022年中央财政衔接推进…项目"   # not “…成果）项目”
    assert chart_label(2, LONG_NAMES[1]) == "2．2022年中央财政衔接推进…（第二批）"
    assert chart_label(1, AWKWARD_NAMES[0]) == "1．（第二批）关于2022年度…方案的请示"   # a group kept whole
    # the 文号 is the end's group, kept by its beginning (s65: “县级专项资金分配方案请…”, the group gone)
    assert chart_label(2, AWKWARD_NAMES[1]) == "2．县级专项资金…（冀财社〔2021〕…）"
    assert chart_label(3, AWKWARD_NAMES[2]) == "3．关于…的请示报告"                  # cut before the outer group
    assert chart_label(5, AWKWARD_NAMES[4]) == "5．县级专项资金（第2批）…164号"
    assert chart_label(6, AWKWARD_NAMES[5]) == "6．" + AWKWARD_NAMES[5]               # exactly the room: whole
    assert chart_label(7, AWKWARD_NAMES[6]) == "7．恰好恰好恰好恰好恰好恰…好恰好十七"
    assert chart_label(8, AWKWARD_NAMES[7]) == "8．恰好恰好恰好恰好恰好（恰好）"
    assert chart_label(9, AWKWARD_NAMES[8]) == "9．Road works (phase 2)…bridges"      # a Latin name as typed
    for i, name in enumerate([*LONG_NAMES, *LATIN_NAMES, *AWKWARD_NAMES]):
        label = chart_label(i + 1, name)
        body = label.removeprefix(f"{i + 1}．")
        # a second “…” only inside an end's group too wide to keep whole (s65: “…（冀财社〔2021〕…）”)
        assert body != label and _balanced(body) and body.count("…") <= 1 + (body[-2:-1] == "…"), label
        assert " " not in body.replace("…", "") or name.isascii(), label
        assert not ({"(", ")", "[", "]"} & set(body)) or name.isascii(), label
        if body.count("…") == 2:
            head, group, _ = body.split("…")
            assert label_name(name).startswith(head) and group in label_name(name) and group[0] in "（(", label
        elif "…" in body:
            head, tail = body.split("…")
            assert label_name(name).startswith(head) and label_name(name).endswith(tail), label
            assert not head.endswith(" ") and not tail.startswith(" "), label
    assert label_name(LONG_NAMES[2]) == "关于提前下达2022年中央财政医疗服务与保障能力提升补助资金的通知冀财社（2021）164号"
    assert label_name("困难群众补助资金的通知冀财社[2022]178号") == "困难群众补助资金的通知冀财社〔2022〕178号"


def _width_pt(text: str, size: float = 10.0) -> float:
    """How wide ``text`` prints at ``size`` points: a CJK or full-width character a full em, any
    other at most 0.6 of one (the widest Latin letters of the viewers' sans fonts)."""
    return sum(size if ord(c) > 0x2E7F or c in "…" else 0.6 * size for c in text)


@pytest.mark.parametrize("n", [4, 20, 60])
def test_each_bar_is_named_by_a_short_label_of_its_project(n):
    """A project named in 30–50 characters ran past the chart's frame, turned the rate axis on its side,
    and LibreOffice left such names out: each bar's name is now a label of the 图表 sheet, its 序号 and
    the project's name cut in the middle to fit a line beside the bars, one per project, none alike."""
    from jixiao.summary.book import NAME_COL, chart_label, label_name
    from jixiao.summary.cache import summary_caches
    from jixiao.excel.plan import Formula, Plan

    names = [LONG_NAMES[i % len(LONG_NAMES)] + (f"（{i // len(LONG_NAMES) + 1}）" if i >= len(LONG_NAMES) else "")
             for i in range(n)]
    summary = SimpleNamespace(rows=[{"project": name} for name in names])
    edits = chart_edits(summary)  # type: ignore[arg-type]
    spec, bars = edits[0], [c for c in edits[1:] if c.chart == "bar"]
    plan = Plan()
    plan.add(spec)
    shown = summary_caches(plan, summary)[CHART_SHEET]  # type: ignore[arg-type]
    labels: list[str] = []
    for chart in bars:
        a, b = _projects(chart)
        sheet, cells = chart.categories.rsplit("!", 1)
        assert sheet.strip("'") == CHART_SHEET
        top, end = (int(x) for x in re.findall(r"\d+", cells))
        col = re.match(r"\$([A-Z]+)\$", cells).group(1)  # type: ignore[union-attr]
        assert end - top == b - a and col not in "ABCDEFGHIJ"  # a label a bar, off the printed page
        for k, r in enumerate(range(top, end + 1)):
            formula, named = spec.cells[f"{col}{r}"], spec.cells[f"{NAME_COL}{r}"]
            detail_row = DETAIL_FIRST + a - 1 + k  # the row of 项目明细 the bar's rate is read from
            assert isinstance(formula, Formula) and f"{NAME_COL}{r}," in formula.text and f"!A{detail_row}" in formula.text
            assert isinstance(named, Formula) and f"!B{detail_row}," in named.text   # the name, written for the label
            assert shown[f"{NAME_COL}{r}"] == label_name(names[a - 1 + k])
            labels.append(shown[f"{col}{r}"])
        # the labels take less than half the chart's width, the bars the rest
        assert max(_width_pt(t) for t in labels[a - 1:b]) <= 0.5 * chart.width_cm * CM, labels[a - 1:b]
        assert chart.top_down  # read from 1 down, as 项目明细 lists them
    assert len(labels) == n and len(set(labels)) == n
    for i, (label, name) in enumerate(zip(labels, names)):
        assert label == chart_label(i + 1, name) and label.startswith(f"{i + 1}．")
        body, name = label[len(f"{i + 1}．"):], label_name(name)
        if body != name:  # cut: its beginning and its end, “…” between
            head, tail = body.split("…")
            # the beginning keeps the more (twice the end's room, at least half of it where a word ends)
            assert name.startswith(head) and name.endswith(tail) and _width_pt(head) >= _width_pt(tail) > 0
    # two names alike but for their ends (a second batch) are told apart without their 序号 too
    assert labels[0].split("．", 1)[1] != labels[1].split("．", 1)[1]
    assert n < 5 or labels[4] == "5．基金监管专项经费"  # a short name whole


@pytest.mark.libreoffice
def test_the_label_formula_computes_what_its_twin_says(tmp_path):
    """The labels are formulas on 项目明细 (a project renamed on its form renames its bar); LibreOffice,
    computing them from a file holding no results, shows what ``chart_label`` writes as their cached value."""
    need_libreoffice()
    import openpyxl

    from jixiao.summary.book import DETAIL_SHEET, LABEL_COL, NAME_COL, chart_label, label_formulas, label_name

    names = [*LONG_NAMES, "", "恰好" * 10, "差一个字" * 5, *LATIN_NAMES, "a" * 34, "a" * 35, "“引号”与\"quotes\"" * 3,
             *AWKWARD_NAMES, "a" * 34 + "（第2批）", "基本生活补助资金的通知冀财社[2022]178 号", "a b (c) " * 5 + "的", "〔2021〕" * 6, "））（（" * 5]
    wb = openpyxl.Workbook()
    detail, charts = wb.active, wb.create_sheet(CHART_SHEET)
    detail.title = DETAIL_SHEET
    for i, name in enumerate(names):
        r = DETAIL_FIRST + i
        detail[f"A{r}"], detail[f"B{r}"] = i + 1, name or None
        for ref, formula in label_formulas(r, r).items():   # the name, the end's group kept (s65), the label
            charts[ref] = formula.text
    wb.save(tmp_path / "labels.xlsx")
    out = convert(tmp_path / "labels.xlsx", "xlsx", tmp_path / "lo")
    got = openpyxl.load_workbook(out, data_only=True)[CHART_SHEET]
    assert [got[f"{NAME_COL}{DETAIL_FIRST + i}"].value or "" for i in range(len(names))] == [
        label_name(name) for name in names]
    assert [got[f"{LABEL_COL}{DETAIL_FIRST + i}"].value for i in range(len(names))] == [
        chart_label(i + 1, name) for i, name in enumerate(names)]


def _forms(folder: Path, sample_json: list[dict], n: int, long: bool = False) -> list[Path]:
    """``n`` forms from the samples, each project named apart (“07号退役军人辅助性岗位经费”; ``long``:
    as departments name them, “…（第二批）（3）”)."""
    folder.mkdir()
    paths = []
    for i in range(n):
        data = sample_json[i % len(sample_json)]
        p = folder / f"{i:02d}.json"
        name = (LONG_NAMES[i % len(LONG_NAMES)] + (f"（{i // len(LONG_NAMES) + 1}）" if i >= len(LONG_NAMES) else "")
                if long else f"{i + 1:02d}号{data['project'][:10]}")
        p.write_text(json.dumps(dict(data, project=name), ensure_ascii=False), encoding="utf-8")
        paths.append(p)
    return paths


def _longest(line: bytes) -> int:
    return max(len(run) for run in line.split(b"\xff"))


def _frame_sides(png: Path) -> tuple[list[int], list[int], int]:
    """Where the longest vertical and horizontal lines of a page are (clusters of pixel columns and
    rows): a chart whole on the page has its frame's two sides and its top and bottom there."""
    from PIL import Image

    img = Image.open(png).convert("L").point(lambda v: 0 if v < 250 else 255)
    w, h = img.size
    cols = [_longest(img.crop((x, 0, x + 1, h)).tobytes()) for x in range(w)]
    rows = [_longest(img.crop((0, y, w, y + 1)).tobytes()) for y in range(h)]

    def clusters(runs: list[int]) -> list[int]:
        at = [i for i, r in enumerate(runs) if r >= 0.95 * max(runs)]
        out = [at[0]]
        for i, j in zip(at, at[1:]):
            if j - i > 3:
                out.append(j)
        return out

    return clusters(cols), clusters(rows), w


@pytest.mark.libreoffice
@pytest.mark.parametrize("n, mode, long", [(60, "new", True), (60, "linked", False), (15, "new", False),
                                           (4, "linked", True), (20, "new", True)])
def test_every_project_prints_on_the_chart_pages(tmp_path, sample_json, capsys, n, mode, long):
    """LibreOffice's PDF of a 汇总表: the 图表 pages hold every project's name (its label: 序号 and the
    name, cut when long), each chart on a page of its own with the names its title says, and each chart
    whole: its frame's two sides, top and bottom on the page (the 60-project chart printed about 30
    names and lost its right side; names of 30–50 characters ran past its left side, or were left out)."""
    need_libreoffice()
    from jixiao.summary.book import chart_label

    forms = _forms(tmp_path / "forms", sample_json, n, long)
    names = [chart_label(i + 1, json.loads(p.read_text(encoding="utf-8"))["project"]) for i, p in enumerate(forms)]
    if mode == "linked":  # the forms in one workbook: the 汇总 sheets written into its copy by openpyxl
        src = [str(write_forms([load_form(p) for p in forms], tmp_path / "forms.xlsx"))]
    else:  # a new workbook, written by XlsxWriter
        src = [str(p) for p in forms]
    out = tmp_path / "汇总.xlsx"
    assert main(["summarize", *src, "-o", str(out)]) == 0
    capsys.readouterr()
    pdf = convert(out, "pdf", tmp_path / "pdf")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    raw = text.split("\f")
    pages = [re.sub(r"\s", "", p) for p in raw]
    first = next(i for i, p in enumerate(pages) if p.startswith("绩效自评图表"))
    charts = [p for p in pages[first:] if p]  # the 图表 sheet is the last one
    axes = [p for p in raw[first:] if p.strip()]
    expected = [(1, 20), (21, 40), (41, 60)] if n == 60 else [(1, n)]
    assert len(charts) == len(expected)
    for page, axis, (a, b) in zip(charts, axes, expected):
        assert ("各项目预算执行率" + (f"（第{a}–{b}项）" if n > 20 else "")) in page
        missing = [name for name in names[a - 1:b] if re.sub(r"\s", "", name) not in page]
        assert not missing, f"第{a}–{b}项的页上没有：{missing}"
        assert re.search(r"(?<!\S)0(\.00)?%", axis) and re.search(r"(?<!\S)100(\.00)?%", axis)  # the axis under the bars
    assert "绩效评价等级分布（个）" in charts[0]
    for i, png in enumerate(pdf_to_png(pdf, tmp_path / "p", dpi=72, first=first + 1)):
        xs, ys, width = _frame_sides(png)
        assert len(xs) == 2 and xs[1] - xs[0] > width / 2, f"图表第 {i + 1} 页：图的左右边框不全（{xs}）"
        assert len(ys) >= 2, f"图表第 {i + 1} 页：图的上下边框不全（{ys}）"
