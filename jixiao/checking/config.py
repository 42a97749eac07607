"""Rules the finance bureau can set (校验规则设置, issue 14 capability 8).

Bureaus differ: one treats a blank 主管部门 as an error, another does not check it; one calls
150 % "far above target", another 130 %; one grades 优 from 85. They set this once, in a YAML
(or JSON) file passed as ``jixiao check --rules FILE``, or in a 校验规则 block on the workbook's
设置 sheet, and ``jixiao rules --config FILE`` shows the set in force. Pure Python: the file is
read here, the sheet's rows are read by the caller (``settings``' reader, calamine or Excel).

The file (every part optional; English keys work too: rules, thresholds, grades, names)::

    规则:                 # a rule code: 关闭 (off), or a severity 错误 / 警告 / 提示
      C2: 关闭
      H1: 错误
    阈值:
      远超指标值: 150%     # C11, and the scorer's "far above" (default 130%)
      执行率过低: 50%      # A6 (default 60%)
      执行率与完成情况: 80%  # G2 (default 80%)
      偏差: 30%           # the 偏差扣分 option's limit
      数量乘单价: 30%      # A12 (default ±30%)
      成本上限过低: 50%    # A14 (a whole-project cost ceiling under this share of the budget)
    等级: {优: 85, 良: 75, 中: 60}
    名单:
      成本指标: [租赁费, 印刷费]     # words that make a target without ≥/≤ a ceiling (D10)
      总支出指标: [项目支出总额]      # names of an indicator that reports all spending (A10, A11)

Thresholds and lists travel on the scoring ``Profile`` (so the worker processes of a big batch
see them); switching rules off and changing severities is applied to the findings and to the
catalogue shown by ``jixiao rules``, so the two always agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from ..errors import RULE_CODES, JixiaoError

if TYPE_CHECKING:  # the runner is imported when a check runs
    from .run import CheckResult

RULES_BLOCK = "校验规则"          # the block's heading on the 设置 sheet
SEVERITY_WORDS = {"错误": "error", "警告": "warning", "提示": "info", "error": "error", "warning": "warning",
                  "info": "info"}
OFF_WORDS = {"关闭", "停用", "不检查", "否", "off", "false", "no", "0"}
ON_WORDS = {"开启", "启用", "检查", "是", "on", "true", "yes", "1"}
# label -> Profile field, default
THRESHOLDS: dict[str, tuple[str, float]] = {
    "远超指标值": ("far_above", 1.3),
    "执行率过低": ("low_exec", 0.6),
    "执行率与完成情况": ("realism_rate", 0.8),
    "偏差": ("deviation_limit", 0.3),
    "数量乘单价": ("unit_cost_near", 0.3),
    "成本上限过低": ("cost_far_below", 0.5),
}
THRESHOLD_ALIASES = {"far_above": "远超指标值", "low_exec": "执行率过低", "realism_rate": "执行率与完成情况",
                     "deviation": "偏差", "deviation_limit": "偏差", "unit_cost": "数量乘单价",
                     "unit_cost_near": "数量乘单价", "cost_far_below": "成本上限过低"}
NAMES = {"成本指标": "ceiling_words", "总支出指标": "total_words"}
NAME_ALIASES = {"cost": "成本指标", "ceiling": "成本指标", "total_spending": "总支出指标", "total": "总支出指标"}
GRADE_NAMES = ("优", "良", "中")
SECTION_ALIASES = {"规则": "rules", "rules": "rules", "阈值": "thresholds", "thresholds": "thresholds",
                   "等级": "grades", "grades": "grades", "名单": "names", "names": "names"}


@dataclass(frozen=True)
class RuleConfig:
    """The bureau's settings, validated against the catalogue."""

    disabled: frozenset[str] = frozenset()
    severities: dict[str, str] = field(default_factory=dict)   # code -> error | warning | info
    thresholds: dict[str, float] = field(default_factory=dict)  # Profile field -> value
    grade_bands: tuple[tuple[float, str], ...] | None = None
    names: dict[str, tuple[str, ...]] = field(default_factory=dict)  # Profile field -> words
    source: str = ""

    @property
    def empty(self) -> bool:
        return not (self.disabled or self.severities or self.thresholds or self.grade_bands or self.names)

    def severity(self, code: str, default: str) -> str:
        return self.severities.get(code, default)

    def enabled(self, code: str) -> bool:
        return code not in self.disabled


def _fail(source: str, msg: str) -> JixiaoError:
    return JixiaoError(f"{source}：校验规则设置有误：{msg}", file=source)


def _ratio(value: Any, source: str, key: str) -> float:
    """"150%", 150, 1.5 → 1.5 (a number above 2 is read as a percentage)."""
    from ..core.numbers import to_number

    text = str(value).strip()
    pct = text.endswith("%")
    n = to_number(text.rstrip("%")) if isinstance(value, str) else to_number(value)
    if n is None or n < 0:
        raise _fail(source, f"“{key}”应为百分数（如 130%），表中为“{value}”")
    return n / 100 if pct or n > 2 else float(n)


def _words(value: Any) -> tuple[str, ...]:
    items = value if isinstance(value, (list, tuple)) else re.split(r"[、,，;；\s]+", str(value or ""))
    return tuple(w for w in (str(x).strip() for x in items) if w)


def config_from_mapping(data: dict[str, Any], source: str) -> RuleConfig:
    """Validate a settings mapping (from YAML, JSON or the 设置 sheet) against the catalogue."""
    from .rules import load_catalogue

    catalogue = load_catalogue()
    if not isinstance(data, dict):
        raise _fail(source, "应为“规则 / 阈值 / 等级 / 名单”的映射")
    disabled: set[str] = set()
    severities: dict[str, str] = {}
    thresholds: dict[str, float] = {}
    names: dict[str, tuple[str, ...]] = {}
    bands = None
    for key, body in data.items():
        section = SECTION_ALIASES.get(str(key).strip())
        if section is None:
            raise _fail(source, f"未知的部分“{key}”；可用的有 规则、阈值、等级、名单")
        if not isinstance(body, dict):
            raise _fail(source, f"“{key}”下应为“名称: 值”的映射")
        if section == "rules":
            for code, v in body.items():
                code = str(code).strip().upper()
                if code not in catalogue:
                    raise _fail(source, f"没有编码为“{code}”的校验规则{RULE_CODES}")
                if isinstance(v, dict):
                    v = v.get("级别", v.get("severity", v.get("启用", v.get("enabled"))))
                word = str(v).strip().lower() if not isinstance(v, bool) else ("on" if v else "off")
                if word in OFF_WORDS:
                    disabled.add(code)
                elif word in SEVERITY_WORDS:
                    severities[code] = SEVERITY_WORDS[word]
                elif word not in ON_WORDS:
                    raise _fail(source, f"规则 {code} 的设置应为 关闭、错误、警告 或 提示，表中为“{v}”")
        elif section == "thresholds":
            for label, v in body.items():
                label = THRESHOLD_ALIASES.get(str(label).strip(), str(label).strip())
                if label not in THRESHOLDS:
                    raise _fail(source, f"未知的阈值“{label}”；可用的有 " + "、".join(THRESHOLDS))
                thresholds[THRESHOLDS[label][0]] = _ratio(v, source, label)
        elif section == "grades":
            lows = {}
            for g, v in body.items():
                g = str(g).strip()
                if g not in GRADE_NAMES:
                    raise _fail(source, f"等级只能设 优、良、中 的下限，表中为“{g}”")
                from ..core.numbers import to_number

                n = to_number(v)
                if n is None or not 0 < n <= 100:
                    raise _fail(source, f"等级“{g}”的下限应为 0–100 的分数，表中为“{v}”")
                lows[g] = float(n)
            from ..core.grades import DEFAULT_BANDS

            merged = {name: low for low, name in DEFAULT_BANDS} | lows
            if not merged["优"] > merged["良"] > merged["中"] > 0:
                raise _fail(source, f"等级下限应为 优 > 良 > 中，表中为 {merged}")
            bands = tuple((merged[g], g) for g in GRADE_NAMES) + ((0.0, "差"),)
        else:
            for label, v in body.items():
                label = NAME_ALIASES.get(str(label).strip(), str(label).strip())
                if label not in NAMES:
                    raise _fail(source, f"未知的名单“{label}”；可用的有 " + "、".join(NAMES))
                names[NAMES[label]] = _words(v)
    return RuleConfig(frozenset(disabled), severities, thresholds, bands, names, source)


def load_rule_config(path: str | Path) -> RuleConfig:
    """A rules settings file: YAML (.yaml/.yml) or JSON."""
    from ..core.settings import load_mapping_file

    return config_from_mapping(load_mapping_file(path, "校验规则设置文件"), str(path))


def config_from_rows(rows: Iterable[Any], source: str) -> RuleConfig | None:
    """The 校验规则 block of a 设置 sheet: a row whose first cell is 校验规则, then rows of
    name | value (a rule code, a threshold, 优/良/中, a name list) up to the first blank row.
    None where the sheet has no such block."""
    data: dict[str, dict[str, Any]] = {}
    inside = False
    for row in rows or []:
        cells = [c for c in (row or [])]
        first = str(cells[0]).strip() if cells and cells[0] is not None else ""
        if not inside:
            inside = first == RULES_BLOCK
            continue
        if not first:
            break
        value = cells[1] if len(cells) > 1 else None
        if re.fullmatch(r"[A-Za-z]\d+", first):
            data.setdefault("规则", {})[first] = value
        elif first in THRESHOLDS or first in THRESHOLD_ALIASES:
            data.setdefault("阈值", {})[first] = value
        elif first in GRADE_NAMES:
            data.setdefault("等级", {})[first] = value
        elif first in NAMES or first in NAME_ALIASES:
            data.setdefault("名单", {})[first] = value
        else:
            raise _fail(source, f"校验规则设置中有不认识的一行“{first}”")
    return config_from_mapping(data, source) if inside else None


# ----------------------------------------------------------------------------- applying

def apply_profile(cfg: RuleConfig | None, profile: Any) -> Any:
    """The profile with the bureau's thresholds, grade bands and name lists."""
    if cfg is None or cfg.empty:
        return profile
    changes: dict[str, Any] = dict(cfg.thresholds)
    if cfg.grade_bands:
        changes["grade_bands"] = cfg.grade_bands
    for fld, words in cfg.names.items():
        changes[fld] = tuple(dict.fromkeys((*getattr(profile, fld, ()), *words)))
    return replace(profile, **changes)


def apply_findings(cfg: RuleConfig | None, findings: list[Any]) -> list[Any]:
    """Findings of the rules switched on, each with the severity the settings give its rule."""
    if cfg is None or cfg.empty:
        return findings
    from ..core.findings import fold, unfold

    out = []
    for f in unfold(findings):   # a finding taken into one switched off or made milder stands on its own again
        if not cfg.enabled(f.rule):
            continue
        sev = cfg.severities.get(f.rule)
        out.append(replace(f, severity=sev) if sev else f)
    out = fold(out)
    # keep the checker's order (form by form) with the new severities: errors first within a form
    first: dict[Any, int] = {}
    for i, f in enumerate(out):
        first.setdefault(f.source or (f.file, f.sheet), i)
    rank = {"error": 0, "warning": 1, "info": 2}
    return sorted(out, key=lambda f: (first[f.source or (f.file, f.sheet)], rank[f.severity]))


def effective_rules(cfg: RuleConfig | None = None) -> list[tuple[Any, str, bool]]:
    """(rule, severity in force, switched on) for every rule of the catalogue, in catalogue order."""
    from .rules import load_catalogue

    rules = sorted(load_catalogue().values(),
                   key=lambda r: (r.code[0], int("0" + "".join(filter(str.isdigit, r.code)))))
    return [(r, cfg.severity(r.code, r.severity) if cfg else r.severity, cfg.enabled(r.code) if cfg else True)
            for r in rules]


def describe(cfg: RuleConfig | None, profile: Any) -> list[str]:
    """The thresholds, grade bands and name lists in force, as lines for ``jixiao rules``."""
    lines = []
    for label, (fld, default) in THRESHOLDS.items():
        v = getattr(profile, fld, default)
        lines.append(f"{label}：{v * 100:g}%" + ("" if abs(v - default) < 1e-12 else f"（默认 {default * 100:g}%）"))
    bands = "，".join(f"{name} ≥ {low:g}" for low, name in profile.grade_bands if low > 0)
    lines.append(f"等级：{bands}，其余为差")
    for label, fld in NAMES.items():
        words = getattr(profile, fld, ())
        lines.append(f"{label}（本地增加）：" + ("、".join(words) if words else "无"))
    return lines


def settings_config(sheets: Iterable[tuple[Any, Any]]) -> RuleConfig | None:
    """The 校验规则 block of the first 设置 sheet that has one; ``sheets``: (workbook, the sheet's rows
    or None) each."""
    from ..core.settings import SETTINGS_SHEET

    return next((c for c in (config_from_rows(rows or [], f"{p}#{SETTINGS_SHEET}") for p, rows in sheets)
                 if c is not None), None)


def check_with_rules(batch: Any, profile: Any, cfg: RuleConfig | None) -> CheckResult:
    """``check_batch`` under the bureau's rule settings (``cfg``: the 设置 sheet's 校验规则 block): the
    errors 校验 shows. 汇总, 生成报告 and 定稿 count them so — they checked with every rule on, and a
    workbook 校验 found no error in was refused “仍有 18 个错误” by 定稿."""
    from .run import check_batch

    result = check_batch(batch, apply_profile(cfg, profile))
    result.findings = apply_findings(cfg, result.findings)
    return result
