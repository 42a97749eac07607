"""Reading a self-evaluation report (自评报告) as numbered paragraphs and sentences.

A reviewer cites a report by paragraph ("第 15 段"), so every statement keeps the number of
the paragraph it came from: in a .docx the position in the body (python-docx
``Document.paragraphs``, counted from 1, empty ones included, as Word's navigation counts
them); in .md/.txt the non-empty paragraphs (blocks between blank lines in Markdown, lines
in plain text). Markdown markers (#, **) are dropped: a department pastes its report from
Word, the markers are not part of what it says.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.docno import year_in_parens
from ..errors import ReportError

SUFFIXES = (".docx", ".md", ".txt")
_CN_NUM = "一二三四五六七八九十"
_LEVEL1 = re.compile(rf"^[{_CN_NUM}]+、")
_LEVEL2 = re.compile(rf"^[（(][{_CN_NUM}]+[）)]")
_LEVEL3 = re.compile(r"^\d{1,2}[．.、](?!\d)")
HEADING_MAX = 70  # characters: a longer "（一）……" paragraph is a list item, not a heading


@dataclass
class Paragraph:
    n: int                 # paragraph number as the reviewer counts it (from 1)
    text: str              # as written, markers removed
    level: int | None      # heading level: 1 一、 / title, 2 （一）, 3 1．; None for body text


@dataclass
class Table:
    k: int                 # 表 k of the report, from 1
    after: int             # the number of the paragraph it follows (0: before the first)
    rows: list[list[str]]  # cell texts, row by row


def norm(text: str) -> str:
    """Full-width to half-width (NFKC), no whitespace, a 文号's year in one kind of bracket: what the
    patterns look at. A form says 冀财社(2021)164 号 where the report says 冀财社〔2021〕164号."""
    s = unicodedata.normalize("NFKC", text)
    s = s.replace("≧", "≥").replace("≦", "≤")
    s = year_in_parens(s)
    return re.sub(r"\s+", "", s)


def heading_level(text: str, styled: int | None = None) -> int | None:
    """A heading's level from its ordinal (一、 / （一） / 1．) or its Word style."""
    s = text.strip()
    if not s:
        return None
    short = len(s) <= HEADING_MAX and not s.rstrip().endswith(("。", "：", ":", "；"))
    if _LEVEL1.match(s) and short:
        return 1
    if _LEVEL2.match(s) and short:
        return 2
    if _LEVEL3.match(s) and short and "。" not in s:
        return 3
    return styled


def _docx(path: Path) -> tuple[list[Paragraph], list[Table]]:
    try:
        from docx import Document
        from docx.table import Table as DocxTable

        doc = Document(str(path))
    except Exception as exc:  # noqa: BLE001 - python-docx raises several kinds for a file that is not a .docx
        raise ReportError(f"{path}：无法读取报告（不是有效的 .docx 文件，请用 Word 或 WPS 另存为 .docx）",
                          file=str(path)) from None
    out: list[Paragraph] = []
    tables: list[Table] = []
    names: dict[str | None, str] = {}  # style id -> name (see _style_name)
    for p in doc.iter_inner_content():  # body order: the same paragraphs as doc.paragraphs, and the tables
        if isinstance(p, DocxTable):
            tables.append(Table(len(tables) + 1, len(out), [[c.text.replace("【待核实】", "").strip() for c in r.cells] for r in p.rows]))
            continue
        i = len(out) + 1
        style = _style_name(p, names)
        styled = None
        m = re.search(r"(?:Heading|标题)\s*(\d)", style)
        if m:
            styled = int(m.group(1))
        elif style in ("Title", "标题"):
            styled = 1
        out.append(Paragraph(i, p.text, heading_level(p.text, styled)))
    return out, tables


def _style_name(p: Any, names: dict[str | None, str]) -> str:
    """The name of a paragraph's style ("" for none), looked up once per style id.

    Why: python-docx resolves ``Paragraph.style`` by scanning every style of the document for
    the default one, for each paragraph without a style of its own; a 3,000-paragraph document
    took seconds. The lookup itself is python-docx's, so the name is the same."""
    sid = p._p.style
    if sid not in names:
        st = p.style
        names[sid] = (st.name if st is not None else "") or ""
    return names[sid]


def _text(path: Path) -> tuple[list[Paragraph], list[Table]]:
    from ..guard import read_text

    raw = read_text(path, what="报告", error=ReportError, gbk=True)
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    out: list[Paragraph] = []
    tables: list[Table] = []
    if path.suffix.lower() != ".md":
        for line in raw.split("\n"):
            _add(out, line)
        return out, tables
    for block in re.split(r"\n\s*\n", raw):
        lines = [ln.strip() for ln in block.strip().split("\n") if ln.strip()]
        if lines and all(ln.startswith("|") for ln in lines):  # a pipe table: its rows are not paragraphs
            rows = [[c.strip() for c in ln.strip("|").split("|")] for ln in lines
                    if not re.fullmatch(r"\|[\s:|-]+\|?", ln)]
            tables.append(Table(len(tables) + 1, len(out), rows))
        else:
            _add(out, "".join(lines))
    return out, tables


def _add(out: list[Paragraph], block: str) -> None:
    """A non-empty paragraph of a text file, numbered after the ones before it; # and ** dropped."""
    text = block.strip()
    if not text:
        return
    md_heading = None
    m = re.match(r"^(#{1,6})\s*", text)
    if m:
        md_heading = 1 if len(m.group(1)) <= 1 else min(len(m.group(1)), 3)
        text = text[m.end():]
    text = text.replace("**", "").strip()
    if not text:
        return
    level = heading_level(text, None)
    if level is None and md_heading is not None:
        level = md_heading
    out.append(Paragraph(len(out) + 1, text, level))


def read_document(path: str | Path) -> tuple[list[Paragraph], list[Table]]:
    """The report's paragraphs, numbered as a reviewer cites them, and its tables. Bad input: ReportError."""
    from ..errors import JixiaoError
    from ..guard import check_input

    p = Path(path)
    if not p.exists() and not p.is_symlink():
        raise ReportError(f"{p}：报告文件不存在", file=str(p))
    try:
        check_input(p)  # a regular file of sane size, never opened first: a FIFO would block (issue #13)
    except JixiaoError as exc:
        raise ReportError(str(exc), file=str(p)) from None
    suffix = p.suffix.lower()
    if suffix == ".docx":
        return _docx(p)
    if suffix in (".md", ".txt"):
        return _text(p)
    raise ReportError(f"{p}：报告应为 .docx、.md 或 .txt 文件（.doc、.pdf 请先另存为 .docx）", file=str(p))


def read_report(path: str | Path) -> list[Paragraph]:
    """The report's paragraphs (see ``read_document``)."""
    return read_document(path)[0]


_SENTENCE_END = re.compile(r"(?<=[。！？!?])")


def sentences(text: str) -> list[str]:
    """A paragraph's sentences, each with its closing mark: what a finding quotes."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def name_windows(t: str, same: dict[str, list[int]]) -> list[tuple[int, int, list[int], str]]:
    """Where each name of ``same`` (a normalized name -> the indices of the forms' indicators that
    bear it) stands in the normalized sentence ``t`` — longest names first, never overlapping — with
    the text after it up to the next name or the end of the clause (。;): what is said of that one."""
    hits: list[tuple[int, int, list[int]]] = []
    for name, idxs in sorted(same.items(), key=lambda x: -len(x[0])):
        if len(name) < 2:
            continue
        for m in re.finditer(re.escape(name), t):
            if not any(m.start() < e and s < m.end() for s, e, _ in hits):
                hits.append((m.start(), m.end(), idxs))
    hits.sort()
    out = []
    for k, (s, e, idxs) in enumerate(hits):
        window = t[e:hits[k + 1][0] if k + 1 < len(hits) else len(t)]
        cut = re.search(r"[。;]", window)
        out.append((s, e, idxs, window[:cut.start()] if cut else window))
    return out
