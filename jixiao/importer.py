"""``jixiao import``: forms in any readable layout, written into our own template.

Reads every PATH the way ``check`` and ``summarize`` do (workbooks in our template or in
other departments' layouts, .xlsx/.xlsm/.xls, form JSON, folders), writes the forms into
one workbook of our template — one sheet each, every value as written — and reports what
the reader had to guess (a packed cell split, a blank 一级指标 carried down, money
converted from 元, a 总分 on a shifted column) and each figure of the 万元 table that looks
like 元, with the source cell, and what it could not read at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from .errors import NO_FORM, JixiaoError, WorkbookError, no_form_files, problem_places, problem_record
from .core.numbers import YUAN_LEAST, yuan_in_wan
from .forms.project.model import FUND_ROWS
from .reading.note import Note
from .sources import Batch, Loaded, expand, load_all, skipped
from .reading.markup import as_given, staged
from .core.grades import DEFAULT_BANDS, Bands
from .excel.workbook import forms_workbook, save_workbook


def _where(note: dict[str, Any]) -> str:
    """“B3：”, or “工作表“续表”B3：” for a cell on the 续表 a form runs on to; nothing for a note on no cell."""
    if not note["cell"]:
        return ""
    return (f"工作表“{note['sheet']}”" if note.get("sheet") else "") + f"{note['cell']}："


@dataclass
class ImportReport:
    output: Path | None
    forms: list[dict[str, Any]] = field(default_factory=list)
    problems: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[dict[str, str]] = field(default_factory=list)  # files in the folders not read, and why
    departments: int = 0  # 部门整体支出绩效自评表 read but not imported (they have their own template)
    held: str = ""        # the kinds read but not imported, counted (``Batch.held``): what the command says
    NOTHING: ClassVar[str] = "没有可导入的自评表，未写出文件"
    HOW: ClassVar[str] = "每张一个工作表"

    @property
    def notes(self) -> int:
        return sum(len(f["notes"]) for f in self.forms)

    @property
    def exit_code(self) -> int:
        if not self.forms:
            return 2
        # a file that holds no form (a budget table beside the forms) is said “不是自评表”, nothing of it left out
        return 1 if any(not p.get("not_form") for p in self.problems) else 0

    def to_dict(self) -> dict[str, Any]:
        return {"output": str(self.output) if self.output else None, "forms": self.forms,
                "problems": self.problems, "notes": self.notes, "skipped": self.skipped}

    @staticmethod
    def note_lines(form: dict[str, Any]) -> list[str]:
        """What a reader had to guess on one form, each with its original cell."""
        return [f"       待核对 {_where(n)}{n['message']}" for n in form["notes"]]

    def problem_lines(self) -> list[str]:
        """What could not be read, then the files that opened with no form in them (a budget table in the folder):
        not “未能读取”, as ``summarize`` and ``review`` say them."""
        unread = [p for p in self.problems if not p.get("not_form")]
        no_form = [p for p in self.problems if p.get("not_form")]
        return ([*(["未能读取："] if unread else []), *(f"  {p['reason']}" for p in unread),
                 *([f"{NO_FORM}："] if no_form else []), *(f"  {p['reason']}" for p in no_form)])

    def text(self) -> str:
        """The report as the terminal shows it: what was written, a line per form with what
        to check on it, what could not be read, and the count."""
        lines = [self.headline()]
        for i, f in enumerate(self.forms, 1):
            lines.append(f"{i:>3}. {self.form_line(f)}")
            lines += self.note_lines(f)
        lines += self.problem_lines()
        return "\n".join(lines + self.closing_lines())

    def headline(self) -> str:
        if not self.output:
            return self.NOTHING
        return f"已写入 {self.output}（{len(self.forms)} 张项目支出绩效自评表，{self.HOW}）"

    @staticmethod
    def form_line(f: dict[str, Any]) -> str:
        where = f["file"] + (f" › {f['sheet']}" if f["sheet"] else "") + (f" {f['anchor']} 起" if f.get("part") else "")
        kind = "" if f["layout"] != "other" else "（其他版式）"
        return (f"{where}{kind} → 工作表“{f['target_sheet']}”：{f['project']}"
                f"（{f['year']}年度，{f['indicators']} 个指标）")

    def closing_lines(self) -> list[str]:
        unread = [p for p in self.problems if not p.get("not_form")]
        no_form = {p["file"] for p in self.problems if p.get("not_form")}
        return [*(f"未读取：{sk['file']}（{sk['reason']}）" for sk in self.skipped),
                f"共导入 {len(self.forms)} 张表；{self.notes} 处需要核对" +
                (f"；{problem_places(unread)} 个文件或工作表未能读取" if unread else "")
                + (f"；{len(no_form)} 个文件{NO_FORM}" if no_form else "")]


def import_forms(paths: list[str | Path], output: str | Path, *, progress: bool | None = None,
                 bands: Bands = DEFAULT_BANDS, scheme: str | None = None) -> ImportReport:
    """Read ``paths`` and write their forms into ``output`` (our template, the 等级 under ``bands``).
    Nothing is written when no form could be read; the inputs are never overwritten."""
    out = Path(output)
    files = expand(paths)
    inputs = {p.resolve() for p in files}
    if out.resolve() in inputs:
        raise WorkbookError(f"{out}：输出文件不能是要导入的文件之一（原文件不会被修改）", file=str(out))
    aside: list[Any] = []
    if any(Path(p).is_dir() for p in paths):  # a folder: our own outputs (copies of the forms) and identical
        from .dedupe import screen_files      # files left out, as check, summarize and report do

        files, aside = screen_files(files)
    batch = Batch()
    if files:
        with staged(files) as (read, swapped):  # a system's export: a web page named .xls
            batch = load_all(list(read) if swapped else [*files] if aside else paths, progress=progress)
            as_given(swapped, [*batch.all(), *batch.hidden], batch.problems)
    report = ImportReport(None)
    report.skipped = [{"file": str(p), "reason": why} for p, why in skipped(paths)] + [
        {"file": f"{it.file} › {it.sheet}", "reason": "是隐藏的工作表，其中的表未导入；如需导入，请取消隐藏"}
        for it in batch.hidden] + [{"file": a.file, "reason": a.reason} for a in aside]
    # each with ``not_form`` (as summarize's "unreadable"): a file that opened with no form in it, “不是自评表”
    no_form = no_form_files(batch.problems, {it.file for it in [*batch.all(), *batch.hidden]})
    report.problems.extend({**problem_record(p), "not_form": getattr(p, "file", None) in no_form}
                           for p in batch.problems)
    report.departments = len(batch.departments)
    report.held = batch.held(counted=True)
    if not batch.forms:
        return report
    wb, caches = forms_workbook([it.form for it in batch.forms], bands=bands, scheme=scheme, read=batch.forms)
    report.output = save_workbook(wb, out, caches)
    for item, title in zip(batch.forms, wb.sheetnames):
        sf = item.sheet_form
        report.forms.append({
            "source": item.source, "file": item.file, "sheet": item.sheet,
            "anchor": sf.anchor if sf else None, "part": sf.part if sf else None,
            "layout": "json" if sf is None else ("template" if sf.native else "other"),
            "project": item.form.project, "year": item.form.year, "indicators": len(item.form.indicators),
            "target_sheet": title,
            "notes": [n.to_dict() for n in (sf.notes if sf else [])] + yuan_notes(item),
        })
    return report


def yuan_notes(item: Loaded) -> list[dict[str, Any]]:
    """A figure of the 万元 table that looks like 元 — 455000 beside a 全年预算数 of 48, by the test A16 makes
    (``core.numbers.yuan_in_wan``) — listed with its source cell and A16's words, and whether the 万元 it
    would be gives the form's own 执行率. Written as it stands, not converted: the table says 万元 and the
    元 is a likelihood, not what the form says (a table headed 元 is, and the reader converts it); the
    output's ``check`` then still asks for the 万元 (A16), as the source's does."""
    form, out = item.form, []
    for key in FUND_ROWS:
        row = form.funds.row(key)
        for col, beside in (("annual", "executed"), ("executed", "annual")):
            # the total's other figure as ``column`` reads it: a blank one is its parts' sum (A16, ``typed_in_yuan``)
            value, other = getattr(row, col), (form.funds.column(beside) if key == "total" else getattr(row, beside))
            if value is None or other is None or value < YUAN_LEAST or not yuan_in_wan(value, other):
                continue
            from .checking.rules.funds import COL_ZH, RATE_TOL, ROW_ZH, in_yuan, times_of, written_rate
            from .core.numbers import fmt, pct
            from .core.rates import exec_rate

            wan, also = value / 10000, ""
            written = written_rate(form)
            if key == "total" and isinstance(written, (int, float)):
                spent, budget = (wan, other) if col == "executed" else (other, wan)
                rate = exec_rate(executed=spent, annual=budget)
                if rate is not None and abs(written - rate) <= RATE_TOL + 1e-9:
                    shown = form.exec_rate if isinstance(form.exec_rate, str) else pct(written)
                    also = f"（按元计，{fmt(spent)} ÷ {fmt(budget)} = {pct(rate)}，与表中的执行率“{shown}”相符）"
            path = f"funds.{key}.{col}"
            try:
                cell = item.cell(path)
            except KeyError:
                cell = None
            message = (in_yuan(f"{ROW_ZH[key]}的{COL_ZH[col]}", value, times_of(COL_ZH[beside], other, value), also)
                       + f"；已按表中所写的 {fmt(value)} 万元导入，未换算，请核对原表")
            out.append(Note(cell, message, path).to_dict())
    return out + _whole_in_yuan(item)


def _whole_in_yuan(item: Loaded) -> list[dict[str, Any]]:
    """The 年度资金总额 of a form typed wholly in 元 (1200000 budgeted, 1100000 spent, for 120 万元: ``core.rates.
    form_in_yuan``), each figure A16 finds, in A16's words with the 万元 it reads (``agreement.funds_of``), and the
    执行率 those give: no figure is 元 beside the other, so ``yuan_notes`` said nothing of it (s68). Whether it is so
    is the check's and the 汇总表's one reading (``agreement.typed_in_yuan``, on the 年度资金总额 as ``column`` reads
    it): on the total row alone, a blank 全年执行数 beside 88 万元 spent in its 其中 rows was “全表的金额像是都以元填写”."""
    from .checking.rules.agreement import funds_of, typed_in_yuan
    from .checking.rules.funds import COL_ZH, in_yuan
    from .core.numbers import fmt, pct
    from .core.rates import exec_rate

    form = item.form
    if not typed_in_yuan(form):
        return []
    total = form.funds.total
    (_initial, executed, annual), reasons = funds_of(form)
    rate = exec_rate(executed=executed, annual=annual) if executed is not None else None
    read = f"全年预算数 {fmt(annual)} 万元" + (f"、全年执行数 {fmt(executed)} 万元" if executed is not None else "")
    also = f"（全表的金额像是都以元填写，按{read}计" + (f"，执行率 {pct(rate)}" if rate is not None else "") + "）"
    out = []
    for col, why in reasons.items():
        value, path = getattr(total, col), f"funds.total.{col}"
        try:
            cell = item.cell(path)
        except KeyError:
            cell = None
        message = (in_yuan(f"年度资金总额的{COL_ZH[col]}", value, why, also)
                   + f"；已按表中所写的 {fmt(value)} 万元导入，未换算，请核对原表")
        out.append(Note(cell, message, path).to_dict())
    return out
