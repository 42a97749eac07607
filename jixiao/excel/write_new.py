"""A plan's new sheets written with XlsxWriter: the fast path for a new workbook (issue #18).

``apply_xlsx`` applies a ``Plan`` with openpyxl, which it must when the sheets go into an
existing workbook (the linked 汇总表 inside the forms' own workbook). A new workbook — the
汇总表 of a folder of returned workbooks, 10,000 rows of 项目明细 — is written here instead:
XlsxWriter streams each cell once with a ready-made format, and stores each formula's
result beside it (``caches``, as ``summary_cache`` computes them), so no second pass over
the saved file is needed. Same sheets, order, styles, merges, links, print set-up and
charts as the openpyxl applier; text stays text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import product
from pathlib import Path
from typing import Any

from ..fileio import atomic_path
from ..guard.sanitize import ERROR_TEXTS
from .plan import LINK_FONT, STYLES, AddChart, DropSheet, Formula, Plan, SheetSpec

_INF = float("inf")
NOT_A_NUMBER = "无法计算"  # what a cell shows for inf or nan (no spreadsheet cell holds one)

LINK_COLOR = "#" + LINK_FONT["color"]
_CM_PX = 96 / 2.54


def new_workbook(path: str | Path) -> Any:
    """An XlsxWriter workbook as jixiao writes every new one: text stays text (never a formula,
    a number or a link), links up to Excel's own length limit, and the parts assembled in
    memory. Why in memory: by default XlsxWriter writes each part to a temporary file first;
    a review writes ~100 small workbooks (notices, 台账) and the temporary files cost 3x the
    writing itself. The package is the same either way."""
    import xlsxwriter

    return xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False,
                                           "strings_to_numbers": False, "max_url_length": 2079,
                                           "in_memory": True})


_A1 = re.compile(r"\$?([A-Z]{1,3})\$?([0-9]{1,7})")
_COLUMN: dict[str, int] = {}
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _rc(ref: str) -> tuple[int, int]:
    """Zero-based (row, col) of "B12" or "$B$12", as XlsxWriter's ``xl_cell_to_rowcol`` gives it; the
    column letters looked up once each (a 10,000-row 项目明细 has 140,000 references; issue #18).
    A plain "B12" whose letters were seen before skips the regular expression: the leading A-Z
    must be letters the expression matched before (only those are in ``_COLUMN``) and the rest
    1 to 7 ASCII digits, so the result is the expression's (issue #18, session 27)."""
    digits = ref.lstrip(_LETTERS)
    col = _COLUMN.get(ref[:len(ref) - len(digits)])
    if col is not None and 0 < len(digits) <= 7 and digits.isdigit() and digits.isascii():
        return int(digits) - 1, col
    return _rc_regex(ref)


def _rc_regex(ref: str) -> tuple[int, int]:
    """``_rc`` by the regular expression: any reference, "$" and all (the reference ``_rc`` must match)."""
    m = _A1.fullmatch(ref)
    if m is None:
        from xlsxwriter.utility import xl_cell_to_rowcol

        return xl_cell_to_rowcol(ref.replace("$", ""))
    letters, digits = m.groups()
    col = _COLUMN.get(letters)
    if col is None:
        from xlsxwriter.utility import xl_cell_to_rowcol

        col = _COLUMN[letters] = xl_cell_to_rowcol(letters + "1")[1]
    return int(digits) - 1, col


def _cells(rng: str) -> product[tuple[int, int]]:
    """Zero-based (row, col) of every cell of "A1" or "A1:C3", row by row."""
    a, _, b = rng.partition(":")
    r0, c0 = _rc(a)
    r1, c1 = _rc(b) if b else (r0, c0)
    return product(range(r0, r1 + 1), range(c0, c1 + 1))


def _spread(ranges: dict[str, str]) -> dict[tuple[int, int], str]:
    """range -> value as cell -> value, later ranges over earlier ones (built at C speed)."""
    out: dict[tuple[int, int], str] = {}
    for rng, value in ranges.items():
        out.update(dict.fromkeys(_cells(rng), value))
    return out


def supported(plan: Plan) -> bool:
    """Whether every edit of ``plan`` is one this writer makes (new sheets and charts)."""
    return all(isinstance(e, (SheetSpec, DropSheet, AddChart)) for e in plan.edits)


def _sheet_order(plan: Plan) -> list[SheetSpec]:
    """The sheets in the order openpyxl's ``create_sheet(name, position)`` would leave them."""
    order: list[SheetSpec] = []
    for e in plan.edits:
        if isinstance(e, DropSheet):
            order = [s for s in order if s.name != e.name]
        elif isinstance(e, SheetSpec):
            order = [s for s in order if s.name != e.name]
            if e.position is None:
                order.append(e)
            else:
                order.insert(e.position, e)
    return order


class _Formats:
    """One XlsxWriter format per distinct (style, number format, fill, link, quote) of a cell."""

    def __init__(self, wb: Any) -> None:
        self.wb = wb
        self.made: dict[tuple, Any] = {}

    def get(self, key: tuple) -> Any:
        fmt = self.made.get(key)
        if fmt is None and key not in self.made:
            style, num, fill, link, quote = key
            props: dict[str, Any] = {}
            if style:
                st = STYLES[style]
                props.update(font_name=st["font"], font_size=st["size"], bold=st["bold"], align=st["align"],
                             valign="vcenter", text_wrap=True)
                if st.get("indent"):
                    props["indent"] = st["indent"]
                if st["border"]:
                    props["border"] = 1
                if st.get("fill"):
                    props.update(pattern=1, bg_color=f"#{st['fill']}")
            if num:
                props["num_format"] = num
            if fill:
                props.update(pattern=1, bg_color="#" + fill)
            if link:
                props.update(font_name=LINK_FONT["font"], font_size=LINK_FONT["size"], font_color=LINK_COLOR,
                             underline=1, bold=False)
            if quote:
                props["quote_prefix"] = True
            fmt = self.made[key] = self.wb.add_format(props) if props else None
        return fmt


def _url(target: str) -> str:
    """"sheet!A1" inside the workbook as XlsxWriter writes it; anything else as given."""
    if "!" in target and not target.startswith(("/", ".", "file:", "external:", "http")) and "#" not in target:
        sheet, cell = target.rsplit("!", 1)
        return f"internal:'{sheet.replace(chr(39), chr(39) * 2)}'!{cell}"
    return target


_URIS: dict[str, Any] = {}


def _file_uri(uri: str, text: str | None) -> Any:
    """A link to a file (a file:// URI or a path) kept exactly as given, as openpyxl stores it:
    XlsxWriter would turn it into a Windows path, breaking percent-escaped names and POSIX paths."""
    proto = _URIS.get(uri)
    if proto is None:  # parsed and escaped once per file (10,000 rows link to 100 workbooks)
        from xlsxwriter.url import Url, UrlTypes

        class _Uri(Url):
            def _parse_url(self) -> None:
                self._link_type = UrlTypes.URL
                self._link = self._relationship_link = self._original_url
                self._text: str = self._text or self._original_url

        proto = _URIS[uri] = _Uri(uri)
    # each link its own object (XlsxWriter numbers them when saving): a copy of the parsed one's
    # attributes, what ``copy.copy`` makes without its ``__reduce_ex__`` round (10,000 links)
    u = proto.__class__.__new__(proto.__class__)
    u.__dict__.update(proto.__dict__)
    if text:
        u.text = text
    return u


_DYNAMIC = None
_ERRORS = ERROR_TEXTS   # a formula result of type "e" (#SPILL! too: it was written as the text “#SPILL!”)


def _worksheet_class() -> type:
    """XlsxWriter's worksheet, minus ~30 regular-expression passes per formula that look for
    Excel 365 dynamic-array functions (20,000 formulas in a 10,000-row 项目明细: over a second).
    Formulas that name one of them still take XlsxWriter's own path."""
    global _DYNAMIC
    import re

    from xlsxwriter.worksheet import Worksheet

    _DYNAMIC = re.compile(r"ANCHORARRAY|BYCOL|BYROW|CHOOSE|DROP|EXPAND|FILTER|HSTACK|LAMBDA|MAKEARRAY|MAP|"
                          r"RANDARRAY|REDUCE|SCAN|SINGLE|SEQUENCE|SORT|SWITCH|TAKE|TEXTSPLIT|TOCOL|TOROW|"
                          r"UNIQUE|VSTACK|WRAP|XLOOKUP|_xlfn")

    class _Sheet(Worksheet):
        def _prepare_formula(self, formula, expand_future_functions=False):  # type: ignore[override]
            if self.use_future_functions or expand_future_functions or _DYNAMIC.search(formula):
                return super()._prepare_formula(formula, expand_future_functions)
            return formula[1:] if formula.startswith("=") else formula

    if not fast_cells_supported():
        return _Sheet

    class _FastSheet(_Sheet):
        def _write_cell(self, row, col, cell):  # type: ignore[no-untyped-def]
            """XlsxWriter 3.3.1's ``_write_cell`` for a formatted number, shared string, blank or
            formula with a number or text result, in one write: its attributes are a cell reference
            and an integer, which its per-attribute escaping returns unchanged (150,000 cells in a
            10,000-row 项目明细; issue #18). Anything else takes XlsxWriter's own."""
            fmt, name = cell.format, cell.__class__.__name__
            if fmt is None or (name == "String" and self.constant_memory):
                return super()._write_cell(row, col, cell)
            head = f'<c r="{xl_rowcol_to_cell_fast(row, col)}" s="{fmt._get_xf_index()}"'
            if name == "Number":
                return self.fh.write(f"{head}><v>{cell.number:.16G}</v></c>")
            if name == "String":
                return self.fh.write(f'{head} t="s"><v>{cell.string}</v></c>')
            if name == "Blank":
                return self.fh.write(f"{head}/>")
            value = cell.value if name == "Formula" else None
            if value.__class__ not in (str, int, float):  # a boolean, an array formula, …
                return super()._write_cell(row, col, cell)
            kind = "" if value == "" or value.__class__ is not str else ' t="e"' if value in _ERRORS else ' t="str"'
            escape = self._escape_data
            return self.fh.write(f"{head}{kind}><f>{escape(cell.formula)}</f><v>{escape(value)}</v></c>")

    from xlsxwriter.utility import xl_rowcol_to_cell_fast

    return _FastSheet


def _write(ws: Any, r: int, c: int, v: Any, fmt: Any, cache: dict[str, Any], ref: str,
           methods: tuple | None = None) -> None:
    """One value into a cell by its type; ``methods``: (number, string, formula, boolean, blank)
    writers to use instead of the worksheet's public ones."""
    number, string, formula, boolean, blank = methods or (
        ws.write_number, ws.write_string, ws.write_formula, ws.write_boolean, ws.write_blank)
    if isinstance(v, Formula):
        value = cache.get(ref, "")
        formula(r, c, v.text, fmt, "" if value is None else value)
    elif isinstance(v, str):
        if v:
            string(r, c, v, fmt)
        else:
            blank(r, c, None, fmt)
    elif isinstance(v, bool):
        boolean(r, c, v, fmt)
    elif isinstance(v, (int, float)):
        if -_INF < v < _INF:
            number(r, c, v, fmt)
        else:
            string(r, c, NOT_A_NUMBER, fmt)
    elif v is None:
        blank(r, c, None, fmt)
    else:
        string(r, c, str(v), fmt)


def _sheet_cells_generic(ws: Any, formats: _Formats, spec: SheetSpec, cache: dict[str, Any]) -> None:
    """The cells of ``spec`` through XlsxWriter's public API, one ``fmt_of`` per cell: the
    reference ``_sheet_cells`` must match (and what runs on an XlsxWriter it was not compared on)."""
    style, num, fill = _spread(spec.styles), _spread(spec.formats), _spread(spec.fills)
    links = {_rc(ref): target for ref, target in spec.links.items()}
    values = {_rc(ref): (ref, v) for ref, v in spec.cells.items()}

    def fmt_of(rc: tuple[int, int], v: Any) -> Any:
        quote = isinstance(v, str) and v[:1] in ("=", "+", "-", "@")
        return formats.get((style.get(rc), num.get(rc), fill.get(rc), rc in links, quote))

    merged_first = {}
    for rng in spec.merges:
        a, _, b = rng.partition(":")
        (r0, c0), (r1, c1) = _rc(a), _rc(b)
        first = values.get((r0, c0), (a, None))[1]
        ws.merge_range(r0, c0, r1, c1, "", fmt_of((r0, c0), first))
        merged_first[(r0, c0)] = True
    for rc in {*style, *num, *fill} - values.keys() - merged_first.keys():
        ws.write_blank(rc[0], rc[1], None, fmt_of(rc, None))
    for rc, (ref, v) in values.items():
        f = fmt_of(rc, v)
        if rc in links:
            url, text = _url(links[rc]), v if isinstance(v, str) and v else None
            # XlsxWriter's own: "external:" a path relative to the workbook (the review's 汇总表, as its 台账)
            web = url.startswith(("internal:", "external:", "http:", "https:", "mailto:", "ftp:"))
            ws.write_url(rc[0], rc[1], url if web else _file_uri(url, text), f, text)
            if not isinstance(v, str):
                _write(ws, rc[0], rc[1], v, f, cache, ref)
        else:
            _write(ws, rc[0], rc[1], v, f, cache, ref)


class _Grid:
    """The (style, number format, fill) of every cell, by bands of rows that the ranges cover
    alike: a 10,000-row 项目明细 has four bands, so a cell's format is one look-up in its band
    instead of three in dicts of 130,000 cells each (issue #18). Later ranges win, as in ``_spread``."""

    def __init__(self, spec: SheetSpec) -> None:
        rects = []
        for slot, ranges in enumerate((spec.styles, spec.formats, spec.fills)):
            for rng, value in ranges.items():
                a, _, b = rng.partition(":")
                r0, c0 = _rc(a)
                r1, c1 = _rc(b) if b else (r0, c0)
                if r0 <= r1 and c0 <= c1:  # "C3:A1" covers nothing, as in ``_cells``
                    rects.append((r0, c0, r1, c1, slot, value))
        self.edges = edges = sorted({r[0] for r in rects} | {r[2] + 1 for r in rects})
        at = {row: i for i, row in enumerate(edges)}
        bands: list[dict[int, list[Any]]] = [{} for _ in edges]
        for r0, c0, r1, c1, slot, value in rects:
            for i in range(at[r0], at[r1 + 1]):
                cols = bands[i]
                for c in range(c0, c1 + 1):
                    keys = cols.get(c)
                    if keys is None:
                        keys = cols[c] = [None, None, None]
                    keys[slot] = value
        # band i: rows edges[i] .. edges[i + 1] - 1; the last one (from the last edge on) and the
        # one added for the rows above the first edge (index -1) are empty
        self.bands = [{c: tuple(k) for c, k in cols.items()} for cols in bands] + [{}]

    def at(self, row: int) -> int:
        """The index in ``bands`` of the band holding ``row``."""
        return bisect_right(self.edges, row) - 1

    def band(self, row: int) -> dict[int, tuple]:
        """column -> (style, number format, fill) in ``row``, for the cells some range covers."""
        return self.bands[self.at(row)]

    def covered(self) -> set[tuple[int, int]]:
        """Every cell some range covers (what ``{*style, *num, *fill}`` holds in the generic path)."""
        out: set[tuple[int, int]] = set()
        for b, cols in enumerate(self.bands):
            if cols:  # never the empty last two, so edges[b + 1] exists
                out.update(product(range(self.edges[b], self.edges[b + 1]), sorted(cols)))
        return out


XLSXWRITER_TESTED = ("3.3.1", "3.3.4")  # XlsxWriter releases whose ``_write_*`` methods ``_sheet_cells`` was compared on


def fast_cells_supported(ws: Any = None) -> bool:
    """Whether ``_sheet_cells`` may call XlsxWriter's undecorated ``_write_*`` methods: on a
    release it was compared against (``XLSXWRITER_TESTED``), with shared strings (never
    ``constant_memory``, which ``new_workbook`` does not set); otherwise the public path runs."""
    import xlsxwriter

    if xlsxwriter.__version__ not in XLSXWRITER_TESTED:
        return False
    return ws is None or not getattr(ws, "constant_memory", True)


_NONE3 = (None, None, None)
_QUOTED = ("=", "+", "-", "@")


def _sheet_cells(ws: Any, formats: _Formats, spec: SheetSpec, cache: dict[str, Any]) -> None:
    """The cells of ``spec``, as ``_sheet_cells_generic`` writes them, a third of the time: each
    cell's format from ``_Grid`` (made once per band, column, link and quote), and the values
    through XlsxWriter's undecorated ``_write_*`` methods — the public ones are these behind a
    wrapper that turns "A1" into (row, col), which row and column numbers skip anyway."""
    if not fast_cells_supported(ws):
        return _sheet_cells_generic(ws, formats, spec, cache)
    grid = _Grid(spec)
    links = {_rc(ref): target for ref, target in spec.links.items()}
    values = {_rc(ref): (ref, v) for ref, v in spec.cells.items()}
    made: list[dict[int, Any]] = [{} for _ in grid.bands]  # band -> c*4 + link*2 + quote -> format

    def fmt_of(r: int, c: int, link: bool, quote: bool) -> Any:
        return formats.get((*grid.band(r).get(c, _NONE3), link, quote))

    merged_first = {}
    for rng in spec.merges:
        a, _, b = rng.partition(":")
        (r0, c0), (r1, c1) = _rc(a), _rc(b)
        first = values.get((r0, c0), (a, None))[1]
        quote = isinstance(first, str) and first[:1] in _QUOTED
        ws.merge_range(r0, c0, r1, c1, "", fmt_of(r0, c0, (r0, c0) in links, quote))
        merged_first[(r0, c0)] = True
    blank = ws._write_blank
    for r, c in grid.covered() - values.keys() - merged_first.keys():
        blank(r, c, None, fmt_of(r, c, (r, c) in links, False))
    number, string, formula, boolean = ws._write_number, ws._write_string, ws._write_formula, ws._write_boolean
    last_row, band, fmts = -1, grid.bands[-1], made[-1]
    for (r, c), (ref, v) in values.items():
        if r != last_row:
            i = grid.at(r)
            last_row, band, fmts = r, grid.bands[i], made[i]
        link = (r, c) in links
        cls = v.__class__
        quote = (cls is str or isinstance(v, str)) and v[:1] in _QUOTED
        k = c * 4 + link * 2 + quote
        f = fmts.get(k, fmts)
        if f is fmts:
            f = fmts[k] = formats.get((*band.get(c, _NONE3), link, quote))
        if link:
            url, text = _url(links[r, c]), v if isinstance(v, str) and v else None
            # XlsxWriter's own: "external:" a path relative to the workbook (the review's 汇总表, as its 台账)
            web = url.startswith(("internal:", "external:", "http:", "https:", "mailto:", "ftp:"))
            ws._write_url(r, c, url if web else _file_uri(url, text), f, text)
            if isinstance(v, str):
                continue
        # ``_write`` with the undecorated methods
        if cls is Formula:
            value = cache.get(ref, "")
            formula(r, c, v.text, f, "" if value is None else value)
        elif cls is str:
            if v:
                string(r, c, v, f)
            else:
                blank(r, c, None, f)
        elif cls is int or (cls is float and -_INF < v < _INF):
            number(r, c, v, f)
        elif cls is float:  # inf, nan (a rate over a budget of 5e-324): no cell holds one
            string(r, c, NOT_A_NUMBER, f)
        else:
            _write(ws, r, c, v, f, cache, ref, (number, string, formula, boolean, blank))


def _sheet(wb: Any, formats: _Formats, spec: SheetSpec, cache: dict[str, Any], cls: type | None = None,
           cells: Any = None) -> Any:
    """One new sheet of the plan; ``cells`` writes its cells (``_sheet_cells`` unless a test
    passes ``_sheet_cells_generic``)."""
    ws = wb.add_worksheet(spec.name, worksheet_class=cls)
    (cells or _sheet_cells)(ws, formats, spec, cache)
    for col, w in spec.widths.items():
        c = _rc(col + "1")[1]
        ws.set_column(c, c, w)
    for row, h in spec.heights.items():
        ws.set_row(row - 1, h)
    if spec.freeze:
        ws.freeze_panes(spec.freeze)
    ws.set_paper(9)  # A4
    if spec.landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
    ws.fit_to_pages(1, 0)
    if spec.row_breaks:
        ws.set_h_pagebreaks([row - 1 for row in spec.row_breaks])  # zero-based: the rows the pages start at
    if spec.print_area:
        ws.print_area(spec.print_area)
    # the page setup ``apply._sheet`` gives the same spec (the 汇总 copied into the forms' workbook)
    if spec.print_titles:  # "2:2": the header row on every printed page
        first, _, last = spec.print_titles.partition(":")
        ws.repeat_rows(int(first) - 1, int(last or first) - 1)
    ws.print_black_and_white()  # severity and header colours are for the screen
    ws.center_horizontally()
    return ws


def _number_format(specs: dict[str, SheetSpec], rng: str) -> str | None:
    """The number format of the first cell of ``'sheet'!$G$3:$G$25`` in the plan, if any."""
    sheet, cells = rng.rsplit("!", 1)
    spec = specs.get(sheet.strip("'").replace("''", "'"))
    if spec is None:
        return None
    r, c = _rc(cells.split(":")[0])
    for area, fmt in spec.formats.items():
        a, _, b = area.partition(":")
        (r0, c0), (r1, c1) = _rc(a), _rc(b or a)
        if r0 <= r <= r1 and c0 <= c <= c1:
            return fmt
    return None


def _chart(wb: Any, sheets: dict[str, Any], e: AddChart, specs: dict[str, SheetSpec]) -> None:
    ch = wb.add_chart({"type": "bar" if e.chart == "bar" else "column"})
    for _name, rng in e.series:
        ch.add_series({"values": "=" + rng, "categories": "=" + e.categories})
    fmt = _number_format(specs, e.series[0][1]) if e.series else None
    axis: dict[str, Any] = {}
    if e.value_format is not None:
        axis["num_format"] = e.value_format
    elif fmt:  # 执行率 as 0%–100%, as the cells show it (openpyxl's charts take it from the cells)
        axis["num_format"] = fmt.replace("0.00%", "0%")
    if e.value_min is not None:
        axis["min"] = e.value_min
    if e.value_step is not None:
        axis["major_unit"] = e.value_step
    if axis:   # the value axis: x of a bar chart, y of a column chart
        (ch.set_x_axis if e.chart == "bar" else ch.set_y_axis)(axis)
    if e.top_down:   # the category axis: y of a bar chart; the value axis crossing it at its last category
        (ch.set_y_axis if e.chart == "bar" else ch.set_x_axis)({"reverse": True, "crossing": "max"})
    ch.set_title({"name": e.title})
    if len(e.series) == 1:
        ch.set_legend({"none": True})
    ch.set_size({"width": round(e.width_cm * _CM_PX), "height": round(e.height_cm * _CM_PX)})
    sheets[e.sheet].insert_chart(e.anchor, ch)


def write_plan(plan: Plan, out: Path, caches: dict[str, dict[str, Any]] | None = None, *,
               mark: str | None = None, title: str = "") -> Path:
    """A new workbook holding the plan's sheets (the first one active), saved atomically;
    formulas carry the results in ``caches`` (sheet -> {cell: value}); ``mark`` as ``marker``."""
    if not supported(plan):
        raise TypeError("plan_xlsxwriter writes new sheets and charts only")
    caches = caches or {}
    out = Path(out)
    with atomic_path(out) as tmp:
        wb = new_workbook(tmp)
        if mark:
            from ..marker import mark_xlsxwriter

            mark_xlsxwriter(wb, mark, title)
        formats = _Formats(wb)
        sheets = {}
        cls = _worksheet_class()
        for spec in _sheet_order(plan):
            sheets[spec.name] = _sheet(wb, formats, spec, caches.get(spec.name, {}), cls)
        specs = {e.name: e for e in plan.edits if isinstance(e, SheetSpec)}
        for e in plan.edits:
            if isinstance(e, AddChart):
                _chart(wb, sheets, e, specs)
        if sheets:
            first = next(iter(sheets.values()))
            first.activate()
        wb.close()
    return out
