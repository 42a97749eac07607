"""计算 run twice: a score it suggested follows the data when the 填报人 corrects it, a score the
填报人 typed or changed stays (and is named), nothing is done when nothing changed — on files
(FileHost, openpyxl) and through the Excel host's comment reader (a stand-in for COM)."""

from __future__ import annotations

import json
from types import SimpleNamespace

import openpyxl
import pytest

import addin.buttons as buttons
from addin.host import XlwingsHost
from jixiao.actions import FileHost, calc, is_suggestion, suggestion_note
from conftest import calculated_blank
from jixiao.cli import main
from jixiao.excel.workbook import write_forms
from jixiao.forms.project.model import parse_form


@pytest.fixture
def calculated(sample_json, tmp_path):
    """The first sample with every score blank, after one 计算."""
    return calculated_blank(sample_json[0], tmp_path)


def _edit(src, out, **cells):
    wb = openpyxl.load_workbook(src)
    ws = wb.worksheets[0]
    for ref, v in cells.items():
        ws[ref] = v   # comments stay as they are: the 填报人 edits values only
    wb.save(out)
    return out


def _sheet(path):
    return openpyxl.load_workbook(path).worksheets[0]


def test_a_suggested_score_follows_a_corrected_actual(calculated, tmp_path):
    before = _sheet(calculated)
    assert before["H17"].value == 20 and is_suggestion(before["H17"].comment.text, 20)
    # 5.18 万元 was a typo: 6 万元 against a ≤5.6 万元 ceiling
    edited = _edit(calculated, tmp_path / "edited.xlsx", F17="6")
    host = FileHost(str(edited), str(tmp_path / "second.xlsx"))
    done = calc(host)
    host.save()
    assert (done.filled, done.refreshed, done.kept) == (0, 1, [])
    assert "更新了 1 个先前计算的建议得分" in done.message()
    ws = _sheet(tmp_path / "second.xlsx")
    assert ws["H17"].value == pytest.approx(18.57, abs=0.005)
    assert ws["H17"].comment.text.startswith("建议得分 18.57 分：") and "超出指标值" in ws["H17"].comment.text
    assert "表中填" not in ws["H17"].comment.text   # the basis of a suggestion, not of a written score
    assert ws["H14"].value == 10 and ws["H14"].comment.text == before["H14"].comment.text


def test_a_score_the_filler_typed_stays_and_is_named(calculated, tmp_path):
    edited = _edit(calculated, tmp_path / "edited.xlsx", H17=15, F17="6")
    host = FileHost(str(edited), str(tmp_path / "second.xlsx"))
    done = calc(host)
    host.save()
    assert done.refreshed == 0 and not done.plan.edits
    assert done.kept == [(_sheet(edited).title, "H17 填 15 分（建议 18.57 分）")]
    assert "H17 填 15 分（建议 18.57 分）" in done.message() and "请清空这些得分" in done.message()
    assert _sheet(tmp_path / "second.xlsx")["H17"].value == 15


def test_nothing_changed_nothing_done(calculated, tmp_path):
    host = FileHost(str(calculated), str(tmp_path / "again.xlsx"))
    done = calc(host)
    assert not done.plan.edits and (done.filled, done.refreshed, done.kept) == (0, 0, [])
    assert done.message().startswith("没有可以计算的空白得分。")


def test_the_button_and_the_command_say_the_same(calculated, tmp_path, capsys):
    edited = _edit(calculated, tmp_path / "edited.xlsx", F17="6")
    said = buttons.calc(FileHost(str(edited), str(tmp_path / "button.xlsx")))
    assert main(["calc", str(edited), "-o", str(tmp_path / "cli.xlsx")]) == 0
    printed = capsys.readouterr().out
    assert printed.splitlines()[0] == said and "已写入" in printed


def test_the_suggestion_comment_is_read_back_for_its_own_value_only():
    note = suggestion_note(8.235294117647, "完成值 14 名")
    assert is_suggestion(note, 8.235294117647)
    assert not is_suggestion(note, 8) and not is_suggestion(None, 8.235294117647)
    assert not is_suggestion("我的评分：建议得分 8.23529：", 8.235294117647)


def test_the_excel_host_reads_comments_from_each_sheets_list():
    def comment(ref, text):
        return SimpleNamespace(Parent=SimpleNamespace(GetAddress=lambda a, b, r=ref: r if (a, b) == (False, False) else "$" + r),
                               Text=lambda t=text: t)

    sheets = {"表1": SimpleNamespace(name="表1", api=SimpleNamespace(
                  Comments=[comment("H17", "建议得分 20：…"), comment("B2", "别的批注")])),
              "表2": SimpleNamespace(name="表2", api=SimpleNamespace(Comments=[]))}

    class Sheets(dict):
        def __iter__(self):
            return iter(self.values())

    host = XlwingsHost.__new__(XlwingsHost)
    host.book = SimpleNamespace(sheets=Sheets(sheets))
    got = host.notes([("表1", "H17"), ("表1", "H18"), ("表2", "H14"), ("不在了", "H14")])
    assert got == {("表1", "H17"): "建议得分 20：…"}


@pytest.mark.libreoffice
def test_a_suggestion_survives_a_save_in_libreoffice(calculated, tmp_path):
    """A 填报人 without Excel opens the 计算 copy in LibreOffice (or WPS), saves it, corrects a value:
    the comment comes back as written, so the next 计算 still knows the score was its own."""
    from conftest import need_libreoffice
    from jixiao.excel.office import convert

    need_libreoffice()
    saved = convert(calculated, "xlsx", tmp_path / "lo")
    edited = _edit(saved, tmp_path / "edited.xlsx", F17="6")
    done = calc(FileHost(str(edited), str(tmp_path / "second.xlsx")))
    assert done.refreshed == 1 and done.kept == []


def test_a_form_that_cannot_be_read_is_named_not_passed_over(tmp_path, capsys):
    """The blank template: no 项目名称, no 年度. 计算 used to say only “没有空白的得分需要计算”."""
    from jixiao.cli import REPO_TEMPLATES

    template = REPO_TEMPLATES / "项目支出绩效自评表.xlsx"
    said = buttons.calc(FileHost(str(template), str(tmp_path / "button.xlsx")))
    assert said.startswith("1 张表因单元格填写有误未能读取，没有计算：“项目支出绩效自评表”A2 ")
    assert "B3 项目名称为空" in said and said.endswith("改正后再点“计算”。")
    assert main(["calc", str(template), "-o", str(tmp_path / "cli.xlsx")]) == 1
    # the command line names the command where the button names the button
    assert capsys.readouterr().out.splitlines()[0] == said.replace("再点“计算”", "再运行 jixiao calc")


def _ledger(path):
    """A 复核台账 as the review writes it: our mark, no form."""
    from jixiao.marker import mark_openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["单位", "状态", "须修改", "请核实"])
    wb.active.append(["县水务局", "退回修改", 3, 1])
    mark_openpyxl(wb, "ledger")
    wb.save(path)
    return path


def _plain(path):
    wb = openpyxl.Workbook()
    wb.active["A1"] = "会议记录"
    wb.save(path)
    return path


def _targets(path):
    from target_books import write_book

    write_book(path, 2)
    return path


@pytest.mark.parametrize("make, what", [
    (_plain, "这个工作簿里没有自评表。"),
    (_targets, "工作表“001”“002”：这是绩效目标申报表，不是自评表"),
    (_ledger, "这是本工具写出的复核台账（复核的结果），其中没有自评表；请给出各单位报送的自评表工作簿"),
])
def test_a_workbook_without_a_form_is_refused_and_nothing_written(make, what, tmp_path, capsys):
    """An empty workbook, a 绩效目标表, our own 复核台账: 计算 said “没有自评表” and still wrote an unchanged
    copy, exit 1 — as every command refuses a wrong file, it says what the file is and what to give
    instead, exit 2, no copy."""
    book = make(tmp_path / "book.xlsx")
    out = tmp_path / "out.xlsx"
    assert main(["calc", str(book), "-o", str(out)]) == 2
    said = capsys.readouterr()
    assert not out.exists() and said.out == ""
    assert said.err.startswith(f"jixiao：{book}：") and what in said.err
    assert said.err.rstrip().endswith(f"未写出 {out}")
    if make is not _ledger:   # (the 台账 says itself what to give instead)
        assert "“计算”为自评表的空白得分填入建议得分，请对填好的自评表工作簿计算。" in said.err
    # the button says the same of the workbook it is clicked in (without its path) and changes nothing
    host = FileHost(str(book), str(tmp_path / "button.xlsx"))
    message = buttons.calc(host)
    assert message.startswith("计算未完成：") and what in message and str(book) not in message
    assert host.save() is None and not (tmp_path / "button.xlsx").exists()


def test_a_suggestion_no_rule_computes_any_more_is_named(calculated, tmp_path):
    edited = _edit(calculated, tmp_path / "edited.xlsx", F17="已完成")   # the actual turned into words
    done = calc(FileHost(str(edited), str(tmp_path / "second.xlsx")))
    assert done.stale == [(_sheet(edited).title, "H17")] and not done.plan.edits
    assert "1 个先前计算的建议得分已无法按公式计算" in done.message() and "H17" in done.message()


def test_the_copy_keeps_the_results_of_the_forms_it_did_not_change(sample_json, tmp_path):
    """计算's copy is saved by openpyxl: the forms it left alone keep the 执行率, 得分, 总分 and 等级
    their file stored (a viewer that does not calculate showed them blank); on the form whose
    scores it filled, no formula keeps the old result (the 总分 of the blank scores): since stop 55 it
    holds the new one (``test_calc_results_s55``), before it held none."""
    import python_calamine as pc

    def cells(path):
        wb = pc.CalamineWorkbook.from_path(str(path))
        return {n: wb.get_sheet_by_name(n).to_python(skip_empty_area=False) for n in wb.sheet_names}

    blank = json.loads(json.dumps(sample_json[0]))
    for ind in blank["indicators"]:
        ind["score"] = None
    blank["total_score"] = None   # left to its formula
    src = write_forms([parse_form(blank), parse_form(sample_json[1])], tmp_path / "两张.xlsx")
    before = cells(src)
    filled, alone = list(before)
    assert before[alone][33][7] not in ("", None) and before[filled][33][7] not in ("", None)
    host = FileHost(str(src), str(tmp_path / "计算.xlsx"))
    done = calc(host)
    host.save()
    assert done.filled > 0
    after = cells(tmp_path / "计算.xlsx")
    assert after[alone] == before[alone]
    ws = openpyxl.load_workbook(tmp_path / "计算.xlsx")[filled]
    assert str(ws["H34"].value).startswith("=") and after[filled][33][7] != before[filled][33][7]
    scores = [r[7] for r in after[filled][13:33] if isinstance(r[7], (int, float))]
    assert after[filled][33][7] == pytest.approx(after[filled][6][7] + sum(scores))


def test_a_typed_score_within_001_is_the_score_d4_accepts(calculated, tmp_path):
    """计算 names a typed score that differs from the rules' only where 校验 (D4) would: 18.56 beside 18.57
    is one score to both (``core.numbers.scores_apart``); 计算 used to suggest 18.57 for it while 校验
    said nothing. 18.55 is two scores to both."""
    from jixiao.checking.run import check_paths

    for typed, named in ((18.56, False), (18.55, True)):
        edited = _edit(calculated, tmp_path / f"edited-{typed}.xlsx", H17=typed, F17="6")
        done = calc(FileHost(str(edited), str(tmp_path / f"out-{typed}.xlsx")))
        assert bool(done.kept) is named, (typed, done.kept)
        _, res = check_paths([edited], workers=1, progress=False)
        assert bool([f for f in res.findings if f.rule == "D4" and f.cell == "H17"]) is named, typed


@pytest.mark.parametrize("shown", ["", None])
def test_a_score_cell_holding_the_fillers_formula_is_not_overwritten(sample_json, tmp_path, shown):
    """A 得分 cell where the 填报人 wrote a formula (=IF(F14="","",G14) shows blank; a file saved by a program
    that stores no results reads blank too): 计算 took it for a blank score and put the suggested number over
    the formula — in Excel as well (the host writes the value into the cell). The formula stays, is named
    with the suggestion, and no other blank score is held back by it."""
    from jixiao.excel.cache import inject

    data = json.loads(json.dumps(sample_json[0]))
    for ind in data["indicators"]:
        ind["score"] = None
    src = write_forms([parse_form(data)], tmp_path / "blank.xlsx")
    every = calc(FileHost(str(src))).filled
    wb = openpyxl.load_workbook(src)
    ws = wb.worksheets[0]
    ws["H14"] = '=IF(F14="已完成",G14,"")'
    wb.save(src)
    if shown is not None:
        inject(src, {ws.title: {"H14": shown}})   # the result Excel stored with it
    host = FileHost(str(src), str(tmp_path / "out.xlsx"))
    done = calc(host)
    host.save()
    out = _sheet(tmp_path / "out.xlsx")
    assert out["H14"].value == '=IF(F14="已完成",G14,"")' and out["H14"].comment is None
    assert out["H15"].value == 10 and done.filled == every - 1
    assert done.kept == [(ws.title, "H14 是公式（建议 10 分）")] and "H14 是公式（建议 10 分）" in done.message()
