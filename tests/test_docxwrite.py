"""``reports.docxwrite.Body`` writes the same XML as python-docx's ``add_paragraph`` (issue #18)."""

from __future__ import annotations

import io
import random
import zipfile

import docx
import pytest

from jixiao.reports.docxwrite import Body, set_text
from jixiao.review.notices import _blank

TEXTS = ["", "一", " 前后有空格 ", "尾部空格 ", "\t制表符开头", "换行\n之后", "回车\r之后", "两个\n\n换行",
         "混合\t与\r\n", "经审核，你单位报送的2024年度项目支出绩效自评材料（3个文件，12张自评表）存在以下问题。",
         "“引号”与‘单引号’", "&<>\"' 需要转义", "x" * 500]


def _document_xml(doc) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    return zipfile.ZipFile(buf).read("word/document.xml")


def _both(styles: list[str | None], seed: int) -> tuple[bytes, bytes]:
    rng = random.Random(seed)
    plan = [(rng.choice(TEXTS) + rng.choice(TEXTS), rng.choice(styles)) for _ in range(200)]
    a = docx.Document(io.BytesIO(_blank()))
    b = docx.Document(io.BytesIO(_blank()))
    body = Body(b)
    for text, style in plan:
        a.add_paragraph(text, style=style)
        body.add(text, style)
    return _document_xml(a), _document_xml(b)


@pytest.mark.parametrize("seed", range(5))
def test_same_xml_as_python_docx(seed):
    # the notice's styles, the default one by name and by None, and a built-in one
    old, new = _both([None, "Normal", "Title", "空行", "主送机关", "落款", "List Bullet"], seed)
    assert b"<w:tab/>" in old and b"<w:br/>" in old and b'xml:space="preserve"' in old  # the cases are met
    assert new == old


def test_default_style_has_no_pstyle_and_ids_are_shared():
    ids: dict[str, str | None] = {}
    doc = docx.Document(io.BytesIO(_blank()))
    body = Body(doc, ids)
    p = body.add("正文", "Normal")
    assert p._p.pPr is None or p._p.pPr.pStyle is None
    body.add("标题", "Title")
    assert ids == {"Normal": None, "Title": doc.styles["Title"].style_id}
    # a second document from the same blank takes the ids already found
    other = Body(docx.Document(io.BytesIO(_blank())), ids)
    assert other.add("落款", "Title").style.name == "Title"


def test_unknown_style_fails_as_python_docx_does():
    doc = docx.Document(io.BytesIO(_blank()))
    with pytest.raises(KeyError) as theirs:
        doc.add_paragraph("x", style="没有这个样式")
    with pytest.raises(KeyError) as ours:
        Body(doc).add("x", "没有这个样式")
    assert str(ours.value) == str(theirs.value)


def test_set_text_reads_back():
    doc = docx.Document()
    for text in TEXTS:
        run = doc.add_paragraph().add_run()
        set_text(run, text)
        assert run.text == text.replace("\r", "\n")
