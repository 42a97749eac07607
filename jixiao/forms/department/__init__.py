"""部门整体支出绩效自评表: one per department, 投入/过程/产出/效果 with formula-scored indicators.

Modules: ``model`` (pydantic, dept_form.schema.json), ``layout`` (cells, formulas),
``scoring`` (standards, formula twins), ``sheet``/``workbook`` (writing), ``reader``,
``text`` (reading scoring standards written as text), ``rules`` (F), ``uncached`` (formula results
of a file written by code).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final, cast

from ..base import FormKind

if TYPE_CHECKING:  # pragma: no cover
    from ..base import Loaded, Profile
    from .model import DeptForm

__all__ = ["TITLE", "DepartmentKind"]

# The official name printed on the form: its sheet's A1, the JSON "form", and the
# kind's ``title``; every module of the kind takes it from here.
TITLE: Final = "部门整体支出绩效自评表"


class DepartmentKind(FormKind, key="department", title=TITLE, template_file="部门整体支出绩效自评表.xlsx",
                     summary_key="departments", model_ref="jixiao.forms.department.model:DeptForm",
                     schema_file="dept_form.schema.json", rules_module="jixiao.forms.department.rules",
                     summary_sheet="部门整体自评", titled=True, graded_by_profile=True, noun="部门（单位）",
                     parts={"report_paragraphs": ".report:report_paragraphs", "report_team": ".report:report_team",
                            "report_whole": ".report:report_whole", "report_measures": ".report:report_measures",
                            "regraded": ".shown:regraded"},
                     value_units=((r"indicators\[\d+\]\.(?:score|weight)|total_(?:score|weight)", "score"),
                                  (r"data\.satisfaction", "rate"), (r"data\.staff_\w+", "人"), (r"data\.counts\.\w+", ""),
                                  (r"data\.\w+", "money"))):
    def name_of(self, form: Any) -> str:
        return str(form.department or self.title)

    def listed_as(self, form: Any) -> str:
        return self.title

    def complete(self, path: Any, sheet_forms: list[Any]) -> None:
        if not sheet_forms:  # a workbook of project forms never loads this kind's modules (issue #18)
            return
        from ..project.typed import formulas_in_file
        from .uncached import fill_uncached

        fill_uncached(path, sheet_forms)
        self.typed_over(sheet_forms, formulas_in_file(path))   # after the 总分 is known

    def typed_over(self, sheet_forms: list[Any], formulas: Any) -> None:
        from .shown import formula_grades, formulas_gone

        formula_grades(sheet_forms, formulas)
        formulas_gone(sheet_forms, formulas)
        from functools import partial

        from ..sums import form_totals, mark_short, total_cells
        from .layout import IND_COL_OF

        for sf in sheet_forms:   # a row inserted right above 总分: outside the sheet's totals (X7, 计算 mends it)
            if not sf.rows.get("total") or getattr(sf, "short_sums", None) is not None or not hasattr(sf.layout, "total_formulas"):
                continue
            totals = form_totals(sf.form, partial(total_cells, sf.cell), sf.layout.total_formulas)
            mark_short(sf, sf.ind_rows, totals, formulas, IND_COL_OF["name"],
                       widen=partial(self.widen_short, sf, formulas=formulas))

    def widen_short(self, sheet_form: Any, short: Any, formulas: Any) -> Any:
        return _widen(short, sf=sheet_form)

    def template_totals(self, sheet_form: Any) -> dict[str, str]:
        totals = getattr(sheet_form.layout, "total_formulas", None)   # our template's layout has them
        return totals() if sheet_form.rows.get("total") and totals is not None else {}

    def computed_fields(self, sheet_form: Any) -> tuple[str, ...]:
        """The 总分 row's 分值合计 and 总分; its 等级 is the cell's, taken under the profile's bands by ``regraded``."""
        return ("total_weight", "total_score")

    def score_all(self, items: list[Loaded], profile: Profile, **options: Any) -> list[dict[str, Any]]:
        """With ``standards`` (a 评分标准 file, ``score --standards``) in place of the form's own."""
        from .scoring import load_standards, score_dept_form, with_standards

        standards = load_standards(options["standards"]) if options.get("standards") else None
        # cast: Batch files every form under its own kind, so this kind's items hold DeptForm
        return [{**score_dept_form(with_standards(cast("DeptForm", it.form), standards), profile).to_dict(),
                 "source": it.source} for it in items]

    def summary_fields(self, form: Any, score: Any) -> dict[str, Any]:
        return {"department": form.department, "year": form.year}

    def describe(self, sheet_form: Any) -> str:
        from ...core.numbers import score_text

        f = sheet_form.form
        return (f"{sheet_form.sheet}：{f.department}（{f.year}年度部门整体支出绩效自评表，{len(f.indicators)} 个指标，"
                f"总分 {score_text(f.total_score, blank='—')}，等级{f.grade or '—'}）")

    def score_lines(self, scores: list[dict[str, Any]]) -> None:
        from rich.console import Console
        from rich.table import Table

        from ...core.numbers import fmt, score_text

        console = Console()
        for s in scores:
            table = Table(title=f"部门整体支出绩效自评 复核得分：{s['department']}（{s['year']}年度）")
            for col in ("#", "三级指标", "分值", "复核得分", "依据"):
                table.add_column(col, justify="left" if col in ("三级指标", "依据") else "right")
            for ind in s["indicators"]:
                score = fmt(ind["score"], blank="—")
                table.add_row(str(ind["index"] + 1), ind["name"][:20], fmt(ind["weight"], blank="—"), score,
                              ind["basis"][:60])
            written = ("" if s["written_total"] is None else
                       f"；表中为 {score_text(s['written_total'])}" + (f"，等级{s['written_grade']}" if s["written_grade"] else ""))
            table.caption = f"复核总分 {score_text(s['total'])}，等级{s['grade']}{written}"
            console.print(table)


def _widen(short: Any, *, sf: Any) -> Any:
    """``short`` with the last 一级/二级 “分值 ≠ Σ三级分值” formats of ``sf`` that stop where its totals stop
    (``sums.widen_marks``: the form has no group subtotals), and the 扣分原因 hint formats (one a 二级 block)
    reading them and the table (``sums.widen_hints``): else, after 计算, 效果 and 履职效益 stayed red over rows
    that add up, a row inserted right above 总分 left out, while 校验 found nothing."""
    from ..sums import widen_hints, widen_marks, widen_merges
    from .layout import IND_COL_OF
    from .sheet import ROW_COLUMNS as C

    rows = sf.ind_rows
    short = widen_marks(short, [(col, rows[a], rows[b], C.weight)
                                for col, spans in ((C.level1_weight, sf.layout.level1_spans),
                                                   (C.level2_weight, sf.layout.level2_spans))
                                for a, b in spans if b < len(rows)])
    short = widen_merges(short, {IND_COL_OF[f"{level}_weight"]: IND_COL_OF[level] + IND_COL_OF[f"{level}_weight"]
                                 for level in ("level1", "level2")})
    return widen_hints(short, sf, IND_COL_OF["reason"], C.weight + C.others, C.weight + C.score)
