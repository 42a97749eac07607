"""Is this document a self-evaluation report? Told by its title, then by its file name.

A department's mail carries more documents than the report: the 报送函 ("关于报送……自评报告的函"),
a 情况说明, last year's 退回修改通知, the filler's own 校验报告. Read against the forms, their
sentences would be taken for the report's and give findings that are not there. So only a
document whose title says it is a report (…自评报告, …评价报告, …工作报告) is checked; a title
that says it is something else (函, 通知, 说明, 清单, 校验/复核/审核) rules it out whatever the
file is called; with no title at all the file name decides.
"""

from __future__ import annotations

import re
from pathlib import Path

from .document import Paragraph, norm

__all__ = ["NOT_REPORT", "is_report", "title_of"]

TITLE_MAX = 80  # characters: a title line is short and ends without 。
_IS_REPORT = re.compile(r"(?:自评|评价|绩效)[^。]*报告(?:[(（][^)）]*[)）])?$")
NOT_REPORT = re.compile(r"(?:函|通知|说明|清单|批复|意见|纪要|目录)(?:[(（][^)）]*[)）])?$|校验|复核|审核|自查用|不报送")
_NAME_REPORT = re.compile(r"报告")


def title_of(paragraphs: list[Paragraph]) -> str:
    """The title block: the short lines before the first heading or sentence (at most three)."""
    lines: list[str] = []
    for p in paragraphs:
        text = p.text.strip()
        if not text:
            continue
        if len(lines) >= 3 or len(text) > TITLE_MAX or text.endswith(("。", "：", ":")) or \
                (p.level is not None and p.level > 1 and lines):
            break
        if re.match(r"^[一二三四五六七八九十]+、|^[（(][一二三四五六七八九十]+[）)]", text):
            break  # the first section heading: the title is above it
        lines.append(text.replace("\n", ""))
    # a letter in the 信函格式: the 发文机关标志 and the 文号 (or its 【待填写】) stand above the title
    # “关于……的函”, and were quoted as part of it (“大厂回族自治县医疗保障局【待填写】关于报送……的函”)
    starts = [i for i, line in enumerate(lines) if line.startswith("关于")]
    return "".join(lines[starts[0]:] if starts else lines)


def is_report(paragraphs: list[Paragraph], file_name: str) -> tuple[bool, str]:
    """(a self-evaluation report?, why not in Chinese — empty when it is one)."""
    title = title_of(paragraphs)
    key = norm(title)
    stem = norm(Path(file_name).stem)
    # a line such as 【待填写】 (发文字号) may stand above the title: look at each line's end
    parts = [norm(p.text) for p in paragraphs[:6] if p.text.strip() and norm(p.text) in key] or [key]
    if any(NOT_REPORT.search(x) for x in parts):
        return False, f"标题为“{title}”，不是绩效自评报告，未与自评表核对"
    if any(_IS_REPORT.search(x) for x in parts):
        return True, ""
    if not any(p.text.strip() for p in paragraphs):
        return False, "文件中没有文字，未与自评表核对"
    if _NAME_REPORT.search(stem) and not NOT_REPORT.search(stem):
        return True, ""
    shown = f"标题为“{title}”" if title else "没有标题"
    return False, f"{shown}，文件名中也没有“报告”，不像绩效自评报告，未与自评表核对"
