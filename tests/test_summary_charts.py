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
    first, last = (int(x) for x in re.findall(r"\$B\$(\d+)", chart.categories))
    assert chart.series[0][1].endswith(f"$G${first}:$G${last}")
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


def _forms(folder: Path, sample_json: list[dict], n: int) -> list[Path]:
    """``n`` forms from the samples, each project named apart (“07号退役军人辅助性岗位经费”)."""
    folder.mkdir()
    paths = []
    for i in range(n):
        data = sample_json[i % len(sample_json)]
        p = folder / f"{i:02d}.json"
        p.write_text(json.dumps(dict(data, project=f"{i + 1:02d}号{data['project'][:10]}"), ensure_ascii=False),
                     encoding="utf-8")
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
@pytest.mark.parametrize("n, mode", [(60, "new"), (60, "linked"), (15, "new")])
def test_every_project_prints_on_the_chart_pages(tmp_path, sample_json, capsys, n, mode):
    """LibreOffice's PDF of a 汇总表: the 图表 pages hold every project's name, each chart on a page of
    its own with the names its title says, and each chart whole: its frame's two sides, top and
    bottom on the page (the 60-project chart printed about 30 names and lost its right side)."""
    need_libreoffice()
    forms = _forms(tmp_path / "forms", sample_json, n)
    names = [json.loads(p.read_text(encoding="utf-8"))["project"] for p in forms]
    if mode == "linked":  # the forms in one workbook: the 汇总 sheets written into its copy by openpyxl
        src = [str(write_forms([load_form(p) for p in forms], tmp_path / "forms.xlsx"))]
    else:  # a new workbook, written by XlsxWriter
        src = [str(p) for p in forms]
    out = tmp_path / "汇总.xlsx"
    assert main(["summarize", *src, "-o", str(out)]) == 0
    capsys.readouterr()
    pdf = convert(out, "pdf", tmp_path / "pdf")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = [re.sub(r"\s", "", p) for p in text.split("\f")]
    first = next(i for i, p in enumerate(pages) if p.startswith("绩效自评图表"))
    charts = [p for p in pages[first:] if p]  # the 图表 sheet is the last one
    expected = [(1, 20), (21, 40), (41, 60)] if n == 60 else [(1, n)]
    assert len(charts) == len(expected)
    for page, (a, b) in zip(charts, expected):
        assert ("各项目预算执行率" + (f"（第{a}–{b}项）" if n > 20 else "")) in page
        missing = [name for name in names[a - 1:b] if re.sub(r"\s", "", name) not in page]
        assert not missing, f"第{a}–{b}项的页上没有：{missing}"
        assert re.search(r"(?<!\d)0(\.00)?%", page) and re.search(r"100(\.00)?%", page)  # the axis under the bars
    assert "绩效评价等级分布（个）" in charts[0]
    for i, png in enumerate(pdf_to_png(pdf, tmp_path / "p", dpi=72, first=first + 1)):
        xs, ys, width = _frame_sides(png)
        assert len(xs) == 2 and xs[1] - xs[0] > width / 2, f"图表第 {i + 1} 页：图的左右边框不全（{xs}）"
        assert len(ys) >= 2, f"图表第 {i + 1} 页：图的上下边框不全（{ys}）"
