"""A 信函 on one page: the 报送函's lines counted at their fixed pitch and, where they run over the
first page by a little, the pitch of its body lines narrowed so that the letter, its attachments and
the signature and date stay under the letterhead, on the page its red lines frame.

GB/T 9704—2012 7.3.5.1: 当公文排版后所剩空白处不能容下印章或签发人签名章、成文日期时，可以采取调整
行距、字距的措施解决. Moved whole to a second page (they keep together), the attachments and the
signature stood alone on a page without the letterhead, the first page half empty. The count is an
estimate of the layout (no layout engine runs here): a paragraph's text filled into lines of the text
block's width in characters of its size (``text.width_chars``, figures as wide as LibreOffice sets
them, a little less for marks wider than that), in the pieces a line break keeps whole
(``text.break_units``: “〔2024〕12号）” does not break after “〔2024〕”; breaking anywhere, the estimate
counted a line fewer than LibreOffice set), no closing mark past a line's end (``docxwrite.punctuation_inside``:
a “，” that does not fit takes the character before it to the next line); the room is the text block less what the letterhead's frame takes from its top, as measured in
LibreOffice's PDF. The pitch chosen leaves half a line to spare where it can; at ``FLOOR_PT`` what is
left of that half line is enough, for at the standard pitch such a letter runs over by lines, not
points (one project, its 来文 with a 文号: 21 lines at 29 pt ran over by 94 pt, while at 24 pt it fits,
11 pt to spare in LibreOffice's PDF, and the full half line had it keep 29 pt and run on). A letter
that does not fit even at ``FLOOR_PT`` keeps the standard pitch and runs on.
"""

from __future__ import annotations

import math
from typing import Any

from .text import break_units, width_chars

__all__ = ["FLOOR_PT", "fit_letter", "indent_chars", "letter_lines", "wrap"]

FLOOR_PT = 24          # the narrowest pitch for 三号 text: a line and a half
MARK_FLOW_PT = 20      # the letterhead's frame pushes the first line down by ~19 pt (LibreOffice's PDF)
SPARE_PT = 14.5        # half a line of the standard pitch, for what the estimate does not see (above the floor)
LATIN = 0.55           # a figure or Latin letter in characters: LibreOffice's Noto Serif CJK (仿宋's are 0.5)
CHAR_SLACK = 0.3       # for what else is wider than ``width_chars`` says (“%” 0.92 in Noto Serif CJK)


def _chain(par: Any) -> list[Any]:
    """The paragraph's own pPr, then its style's and the styles it is based on."""
    out = [par._p.pPr]
    style = par.style
    while style is not None:
        out.append(style.element.pPr)
        style = style.base_style
    return [p for p in out if p is not None]


def _attr(par: Any, tag: str, name: str) -> str | None:
    from docx.oxml.ns import qn

    for ppr in _chain(par):
        el = ppr.find(qn(tag))
        if el is not None and el.get(qn(name)) is not None:
            return str(el.get(qn(name)))
    return None


def size_pt(par: Any, default: float) -> float:
    """The paragraph's font size in points: its style's or a style that one is based on, else ``default``."""
    style = par.style
    while style is not None:
        if style.font.size is not None:
            return float(style.font.size.pt)
        style = style.base_style
    return default


def indent_chars(par: Any, name: str) -> float:
    """A paragraph's indent ``name`` (w:leftChars, w:rightChars, …) in characters: its own, else its
    style's or a style that one is based on (the attribute is in 1/100 of a character)."""
    value = _attr(par, "w:ind", name)
    return int(value) / 100 if value else 0.0


def wrap(text: str, first: float, full: float) -> list[str]:
    """``text`` in lines of ``first`` characters, then of ``full`` (``text.width_chars``, a figure
    ``LATIN``): as many whole pieces (``text.break_units``, a closing mark with the character before it)
    to a line as it holds, none hung past its end (the documents keep their marks inside the margin:
    ``docxwrite.punctuation_inside``), a piece wider than a line by its characters."""

    def chars(s: str) -> float:
        return width_chars(s, latin=LATIN)

    lines, line, room = [], "", first
    for unit in break_units(text):
        for piece in (unit,) if chars(unit) <= full else tuple(unit):
            trial = line + piece
            if line and chars(trial) > room:
                lines.append(line)
                line, room = piece, full
            else:
                line = trial
    return [*lines, line]


def paragraph_lines(par: Any, width_pt: float, body_pt: float) -> int:
    """How many lines a paragraph takes in a text block ``width_pt`` wide: each piece between line
    breaks wrapped at its indents (w:ind in characters, as the templates set them)."""
    size = size_pt(par, body_pt)
    left, right = indent_chars(par, "w:leftChars"), indent_chars(par, "w:rightChars")
    first = indent_chars(par, "w:firstLineChars") - indent_chars(par, "w:hangingChars")
    # characters set closer (a long 署名's w:spacing): so many more of them to a line
    full = (width_pt / size - left - right) * size / (size + _spacing_pt(par)) - CHAR_SLACK
    return sum(len(wrap(piece, full - first, full)) for piece in par.text.split("\n"))


def _spacing_pt(par: Any) -> float:
    """The runs' character spacing (w:rPr/w:spacing, negative where condensed) in points: the first run's
    that has one, else 0."""
    from docx.oxml.ns import qn

    for run in par.runs:
        rpr = run._r.rPr
        el = rpr.find(qn("w:spacing")) if rpr is not None else None
        if el is not None and el.get(qn("w:val")) is not None:
            return int(el.get(qn("w:val"))) / 20
    return 0.0


def _pitch(par: Any) -> tuple[float, bool]:
    """The paragraph's line pitch in points and whether it is exact (w:spacing lineRule="exact")."""
    line = _attr(par, "w:spacing", "w:line")
    rule = _attr(par, "w:spacing", "w:lineRule")
    return (int(line) / 20 if line else 0.0), rule == "exact"


def _before_after(par: Any) -> float:
    return sum(int(v) / 20 for v in (_attr(par, "w:spacing", "w:before"), _attr(par, "w:spacing", "w:after")) if v)


def _in_frame(par: Any) -> bool:
    from docx.oxml.ns import qn

    return par._p.pPr is not None and par._p.pPr.find(qn("w:framePr")) is not None


def _narrowed(par: Any, line_pt: float, keep: tuple[str, ...]) -> bool:
    """Whether the fit narrows this paragraph: set at the body pitch, not of a style kept as it is."""
    pitch, exact = _pitch(par)
    return exact and abs(pitch - line_pt) < 0.01 and not (par.style is not None and par.style.name in keep)


def letter_lines(doc: Any, body_pt: float, line_pt: float, keep: tuple[str, ...] = ()) -> tuple[int, float]:
    """The flow of a letter: how many lines it sets at the body pitch ``line_pt`` (but those of the
    styles ``keep``) and the height of everything else (lines of other pitches, the space before and
    after paragraphs), in points. The letterhead's paragraph is in a frame, out of the flow."""
    sec = doc.sections[0]
    width = (sec.page_width - sec.left_margin - sec.right_margin) / 12700
    other = 0.0
    n = 0
    for par in doc.paragraphs:
        if _in_frame(par):
            continue
        lines = paragraph_lines(par, width, body_pt)
        pitch, exact = _pitch(par)
        other += _before_after(par)
        if _narrowed(par, line_pt, keep):
            n += lines
        else:
            other += lines * (pitch if exact and pitch else line_pt)
    return n, other


def fit_letter(doc: Any, body_pt: float, line_pt: float, mark_style: str, keep: tuple[str, ...] = ()) -> float | None:
    """Narrow the body pitch of a letter (a document with a ``mark_style`` paragraph: the 信函's
    letterhead) that runs over its first page by a little, to the half point that fits; paragraphs of
    the styles ``keep`` (the 发文字号, placed under the red line by 10.1) stay as they are: the widest half
    point that leaves ``SPARE_PT``, else ``FLOOR_PT`` where the letter fits there with less to spare.
    Returns the pitch set, None where it fits as it is, is no letter, or does not fit even at ``FLOOR_PT``."""
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt

    if not any(p.style is not None and p.style.name == mark_style for p in doc.paragraphs):
        return None
    sec = doc.sections[0]
    room = (sec.page_height - sec.top_margin - sec.bottom_margin) / 12700 - MARK_FLOW_PT
    n, other = letter_lines(doc, body_pt, line_pt, keep)
    if not n or n * line_pt + other <= room - SPARE_PT or n * FLOOR_PT + other > room:
        return None
    pitch = max(FLOOR_PT, math.floor((room - SPARE_PT - other) / n * 2) / 2)
    for par in doc.paragraphs:
        if not _in_frame(par) and _narrowed(par, line_pt, keep):
            par.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            par.paragraph_format.line_spacing = Pt(pitch)
    return pitch
