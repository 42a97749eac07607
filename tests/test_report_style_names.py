"""A report's paragraph styles are looked up once per style id, with python-docx's own lookup.

Why: ``Paragraph.style`` scans every style of the document for the default one on each paragraph
without a style of its own, so a long report (or a 退回修改通知 left in an inbox) took seconds to read."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.oxml import OxmlElement

from jixiao.reportcheck.document import _style_name, read_document


def _report(path: Path) -> Path:
    doc = Document()
    doc.styles.add_style("自评正文", WD_STYLE_TYPE.PARAGRAPH)
    doc.styles.add_style("强调字", WD_STYLE_TYPE.CHARACTER)
    doc.add_paragraph("关于2024年度项目支出绩效自评情况的报告", style="Title")
    doc.add_paragraph("一、基本情况", style="Heading 1")
    for k in range(40):
        doc.add_paragraph(f"项目资金{k}万元，已全部支付。")          # no style of its own: the default
        doc.add_paragraph(f"第{k}段正文。", style="自评正文")
    doc.add_paragraph("（一）项目概况", style="Heading 2")
    odd = doc.add_paragraph("样式编号不存在的段落。")            # an id no style has: python-docx gives the default
    ppr = odd._p.get_or_add_pPr()
    ps = OxmlElement("w:pStyle")
    ps.set(qn("w:val"), "NoSuchStyle")
    ppr.insert(0, ps)
    wrong = doc.add_paragraph("用字符样式作段落样式的段落。")     # a character style's id: also the default
    wrong._p.get_or_add_pPr().insert(0, OxmlElement("w:pStyle"))
    wrong._p.pPr[0].set(qn("w:val"), doc.styles["强调字"].style_id)
    doc.save(str(path))
    return path


def test_names_equal_python_docx_and_each_id_is_looked_up_once(tmp_path, monkeypatch):
    doc = Document(str(_report(tmp_path / "报告.docx")))
    paragraphs = doc.paragraphs
    expected = [(p.style.name if p.style is not None else "") or "" for p in paragraphs]
    calls: list[object] = []
    real = type(doc.part).get_style

    def counting(self, style_id, style_type):
        calls.append(style_id)
        return real(self, style_id, style_type)

    monkeypatch.setattr(type(doc.part), "get_style", counting)
    names: dict[str | None, str] = {}
    got = [_style_name(p, names) for p in paragraphs]
    assert got == expected
    assert {"Title", "Heading 1", "Heading 2", "自评正文"} <= set(got)
    assert got[-1] == got[-2] == got[2]   # unknown id and wrong type fall back to the default, as python-docx does
    assert len(calls) == len(set(calls)) == len(names) == 7   # None, Title, Heading1, 自评正文, Heading2, unknown, character


def test_read_document_keeps_styled_headings(tmp_path):
    paras, _ = read_document(_report(tmp_path / "报告.docx"))
    by_text = {p.text: p.level for p in paras}
    assert by_text["关于2024年度项目支出绩效自评情况的报告"] == 1   # Title: level 1 from the style alone
    assert by_text["一、基本情况"] == 1 and by_text["（一）项目概况"] == 2
    assert by_text["项目资金0万元，已全部支付。"] is None and by_text["第0段正文。"] is None
    assert len(paras) == 85
