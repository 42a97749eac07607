"""Punctuation in what is printed (session 64): every mark of the three 报送 documents is on their
PDF pages, none hung past the margin where LibreOffice leaves it out, and none starts a line that
GB/T 15834 forbids it to start (“）。，、；：”” at a line's start, “（“《” at its end).

Before: the demo's 项目支出绩效自评报告.pdf (LibreOffice 7.4) had 338 of its 339 “。”, 599 of 602 “，”
and 118 of 119 “、”: a mark that ended a full line was hung past the right margin and not printed
(page 24: “……补助发放及时性、总成本” / “就医费用……”, the “、” gone).
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from conftest import SAMPLES, need_libreoffice
from jixiao import reports as R
from jixiao.checking.run import check_batch
from jixiao.core.profiles import get_profile
from jixiao.reports.pagefit import wrap
from jixiao.reports.templates import NAMES
from jixiao.sources import load_all

MARKS = "，。、；：（）“”《》〔〕【】"
NO_START = "）。，、；：”》〕】！？"
NO_END = "（“《〔【"


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    need_libreoffice()
    batch = load_all(SAMPLES)
    out = tmp_path_factory.mktemp("punct")
    paths = R.build_reports(batch, None, out, pdf=True, check=check_batch(batch, get_profile(None)), force=True)
    return {(p.stem, p.suffix): p for p in paths}


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("name", NAMES)
def test_every_mark_of_a_document_is_printed(made, name):
    """Each punctuation mark as often in the PDF's text as in the document (table cells counted once:
    python-docx gives a merged cell once per grid column, so the tables are compared as they print)."""
    docx, pdf = made[(name, ".docx")], made[(name, ".pdf")]
    doc = Document(str(docx))
    body = "\n".join(p.text for p in doc.paragraphs)
    tcs = {c._tc.getroottree().getpath(c._tc): c.text for t in doc.tables for row in t.rows for c in row.cells}
    cells = "\n".join(tcs.values())
    printed = _pdf_text(pdf)
    lost = {m: (body + cells).count(m) - printed.count(m) for m in MARKS}
    assert not {m: n for m, n in lost.items() if n > 0}, f"{name}.pdf 中少印的标点：{lost}"


@pytest.mark.parametrize("name", NAMES)
def test_no_line_starts_with_a_closing_mark(made, name):
    """GB/T 15834 (and Chinese typesetting): no “）。，、；：”” starts a printed line, no “（“《” ends one."""
    lines = [ln.strip() for ln in _pdf_text(made[(name, ".pdf")]).splitlines() if ln.strip()]
    bad = [ln for ln in lines if ln[0] in NO_START or ln[-1] in NO_END]
    assert not bad, bad[:5]


def test_documents_keep_marks_inside_the_margin(made):
    """The written documents say so (``w:overflowPunct``, read by LibreOffice as “no hanging”): a
    department's own template, without the element, gets it too."""
    for name in NAMES:
        with zipfile.ZipFile(made[(name, ".docx")]) as z:
            styles = z.read("word/styles.xml").decode("utf-8")
        assert re.search(r'<w:pPrDefault><w:pPr>(?:(?!</w:pPr>).)*<w:overflowPunct w:val="1"/>', styles), name


def test_punctuation_inside_goes_in_schema_order():
    """``w:overflowPunct`` before ``w:spacing`` in the defaults' pPr (Word rejects elements out of order)."""
    from jixiao.reports.docxwrite import punctuation_inside

    doc = Document()
    ppr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr"))
    punctuation_inside(doc)
    punctuation_inside(doc)   # once only
    tags = [c.tag.split("}")[1] for c in ppr]
    assert tags.count("overflowPunct") == 1
    assert tags.index("overflowPunct") < tags.index("spacing")


def test_letter_fit_counts_no_hanging_mark():
    """The letter's page fit wraps as LibreOffice now sets the text: a “，” that does not fit the line
    takes the character before it to the next line (it was counted hung past the end, a line fewer)."""
    line = "一" * 27 + "二，三"
    assert wrap(line, 28, 28) == ["一" * 27, "二，三"]
    assert wrap("一" * 27 + "。", 28, 28) == ["一" * 27 + "。"]   # it fits: 28 characters


def test_values_typed_with_an_equals_sign_read_as_a_sentence(made):
    """A 完成值 typed “=1 人” (“exactly”) is “完成值1人” in the report, not “完成值=1人” (the demo's four)."""
    text = "\n".join(p.text for p in Document(str(made[("项目支出绩效自评报告", ".docx")])).paragraphs)
    assert "完成值1人" in text   # 01.json: 工作人员数量, 实际完成值 “=1 人”
    assert not re.search(r"值[=＝]\d", text), re.findall(r".{8}值[=＝]\d.{4}", text)


# A form's cells (the printed sheets): LibreOffice Calc breaks a wrapped cell at any character, a “）” at a
# line's start and all (rendered: “≥50万头（只” / “）” in 年度指标值, column E, 12 wide; a word joiner,
# U+FEFF or a no-break space before the “）” changes nothing), and a user's value is not ours to change. What
# the code controls is the row height: it must hold the lines of a program that does keep the rule (Excel's
# East Asian line breaking is not measured here), or the last line is cut off on paper.
_NO_START = set("）)》〉”’〕】%％，、。；：！？,.;:!?")
_NO_END = set("（(《〈“‘〔【")


def _ruled_lines(text: str, width: float) -> int:
    """Lines of ``text`` in a wrapped cell ``width`` wide, set as a program keeping the line-start and
    line-end rule sets it: a Chinese character 1.75 width units and another 0.95 (10.5 pt 宋体 as LibreOffice
    sets it: six characters to a line of column E, 12 wide), a closing mark that does not fit taking the
    character before it to the next line, an opening mark never left at a line's end."""
    import unicodedata

    def w(ch: str) -> float:
        return 1.75 if unicodedata.east_asian_width(ch) in "WFA" else 0.95

    room, n = width - 0.8, 0
    for para in text.split("\n"):
        line: list[str] = []
        count = 1
        for ch in para:
            if line and sum(map(w, line)) + w(ch) > room:
                carry: list[str] = []
                while len(line) > 1 and ((carry[0] if carry else ch) in _NO_START or line[-1] in _NO_END):
                    carry.insert(0, line.pop())
                line, count = carry, count + 1
            line.append(ch)
        n += count
    return n


def test_row_heights_hold_the_lines_the_line_start_rule_takes(sample_json):
    """``fit.wrapped_lines`` (the row heights of fill, 定稿, the copies and the add-in) counts at least the
    lines a rule-keeping program sets, for every indicator text of the 23 sample forms in its column and
    for values like “≥50万头（只）” in the 年度指标值 and 实际完成值 columns."""
    from jixiao.excel.fit import wrapped_lines
    from jixiao.forms.project.layout import COL_WIDTHS, IND_COL_OF

    texts = [(v, COL_WIDTHS[IND_COL_OF[k]]) for d in sample_json for ind in d.get("indicators", [])
             for k in ("level2", "name", "target", "actual", "reason") if isinstance(v := ind.get(k), str) and v]
    texts += [(op + num + unit, width) for op in ("≥", "≤", "") for num in ("5", "50", "500", "5000", "12.35")
              for unit in ("万头（只）", "头（只）", "人（次）", "万元（含）", "万人次（户）", "亩（含复种）")
              for width in (COL_WIDTHS["E"], COL_WIDTHS["F"])]
    assert len(texts) > 700
    short = [(t, w, wrapped_lines(t, w), _ruled_lines(t, w)) for t, w in texts if _ruled_lines(t, w) > wrapped_lines(t, w)]
    assert not short, short[:5]
    assert _ruled_lines("≥50万头（只）", COL_WIDTHS["E"]) == 2   # “≥50万头” / “（只）”
