"""Second severities of existing rules, as rules of their own (issue 14, capability 7).

A finding's severity is always the one ``jixiao rules`` lists for its code. A few rules report
a milder case of themselves (an 执行率 left blank is a hint, not a mistake; a score right under
another province's profile is a warning); each such case is its own rule here, and the runner
files a hit with that severity under it (``rules.variant_of``).
"""

from __future__ import annotations

from typing import Iterator

from . import VARIANTS, FormContext, Hit, rule


def _variant(parent: str, severity: str, code: str, group: str | None, title: str, explanation: str,
             form_type: str = "project") -> None:
    def reported_by_parent(_ctx: FormContext) -> Iterator[Hit]:
        """Hits of this rule come from ``parent``'s function, filed here by their severity."""
        return iter(())

    reported_by_parent.__name__ = f"{parent}_{severity}"
    reported_by_parent.reports_nothing = True  # type: ignore[attr-defined]  # the runner need not call it (issue #18)
    rule(code, severity, title, explanation, group=group, form_type=form_type)(reported_by_parent)
    VARIANTS[(parent, severity)] = code


_variant("A3", "info", "A7", "funds", "执行率未填（模板公式会计算）",
         """执行率空白时，模板公式会按 全年执行数 ÷ 全年预算数 自动计算；提示中给出应有的数，可以照填。""")
_variant("A4", "info", "A8", "funds", "执行率得分未填（模板公式会计算）",
         """执行率得分空白时，模板公式会按 分值 × 执行率（封顶 100%）自动计算；提示中给出应有的数。""")
_variant("C1", "warning", "C12", "targets", "年度指标值只有数字，没有计量单位",
         """只写一个数（如“100”）时无法判断是人、次还是百分比：请照批复的绩效目标写明计量单位。只写“≥1.2万”
         “≥500元”而实际完成值是“12500人”“人均600元”的，评分按完成值的单位读作“≥1.2万人”“≥500元/人”，也请写全。""")
_variant("C4", "warning", "C13", "targets", "实际完成值前多了“=”",
         """实际完成值直接写数值和单位即可，如“1 人”“95%”，不要写“=1 人”。""")
_variant("C6", "warning", "C14", "targets", "实际完成值与指标值的计量单位或期间不同（同为计数）",
         """人与人次、台与套这类不同的计量单位不能直接比较：请核对完成值是否与指标值按同一单位统计。按期间计的
         次数（“≥1次/月”）和标准（“≥300元/人/月”）也要按同一期间填写：“12次/年”“3600元/人/年”可以换算，
         “12次”“1次/周”“300元/人”无法比较。""")
_variant("D4", "warning", "D8", "scores", "定量指标得分与本方案不符，但可由另一种理解或评分方案解释",
         """得分与所选评分方案的结果不同，但与另一评分方案（如 60% 规则）的结果一致，或完成值夹有文字、
         评分只能猜测其中的数：请核实本地执行的评分办法，或把完成值改为纯数值后重新计算。""")
_variant("A4", "warning", "A9", "funds", "执行率得分按取整后的执行率计算",
         """执行率得分应按实际执行率计算（83.6% 得 8.36 分，不是按 84% 得 8.4 分）。如本地规定按取整到百分之一的
         执行率计分，请选用评分方案选项“执行率取整”，此时不再提示。""")
_variant("D11", "warning", "D14", "totals", "只作警告的得分改正后，总分和等级随之改变",
         """总分与各项得分之和一致，确定有误的得分也没有改变它，但有只作警告的得分（D8、D10）按提示改正后，
         总分和等级随之改变：写明改正后的总分和等级（即汇总表的复核得分），请核实这些得分后一并改正总分。
         总分格是本模板的公式时，改正这些得分即可，总分随之自动重新合计，不要在总分格中键入数字。""")
_variant("H10", "info", "H11", "headers", "填报日期未填写",
         """填报日期在表填完、定稿报送时填写：复核时财政局按填报日期区分同一项目的几次报送（以较晚的为准），“设置”中
         没有填写成文日期的，报送函的成文日期也取自它。填表过程中校验只作提示；定稿时列出仍未填写的表；财政局复核
         （jixiao review）收到的表没有填报日期的，按警告列出。""")
