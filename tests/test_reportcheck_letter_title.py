"""The reviewer's reading of a 报送函 in the 信函格式: its title is the “关于……的函” line, not the
发文机关标志 and the 文号 above it, which were quoted as part of it."""

from __future__ import annotations

from jixiao.reportcheck.document import Paragraph
from jixiao.reportcheck.kind import is_report, title_of


def _paras(*texts: str) -> list[Paragraph]:
    return [Paragraph(i, t, None) for i, t in enumerate(texts, 1)]


def test_a_letter_under_its_letterhead_is_titled_by_its_about_line():
    for number in ("【待填写】", "厂医保函〔2023〕5号"):
        ps = _paras("大厂回族自治县医疗保障局", number, "关于报送2022年度项目支出\n绩效自评报告的函", "", "县财政局：")
        assert title_of(ps) == "关于报送2022年度项目支出绩效自评报告的函"
        ok, why = is_report(ps, "报送函.docx")
        assert not ok and why == "标题为“关于报送2022年度项目支出绩效自评报告的函”，不是绩效自评报告，未与自评表核对"


def test_a_report_keeps_the_unit_line_of_its_title():
    ps = _paras("大厂回族自治县医疗保障局", "2022年度整体绩效自评工作报告", "根据……要求，现将有关情况报告如下。")
    assert title_of(ps) == "大厂回族自治县医疗保障局2022年度整体绩效自评工作报告"
    assert is_report(ps, "报告.docx")[0]
