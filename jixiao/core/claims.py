"""What a form's own words claim, read alike by the checker and by the documents written from it.

A 实际完成情况 of “已完成”, “全部完成”, “目标按计划完成” says everything was done; the checker warns
where the figures say otherwise (G2, G3) and the reports must not repeat the claim beside figures
that deny it. A 偏差原因 or 说明 that speaks of unspent money (“结余”, “项目延期”, “原因是……”)
explains an 执行率 below 100 % (G1); the reports quote such a text, not a reason written for an
indicator, under 预算执行. One pattern each, here, so that the two never disagree.
"""

from __future__ import annotations

import re

from .values import LATE

__all__ = ["ALL_DONE", "EXPLAINS", "NOT_DONE", "claims_all_done", "explains_unspent", "is_bare_claim"]

# words that explain unspent money (a 偏差原因, the 实际完成情况 or the 说明 saying why)
EXPLAINS = re.compile(r"原因|由于|因为|因|结余|节约|节省|未支付|未拨付|尚未|暂未|未到|剩余|结转|"
                      rf"{LATE}|执行率|支出进度|资金未|收回|退回|质保金|尾款")
ALL_DONE = re.compile(r"(全部|均已|已经|已|按计划|如期|圆满|顺利)(完成|实现|达成)|^完成")
# what takes such a claim back: a part not done, or done late (“完成建设23.5公里，其余1.5公里因征地问题延期”;
# the late words are the scorer's, ``values.LATE``: “全部完成，超期2个月” claimed no more than “延期”)
NOT_DONE = re.compile(rf"未|没有|部分|尚|不|{LATE}|其余|剩余|仍有|有待|待完成|待验收")
# a claim and nothing else: “已完成”, “绩效目标全部完成”, “年度目标已按计划完成。”
_BARE = re.compile(r"(年度)?(总体)?(绩效)?(目标|任务)?(已)?(全部|均已|已经|已|按计划|如期|圆满|顺利)?"
                   r"(完成|实现|达成)(了)?")


def _squeezed(text: str | None) -> str:
    return "".join((text or "").split())


def claims_all_done(text: str | None) -> bool:
    """Whether a 实际完成情况 says everything was done (and nothing that was not)."""
    s = _squeezed(text)
    return bool(s) and bool(ALL_DONE.search(s)) and not NOT_DONE.search(s)


def is_bare_claim(text: str | None) -> bool:
    """Whether the text is such a claim and says nothing more: a report may put the figures in its place."""
    s = _squeezed(text).rstrip("。.；;，,！!")
    return claims_all_done(s) and bool(_BARE.fullmatch(s))


def explains_unspent(text: str | None) -> bool:
    """Whether a text says why money was left unspent."""
    return bool(EXPLAINS.search(text or ""))
