"""The labels a 项目支出绩效自评表 is found by, in any county's wording.

Compared on ``norm()`` (NFKC, no whitespace: "：" is ":" and "（" is "(" there). Kept
apart from the readers so that every section reader and the form detector agree on
what counts as a label.
"""

from __future__ import annotations

import re

from ..core.numbers import DASH as DASH  # re-exported: readers import it from here
from ..forms.project.model import LEVEL1, LEVEL2


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


# the 得分 column: "自评得分", or "自评分" as some counties head it ("自评分值" is not one: 分值)
SCORE = r"(?:自评|指标|实际)?得分.*|自评分(?:数)?(?:\(.*\))?|评分(?:\(.*\))?"   # not 评分标准: a column of words

HEAD = {
    "project": _rx(r"(?:预算)?项目(?:名称|全称)(?:\((?:全称|名称)\))?"),
    "authority": _rx(r"主管(?:部门|单位)(?:及代码|名称)?(?:\(.{1,6}\))?"),      # (盖章), (单位)
    # 项目单位, 预算单位: else the 主管部门 took the label beside its blank cell as its value
    "unit": _rx(r"(?:(?:项目)?实施单位(?:名称)?|执行单位|项目单位|预算单位)(?:\(.{1,6}\))?"),
    "leader": _rx(r"项目负责人(?:\(签[名字章]\))?|负责人|项目联系人|联系人"),
    "phone": _rx(r"(?:负责人|项目)?(?:联系)?电话|联系方式"),
    # one label for both: "项目负责人及联系电话 | 张某 13800000000"
    "leader_phone": _rx(r"(?:项目)?(?:负责人|联系人)(?:及|和|/|、)?(?:联系)?(?:电话|方式)"),
}
# “项目编码 | 13102…” in the head (and on a 绩效目标申报表): the project form has no field for it
PROJECT_CODE = _rx(r"项目(?:编码|代码|编号)")
# “预算年度 | 2023” among the head's rows, where no year is written above the form
YEAR_LABEL = _rx(r"(?:预算|所属|项目|评价|自评|资金)?年度|年份")
# “填报单位（盖章）：某县教育局” over a form that has no 实施单位 row
FILLING_UNIT = _rx(r"填报单位(?:名称)?(?:\(盖章\)|\(公章\))?")
GOAL = _rx(r"(?:年度)?总体目标|年度(?:总体)?(?:绩效)?目标")  # a 目标表 prints "年度绩效目标"
GOAL_FIELDS = {"goal_expected": _rx(r"(?:年度)?预期目标|(?:年初)?设定(?:的)?目标|年初目标"),
               "goal_actual": _rx(r"(?:目标|全年)?实际完成情况|目标完成情况")}
FUNDS_LABEL = _rx(r"(?:项目)?资金(?:来源|情况)?(?:\(.*\))?|项目资金(?!总额|合计|总计).*")
FUND_HEAD = {
    "initial": _rx(r"年初预算数?.*|年初数.*|年初安排.*"),
    "annual": _rx(r"全年预算数?.*|(?:全年)?调整后?(?:全年)?预算数?.*|预算数.*"),
    # 全年执行数 as counties head it: 执行数, 实际支出数, 全年实际执行数 … — never a 执行率
    "executed": _rx(r"(?!.*率)(?:全年)?(?:实际)?(?:执行|支出)数.*|(?!.*率)(?:全年实际|全年|实际)(?:执行|支出).*"),
    "weight": _rx(r"(?:执行率)?分值.*|权重.*"),
    "rate": _rx(r"(?:实际|预算|资金)?执行率(?!分值|得分).*"),
    "score": _rx(rf"{SCORE}|执行率得分.*"),
}
FUND_ROW = {  # tried in this order on the row's label text
    "total": _rx(r"(?:年度)?(?:项目)?资金总额.*|资金(?:合计|总计)|合计|总计"),
    # 财政拨款 by its kind or by the level that gives it: 一般公共预算, 中央资金, 省级补助资金, 县级配套资金 … (several rows: added up)
    "fiscal": _rx(r".*财政性?(?:拨款|资金|补助|资金拨款).*|.*一般公共预算.*|.*政府性基金.*"
                  r"|(?:其中:?)?(?:中央|省|省级|市|市级|县|县级|区|区级|本级|上级|地方)(?:财政)?(?:补助|专项|转移支付|配套)?资金"),
    "carryover": _rx(r".*上年结转.*|.*结转(?:结余)?资金.*"),
    "other": _rx(r".*其他资金.*|其[他它]|(?:其中:?)?(?:单位)?(?:自筹|自有)(?:资金)?.*|社会(?:资金|投入|投资)"),
}
IND_HEAD = {
    # 一级指标 … 三级指标 as counties head them: 一级指标名称, 一级 | 二级 | 三级, 具体指标, 指标内容 …
    "level1": _rx(r"一级(?:指标)?(?:名称)?"),
    "level2": _rx(r"二级(?:指标)?(?:名称)?"),
    "name": _rx(r"三级(?:指标)?(?:名称|内容)?(?:\(名称\))?|(?:绩效)?指标名称|具体指标|指标内容"),
    # 年度指标值 as counties head it: 全年指标值 (beside 全年实际值), 预期指标值, 年度目标值, 计划值 …
    "target": _rx(r"(?:年度|全年|预期|计划)?(?:指标|目标)值.*|(?:年度|全年)?(?:计划|预期)(?:完成)?值.*"),
    # and 实际完成值: 全年实际值, 完成值, 实际完成情况, 实际完成数, 全年完成值 … — never a 完成率
    "actual": _rx(r"(?:全年|年度)?实际(?:完成)?(?:值|数值?|情况).*|(?:全年|年度)?实际完成|(?:全年|年度)?完成(?:值|情况).*"),
    "weight": _rx(r"(?:指标)?分值.*|权重.*|标准分值?(?:\(.*\))?|满分值(?:\(.*\))?"),
    "score": _rx(SCORE),
    "reason": _rx(r".*偏差原因.*|.*原因分析.*|.*改进措施.*|未(?:完成|达标|达到)(?:指标值)?的?原因.*"),
    # a system's export writes one target over three columns: 指标性质 | 指标值 | 计量单位 (``indicators.whole_target``)
    "sign": _rx(r"指标(?:性质|方向性?)|(?:运算|比较|计算)?符号|比较方式"),
    "unit": _rx(r"(?:度量|计量)?单位"),
}
# “总分（100分）”, “得分合计”: each left the form unread (X1 “缺少标签‘总分’”)
TOTAL = _rx(r"(?:(?:自评)?总分|总分合计|合计|总计|综合得分|(?:自评)?总得分|总分值|得分合计|合计得分)"
            r"(?:\((?:满分)?\d{1,3}分\))?")
SUBTOTAL = _rx(r".{0,8}小计")  # “小计”, “产出指标小计” rows within the indicators
# “产出指标（50分）”, “二、效益指标”: a row of its own over the indicators of one 一级指标 (a form without a 一级指标
# column), with the 分值 of that 一级指标 where it is given (``indicators.read_indicators``)
SECTION = _rx(r"(?:[一二三四五六七八九十]+[、.]|\d{1,2}[、.]|\([一二三四五六七八九十\d]{1,2}\))?"
              r"(?P<name>产出|效益|满意度)(?:指标)?"
              r"(?:\(?(?:分值|权重)?:?(?P<weight>\d+(?:\.\d+)?)分?\)?)?")
# “预算执行率”/“资金执行率” written as a row of the indicator table: the form's 执行率, not a 三级指标
EXEC_ROW = _rx(r"(?:项目)?(?:预算资金|预算|资金|经费)?执行率(?:\(.*\))?(?:情况|指标|得分)?(?:\(.*\))?")
REMARK = _rx(r"说明|备注")
# “自评等级 | 优” on or under the 总分 row: our template computes the 等级 from the 总分 and keeps no typed one
GRADE = _rx(r"(?:自评|绩效|评价|评定|综合)?等级(?:评定)?(?:结果)?")
FOOT = {
    "unit_leader": _rx(r"(?:填报)?单位负责人(?:\(签[名字章]\))?"),
    "filled_by": _rx(r"填报人(?:\(签[名字]\))?|填表人|经办人"),
    "filled_on": _rx(r"填[报表](?:日期|时间)|日期"),
    "contact": _rx(r"联系方式|联系电话|电话"),
}
# the 填报日期 under the title, above the 项目名称 (“日期” alone there may be anything)
FILLED_ON_ABOVE = _rx(r"填[报表](?:日期|时间)")
TITLE = _rx(r".*项目.{0,8}绩效自评表.*")
# the 绩效目标申报表 / 项目支出绩效目标表 filed at the start of the year (read by ``targets``)
TARGET_TITLE = _rx(r".*绩效目标(?:申报|批复|审核)?表.*")
TOTAL_FUNDS = _rx(r"(?:年度)?资金总额.*")
INDICATOR_BLOCK = _rx(r"绩效指标")

_STRICT_LABELS = [*HEAD.values(), PROJECT_CODE, YEAR_LABEL, GOAL, *GOAL_FIELDS.values(), TOTAL, REMARK, *FOOT.values(), INDICATOR_BLOCK, GRADE,
                  _rx(r"年初预算数|全年预算数|全年执行数|分值|执行率|得分|年度资金总额|一级指标|二级指标|三级指标"
                      r"|年度指标值|实际完成值|偏差原因分析及改进措施"
                      r"|自评得分|自评分"), _rx(r"项目资金(?:\((?:万元|元)\))?")]


def _loose(word: str) -> str:
    """A label as a regex on the original text: spaces allowed between characters."""
    return r"\s*".join(re.escape(ch) if ch not in "()" else ("[（(]" if ch == "(" else "[)）]") for ch in word)


_FOOT_WORDS = {
    "unit_leader": ["填报单位负责人(签名)", "填报单位负责人(签字)", "填报单位负责人(签章)", "填报单位负责人",
                    "单位负责人(签名)", "单位负责人(签字)", "单位负责人"],
    "filled_by": ["填报人(签名)", "填报人(签字)", "填报人", "填表人", "经办人"],
    "filled_on": ["填报日期", "填表日期", "填报时间", "填表时间", "日期"],
    "contact": ["联系方式", "联系电话", "电话"],
}
FOOT_RX = re.compile("|".join(f"(?P<{k}>{'|'.join(_loose(w) for w in words)})" for k, words in _FOOT_WORDS.items()))

PREFIX = re.compile(r"^\s*(?:指标\s*\d+\s*[:：]|[（(]\s*\d+\s*[)）]|\d+\s*[、．.](?=\D))\s*")
PREFIX_ZHIBIAO = re.compile(r"^\s*指标\s*\d+\s*[:：]\s*")
NUMBERED = re.compile(r"^\s*(\d+)\s*[、．.](?=\D)\s*")
LEVEL_NAMES = set(LEVEL1) | {n for names in LEVEL2.values() for n in names}

# what a message calls each indicator column
ZH = {"target": "年度指标值", "actual": "实际完成值", "reason": "偏差原因", "weight": "分值", "score": "得分",
      "name": "三级指标", "measures": "改进措施"}


PHONE = re.compile(r"(?<!\d)(?:\+?86[- ]?)?(?:1[3-9]\d[\d*]{8}|0\d{2,3}[- ]?\d{7,8}|\d{7,8})(?!\d)")


def label_part(n: str) -> str:
    """The label of "填报人:王某" (its norm()): the text before a colon."""
    return n.split(":", 1)[0]


def is_label(n: str) -> bool:
    """Does a cell (its norm()) hold a form label, perhaps with its value after a colon?"""
    lab = label_part(n)
    return bool(lab) and any(p.fullmatch(lab) for p in _STRICT_LABELS)


# A label of another county's head that this reader does not know (项目属性, 资金性质, 项目类别 …): short, no
# digits, and ending as a label ends. Only asked of a cell found after a blank one (``Block.right_of``): the
# value written next to its label is never taken for a label.
_LABEL_LIKE = re.compile(r"[^\d:]{0,6}(?:属性|性质|类别|类型|分类|名称|单位|部门|负责人|联系人|电话|方式|期限|时间|地点"
                         r"|科目|编码|代码|编号|级次|来源|领域|行业)(?:\([^)]{1,6}\))?")


def looks_like_label(n: str) -> bool:
    """Does a cell (its norm()) read as a label of a form's head, known or not (``_LABEL_LIKE``)?"""
    return is_label(n) or bool(_LABEL_LIKE.fullmatch(n))


def inline(text: str | None) -> str | None:
    """What follows the label in "填报人：王某" (None when nothing follows)."""
    if not text:
        return None
    m = re.search(r"[:：]", text)
    if not m:
        return None
    rest = text[m.end():].strip()
    return rest or None


def lines(text: str | None) -> list[str]:
    """The non-blank lines of a cell (Excel's Alt+Enter is \\n; some files carry \\r\\n)."""
    if not text:
        return []
    return [x.strip() for x in re.split(r"\r\n|\r|\n", text) if x.strip()]
