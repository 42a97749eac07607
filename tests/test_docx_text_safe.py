"""A document's text never stops a command: characters XML cannot carry (a name read from a broken
archive, “…/.relsPK\\x01\\x02\\x14”: fuzz seed 4201 stopped a whole review on it) are left out."""

from __future__ import annotations

from docx import Document

from jixiao.reports.docxwrite import Body, set_text


def test_control_characters_are_left_out_of_a_run(tmp_path):
    doc = Document()
    set_text(doc.add_paragraph().add_run(), "“压缩包 › _rels/.relsPK\x01\x02\x14\x03\x14”：无法取出")
    Body(doc).add("34．“a.zip › b\x00c\x1f.xlsx”：无法取出")
    doc.save(tmp_path / "x.docx")
    texts = [p.text for p in Document(str(tmp_path / "x.docx")).paragraphs]
    assert "“压缩包 › _rels/.relsPK”：无法取出" in texts and "34．“a.zip › bc.xlsx”：无法取出" in texts
