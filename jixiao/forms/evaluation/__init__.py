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
        from ..project.typed import formulas_in_file
        from .uncached import fill_uncached

        fill_uncached(path, sheet_forms)
        self.typed_over(sheet_forms, formulas_in_file(path))   # after the 总计 is known

    def typed_over(self, sheet_forms: list[Any], formulas: Any) -> None:
        """A row inserted right above 总计 is outside the template's 总计 sums (``forms.sums``): X7 names it,
        计算 widens the sums. ``formulas`` is only asked when the 总计 row's figures and the rows disagree."""
        from functools import partial

        from ..sums import form_totals, mark_short, total_cells
        from .layout import IND_COL_OF, TOTAL_LABEL

        for sf in sheet_forms:
            if not sf.rows.get("total") or sf.short_sums is not None:
                continue
            want = partial(_template_formulas, sf)
            totals = form_totals(sf.form, partial(total_cells, sf.cell), want, "总计得分")
            if totals:
                mark_short(sf, sf.ind_rows, totals, formulas, IND_COL_OF["name"], TOTAL_LABEL,
                           partial(self.widen_short, sf, formulas=formulas))

    def widen_short(self, sheet_form: Any, short: Any, formulas: Any) -> Any:
        return _widen(short, sf=sheet_form, want=_template_formulas(sheet_form), formulas=formulas)

    def template_totals(self, sheet_form: Any) -> dict[str, str]:
        return _template_formulas(sheet_form) if sheet_form.rows.get("total") else {}

    def computed_fields(self, sheet_form: Any) -> tuple[str, ...]:
        """The template's computed cells (执行率, the 总计 row's sums, 等级) of the sheet's layout."""
        layout = getattr(sheet_form, "layout", None)
        return tuple(c.field for c in layout.computed()) if layout is not None else ()

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


def _widen(short: Any, *, sf: Any, want: dict[str, str], formulas: Any) -> Any:
    """``short`` with the 一级/二级 得分 subtotals of ``sf`` that leave out the same rows (``sums.widen_groups``),
    the 扣分原因 hint formats (one a 二级 block) reading them and the table (``sums.widen_hints``), the
    存在的问题/有关建议 formats reading the table (``sums.widen_table``), and the 总计 row's 一级/二级 分值合计
    (``sums.widen_table_sums``)."""
    from ..sums import widen_groups, widen_hints, widen_merges, widen_table, widen_table_sums
    from .layout import IND_COL_OF
    from .sheet import ROW_COLUMNS as C

    short = widen_groups(short, _groups(sf, want), formulas, sf.sheet)
    short = widen_merges(short, {IND_COL_OF[f"{level}_weight"]: "".join(IND_COL_OF[f"{level}{part}"] for part in ("", "_weight", "_score"))
                                 for level in ("level1", "level2")})
    short = widen_hints(short, sf, IND_COL_OF["reason"], C.weight + C.others, C.weight + C.score)
    short = widen_table(short, [sf.cell("problems"), sf.cell("suggestions")], C.weight + C.score)
    return widen_table_sums(short, sf, want, formulas)


def _groups(sf: Any, want: dict[str, str]) -> list[tuple[str, str, int, int, str, str]]:
    """Each 一级/二级 得分 subtotal of ``sf`` (C/F on its group's first row) as ``sums.widen_groups`` takes it:
    Σ 得分 of the group's rows as read, with its 分值's column and the 分值 column its red format adds up."""
    from .layout import IND_COL_OF

    rows = sf.ind_rows
    return [(IND_COL_OF[level + "_score"], want[f"{level}_scores[{k}]"], rows[a], rows[b],
             IND_COL_OF[level + "_weight"], IND_COL_OF["weight"])
            for level, spans in (("level1", sf.layout.level1_spans), ("level2", sf.layout.level2_spans))
            for k, (a, b) in enumerate(spans) if b < len(rows)]


def _template_formulas(sf: Any) -> dict[str, str]:
    """The template's formula of each computed cell of ``sf``'s sheet, by field."""
    return {c.field: c.formula(sf.layout) for c in sf.layout.computed()}
