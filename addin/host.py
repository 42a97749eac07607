"""The open Excel workbook as a ``jixiao.actions.Host``: values in, planned edits out.

This is the only code that talks to Excel. It reads every sheet's values from A1 (and its
merged ranges, two calls a sheet at most: ``sheet_merges``) and applies a ``jixiao.plan.Plan`` edit by edit — the same plans the CLI applies to files with
openpyxl — with calculation set to manual, screen updating and events off (restored after,
also on error: otherwise every write recalculates every UDF), text written as text (a
leading apostrophe, so "100%" or "1/2" are not turned into numbers or dates), page setup in
one batch (PrintCommunication off), the 设置 sheet read from the open workbook, and the 定稿
PDF printed by Excel itself. Formatting details go through Excel's object model (``.api``,
Windows), so this module runs only in desktop Excel; it has not been run in Excel in this
project's CI.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any, Iterable, TypedDict, cast

import xlwings as xw
from openpyxl.utils import get_column_letter

from jixiao.errors import JixiaoError
from jixiao.excel.comment_text import has_marks, merged, without_marks
from jixiao.excel.fit import HEIGHT_STEP, ROW_MOST, grown_height, may_wrap, row_height
from jixiao.excel.plan import (ABOVE_FORMATS, MARK_FILLS, MARK_RULE, STYLES, AddChart, ClearMark, DropSheet, Formula, Plan, SetComment,
                               SetFill, SetNumber, SetValue, SheetSpec, WidenRule, link_location, number_format_goes,
                               RowFormats, MergeRows, Refused, merge_refused)

__all__ = ["XlwingsHost"]

XL_CENTER, XL_LEFT, XL_RIGHT, XL_VCENTER = -4108, -4131, -4152, -4108
XL_CONTINUOUS, XL_THIN = 1, 2
XL_EXPRESSION = 2  # XlFormatConditionType.xlExpression
XL_LANDSCAPE, XL_PORTRAIT = 2, 1
XL_PAGE_BREAK_MANUAL = -4135  # XlPageBreak.xlPageBreakManual (Excel lists its automatic breaks too)
XL_AUTOMATIC = -4105  # Constants.xlAutomatic: PageSetup.FirstPageNumber as Excel chooses it (the run of pages goes on)
ALIGN = {"center": XL_CENTER, "left": XL_LEFT, "right": XL_RIGHT}
CHART_TYPES = {"bar": "bar_clustered", "col": "column_clustered"}


class _Style(TypedDict, total=False):
    """One entry of ``jixiao.plan.STYLES`` (a plain dict literal there, so its values type as object)."""

    font: str
    size: float
    bold: bool
    align: str
    border: bool
    fill: str


def _rgb(hex6: str) -> tuple[int, int, int]:
    return int(hex6[0:2], 16), int(hex6[2:4], 16), int(hex6[4:6], 16)


def _bgr(hex6: str) -> int:
    """An RRGGBB colour as Excel's ``Interior.Color`` number (blue in the high byte)."""
    r, g, b = _rgb(hex6)
    return r + 256 * g + 65536 * b


def _hex6(bgr: int) -> str:
    return "%02X%02X%02X" % (bgr & 0xFF, (bgr >> 8) & 0xFF, (bgr >> 16) & 0xFF)


def _text_value(v: Any) -> Any:
    """Text stays text in Excel too. Excel parses a string written to a cell as if typed:
    "=1 人" would become a formula, "100%" 1, "1/2" a date, "001" 1. A leading apostrophe
    (Excel's prefix character, not part of the value) keeps every string exactly as given."""
    if isinstance(v, str) and v:
        return "'" + v
    return v


class _Quiet:
    """Manual calculation, no screen updating, no events while a plan is applied; the
    previous state is restored on the way out, error or not, and calculation runs once."""

    def __init__(self, app: Any):
        self.app = app

    def __enter__(self) -> "_Quiet":
        app = self.app
        self.saved = (app.calculation, app.screen_updating, app.enable_events)
        app.screen_updating = False
        app.enable_events = False
        app.calculation = "manual"
        return self

    def __exit__(self, *exc: Any) -> None:
        calculation, screen, events = self.saved
        try:
            self.app.calculation = calculation
        finally:
            self.app.enable_events = events
            self.app.screen_updating = screen


class XlwingsHost:
    def __init__(self, book: "xw.Book"):
        self.book = book
        self.path = book.fullname

    @staticmethod
    def _widen_rule(rng: Any, old: str, new: str) -> None:
        """``WidenRule`` in Excel: each expression format of the cell reading ``old`` modified to read ``new``
        (``FormatCondition.Modify``, the type and formula given anew; its fill stays)."""
        conditions = rng.api.FormatConditions
        for i in range(1, int(conditions.Count) + 1):
            fc = conditions.Item(i)
            try:
                text = str(fc.Formula1 or "")
            except Exception:  # noqa: BLE001 - a data bar or colour scale has no formula
                continue
            if old in text and int(fc.Type) == 2:   # xlExpression
                fc.Modify(2, None, text.replace(old, new))

    @staticmethod
    def _row_formats(sh: Any, e: RowFormats) -> None:
        """``RowFormats`` in Excel: each cell of rows ``first``..``last`` given its column's cell of row ``like``'s
        formats and validation (“选择性粘贴 › 格式”, “› 验证”: style, number format, protection, conditional
        formats with their relative references moved, as the format painter does), the rows as tall. Cell by
        cell, leaving out a cell merged on either side: Excel pastes a merged cell's whole area (the 评价表's
        一级 分值 over three rows) and refuses to paste onto part of one (the project form's “绩效指标”); those get
        the style's parts the 填报人 meets — unlocked, the number format, not bold, the alignment — one by one, and
        a merged source's validation (``_same_validation``) and, where ``groups``, its conditional formats widened
        over the cell (a group's red “分值 ≠ Σ三级分值”), as ``apply.row_formats`` widens them. Unlike that applier,
        the formats of a cell not merged are pasted whatever ``groups`` says."""
        api = sh.api
        used = api.UsedRange
        last_col = int(used.Column) + int(used.Columns.Count) - 1
        height = api.Rows(e.like).RowHeight
        try:
            for r in range(e.first, e.last + 1):
                for c in range(1, last_col + 1):
                    src, dst = api.Cells(e.like, c), api.Cells(r, c)
                    if not src.MergeCells and not dst.MergeCells:
                        src.Copy()
                        dst.PasteSpecial(-4122)   # xlPasteFormats
                        dst.PasteSpecial(6)       # xlPasteValidation
                        continue
                    if dst.MergeCells and dst.MergeArea.Cells(1, 1).Row != r:
                        continue   # inside an area merged from above: its first cell's format is the one shown
                    dst.Locked, dst.NumberFormat = src.Locked, src.NumberFormat
                    dst.Font.Bold, dst.HorizontalAlignment, dst.WrapText = src.Font.Bold, src.HorizontalAlignment, src.WrapText
                    if src.MergeCells and not dst.MergeCells:
                        XlwingsHost._same_validation(src, dst)
                        if e.groups:   # the row is read as the group's: its red 分值 format covers it too
                            conditions = src.MergeArea.FormatConditions
                            for i in range(1, int(conditions.Count) + 1):
                                fc = conditions.Item(i)
                                fc.ModifyAppliesToRange(sh.book.app.api.Union(fc.AppliesTo, dst))
                api.Rows(r).RowHeight = height
        finally:
            sh.book.app.api.CutCopyMode = False

    @staticmethod
    def _merge_rows(sh: Any, e: MergeRows) -> str | None:
        """``MergeRows`` in Excel, as ``apply.merge_rows`` does it on a copy, and why not as it says it
        (``plan.merge_refused``: ``old`` not the area merged there (or a cell not merged), another merged area in
        ``new``, or its cells hold different contents: formulas as written, a number as its text); else ``old``
        unmerged, ``new`` cleared, the one content written in its first cell and ``new`` merged (no alert: the
        other cells are empty by then), None."""
        from openpyxl.utils import get_column_letter, range_boundaries

        api = sh.api
        lo, top, hi, bottom = range_boundaries(e.new)
        olo, otop, ohi, obottom = range_boundaries(e.old)
        old = api.Range(e.old)
        if (olo, otop) == (ohi, obottom):
            if old.MergeCells:
                return merge_refused(e, [], kept=False)
        elif not old.MergeCells or str(old.MergeArea.Address(False, False)) != e.old:
            return merge_refused(e, [], kept=False)
        texts = []
        for r in range(top, bottom + 1):
            for c in range(lo, hi + 1):
                if otop <= r <= obottom and olo <= c <= ohi:
                    if (r, c) == (otop, olo):
                        texts.append((f"{get_column_letter(c)}{r}", str(api.Cells(r, c).Formula or "")))
                    continue
                cell = api.Cells(r, c)
                if cell.MergeCells:   # another merged area (the header's) in the way
                    return merge_refused(e, [], str(cell.MergeArea.Address(False, False)))
                texts.append((f"{get_column_letter(c)}{r}", str(cell.Formula or "")))
        why = merge_refused(e, texts)
        if why is not None:
            return why
        content = next((t for _c, t in texts if t.strip()), "")
        if old.MergeCells:
            old.UnMerge()
        whole = api.Range(e.new)
        whole.ClearContents()
        api.Cells(top, lo).Formula = content
        whole.Merge()
        return None

    @staticmethod
    def _same_validation(src: Any, dst: Any) -> None:
        """``dst`` given the data validation of ``src``, a merged cell (the 评价表's 一级 分值 over three rows, whose
        validation covers “B9:B21 E9:E21”), property by property: Excel pastes a merged cell's whole area, which would
        overlap the merged cell below ``dst``. Nothing where ``src`` has none (Excel raises on its ``Type``)."""
        v = src.Validation
        try:
            kind = int(v.Type)
        except Exception:   # noqa: BLE001 - COM: no validation on the cell
            return
        args: dict[str, Any] = {"Type": kind, "AlertStyle": v.AlertStyle}
        for name in ("Operator", "Formula1", "Formula2"):
            try:
                got = getattr(v, name)
            except Exception:   # noqa: BLE001 - COM: not of this validation's type
                continue
            if got not in (None, ""):
                args[name] = got
        dst.Validation.Delete()
        dst.Validation.Add(**args)
        for name in ("IgnoreBlank", "InCellDropdown", "ShowInput", "ShowError", "InputTitle", "InputMessage",
                     "ErrorTitle", "ErrorMessage"):
            try:
                setattr(dst.Validation, name, getattr(v, name))
            except Exception:   # noqa: BLE001 - COM: not of this validation's type
                continue

    @classmethod
    def caller(cls) -> "XlwingsHost":
        """The workbook whose button was clicked; for the ribbon add-in, the active one."""
        book = xw.Book.caller()
        if book.name.lower().endswith(".xlam"):
            book = xw.books.active
        return cls(book)

    # -- reading ------------------------------------------------------------------------
    def sheet_values(self) -> dict[str, list[list[Any]]]:
        """Every sheet's values from A1, one call a sheet, and in the same pass its merged ranges
        (``sheet_merges``)."""
        from jixiao.core.dates import excel_span
        from jixiao.guard.sanitize import clean_rows, com_errors, error_texts

        out: dict[str, list[list[Any]]] = {}
        merges: dict[str, Any] = {}
        notes: dict[str, list[Any]] = {}
        for sh in self.book.sheets:
            last = sh.used_range.last_cell
            rng = sh.range((1, 1), (last.row, last.column))
            # a cell showing #VALUE! as its text (``err_to_str``): xlwings gives None otherwise, and “校验” said
            # “实际完成值未填写” where ``jixiao check`` says “表中为错误值 #VALUE!”
            rows = rng.options(ndim=2, err_to_str=True).value
            com_errors(rows)         # #SPILL!, #CALC! …: xlwings 0.37.8 knows seven, and gives the others as numbers
            for row in rows if isinstance(rows, list) else ():
                for c, v in enumerate(row):
                    if v.__class__ is datetime.datetime:
                        row[c] = excel_span(v)   # “25:30”: the span a file's reader gives, not 1899-12-31 01:30
            out[sh.name] = rows
            notes[sh.name] = clean_rows(rows, error_texts(rows)) if isinstance(rows, list) else []
            merges[sh.name] = self._merged_ranges(rng, sh.name)
        self._merges, self._notes = merges, notes
        return out

    def sheet_notes(self) -> dict[str, list[Any]]:
        """Each sheet's read notes from the last ``sheet_values``, as ``FileHost.sheet_notes`` gives a file's: a
        cell showing an error value (X2, taken into the rule's finding on that cell: “表中为错误值 #VALUE!”),
        control characters taken out, text cut at the limit (``guard.sanitize.clean_rows``, the file's own)."""
        notes = getattr(self, "_notes", None)
        if notes is None:
            self.sheet_values()
            notes = self._notes
        return cast("dict[str, list[Any]]", notes)

    def sheet_merges(self) -> dict[str, Any]:
        """Each sheet's merged ranges as calamine gives a file's (0-based corners; None where Excel would
        not say), from the last ``sheet_values``: the readers take a 偏差原因 merged over two indicator
        rows as both rows' (``forms.sheetform.merged_down``), and a form in another layout by its
        merged labels, as ``jixiao check`` reads the saved file. ``actions.read_host`` hands them over
        for every button."""
        merges = getattr(self, "_merges", None)
        if merges is None:
            self.sheet_values()
            merges = self._merges
        return cast("dict[str, Any]", merges)

    def _merged_ranges(self, rng: Any, sheet: str) -> list[Any] | None:
        """The merged ranges of ``rng`` (a sheet's values from A1) in two COM calls at most, whatever their
        number: Excel lists them nowhere, and a ``MergeArea`` a cell is a call a cell. ``MergeCells`` over the
        range says False where none is in it (a list, a 校验结果 sheet: nothing more asked); otherwise the
        range's XML Spreadsheet (``Range.Value(xlRangeValueXMLSpreadsheet)``, pywin32's ``GetValue`` as for
        ``GetAddress``) writes each merged range once, on its top-left cell (``excel.xmlss``). Held to the
        same limits as a file's (``guard.check_merges``); where Excel does not answer, or a range is beyond
        them, None: the values alone, as before."""
        from jixiao.excel.xmlss import XL_XML_SPREADSHEET, merged_ranges
        from jixiao.guard import check_merges

        try:
            api = rng.api
            if api.MergeCells is False:
                return []
            merges = merged_ranges(str(api.GetValue(XL_XML_SPREADSHEET)))
            check_merges(merges, self.path, sheet)
        except Exception:  # noqa: BLE001 - a COM error, XML Excel did not write, a merge too large: values only
            return None
        return merges

    def notes(self, cells: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
        """Comment texts, by walking each sheet's comments (a few) rather than asking every cell
        (one COM call each, hundreds for 30 forms)."""
        want: dict[str, set[str]] = {}
        for sheet, ref in cells:
            want.setdefault(sheet, set()).add(ref)
        names = {s.name for s in self.book.sheets}
        out: dict[tuple[str, str], str] = {}
        for sheet, refs in want.items():
            if sheet not in names:
                continue
            for note in self.book.sheets[sheet].api.Comments:
                ref = note.Parent.GetAddress(False, False)   # as xlwings asks pywin32 for "H17" (not $H$17)
                if ref in refs:
                    out[(sheet, ref)] = note.Text() or ""
        return out

    def hidden_sheets(self) -> set[str]:
        return {s.name for s in self.book.sheets if not s.visible}

    def formulas(self, cells: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
        """The formula of each cell that holds one (a few: the 等级 cell of each form)."""
        names = {s.name for s in self.book.sheets}
        out: dict[tuple[str, str], str] = {}
        for sheet, ref in cells:
            if sheet in names:
                text = self.book.sheets[sheet].range(ref).formula
                if isinstance(text, str) and text.startswith("="):
                    out[(sheet, ref)] = text
        return out

    # -- writing ------------------------------------------------------------------------
    def apply(self, plan: Plan) -> list[Refused]:
        """Apply every edit; the edits left undone and why (``apply.apply_plan``'s). Form sheets are protected (no
        password): they are unprotected for the edits and protected again with the template's permissions."""
        with _Quiet(self.book.app):
            return self._apply(plan)

    def _apply(self, plan: Plan) -> list[Refused]:
        refused: list[Refused] = []
        existing = {s.name for s in self.book.sheets}
        touched = {e.sheet for e in plan.edits if hasattr(e, "sheet") and e.sheet in existing}
        relock: list[str] = []
        for name in (s.name for s in self.book.sheets if s.name in touched and s.api.ProtectContents):  # book order
            try:
                self.book.sheets[name].api.Unprotect()   # the template's protection has no password
            except Exception:  # noqa: BLE001 - Excel's COM error: the sheet was protected with a password
                self._protect(relock)
                raise JixiaoError(f"工作表“{name}”设有保护密码，无法写入。请在“审阅 › 撤销工作表保护”中输入密码撤销保护后，"
                                  f"再点一次（按钮写完后会重新保护，不设密码）", file=self.path) from None
            relock.append(name)
        try:
            for e in plan.edits:
                if isinstance(e, ClearMark):
                    if e.sheet in existing:
                        self._clear_mark(self.book.sheets[e.sheet].range(e.cell))
                elif isinstance(e, SetValue) and isinstance(e.value, Formula):   # 计算's 等级 formula
                    self.book.sheets[e.sheet].range(e.cell).formula = e.value.text
                elif isinstance(e, SetValue):
                    self.book.sheets[e.sheet].range(e.cell).value = _text_value(e.value)
                elif isinstance(e, SetNumber):
                    rng = self.book.sheets[e.sheet].range(e.cell)
                    if not str(rng.formula or "").startswith("="):
                        if number_format_goes(rng.number_format, e.number_format):   # "@": Excel keeps a number as text
                            rng.number_format = e.number_format
                        rng.value = e.value
                elif isinstance(e, SetFill):
                    self._mark_fill(self.book.sheets[e.sheet].range(e.cell), e.color)
                elif isinstance(e, SetComment):
                    cell = self.book.sheets[e.sheet].range(e.cell).api
                    if getattr(cell, "CommentThreaded", None) is not None:
                        continue  # a conversation (Excel 365) and a note cannot share a cell: the fill and the list mark it
                    old = cell.Comment   # None where the cell has no comment
                    text = merged(old.Text() if old is not None else None, e.text)
                    cell.ClearComments()
                    cell.AddComment(text)
                elif isinstance(e, SheetSpec):
                    self._sheet(e)
                elif isinstance(e, DropSheet):
                    self._drop(e.name)
                elif isinstance(e, AddChart):
                    self._chart(e)
                elif isinstance(e, WidenRule):
                    if e.sheet in existing:
                        self._widen_rule(self.book.sheets[e.sheet].range(e.cell), e.old, e.new)
                elif isinstance(e, RowFormats):
                    if e.sheet in existing:
                        self._row_formats(self.book.sheets[e.sheet], e)
                elif isinstance(e, MergeRows):
                    why = self._merge_rows(self.book.sheets[e.sheet], e) if e.sheet in existing else None
                    if why is not None:
                        refused.append((e, why))
                else:  # pragma: no cover - a new edit kind without an applier is a bug
                    raise TypeError(f"unknown edit {e!r}")
            known: dict[tuple, bool] = {}
            for name in (s.name for s in self.book.sheets if s.name in touched):
                self._fit_rows(self.book.sheets[name], known)
        finally:
            self._protect(relock)
        return refused

    @classmethod
    def _fit_rows(cls, sh: Any, known: dict[tuple, bool] | None = None) -> None:
        """A sheet after a plan's edits, as ``apply.apply_plan`` leaves a copy: its rows as tall as
        their typed text (``_grow_typed``), its pages planned again where rows grew (``_pages_again``)."""
        values = cls._grow_typed(sh, known)
        if values is None and cls._outgrown(sh):   # rows inserted by hand: nothing grew, the page no longer holds them
            last = sh.used_range.last_cell
            values = sh.range((1, 1), (last.row, last.column)).options(ndim=2).value or []
        if values is not None:
            cls._pages_again(sh, values)

    @staticmethod
    def _outgrown(sh: Any) -> bool:
        """Whether the sheet's page no longer holds its rows, by the core (``printout.outgrown``, as the
        CLI's copies test it): a form whose rows the 填报人 inserted by hand kept its plan for the rows as
        they were (one page far below half size, or a page between two manual breaks too long for the
        paper), and nothing typed grew to plan it again. Cheap: the print settings, the manual breaks and
        one height per page (a range's ``height``, not a call per row)."""
        from jixiao.excel.printout import area_bounds, outgrown

        ps = sh.api.PageSetup
        area, titles = ps.PrintArea or None, ps.PrintTitleRows or None
        if not area:
            return False
        c1, r1, c2, r2 = area_bounds(str(area))
        tall = ps.FitToPagesTall
        one_page = tall is not False and tall == 1
        # fitted to one page: its height is all that counts, and Excel's breaks (it lays out the pages to list
        # them) are not asked for
        starts = [r1] if one_page else [r1, *sorted(
            {int(b.Location.Row) for b in sh.api.HPageBreaks
             if int(b.Type) == XL_PAGE_BREAK_MANUAL and r1 < int(b.Location.Row) <= r2})]
        ends = [s - 1 for s in starts[1:]] + [r2]
        pages = [float(sh.range((a, c1), (b, c1)).height or 0.0) for a, b in zip(starts, ends)]
        repeated = 0.0
        if titles:
            t = [int(x.strip("$")) for x in str(titles).split("!")[-1].split(":")]
            repeated = float(sh.range((t[0], c1), (t[-1], c1)).height or 0.0)
        return outgrown(float(sh.range((r1, c1), (r1, c2)).width or 0.0), pages, repeated,
                        one_page=one_page, landscape=ps.Orientation == XL_LANDSCAPE,
                        margins=(float(ps.LeftMargin) / 72, float(ps.TopMargin) / 72))

    @staticmethod
    def _grow_typed(sh: Any, known: dict[tuple, bool] | None = None) -> list[list[Any]] | None:
        """The rows whose typed text (an unlocked cell, not a formula) does not show whole at their
        height grow until every wrapped text in them does, as on the copies the CLI writes
        (``excel.apply.grow_typed_rows`` then ``excel.sheet.grow_rows``, the same tests in the same
        order): the template sets its rows' heights, so Excel does not fit them itself, and a long
        偏差原因 typed in Excel printed cut. The values come in one call; only a text that may wrap
        costs COM calls (its cell's protection, wrapping and merge, its row's height), and ``known``
        keeps across the sheets of one plan which cells are typed into (by place) and which texts are
        labels (by place and words): the forms' layouts are the same sheet after sheet. A label where
        another sheet has an input cell is measured and fits its row: no harm. Counted on a stand-in
        for the 23 sample forms: ~1,000 cells, rows and columns asked for without it, ~630 with it."""
        known = {} if known is None else known
        last = sh.used_range.last_cell
        values = sh.range((1, 1), (last.row, last.column)).options(ndim=2).value or []
        widths: dict[int, float] = {}

        def width(c: int) -> float:
            if c not in widths:
                widths[c] = float(sh.api.Columns(c).ColumnWidth or 0.0)   # 0: a hidden column
            return widths[c]

        floor = row_height([])
        grown = False
        shown: dict[int, float] = {}     # a row's height, asked once
        heights: dict[int, float] = {}   # the rows to measure whole
        for r, row in enumerate(values, start=1):
            for c, v in enumerate(row, start=1):
                if r in heights or not isinstance(v, str) or not width(c) or not may_wrap(v, width(c)):
                    continue
                typed = known.get((r, c, v), known.get((r, c)))
                if typed is None:   # the 填报人 types into the unlocked cells: a label or a formula is the template's
                    cell = sh.range((r, c)).api
                    typed = not (cell.Locked or cell.HasFormula)
                    known[(r, c) if typed else (r, c, v)] = typed
                if not typed:
                    continue
                if r not in shown:
                    shown[r] = float(sh.api.Rows(r).RowHeight or 0.0)
                if row_height([(v, width(c))]) > max(shown[r], floor):
                    heights[r] = shown[r]
        for r, h in heights.items():
            cells = []
            for c, v in enumerate(values[r - 1], start=1):
                if not isinstance(v, str) or not width(c):
                    continue
                cell = sh.range((r, c)).api
                if cell.HasFormula or not cell.WrapText:
                    continue
                area = cell.MergeArea
                if area.Rows.Count > 1:
                    continue   # a block over several rows has their heights together
                first = area.Column
                size = cell.Font.Size   # a 9 pt 指标解释 packs more into a line (``fit.cell_height``)
                cells.append((v, sum(width(k) for k in range(first, first + area.Columns.Count)),
                              float(size) if isinstance(size, (int, float)) and size > 0 else None))
            need = grown_height(cells, h)
            # Excel refuses a row taller than it keeps (409 pt): a text that needs more is fitted by ``_pages_again``;
            # a row at the most reads back a pixel lower (408.75), and is not grown again for that
            if need is not None and min(need, ROW_MOST) > h + HEIGHT_STEP:
                sh.api.Rows(r).RowHeight = min(need, ROW_MOST)
                grown = True
        return values if grown else None

    @staticmethod
    def _pages_again(sh: Any, values: list[list[Any]]) -> None:
        """The form's page breaks planned again for its rows grown by ``_grow_typed``, by the core
        (``excel.apply.pages_again``, the plan the CLI's copies get): a form written over pages kept
        the breaks planned for its rows as they were, and a taller 偏差原因 pushed the signatures
        and 注 onto a page of their own or ended a page inside a 一级指标. Here only what the core
        needs is asked of Excel (the merged cells of the form's filled cells, the rows' heights, the
        columns' widths, the print settings and manual breaks), and its edits are made."""
        from jixiao.excel.apply import SheetPages, pages_again

        ps = sh.api.PageSetup
        area, titles = ps.PrintArea or None, ps.PrintTitleRows or None
        if not area or not titles:
            return
        last_row = len(values)
        last_col = max((len(row) for row in values), default=0)
        merges: set[str] = set()
        texts: dict[str, float] = {}   # the wrapped texts and their sizes: the plan may make one smaller to fit a page
        widths: dict[int, float] = {}
        for r, row in enumerate(values, start=1):
            for c, v in enumerate(row, start=1):
                if v is None or v == "":
                    continue   # a merged block holds its value in its first cell
                cell = sh.range((r, c)).api
                if cell.MergeCells:
                    merges.add(str(cell.MergeArea.Address).replace("$", ""))
                if not isinstance(v, str):
                    continue
                if c not in widths:
                    widths[c] = float(sh.api.Columns(c).ColumnWidth or 0.0)
                if widths[c] and may_wrap(v, widths[c]) and cell.WrapText and not cell.HasFormula:
                    size = cell.Font.Size
                    if isinstance(size, (int, float)) and size > 0:
                        texts[f"{get_column_letter(c)}{r}"] = float(size)
        breaks = [int(b.Location.Row) for b in sh.api.HPageBreaks if int(b.Type) == XL_PAGE_BREAK_MANUAL]
        tall = ps.FitToPagesTall
        facts = SheetPages(
            values=values, merges=sorted(merges),
            heights={r: float(sh.api.Rows(r).RowHeight or 0.0) for r in range(1, last_row + 1)},
            widths={c: widths[c] if c in widths else float(sh.api.Columns(c).ColumnWidth or 0.0)
                    for c in range(1, last_col + 1)},
            print_area=str(area), title_rows=str(titles), breaks=breaks,
            one_page=tall is not False and tall == 1, footer=ps.CenterFooter or None, header=ps.RightHeader or None,
            texts=texts)
        plan = pages_again(sh.name, facts)
        if plan is None:
            return
        for rng in plan.unmerge:
            sh.range(rng).api.UnMerge()
        for ref, v in plan.values.items():
            sh.range(ref).value = _text_value(v)
        for rng in plan.merge:
            sh.range(rng).api.Merge()
        for ref, size in plan.sizes.items():   # a text too tall for a page made smaller, its rows to match
            sh.range(ref).api.Font.Size = size
        for r, h in plan.heights.items():
            sh.api.Rows(r).RowHeight = h
        for b in list(sh.api.HPageBreaks):
            if int(b.Type) == XL_PAGE_BREAK_MANUAL and int(b.Location.Row) in plan.old_breaks:
                b.Delete()
        xl = sh.book.app.api
        xl.PrintCommunication = False
        try:
            ps.Zoom = False
            ps.FitToPagesWide = 1
            ps.FitToPagesTall = 1 if plan.one_page else False
            ps.CenterFooter = plan.footer or ""
            # “续表” on every page but the first, the page number on the first too (``printout.page_marks``)
            ps.RightHeader = plan.header or ""
            ps.DifferentFirstPageHeaderFooter = plan.header is not None
            ps.FirstPage.CenterFooter.Text = plan.footer or ""
            # numbered from 1 on its own first page, where LibreOffice starts its “first page” too
            ps.FirstPageNumber = 1 if plan.footer else XL_AUTOMATIC
        finally:
            xl.PrintCommunication = True
        for start in plan.breaks:
            sh.api.HPageBreaks.Add(Before=sh.range(f"A{start}").api)

    def _protect(self, names: list[str]) -> None:
        """Protect these sheets again with the template's permissions (no password)."""
        for name in names:
            self.book.sheets[name].api.Protect(
                DrawingObjects=False, Contents=True, Scenarios=True, AllowFormattingColumns=True,
                AllowFormattingRows=True, AllowInsertingRows=True, AllowDeletingRows=True)

    @staticmethod
    def _unmark_rule(rng: Any) -> None:
        """The conditional format ``_mark_fill`` gave this cell, off it (the sheet's own stay)."""
        conds = rng.api.FormatConditions   # those of every range that holds the cell
        for i in range(conds.Count, 0, -1):
            fc = conds.Item(i)
            try:
                ours = (fc.Type == XL_EXPRESSION and fc.Formula1 == "=" + MARK_RULE
                        and fc.AppliesTo.Address == rng.api.Address and _hex6(int(fc.Interior.Color)) in MARK_FILLS)
            except Exception:  # noqa: BLE001 - a data bar or icon set has no Formula1 or Interior: not ours
                continue
            if ours:
                fc.Delete()

    @classmethod
    def _mark_fill(cls, rng: Any, color: str) -> None:
        """``SetFill``: the cell's colour, and for an error (``ABOVE_FORMATS``) the same colour as its
        first conditional format, so none of the sheet's formats paints over it."""
        rng.color = _rgb(color)
        cls._unmark_rule(rng)
        if color.upper() in ABOVE_FORMATS:
            fc = rng.api.FormatConditions.Add(Type=XL_EXPRESSION, Formula1="=" + MARK_RULE)
            fc.Interior.Color = _bgr(color)
            fc.SetFirstPriority()
            fc.StopIfTrue = True

    @classmethod
    def _clear_mark(cls, rng: Any) -> None:
        """An earlier 校验's marks and mark colour off one cell; the rest of its comment (the
        填报人's own words, 计算's suggestion) stays (``comment_text.without_marks``)."""
        note = rng.api.Comment  # None where the cell has no comment
        if note is not None and has_marks(note.Text()):
            rest = without_marks(note.Text())
            rng.api.ClearComments()
            if rest:
                rng.api.AddComment(rest)
        color = rng.color  # (r, g, b), or None for no fill
        if color is not None and "%02X%02X%02X" % tuple(color) in MARK_FILLS:
            rng.color = None
        cls._unmark_rule(rng)

    def _drop(self, name: str) -> None:
        """Delete sheet ``name`` if there is one (Excel's "are you sure" alert kept quiet)."""
        if name in [s.name for s in self.book.sheets] and len(self.book.sheets) > 1:
            self.book.app.display_alerts = False
            try:
                self.book.sheets[name].delete()
            finally:
                self.book.app.display_alerts = True

    def _sheet(self, spec: SheetSpec) -> None:
        self._drop(spec.name)
        if spec.position == 0:
            sh = self.book.sheets.add(spec.name, before=self.book.sheets[0])
        else:
            sh = self.book.sheets.add(spec.name, after=self.book.sheets[len(self.book.sheets) - 1])
        for ref, v in spec.cells.items():
            rng = sh.range(ref)
            if isinstance(v, Formula):
                rng.formula = v.text
            else:
                rng.value = _text_value(v)
        for rng_ref, name in spec.styles.items():
            # cast: every STYLES entry is a literal with exactly these keys and value types
            st, rng = cast(_Style, STYLES[name]), sh.range(rng_ref)
            rng.font.name, rng.font.size, rng.font.bold = st["font"], st["size"], st["bold"]
            rng.api.HorizontalAlignment = ALIGN[st["align"]]
            rng.api.VerticalAlignment = XL_VCENTER
            rng.api.WrapText = True
            if st["border"]:
                rng.api.Borders.LineStyle = XL_CONTINUOUS
                rng.api.Borders.Weight = XL_THIN
            if st.get("fill"):
                rng.color = _rgb(st["fill"])
        for rng_ref, fmt in spec.formats.items():
            sh.range(rng_ref).number_format = fmt
        for rng_ref, color in spec.fills.items():
            sh.range(rng_ref).color = _rgb(color)
        for ref, target in spec.links.items():
            rng = sh.range(ref)
            location = link_location(target)
            if location:
                sh.api.Hyperlinks.Add(Anchor=rng.api, Address="", SubAddress=location,
                                      TextToDisplay=str(rng.value or target.rsplit("!", 1)[1]))
            else:
                rng.add_hyperlink(target)
        for rng_ref in spec.merges:
            sh.range(rng_ref).merge()
        for col, w in spec.widths.items():
            sh.range(f"{col}:{col}").column_width = w
        for row, h in spec.heights.items():
            sh.range(f"{row}:{row}").row_height = h
        self._page_setup(sh, spec)
        if spec.freeze:
            sh.activate()
            win = self.book.app.api.ActiveWindow
            win.FreezePanes = False
            sh.range(spec.freeze).select()
            win.FreezePanes = True

    def _page_setup(self, sh: Any, spec: SheetSpec) -> None:
        """Page setup in one batch: each PageSetup property otherwise talks to the printer
        driver (seconds each on some machines)."""
        xl = self.book.app.api
        xl.PrintCommunication = False
        try:
            ps = sh.api.PageSetup
            ps.Orientation = XL_LANDSCAPE if spec.landscape else XL_PORTRAIT
            ps.Zoom = False
            ps.FitToPagesWide = 1
            ps.FitToPagesTall = False  # as tall as it takes: a number would override the manual breaks
            if spec.print_area:
                ps.PrintArea = spec.print_area
            if spec.print_titles:
                ps.PrintTitleRows = "$" + spec.print_titles.replace(":", ":$")
            ps.BlackAndWhite = True
        finally:
            xl.PrintCommunication = True
        for row in spec.row_breaks:  # a new sheet: no breaks of its own to take away first
            sh.api.HPageBreaks.Add(Before=sh.range(f"A{row}").api)

    def _chart(self, e: AddChart) -> None:
        sh = self.book.sheets[e.sheet]
        top_left = sh.range(e.anchor)
        cm = 28.35  # points per cm
        chart = sh.charts.add(top_left.left, top_left.top, e.width_cm * cm, e.height_cm * cm)
        chart.chart_type = CHART_TYPES[e.chart]
        api = chart.api[1]
        while api.SeriesCollection().Count:
            api.SeriesCollection(1).Delete()
        for name, values in e.series:
            s = api.SeriesCollection().NewSeries()
            s.Name = name
            s.Values = "=" + values
            s.XValues = "=" + e.categories
        api.HasTitle = True
        api.ChartTitle.Text = e.title
        if e.top_down:   # xlCategory: the first at the top, the value axis crossing at the last (xlMaximum), under the bars
            category_axis = api.Axes(1)
            category_axis.ReversePlotOrder = True
            category_axis.Crosses = 2
        if e.value_min is not None or e.value_step is not None or e.value_format is not None:
            value_axis = api.Axes(2)   # xlValue
            if e.value_format is not None:
                value_axis.TickLabels.NumberFormat = e.value_format
            if e.value_min is not None:
                value_axis.MinimumScale = e.value_min
            if e.value_step is not None:
                value_axis.MajorUnit = e.value_step

    def settings_rows(self) -> list[list[Any]] | None:
        """The 设置 sheet as the filler sees it now (unsaved edits included), or None."""
        from jixiao.core.settings import SETTINGS_SHEET

        if SETTINGS_SHEET not in [s.name for s in self.book.sheets]:
            return None
        sh = self.book.sheets[SETTINGS_SHEET]
        last = sh.used_range.last_cell
        return sh.range((1, 1), (last.row, max(last.column, 2))).options(ndim=2).value

    def export_pdf(self, xlsx: str | Path) -> Path:
        """Print a finished workbook to PDF with this Excel (ExportAsFixedFormat), beside it,
        written under a temporary name and renamed into place."""
        from jixiao.fileio import atomic_path

        xlsx = Path(xlsx)
        target = xlsx.with_suffix(".pdf")
        with atomic_path(target) as tmp:  # a PDF held open by a reader: a Chinese error naming it, nothing left
            book = self.book.app.books.open(str(xlsx), read_only=True, update_links=False)
            try:
                book.to_pdf(str(tmp))
            finally:
                book.close()
        return target

    # -- talking to the filler ----------------------------------------------------------
    def alert(self, message: str, title: str = "绩效自评助手", buttons: str = "ok") -> str | None:
        """The button pressed ("ok", "yes", "no"…); xlwings gives None only under xlwings Server."""
        return self.book.app.alert(message, title, buttons=buttons)

    def flush(self) -> None:
        """Save the open workbook, so that 定稿 copies what the filler sees."""
        self.book.save()
