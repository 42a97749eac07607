"""What a form kind is: the one interface every 表种 implements.

jixiao knows several official forms — the 项目支出绩效自评表, the 部门整体支出绩效自评表, the
项目支出绩效评价表 … — that share a pipeline (read → score → check → summarize → report → 定稿)
but differ in layout, model, scoring and rules. Each kind is a subclass of ``FormKind`` in
its own package under ``jixiao/forms/`` (modelled on XlsxWriter's one subclass per chart
type over a shared base); the shared code loops over ``jixiao.forms.KINDS`` and asks each
kind for its part instead of testing which kind a form is.

Methods a kind may leave alone have a sensible default (no cross-form rules, no summary
rows of its own, …). Kinds import their heavy modules lazily, so ``jixiao rules`` or
``jixiao score x.json`` does not load openpyxl.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, cast

from pydantic import BaseModel

if TYPE_CHECKING:  # pragma: no cover - the types a kind's methods take, re-exported for the kinds
    from openpyxl import Workbook as Workbook

    from ..core.findings import Finding as Finding
    from ..core.grades import Bands as Bands
    from ..core.profiles import Profile as Profile
    from ..excel.printout import Paper as Paper
    from ..sources import Loaded as Loaded

__all__ = ["FormKind", "SheetRead"]

# Where a kind's work is done unless its ``parts`` say otherwise: operation -> "module:function" in
# the kind's package, imported on first use (a small command loads little). Signatures:
# read_rows(rows, file, sheet, merges) · add_sheets(wb, forms, caches, values_only=, bands=) · template_workbook()
# · layout_cell(form, path) · paper_of(layout, blank=) · score(form, profile) · check_forms(items, profile) · check_cross(items, scores, profile)
# Optional parts (``parts={...}``): report_paragraphs(items, findings, bands=) · report_team(items)
# · report_whole(items, findings, bands=) — ``bands``: the profile's grade bands · regraded(form, sheet_form, bands)
# · report_measures(items, findings, bands=, beside_projects=) — the 整改措施 its deductions call for, unnumbered
DEFAULT_PARTS = {"read_rows": ".reader:read_sheet_rows", "add_sheets": ".workbook:add_sheets",
                 "template_workbook": ".workbook:template_workbook", "layout_cell": ".layout:field_cell",
                 "score": ".scoring:score_form", "check_forms": ".rules:check_forms",
                 "paper_of": ".sheet:paper_of"}

# What a kind's reader returns for one workbook or one sheet: (sheet forms, problems).
SheetRead = tuple[list[Any], list[Any]]


_MODEL_TYPES: dict[str, type[BaseModel]] = {}
_PART_MODULES: dict[tuple[str, str], Any] = {}


def _title_in_a1(rows: list[list[Any]], file: str, sheet: str, title: str) -> bool:
    """Does A1 read ``title`` (spaces aside), as the titled kinds' readers test it (``is_dept_sheet``)?"""
    from .project.reader import _Grid

    return title in _Grid(rows, file, sheet).label("A1")


class FormKind:
    """One kind of form. A subclass states its attributes in its class line and keeps its work in
    its own package under the usual names (``DEFAULT_PARTS``); it overrides a method only where
    its answer differs (matching JSON, names, text for the terminal)."""

    key: ClassVar[str]            # "project", "department", "evaluation": JSON "form" key and batch key
    title: ClassVar[str]          # the official name printed on the form, e.g. 项目支出绩效自评表
    template_file: ClassVar[str | None] = None   # file name in xlsx_templates/, if it has a template
    summary_key: ClassVar[str | None] = None     # key of its rows in ``summarize --json`` (None: none)
    model_ref: ClassVar[str]                     # "module:Class" of its pydantic model
    schema_file: ClassVar[str]                   # its JSON schema in jixiao/spec/ (named in errors)
    rules_module: ClassVar[str | None] = None    # module registering its own rules (project: ``jixiao.checking.rules``)
    fallback: ClassVar[bool] = False             # detected last (the project form reads many layouts)
    titled: ClassVar[bool] = False               # a sheet of this kind has its ``title`` in A1 (``read_rows``)
    # Where the kind's work is done, where it is not in the kind's own modules under the usual names
    # (``DEFAULT_PARTS``): operation -> "module:function", relative to the kind's package or absolute.
    parts: ClassVar[dict[str, str]] = {}
    total_label: ClassVar[str] = "总分"          # what the form calls its total (评价表: 综合得分)
    # what one form of the kind is the form of, as a message names it: two copies are of “同一项目” (a 部门整体
    # form: of one 部门（单位）, and never “项目”)
    noun: ClassVar[str] = "项目"
    summary_sheet: ClassVar[str | None] = None   # its sheet in the review's 汇总表 (one row per form), if any
    # its 等级 follows the profile's grade bands (“优≥80”, the 校验规则's 等级): the self-evaluation forms;
    # the 评价表 grades by the bands its own note prints
    graded_by_profile: ClassVar[bool] = False
    # what the numbers of its fields are, as the 填报人 sees them (``forms.shown_value``): (a regular expression a
    # finding's ``field`` matches whole, "score" | "rate" | "money" or the unit written after the number)
    value_units: ClassVar[tuple[tuple[str, str], ...]] = ()
    # … and the rules whose figures are another quantity than their field's: (rule code, unit as above). A6 says on
    # the 执行率 cell that the indicators' scores add up to 88.5 分: a rate's “8850.00%” it was shown as
    rule_units: ClassVar[tuple[tuple[str, str], ...]] = ()
    # its total is a formula's result in a cell of two decimals (``core.numbers.SCORE_FORMAT``: the project form's
    # 总分 shows 93.57 of 93.5714…): said as the cell shows it (``score_text(computed=True)``); else as typed
    total_computed: ClassVar[bool] = False

    def __init_subclass__(cls, **meta: Any) -> None:
        """A kind states what it is in its class line (``class X(FormKind, key=…, title=…)``):
        the attributes above, nothing else (a misspelt one is an error at import)."""
        super().__init_subclass__()
        for name, value in meta.items():
            if name not in FormKind.__annotations__:
                raise TypeError(f"{cls.__name__}: FormKind has no attribute {name!r}")
            setattr(cls, name, value)

    # -- data --------------------------------------------------------------------
    def matches(self, data: Any) -> bool:
        """Is this JSON object a form of this kind? (Its "form" names the kind's title.)"""
        return isinstance(data, dict) and data.get("form") == self.title

    def part(self, operation: str) -> Any:
        """The function doing ``operation`` for this kind (``parts``), or None where it names none."""
        ref = self.parts.get(operation, DEFAULT_PARTS.get(operation))
        if ref is None:
            return None
        module, name = ref.split(":")
        key = (module, type(self).__module__)
        found = _PART_MODULES.get(key)  # asked per sheet and per form: imported once (issue #18)
        if found is None:
            found = _PART_MODULES[key] = importlib.import_module(module, package=type(self).__module__)
        return getattr(found, name)

    def owns(self, form: Any) -> bool:
        """``isinstance(form, self.model_type())``, without importing the model to learn that a
        form is not one: no instance of a class exists before its module is imported (issue #18)."""
        module = self.model_ref.split(":")[0]
        return module in sys.modules and isinstance(form, self.model_type())

    def model_type(self) -> type[BaseModel]:
        """The pydantic model class of this kind's forms (``model_ref``, imported on first use)."""
        found = _MODEL_TYPES.get(self.model_ref)  # kind_of asks for it per form: imported once
        if found is None:
            module, name = self.model_ref.split(":")
            found = cast("type[BaseModel]", getattr(importlib.import_module(module), name))
            _MODEL_TYPES[self.model_ref] = found
        return found

    def parse(self, data: Any, source: str) -> Any:
        """The model of a form of this kind (``FormDataError`` naming ``source``, the field and the schema)."""
        from .project.model import validate

        return validate(self.model_type(), data, source, self.schema_file)

    def name_of(self, form: Any) -> str:
        """What a person calls this form in a list: the project or the department."""
        return str(getattr(form, "project", None) or getattr(form, "department", None) or self.title)

    @property
    def word(self) -> str:
        """One of its forms as a sentence calls it: “自评表” (项目支出绩效自评表, 部门整体支出绩效自评表),
        “评价表” (项目支出绩效评价表) — its title's last three characters."""
        return self.title[-3:]

    def listed_as(self, form: Any) -> str:
        """How a list of findings names the form they are on (the 校验结果 sheet's 项目 column): its
        project; a form of no project (the 部门整体支出绩效自评表) says what it is — not the
        department, which every form of its workbook shares."""
        return self.name_of(form)

    # -- workbooks ---------------------------------------------------------------
    def read_rows(self, rows: list[list[Any]], file: str, sheet: str, merges: Any = None) -> SheetRead | None:
        """A sheet's values (from A1; ``merges`` where the reader knows them) as forms of this kind,
        or None when the sheet is not one. A ``titled`` kind's reader is not even imported for a
        sheet without its title in A1 (the reader says None there too): a workbook of project
        forms never loads the department form's reader, layout and scoring (issue #18)."""
        if self.titled and not _title_in_a1(rows, file, sheet, self.title):
            return None
        return cast("SheetRead | None", self.part("read_rows")(rows, file, sheet, merges))

    def complete(self, path: str | Path, sheet_forms: list[Any]) -> None:
        """Fill in what the file did not store (formula results of a file written by code), and
        what only its formulas tell (``typed_over``)."""

    def typed_over(self, sheet_forms: list[Any], formulas: Any) -> None:
        """Keep what the 填报人 typed over a formula of the template that the checks compare (the
        project form's 等级); ``formulas`` gives the formula text of (sheet, cell)s, as
        ``actions.Host.formulas``. Called by ``complete`` for a file, by ``read_host`` for an open
        workbook."""

    def open_values(self, sheet_forms: list[Any]) -> None:
        """Read what an open workbook's values say but a file's formats tell (the project form's ratios
        that Excel stored as times: ``reading.time_cells.read_open_ratios``). Called by ``read_host`` for an
        open workbook, where ``complete`` is not."""

    def add_sheets(self, wb: Workbook, forms: list[Any], caches: dict[str, dict[str, Any]], *,
                   values_only: bool = False, bands: Bands | None = None, shared: list[Any] | None = None) -> list[str]:
        """Write one sheet per form after the sheets already in ``wb``, the cached results of its
        formulas into ``caches`` (values instead of formulas with ``values_only``); returns the titles.
        ``bands``: the grade bands of the profile in force, for a kind graded by the profile. ``shared``:
        per form, the texts one merged cell covered where it was read (a kind whose reader keeps them:
        the project form's ``SheetForm.shared``, the 部门整体 form's and the 评价表's ``TableSheetForm.shared``),
        else None."""
        from ..core.grades import DEFAULT_BANDS

        extra = {"shared": shared} if shared else {}
        return cast("list[str]", self.part("add_sheets")(wb, forms, caches, values_only=values_only,
                                                         bands=bands or DEFAULT_BANDS, **extra))

    def template_workbook(self) -> Workbook | None:
        """The blank official template (None for a kind without one)."""
        make = self.part("template_workbook")
        return None if make is None else cast("Workbook", make())

    def paper(self, sheet_form: Any, *, blank: bool) -> Paper | None:
        """How a sheet of this kind read as ``sheet_form`` prints (``printout.Paper``), laid out by
        its layout as ``add_sheets`` laid it out; ``blank``: as the blank template prints. None for
        a kind without one."""
        make = self.part("paper_of")
        return None if make is None else cast("Paper", make(sheet_form.layout, blank=blank))

    def layout_cell(self, form: Any, path: str) -> str:
        """Where ``fill`` puts the field ``path`` of ``form`` (KeyError for a field with no cell)."""
        find = self.part("layout_cell")
        if find is None:
            raise KeyError(path)
        return str(find(form, path))

    def cell_of(self, item: Loaded, path: str) -> str | None:
        """The cell of a field: on the sheet the form was read from, or where ``fill`` puts it;
        None for a field with no cell (a finding about the whole form)."""
        if path == "indicators":  # a finding on the whole indicator set: the first indicator's name
            path = "indicators[0].name"
        try:
            if item.sheet_form is not None:
                return str(item.sheet_form.cell(path))
            return self.layout_cell(item.form, path)
        except (KeyError, ValueError, IndexError):
            return None

    def computed_fields(self, sheet_form: Any) -> tuple[str, ...]:
        """The fields of the form read as ``sheet_form`` that a formula of its sheet works out (分值合计, 总分 …):
        what an edit of the sheet (计算, 汇总) recomputes, for ``after_results``; none by default."""
        return ()

    def template_totals(self, sheet_form: Any) -> dict[str, str]:
        """The template's formulas of the total row of ``sheet_form``'s sheet as read (field -> formula: its
        ``total_weight`` sums the indicator rows from the row under the header), {} where the sheet is not our
        template's: what ``sums.header_rows`` compares the sheet's formula with. {} by default."""
        return {}

    def widen_short(self, sheet_form: Any, short: Any, formulas: Any) -> Any:
        """``short`` (a ``sums.ShortSums`` of ``sheet_form``) with what else of the sheet reads the rows its totals
        read and is widened with them — a group's subtotal and red 分值 format, the 扣分原因 hints, the 评价表's
        存在的问题/有关建议 formats (``sums.widen_groups``, ``widen_marks``, ``widen_hints``, ``widen_table``); the
        one place a kind says so, for a row typed on (its reader, X7) and a blank row (``sums.header_short``).
        ``formulas``: as ``actions.Host.formulas``. ``short`` as it is by default (the project form: its per-row
        formats are ``RowFormats``', its “Σ分值 ≠ 100” the totals' own)."""
        return short

    def after_results(self, item: Loaded, results: dict[str, Any]) -> Loaded:
        """``item`` as its sheet reads once an edit (计算, 汇总) has stored ``results`` (cell -> result) in it: each
        of its ``computed_fields`` what its cell then shows, where ``results`` has the cell. The one place the
        shared code takes “the form as the edit leaves it” from, for every kind: the 总分 formulas widened over a
        row they left out (``forms.sums.widened``), numbers typed as text made numbers (``actions.numbered``)."""
        from dataclasses import replace

        sf: Any = item.sheet_form   # read from a sheet: the edit was of it
        form = item.form
        names = type(form).model_fields
        values = {f: results[cell] for f in self.computed_fields(sf) if f in names and (cell := sf.cell(f)) in results}
        form = form.model_copy(update=values) if values else form   # a pydantic model
        return replace(item, form=form, sheet_form=replace(sf, form=form))

    # -- scoring and checking ----------------------------------------------------
    def score(self, form: Any, profile: Profile) -> Any:
        """The reviewed score of one form: an object with ``total``, ``grade`` and ``to_dict()``."""
        return self.part("score")(form, profile)

    def score_all(self, items: list[Loaded], profile: Profile, **options: Any) -> list[dict[str, Any]]:
        """``jixiao score --json`` rows: each form's score with its ``source``."""
        return [{**self.score(it.form, profile).to_dict(), "source": it.source} for it in items]

    def check_forms(self, items: list[Loaded], profile: Profile) -> list[tuple[Any, list[Finding]]]:
        """(score, findings) per form, from the rules that look at one form at a time; a workbook's formulas,
        which rules ask of form after form, read once for them (``project.typed.one_file``, issue #18)."""
        from .project.typed import one_file

        with one_file():
            return cast("list[tuple[Any, list[Finding]]]", self.part("check_forms")(items, profile))

    def check_cross(self, items: list[Loaded], scores: list[Any], profile: Profile) -> list[Finding]:
        """Findings of the rules that compare forms of this kind with each other (default: none)."""
        compare = self.part("check_cross")
        return [] if compare is None else cast("list[Finding]", compare(items, scores, profile))

    def regraded(self, item: Loaded, profile: Profile | None) -> Any:
        """The form as its sheet shows it under the profile's bands (``parts["regraded"]``: the 部门整体
        form, whose 等级 is read from the cell, where that cell holds our 等级 formula of other bands —
        as 计算 rewrites it): what the check, the 汇总表, the reports and the 定稿 copy take; the form
        itself by default."""
        write = self.part("regraded")
        return item.form if write is None else write(item.form, item.sheet_form, self.bands(profile))

    def bands(self, profile: Profile | str | None) -> Bands:
        """The grade bands a form of this kind is graded by under ``profile`` (a ``Profile``, its name, or
        None for the default; ``graded_by_profile``): the one place a kind's bands come from."""
        from ..core.grades import DEFAULT_BANDS

        if profile is None or not self.graded_by_profile:
            return DEFAULT_BANDS
        from ..core.profiles import get_profile

        return get_profile(profile).grade_bands

    # -- summary and text ----------------------------------------------------------
    def summary_rows(self, items: list[Loaded], findings: list[Finding], scores: dict[str, Any],
                     profile: Profile | None = None) -> list[dict[str, Any]]:
        """Rows of this kind beside the project forms in ``summarize`` (a kind with a ``summary_key``):
        each form's own 总分/等级 (as written, else computed under ``self.bands(profile)``), the
        reviewed ones, its finding counts."""
        from collections import Counter

        from ..core.grades import NO_GRADE, grade

        rows = []
        bands = self.bands(profile)
        for item in items:
            f: Any = item.form  # a form of this kind (Batch files each form under its own kind)
            s = scores.get(item.source) or self.score(f, profile)  # type: ignore[arg-type]
            c = Counter(x.severity for x in findings
                        if (x.source or (f"{x.file}#{x.sheet}" if x.sheet else x.file)) == item.source)
            total = f.total_score if f.total_score is not None else s.total
            banded = grade(total, bands)  # a 总分 over 100 has none, whatever grade the form states beside it
            written = self.regraded(item, profile).grade   # a 等级 our formula shows: under ``bands``
            rows.append({**self.summary_fields(f, s), "total": total,
                         "grade": banded if banded == NO_GRADE else (written or banded),
                         "reviewed_total": s.total, "reviewed_grade": s.grade, "errors": c["error"],
                         "warnings": c["warning"], "source": item.source, "file": item.file, "sheet": item.sheet})
        return rows

    def summary_fields(self, form: Any, score: Any) -> dict[str, Any]:
        """What names a form of this kind in its ``summarize`` row (department, project, year …)."""
        return {"year": form.year}

    def describe(self, sheet_form: Any) -> str:
        """One line for ``jixiao read``."""
        f = sheet_form.form
        return f"{sheet_form.sheet}：{self.name_of(f)}（{f.year}年度{self.title}）"

    def score_lines(self, scores: list[dict[str, Any]]) -> None:
        """Print reviewed scores of this kind as a table on the terminal (``jixiao score``)."""

    def report_paragraphs(self, items: list[Loaded], findings: list[list[Finding]],
                          bands: Bands | None = None) -> list[str]:
        """What the 整体绩效自评工作报告 says of these forms of this kind (each with its findings), in
        its part on the department as a whole (``parts["report_paragraphs"]``); none by default.
        ``bands``: the profile's grade bands, for a 总分 the form gives without its 等级."""
        write = self.part("report_paragraphs")
        if write is None or not items:
            return []
        return cast("list[str]", write(items, findings, **({"bands": bands} if bands else {})))

    def report_team(self, items: list[Loaded]) -> list[str]:
        """Who did the self-evaluation as these forms name them (“刘某（书记）”), for the 整体绩效自评工作报告's
        工作小组 (``parts["report_team"]``); none by default, or where the forms name no one."""
        write = self.part("report_team")
        return [] if write is None or not items else cast("list[str]", write(items))

    def summary_lines(self, rows: list[dict[str, Any]]) -> list[str]:
        """Lines of ``jixiao summarize`` text output for this kind's summary rows."""
        from ..core.numbers import score_text

        out = []
        for d in rows:
            total = d.get("total")
            # a project's form says whose it is: two units' 评价表 of one project read the same line for line
            unit = d.get("unit") if d.get("project") and not d.get("department") else None
            out.append(f"{self.title.removesuffix('表')}：{d.get('department') or d.get('project')}"
                       f"（{f'{unit}，' if unit else ''}{d['year']}年度）"
                       f"{self.total_label} {score_text(total, blank='—', computed=self.total_computed)}，"
                       f"等级{d.get('grade') or '—'}；复核 "
                       f"{score_text(d['reviewed_total'], blank='—', computed=self.total_computed)}，等级{d['reviewed_grade'] or '—'}；错误 {d['errors']}，警告 {d['warnings']}")
        return out
