"""What each button does, as core functions on a ``Host`` (the workbook being worked on).

A host gives the values of every sheet (read from A1) and applies a ``Plan``. The Excel
add-in's host is the open workbook through xlwings (``addin/host.py``); ``FileHost`` here
is a workbook file, edited into a copy with openpyxl — the CLI and the tests use it. The
same function runs in both, so a button and its command cannot give different results.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Protocol

from .excel.apply import apply_plan, as_xlsx, load_for_edit, save_new
from .checking.run import CheckResult, check_batch
from .checking.rules.weights import adds_to_100, weight_sum
from .errors import CALC_AGAIN, CHECK_AGAIN, EVAL_NO_REPORT, JixiaoError, NotAFormError, cells_said, each_error, forms_not_read, problems_said, some_said
# the comment line 计算 writes, and how it is read back among a 校验's marks and the 填报人's words
from .excel.comment_text import SUGGESTED, is_suggestion, suggestion_note, suggestion_of  # noqa: F401
from .excel.plan import (RESULT_SHEET, Formula, MergeRows, Plan, Refused, refused_as_read, RowFormats, SetComment, SetNumber, SetValue, WidenRule,
                         annotation_plan, earlier_marks)
from .core.findings import Finding
from .core.numbers import score_above, score_text, scores_apart
from .core.profiles import Profile, get_profile
from .forms.project.scoring import score_form, score_indicator
from .dedupe import SetAside, hidden_said, year_screened
from .sources import Batch
from .summary import Summary, summarize
from .summary.book import sheet_heads, workbook_plan

if TYPE_CHECKING:
    from .finalize import Finalized  # finalize is imported when the button is pressed
    from .guard.sanitize import TextNumber

__all__ = ["Calculated", "FileHost", "Host", "calc", "calc_plan", "check", "finalize", "hidden_said", "read_host",
           "reports", "summarize_in_book"]


class Host(Protocol):
    """The workbook a button works on."""

    path: str

    def sheet_values(self) -> dict[str, list[list[Any]]]: ...

    def apply(self, plan: Plan) -> list[Refused]:
        """Every edit of ``plan``; the edits left undone and why (a ``MergeRows`` whose cells hold another text)."""
        ...

    def notes(self, cells: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
        """The comment text on each of ``cells`` (sheet, address) that has one."""
        ...

    def hidden_sheets(self) -> set[str]:
        """The names of the sheets the workbook keeps hidden (after ``sheet_values``)."""
        ...

    def formulas(self, cells: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
        """The formula text (with "=") of each of ``cells`` (sheet, address) that holds one."""
        ...


@dataclass
class FileHost:
    """A workbook file: values read with calamine, edits applied with openpyxl to ``out``
    (never to the input), saved by ``save``."""

    path: str
    out: str | None = None
    _wb: Any = field(default=None, repr=False)
    _hidden: set[str] | None = field(default=None, repr=False)
    _merges: dict[str, Any] = field(default_factory=dict, repr=False)   # sheet -> calamine's merged ranges
    _notes: dict[str, list[Any]] = field(default_factory=dict, repr=False)   # sheet -> what reading changed (X2)
    _stored: Any = field(default=None, repr=False)   # the input's formula results (``excel.cache``)
    _done: Plan = field(default_factory=Plan, repr=False)  # every plan applied: what the copy's stored results follow

    def sheet_values(self) -> dict[str, list[list[Any]]]:

        from . import guard

        guard.check_input(Path(self.path))
        values, self._hidden, self._merges, self._notes = guard.run_limited(_sheet_values, self.path,
                                                                            name=guard._show(self.path))
        return values

    def sheet_notes(self) -> dict[str, list[Any]]:
        """Each sheet's read notes (after ``sheet_values``): a cell showing #VALUE!, control characters taken out,
        text cut at the limit (``guard.sanitize``). ``jixiao check`` says each (X2); the buttons dropped them, and
        “校验” counted a warning fewer than the command and the review on the same file."""
        return self._notes

    def sheet_merges(self) -> dict[str, Any]:
        """Each sheet's merged ranges as the commands read them (after ``sheet_values``): a 偏差原因 merged over
        two indicator rows is both rows' in 校验 as in ``jixiao check`` (``project.reader.read_sheet``)."""
        return self._merges

    def hidden_sheets(self) -> set[str]:
        if self._hidden is None:
            self.sheet_values()
        return set(self._hidden or ())

    def _book(self) -> Any:
        if self._wb is None:
            from .excel.cache import stored_results

            with as_xlsx(Path(self.path)) as book:  # an .xls or .et: its copy is an .xlsx
                self._wb = load_for_edit(book)
                self._stored = stored_results(book)  # openpyxl saves formulas without them
        return self._wb

    def apply(self, plan: Plan) -> list[Refused]:
        refused = apply_plan(self._book(), plan)
        self._done.extend(plan)
        return refused

    def formulas(self, cells: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
        return book_formulas(self._book(), cells)

    def notes(self, cells: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
        wb = self._book()   # the workbook apply edits next: loaded once for both
        sheets = {ws.title: ws for ws in wb.worksheets}
        out: dict[tuple[str, str], str] = {}
        for sheet, ref in cells:
            ws = sheets.get(sheet)
            comment = ws[ref].comment if ws is not None else None
            if comment is not None and comment.text:
                out[(sheet, ref)] = comment.text
        return out

    def save(self) -> Path | None:
        if self._wb is None or not self.out:
            return None
        if Path(self.out).resolve() == Path(self.path).resolve():
            raise JixiaoError(f"{self.out}：输出文件不能与输入文件相同（输入文件不会被修改）", file=self.out)
        if self._wb.calculation is None:  # a workbook.xml without <calcPr> (written by other tools)
            from openpyxl.workbook.properties import CalcProperties

            self._wb.calculation = CalcProperties()
        self._wb.calculation.fullCalcOnLoad = True
        # the results the file stored, where the edits changed nothing they read: a viewer that does
        # not calculate shows them as before (Excel, WPS and LibreOffice recalculate on load)
        # and on the sheets they changed each formula's own: the result it had where nothing it reads changed, the
        # twin's or its recalculation where something did (``excel.recalc``): a 填报人's =G15*0.9 stays 9 分
        from .excel.recalc import results_after_edits

        return save_new(self._wb, Path(self.out), caches=results_after_edits(self._wb, self._stored, self._done))


def book_formulas(wb: Any, cells: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """The formula text of ``cells`` (sheet, ref) of an openpyxl workbook that hold one."""
    sheets = {ws.title: ws for ws in wb.worksheets}
    out: dict[tuple[str, str], str] = {}
    for sheet, ref in cells:
        ws = sheets.get(sheet)
        c = ws[ref] if ws is not None else None
        if c is not None and c.data_type == "f" and isinstance(c.value, str):
            out[(sheet, ref)] = c.value
    return out


def read_host(host: Host, values: dict[str, list[list[Any]]] | None = None) -> Batch:
    """Every 自评表 on the host's sheets, as a batch (problems kept, other sheets skipped);
    ``values``: the sheets' values when the caller has read them already (one read per button)."""
    from .sources import loaded, our_output_without_forms, read_sheets

    batch = Batch(files=1)
    values = host.sheet_values() if values is None else values
    tables: list[dict[str, Any]] = []  # a 汇总表 typed beside the forms (``summary.published``)
    # the merged ranges from the same read (a file's by calamine, Excel's by its XML: ``XlwingsHost.sheet_merges``),
    # here once for every button; a host that gives none (a test's) is read as values
    merges = host.sheet_merges() if hasattr(host, "sheet_merges") else {}
    notes = host.sheet_notes() if hasattr(host, "sheet_notes") else {}   # a file's (X2), as the commands read it
    found, problems = read_sheets(((name, rows, merges.get(name), notes.get(name, [])) for name, rows in values.items()),
                                  host.path, tables)
    from .forms import KINDS

    if isinstance(host, FileHost):  # a file saved by a program that does not calculate: its formulas'
        for kind in KINDS:          # results computed by their twins, as every command reads it (Excel calculates)
            kind.complete(host.path, [sf for sf in found if kind.owns(sf.form)])
    else:   # an open workbook: what was typed over a formula, as ``complete`` tells it of a file
        for kind in KINDS:
            kind.typed_over([sf for sf in found if kind.owns(sf.form)], host.formulas)
            kind.open_values([sf for sf in found if kind.owns(sf.form)])
    hidden = host.hidden_sheets()  # a form out of sight is neither checked nor counted (``Batch.hidden``)
    batch.add(loaded(found, hidden, tables))
    batch.problems = list(problems)
    ours = our_output_without_forms(host.path, batch.problems) if not found else None
    if ours:
        batch.problems = [ours]
    elif not batch.all() and not batch.problems:
        batch.problems.append(NotAFormError(f"{host.path}：这个工作簿里没有自评表", file=host.path))
    return batch


# ----------------------------------------------------------------------------- 计算

@dataclass
class Calculated:
    """What 计算 did: the plan, and what the button and the command tell the 填报人."""

    plan: Plan
    filled: int = 0       # blank scores given the suggestion
    refreshed: int = 0    # scores 计算 had suggested before, suggested again from the data as it is now
    by_hand: list[tuple[str, str]] = field(default_factory=list)  # (sheet, cell) of blank scores no rule computes
    kept: list[tuple[str, str]] = field(default_factory=list)     # (sheet, "H17 填 18 分（建议 20 分）"): the 填报人's own
    # (sheet, cell, suggestion) of the 填报人's own scores (``formula_scores``: one may be a formula 计算's edits change)
    own: list[tuple[str, str, float]] = field(default_factory=list, repr=False)
    unread: list[JixiaoError] = field(default_factory=list)      # what kept a form (or the workbook) from being read
    forms: int = 0                                                # forms read
    hidden: list[str] = field(default_factory=list)               # sheets of forms left alone: hidden (``Batch.hidden``)
    stale: list[tuple[str, str]] = field(default_factory=list)    # its earlier suggestion, no rule computes it now
    others: list[str] = field(default_factory=list)               # titles of the other kinds read (scores left alone)
    numbers: list[tuple[str, str]] = field(default_factory=list)  # (sheet, "H6“6人”改为 6"): text made a number
    rates: list[tuple[str, str]] = field(default_factory=list)    # (sheet, what became of a 执行率 typed as text)
    sums: list[tuple[str, str]] = field(default_factory=list)     # (sheet, the 总分 formulas made to sum every row)
    regraded: list[tuple[str, str]] = field(default_factory=list)  # (sheet, cell) of 等级 formulas rewritten
    weights_off: list[tuple[str, str]] = field(default_factory=list)  # (sheet, "分值合计为 110"): suggestions under them
    profile: Profile | None = None                                # the profile 计算 worked under
    dept_blank: list[tuple[str, str]] = field(default_factory=list)  # (sheet, cell) of blank 部门整体 scores

    def message(self) -> str:
        done = []
        if self.filled:
            done.append(f"为 {self.filled} 个空白得分填入建议得分")
        if self.refreshed:
            done.append(f"按现在的数据更新了 {self.refreshed} 个先前计算的建议得分")
        # after a sentence on a 执行率 made a number (its H7 now computes), the indicator scores are "the other" ones
        none_left = "此外没有可以计算的空白得分。" if self.rates or self.sums else "没有可以计算的空白得分。"
        text = ("已" + "，".join(done) + "，评分依据见单元格批注。") if done else none_left if self.forms else ""
        if self.numbers:
            text = (f"已把 {len(self.numbers)} 个写成文字的数字改为数字（{some_said(self.numbers)}），"
                    "表中的公式现在按它们计算。" + text)
        if self.rates:
            # the sheet named wherever the workbook has another form (each has its G7), as every other cell said here
            named = len(self.rates) > 1 or self.forms > 1
            text = "；".join(f"“{sheet}”{said}" if named else said for sheet, said in self.rates) + "。" + text
        if self.sums:
            text = "；".join(f"“{sheet}”{said}" for sheet, said in self.sums) + "。" + text
        if self.regraded and self.profile is not None:
            text += regraded_said(self.regraded, self.profile)
        if self.others and not self.forms:  # a 部门整体 form alone: 计算 is for the project forms, and says so
            text += (f"“计算”为项目支出绩效自评表的空白得分填入建议得分；这个工作簿里只有{'、'.join(self.others)}，"
                     + ("得分没有改动。" if self.numbers or self.regraded or self.sums else "没有改动。"))
            from .forms import by_key

            if by_key("department").title in self.others:
                text += "部门整体支出绩效自评表中公式型指标的得分由表中公式按“计算数据”和“评分标准参数”算出"
                # the advice on blank scores only where a score is blank (said to a form with none, it sent
                # the 填报人 looking for a blank that was not there)
                text += (f"；{len(self.dept_blank)} 个得分空白（{some_said(self.dept_blank)}），请补上计算数据（只填数字）"
                         f"或直接填写得分，{CHECK_AGAIN}。" if self.dept_blank else "。")
        errors = [e for p in self.unread for e in each_error(p)]
        on_cells = _on_cells(errors)
        if on_cells:   # a blank 项目名称 or text where a number belongs: the form is not read, so not scored
            text += (f"{'另有 ' if self.forms else ''}{forms_not_read(on_cells)} 张表因单元格填写有误未能读取，没有计算："
                     + cells_said(on_cells) + f"。改正后{CALC_AGAIN}。")
        text += problems_said([e for e in errors if e not in on_cells])
        text += hidden_said(self.hidden, "计算")
        if self.by_hand:
            text += (f"{len(self.by_hand)} 个得分无法按公式计算（定性指标，或实际完成值不是数值），留空未填，"
                     f"请自行评分：{some_said(self.by_hand)}。")
        if self.stale:
            text += (f"{len(self.stale)} 个先前计算的建议得分已无法按公式计算（实际完成值改成了文字或不是数值），"
                     f"没有改动，请自行评分：{some_said(self.stale)}。")
        if self.weights_off:  # a suggestion is a share of its 分值: under 分值 that add up to 110 it is no score to take
            text += (f"{len(self.weights_off)} 张表的分值合计不是 100（{some_said(self.weights_off, unit='张表')}），"
                     f"建议得分是按表中的分值算的：请先改正分值，{CALC_AGAIN}。")
        if self.kept:
            text += (f"另有 {len(self.kept)} 个填写的得分与按数据算出的建议得分不同（{some_said(self.kept)}），没有改动；"
                     f"如要改用建议得分，请清空这些得分后{CALC_AGAIN}。")
        return text


def regraded_said(cells: list[tuple[str, str]], profile: Profile) -> str:
    """What 计算 says of the 等级 formulas it rewrote to the profile's bands."""
    from .core.grades import bands_said
    from .errors import some_said

    return (f"已按评分方案“{profile.name}”改写 {len(cells)} 张表的等级公式（{some_said(cells, unit='张表')}）："
            f"{bands_said(profile.grade_bands)}。")


def regrade_plan(batch: Batch, profile: Profile,
                 formulas: Callable[[list[tuple[str, str]]], dict[tuple[str, str], str]]) -> tuple[Plan, list[tuple[str, str]]]:
    """The 等级 formula of every form in our templates whose bands are not the profile's (the kinds
    ``graded_by_profile``: the 项目 and the 部门整体 form), rewritten to them: the sheet then grades a
    总分 as the check, the JSON, the reports and the 汇总表 do (“优≥80”: 85 is 优 everywhere).
    ``formulas`` gives the formula text of cells. A 等级 the 填报人 typed over the formula, or another
    formula, is left alone. Returns the plan and the (sheet, cell) rewritten."""
    from .core.grades import formula_bands, grade, grade_formula, same_bands
    from .forms import KINDS

    at: dict[tuple[str, str], str] = {}   # (sheet, 等级 cell) -> the 总分 cell it grades
    totals: dict[tuple[str, str], Any] = {}   # … and the 总分 that cell shows, as read
    for kind in KINDS:
        if not kind.graded_by_profile:
            continue
        for item in batch.of(kind.key):
            sf = item.sheet_form
            if sf is None or not item.sheet or not getattr(sf, "native", True):  # another layout: its own cells
                continue
            try:
                at[(item.sheet, sf.cell("grade"))] = sf.cell("total_score")
            except KeyError:  # a sheet read without its 总分 row's cells: nothing to rewrite
                continue
            totals[(item.sheet, sf.cell("grade"))] = getattr(item.form, "total_score", None)
    plan = Plan()
    done: list[tuple[str, str]] = []
    if not at:
        return plan, done
    held = formulas(list(at))
    for (sheet, cell), total in at.items():
        bands = formula_bands(held.get((sheet, cell)), total)
        if bands is None or same_bands(bands, profile.grade_bands):
            continue
        # its result too, the 等级 of the 总分 the sheet shows (the formula's twin): a copy keeps the sheet's other
        # results (its 得分, 总分 — nothing on it reads the 等级), where they all went blank in a viewer that does not
        # calculate; a 总分 not known leaves the sheet to the program that opens it, as before
        shown = totals.get((sheet, cell))
        known = isinstance(shown, (int, float)) and not isinstance(shown, bool)
        plan.add(SetValue(sheet, cell, Formula("=" + grade_formula(total, profile.grade_bands)), alone=known))
        if known:
            plan.results.setdefault(sheet, {})[cell] = grade(shown, profile.grade_bands)
        done.append((sheet, cell))
    return plan, done


def summary_edits(batch: Batch, profile: Profile,
                  formulas: Callable[[list[tuple[str, str]]], dict[tuple[str, str], str]],
                  summary: Summary | None = None, *, groups: Iterable[Summary] = (),
                  recheck: Callable[[Batch], list[Finding]] | None = None,
                  read: Callable[[str, str], Any] | None = None) -> tuple[Plan, str]:
    """What 汇总 (the button, ``summarize -o`` into a copy of the forms' workbook) does to the forms, and what
    to say of it ("" when nothing changed):

    - a number written as text (“120万元” in a 万元 cell) becomes the number read, as 计算 makes it
      (``text_numbers``): the 汇总表 links to these cells, and Excel's sums skip text — it showed 100 where the
      summary said 240, and the results stored with it said 240 too;
    - the 等级 formulas: ``regrade_plan``, so a form shows the 等级 the 汇总表 counts it by (it showed 良 where
      the 汇总表 counted 优 until 计算 was clicked). ``summary``: its rows of another kind (the 部门整体 form's
      表中等级, the grade read from the form) say what a rewritten form now shows;
    - the 总分 row's formulas that leave out a row (``short_sums_plan``). The rows of a form so widened, or
      whose numbers typed as text were made numbers (in ``summary`` and ``groups``), count the errors and
      warnings ``recheck`` (the check 汇总 rests on, under its 校验规则) finds in the form as the edit leaves it
      (``recount_after``)."""
    plan, numbers = numbers_plan(batch)
    short, sums = short_sums_plan(batch, read)   # a row left out of the 总分 the 汇总表 links to
    plan.extend(short)
    regrade, done = regrade_plan(batch, profile, formulas)
    plan.extend(regrade)
    plan.add_results(results_after(batch, plan, formulas, profile))   # a changed form keeps its 总分 and 等级 shown
    if summary is not None and (numbers or sums):
        _totals_after(summary, batch, plan.results, profile)
    if summary is not None and (sums or numbers) and recheck is not None:
        recount_after(batch, plan.results, recheck, [summary, *groups])
    if summary is not None and done:
        from .core.grades import grade
        from .forms import KINDS

        sheets = {sheet for sheet, _cell in done}
        for kind in KINDS:
            for row in summary.others.get(kind.summary_key or "", []) if kind.graded_by_profile else []:
                if row.get("sheet") in sheets and row.get("total") is not None:
                    row["grade"] = grade(row["total"], kind.bands(profile))
    said = regraded_said(done, profile).rstrip("。") + "；各表的等级与汇总表一致。" if done else ""
    if numbers:
        said = (f"已把 {len(numbers)} 个写成文字的数字改为数字（{some_said(numbers)}），"
                "各表的公式和汇总表按它们计算。" + said)
    if sums:
        said = "；".join(f"“{sheet}”{what}" for sheet, what in sums) + "，汇总表按改正后的总分计。" + said
    return plan, said


def _totals_after(summary: Summary, batch: Batch, results: dict[str, dict[str, Any]], profile: Profile) -> None:
    """The 汇总表's rows as the forms show them after ``numbers_plan``: a 总分 whose formula skipped a text
    “120万元” (its 执行率得分 blank) shows the full sum now, and the row, its 等级 and the counts follow it
    (the 项目明细 links to that 总分; its stored result was the old one)."""
    from .core.grades import GRADES
    from .summary import row_grade

    cells = {it.sheet: it.sheet_form.cell("total_score") for it in batch.forms if it.sheet_form and it.sheet}
    for row in summary.rows:
        new = results.get(row.get("sheet") or "", {}).get(cells.get(row.get("sheet") or "", ""))
        if isinstance(new, (int, float)) and not isinstance(new, bool) and new != row.get("total"):
            row["total"], row["grade"] = new, row_grade(new, profile)
    counted = [r["grade"] for r in summary.rows if r.get("grade")]
    summary.grades = {g: counted.count(g) for g in GRADES}
    summary.projects_done = sum(1 for r in summary.rows if r.get("total") is not None)


def recount_after(batch: Batch, results: dict[str, dict[str, Any]], recheck: Callable[[Batch], list[Finding]],
                  summaries: list[Summary]) -> None:
    """The 错误数 and 警告数 of each form 汇总 edited — its 总分 formulas widened (``short_sums_plan``), its numbers
    typed as text made numbers (``numbers_plan``) — as ``recheck`` finds them in the form as the edit leaves it
    (``forms.sums.widened``, ``numbered``: its totals what the formulas then give, ``results``). Why: the 项目明细
    said 3 errors — X7 and the totals it caused, found before the edit — of a form 校验 then found none in; and
    counted the X2 warnings of the cells 汇总 had just made numbers (s64). The whole batch is checked again (a
    cross-form rule sees every form), only where a form was so edited: the rare workbook."""
    from .forms import KINDS
    from .forms.sums import widened
    from .summary import count_findings

    after = Batch(problems=batch.problems, files=batch.files)
    after.hidden = batch.hidden
    mended: set[str] = set()
    for kind in KINDS:
        items = after.of(kind.key)
        for it in batch.of(kind.key):
            if it.sheet and getattr(it.sheet_form, "short_sums", None) is not None:
                it = widened(it, results.get(it.sheet, {}))
                mended.add(it.source)
            if it.sheet and any(_typed_number(n) for n in getattr(it.sheet_form, "notes", None) or ()):
                it = numbered(it, results.get(it.sheet, {}))
                mended.add(it.source)
            items.append(it)
    if not mended:
        return
    counts = count_findings(recheck(after), mended)
    for s in summaries:
        for row in [*s.rows, *(r for rows in s.others.values() for r in rows)]:
            source = row.get("source")
            if source in mended:
                errors, warnings, typed = counts.get(source, (0, 0, 0))
                row["errors"], row["warnings"] = errors, warnings
                if "_changes" in row:
                    row["_changes"] = errors + typed


def _on_cells(errors: list[JixiaoError]) -> list[JixiaoError]:
    """The problems that name a sheet and a cell: a form not read because of what a cell holds."""
    return [e for e in errors if getattr(e, "sheet", None) and getattr(e, "cell", None)]


def calc_plan(batch: Batch, profile: Profile | str | None = None,
              notes: dict[tuple[str, str], str] | None = None,
              formulas: Callable[[list[tuple[str, str]]], dict[tuple[str, str], str]] | None = None,
              read: Callable[[str, str], Any] | None = None) -> Calculated:
    """计算: where 得分 is blank and the rules compute it, put the suggested score, its basis as
    the cell's comment.

    A blank score no rule computes (a qualitative indicator, an 实际完成值 that is not a
    value) stays blank and is named in the message: it is the 填报人's to give, and a 0 put
    there would print as the indicator failed. A score 计算 put there earlier (``notes`` still
    shows its suggestion comment, for that very value) is suggested again from the data as it
    is now: a 填报人 who corrects a 实际完成值 after 计算 expects the score to follow. A score
    the 填报人 typed, or changed, stays; the ones that differ from the suggestion are named.

    A number typed as text becomes that number (``_text_numbers``), and a 执行率 typed as text over
    the template's formula the number or the formula ``typed_rate`` says (``_typed_rates``):
    ``formulas`` gives the formula text of cells, as ``Host.formulas``."""
    profile = get_profile(profile)
    notes = notes or {}
    from .forms import KINDS

    out = Calculated(Plan(), unread=list(batch.problems), forms=len(batch.forms),
                     hidden=[it.sheet or "" for it in batch.hidden],
                     others=[k.title for k in KINDS if k.key != "project" and batch.of(k.key)], profile=profile)
    _text_numbers(batch, out)
    formulas_of = formulas or (lambda cells: {})   # no host to ask: no cell holds a formula
    out.dept_blank = _dept_blank(batch, formulas_of)
    _typed_rates(batch, out, formulas_of)
    _short_sums(batch, out, read)
    _header_rows(batch, out, formulas_of, read)
    # a score cell that reads blank but holds the 填报人's formula (=IF(F14="","",…), or one whose result the
    # file does not store) is theirs: the suggestion written there would take the formula's place
    blank = [(item.sheet_form.sheet_of(f"indicators[{i}].score"), item.sheet_form.cell(f"indicators[{i}].score"))
             for item in batch.forms if item.sheet_form and item.sheet
             for i, ind in enumerate(item.form.indicators) if ind.score is None]
    held = formulas_of(blank) if blank else {}
    for item in batch.forms:
        if not item.sheet_form or not item.sheet:
            continue  # a form read from a sheet has both; a JSON form has neither
        score = score_form(item.form, profile)
        total = weight_sum(item.form)
        if total is not None and not adds_to_100(total):  # B1: every suggestion is out of a wrong 分值
            out.weights_off.append((item.sheet, f"分值合计为 {score_text(total)}"))
        for i, (ind, s) in enumerate(zip(item.form.indicators, score.indicators)):
            cell = item.sheet_form.cell(f"indicators[{i}].score")
            sheet = item.sheet_form.sheet_of(f"indicators[{i}].score")   # the form's, or its 续表's
            if ind.score is None:
                if (sheet, cell) in held:
                    if s.computed:
                        out.kept.append((sheet, f"{cell} 是公式（建议 {score_text(s.score)}）"))
                    continue
                if not s.computed:
                    out.by_hand.append((sheet, cell))
                    continue
                new = s
                out.filled += 1
            elif not s.computed:  # the 填报人 scored an indicator no rule computes, or 计算 did while one did
                if is_suggestion(notes.get((sheet, cell)), ind.score):
                    out.stale.append((sheet, cell))
                continue
            else:
                note = notes.get((sheet, cell))
                if not is_suggestion(note, ind.score):
                    out.own.append((item.sheet, cell, s.score))
                    if scores_apart(s.score, ind.score):   # as D4 judges it: within 0.01 it is the same score
                        over = ind.weight is not None and score_above(ind.score, ind.weight)  # D1 says so too
                        out.kept.append((sheet, f"{cell} 填 {score_text(ind.score)}（"
                                         + (f"超过分值 {score_text(ind.weight)}，" if over else "") + f"建议 {score_text(s.score)}）"))
                    continue
                new = score_indicator(ind.target, ind.actual, ind.weight, None, profile,
                                      name=ind.name, level2=ind.level2, year=item.form.year)
                if new.score == ind.score and suggestion_note(new.score, new.basis) == suggestion_of(note):
                    continue  # the data did not change: nothing to do
                out.refreshed += 1
            out.plan.add(SetValue(sheet, cell, new.score))
            out.plan.add(SetComment(sheet, cell, suggestion_note(new.score, new.basis)))
    return out


def _dept_blank(batch: Batch, formulas_of: Callable[[list[tuple[str, str]]], dict[tuple[str, str], str]]
                ) -> list[tuple[str, str]]:
    """(sheet, cell) of each blank 部门整体 score that stays blank after 计算. A score cell that still holds its
    formula, on figures the form reads as numbers, computes once 计算 has made the figures typed as text
    (“93%” for the 满意度) numbers: it is not blank then, and the 填报人 told to “直接填写得分” there would type
    over a formula that had just started to work."""
    from .forms.department.model import DeptForm
    from .forms.department.scoring import formula_score

    blank = [(it, i, it.sheet or "", it.sheet_form.cell(f"indicators[{i}].score"))
             for it in batch.of("department") if it.sheet_form and it.sheet
             for i, ind in enumerate(it.form.indicators) if ind.score is None]
    held = formulas_of([(sheet, cell) for _it, _i, sheet, cell in blank]) if blank else {}
    return [(sheet, cell) for it, i, sheet, cell in blank
            if (sheet, cell) not in held or not isinstance(it.form, DeptForm) or formula_score(it.form, i)[1] is None]


def text_numbers(batch: Batch) -> list[tuple[str, TextNumber]]:
    """(sheet, note) of every number cell of a form written as text (“6人”, “20000元” in a 万元 cell, a
    number in a cell formatted as text): the X2 warnings the reader read as numbers, which the form's
    own formulas (执行率, Σ分值, 得分, 总分) skip. Forms on hidden sheets are left alone."""
    from .guard.sanitize import TextNumber

    return [(note.sheet or item.sheet, note) for item in batch.all() if item.sheet_form and item.sheet
            for note in getattr(item.sheet_form, "notes", None) or ()
            if isinstance(note, TextNumber) and note.cell]


def _typed_number(note: Any) -> bool:
    """A note ``text_numbers`` lists: a number typed as text on a cell, which 计算 and 汇总 make the number."""
    from .guard.sanitize import TextNumber

    return isinstance(note, TextNumber) and bool(note.cell)


def numbered(item: Any, results: dict[str, Any]) -> Any:
    """``item`` (a ``sources.Loaded``) as its sheet reads once 计算 or 汇总 has made its numbers typed as text
    numbers (``numbers_plan``): no X2 note of them, and each computed cell of the form (分值合计, 总分 …) what
    it then shows (``results``: the sheet's results after the edit, by cell; ``FormKind.after_results``) — a
    分值合计 that skipped the text “10分” read 80 before (B2)."""

    from .forms import kind_of

    item = kind_of(item.form).after_results(item, results)
    sf = item.sheet_form
    return replace(item, sheet_form=replace(sf, notes=[n for n in sf.notes if not _typed_number(n)]))


def numbers_plan(batch: Batch) -> tuple[Plan, list[tuple[str, str]]]:
    """Each number written as text made the number the reader took it for, and (sheet, "H6“6人”改为 6") of
    each: until then the sheet shows one result and jixiao another; after it both read the same number."""
    plan, said = Plan(), []
    for sheet, note in text_numbers(batch):
        assert note.cell is not None   # ``text_numbers`` keeps notes on a cell
        plan.add(SetNumber(sheet, note.cell, note.number, note.number_format))
        said.append((sheet, f"{note.cell}“{note.written}”改为 {note.shown}"))
    return plan, said


def _text_numbers(batch: Batch, out: Calculated) -> None:
    """计算's part of ``numbers_plan``."""
    plan, said = numbers_plan(batch)
    out.plan.extend(plan)
    out.numbers.extend(said)


def _typed_rates(batch: Batch, out: Calculated,
                 formulas: Callable[[list[tuple[str, str]]], dict[tuple[str, str], str]]) -> None:
    """Each 执行率 typed as text over the template's formula, which kept the 执行率得分 formula blank,
    made the template's formula or the number it says (``typed_rate``), and said in the message."""
    from .core.numbers import pct, to_number
    from .excel.sheet import FMT_RATE
    from .forms.project.typed import typed_rate

    for item in batch.forms:
        sf = item.sheet_form
        t = typed_rate(sf, formulas) if sf is not None and item.sheet else None
        if t is None or not item.sheet:
            continue
        if t.rate is None:   # no number: the text stays, and 校验 marks it (rule A4)
            out.rates.append((item.sheet, f"执行率 {t.cell} 中的“{t.written}”是文字，不能读作数值，没有改动，"
                                          f"执行率得分 {t.score_cell} 因此空白；请在 {t.cell} 中输入数值"
                                          + (f" {pct(t.funds_rate)}（全年执行数 ÷ 全年预算数）" if t.funds_rate is not None else "")))
            continue
        # the number first: a cell formatted as text (where the text was typed) takes a formula as text
        out.plan.add(SetNumber(item.sheet, t.cell, t.rate, FMT_RATE))
        if t.formula:
            out.plan.add(SetValue(item.sheet, t.cell, Formula(t.formula)))
            said = f"执行率 {t.cell} 中的“{t.written}”是文字，已改回模板的公式（全年执行数 ÷ 全年预算数，为 {pct(t.rate)}）"
        else:
            said = f"执行率 {t.cell} 中的“{t.written}”是文字，已改为数值 {pct(t.rate)}"
            if to_number(t.written) != t.rate:   # “10”: the cell is a percent cell (``core.rates.rate_written``)
                said += f"（执行率格是百分数格式，键入 {t.written} 即 {pct(t.rate, trim=True)}）"
        if t.score_formula:
            out.plan.add(SetValue(item.sheet, t.score_cell, Formula(t.score_formula)))
        if t.score is not None:
            said += f"，执行率得分 {t.score_cell} 按它计算为 {score_text(t.score, computed=True)}"
        if not t.formula:
            said += ("；全年预算数空白或为 0，不能按全年执行数 ÷ 全年预算数核对" if t.funds_rate is None else
                     f"；按全年执行数 ÷ 全年预算数应为 {pct(t.funds_rate)}，请核对后改正（“校验”会标出）")
        out.rates.append((item.sheet, said))


def short_sums_plan(batch: Batch, read: Callable[[str, str], Any] | None = None) -> tuple[Plan, list[tuple[str, str]]]:
    """The 总分 row's formulas that leave out an indicator row (a row inserted right above 总分:
    ``forms.sums``, X7) made the template's over every indicator row read, their red “Σ分值 ≠ 100” format
    with them, and (sheet, what was done) of each: the sheet's 分值合计 and 总分 then count the row 校验
    counts, and the 汇总表 and 定稿 that take them; a group's subtotal that stops with them too (the 评价表's
    last 一级/二级 得分, ``sums.widen_groups``). Every kind whose reader found one (the project form, the 部门整体
    form, the 评价表); 计算 and 汇总 both do it (the 汇总表 links to the 总分)."""
    plan, said = Plan(), []
    for item in batch.all():
        short = getattr(item.sheet_form, "short_sums", None)
        if short is None or not item.sheet:
            continue
        short = _staying(item.sheet, short, read)   # ``read``: the cells as the host read them (``_staying``)
        plan.extend(_widening(item.sheet, short))
        rows = "、".join(f"第 {r} 行" for r, _ind in short.rows)
        sums = "、".join(f"{what} {score_text(v, computed=True)}" for what, v in short.said)
        spans: dict[tuple[int, int], list[str]] = {}
        for cell, _t, _w, span in short.groups + short.sums:
            spans.setdefault(span, []).append(short.moved.get(cell, cell))
        groups = "".join(f"，{'、'.join(cells)} 改为合计第 {a}–{b} 行" for (a, b), cells in spans.items())
        top = f"；{_rows_said(*short.top_rows)}插在指标表头下方，已改为指标行的格式" if short.top_rows else ""
        said.append((item.sheet, f"{rows}不在{short.label}行公式的范围内，已把 {'、'.join(c for c, _t, _w in short.cells)} "
                                 f"的公式改为合计第 {short.every[0]}–{short.every[1]} 行（{sums}）{groups}{top}"))
    return plan, said


def _staying(sheet: str, short: Any, read: Callable[[str, str], Any] | None) -> Any:
    """``short`` with ``stay`` the groups merged up whose merge the host will refuse (``refused_as_read`` of the cells
    as read): their content is not moved over what was typed in the new row's cell. ``read`` None: no values at hand,
    every move planned (the applier still refuses the merge)."""
    if read is None:
        return short
    stay = tuple(old.split(":")[0] for old, new in short.merges if old.split(":")[0] != new.split(":")[0]
                 and refused_as_read(MergeRows(sheet, old, new), read) is not None)
    return replace(short, stay=stay) if stay else short


def _widening(sheet: str, short: Any) -> Plan:
    """The edits that widen over every row what ``short`` (a ``forms.sums.ShortSums``) says leaves rows out: the
    totals' formulas and their red “Σ分值 ≠ 100”, a group's subtotals, red formats and hints, and the formats of
    rows inserted under the header (``RowFormats``: the formats it copies read every row then), and the group's merged
    cells over the rows read as the group's (``MergeRows``, after it; a group merged up has its content, and the
    formats reading it, moved to the new first cell)."""
    plan = Plan()
    for cell, _text, want in short.cells:
        plan.add(SetValue(sheet, cell, Formula(want)))
    for cell, old, new in short.column_ranges:
        plan.add(WidenRule(sheet, cell, old, new))
    moved = short.moved
    for cell, _text, want, _rows in short.groups + short.sums:
        if cell in moved:   # a group's 得分 merged up over the rows inserted above it: the formula at the top
            plan.add(SetValue(sheet, cell, None))
        plan.add(SetValue(sheet, moved.get(cell, cell), Formula(want)))
    for cell, old, new in short.group_marks + short.hint_marks:
        plan.add(WidenRule(sheet, cell, old, new))
    if short.top_rows is not None:
        first, last = short.top_rows
        plan.add(RowFormats(sheet, first, last, short.summed[0], short.summed[1], bool(short.group_marks)))
    for old, new in short.merges:   # after the formats: ``RowFormats`` copies each cell of the row below as it is
        plan.add(MergeRows(sheet, old, new))
    # a group's red 分值 format and every 扣分原因 hint read its merged cells by their top-left (“$B$9”)
    readers = list(dict.fromkeys([*moved, *(cell for cell, _old, _new in short.hint_marks)]))
    for cell, to in moved.items():
        for reader in readers:
            plan.add(WidenRule(sheet, reader, _absolute(cell), _absolute(to)))
    return plan


def merges_said(plan: Plan, refused: list[Refused] | None) -> dict[str, str]:
    """What the host did of ``plan``'s ``MergeRows`` (the group's cells, the project form's “绩效指标” label, merged over
    the new rows), by sheet: the areas merged, and each refused with why and what to do (``refused``, as
    ``Host.apply`` returns it). Said after applying: an applier refuses where the new row's cell holds another text
    or another merged area is in the way, and the message said those cells merged."""
    undone = {id(e): why for e, why in refused or ()}
    done: dict[str, list[str]] = {}
    whys: dict[str, list[str]] = {}
    for e in plan.edits:
        if isinstance(e, MergeRows):
            done.setdefault(e.sheet, [])
            if id(e) in undone:
                whys.setdefault(e.sheet, []).append(f"{e.new} 未合并：{undone[id(e)]}")
            else:
                done[e.sheet].append(e.new)
    return {sheet: "；".join([*([f"合并格已扩到新行（{'、'.join(areas)}）"] if areas else []), *whys.get(sheet, [])])
            for sheet, areas in done.items()}


def merges_sentence(plan: Plan, refused: list[Refused] | None) -> str:
    """``merges_said`` as one sentence naming each sheet (汇总's message, said after its other sentences)."""
    said = "；".join(f"“{sheet}”{text}" for sheet, text in merges_said(plan, refused).items())
    return f"{said}。" if said else ""


def _with_merges(said: list[tuple[str, str]], merges: dict[str, str]) -> list[tuple[str, str]]:
    """``said`` (sheet, what was done) with each sheet's ``merges_said`` after its sentence."""
    return [(sheet, f"{text}；{merges.pop(sheet)}" if sheet in merges else text) for sheet, text in said]


def _reader(values: dict[str, list[list[Any]]]) -> Callable[[str, str], Any]:
    """A cell's value (sheet, “C8”) in ``values`` as a host read them (``Host.sheet_values``); None past their end."""
    from .forms.sheetform import col_index

    def read(sheet: str, cell: str) -> Any:
        col = cell.rstrip("0123456789")
        r, c = int(cell[len(col):]) - 1, col_index(col)
        rows = values.get(sheet) or []
        return rows[r][c] if r < len(rows) and c < len(rows[r]) else None
    return read


def _absolute(cell: str) -> str:
    col = cell.rstrip("0123456789")
    return f"${col}${cell[len(col):]}"


def _short_sums(batch: Batch, out: Calculated, read: Callable[[str, str], Any] | None = None) -> None:
    """计算's part of ``short_sums_plan``."""
    plan, said = short_sums_plan(batch, read)
    out.plan.extend(plan)
    out.sums.extend(said)


def _rows_said(first: int, last: int) -> str:
    return f"第 {first} 行" if first == last else f"第 {first}–{last} 行"


def _header_rows(batch: Batch, out: Calculated,
                 formulas: Callable[[list[tuple[str, str]]], dict[tuple[str, str], str]],
                 read: Callable[[str, str], Any] | None = None) -> None:
    """计算 on rows inserted right under the indicator table's header with nothing typed on them yet
    (``sums.header_short``; a row typed on is ``short_sums_plan``'s): the indicator rows' formats (the 填报人 who
    inserted one into the protected sheet found it locked, the header's, and could not type into it) and, at
    once, the totals and the formats that read the table widened over it, as for a row typed on
    (``FormKind.widen_short``). Before, the totals took it in only on a second 计算 after it was typed on: a
    score typed there did not change the 总分 the sheet showed. One formula look-up a form of our template, on
    计算 only (not on 校验 or the review)."""
    from .forms import kind_of
    from .forms.sums import header_short

    for item in batch.all():
        sf = item.sheet_form
        if not item.sheet or sf is None or getattr(sf, "short_sums", None) is not None:
            continue
        kind = kind_of(item.form)
        short = header_short(sf, kind.template_totals(sf), formulas)
        if short is None or short.top_rows is None:
            continue
        short = _staying(item.sheet, kind.widen_short(sf, short, formulas), read)
        out.plan.extend(_widening(item.sheet, short))
        cells = "、".join([*(c for c, _t, _w in short.cells), *(c for c, _t, _w, _r in short.sums)])
        out.sums.append((item.sheet, f"{_rows_said(*short.top_rows)}插在指标表头下方，已改为指标行的格式，可以填写；"
                                     f"{cells} 的公式已改为合计第 {short.every[0]}–{short.every[1]} 行，"
                                     "在新行填写的分值、得分随即计入合计"))


def _scored_cells(batch: Batch) -> list[tuple[str, str]]:
    """The 得分 cells that hold a score: where an earlier 计算 may have put one."""
    return [(item.sheet_form.sheet_of(f"indicators[{i}].score"), item.sheet_form.cell(f"indicators[{i}].score"))
            for item in batch.forms if item.sheet_form and item.sheet
            for i, ind in enumerate(item.form.indicators) if ind.score is not None]


def calc(host: Host, profile: Profile | str | None = None) -> Calculated:
    values = host.sheet_values()
    batch = read_host(host, values)
    _need_a_form(batch, host)
    _rules, prof = _host_rules(host, values, profile)  # the 等级 formulas by the 校验规则's bands too
    cells = _scored_cells(batch)
    done = calc_plan(batch, prof, host.notes(cells) if cells else None, host.formulas, _reader(values))
    regrade, done.regraded = regrade_plan(batch, prof, host.formulas)
    done.plan.extend(regrade)
    done.plan.add_results(results_after(batch, done.plan, host.formulas, prof))
    formula_scores(done, values, host.formulas)
    refused = host.apply(done.plan)
    done.sums = _with_merges(done.sums, merges_said(done.plan, refused))
    return done


def formula_scores(done: Calculated, values: dict[str, list[list[Any]]],
                   formulas: Callable[[list[tuple[str, str]]], dict[tuple[str, str], str]]) -> None:
    """The 填报人's own scores that are formulas reading a cell 计算 writes (=H17/2 beside the H17 it fills): after
    计算 they show another number than the one read, and ``done.kept`` said the old one (“H16 填 0 分（建议 10 分）”
    where the sheet then showed 10). Each is computed again (``excel.recalc``) on the sheet's ``values`` with the
    plan's numbers in: the suggestion now is left out of the list, another number is said as the formula's; where
    that cannot be computed here (it reads another formula, another sheet, a function not known) the message says
    to look at it."""
    written: dict[tuple[str, str], Any] = {}
    for e in done.plan.edits:
        if isinstance(e, (SetValue, SetNumber)):
            written[(e.sheet, e.cell)] = e.value
    sheets = {sheet for sheet, _cell in written}   # a score formula reads its own sheet: only those sheets are asked
    own = [(sheet, cell) for sheet, cell, _s in done.own if sheet in sheets]  # (Excel's host: a call a cell)
    held = formulas(own) if own else {}
    if not held:
        return
    from .excel.recalc import Unknown, XlError, evaluate, refs_of, tree_of
    from openpyxl.utils import get_column_letter

    said: dict[tuple[str, str], str | None] = {}   # (sheet, cell) -> what to say of it now; None: nothing
    for sheet, cell, suggestion in done.own:
        tree = tree_of(held.get((sheet, cell)) or "")
        if tree is None:
            continue
        refs = refs_of(tree)
        read = {(f"{get_column_letter(c)}{r}") for ref in refs if ref.sheet is None
                for r in range(ref.r1, min(ref.r2, 10_000) + 1) for c in range(ref.c1, min(ref.c2, 200) + 1)}
        if not any((sheet, ref) in written for ref in read):
            continue   # reads nothing 计算 writes: it shows what was read
        others = formulas([(sheet, ref) for ref in read if (sheet, ref) not in written])
        rows = values.get(sheet, [])

        def get(name: str | None, r: int, c: int) -> Any:
            ref = f"{get_column_letter(c)}{r}"
            if name is not None or (sheet, ref) in others:
                raise Unknown(ref)
            v = written.get((sheet, ref), rows[r - 1][c - 1] if r <= len(rows) and c <= len(rows[r - 1]) else None)
            if isinstance(v, Formula) or isinstance(v, bool) or not (v is None or isinstance(v, (int, float, str))):
                raise Unknown(ref)
            return None if v == "" else v
        try:
            new = evaluate(held[(sheet, cell)], get)
        except (Unknown, XlError, ArithmeticError, ValueError, RecursionError):
            said[(sheet, cell)] = f"{cell} 是公式，引用了“计算”改动的单元格，请核对（建议 {score_text(suggestion)}）"
            continue
        ok = isinstance(new, (int, float)) and not isinstance(new, bool)
        said[(sheet, cell)] = (None if ok and not scores_apart(suggestion, new) else
                               f"{cell} 是公式，“计算”后为 {score_text(new)}（建议 {score_text(suggestion)}）" if ok else
                               f"{cell} 是公式，“计算”后不是数值（建议 {score_text(suggestion)}）")
    if not said:
        return
    cell_of = {(sheet, text.split(" ", 1)[0]): i for i, (sheet, text) in enumerate(done.kept)}
    for key, text in said.items():
        i = cell_of.get(key)
        if text is None and i is not None:
            done.kept[i] = ("", "")
        elif text is not None:
            if i is None:
                done.kept.append((key[0], text))
            else:
                done.kept[i] = (key[0], text)
    done.kept = [k for k in done.kept if k != ("", "")]


def results_after(batch: Batch, plan: Plan, formulas: Callable[[list[tuple[str, str]]], dict[tuple[str, str], str]],
                  profile: Profile) -> dict[str, dict[str, Any]]:
    """sheet -> {cell: result} of the computed cells (执行率 … 等级) of each form sheet ``plan`` changes, after it
    (``uncached.results_after``): stored with the formulas in the copy (``Plan.results``), as Excel would.
    ``formulas`` gives the formula text the cells hold now; the plan's own formulas (a 等级 rewritten to the
    profile's bands, a 执行率 put back) are taken over them."""
    from .forms.project import layout as L
    from .forms.project.uncached import results_after as sheet_results

    changed = plan.changed_sheets()
    items = [it for it in batch.forms if it.sheet in changed and it.sheet_form is not None and it.sheet_form.native]
    if not items:
        return {}
    fields = [c.field for c in L.computed(profile.grade_bands)]
    held = formulas([(it.sheet or "", it.sheet_form.cell(f)) for it in items if it.sheet_form for f in fields])
    written: dict[tuple[str, str], Any] = {}      # what the plan writes in a cell, in its order: the last stands
    for e in plan.edits:
        if isinstance(e, (SetValue, SetNumber)):
            written[(e.sheet, e.cell)] = e.value
    out: dict[str, dict[str, Any]] = {}
    for it in items:
        sf, sheet = it.sheet_form, it.sheet or ""
        assert sf is not None
        after: dict[str, Any] = {}       # field -> its formula text, or the number the plan puts there
        for f in fields:
            cell = sf.cell(f)
            new = written.get((sheet, cell), held.get((sheet, cell)))
            if new is not None:
                after[f] = new.text if isinstance(new, Formula) else new
        scores = {i: written[(sheet, c)] for i in range(len(sf.form.indicators))
                  if (sheet, c := sf.cell(f"indicators[{i}].score")) in written}
        results = sheet_results(sf, scores, after, profile.grade_bands)
        if results:
            out[sheet] = {**out.get(sheet, {}), **results}
    return out


def _need_a_form(batch: Batch, host: Host) -> None:
    """计算 of a workbook that holds no form at all (an empty workbook, a 绩效目标表, our 复核台账 …) is
    refused in words — what the workbook is, and what to give instead — as every command refuses a
    wrong file (exit 2): it said “没有自评表” and the command still wrote an unchanged copy, exit 1.
    A form on a hidden sheet, or one its cells kept from being read, is a form: 计算 says why it left it."""
    errors = [e for p in batch.problems for e in each_error(p)]
    if batch.all() or batch.hidden or _on_cells(errors):
        return
    from .marker import without_forms

    said = problems_said(errors)
    if not without_forms(host.path):   # our own output says already what to give instead
        said += "“计算”为自评表的空白得分填入建议得分，请对填好的自评表工作簿计算。"
    raise NotAFormError(said, file=host.path)


# ----------------------------------------------------------------------------- 校验

def check(host: Host, profile: Profile | str | None = None) -> tuple[CheckResult, Plan]:
    from .checking.config import apply_findings
    from .summary.published import typed_in_workbooks, typed_said

    values = host.sheet_values()  # once: in Excel every read crosses COM, for a file it is a guarded child
    batch = read_host(host, values)
    rules, under = _host_rules(host, values, profile)
    result = check_batch(batch, under)
    result.text_numbers = len(text_numbers(batch))
    # a 汇总表 the 填报人 typed beside the forms, held to them as the bureau's review will (E4): its 等级
    # counts under the 校验规则's bands too, as the check grades the forms
    sheets, typed = typed_said(typed_in_workbooks(batch, lambda it: it.form.unit or "", under).get(
        host.path, []))
    from .dedupe import with_year_in_book

    # a form of another year than the workbook's (last year's 部门整体 form copied in): 汇总 leaves it out
    result.findings = apply_findings(rules, with_year_in_book(result.findings, batch.all()) + typed)
    earlier = earlier_marks(values.get(RESULT_SHEET) or [])  # cells put right since: their marks go
    plan = annotation_plan(result.findings, batch.marked_sheets() | sheets, earlier, names=batch.form_names())
    host.apply(plan)
    return result, plan


# ----------------------------------------------------------------------------- 汇总

def _checked(host: Host, values: dict[str, list[list[Any]]], batch: Batch,
             profile: Profile) -> tuple[CheckResult, Profile]:
    """The check 汇总, 生成报告 and 定稿 rest on: under the 校验规则 of the workbook's 设置 sheet, as 校验
    shows it (the errors it counts are those 校验 marked), and the profile with that block's thresholds
    and grade bands, which they grade by as 校验 does."""
    from .checking.config import check_with_rules

    rules, profile = _host_rules(host, values, profile)
    return check_with_rules(batch, profile, rules), profile


def _host_rules(host: Host, values: dict[str, list[list[Any]]], profile: Profile | str | None) -> tuple[Any, Profile]:
    """The bureau's 校验规则 block on the workbook's 设置 sheet (issue 14), as `jixiao check` reads it,
    and ``profile`` with its thresholds and grade bands: what every button works under."""
    from .checking.config import apply_profile, settings_config
    from .core.settings import SETTINGS_SHEET

    rules = settings_config([(host.path, values.get(SETTINGS_SHEET))])
    return rules, apply_profile(rules, get_profile(profile))


def _need_project_forms(batch: Batch, host: Host, refused: str, button: str, undone: str,
                        kinds: tuple[str, ...] = ("project",)) -> None:
    """汇总 and 生成报告 work on the 项目支出绩效自评表: a workbook without one is refused in words —
    what kept its forms from being read (every form's cells, as 计算 says them, and to click ``button``
    again once they are put right; ``undone``: what was not made), or (only a 部门整体支出绩效自评表 or
    评价表 in it) what it holds and ``refused`` (it was an IndexError out of the button, a Python error
    box in Excel). ``kinds``: the kinds of form that will do (生成报告 takes a 部门整体 form alone)."""
    if any(batch.of(k) for k in kinds):
        return
    on_cells = _on_cells([e for p in batch.problems for e in each_error(p)])
    if on_cells:   # it said the first cell of the first form only, and not what to do
        raise NotAFormError(f"{host.path}：{forms_not_read(on_cells)} 张表因单元格填写有误未能读取，{undone}："
                            f"{cells_said(on_cells)}。请点“校验”看标出的全部单元格，改正后再点“{button}”。",
                            file=host.path)
    if batch.problems:   # read_host puts one there when nothing was read
        raise batch.problems[0]
    raise NotAFormError(f"{host.path}：只读到{batch.held()}；{refused}", file=host.path)


def other_year_said(aside: list[SetAside], year: int | None, counted: str) -> str:
    """What a button says of the forms of another year it left out (``_screened``): each sheet by name."""
    from .dedupe import other_year_forms

    return other_year_forms(aside, year, f"未{counted}", "再点“汇总”")


def summarize_in_book(host: Host, profile: Profile | str | None = None,
                      notes: list[str] | None = None) -> tuple[Plan, Summary, CheckResult]:
    """汇总: the linked 汇总表, 项目明细 and 图表 inside the workbook itself; the summary made and the
    check it rests on, for what the button says (forms it could not count: ``summary.unreadable``;
    forms on hidden sheets: ``result.hidden``). The forms' 等级 formulas are rewritten to the bands
    the 汇总表 counts by, as 计算 rewrites them (``regrade_plan``): a form showed 良 where the 汇总表
    counted it 优 until 计算 was clicked; ``notes`` gets what was rewritten, for the message."""
    profile = get_profile(profile)
    values = host.sheet_values()  # once: the forms, and the sheets an earlier 汇总 wrote
    batch = read_host(host, values)
    _need_project_forms(batch, host, "“汇总”生成的是项目支出绩效自评表的绩效自评情况汇总表，没有可汇总的项目，未生成汇总表",
                        "汇总", "没有可汇总的表，未生成汇总表")
    batch, aside = year_screened(batch)  # a form of another year is left out, as ``summarize`` leaves it out
    rules, profile = _host_rules(host, values, profile)
    from .checking.config import check_with_rules

    result = check_with_rules(batch, profile, rules)   # as ``_checked``: the rules kept for ``recheck``
    summary, _ = summarize(batch, result, profile, set_aside=aside)
    plan, said = summary_edits(batch, profile, host.formulas, summary,
                               recheck=lambda after: check_with_rules(after, profile, rules).findings,
                               read=_reader(values))
    plan.extend(workbook_plan(summary, linked=True, sheets=sheet_heads(values)))  # as ``summarize -o`` writes it
    refused = host.apply(plan)
    said += merges_sentence(plan, refused)
    if said and notes is not None:
        notes.append(said)
    return plan, summary, result


# ----------------------------------------------------------------------------- 生成报告

def reports(host: Host, outdir: Path | None = None, *, settings: Any = None, pdf: bool = True,
            force: bool = False, notes: list[str] | None = None) -> list[Path]:
    """生成报告: the three documents from the workbook's forms and its 设置 sheet, and the 校验报告.

    As ``jixiao report``: forms with errors are refused (``ReportRefused``, saying to run 校验
    first) unless ``force``. ``notes`` gets what the 填报人 should know (a date no calendar has, the 设置
    items left 【待填写】), which the command prints as warnings."""
    from .core.settings import SETTINGS_SHEET
    from .reports import build_reports, report_folder

    values = host.sheet_values()
    batch = read_host(host, values)
    # the 部门整体 form kept in a workbook of its own: one 报送函 over both, and the 填报人 told it was read
    partners = with_partners(batch, host.path, settings)
    if partners and notes is not None:
        from .core.quotes import quoted_series

        notes.append(f"报告一并按“设置”表“一并报送的工作簿”所写的{quoted_series(p.name for p in partners)}生成"
                     "（读的是它保存了的内容，在 Excel 中改过请先保存）")
    _need_project_forms(batch, host, "报告需要项目支出绩效自评表或部门整体支出绩效自评表，未生成报告"
                        + (EVAL_NO_REPORT if batch.of("evaluation") else ""), "生成报告", "未生成报告",
                        ("project", "department"))
    outdir = outdir or report_folder(host.path)
    from .guard.outpath import check_overwrite
    from .reports import report_outputs

    for out in report_outputs(outdir, pdf):   # a report the 填报人 went on writing in Word is not written over
        check_overwrite(out, instead="请把它另存为其他名称或移到别处，再点“生成报告”")
    check, profile = _checked(host, values, batch, get_profile(getattr(settings, "profile", None)))
    return build_reports(batch, settings, outdir, pdf=pdf, profile=profile, check=check, force=force, notes=notes,
                         settings_sheet=SETTINGS_SHEET in values)


def with_partners(batch: Batch, path: str, settings: Any) -> list[Path]:
    """``batch`` (the open workbook's forms) with those of the workbooks its 设置 sheet names as sent with it
    (“一并报送的工作簿”, ``reports.sent.partner_books``), read from their files; returns those workbooks.
    A department keeps its 部门整体支出绩效自评表 in the template's own workbook, and the buttons take the
    one they are clicked in: its 报送函 left that form out while the department sent it."""
    from .reports.sent import partner_books
    from .sources import load_all

    partners = partner_books(Path(path), getattr(settings, "partners", None))
    if partners:
        given: list[str | Path] = [*partners]
        more = load_all(given)
        batch.add([*more.all(), *more.hidden])
        batch.problems += more.problems
        batch.files += more.files
    return partners


# ----------------------------------------------------------------------------- 定稿

def finalize(host: Host, outdir: Path | None = None, *, settings: Any = None,
             confirm: Any = lambda n: False, email: Any = lambda: False) -> Finalized:
    """定稿: checked first; with errors left it asks ``confirm(n_errors)`` before going on.
    A host that holds unsaved edits (Excel) is saved first, so the copy is what was typed."""
    from .finalize import FinalizeRefused, finalize as write_final, refuse_unread

    from .reports.sent import partner_books

    # the workbooks the 设置 names as sent with it, found before anything is asked
    partners = partner_books(Path(host.path), getattr(settings, "partners", None))
    profile = get_profile(getattr(settings, "profile", None))
    values = host.sheet_values()
    batch = read_host(host, values)
    refuse_unread(batch, host.path)  # before asking: confirming would not bring the form into the copy
    result, profile = _checked(host, values, batch, profile)
    force = False
    if result.counts["error"]:
        force = bool(confirm(result.counts["error"]))
        if not force:
            raise FinalizeRefused(f"仍有 {result.counts['error']} 个错误，未定稿。请先点击“校验”逐一改正。",
                                  file=host.path)
    if hasattr(host, "flush"):
        host.flush()
    # in Excel, Excel prints the PDF itself (ExportAsFixedFormat); elsewhere LibreOffice
    pdf = getattr(host, "export_pdf", True)
    instead = "请把它另存为其他名称或移到别处，再点“定稿”"
    if not partners:
        return write_final(Path(host.path), outdir, force=force, email=bool(email()), settings=settings,
                           profile=profile, result=(batch, result), pdf=pdf, instead=instead)
    # the workbooks sent with it (the 设置's “一并报送的工作簿”): a 定稿 of each, one mail carrying them all, as
    # ``jixiao finalize 项目.xlsx 部门整体.xlsx`` makes them; the one clicked in is told of first
    from .finalize import finalize_books

    dones, notes = finalize_books([Path(host.path), *partners], outdir, force=force, pdf=pdf, email=bool(email()),
                                  settings=settings, profile=profile, result=(batch, result), instead=instead)
    mine = next(d for d in dones if d.book == Path(host.path))
    mine.eml, mine.others = dones[0].eml, [d for d in dones if d is not mine]
    mine.notes += [f"{d.book.name}：{n}" for d in mine.others if d.book for n in d.notes] + notes
    return mine


def _sheet_values(path: str) -> tuple[dict[str, list[list[Any]]], set[str], dict[str, Any], dict[str, list[Any]]]:
    """Every sheet's values, made safe (``sanitize``), the names of the hidden ones, each sheet's merged
    ranges (checked as ``reading.workbook.iter_sheets`` checks them) and what making them safe changed (its
    notes); run in a child with limits (``guard``)."""
    from . import guard
    from .guard import sanitize
    from .reading.workbook import hidden_sheets, open_workbook

    wb = open_workbook(path)
    try:
        hidden, out, merged, notes = hidden_sheets(wb), {}, {}, {}
        for n in wb.sheet_names:
            ws = wb.get_sheet_by_name(n)
            guard.check_dimensions(ws, guard._show(path), n)
            rows = ws.to_python(skip_empty_area=False)
            notes[n] = sanitize.clean_rows(rows, guard.error_cells(Path(path), n))
            out[n] = rows
            try:
                merges = ws.merged_cell_ranges
                guard.check_merges(merges, guard._show(path), n)
            except Exception:  # noqa: BLE001 - no merges kept (a format calamine has none for), or one too large: values only
                merges = None
            merged[n] = merges
        return out, hidden, merged, notes
    finally:
        wb.close()
