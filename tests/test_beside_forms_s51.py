"""Forms set side by side on one sheet are read, checked and returned form by form (stop 51).

Stop 49 named a form beside another as not read (X1): the 汇总表 left its project out. Now each is read
in its own columns; the one on the left no longer takes a label's value from the one on its right (its
等级 was the right-hand form's: D13 “总分 0 对应的等级为‘差’，表中为‘优’” on another form's cell), and
the 退回修改通知 gives each form its own heading — the three forms of one sheet had been one heading
with their items interleaved (F14, Q14, AB14 …), stacked forms as well.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import openpyxl
import pytest

from conftest import SAMPLES
from jixiao.cli import main
from jixiao.core.findings import source_anchor, source_label
from jixiao.excel.workbook import write_forms
from jixiao.forms.project.model import parse_form
from jixiao.forms.project.reader import read_workbook
from review_fixture import returned
from test_stacked_forms_s49 import _data, _forms, _list_sheet, _paste, _targets_sheet, _together

PICK = SAMPLES[12:15]   # the second has a 总分 of 0 (差) between two of 100 (优)


def _beside(tmp_path, beside=True):
    apart = write_forms([parse_form(json.loads(p.read_text(encoding="utf-8"))) for p in PICK], tmp_path / "apart.xlsx")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    path = inbox / "县医疗保障局-自评表.xlsx"
    starts = _together(apart, path, 3, beside=beside)
    return apart, path, starts


def test_each_form_states_its_own_grade(tmp_path):
    apart, path, starts = _beside(tmp_path)
    got = read_workbook(path)
    assert [sf.form.total_score for sf in got.forms] == [sf.form.total_score for sf in read_workbook(apart).forms]
    assert [(sf.stated.get("grade"), sf.cells["grade"]) for sf in got.forms] == [
        ("差", "I34"), ("优", "T34"), ("优", "AE34")]


def test_beside_is_checked_as_apart(tmp_path, capsys):
    apart, path, _ = _beside(tmp_path)

    def found(p):
        capsys.readouterr()
        main(["check", str(p), "--json"])
        return Counter((f["project"], f["rule"], f["severity"]) for f in json.loads(capsys.readouterr().out))

    a, b = found(apart), found(path)
    assert sum(a.values()) > 20 and a == b


def test_source_anchor_and_label():
    assert source_anchor("x/县.xlsx#自评表@L3") == "L3" and source_anchor("x/县.xlsx#自评表") == ""
    assert source_anchor("x/县.xlsx#表@2022") == ""          # a sheet named so is no anchor
    assert source_label("/tmp/a/县.xlsx#自评表@L3") == "（县.xlsx › 自评表 L3 起）"
    assert source_label("/tmp/a/县.xlsx#自评表") == "（县.xlsx › 自评表）"


def _notice(tmp_path, beside):
    _beside(tmp_path, beside)
    return returned(tmp_path / "inbox", tmp_path / "out")


def _heads(paras):
    return [p for p in paras if p[:2] in ("一、", "二、", "三、", "四、")]


def test_the_notice_has_a_heading_for_each_form_beside_another(tmp_path):
    paras, rows = _notice(tmp_path, beside=True)
    heads = _heads(paras)
    assert len(heads) == 3, heads
    assert heads[0].endswith("（“自评表”工作表）")
    assert heads[1].endswith("（“自评表”工作表 L3 起）") and heads[2].endswith("（“自评表”工作表 W3 起）")
    # the items under each heading are that form's cells: A–K, L–V, W–AG
    cols = {0: set("ABCDEFGHIJK"), 1: set("LMNOPQRSTUV"), 2: {"W", "X", "Y", "Z", "AA", "AB", "AC", "AD", "AE"}}
    at = -1
    for p in paras:
        if p in heads:
            at += 1
        elif at >= 0 and "单元格：" in p:
            col = p.split("．", 1)[1].split(" ", 1)[0].rstrip("0123456789")
            assert col in cols[at], (at, p)
    assert not [p for p in paras if "@" in p]      # another form is named “自评表 L3 起”, never “自评表@L3”
    assert sum(1 for t in rows if t in heads) == 3  # the 清单 has the same three headings


def test_stacked_forms_have_a_heading_each_too(tmp_path):
    paras, _rows = _notice(tmp_path, beside=False)
    heads = _heads(paras)
    assert len(heads) == 3 and heads[0].endswith("（“自评表”工作表）")
    assert all(" 起）" in h for h in heads[1:])


@pytest.mark.parametrize("rows", [0, 1, 3], ids=["same-row", "one-lower", "three-lower"])
@pytest.mark.parametrize("make, layout", [(_targets_sheet, 0), (_targets_sheet, 1), (_list_sheet, 0)],
                         ids=["申报表", "目标表", "项目清单"])
def test_what_is_kept_beside_a_form_for_reference_is_no_second_form(tmp_path, capsys, make, layout, rows):
    """The approved 绩效目标表 or a project list beside the 自评表, on its rows or lower: the 自评表 is checked as
    it is alone. The 申报表 beside a form cut the form short (0 forms, “不是自评表：缺少标签……”), a list made
    “找不到年度”“项目名称为空” errors, and the 目标表 was a second form “并排，未读取”."""
    alone = write_forms(_forms(1), tmp_path / "alone.xlsx")
    wb = openpyxl.load_workbook(alone, data_only=True)
    # the same form saved as values too: the 总分 of a file saved so is typed, not the template's formula,
    # and D11 words its advice by that (“总分格是公式……” only on a formula)
    wb.save(tmp_path / "alone-values.xlsx")
    alone = tmp_path / "alone-values.xlsx"
    ws = wb.worksheets[0]
    _paste(make(tmp_path, layout), ws, rows, ws.max_column + 2, merges=False)
    wb.save(tmp_path / "with.xlsx")
    got = read_workbook(tmp_path / "with.xlsx")
    assert got.problems == [] and len(got.forms) == 1
    assert _data(got.forms[0]) == _data(read_workbook(alone).forms[0])

    def found(p):
        capsys.readouterr()
        main(["check", str(p), "--json"])
        return Counter((f["rule"], f["cell"], f["message"]) for f in json.loads(capsys.readouterr().out))

    assert found(alone) == found(tmp_path / "with.xlsx")


def test_a_form_beside_another_without_a_year_line_takes_the_left_ones(tmp_path):
    """Forms side by side under one title and year line: the ones to the right have no year of their own
    (they were “找不到年度”, X1)."""
    apart, path, starts = _beside(tmp_path)
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    for c in starts[1:]:
        for r in (1, 2):   # the title and the year line of the forms on the right
            ws.cell(r, c).value = None
    wb.save(path)
    got = read_workbook(path)
    assert got.problems == []
    assert [sf.form.year for sf in got.forms] == [2022, 2022, 2022]
    assert [n.message for n in got.forms[1].notes if "年度" in n.message] == ["这张表上方没有写年度，按左边那张表的 2022 年度读"]


CORPUS = sorted(p for p in (Path(__file__).parent / "corpus").glob("*.xlsx") if "lookalike" not in p.name)


@pytest.mark.parametrize("path", CORPUS, ids=[p.stem for p in CORPUS])
def test_every_corpus_layout_reads_the_same_twice_side_by_side(tmp_path, path):
    """The 19 layouts of tests/corpus (merged levels, packed cells, shifted columns, WPS, two stacked forms …),
    a sheet pasted twice side by side with a gap: the forms of each copy read as the sheet's own."""
    one = read_workbook(path)
    sheet = one.forms[0].sheet
    mine = [_data(sf) for sf in one.forms if sf.sheet == sheet]
    src = openpyxl.load_workbook(path, data_only=True)[sheet]
    out = openpyxl.Workbook()
    _paste(src, out.active)
    _paste(src, out.active, 0, src.max_column + 2)
    out.save(tmp_path / "twice.xlsx")
    got = read_workbook(tmp_path / "twice.xlsx")
    assert got.problems == []
    assert [_data(sf) for sf in got.forms] == mine + mine
