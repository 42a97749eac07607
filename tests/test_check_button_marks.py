"""校验 again after a cell is put right: its mark goes (it stayed yellow with the old comment,
“表中为“=1 人”…”, on a cell that now reads “1 人”). Only the tool's own marks are taken away."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import openpyxl
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill

from addin.host import XlwingsHost
from jixiao import actions
from jixiao.excel.plan import RESULT_HEADER, RESULT_SHEET, ClearMark, Plan, earlier_marks
from jixiao.excel.workbook import write_forms
from action_helpers import checked
from review_fixture import form


def _fill(c):
    return c.fill.fgColor.rgb[-6:] if c.fill.fill_type == "solid" else None


def test_a_cell_put_right_loses_its_mark_and_the_others_keep_theirs(tmp_path):
    book = tmp_path / "表.xlsx"
    write_forms([form(1, "县民政局")], book)
    result = checked(book, tmp_path / "一.xlsx")
    marked = [f for f in result.findings if f.sheet and f.cell]
    fixed = next(f for f in marked if f.rule == "C13")  # 实际完成值前多了“=”
    wb = openpyxl.load_workbook(tmp_path / "一.xlsx")
    ws = wb[fixed.sheet]
    assert _fill(ws[fixed.cell]) == "FFEB9C" and "〔规则 C13〕" in ws[fixed.cell].comment.text
    ws[fixed.cell] = str(ws[fixed.cell].value).lstrip("=")
    # two other marked cells the 填报人 made their own: recoloured one, wrote a note on the other
    others = [f for f in marked if (f.sheet, f.cell) != (fixed.sheet, fixed.cell)]
    mine_fill, mine_note = others[0], next(f for f in others[1:] if f.cell != others[0].cell)
    wb[mine_fill.sheet][mine_fill.cell].fill = PatternFill("solid", fgColor="00B050")
    wb[mine_note.sheet][mine_note.cell].comment = Comment("已与财务核对", "张三")
    wb.save(tmp_path / "一.xlsx")

    again = checked(tmp_path / "一.xlsx", tmp_path / "二.xlsx")
    assert not any((f.sheet, f.cell) == (fixed.sheet, fixed.cell) for f in again.findings)
    wb = openpyxl.load_workbook(tmp_path / "二.xlsx")
    c = wb[fixed.sheet][fixed.cell]
    assert c.value == "1 人" and c.comment is None and _fill(c) is None
    still = {(f.sheet, f.cell) for f in again.findings if f.sheet and f.cell}
    for f in marked:  # every cell still wrong keeps a mark
        if (f.sheet, f.cell) in still and (f.sheet, f.cell) != (mine_fill.sheet, mine_fill.cell):
            assert _fill(wb[f.sheet][f.cell]) in {"FFC7CE", "FFEB9C", "DDEBF7"}, f


def test_marks_are_only_cleared_from_the_tools_own_result_list():
    rows = [["校验结果：…"], list(RESULT_HEADER), ["错误", "C4", "表1", "F14"], ["警告", "C2", "表1", "=A1"],
            ["警告", "C2", "表1", "F 15"], ["", "", "", ""], ["错误", "X1", "", ""]]
    assert earlier_marks(rows) == {("表1", "F14")}  # text typed into the list is never taken for a cell
    assert earlier_marks([["校验结果"], ["别的", "表头"], ["错误", "C4", "表1", "F14"]]) == set()
    assert earlier_marks([]) == set()


class _Note:
    def __init__(self, text):
        self.text = text

    def Text(self):  # noqa: N802 - the COM method's name
        return self.text


class _Range:
    def __init__(self, color, note):
        self.color, self.cleared = color, False
        self.api = SimpleNamespace(Comment=_Note(note) if note else None, ClearComments=self._clear, Address="$F$14",
                                   FormatConditions=SimpleNamespace(Count=0))   # none on the cell

    def _clear(self):
        self.cleared = True


def test_excel_takes_away_only_its_own_mark():
    ours = _Range((255, 235, 156), "【警告】…〔规则 C13〕")
    theirs = _Range((0, 176, 80), "已与财务核对")
    XlwingsHost._clear_mark(ours)
    XlwingsHost._clear_mark(theirs)
    assert ours.cleared and ours.color is None
    assert not theirs.cleared and theirs.color == (0, 176, 80)
    blank = _Range(None, None)
    XlwingsHost._clear_mark(blank)
    assert not blank.cleared and blank.color is None
    assert Plan([ClearMark("表1", "F14")]).to_list() == [{"sheet": "表1", "cell": "F14", "kind": "clear_mark"}]


def test_the_bureaus_copy_does_not_keep_marks_of_cells_put_right_before_sending(tmp_path):
    """A department checks, puts a cell right, saves and sends without checking again: the bureau's
    annotated copy took its old mark over as if the cell were still wrong."""
    import json

    from review_fixture import run_cli

    book = tmp_path / "表.xlsx"
    write_forms([form(1, "县民政局")], book)
    inbox = tmp_path / "收件箱"
    inbox.mkdir()
    result = checked(book, inbox / "县民政局.xlsx")
    fixed = next(f for f in result.findings if f.rule == "C13")
    wb = openpyxl.load_workbook(inbox / "县民政局.xlsx")
    wb[fixed.sheet][fixed.cell] = str(wb[fixed.sheet][fixed.cell].value).lstrip("=")
    wb.save(inbox / "县民政局.xlsx")
    code, printed = run_cli("review", str(inbox), "-o", str(tmp_path / "复核"), "--json")
    (dept,) = json.loads(printed)["departments"]
    copy = openpyxl.load_workbook(dept["annotated"][0])
    c = copy[fixed.sheet][fixed.cell]
    assert c.value == "1 人" and c.comment is None and _fill(c) is None
    assert any(x.comment and "〔规则" in x.comment.text for row in copy[fixed.sheet].iter_rows() for x in row)


def test_check_annotate_marks_the_bad_cells_of_a_form_it_could_not_read(tmp_path):
    """``jixiao check --annotate`` marked only the sheets of forms it read: the cells that kept a
    form from being read (which the 校验 button and the bureau's copy mark) went unmarked."""
    from review_fixture import run_cli

    book = tmp_path / "表.xlsx"
    write_forms([form(1, "县民政局"), form(2, "县民政局")], book)
    wb = openpyxl.load_workbook(book)
    broken = wb.worksheets[1]
    broken["D7"] = "约一百万"
    wb.save(book)
    out = tmp_path / "标注.xlsx"
    code, _ = run_cli("check", str(book), "--annotate", str(out))
    assert code == 1  # findings: the form left out is one of them
    c = openpyxl.load_workbook(out)[broken.title]["D7"]
    assert _fill(c) == "FFC7CE" and "〔规则 X1〕" in c.comment.text


def test_check_annotate_marks_a_workbook_whose_only_form_could_not_be_read(tmp_path):
    """It refused such a workbook (“需要恰好一个读得出自评表的工作簿”), though its bad cells are
    exactly what the 填报人 has to find."""
    from review_fixture import run_cli

    book = tmp_path / "表.xlsx"
    write_forms([form(1, "县民政局")], book)
    wb = openpyxl.load_workbook(book)
    wb.active["D7"], wb.active["E7"] = "约一百万", "约九十万"
    wb.save(book)
    out = tmp_path / "标注.xlsx"
    code, _ = run_cli("check", str(book), "--annotate", str(out))
    assert code == 2  # nothing read
    ws = openpyxl.load_workbook(out)[wb.active.title]
    assert all(_fill(ws[c]) == "FFC7CE" and "〔规则 X1〕" in ws[c].comment.text for c in ("D7", "E7"))
    code, _ = run_cli("check", str(tmp_path / "无此文件.xlsx"), "--annotate", str(tmp_path / "二.xlsx"))
    assert code == 2 and not (tmp_path / "二.xlsx").exists()


def test_check_annotate_takes_an_xls_as_the_bureaus_review_does(tmp_path):
    """``check --annotate`` refused an .xls (“只能在 .xlsx/.xlsm 上写入”) though ``check`` reads it and
    the bureau's review marks a copy of it: the copy is an .xlsx, every finding on its cell."""
    import hashlib
    import json
    import shutil

    from conftest import need_libreoffice
    from review_fixture import run_cli

    need_libreoffice()
    src = tmp_path / "表.xls"
    shutil.copy(Path(__file__).parent / "corpus" / "01-merged-levels.xls", src)
    before = hashlib.sha256(src.read_bytes()).hexdigest()
    out = tmp_path / "标注.xlsx"
    code, printed = run_cli("check", str(src), "--annotate", str(out), "--json")
    assert code == 1 and out.exists()
    placed = [f for f in json.loads(printed) if f["sheet"] and f["cell"]]
    wb = openpyxl.load_workbook(out)
    assert placed and wb.sheetnames[0] == RESULT_SHEET
    for f in placed:
        c = wb[f["sheet"]][f["cell"]]
        assert _fill(c) in {"FFC7CE", "FFEB9C", "DDEBF7"} and f"〔规则 {f['rule']}〕" in c.comment.text
    assert hashlib.sha256(src.read_bytes()).hexdigest() == before
    code, _ = run_cli("check", str(src), "--annotate", str(src))  # never over the input
    assert code == 2 and hashlib.sha256(src.read_bytes()).hexdigest() == before


def test_a_marked_copy_sent_back_is_read_without_its_results_sheet(tmp_path, capsys):
    """The bureau returns its marked copy; the department corrects it and sends it back. The copy's
    校验结果 sheet lists the findings with their file, named as 定稿 names it (“…-2022-项目支出绩效
    自评表.xlsx”): that name reads like a form's title, so the sheet was taken for a broken form —
    a spurious X1 “工作表“校验结果”不是自评表” on every corrected copy."""
    import json

    import openpyxl

    from conftest import SAMPLES
    from jixiao.cli import main

    book = tmp_path / "县民政局-2022-项目支出绩效自评表.xlsx"
    assert main(["fill", str(SAMPLES[0]), str(SAMPLES[1]), "-o", str(book)]) == 0
    assert main(["check", str(book), "--annotate", str(tmp_path / "copy.xlsx")]) == 1
    capsys.readouterr()
    files = [r[8] for r in openpyxl.load_workbook(tmp_path / "copy.xlsx")["校验结果"].iter_rows(min_row=3, values_only=True)]
    assert book.name in files   # the name that looks like a title is there
    main(["check", str(tmp_path / "copy.xlsx"), "--json"])
    assert not [f for f in json.loads(capsys.readouterr().out) if f["rule"] == "X1"]


def test_the_button_on_a_file_without_formula_results_finds_what_check_finds(tmp_path, capsys):
    """A workbook saved by a program that does not calculate (``fill``, openpyxl): the command computes
    its formulas' results by their twins; the 校验 button's file host read them as blank (122 errors,
    145 warnings and 38 notes where check gave 123 / 147 / 0 on the samples)."""
    import json

    from conftest import SAMPLES
    from jixiao import actions
    from jixiao.cli import main

    filled = tmp_path / "filled.xlsx"
    assert main(["fill", *map(str, SAMPLES), "-o", str(filled)]) == 0
    host = actions.FileHost(str(filled), str(tmp_path / "book.xlsx"))
    actions.check(host)
    host.save()   # saved by openpyxl, as a file host saves: no formula keeps its result
    book = tmp_path / "book.xlsx"
    capsys.readouterr()
    main(["check", str(book), "--json"])
    cli = sorted((f["rule"], f["sheet"], f["cell"]) for f in json.loads(capsys.readouterr().out))
    result, _plan = actions.check(actions.FileHost(str(book), str(tmp_path / "out.xlsx")))
    assert sorted((f.rule, f.sheet, f.cell) for f in result.findings) == cli
