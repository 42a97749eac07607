"""Which way a target written without ≥/≤/= is meant (issue 14, capability 1).

"拨付金额 30万", "采购费用 12 万元" under 成本指标, "办结时间 5 个工作日" under 时效指标, "投诉 3 起":
a filler who writes no comparison sign still means a ceiling. Scoring such a target "higher is
better" makes the checker demand points off for a met ceiling, so the scorer asks here first.
An inferred direction is a guess: the scorer keeps the other reading too, and the checker
states an error only where both readings give the same score (rules/direction.py).

Pure words, no I/O: the name lists can be extended by the bureau's rule settings
(``rule_config``) through the profile's ``ceiling_words``.
"""

from __future__ import annotations

from .change import DOWN, change_of
from .values import Value

# Words in the indicator's name (or its target) that make a number a ceiling.
CEILING_NAME_WORDS: tuple[str, ...] = (
    "成本", "费用", "单价", "均价", "造价", "支出", "开支", "拨付金额", "支付金额", "金额", "经费",
    "发生率", "发生次数", "事故", "投诉", "差错", "失误", "误差", "违规", "违纪", "案件", "返贫", "超标",
    "降低", "下降", "减少", "压减", "负担", "用时", "时限", "时长", "期限", "周期", "办结时间", "等待时间",
    "不良率", "损耗", "流失",
    # stop 54: rates and amounts of what should not be, each scored “higher is better” before
    "故障率", "故障次数", "空置率", "闲置率", "漏报率", "漏检率", "超支", "辍学", "死亡", "发病率", "能耗", "积压",
    "不合格", "不满意", "未达标", "结余率", "调整率", "调整次数",
)
TIME_WORDS = ("用时", "时限", "时长", "期限", "周期", "办结时间", "等待时间")
MONEY_WORDS = ("成本", "费用", "单价", "均价", "造价", "支出", "开支", "拨付金额", "支付金额", "金额", "经费")
# Words in the target text itself: "控制在 5 万元", "12 万元以内" (以内/以下 are also parsed as ≤ by values).
CEILING_TARGET_WORDS: tuple[str, ...] = ("不超过", "以内", "以下", "不高于", "控制在", "前", "降低", "降至", "压减")
# Words that say the opposite: the bigger the better, whatever else the name says.
FLOOR_NAME_WORDS: tuple[str, ...] = ("满意", "覆盖", "知晓", "达标", "合格", "完成率", "到位率", "提高", "提升",
                                     "增长", "增加", "节约", "节省")


# a word that says the opposite of a floor word (不合格率 is no 合格率); plain strings: a pattern of these CJK
# characters takes ~0.2 ms to compile at every command's start
_NEGATED = tuple(n + w for n in "不未非" for w in ("合格", "满意", "达标", "覆盖", "知晓"))


def infer(target: Value, name: str | None = None, level2: str | None = None,
          extra_words: tuple[str, ...] = ()) -> tuple[str, str] | None:
    """("le", why) when a target with no written direction reads as a ceiling; None otherwise.

    Only quantities without a direction are inferred: a month point already reads "by then"
    (values), and a written ≥/≤/= is the filler's own word.
    """
    if target.kind != "quantity" or target.direction is not None or target.number is None:
        return None
    if change_of(target.change, name) == DOWN:   # “较上年下降5%”, a 能耗 or 故障率 too: a floor on the fall
        return None
    name, level2, raw = name or "", level2 or "", target.raw or ""
    bare = name
    for w in _NEGATED:
        if w in bare:
            bare = bare.replace(w, "")
    if any(w in bare for w in FLOOR_NAME_WORDS):   # 不合格率 is no 合格率
        return None
    word = next((w for w in CEILING_TARGET_WORDS if w in raw), None)
    if word:
        return "le", f"指标值含“{word}”"
    dim = target.unit_dim or ""
    if "成本" in level2 and (dim.startswith("money") or target.unit is None):
        return "le", "二级指标为成本指标"
    if "时效" in level2 and dim == "time":
        return "le", "二级指标为时效指标，时长是上限"
    for word in (*extra_words, *CEILING_NAME_WORDS):
        if not word or word not in name:
            continue
        if word in MONEY_WORDS and not (dim.startswith("money") or target.unit is None):
            continue     # 资金支出率, 经费到位率, 培训费用覆盖人数: a rate or a count, not the money itself
        if word in TIME_WORDS and dim != "time":
            continue
        return "le", f"指标名称含“{word}”"
    return None
