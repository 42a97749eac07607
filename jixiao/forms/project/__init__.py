"""项目支出绩效自评表: the official project form, one per budget project.

Its modules are in this folder: ``model`` (the form as data), ``layout`` (where everything
sits, with each native formula beside its Python twin), ``sheet`` (the sheet writer),
``reader`` (our template by position; ``jixiao.reading`` reads other layouts by their labels),
``uncached`` (formula results for files saved without them) and ``scoring``. Its rules are
the main catalogue in ``jixiao.checking.rules``. This class is what the shared pipeline sees.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Final

from ..base import FormKind

__all__ = ["TITLE", "ProjectKind"]

# The official name printed on the form: its sheet's A1, the JSON "form", and the
# kind's ``title``; every module of the kind takes it from here.
TITLE: Final = "项目支出绩效自评表"


class ProjectKind(FormKind, key="project", title=TITLE, template_file="项目支出绩效自评表.xlsx",
                  model_ref="jixiao.forms.project.model:Form", schema_file="form.schema.json",
                  rules_module="jixiao.checking.rules", fallback=True, graded_by_profile=True,
                  parts={"add_sheets": "jixiao.excel.workbook:add_form_sheets",
                         "template_workbook": "jixiao.excel.workbook:template_workbook",
                         "check_forms": "jixiao.checking.run:per_form", "check_cross": "jixiao.checking.run:cross_form"},
                  total_computed=True,
                  # the 执行率得分 and 总分 are the template's formulas, shown to two decimals: “93.57 分”
                  value_units=((r"exec_score|total_score", "computed score"),
                               (r"indicators\[\d+\]\.(?:score|weight)|funds_weight|total_weight", "score"),
                               (r"exec_rate", "rate"), (r"funds\.\w+\.\w+", "money"),
                               # its 汇总表 (E4): the 资金总量 and the counts of projects and grades
                               (r"summary\.funds_\w+", "money"), (r"summary\.(?:projects_\w+|grades\..+)", "个")),
                  rule_units=(("A6", "score"),)):   # on the 执行率 cell, the indicators' scores added up
    def matches(self, data: Any) -> bool:
        """Any other JSON object: its errors are worded against form.schema.json."""
        return isinstance(data, dict)

    def complete(self, path: str | Path, sheet_forms: list[Any]) -> None:
        from ...reading.formulas import recover_formulas
        from ...reading.percent_cells import read_shown_percents
        from ...reading.time_cells import read_typed_ratios
        from .uncached import fill_uncached

        fill_uncached(path, sheet_forms)
        recover_formulas(path, sheet_forms)  # a target typed as =100% is never lost silently
        read_shown_percents(path, sheet_forms)  # a target typed as 95% into a cell not formatted as text
        read_typed_ratios(path, sheet_forms)  # a 师生比 typed 1:10 into a cell not formatted as text: a time
        from .typed import formulas_in_file

        self.typed_over(sheet_forms, formulas_in_file(path))   # after the 总分 is known

    def open_values(self, sheet_forms: list[Any]) -> None:
        from ...reading.time_cells import read_open_ratios

        read_open_ratios(sheet_forms)   # a 师生比 typed 1:10 into a cell not formatted as text: a time

    def typed_over(self, sheet_forms: list[Any], formulas: Any) -> None:
        from functools import partial

        from ..sums import form_totals, mark_short, total_cells
        from . import layout as L
        from .typed import score_formulas, typed_grades

        typed_grades(sheet_forms, formulas)
        score_formulas(sheet_forms, formulas)
        for sf in sheet_forms:   # a row inserted right above 总分: outside the sheet's totals (X7, 计算 mends it)
            if not sf.native or sf.short_sums is not None:
                continue
            f = sf.form
            totals = form_totals(f, partial(total_cells, sf.layout.cell), sf.layout.formulas, lead=(f.funds_weight, f.exec_score))
            mark_short(sf, sf.rows, totals, formulas, L.IND_COL_OF["name"], widen=partial(self.widen_short, sf, formulas=formulas))

    def widen_short(self, sheet_form: Any, short: Any, formulas: Any) -> Any:
        """``short`` with the “绩效指标” label merged down over the rows inserted right above 总分 (``sums.widen_label``)."""
        from ..sums import widen_label
        from . import layout as L

        return widen_label(short, "A", L.ROW_IND_HEAD) if getattr(sheet_form, "native", False) else short

    def template_totals(self, sheet_form: Any) -> dict[str, str]:
        return sheet_form.layout.formulas() if getattr(sheet_form, "native", False) else {}

    def computed_fields(self, sheet_form: Any) -> tuple[str, ...]:
        """执行率 … 等级: the template's computed cells, on a sheet of our template (``native``); another layout's
        cells hold what its 填报人 typed."""
        from . import layout as L

        return tuple(c.field for c in L.computed()) if getattr(sheet_form, "native", False) else ()

    def describe(self, sheet_form: Any) -> str:
        f = sheet_form.form
        from ...core.numbers import score_text

        return (f"{sheet_form.sheet}：{f.project}（{f.year}年度，{len(f.indicators)} 个指标，"
                f"总分 {score_text(f.total_score, blank='—', computed=True)}）")

    def score_lines(self, scores: list[dict[str, Any]]) -> None:
        from rich.console import Console
        from rich.table import Table

        profile = scores[0]["profile"] if scores else ""
        table = Table(title=f"项目支出绩效自评 复核得分（{profile}）", show_lines=False)
        for col in ("#", "项目名称", "执行率", "执行率得分", "复核总分", "等级", "沿用填报得分的指标"):
            table.add_column(col, justify="left" if col == "项目名称" else "center" if col == "等级" else "right")
        from ...core.numbers import SCORE_FORMAT, as_shown, pct

        for i, s in enumerate(scores, 1):
            kept = sum(1 for ind in s["indicators"] if not ind.get("computed"))
            table.add_row(str(i), s["project"][:28], pct(s.get("exec_rate"), blank="—"),
                          as_shown(s['exec_score'] or 0, SCORE_FORMAT), as_shown(s['total'], SCORE_FORMAT), s["grade"], str(kept))
        Console().print(table)
