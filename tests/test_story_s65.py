"""What a 填报人 walk found telling different stories (session 65): the report's 实际完成情况 against the
form's, the 定稿 mail's body against its attachments, 顿号 between quoted names (GB/T 15834 4.5.3.5), and
the check listing's quotes nested otherwise than the 校验结果 sheet's."""

from __future__ import annotations

import email
import json
from email import policy

from conftest import SAMPLES
from jixiao import reports as R
from jixiao.cli import main
from jixiao.forms.project.model import parse_form
from jixiao.sources import Batch, Loaded

SAMPLE_DIR = SAMPLES[0].parent
REMARK = "执行率74.11%，结余22.78万元，原因是部分服务合同年底未到结算期，结余资金按规定结转。"


def _clean_02(met: bool = False) -> dict:
    """Sample 02 without errors (as ``test_report_wording_s41``): 执行率 74.11 %, its first indicator 14 名
    against ≥17 名 (``met``: 17 名, full marks), the 实际完成情况 “已完成”."""
    d = json.loads((SAMPLE_DIR / "02.json").read_text(encoding="utf-8"))
    d["authority"] = d["unit"]
    for ind in d["indicators"]:
        if ind["actual"][:1] in "≥≤":
            ind["actual"] = ind["actual"][1:]
    d["indicators"][0]["reason"] = "年内结算服务量少于预期，下年度加强宣传引导。"
    if met:
        d["indicators"][0].update(actual="17 名", score=10, reason="")
    d["remark"] = REMARK
    d["goal_actual"] = "已完成"
    return d


def _goal(d: dict) -> str:
    return R.goal_clause(R.collect(Batch([Loaded(parse_form(d), "x.json")], files=1)).projects[0])


# ----------------------------------------------------------------------------- 1. 实际完成情况


def test_the_report_does_not_deny_the_forms_own_claim_where_only_money_is_left():
    """The form said “已完成”, every indicator met, 74.11 % spent: the report said “实际完成情况：目标未全部完成，
    其中执行率为74.11%……” — a report contradicting the form it is sent with. Both facts, as they are."""
    text = _goal(_clean_02(met=True))
    assert "实际完成情况：年度目标已完成，预算执行率为74.11%，尚有22.78万元未支出。" in text, text
    assert "未全部完成" not in text


def test_an_indicator_not_met_is_named_beside_the_claim():
    """An indicator below its 指标值 is the form's own fact: said beside the claim, not in its place."""
    text = _goal(_clean_02())
    assert "实际完成情况：除1项指标未达到指标值外，年度目标已完成；预算执行率为74.11%，尚有22.78万元未支出。" in text, text
    assert "未全部完成" not in text
    d = _clean_02()
    d["goal_actual"] = "已完成全年工作任务，保障了医保业务正常运转"   # a longer account: kept, the figures after it
    text = _goal(d)
    assert ("实际完成情况：已完成全年工作任务，保障了医保业务正常运转。预算执行率为74.11%，尚有22.78万元未支出；"
            "1项指标未达到指标值。") in text, text


def test_a_claim_the_figures_do_not_touch_is_as_written():
    d = _clean_02(met=True)
    for row in ("total", "fiscal"):
        d["funds"][row]["executed"] = d["funds"][row]["annual"]
    d.update(exec_rate="100%", exec_score=10)
    text = _goal(d)
    assert "实际完成情况：已完成。" in text, text


# ----------------------------------------------------------------------------- 2. the 定稿 mail's body


def _final_mail(tmp_path, capsys) -> tuple[str, list[str]]:
    """A clean form's workbook, its documents written by 生成报告, 定稿 with the mail: (body, attachment names)."""
    from jixiao.checking.run import check_batch
    from jixiao.core.profiles import get_profile
    from jixiao.sources import load_all

    src = tmp_path / "02.json"
    src.write_text(json.dumps(_clean_02(), ensure_ascii=False), encoding="utf-8")
    book = tmp_path / "自评表.xlsx"
    assert main(["fill", str(src), "-o", str(book)]) == 0
    batch = load_all([book])
    R.build_reports(batch, None, R.report_folder(book), check=check_batch(batch, get_profile(None)))
    capsys.readouterr()
    assert main(["finalize", str(book), "-o", str(tmp_path / "定稿"), "--email", "--force"]) == 0
    capsys.readouterr()
    msg = email.message_from_bytes(next((tmp_path / "定稿").glob("*.eml")).read_bytes(), policy=policy.default)
    return msg.get_body(("plain",)).get_content(), [str(a.get_filename()) for a in msg.iter_attachments()]


def test_the_mail_names_what_it_attaches(tmp_path, capsys):
    """The body said “现将我单位2022年度项目支出绩效自评表（共1个项目）报送贵局” while the mail also carried the
    报送函 and both reports: it names them, in the order of its 附件."""
    body, names = _final_mail(tmp_path, capsys)
    assert any(n.endswith("-报送函.docx") or n.endswith("-报送函.pdf") for n in names), names
    assert sum("自评报告" in n or "工作报告" in n for n in names) == 2, names
    assert ("现将我单位报送函及2022年度项目支出绩效自评报告、整体绩效自评工作报告和项目支出绩效自评表（共1个项目）"
            "报送贵局，请审核。") in body, body


# ----------------------------------------------------------------------------- 3. no 顿号 between quoted names


def test_quoted_names_side_by_side_have_no_dunhao():
    from jixiao.core.quotes import quoted_series

    assert quoted_series(["报送函", "项目支出绩效自评报告"]) == "“报送函”“项目支出绩效自评报告”"
    assert quoted_series(["“三公经费”变动率"]) == "“‘三公经费’变动率”"      # nested as one quote inside another
    assert quoted_series([]) == ""


def test_no_code_joins_bare_quoted_items_with_a_dunhao():
    """GB/T 15834 4.5.3.5: the messages read “项目支出绩效自评报告”、“整体绩效自评工作报告”是标有【待核实】的草稿,
    a 顿号 between quoted items. Every such join goes through ``quoted_series``; a quote followed by words of
    its own (“优”3个、“良”2个) keeps its 顿号 and is not matched here."""
    import re
    from pathlib import Path

    import jixiao

    bare = re.compile(r"""["']、["']\.join\(\s*f["']“\{[^{}]*\}”["']\s+for\b""")
    found = [f"{p.name}:{n}" for p in Path(jixiao.__file__).parent.rglob("*.py")
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if bare.search(line)]
    assert not found, found


def test_the_final_note_lists_the_missing_documents_without_dunhao(tmp_path, capsys):
    src = tmp_path / "02.json"
    src.write_text(json.dumps(_clean_02(), ensure_ascii=False), encoding="utf-8")
    book = tmp_path / "自评表.xlsx"
    assert main(["fill", str(src), "-o", str(book)]) == 0
    capsys.readouterr()
    assert main(["finalize", str(book), "-o", str(tmp_path / "定稿"), "--email", "--force"]) == 0
    said = capsys.readouterr()
    assert "“报送函”“项目支出绩效自评报告”和“整体绩效自评工作报告”都还没有生成" in said.out + said.err, said
    assert "”、“" not in said.out + said.err


# ----------------------------------------------------------------------------- 4. one nesting everywhere


def test_the_check_listing_nests_quotes_as_the_result_sheet_does():
    """The listing printed 指标““三公经费”变动率” and the 校验结果 sheet 指标“‘三公经费’变动率” for one finding."""
    from jixiao.core.findings import Finding, finding_line
    from jixiao.excel.plan import annotation_plan

    f = Finding(rule="F8", severity="error", field="indicators[1].reason", file="a.xlsx", sheet="部门整体",
                cell="J12", project="示例县财政局", source="a.xlsx#部门整体",
                message="指标““三公经费”变动率”得分 0 低于分值 5，扣了 5 分，应在“扣分原因”中写明原因")
    line = finding_line(f)
    assert "指标“‘三公经费’变动率”得分 0" in line and "““" not in line, line
    sheet = annotation_plan([f]).edits[-1]
    assert any(v == f.message.replace("““三公经费”", "“‘三公经费’") for v in sheet.cells.values()), sheet.cells
    assert f.message.startswith("指标““")   # the finding itself (and --json) keeps the rule's text
