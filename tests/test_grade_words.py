"""A grade written in words means the same grade wherever jixiao reads one (``core.grades.grade_word``):
“优秀”“良好”“中等” are 优、良、中 in a form's 自评等级 (D13, the import's note), on a 总分 row, in a
report (R7) and in a typed 汇总表's 等级 rows or columns (E4). A word of another scale (“合格”,
“较差”) is none of the bands 优/良/中/差: the check says so and names the band the 总分 earns,
rather than take it for one."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from jixiao.core.grades import BANDS_80, NO_GRADE, grade_word, stated_grade_word, written_grade
from jixiao.checking.rules.table import grade_hits
from test_layouts_h37 import _book  # another county's layout, one sheet “低保”


@pytest.mark.parametrize("text, band", [
    ("优", "优"), ("优秀", "优"), ("“优秀”", "优"), ("等级：良好", "良"), ("自评等级：中等", "中"), (" 差 ", "差"),
    ("良好级", "良"), ("无法评定", NO_GRADE), ("合格", None), ("不合格", None), ("较差", None), ("一般", None),
    ("", None), (None, None), ("优秀率", None), ("95", None)])
def test_grade_word(text, band):
    assert grade_word(text) == band


def test_stated_words_keep_their_wording():
    assert written_grade("等级：优秀") == "优秀" and written_grade("“合格”") == "合格"
    assert stated_grade_word("合格") and stated_grade_word("优秀") and not stated_grade_word("优秀率")
    assert not stated_grade_word("已完成")


def test_grade_hits_take_the_words_as_their_band():
    """D13 (and the department form's and 评价表's own 等级 rules) compared the text as written: “优秀”
    beside 总分 95 was “not 优”, an error; now silent. “良好” beside 95 is still wrong, said as written."""
    assert list(grade_hits("优秀", 95, "总分")) == []
    assert list(grade_hits("良好", 85, "总分")) == []
    assert list(grade_hits("优秀", 85, "总分", BANDS_80)) == []   # under 优 ≥ 80, 85 is 优
    (h,) = grade_hits("良好", 95, "总分")
    assert (h.message, h.expected, h.found) == ("总分 95 分对应的等级为“优”，表中为“良好”", "优", "良好")


def test_a_word_of_another_scale_is_said_not_guessed():
    """“合格” is 60 and above on a 合格/不合格 scale and 60–80 on a 优秀/良好/合格/不合格 one: no band of
    优/良/中/差. Beside 总分 75 it is neither passed as 中 nor silently compared: the finding says so."""
    (h,) = grade_hits("合格", 75, "总分")
    assert h.message == "总分 75 分对应的等级为“中”，表中为“合格”，不是等级分段（优、良、中、差）中的等级"
    assert (h.expected, h.found) == ("中", "合格")
    (h,) = grade_hits("较差", 50, "总分")   # 较差 sits above 差 on a five-level scale: not taken for 差
    assert h.expected == "差" and "不是等级分段" in h.message


# ------------------------------------------------------------------ another county's layout (D13, import)



def _d13(tmp_path, capsys, name: str, rows: list[list[Any]]) -> list[tuple[str, str]]:
    from jixiao.cli import main

    main(["check", str(_book(tmp_path / f"{name}.xlsx", rows)), "--json"])
    return [(f["cell"], f["message"]) for f in json.loads(capsys.readouterr().out) if f["rule"] == "D13"]


def test_d13_reads_the_words(tmp_path, capsys):
    """总分 99.5 and “自评等级 | 优秀”: D13 said “对应的等级为‘优’，表中为‘优秀’” — an error on a right
    grade. “优秀” written on the 总分 row itself was not read at all (only one character was), so
    “良好” there was never compared. Now both read as their band."""
    from test_layouts_h37 import form_rows

    assert _d13(tmp_path, capsys, "a", form_rows(foot=[["自评等级", "优秀"]])) == []
    assert _d13(tmp_path, capsys, "b", form_rows(foot=[["自评等级", "良好"]])) == [
        ("B14", "总分 99.5 分对应的等级为“优”，表中为“良好”")]
    rows = form_rows()
    rows[-1] += ["良好"]
    assert _d13(tmp_path, capsys, "c", rows) == [("H13", "总分 99.5 分对应的等级为“优”，表中为“良好”")]
    rows = form_rows(foot=[["自评等级", "合格"]])
    assert _d13(tmp_path, capsys, "d", rows) == [
        ("B14", "总分 99.5 分对应的等级为“优”，表中为“合格”，不是等级分段（优、良、中、差）中的等级")]


def test_the_import_note_reads_the_words():
    """Importing “自评等级 | 优秀” beside 总分 99.5 said the 等级 “优秀” was lost (our formula shows 优):
    nothing is lost, nothing said."""
    from test_layouts_h37 import form_rows, read

    af = read(form_rows(foot=[["自评等级", "优秀"]]))
    assert af.stated == {"grade": "优秀"} and not any("等级" in str(n) for n in af.notes)


# ------------------------------------------------------------------ a typed 汇总表 (E4)

def test_a_typed_summary_reads_grade_words_as_bands():
    """A county list headed 优秀 / 良好 / 中等 / 差: 中等 was no grade column (only “中” started a label)
    and its count never compared; “优秀率” was counted as 优. Now the four bands, and a rate is none."""
    from jixiao.summary.published import published_tables

    rows = [["单位", "项目数量", None, "资金总量", None, "绩效评价等级（个）", None, None, None, "优秀率"],
            [None, "应评价数", "已评价数", "应评价数", "已评价数", "优秀", "良好（个）", "中等", "差", None],
            ["县民政局", 3, 3, 50, 47.5, 1, 1, 1, 0, "33%"]]
    (t,) = published_tables(rows, "汇总表")
    assert t["grades"] == {"优": 1, "良": 1, "中": 1, "差": 0}
    assert t["cells"]["grades.中"] == "H3"


# ------------------------------------------------------------------ a report (R7)

def test_a_report_reads_grade_words_as_bands(tmp_path):
    """A report's table cell “中等” was not read as a grade at all; “合格” beside a form is said to be
    none of the bands (R7), with the band the form's 总分 earns."""
    from jixiao.core.profiles import get_profile
    from jixiao.reportcheck.facts import build_facts
    from jixiao.reportcheck.statements import extract
    from jixiao.reportcheck import read_report
    from conftest import SAMPLES
    from jixiao.sources import load_all

    batch = load_all(SAMPLES[:3])
    facts = build_facts(batch.forms, get_profile(None))
    f = facts.forms[0]
    name = f.name
    p = tmp_path / "报告.md"
    p.write_text(f"一、基本情况\n\n自评结果为“优秀”1个、“中等”2个。\n\n（一）{name}\n\n自评等级为合格。",
                 encoding="utf-8")
    got = {(st.kind, json.dumps(st.data.get("value"), ensure_ascii=False)) for st in extract(read_report(p), facts)}
    assert ("grade", "null") in got
    assert ("grades", json.dumps({"优": 1, "中": 2}, ensure_ascii=False)) in got
    from jixiao.reportcheck import check_report

    (r7,) = [x for x in check_report(p, batch.forms) if x.rule == "R7" and "合格" in x.message]
    assert "报告写“等级为合格”，不是等级分段（优、良、中、差）中的等级" in r7.message and r7.expected == f.grade()


def test_a_filled_department_or_evaluation_form_keeps_its_formula_for_a_word_of_its_band():
    """A 部门整体 form or 评价表 whose 等级 reads “优秀” beside a 总分 graded 优 agrees with the 等级
    formula (it was written over the formula as if it disagreed); “合格” still stays as written."""
    from jixiao.forms.department.sheet import _agree as dept_agree
    from jixiao.forms.evaluation.sheet import _agree as eval_agree

    for agree in (dept_agree, eval_agree):
        assert agree("优秀", "优") and agree("优", "优") and agree(None, "优")
        assert not agree("合格", "中") and not agree("良好", "优")
