"""A form's date left blank (session 64): the 填报日期 of a 项目支出绩效自评表, the 报告日期 and 部门（单位）意见的
日期 of a 部门整体支出绩效自评表, the 报告日期 of a 项目支出绩效评价表.

Before: a date no calendar has or one in the year evaluated was warned of (H10, F20, V22), a blank one was not
(H10, F20: “空白的不提示”), except the 评价表's, warned of in every 校验 (V22). Now one story for the three kinds: a
填报人 at work is hinted (提示: H11, F21, V23), not warned, since the date is written when the form is done; the
定稿 — the form sent — names the dates still blank; the 财政局's review lists them as warnings (请核实), the
date being how it tells two versions of a project apart and what the documents are dated by."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from jixiao.checking.run import check_paths
from jixiao.cli import main as cli_main

SAMPLES = Path(__file__).resolve().parent.parent / "jixiao" / "samples"
PROJECT = SAMPLES / "dachang-2022" / "01.json"
DEPT = SAMPLES / "zizhou-2023" / "department.json"
EVAL = SAMPLES / "fengtai-2023-evaluation" / "form.json"
DATE_RULES = {"H10", "H11", "F20", "F21", "V22", "V23"}


def _json(tmp_path: Path, src: Path, name: str, **change) -> Path:
    d = json.loads(src.read_text(encoding="utf-8"))
    d.update(change)
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    return path


def _dated(paths: list[Path]) -> list[tuple]:
    return sorted((f.rule, f.severity, f.field, f.cell or "", f.message)
                  for f in check_paths(paths)[1].findings if f.rule in DATE_RULES)


@pytest.mark.parametrize("blank", [None, "", "  ", "/"])
def test_a_blank_filled_on_is_a_hint_on_its_cell(tmp_path, blank):
    book = tmp_path / "表.xlsx"
    assert cli_main(["fill", str(_json(tmp_path, PROJECT, "空白", filled_on=blank)), "-o", str(book)]) == 0
    [(code, severity, field, cell, message)] = _dated([book])
    assert (code, severity, field) == ("H11", "info", "filled_on"), message
    assert cell.startswith("G"), cell
    assert message == "填报日期未填写，表填完后、定稿报送前请填写2023年1月1日以后的实际日期（如 2023年3月1日）"


def test_a_written_filled_on_is_said_as_before(tmp_path):
    assert not _dated([_json(tmp_path, PROJECT, "有日期")])
    [(code, severity, *_)] = _dated([_json(tmp_path, PROJECT, "年内", filled_on="2022.6.1")])
    assert (code, severity) == ("H10", "warning")


def test_the_department_form_s_two_dates_blank_are_hints(tmp_path):
    got = _dated([_json(tmp_path, DEPT, "部门", report_date=None, opinion_date=None)])
    assert [(c, s, f) for c, s, f, *_ in got] == [("F21", "info", "opinion_date"), ("F21", "info", "report_date")]
    assert {m for *_, m in got} == {"报告日期未填写，表填完后、定稿报送前请填写2024年1月1日以后的实际日期（如 2024年3月1日）",
                                    "部门（单位）意见的日期未填写，表填完后、定稿报送前请填写2024年1月1日以后的实际日期（如 2024年3月1日）"}
    # the sample itself: its 报告日期 written, its 部门意见的日期 blank
    assert [(c, f) for c, _s, f, *_ in _dated([DEPT])] == [("F21", "opinion_date")]


def test_the_evaluation_form_s_blank_report_date_is_a_hint_not_a_warning(tmp_path):
    """The published 评价表 leaves its 报告日期 blank: V22 warned in every 校验 (s62), a 填报人 at work nagged."""
    [(code, severity, field, cell, message)] = _dated([EVAL])
    assert (code, severity, field, cell) == ("V23", "info", "report_date", "I5"), message
    assert message.startswith("报告日期未填写，表填完后、定稿报送前请填写评价报告的出具日期")
    [(code, severity, *_)] = _dated([_json(tmp_path, EVAL, "早", report_date="2019年3月1日")])
    assert (code, severity) == ("V22", "warning")


def test_the_rules_list_the_hints_as_such():
    from jixiao.checking.rules import load_catalogue

    cat = load_catalogue()
    assert {c: (cat[c].severity, cat[c].form_type) for c in ("H11", "F21", "V23")} == {
        "H11": ("info", "project"), "F21": ("info", "department"), "V23": ("info", "evaluation")}
    assert cat["V22"].title == "报告日期有误"


def test_the_final_copy_names_the_dates_still_blank(tmp_path, capsys):
    book = tmp_path / "表.xlsx"
    forms = [_json(tmp_path, PROJECT, "甲", filled_on=None, project="甲项目"), _json(tmp_path, PROJECT, "乙", project="乙项目"),
             _json(tmp_path, DEPT, "部门")]
    assert cli_main(["fill", *map(str, forms), "-o", str(book)]) == 0
    capsys.readouterr()
    cli_main(["finalize", str(book), "-o", str(tmp_path / "定稿"), "--force", "--no-pdf"])
    said = capsys.readouterr()
    text = said.out + said.err
    assert re.search(r"注意：“甲项目”工作表 G\d+的填报日期、“部门整体-子洲县医疗保障局”工作表 J\d+的部门（单位）意见的日期"
                     "未填写，定稿文件中为空白：报送前请填写后重新定稿", text), text


def test_the_review_warns_of_a_form_sent_without_its_date(tmp_path):
    from review_fixture import form, run_cli

    from jixiao.excel.workbook import write_forms

    inbox = tmp_path / "inbox"
    write_forms([form(2, "县民政局", filled_on=None), form(3, "县民政局")], inbox / "民政局.xlsx")
    out = tmp_path / "out"
    _code, text = run_cli("review", str(inbox), "-o", str(out), "--year", "2022", "--json")
    [dept] = json.loads(text)["departments"]
    dated = [it for it in dept["to_fix"] if it["rule"] == "H11"]
    assert len(dated) == 1 and dated[0]["severity"] == "warning", dept["to_fix"]
    # the form was sent: the notice asks for the date, not for it “before the 定稿”
    assert dated[0]["message"] == "填报日期未填写，请填写2023年1月1日以后的实际日期（如 2023年3月1日）", dated[0]["message"]
    # … and says its 应为 whole: the 退回修改通知's item quotes none after it
    import docx

    [notice] = (out / "县民政局").glob("退回修改通知.docx")
    [item] = [p.text for p in docx.Document(notice).paragraphs if "填报日期未填写" in p.text]
    # … asking for it, nothing to verify or justify in a blank (s65: it ended “请核实，如无误可说明理由。”)
    assert item.endswith("单元格：填报日期未填写，请填写2023年1月1日以后的实际日期（如 2023年3月1日）。"), item
    # the bureau's 校验 of the same workbook: a hint, as the 填报人 saw it
    assert [s for c, s, *_ in _dated([inbox / "民政局.xlsx"])] == ["info"]
