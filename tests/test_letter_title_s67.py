"""The 报送函's and reports' 标题 is 2号小标宋 (22 pt) in every size its style gives (session 67, letter)."""

from __future__ import annotations

import pytest
from docx import Document


@pytest.mark.parametrize("name", ["报送函", "项目支出绩效自评报告", "整体绩效自评工作报告"])
def test_the_title_is_22_pt_in_every_size_the_style_gives(name):
    """GB/T 9704 7.3.3: the 标题 in 2号小标宋 (22 pt). The Title style said 22 pt (w:sz) and 26 pt (w:szCs, left
    from python-docx's template), and its linked “Title Char” 26 pt in the theme's font and blue: a title
    partly restyled in Word, or read for its size, was 26 pt."""
    from docx.oxml.ns import qn

    from jixiao.reports.templates import TEMPLATE_DIR

    styles = Document(str(TEMPLATE_DIR / f"{name}.docx")).styles.element
    by_id = {s.get(qn("w:styleId")): s for s in styles.findall(qn("w:style"))}
    for sid in ("Title", "TitleChar"):
        rpr = by_id[sid].find(qn("w:rPr"))
        sizes = {tag: rpr.find(qn(tag)).get(qn("w:val")) for tag in ("w:sz", "w:szCs")}
        assert sizes == {"w:sz": "44", "w:szCs": "44"}, (sid, sizes)
        assert rpr.find(qn("w:color")) is None
        assert rpr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "方正小标宋简体"
