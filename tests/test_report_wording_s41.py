"""What a 填报人 found in the documents written from a form without errors (session 41 QA): a bare
“已完成” beside the figures that deny it (“已完成（……目标未全部完成）”), an indicator's “未达到指标值”
said twice, an indicator's 偏差原因 given as the reason for unspent money and the 说明's restating of
the 执行率 and 结余 the sentence had just said; and, with the demo, the reports written where 定稿's
mail does not look for them."""

from __future__ import annotations

import email
import json
from email import policy
from pathlib import Path

import pytest
from docx import Document

from conftest import SAMPLES
from jixiao import reports as R
from jixiao.checking.run import check_batch
from jixiao.cli import main
from jixiao.core.claims import claims_all_done, is_bare_claim
from jixiao.core.profiles import get_profile
from jixiao.forms.project.model import parse_form
from jixiao.sources import Batch, Loaded, load_all

SAMPLE_DIR = SAMPLES[0].parent
REMARK = "执行率74.11%，结余22.78万元，原因是部分服务合同年底未到结算期，结余资金按规定结转。"
INDICATOR_REASON = "年内结算服务量少于预期，下年度加强宣传引导。"


def _clean_02() -> dict:
    """Sample 02 as its 填报人 would correct it (no error left): results without ≥/≤, a 偏差原因 for
    the indicator not met, a 说明 for the 结余."""
    d = json.loads((SAMPLE_DIR / "02.json").read_text(encoding="utf-8"))
    d["authority"] = d["unit"]
    for ind in d["indicators"]:
        if ind["actual"][:1] in "≥≤":
            ind["actual"] = ind["actual"][1:]
    d["indicators"][0]["reason"] = INDICATOR_REASON
    d["remark"] = REMARK
    return d


def _project(d: dict):
    return R.collect(Batch([Loaded(parse_form(d), "x.json")], files=1)).projects[0]


def test_the_form_words_are_read_once():
    assert is_bare_claim("已完成") and is_bare_claim("目标按计划完成。") and is_bare_claim("绩效目标全部完成")
    assert not is_bare_claim("已完成全年工作任务，保障了医保业务正常运转") and not is_bare_claim("未完成")
    assert claims_all_done("全部完成") and not claims_all_done("基本完成") and not claims_all_done("部分完成")


def test_a_bare_claim_beside_figures_that_deny_it_is_not_repeated():
    text = R.goal_clause(_project(_clean_02()))
    # s65: not “目标未全部完成，其中……” either, which denied the form's own claim: the claim bounded by the figures
    assert "实际完成情况：除1项指标未达到指标值外，年度目标已完成；预算执行率为74.11%，尚有22.78万元未支出。" in text, text
    assert "已完成（" not in text and "未全部完成" not in text
    # a longer account is the department's own: kept, the figures after it
    d = _clean_02()
    d["goal_actual"] = "已完成全年工作任务，保障了医保业务正常运转"
    text = R.goal_clause(_project(d))
    assert "实际完成情况：已完成全年工作任务，保障了医保业务正常运转。预算执行率为74.11%" in text, text
    assert "目标未全部完成" not in text and "（其中" not in text


def test_an_indicator_not_met_is_said_once():
    lines = R.group_lines(_project(_clean_02()))
    quantity = next(x for x in lines if x.startswith("数量方面"))
    assert quantity.endswith("未达到指标值，得8.24分，分值10分）。"), quantity
    assert quantity.count("未达到指标值") == 1


def test_the_reason_for_unspent_money_is_the_one_about_money(tmp_path):
    d = _clean_02()
    p = _project(d)
    assert p.funds_reasons() == ["部分服务合同年底未到结算期，结余资金按规定结转"]
    # a 说明 that does not restate keeps its words; none about money: the 说明 alone, the form's own note — an
    # indicator's 偏差原因 on something else is no reason for the money (s66: it was printed as one)
    d["remark"] = "合同分期付款"
    assert _project(d).funds_reasons() == ["合同分期付款"]
    # in the 项目支出绩效自评报告 of a workbook without errors
    src = tmp_path / "02.json"
    src.write_text(json.dumps(_clean_02(), ensure_ascii=False), encoding="utf-8")
    batch = load_all([src])
    check = check_batch(batch, get_profile(None))
    assert check.counts["error"] == 0
    paths = R.build_reports(batch, None, tmp_path / "报告", check=check)
    report = next(p for p in paths if p.stem == "项目支出绩效自评报告")
    paras = [p.text for p in Document(str(report)).paragraphs]
    funds = next(x for x in paras if x.startswith("1．医疗保障服务经费：执行率"))
    assert funds == "1．医疗保障服务经费：执行率74.11%，结余22.78万元。偏差原因：部分服务合同年底未到结算期，结余资金按规定结转。"
    assert not any("已完成（" in x or "全部完成（" in x for x in paras)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo") / "demo-output"
    assert main(["demo", "-o", str(out)]) == 0
    return out


def _docx_text(path) -> str:
    from docx import Document

    d = Document(str(path))
    return "\n".join([*(p.text for p in d.paragraphs), *(c.text for t in d.tables for r in t.rows for c in r.cells)])


def test_the_demo_writes_its_reports_where_the_final_mail_takes_them(demo, tmp_path, capsys):
    import openpyxl

    book = next(demo.glob("*-项目支出绩效自评表.xlsx"))
    assert (R.report_folder(book) / "报送函.docx").is_file() and not (demo / "报告").exists()
    capsys.readouterr()
    main(["finalize", str(book), "-o", str(tmp_path / "定稿"), "--email", "--force"])
    said = capsys.readouterr()
    eml = next((tmp_path / "定稿").glob("*.eml"))
    msg = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    names = [part.get_filename() for part in msg.iter_attachments()]
    assert "还没有生成" not in said.out + said.err   # found where 生成报告 wrote them
    # the demo's forms have errors: its documents are drafts marked 【待核实】, which 定稿 does not mail as
    # final (stop 43); it names them instead
    drafts = [p.stem for p in sorted(R.report_folder(book).glob("*.docx")) if "【待核实】" in _docx_text(p)]
    assert drafts and not any(n.endswith(f"-{d}.docx") for d in drafts for n in names), (drafts, names)
    assert "是标有【待核实】的草稿（生成时自评表仍有错误，或有像是以元填写的金额），没有放入邮件草稿" in said.out + said.err
    # the letter lists the 汇总表; the demo's workbook holds none (汇总 wrote it apart): the 定稿 builds it (s67;
    # before, a note said it was not in the mail)
    assert "不在邮件草稿中" not in said.out + said.err
    assert "汇总表" in openpyxl.load_workbook(next((tmp_path / "定稿").glob("*.xlsx")), read_only=True).sheetnames


def test_drop_columns_moves_what_is_right_of_them():
    from jixiao.excel.plan import SheetSpec, drop_columns

    spec = SheetSpec("s", cells={"A1": "t", "B2": "b", "C2": "c", "D2": "d", "E2": "e"}, merges=["A1:E1", "C3:C4"],
                     widths={"A": 5, "C": 9, "E": 7}, styles={"A2:E2": "header", "C3:C9": "num"},
                     links={"E3": "x!A1"}, print_area="A1:E9", freeze="D3")
    drop_columns(spec, ["C"])
    assert spec.cells == {"A1": "t", "B2": "b", "C2": "d", "D2": "e"}
    assert spec.merges == ["A1:D1"] and spec.widths == {"A": 5, "D": 7}
    assert spec.styles == {"A2:D2": "header"} and spec.links == {"D3": "x!A1"}
    assert (spec.print_area, spec.freeze) == ("A1:D9", "C3")


def test_the_final_copy_sends_no_review_columns(tmp_path, capsys):
    """The 定稿 a department emails carried 项目明细's 复核得分, 错误数 and 警告数 (and the 部门整体 list's
    复核 columns): the review's, not the department's. They are left out of the 定稿; the 汇总 in the
    department's own workbook keeps them."""
    import openpyxl

    src = tmp_path / "02.json"
    src.write_text(json.dumps(_clean_02(), ensure_ascii=False), encoding="utf-8")
    book, summed = tmp_path / "自评表.xlsx", tmp_path / "汇总后.xlsx"
    from dept_helpers import zizhou_of   # of the project's year: 汇总 and 定稿 leave a form of another year out

    assert main(["fill", str(src), str(zizhou_of(2022, tmp_path)), "-o", str(book)]) == 0
    main(["summarize", str(book), "-o", str(summed)])
    kept = openpyxl.load_workbook(summed)
    assert {"复核得分", "错误数", "警告数"} <= {c.value for c in kept["项目明细"][2]}
    main(["finalize", str(summed), "-o", str(tmp_path / "定稿"), "--force"])
    capsys.readouterr()
    final = openpyxl.load_workbook(next((tmp_path / "定稿").glob("*.xlsx")))
    head = [c.value for c in final["项目明细"][2]]
    assert head == ["序号", "项目名称", "主管部门", "实施单位", "全年预算数", "全年执行数", "执行率", "自评得分", "等级", "来源"]
    assert final["项目明细"]["J3"].value and final["项目明细"].print_area.endswith("$J$3")   # (as text: no link)
    dept = next(ws for ws in final.worksheets if ws["A2"].value == "序号" and ws.title != "项目明细")
    assert not any(str(c.value or "").startswith(("复核", "错误数", "警告数")) for c in dept[2]), [c.value for c in dept[2]]


def test_a_value_with_a_rate_or_count_word_as_unit_is_written_as_a_document_writes_it():
    """Sample 18 writes “≥6 次数”, “≥95 百分比”: the report said “指标值≥6次数”, “指标值≥95百分比” (the
    checker's C16/C17 warn). The report writes them as C16/C17 say they should be: “≥6次”, “≥95%”."""
    d = json.loads((SAMPLE_DIR / "18.json").read_text(encoding="utf-8"))
    targets = [i["target"] for i in d["indicators"]]
    assert "≥6 次数" in targets and "≥95 百分比" in targets
    text = "".join(R.group_lines(_project(d)))
    assert "指标值≥6次，" in text and "指标值≥95%，" in text, text
    assert "次数，" not in text and "百分比" not in text and "比率" not in text


def test_the_check_report_names_the_sheet_where_its_tab_is_not_the_project(demo):
    """The 校验报告's headings gave the project's name, its items only cells: a project named longer than
    Excel's 31-character sheet names was to be found on a tab reading otherwise. Such a heading names
    its sheet; one whose tab is its name stays as it was."""
    import openpyxl

    book = next(demo.glob("*-项目支出绩效自评表.xlsx"))
    tabs = openpyxl.load_workbook(book, read_only=True).sheetnames
    paras = [p.text for p in Document(str(R.report_folder(book) / "校验报告.docx")).paragraphs]
    named = [p for p in paras if "（工作表“" in p and "经校验" in p]
    assert named and all(p.split("（工作表“")[1].split("”")[0] in tabs for p in named)
    assert any(p.startswith("7．聘请法律顾问：经校验") for p in paras)   # its tab is its name
