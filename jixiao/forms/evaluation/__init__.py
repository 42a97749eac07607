"""项目支出绩效评价表: a project's 评价指标体系 (决策/过程/产出/效益, 一级/二级/三级 分值 and 得分).

The third form kind, added through the registry alone: ``model`` (pydantic,
evaluation_form.schema.json), ``scoring`` (Σ 得分, grade, the formula twins), ``layout``
(cells and computed cells), ``sheet``/``workbook`` (writing), ``reader``, ``rules`` (V), ``uncached``
(formula results of a file written by code).
"""

from __future__ import annotations

from typing import Any, Final

from ..base import FormKind

__all__ = ["TITLE", "EvaluationKind"]

# The official name printed on the form: its sheet's A1, the JSON "form", and the
# kind's ``title``; every module of the kind takes it from here.
TITLE: Final = "项目支出绩效评价表"


class EvaluationKind(FormKind, key="evaluation", title=TITLE, template_file="项目支出绩效评价表.xlsx",
                     summary_key="evaluations", model_ref="jixiao.forms.evaluation.model:EvalForm",
                     schema_file="evaluation_form.schema.json", rules_module="jixiao.forms.evaluation.rules",
                     total_label="综合得分", summary_sheet="项目评价", titled=True,
                     value_units=((r"indicators\[\d+\]\.(?:score|weight)|level[12]_weights\..+|total_(?:score|weight)",
                                   "score"), (r"exec_rate", "rate"), (r"budget|executed", "money"))):
    def name_of(self, form: Any) -> str:
        return str(form.project or self.title)

    def complete(self, path: Any, sheet_forms: list[Any]) -> None:
        if not sheet_forms:  # a workbook without 评价表 never loads this kind's modules (issue #18)
            return
        from .uncached import fill_uncached

        fill_uncached(path, sheet_forms)

    def summary_fields(self, form: Any, score: Any) -> dict[str, Any]:
        return {"project": form.project, "unit": form.unit, "year": form.year, "deducted": score.deducted}

    def describe(self, sheet_form: Any) -> str:
        f = sheet_form.form
        from ...core.numbers import score_text

        total = score_text(f.total_score, blank="—")
        return (f"{sheet_form.sheet}：{f.project}（{f.year}年度{self.title}，{len(f.indicators)} 个三级指标，"
                f"综合得分 {total}，等级{f.grade or '—'}）")

    def score_lines(self, scores: list[dict[str, Any]]) -> None:
        from rich.console import Console
        from rich.table import Table

        from ...core.numbers import fmt, score_text

        console = Console()
        for s in scores:
            table = Table(title=f"项目支出绩效评价 复核得分：{s['project']}（{s['year']}年度）", min_width=72)
            for col in ("级次", "指标", "分值", "得分"):
                table.add_column(col, justify="left" if col in ("级次", "指标") else "right")
            for lv in s["levels"]:
                table.add_row("一级" if lv["level"] == 1 else "  二级", lv["name"],
                              "—" if lv["weight"] is None else fmt(lv["weight"]),
                              "—" if lv["score"] is None else fmt(lv["score"]))
            written = ("" if s["written_total"] is None else
                       f"；表中为 {score_text(s['written_total'])}" + (f"，等级{s['written_grade']}" if s["written_grade"] else ""))
            table.caption = f"复核综合得分 {score_text(s['total'])}，等级{s['grade']}，共扣 {score_text(s['deducted'])}{written}"
            console.print(table)
