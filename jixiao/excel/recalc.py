"""The formula results a copy stores after its edits, cell by cell (计算's copy, a marked copy, 汇总 into a copy).

openpyxl saves every formula without its result (``<f>`` and an empty ``<v>``); ``cache`` puts results back.
Which results: ``StoredResults.after`` answers by sheet — a sheet whose values an edit changed kept none of its
stored results, only the twins' of our template's computed cells (``Plan.results``). A 填报人's own formulas on
such a sheet (a 得分 typed as =G15*0.9, a 总分 of their own =SUM(H7,H14:H20)) were saved blank: a reader that does
not calculate (calamine, so a second ``check``, the 财政局's ``review``, pandas, a phone) read those scores as not
filled and the findings changed (D3 “得分未填写” where the file had 9 分).

Here each formula cell of those sheets (and of the sheets whose formulas read them) is decided by what it reads:

- nothing it reads (directly or through other formulas) was changed by the edits: it keeps the result it had;
- it reads a changed cell: our template's computed cells take their Python twin's result (``Plan.results``, the
  arithmetic the checker uses; tested against LibreOffice), unless they read, on the way, a formula of the
  填报人's that changed too (the twin took that cell as read); every other such formula is recalculated here
  (``evaluate``: the functions and operators such sheets use, with Excel's rules for blanks, text and truth
  values). Recalculating is what Excel and LibreOffice do on opening (the copy is marked to recalculate on load
  anyway); a formula this evaluator does not know (another function, a defined name, INDIRECT, an array) is left
  without a result, as before, never given a guessed one.

Why both: the twins are the arithmetic the checker and the 汇总 compute with (one concept, one place), so the copy's
总分 is the one ``check`` compares against; they know only our template's cells, and take the other cells as the
form read them — right while those did not change. A 填报人's formulas have no twin: they are computed from their
text. Not LibreOffice: a 填报人's machine need not have it, a run costs seconds, and Excel recalculates on opening
anyway; the tests compare this module's results with LibreOffice's (``tests/test_calc_keeps_results_s59.py``).
Not a formula library either, though evaluating Excel formulas is theirs to do: ``formulas`` 1.3.4 brings
SciPy and NumPy (a 265 MB environment) and took 2.8 s to compile its first formula on this machine (session
59) — seconds on a button click, for the few operators and functions a 填报人 types into a form; ``pycel``
is a beta whose evaluation from an openpyxl workbook, the case here, depends on the order cells are asked
in (its issue #145). What is not computed here is left without a result, never guessed.
A TRUE or FALSE typed in a cell is not read here: LibreOffice holds it as 1 or 0, Excel not, so SUM, COUNT, & and >
of it differ between the programs the copy may be opened in.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, ROUND_UP, Decimal
from functools import lru_cache
from typing import Any, Callable

from openpyxl.formula.tokenizer import Token, Tokenizer
from openpyxl.utils import column_index_from_string, get_column_letter

from .cache import Stored, StoredResults
from .plan import DropSheet, Plan, SetNumber, SetValue, SheetSpec


class Unknown(Exception):
    """A formula (or a value it reads) this module does not compute: it gets no result."""


class XlError(Exception):
    """An Excel error value (#DIV/0!, #VALUE!, …) met while computing: IFERROR catches it."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


# ----------------------------------------------------------------------------- references

_COL = r"\$?([A-Za-z]{1,3})"
_ROW = r"\$?(\d{1,7})"
_SHEET = r"(?:'((?:[^']|'')+)'|([^'!\[\]:]+))!"
_CELLS = re.compile(f"^(?:{_SHEET})?(?:{_COL}{_ROW}(?::{_COL}{_ROW})?|{_COL}:{_COL}|{_ROW}:{_ROW})$")
_MAX_CELLS = 100_000   # a range bigger than this (after clipping to the sheet) is not computed


@dataclass(frozen=True)
class Ref:
    """A rectangle of cells of one sheet (``sheet``: None for the formula's own)."""

    sheet: str | None
    c1: int
    r1: int
    c2: int
    r2: int

    @property
    def single(self) -> bool:
        return self.c1 == self.c2 and self.r1 == self.r2


def parse_ref(text: str) -> Ref | None:
    """A reference operand (H7, $H$14:H33, '表 1'!A1, 表1!H:H, 3:3); None for anything else (a name)."""
    m = _CELLS.match(text)
    if m is None:
        return None
    quoted, bare, c1, r1, c2, r2, cc1, cc2, rr1, rr2 = m.groups()
    sheet = quoted.replace("''", "'") if quoted is not None else bare
    big = 1_048_576
    if c1:
        a, b = column_index_from_string(c1.upper()), int(r1)
        c, d = (column_index_from_string(c2.upper()), int(r2)) if c2 else (a, b)
    elif cc1:
        a, b, c, d = column_index_from_string(cc1.upper()), 1, column_index_from_string(cc2.upper()), big
    else:
        a, b, c, d = 1, int(rr1), 16_384, int(rr2)
    if min(b, d) < 1 or max(a, c) > 16_384:
        return None
    return Ref(sheet, min(a, c), min(b, d), max(a, c), max(b, d))


# ----------------------------------------------------------------------------- parsing

# node: ("v", value) | ("ref", Ref) | ("neg", n) | ("pct", n) | ("op", symbol, a, b) | ("fn", NAME, [args])
Node = tuple[Any, ...]
_LEVELS = (("=", "<>", "<", ">", "<=", ">="), ("&",), ("+", "-"), ("*", "/"), ("^",))


def parse(formula: str) -> Node:
    """The tree of a formula's text (with its "="); ``Unknown`` for what is not computed here."""
    try:
        items = [t for t in Tokenizer(formula).items if t.type != Token.WSPACE]
    except Exception as exc:   # openpyxl's tokenizer raises a bare error on text it cannot split
        raise Unknown(formula) from exc
    p = _Parser(items)
    node = p.expr(0)
    if p.at < len(items):
        raise Unknown(formula)
    return node


class _Parser:
    def __init__(self, items: list[Token]) -> None:
        self.items = items
        self.at = 0

    def peek(self) -> Token | None:
        return self.items[self.at] if self.at < len(self.items) else None

    def expr(self, level: int) -> Node:
        if level == len(_LEVELS):
            return self.unary()
        node = self.expr(level + 1)
        while (t := self.peek()) is not None and t.type == Token.OP_IN and t.value in _LEVELS[level]:
            self.at += 1
            node = ("op", t.value, node, self.expr(level + 1))
        return node

    def unary(self) -> Node:
        t = self.peek()
        if t is not None and t.type == Token.OP_PRE:
            self.at += 1
            inner = self.unary()
            return ("neg", inner) if t.value == "-" else inner
        node = self.primary()
        while (t := self.peek()) is not None and t.type == Token.OP_POST and t.value == "%":
            self.at += 1
            node = ("pct", node)
        return node

    def primary(self) -> Node:
        t = self.peek()
        if t is None:
            raise Unknown("end")
        self.at += 1
        if t.type == Token.OPERAND:
            if t.subtype == Token.NUMBER:
                return ("v", float(t.value))
            if t.subtype == Token.TEXT:
                return ("v", t.value[1:-1].replace('""', '"'))
            if t.subtype == Token.LOGICAL:
                return ("v", t.value.upper() == "TRUE")
            if t.subtype == Token.ERROR:
                return ("err", t.value.upper())
            ref = parse_ref(t.value)
            if ref is None:          # a defined name, a table's column, another workbook
                raise Unknown(t.value)
            return ("ref", ref)
        if t.type == Token.ARRAY and t.subtype == Token.OPEN:   # {1;2;3}: its references are none, it is not computed
            depth = 1
            while depth and (t := self.peek()) is not None:
                self.at += 1
                if t.type == Token.ARRAY:
                    depth += 1 if t.subtype == Token.OPEN else -1
                elif t.type != Token.OPERAND and t.type != Token.SEP or (t.type == Token.OPERAND and t.subtype == Token.RANGE):
                    raise Unknown("an array of references")
            if depth:
                raise Unknown("unclosed")
            return ("array",)
        if t.type == Token.PAREN and t.subtype == Token.OPEN:
            node = self.expr(0)
            self.close(Token.PAREN)
            return node
        if t.type == Token.FUNC and t.subtype == Token.OPEN:
            name = t.value[:-1].upper()
            if name.startswith("_XLFN."):
                name = name[6:]
            args: list[Node] = []
            nxt = self.peek()
            if nxt is not None and nxt.type == Token.FUNC and nxt.subtype == Token.CLOSE:
                self.at += 1
                return ("fn", name, args)
            while True:
                nxt = self.peek()
                if nxt is not None and (nxt.type == Token.SEP or (nxt.type == Token.FUNC and nxt.subtype == Token.CLOSE)):
                    raise Unknown("an empty argument")     # IF(A1,,1): Excel's own meaning, not computed here
                args.append(self.expr(0))
                nxt = self.peek()
                if nxt is not None and nxt.type == Token.SEP and nxt.subtype == Token.ARG:
                    self.at += 1
                    continue
                self.close(Token.FUNC)
                return ("fn", name, args)
        raise Unknown(str(t.value))   # an array constant, an operator out of place

    def close(self, kind: str) -> None:
        t = self.peek()
        if t is None or t.type != kind or t.subtype != Token.CLOSE:
            raise Unknown("unclosed")
        self.at += 1


@lru_cache(maxsize=4096)
def tree_of(formula: str) -> Node | None:
    """``parse``, None for what is not computed here; once per text (every form sheet holds the template's five)."""
    try:
        return parse(formula)
    except Unknown:
        return None


def refs_of(node: Node) -> list[Ref]:
    """Every reference in a formula's tree."""
    out: list[Ref] = []
    stack = [node]
    while stack:
        n = stack.pop()
        if n[0] == "ref":
            out.append(n[1])
        elif n[0] in ("neg", "pct"):
            stack.append(n[1])
        elif n[0] == "op":
            stack.extend((n[2], n[3]))
        elif n[0] == "fn":
            stack.extend(n[2])
    return out


# ----------------------------------------------------------------------------- computing

# a value: None (a blank cell), float, str, bool; a range is a list of them
Getter = Callable[[str | None, int, int], Any]   # (sheet or None for the own one, row, column) -> the cell's value
Clip = Callable[[Ref], Ref]                      # a range cut to its sheet's used part (H:H: the rows it has)


def _number(v: Any) -> float:
    """A value in arithmetic, as Excel takes it: blank 0, TRUE 1, a text that is a number that number."""
    if v is None:
        return 0.0
    if isinstance(v, bool):
        return 1.0 if v else 0.0
    if isinstance(v, (int, float)):
        return float(v)
    try:
        return float(str(v).strip().replace(",", ""))   # “10分”: #VALUE!, as in Excel
    except ValueError:
        raise XlError("#VALUE!") from None


def _text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, float):
        if v.is_integer() and abs(v) < 1e15:
            return str(int(v))
        return format(v, ".15g")
    return str(v)


def _truth(v: Any) -> bool:
    if v is None:
        return False
    if isinstance(v, bool):
        return v
    if isinstance(v, (int, float)):
        return v != 0
    if str(v).upper() in ("TRUE", "FALSE"):
        return str(v).upper() == "TRUE"
    raise XlError("#VALUE!")


def _compare(op: str, a: Any, b: Any) -> bool:
    if a is None:
        a = "" if isinstance(b, str) else False if isinstance(b, bool) else 0.0
    if b is None:
        b = "" if isinstance(a, str) else False if isinstance(a, bool) else 0.0

    def rank(v: Any) -> int:
        return 2 if isinstance(v, bool) else 1 if isinstance(v, str) else 0
    ka: Any
    kb: Any
    if rank(a) != rank(b):
        ka, kb = rank(a), rank(b)
    elif isinstance(a, str):
        ka, kb = a.lower(), b.lower()
    else:
        ka, kb = a, b
    return {"=": ka == kb, "<>": ka != kb, "<": ka < kb, ">": ka > kb, "<=": ka <= kb, ">=": ka >= kb}[op]


def _criterion(c: Any) -> Callable[[Any], bool]:
    """COUNTIF's test of a cell: “优” (the same text, any case), 80 or “>=80” (numbers), “<>差”; wildcards
    (* ? ~) are not computed here."""
    if isinstance(c, bool) or c is None:
        raise Unknown("a criterion of truth or blank")
    if isinstance(c, (int, float)):
        return lambda v: isinstance(v, (int, float)) and not isinstance(v, bool) and v == c
    m = re.match(r"(<=|>=|<>|<|>|=)?(.*)$", str(c), re.S)
    assert m is not None
    op, rest = m.group(1) or "=", m.group(2)
    if any(ch in rest for ch in "*?~"):
        raise Unknown("a criterion with wildcards")
    try:
        x = float(rest)
    except ValueError:
        if op not in ("=", "<>") or rest == "":
            raise Unknown("a criterion not computed here") from None
        return (lambda v: isinstance(v, str) and v.lower() == rest.lower()) if op == "=" else (
            lambda v: not (isinstance(v, str) and v.lower() == rest.lower()))
    num = lambda v: isinstance(v, (int, float)) and not isinstance(v, bool)  # noqa: E731
    return {"=": lambda v: num(v) and v == x, "<>": lambda v: not (num(v) and v == x),
            "<": lambda v: num(v) and v < x, ">": lambda v: num(v) and v > x,
            "<=": lambda v: num(v) and v <= x, ">=": lambda v: num(v) and v >= x}[op]


def _round(x: float, digits: float, how: str) -> float:
    d = Decimal(repr(x)).quantize(Decimal(1).scaleb(-int(digits)), rounding=how)
    return float(d)


class Evaluator:
    """Computes a formula's tree on the values ``get`` gives."""

    def __init__(self, get: Getter, clip: Clip | None = None) -> None:
        self.get = get
        self.clip = clip

    def cells(self, ref: Ref) -> list[Any]:
        if self.clip is not None:
            ref = self.clip(ref)
        if (ref.c2 - ref.c1 + 1) * (ref.r2 - ref.r1 + 1) > _MAX_CELLS:
            raise Unknown("a range too large")
        return [self.get(ref.sheet, r, c) for r in range(ref.r1, ref.r2 + 1) for c in range(ref.c1, ref.c2 + 1)]

    def scalar(self, node: Node) -> Any:
        kind = node[0]
        if kind == "v":
            return node[1]
        if kind == "err":
            raise XlError(node[1])
        if kind == "ref":
            ref = node[1]
            if not ref.single:
                raise Unknown("a range where one value is wanted")   # Excel's implicit intersection: not here
            return self.get(ref.sheet, ref.r1, ref.c1)
        if kind == "neg":
            return -_number(self.scalar(node[1]))
        if kind == "pct":
            return _number(self.scalar(node[1])) / 100
        if kind == "op":
            op, a, b = node[1], self.scalar(node[2]), self.scalar(node[3])
            if op == "&":
                return _text(a) + _text(b)
            if op in ("=", "<>", "<", ">", "<=", ">="):
                return _compare(op, a, b)
            x, y = _number(a), _number(b)
            if op == "+":
                return x + y
            if op == "-":
                return x - y
            if op == "*":
                return x * y
            if op == "/":
                if y == 0:
                    raise XlError("#DIV/0!")
                return x / y
            try:
                out = x ** y
            except (OverflowError, ZeroDivisionError):
                raise XlError("#NUM!") from None
            if isinstance(out, complex) or math.isinf(out) or math.isnan(out):
                raise XlError("#NUM!")
            return out
        if kind == "fn":
            return self.call(node[1], node[2])
        raise Unknown(kind)

    def numbers(self, args: list[Node], count_text: bool = False) -> list[float]:
        """The numbers of SUM's (MIN's, …) arguments: in a reference only its numbers (text, truth values and
        blanks left out); a value given directly taken as a number (TRUE 1, “5” 5, “五” #VALUE!)."""
        out: list[float] = []
        for a in args:
            if a[0] == "ref":
                for v in self.cells(a[1]):
                    if isinstance(v, (int, float)) and not isinstance(v, bool):
                        out.append(float(v))
            else:
                v = self.scalar(a)
                if count_text and isinstance(v, str):
                    try:
                        out.append(_number(v))
                    except XlError:
                        continue
                elif v is not None:
                    out.append(_number(v))
        return out

    def call(self, name: str, args: list[Node]) -> Any:
        n = len(args)
        if name == "IF" and n in (2, 3):
            if _truth(self.scalar(args[0])):
                return self.scalar(args[1])
            return self.scalar(args[2]) if n == 3 else False
        if name == "IFERROR" and n == 2:
            try:
                return self.scalar(args[0])
            except XlError:
                return self.scalar(args[1])
        if name in ("ISNUMBER", "ISBLANK", "ISTEXT", "ISERROR") and n == 1:
            try:
                v = self.scalar(args[0])
            except XlError:
                return name == "ISERROR"
            if name == "ISNUMBER":
                return isinstance(v, (int, float)) and not isinstance(v, bool)
            if name == "ISTEXT":
                return isinstance(v, str)
            if name == "ISBLANK":
                return v is None
            return False
        if name == "N" and n == 1:
            v = self.scalar(args[0])
            if isinstance(v, bool):
                return 1.0 if v else 0.0
            return float(v) if isinstance(v, (int, float)) else 0.0
        if name in ("SUM", "MIN", "MAX", "AVERAGE") and n >= 1:
            xs = self.numbers(args)
            if name == "SUM":
                return math.fsum(xs) if len(xs) > 2 else sum(xs, 0.0)
            if name == "AVERAGE":
                if not xs:
                    raise XlError("#DIV/0!")
                return sum(xs, 0.0) / len(xs)
            return (min(xs) if name == "MIN" else max(xs)) if xs else 0.0
        if name == "COUNT" and n >= 1:
            return float(len(self.numbers(args, count_text=True)))
        if name in ("COUNTIF", "SUMIF") and n == 2 + (name == "SUMIF") and args[0][0] == "ref":
            test = _criterion(self.scalar(args[1]))
            got = self.cells(args[0][1])
            if name == "COUNTIF":
                return float(sum(1 for v in got if test(v)))
            if args[2][0] != "ref" or (args[2][1].c2 - args[2][1].c1, args[2][1].r2 - args[2][1].r1) != (
                    args[0][1].c2 - args[0][1].c1, args[0][1].r2 - args[0][1].r1):
                raise Unknown("SUMIF over ranges of other shapes")
            return sum((float(x) for v, x in zip(got, self.cells(args[2][1]))
                        if test(v) and isinstance(x, (int, float)) and not isinstance(x, bool)), 0.0)
        if name == "COUNTA" and n >= 1:
            return float(sum(sum(1 for v in self.cells(a[1]) if v is not None) if a[0] == "ref" else 1 for a in args))
        if name in ("ROUND", "ROUNDUP", "ROUNDDOWN") and n == 2:
            how = {"ROUND": ROUND_HALF_UP, "ROUNDUP": ROUND_UP, "ROUNDDOWN": ROUND_DOWN}[name]
            return _round(_number(self.scalar(args[0])), _number(self.scalar(args[1])), how)
        if name == "INT" and n == 1:
            return float(math.floor(_number(self.scalar(args[0]))))
        if name == "ABS" and n == 1:
            return abs(_number(self.scalar(args[0])))
        if name in ("AND", "OR") and n >= 1:
            vals = []
            for a in args:
                vs = self.cells(a[1]) if a[0] == "ref" else [self.scalar(a)]
                vals += [_truth(v) for v in vs if v is not None and not (a[0] == "ref" and isinstance(v, str))]
            if not vals:
                raise XlError("#VALUE!")
            return all(vals) if name == "AND" else any(vals)
        if name == "NOT" and n == 1:
            return not _truth(self.scalar(args[0]))
        if name == "LEN" and n == 1:
            return float(len(_text(self.scalar(args[0]))))
        if name == "TRIM" and n == 1:
            return re.sub(" +", " ", _text(self.scalar(args[0])).strip(" "))
        raise Unknown(name)


def evaluate(formula: str, get: Getter, clip: Clip | None = None) -> Any:
    """A formula's result as Excel computes it, on the cell values ``get`` gives; ``XlError`` for an error
    result, ``Unknown`` for a formula not computed here. A blank result (=A1 of a blank cell) is 0, as Excel shows it."""
    tree = tree_of(formula)
    if tree is None:
        raise Unknown(formula)
    v = Evaluator(get, clip).scalar(tree)
    if v is None:
        return 0
    if isinstance(v, float) and not math.isfinite(v):   # 1E308*10: Excel's #NUM!
        raise XlError("#NUM!")
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
        return int(v)
    return v


# ----------------------------------------------------------------------------- the copy's results

def results_after_edits(wb: Any, stored: StoredResults, plan: Plan) -> dict[str, dict[str, Any]]:
    """sheet -> {cell: result} to store with the formulas of ``wb`` (an openpyxl workbook ``plan`` was applied to,
    opened from the file ``stored`` was read from): ``StoredResults.after``, and on the sheets it left without
    results (those ``plan`` changed, those whose formulas read them) each formula decided by what it reads
    (the module's doc)."""
    changed = plan.changed_sheets()
    caches = stored.after(changed, plan.restated_sheets(), plan.results)
    whole = {e.name for e in plan.edits if isinstance(e, (SheetSpec, DropSheet))}
    titles = {ws.title: ws for ws in wb.worksheets}
    look = {t for t in changed - whole if t in titles}   # a restated sheet too: what reads its new 等级 changes
    look |= {t for t, cells in stored.sheets.items()
             if t in titles and t not in changed and set(cells) - set(caches.get(t, {}))}
    if not look:
        return caches
    # on a sheet not changed whose formulas read changed ones, those ``after`` kept read nothing that changed
    kept = {t: set(caches.get(t, {})) for t in look - changed}
    return _Settle(titles, stored, plan, caches, look, whole, kept).run()


class _Settle:
    def __init__(self, titles: dict[str, Any], stored: StoredResults, plan: Plan,
                 caches: dict[str, dict[str, Any]], look: set[str], whole: set[str], kept: dict[str, set[str]]) -> None:
        self.titles = titles
        self.lower = {t.lower(): t for t in titles}       # Excel's sheet names, regardless of case
        self.stored, self.plan, self.caches, self.look, self.whole = stored, plan, caches, look, whole
        self.kept = kept
        self.written = {(e.sheet, e.cell) for e in plan.edits if isinstance(e, (SetValue, SetNumber))}
        self.written_at: dict[str, list[tuple[int, int]]] = {}
        for sheet, cell in self.written:
            self.written_at.setdefault(sheet, []).append(_rc(cell))
        self.formulas_at: dict[str, list[tuple[int, int]]] = {}   # sheet -> (row, column) of its formula cells
        self.dims: dict[str, tuple[int, int]] = {}                # sheet -> (last column, last row)
        self.trees: dict[tuple[str, str], Node | None] = {}
        self.state: dict[tuple[str, str], tuple[bool, bool]] = {}   # (dirty, reads a changed formula of no twin)
        self.values: dict[tuple[str, str], Any] = {}              # the result stored, or _NONE
        self.busy: set[tuple[str, str]] = set()

    def run(self) -> dict[str, dict[str, Any]]:
        for title in sorted(self.look):
            ws = self.titles[title]
            out = {}
            for (r, c), cell in list(ws._cells.items()):
                if cell.data_type != "f" or not isinstance(cell.value, str):
                    continue
                ref = f"{get_column_letter(c)}{r}"
                try:
                    self.settle(title, ref)
                    v = self.result(title, ref)
                except RecursionError:   # a cycle thousands of cells long: no result, as a formula not computed
                    v = self.values[(title, ref)] = _NONE
                if v is not _NONE:
                    out[ref] = v
            self.caches[title] = out
        return self.caches

    def settle(self, title: str, ref: str) -> None:
        """The results of the formulas ``title``!``ref`` reads, in turn, first the farthest (a chain of thousands of
        =B2+A1, =B3+A2, … is worked from its end, not by recursion as deep as it is long)."""
        stack: list[tuple[str, str, bool]] = [(title, ref, False)]
        seen: set[tuple[str, str]] = set()
        while stack:
            t, r, ready = stack.pop()
            if (t, r) in self.values:
                continue
            if ready:
                self.result(t, r)
                continue
            if (t, r) in seen:
                continue
            seen.add((t, r))
            stack.append((t, r, True))
            tree = self.tree(t, r)
            for got in refs_of(tree) if tree is not None else ():
                sheet = self.sheet(t, got.sheet)
                if sheet is not None and sheet in self.look and sheet not in self.whole:
                    stack.extend((sheet, cell, False) for cell in self.formula_cells(sheet, got)
                                 if (sheet, cell) not in self.values and (sheet, cell) not in seen)

    def sheet(self, own: str, name: str | None) -> str | None:
        if name is None:
            return own
        return self.lower.get(name.lower())

    def tree(self, title: str, ref: str) -> Node | None:
        key = (title, ref)
        if key not in self.trees:
            self.trees[key] = tree_of(self.titles[title][ref].value)
        return self.trees[key]

    def is_formula(self, title: str, ref: str) -> bool:
        cell = self.titles[title]._cells.get(_rc(ref))
        return cell is not None and cell.data_type == "f" and isinstance(cell.value, str)

    def had(self, title: str, ref: str) -> Stored | None:
        """The result the input stored for this formula; None where it stored none or the edits wrote the formula."""
        got = self.stored.sheets.get(title, {}).get(ref)
        return got[0] if got is not None and (title, ref) not in self.written else None

    def dirty(self, title: str, ref: str) -> tuple[bool, bool]:
        """(does its result change, does it read a changed formula that has no twin's result)."""
        key = (title, ref)
        if key in self.state:
            return self.state[key]
        if title not in self.look or ref in self.kept.get(title, ()):   # ``after`` kept it: nothing it reads changed
            return (False, False)
        if key in self.busy:         # a circular reference: not computed
            return (True, True)
        self.busy.add(key)
        tree = self.tree(title, ref)
        dirty = tree is None or self.had(title, ref) is None   # its result is to be found anew
        foreign = False
        if tree is not None:
            for r in refs_of(tree):
                sheet = self.sheet(title, r.sheet)
                if sheet is None or sheet in self.whole:
                    dirty = foreign = True
                    continue
                if sheet not in self.look:
                    continue
                if any(r.r1 <= row <= r.r2 and r.c1 <= col <= r.c2 for row, col in self.written_at.get(sheet, ())):
                    dirty = True
                for cell in self.formula_cells(sheet, r):
                    d, f = self.dirty(sheet, cell)
                    if d:
                        dirty = True
                        foreign = foreign or f or cell not in self.plan.results.get(sheet, {})
        self.busy.discard(key)
        self.state[key] = (dirty, foreign)
        return dirty, foreign

    def formula_cells(self, sheet: str, r: Ref) -> list[str]:
        """The formula cells of ``sheet`` inside ``r``."""
        if r.single:
            ref = f"{get_column_letter(r.c1)}{r.r1}"
            return [ref] if self.is_formula(sheet, ref) else []
        at = self.formulas_at.get(sheet)
        if at is None:
            at = self.formulas_at[sheet] = [rc for rc, cell in self.titles[sheet]._cells.items()
                                            if cell.data_type == "f" and isinstance(cell.value, str)]
        return [f"{get_column_letter(c)}{row}" for row, c in at if r.r1 <= row <= r.r2 and r.c1 <= c <= r.c2]

    def clip(self, own: str) -> Clip:
        def cut(r: Ref) -> Ref:
            sheet = self.sheet(own, r.sheet)
            if sheet is None:
                return r
            dims = self.dims.get(sheet)
            if dims is None:
                ws = self.titles[sheet]
                dims = self.dims[sheet] = (ws.max_column, ws.max_row)
            return Ref(r.sheet, r.c1, r.r1, max(r.c1, min(r.c2, dims[0])), max(r.r1, min(r.r2, dims[1])))
        return cut

    def result(self, title: str, ref: str) -> Any:
        """What to store for the formula at ``title``!``ref``: a ``Stored``, a value, or _NONE."""
        key = (title, ref)
        if key in self.values:
            return self.values[key]
        v: Any = _NONE
        if title not in self.look:
            v = self.caches.get(title, {}).get(ref, _NONE)
            self.values[key] = v
            return v
        dirty, foreign = self.dirty(title, ref)
        if not dirty:
            v = self.had(title, ref) or _NONE
        else:
            twin = self.plan.results.get(title, {})
            if ref in twin and not foreign:
                v = twin[ref]
            elif key not in self.busy:
                self.busy.add(key)
                try:
                    v = evaluate(self.titles[title][ref].value, lambda s, r, c: self.cell_value(title, s, r, c),
                                 self.clip(title))
                except (Unknown, XlError, RecursionError, ArithmeticError, ValueError):   # ROUND(x,999): Decimal's
                    v = _NONE
                finally:
                    self.busy.discard(key)
        self.values[key] = v
        return v

    def cell_value(self, own: str, name: str | None, row: int, col: int) -> Any:
        """A cell's value in the copy, for a formula that reads it."""
        sheet = self.sheet(own, name)
        if sheet is None or sheet in self.whole:
            raise Unknown(str(name))
        cell = self.titles[sheet]._cells.get((row, col))
        if cell is None:
            return None
        if cell.data_type == "f":
            if not isinstance(cell.value, str):
                raise Unknown("an array formula")
            got = self.result(sheet, f"{get_column_letter(col)}{row}")
            if got is _NONE:
                raise Unknown("a formula without a result")
            if isinstance(got, Stored):
                if got.t == "e":
                    raise XlError(got.text)
                got = got.value
            if isinstance(got, bool):
                raise Unknown("a truth value")   # LibreOffice holds it as the number 1 or 0, Excel not: they differ
            return got
        if cell.data_type == "e":
            raise XlError(str(cell.value))
        v = cell.value
        if isinstance(v, bool):   # SUM, COUNT, & and > of a TRUE in a cell: Excel and LibreOffice give different results
            raise Unknown("a truth value")
        if v is None or isinstance(v, (int, float, str)):
            return v if not (isinstance(v, str) and v == "") else None
        raise Unknown(type(v).__name__)    # a date, a rich text: not computed here


_NONE = object()


def _rc(ref: str) -> tuple[int, int]:
    m = re.match(r"([A-Z]+)(\d+)$", ref)
    assert m is not None
    return int(m.group(2)), column_index_from_string(m.group(1))
