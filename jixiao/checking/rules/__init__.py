"""The rule catalogue of the checker (校验规则目录).

Each rule has a stable code, a severity, a Chinese title and an explanation a 填报人 can
act on, and a function that looks at one form (``FormContext``) or at all forms together
(cross-form rules) and yields ``Hit``s. Rules live in one module per group, as in
rules.md → "What a checker must catch":

- ``funds``   A: 项目资金与执行率
- ``weights`` B: 分值与权重
- ``targets`` C: 指标值与实际完成值
- ``scores``  D: 得分与总分
- ``cross``   E: 跨表（多张表之间、汇总表）
- ``approved`` T: 与批复的绩效目标核对 (``form_type="targets"``: run by ``check --targets``)
- ``report``  R: 报告与表格互证 (``form_type="report"``: a report's statements against its forms)
- F: 部门整体支出绩效自评表, in ``jixiao/forms/department/rules.py`` (``form_type="department"``); every
  form kind other than the project form keeps its rules in its own package (``FormKind.rules_module``)
- V: 项目支出绩效评价表, in ``jixiao/forms/evaluation/rules.py``; checks on a table of scored indicators that
  several kinds share are written once in ``table``

Precision matters as much as recall: ``error`` means the form is wrong under every
profile; a judgement call is a ``warning``; a correct form gets no error.
"""

from __future__ import annotations

import functools
import importlib
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from ...core.findings import BELOW_TOTAL
from ...forms.project.model import Form


@dataclass
class Hit:
    """What a rule function reports; the runner adds file, sheet, cell and project."""

    field: str
    message: str
    expected: Any = None
    found: Any = None
    severity: str | None = None  # overrides the rule's own, rarely
    # rules whose finding on this same field this hit's message already says, value included: it takes
    # them in (``core.findings.fold``), so that one cell never reads two different “应为”
    folds: tuple[str, ...] = ()
    # a cross-form hit: the other form its message names (its source, ``core.findings.source_label``)
    other: str | None = None
    # what this hit is about where that is not its rule's title (a rule that finds more than one kind of
    # thing): the heading the 校验报告 files it under (``Finding.topic``); not in the JSON
    topic: str | None = None
    # what ``expected``/``found`` are figures of, in words, where that is not the cell's own value
    # (“其下三级指标分值合计 25 分”): the 应为/表中为 a reader is shown (``Finding.expected_shown``); the
    # figures themselves stay numbers, as outputs.md promises a program reading them
    expected_shown: str | None = None
    found_shown: str | None = None
    # ``expected`` is the total a total cell holding our template's formula will show once the changes the message
    # asks are made (its verb “将为”, ``table.formula_fix``): no number to type there (``Finding.expected_is_formula``)
    expected_is_formula: bool = False




def unnamed_row(i: int, ind: Any, texts: Iterable[tuple[str, Any]], numbers: Iterable[tuple[str, Any]],
                after: str) -> Hit:
    """The hit of indicator ``i`` (``ind``) whose 三级指标名称 is blank (C18, F18, V17): named by its 二级指标
    and what it holds (``texts`` quoted, ``numbers`` as numbers), ``after`` saying where the name comes from."""
    from ...core.numbers import is_unfilled, score_text

    has = "、".join([*(f"{what}“{v}”" for what, v in texts if not is_unfilled(v)),
                     *(f"{what} {score_text(v)}" for what, v in numbers if v is not None)])
    where = f"“{ind.level2}”下" if not is_unfilled(ind.level2) else ""
    return Hit(f"indicators[{i}].name", f"{where}有一行三级指标名称未填写" + (f"（这一行填有{has}）" if has else "")
               + f"，应{after}填写指标名称", expected="三级指标名称", found=ind.name)


@dataclass
class FormContext:
    """One form with what the rules need about it, computed once."""

    form: Form
    score: Any            # jixiao.forms.project.scoring.FormScore under the selected profile
    profile: Any          # jixiao.core.profiles.Profile
    source: str = ""
    extra: dict[str, Any] = field(default_factory=dict)  # per-form cache for rules


@dataclass(frozen=True)
class Rule:
    code: str
    severity: str
    group: str
    title: str
    explanation: str
    func: Callable[..., Iterable[Any]]
    cross: bool = False   # cross-form: func(list[FormContext]) -> Iterable[tuple[int, Hit]]
    form_type: str = "project"  # "department": run on 部门整体支出绩效自评表 only (rules/dept.py)


CATALOGUE: dict[str, Rule] = {}
# (rule code, severity of a hit) -> the rule that files hits of that severity (rules/variants.py)
VARIANTS: dict[tuple[str, str], str] = {}
# Importance of a group when findings are listed: money and scores before wording (issue 14).
IMPORTANCE = {"funds": 0, "scores": 1, "totals": 1, "weights": 2, "realism": 3, "agreement": 3, "direction": 3,
              "cross": 4, "targets": 5, "units": 5, "headers": 6}


def variant_of(r: Rule, severity: str | None) -> Rule:
    """The rule a hit is filed under: ``r`` itself, or its variant for the hit's own severity."""
    if severity is None or severity == r.severity:
        return r
    return CATALOGUE.get(VARIANTS.get((r.code, severity), ""), r)


# Reading codes listed before every rule: an indicator below the 总分 row (X7) is moved first, and the
# 分值 sum (B1), the missing 满意度指标 (B4) and the 总分 (D11) it makes wrong are then right
FIRST_CODES = frozenset({BELOW_TOTAL})
# Codes whose findings cause others on the same form, listed before all of its other findings whatever
# their severity (``cause_rank``): besides X7, a figure in 元 in a 万元 cell or 计算数据 that disagree
# (A16, F16, V16; warnings) or a figure below 0 (A17, V18) make the rates and the formula scores computed
# from them wrong, and the findings that follow (F11 得分, F12 总分, A6 执行率 …) go once it is put right: a
# department told of the 得分 first would write 扣分原因 for a score that only the unit made 0. So does a number
# written as text (X2, “20万元”): the form's formulas skip it, and A3 blamed the locked 执行率 formula first
CAUSE_CODES = FIRST_CODES | {"A16", "A17", "F16", "V16", "V18", "X2"}


def cause_rank(code: str) -> int:
    """0 for a code of ``CAUSE_CODES`` (listed first on its form), 1 for any other."""
    return 0 if code in CAUSE_CODES else 1


def importance(code: str) -> int:
    if code in FIRST_CODES:
        return -1
    r = CATALOGUE.get(code)
    if r is None and not _ALL_LOADED:  # perhaps a rule of a form kind not loaded yet (load_catalogue)
        r = load_catalogue().get(code)
    return IMPORTANCE.get(r.group, 7) if r else 8


def code_order(code: str) -> tuple[str, int, str]:
    """A rule code's place in a list: its letters, then its number as a number (“D4” before “D11”:
    the indicator's score to correct before the total it changes). A code of another shape keeps
    its text (and sorts after the rules of its letters)."""
    m = _CODE.fullmatch(code or "")
    return (m[1], int(m[2]), "") if m else (code or "", 1 << 30, code or "")


_CODE = re.compile(r"([A-Z]+)(\d+)")


def _unwrap(text: str) -> str:
    """Join a wrapped Chinese paragraph from source: no space where a line was broken."""
    return re.sub(r"\s*\n\s*", "", text.strip())


def deferred(name: str) -> Callable[[], Any]:
    """The rules module ``name`` of this package, imported when first asked and then kept: for a rule that needs
    a module which imports the rule's own (``agreement`` imports ``funds``, ``totals`` registers after ``scores``),
    so neither can import the other at the top — and an import statement inside the rule would run once per form
    (~1 µs each, issue #18, ``test_speed24_check``)."""
    return functools.cache(lambda: importlib.import_module(f"{__name__}.{name}"))


def rule(code: str, severity: str, title: str, explanation: str, *, cross: bool = False,
         form_type: str = "project", group: str | None = None):
    """Register a rule function under ``code`` (decorator); ``form_type`` says which form it checks."""
    assert severity in ("error", "warning", "info"), severity

    def deco(func):
        assert code not in CATALOGUE, f"duplicate rule code {code}"
        CATALOGUE[code] = Rule(code, severity, group or func.__module__.rsplit(".", 1)[-1], title,
                               _unwrap(explanation), func, cross, form_type)
        return func

    return deco


_ALL_LOADED: list[bool] = []  # [True] once every kind's rules are in the catalogue


def load_catalogue(*, kinds: bool = True) -> dict[str, Rule]:
    """Import every rule module (registration happens on import) and return the catalogue.

    ``kinds=False``: only the rules of project forms, 绩效目标表 and reports (this package), not
    those the other form kinds register in their own packages. Checking project forms needs no
    more, and a workbook of project forms then never imports the department form's models,
    scoring and texts (~30 ms of a one-file ``check``; issue #18). Their rules come after these
    in the catalogue either way."""
    import importlib

    from . import approved, cross, funds, report, scores, targets, weights  # noqa: F401
    from . import agreement, direction, headers, realism, totals, units, variants  # noqa: F401  (issue 14)
    from . import recall  # noqa: F401  (issue 14: the recall self-audit)

    if kinds and not _ALL_LOADED:
        from ...forms import KINDS

        for kind in KINDS:  # each form kind's own rules (F: 部门整体, …)
            if kind.rules_module:
                importlib.import_module(kind.rules_module)
        _ALL_LOADED.append(True)
    return CATALOGUE
