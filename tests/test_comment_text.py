"""A cell's comment is shared: 校验's marks, 计算's suggestion and the 填报人's own words.

Before: 校验 wrote its comment over whatever was there (a note “已与财务核对，以决算数为准” was
gone for good; putting the cell right then removed the comment altogether), and a score 计算
had filled lost its suggestion once 校验 marked that cell, so the next 计算 took it for the
填报人's own and would not follow a corrected 实际完成值."""

from __future__ import annotations

import json
from types import SimpleNamespace

import openpyxl
from openpyxl.comments import Comment

from addin.host import XlwingsHost
from jixiao import actions
from jixiao.core.findings import Finding
from jixiao.excel.comment_text import has_marks, is_suggestion, merged, suggestion_note, without_marks
from jixiao.excel.plan import Plan, SetComment, annotation_plan
from jixiao.excel.workbook import write_forms
from jixiao.forms.project.model import parse_form
from review_fixture import form
from action_helpers import checked

MARK = "【警告】实际完成值前多了“=”，应为“1 人”〔规则 C13〕"
MARK2 = "【错误】得分超过分值〔规则 D2〕"
OWN = "张三:\n已与财务核对，以决算数为准"


def test_a_mark_goes_before_the_persons_words_and_leaves_them_when_taken_away():
    text = merged(OWN, MARK)
    assert text == MARK + "\n" + OWN
    assert without_marks(text) == OWN
    assert merged(text, MARK2) == MARK2 + "\n" + OWN          # a new 校验 replaces the old marks only
    assert without_marks(MARK) is None and without_marks(MARK + "\n\n") is None
    assert merged(None, MARK) == MARK and merged("", MARK) == MARK
    assert merged(OWN.replace("\n", "\r\n"), MARK) == MARK + "\n" + OWN  # Excel's line ends read alike


def test_a_suggestion_survives_a_mark_and_is_replaced_by_the_next_suggestion():
    first = suggestion_note(18.57, "实际完成值 90%，目标值 ≥95%")
    marked = merged(first, MARK)
    assert is_suggestion(marked, 18.57) and not is_suggestion(marked, 18.6)
    assert has_marks(marked) and not has_marks(first)
    second = suggestion_note(20, "实际完成值 100%")
    again = merged(marked, second)
    assert again == MARK + "\n" + second                   # the mark stays until 校验 takes it away
    assert without_marks(again) == second
    assert not is_suggestion(OWN, 18.57) and not is_suggestion(None, 0)
    assert "\n" not in suggestion_note(3, "第一行\n第二行")     # one line, so it is told apart


def test_a_multi_line_message_stays_one_marked_line():
    f = Finding(rule="C2", severity="warning", field="", message="第一行\n第二行", sheet="表1", cell="F14")
    note = next(e for e in annotation_plan([f]).edits if isinstance(e, SetComment)).text
    assert without_marks(note) is None


def test_check_keeps_the_tianbaorens_note_and_gives_it_back_when_the_cell_is_put_right(tmp_path):
    book = tmp_path / "表.xlsx"
    write_forms([form(1, "县民政局")], book)
    wb = openpyxl.load_workbook(book)
    first = checked(book, tmp_path / "probe.xlsx")
    bad = next(f for f in first.findings if f.rule == "C13")  # 实际完成值前多了“=”
    wb[bad.sheet][bad.cell].comment = Comment(OWN, "张三")
    wb.save(book)

    checked(book, tmp_path / "一.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "一.xlsx")
    text = wb[bad.sheet][bad.cell].comment.text
    assert "〔规则 C13〕" in text and text.endswith(OWN)
    wb[bad.sheet][bad.cell] = str(wb[bad.sheet][bad.cell].value).lstrip("=")
    wb.save(tmp_path / "一.xlsx")

    checked(tmp_path / "一.xlsx", tmp_path / "二.xlsx")
    c = openpyxl.load_workbook(tmp_path / "二.xlsx")[bad.sheet][bad.cell]
    assert c.comment is not None and c.comment.text == OWN


def test_calc_still_follows_the_data_after_check_marked_its_score(sample_json, tmp_path):
    data = json.loads(json.dumps(sample_json[0]))
    for ind in data["indicators"]:
        ind["score"] = None
    src = write_forms([parse_form(data)], tmp_path / "blank.xlsx")
    host = actions.FileHost(str(src), str(tmp_path / "first.xlsx"))
    done = actions.calc(host)
    host.save()
    sheet, cell = next((e.sheet, e.cell) for e in done.plan.edits if isinstance(e, SetComment))
    # any 校验 finding on that score (a rule the bureau switched on, say) marks the cell
    host = actions.FileHost(str(tmp_path / "first.xlsx"), str(tmp_path / "marked.xlsx"))
    host.apply(annotation_plan([Finding(rule="D2", severity="warning", field="", message="请核实得分", sheet=sheet,
                                        cell=cell)]))
    host.save()
    wb = openpyxl.load_workbook(tmp_path / "marked.xlsx")
    assert has_marks(wb[sheet][cell].comment.text)
    row = int(cell[1:])
    actual = wb[sheet][f"F{row}"].value
    wb[sheet][f"F{row}"] = 0 if actual not in (0, "0") else 1   # the 填报人 corrects the 实际完成值
    wb.save(tmp_path / "marked.xlsx")

    again = actions.calc(actions.FileHost(str(tmp_path / "marked.xlsx"), str(tmp_path / "second.xlsx")))
    assert again.refreshed == 1 and again.kept == []


class _Cell:
    """A COM range's ``api`` with one comment: what ``AddComment``/``ClearComments`` did to it."""

    CommentThreaded = None   # Excel 365's conversation on the cell, if any
    Address = "$F$14"
    FormatConditions = SimpleNamespace(Count=0)   # no conditional format on the cell

    def __init__(self, text):
        self.text = text

    @property
    def Comment(self):  # noqa: N802 - the COM property's name
        return SimpleNamespace(Text=lambda: self.text) if self.text is not None else None

    def ClearComments(self):  # noqa: N802
        self.text = None

    def AddComment(self, text):  # noqa: N802
        assert self.text is None, "Excel refuses a second comment on a cell"
        self.text = text


def _no_rows(monkeypatch):
    """These stand-ins answer for one cell only: the rows' growth is tests/test_addin_grow_rows.py's, the
    pages planned again tests/test_addin_pages_again_s60.py's and test_rows_inserted_pages_s62.py's."""
    monkeypatch.setattr(XlwingsHost, "_fit_rows", staticmethod(lambda *_: None))


def test_excel_keeps_the_persons_words_both_ways(monkeypatch):
    _no_rows(monkeypatch)
    cell = _Cell(OWN)
    rng = SimpleNamespace(api=cell, color=(255, 235, 156))
    sheet = SimpleNamespace(range=lambda ref: rng, name="表1", api=SimpleNamespace(ProtectContents=False))
    host = XlwingsHost.__new__(XlwingsHost)
    host.book = SimpleNamespace(sheets=_Sheets({"表1": sheet}))
    host._apply(Plan([SetComment("表1", "F14", MARK)]))
    assert cell.text == MARK + "\n" + OWN
    XlwingsHost._clear_mark(rng)
    assert cell.text == OWN and rng.color is None


def test_excel_leaves_a_conversation_alone(monkeypatch):
    """Excel 365's threaded comments: ``ClearComments`` would delete the conversation, and a note
    cannot be added beside one. The cell keeps it; its fill and the 校验结果 list still mark it."""
    _no_rows(monkeypatch)
    cell = _Cell(None)
    cell.CommentThreaded = SimpleNamespace(Text=lambda: "王五：这个数以决算为准")
    rng = SimpleNamespace(api=cell, color=None)
    host = XlwingsHost.__new__(XlwingsHost)
    host.book = SimpleNamespace(sheets=_Sheets({"表1": SimpleNamespace(
        range=lambda ref: rng, name="表1", api=SimpleNamespace(ProtectContents=False))}))
    host._apply(Plan([SetComment("表1", "F14", MARK)]))
    assert cell.text is None and cell.CommentThreaded is not None


class _Sheets(dict):
    def __iter__(self):
        return iter(self.values())
