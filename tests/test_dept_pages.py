"""部门整体支出绩效自评表 over pages as LibreOffice prints it (QA stop 41, item 7).

A merged 一级指标 cell prints its name once, in the middle of its rows: “过程 40” over rows on two
pages printed on one of them, the 一级指标 and 分值 cells of the other page's rows empty (the 子洲
定稿, page 1). The blank template printed 评价小组 rows 1–2 on page 3 and rows 3–7 on page 4, under
the indicator header repeated with no indicator row. Here each page is read word by word
(``pdftotext -bbox``): the names in the 三级指标 column say which indicators a page shows, and the
一级指标 column must show each of their 一级 names inside the rows of that page.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from conftest import need_libreoffice
from dept_helpers import zizhou_json
from jixiao.cli import REPO_TEMPLATES, main as cli_main
from jixiao.forms.department import DepartmentKind
from jixiao.forms.department.scoring import template_form

pytestmark = pytest.mark.libreoffice

Word = tuple[str, float, float, float, float]  # text, xMin, yMin, xMax, yMax


def page_words(pdf: Path) -> list[list[Word]]:
    """The words of each page with their boxes (points, y downwards)."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True).stdout
    return [[(m.group(5), *map(float, m.group(1, 2, 3, 4)))
             for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
                                  page.group(1))]
            for page in re.finditer(r"<page [^>]*>(.*?)</page>", html, re.S)]


def centre(w: Word) -> tuple[float, float]:
    return (w[1] + w[3]) / 2, (w[2] + w[4]) / 2


def header(words: list[Word]) -> dict[str, Word] | None:
    """The indicator header row of a page (一级指标 分值 二级指标 分值 三级指标 …), its 分值 words as
    分值1 and 分值2; None where the page has none."""
    first = next((w for w in words if w[0] == "一级指标"), None)
    if first is None:
        return None
    row = sorted((w for w in words if abs(w[2] - first[2]) < 3), key=lambda w: w[1])
    out: dict[str, Word] = {}
    for w in row:
        out[w[0] if w[0] not in out else w[0] + "2"] = w
    out["分值1"] = out.pop("分值")
    return out


def column(words: list[Word], head: Word, below: float) -> list[Word]:
    """The words printed centred under the header word ``head`` (its column), below ``below``."""
    x = centre(head)[0]
    return sorted((w for w in words if abs(centre(w)[0] - x) < 12 and w[2] > below), key=lambda w: w[2])


def shown_indicators(text: str, names: list[str]) -> list[str]:
    """The indicator ``names`` in the 三级指标 column's text of a page (a name wraps over lines; a
    longer name is taken first, so “三级指标1” is not found in “三级指标12”)."""
    found = []
    for name in sorted(set(names), key=len, reverse=True):
        if name in text:
            found.append(name)
            text = text.replace(name, "|")
    return found


def label_problems(pdf: Path, indicators: list[tuple[str, str]]) -> list[str]:
    """Each page's indicators (name, 一级) whose 一级 name is not printed in the 一级指标 column within
    the page's indicator rows, with its 分值 beside it."""
    level1 = dict(indicators)
    problems = []
    for i, words in enumerate(page_words(pdf), 1):
        head = header(words)
        if head is None:
            continue
        below = head["一级指标"][4]
        names = column(words, head["三级指标"], below)
        shown = shown_indicators("".join(w[0] for w in names), list(level1))
        if not shown:
            continue
        top, bottom = names[0][2] - 6, names[-1][4] + 6  # the page's indicator rows
        labels = {w[0]: w for w in column(words, head["一级指标"], below) if top <= centre(w)[1] <= bottom}
        weights = [centre(w)[1] for w in column(words, head["分值1"], below)]
        for name in shown:
            label = labels.get(level1[name])
            if label is None:
                problems.append(f"第 {i} 页：“{name}”的一级指标“{level1[name]}”没有印出")
            elif not any(abs(y - centre(label)[1]) < 3 for y in weights):
                problems.append(f"第 {i} 页：一级指标“{level1[name]}”旁没有分值")
    return problems


def fill_and_finalize(tmp_path: Path, data: dict) -> Path:
    """``jixiao fill`` then ``jixiao finalize --force``: the 定稿 PDF LibreOffice printed."""
    need_libreoffice()
    src = tmp_path / "dept.json"
    src.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert cli_main(["fill", str(src), "-o", str(tmp_path / "dept.xlsx")]) == 0
    assert cli_main(["finalize", str(tmp_path / "dept.xlsx"), "-o", str(tmp_path / "fin"), "--force"]) in (0, 1)
    (pdf,) = (tmp_path / "fin").glob("*.pdf")
    return pdf


def test_the_zizhou_final_copy_prints_each_pages_level1_names(tmp_path):
    """The 子洲 定稿 PDF: page 1 showed 预算调整率 … “三公经费”控制率 under empty 一级指标 and 分值
    cells, “过程 40” on page 2 only."""
    data = zizhou_json()
    pdf = fill_and_finalize(tmp_path, data)
    assert label_problems(pdf, [(d["name"], d["level1"]) for d in data["indicators"]]) == []
    assert len(page_words(pdf)) == 3


def test_a_long_final_copy_repeats_a_level1_name_its_page_break_cuts(tmp_path):
    """26 indicators of long text: 一级 blocks taller than a page are split where a page starts,
    each part with its name and 分值."""
    from test_print_long import long_department

    data = zizhou_json()
    long_department(26)(data)
    data["level1_weights"] = {"投入": 20, "过程": 40, "产出": 20, "效果": 20}
    pdf = fill_and_finalize(tmp_path, data)
    assert label_problems(pdf, [(d["name"], d["level1"]) for d in data["indicators"]]) == []


@pytest.fixture(scope="module")
def template_pdf(tmp_path_factory) -> Path:
    from jixiao.excel.office import convert

    need_libreoffice()
    return convert(REPO_TEMPLATES / DepartmentKind.template_file, "pdf", tmp_path_factory.mktemp("dept-pages"))


def test_the_template_prints_each_pages_level1_names(template_pdf):
    assert label_problems(template_pdf, [(d.name, d.level1) for d in template_form().indicators]) == []


def test_the_templates_team_is_on_one_page_under_indicator_rows(template_pdf):
    """评价小组, its 7 rows, 评价组组长 and 部门（单位）意见 on one page, the last indicator rows above
    them under the header (rows 3–7 had a page of their own, the indicator header above them)."""
    last = template_form().indicators[-1].name
    pages = page_words(template_pdf)
    at = [i for i, words in enumerate(pages) if any(w[0] == "评价小组" for w in words)]
    assert len(at) == 1
    words = pages[at[0]]
    team = next(w for w in words if w[0] == "评价小组")
    number = next(w for w in words if w[0] == "序号" and w[2] > team[4])
    numbers = [w[0] for w in column(words, number, number[4])]
    assert numbers[:7] == [str(n) for n in range(1, 8)]
    text = "".join(w[0] for w in words)
    assert "评价组组长（签字）" in text and "部门（单位）意见" in text
    head = header(words)
    assert head is not None
    assert last in "".join(w[0] for w in column(words, head["三级指标"], head["三级指标"][4]))
    for i, words in enumerate(pages):  # no page of the form with its header over no indicator row
        head = header(words)
        if head is not None:
            rows = [w for w in column(words, head["三级指标"], head["三级指标"][4])
                    if not any(x[0] in ("总分", "评价小组") and x[2] < w[2] for x in words)]
            assert rows, f"第 {i + 1} 页"
