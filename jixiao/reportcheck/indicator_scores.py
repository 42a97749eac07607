"""An indicator's score written in prose: "年发放工资、保险费用指标得分18.5分", "满意度指标得满分".

Reports walk through a project's indicators and give each its score; the form's 得分 column is
the record. A score follows the indicator's name in the same clause; "得分"/"得…分" or "得满分"
(the indicator's 分值). Not a score: 分值 (the weight), 扣 … 分 (a deduction), 应得 / 复核
(someone else's figure). Without such a reading "满意度得分9分" was taken for the project's 总分.
"""

from __future__ import annotations

import re
from typing import Any

from .document import name_windows, norm

__all__ = ["indicator_scores"]

NUM = r"(\d+(?:\.\d+)?)"
_SCORE = re.compile(rf"(?:得分|得)(?:为|是|仅为|仅)?{NUM}分|(?:得|获得|取得)满分")
_NOT = re.compile(r"(?:扣|应|复核|分值|权重|满分为|满分是)$")
_OTHER = re.compile(r"自评|总|综合|项目|整体|合计|指标体系|全部指标|各项指标|其他|其余")


def indicator_scores(t: str, indicators: list[Any]) -> list[dict[str, Any]]:
    """Scores of a normalized sentence, each after the name of one of ``indicators`` (a form's).

    ``indicator``: the indices of the indicators of that name (a form may repeat a name);
    ``value``: the score (None for 满分, which is the indicator's 分值); ``span``: where the
    score is written, so that it is not read again as the project's 总分."""
    same: dict[str, list[int]] = {}
    for i, ind in enumerate(indicators):
        n = norm(ind.name or "")
        if len(n) >= 2:
            same.setdefault(n, []).append(i)
    out = []
    for _s, e, idxs, window in name_windows(t, same):
        sm = _SCORE.search(window)
        if sm is None:
            continue
        between = window[:sm.start()]
        if _NOT.search(between[-3:]) or re.match(r"率|%", window[sm.end():]) or _OTHER.search(between) \
                or len(re.findall(r"[,:]", between)) > 2:
            continue  # a deduction, the weight, or a score of something else (the project's 自评得分)
        number = sm.group(1)
        out.append({"indicator": idxs, "value": None if number is None else float(number),
                    "decimals": len(number.split(".")[1]) if number and "." in number else 0,
                    "text": sm.group(0), "span": (e + sm.start(), e + sm.end()), "pos": e + sm.start()})
    return out
