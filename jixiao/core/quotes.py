"""Quotation marks as GB/T 15834 sets them, for every text a person reads: messages, sheets, documents.

One place, so that the check listing, the 校验结果 sheet, the marked copy's comments, the 退回修改通知 and
the reports quote the same text alike (the listing printed 指标““三公经费”变动率” where the sheet printed
指标“‘三公经费’变动率”):

- ``nested``: text going inside “” has its own “” as ‘’ (4.5.3.2);
- ``nest_quotes``: a whole sentence's quotes nested by depth;
- ``quoted_series``: quoted items side by side, no 顿号 between them (4.5.3.5: “标有引号的并列成分之间……
  通常不用顿号”) — messages read “项目支出绩效自评报告”、“整体绩效自评工作报告”是……草稿;
- ``inside_said``, ``in_words``: a thing inside another, as a 公文 says it — “效益指标”中的“社会效益指标”,
  压缩包“材料.zip”中的“自评表.xlsx” — not the program's “效益指标 › 社会效益指标”, which no document a department
  is sent uses.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

__all__ = ["INSIDE", "in_words", "inside_said", "nest_quotes", "nested", "quoted_series"]

_NESTED = str.maketrans("“”", "‘’")


def nested(s: str) -> str:
    """Text going inside “”: its own double quotes become single ones (GB/T 15834 nesting)."""
    return s.translate(_NESTED)


_SPAN = re.compile(r"“[^“”]*”")
_STRAIGHT = re.compile(r'"([^"]*)"')


def nest_quotes(s: str) -> str:
    """A sentence that quotes form text as written, its quotes nested as GB/T 15834 wants (‘’ inside “”):
    straight double quotes inside a “…” (“"三公经费"控制率”), and a “…” inside a “…” — our templates name
    the indicator “三公经费”变动率, which a message quotes as 指标““三公经费”变动率”. For what a person reads:
    the 退回修改通知 and its 清单, the marked copy's comments and 校验结果 sheet (``excel.plan``), and the check
    listing and 校验报告 (``core.findings.finding_line``), which printed the same finding ““三公经费”变动率” —
    a person reads each, and one finding reads alike in all. ``--json`` keeps the message as the rule wrote it:
    a program reads that, and finds the cell's text there as typed."""
    if '"' in s:
        s = _SPAN.sub(lambda m: _STRAIGHT.sub(r"‘\1’", m.group(0)), s)
    return _nest_curly(s) if s.count("“") > 1 else s


def _nest_curly(s: str) -> str:
    """Curly quotes by depth: the second level ‘’, the first and third “” — or ``s`` as it is where its
    quotes do not pair (a name with a lone “ is not guessed at)."""
    out, depth = [], 0
    for ch in s:
        if ch == "“":
            depth += 1
            out.append("‘" if depth % 2 == 0 else "“")
        elif ch == "”":
            if depth == 0:
                return s
            out.append("’" if depth % 2 == 0 else "”")
            depth -= 1
        else:
            out.append(ch)
    return "".join(out) if depth == 0 else s




def quoted_series(texts: Iterable[object]) -> str:
    """Items each in “”, side by side: “报送函”“项目支出绩效自评报告”. Where another word follows each quote
    (“优”3个、“良”2个; “标签”（H5）), 4.5.3.5 keeps the 顿号: those are not series of quotes and stay as written."""
    return "".join(f"“{nested(str(t))}”" for t in texts)


INSIDE = " › "   # the program's “inside”: a file in a mail or an archive, a 二级指标 under its 一级指标


def inside_said(path: str, container: Callable[[str], str] | None = None) -> str:
    """``path`` (“效益指标 › 可持续影响指标”, “材料.zip › 自评表.xlsx”) as a 公文 says it: each part quoted, the
    outer ones followed by 中的 — “效益指标”中的“可持续影响指标”; ``container(part)`` names what an outer part
    is (“压缩包”, “邮件”: 压缩包“材料.zip”中的“自评表.xlsx”), "" for nothing."""
    parts = path.split(INSIDE)
    heads = [(container(p) if container else "") + f"“{nested(p)}”" for p in parts[:-1]]
    return "中的".join([*heads, f"“{nested(parts[-1])}”"])


_QUOTED_INSIDE = re.compile(r"“([^“”]*?" + re.escape(INSIDE) + r"[^“”]*)”")


def in_words(text: str, container: Callable[[str], str] | None = None, whole: bool = False) -> str:
    """``text`` with every “a › b” it quotes said as a 公文 says it (``inside_said``); ``whole``: ``text`` is
    one path on its own (a cell of a list: 文件, 表中为), said so quoted. A “ › ” left outside quotes reads
    中的 (效益指标中的可持续影响指标)."""
    if INSIDE not in text:
        return text
    if whole:
        return inside_said(text, container)
    text = _QUOTED_INSIDE.sub(lambda m: inside_said(m.group(1), container), text)
    return text.replace(INSIDE, "中的")
