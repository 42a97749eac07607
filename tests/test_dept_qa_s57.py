"""部门整体支出绩效自评表, QA of stop 57: what the department form said wrongly or not at all."""

from __future__ import annotations

import copy

from dept_helpers import clean_json
from jixiao.forms.department.model import parse_dept_form
from jixiao.forms.department.rules import check_forms
from jixiao.sources import Loaded


def _findings(d: dict) -> list:
    (_score, found), = check_forms([Loaded(parse_dept_form(d), "部门整体.xlsx", "部门整体")])
    return found


# -- 资金结余 without 上年结转结余: the missing figure named once -----------------------------------
def test_a_balance_without_last_years_names_the_missing_figure_once():
    d = clean_json()
    d["data"]["balance"], d["data"]["carryover_last"] = 50.0, None
    d["indicators"][5]["score"] = None        # 资金结余: the formula shows nothing
    said = [f.message for f in _findings(d) if f.rule in ("F6", "F15")]
    assert len(said) == 2, said
    for m in said:
        assert "缺少计算数据（上年结转结余（万元））" in m, m


# -- a department's form sent twice: what is said of the earlier copy ---------------------------------
def test_a_department_form_sent_again_is_not_called_a_project():
    from types import SimpleNamespace

    from jixiao.dedupe import screen_forms
    from jixiao.review.notices import replaced_note

    form = parse_dept_form(clean_json())
    items = [Loaded(form, "县医保局.xlsx", "部门整体"), Loaded(form, "县医保局（修改稿）.xlsx", "部门整体")]
    res = screen_forms(items, mtime={"县医保局.xlsx": 1.0, "县医保局（修改稿）.xlsx": 2.0}.__getitem__,
                       saved=lambda _f: None)
    [aside] = res.set_aside
    assert aside.file == "县医保局.xlsx" and aside.form_kind == "department"
    assert aside.reason == "同一部门（单位）已由 县医保局（修改稿）.xlsx 重新报送（其文件时间较晚），此份不计入"
    dept = SimpleNamespace(files=["县医保局.xlsx", "县医保局（修改稿）.xlsx"], annotated=None, superseded_forms=[
        {"file": "县医保局.xlsx", "replaced_by": "县医保局（修改稿）.xlsx", "sheet": "部门整体", "kind": "department"}])
    assert "工作表已被“县医保局（修改稿）.xlsx”中的同一部门（单位）替换" in replaced_note(dept)
    dept.superseded_forms[0]["kind"] = "project"     # a project's is said as it was
    assert "中的同一项目替换" in replaced_note(dept)


# -- a renamed 产出 indicator: its basis says what was counted, not another indicator's name ------------
def test_a_renamed_indicators_basis_names_what_was_counted():
    from jixiao.forms.department.scoring import score_dept_form

    d = clean_json()
    d["indicators"][15]["name"] = "打击欺诈骗保督查"          # scored by the 实际完成率 standard
    s = score_dept_form(parse_dept_form(d)).indicators
    assert s[15].basis == "未完成的计划工作任务 2 项，每项扣 0.5 分，得 9 分", s[15].basis
    assert "实际完成率" not in s[15].basis
    assert s[8].basis == "资金使用不符合规定的事例 0 例，每例扣 1 分，得 3 分"          # its own unit
    assert s[4].basis == "未按进度下达的专项 1 个，每个扣 0.5 分，得 2.5 分"


# -- 满意度 typed as 93 for 93% ------------------------------------------------------------------------
def _sat(d: dict, value) -> dict:
    d = copy.deepcopy(d)
    d["data"]["satisfaction"] = value
    return d


def test_a_satisfaction_typed_as_93_is_scored_as_93_percent():
    from jixiao.forms.department.scoring import dept_score, measure_value, score_dept_form

    form = parse_dept_form(_sat(clean_json(), 93))
    assert measure_value("satisfaction", form.data) == 0.93
    s = score_dept_form(form).indicators[19]
    assert s.score == 3 and s.value == 0.93     # 85%–95%: it was 9300%, the top band, 5
    assert s.basis == "满意度表中写作 93，按 93% 计；社会公众或服务对象满意度 93.00% 属第 2 档（≥85.00%），得 3 分", s.basis
    assert dept_score("满意度", 93) == 3 and dept_score("满意度", 0.93) == 3      # JX_DEPT_SCORE alike
    assert dept_score("满意度", 96) == 5 and dept_score("满意度", 1) == 5        # 1 is 100%, as typed
    # F16 still asks for 93%, and F11 finds the 3 written right
    found = _findings(_sat(clean_json(), 93) | {"indicators": [
        {**ind, "score": 3, "reason": "满意度未达到95%"} if k == 19 else ind
        for k, ind in enumerate(clean_json()["indicators"])]})
    [f16] = [f for f in found if f.rule == "F16"]
    assert f16.message.endswith("表中为 93，像是把 93% 写成了 93（已按 93% 计分），请写作 93%"), f16.message
    assert not [f for f in found if f.rule == "F11"]
    # over 100 is no per cent: read as written, as before
    assert score_dept_form(parse_dept_form(_sat(clean_json(), 150))).indicators[19].value == 150


def test_the_sheet_formula_reads_93_as_93_percent_too(tmp_path):
    """The 计算值 formula is the twin's: LibreOffice computes 93% and 3 points from a 93 typed into the cell."""
    import openpyxl

    from conftest import need_libreoffice
    from jixiao.excel.office import convert
    from jixiao.excel.workbook import write_forms
    from jixiao.forms.department import layout as D

    need_libreoffice()
    d = clean_json()
    form = parse_dept_form(d)
    book = write_forms([form], tmp_path / "dept.xlsx")
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    lay = D.DeptLayout.for_form(form)
    ws[f"F{lay.data_row('satisfaction')}"] = 93
    wb.save(book)
    ws = openpyxl.load_workbook(convert(book, "xlsx", tmp_path / "lo"), data_only=True).worksheets[0]
    assert ws[f"G{lay.group('satisfaction').head}"].value == 0.93
    assert ws[f"I{lay.ind_row(19)}"].value == 3


# -- the 校验报告's 复核得分 of a form whose printed 评分标准 its parameters do not follow ------------------
def test_the_check_report_says_the_score_follows_the_parameters(tmp_path):
    from docx import Document

    from jixiao import reports as R
    from jixiao.cli import main
    from jixiao.excel.workbook import write_forms

    d = clean_json()
    d["indicators"][19]["standard"] = "满意度90%（含）以上，计5分；80%（含）–90%，计3分；70%（含）–80%，计1分；低于70%，计0分。"
    d["indicators"][11]["standard"] = "公务卡刷卡率≥80%，计3分；每低1个百分点扣0.2分，扣完为止。"
    book = write_forms([parse_dept_form(d)], tmp_path / "dept.xlsx")
    assert main(["report", str(book), "-o", str(tmp_path / "报告")]) == 0      # warnings: no draft
    text = [p.text for p in Document(str(tmp_path / "报告" / f"{R.CHECK_NAME}.docx")).paragraphs]
    [line] = [t for t in text if "按表中评分标准复核为" in t]
    assert line.endswith("取表中得分；2个指标的评分标准文字与评分标准参数不符，按参数计算，见规则 F19）。"), line
