"""Department forms for the tests: the 子洲 2023 sample, and a clean form with every figure filled."""

from __future__ import annotations

import copy
import json
from pathlib import Path

from jixiao.forms.department.model import parse_dept_form
from jixiao.forms.department.scoring import score_dept_form, template_form

ZIZHOU = Path(__file__).resolve().parent.parent / "jixiao" / "samples" / "zizhou-2023" / "department.json"

FULL_DATA = {
    "staff_quota": 20, "staff_actual": 21, "assets_total": 310.5, "income_total": 1520.0, "expense_total": 1500.0,
    "expense_basic": 500.0, "expense_project": 1000.0, "balance": 8.0,
    "three_public_this": 9.5, "three_public_last": 10.0, "three_public_budget": 10.0, "key_spending": 800.0,
    "budget": 1000.0, "budget_adjust": 50.0, "carryover_last": 10.0, "procurement_plan": 100.0,
    "procurement_actual": 97.0, "card_spending": 40.0, "card_due": 100.0, "fixed_assets_in_use": 90.0,
    "fixed_assets_total": 100.0, "satisfaction": 0.96,
    "counts": {"payment_progress": 1, "budget_rules": 0, "compliance": 0, "asset_safety": 1, "completion": 2,
               "timeliness": 0, "quality": 1, "social_benefit": 0},
}


def zizhou_json() -> dict:
    return json.loads(ZIZHOU.read_text(encoding="utf-8"))


def zizhou_of(year: int, folder: Path) -> Path:
    """The 子洲 sample as a form JSON of ``year`` in ``folder``: beside the 2022 project samples, a summary of 2022
    counts it (one of another year is set aside, as every kind's form is)."""
    path = folder / f"zizhou-{year}.json"
    path.write_text(json.dumps({**zizhou_json(), "year": year}, ensure_ascii=False), encoding="utf-8")
    return path


def clean_json(data: dict | None = None) -> dict:
    """The template's standard indicator set, every figure filled, every score as its standard gives:
    no finding of any severity."""
    d = template_form(2024).model_dump(mode="json")
    d.update(department="示例县财政局", method="部门（单位）绩效自评", evaluator="部门（单位）评价组",
             report_date="2025-03-10", contact="张某 0912-0000000",
             data=copy.deepcopy(data if data is not None else FULL_DATA),
             team=[{"name": "张某", "title": "局长", "unit": "示例县财政局", "signature": None},
                   {"name": "李某", "title": "会计", "unit": "示例县财政局", "signature": None}],
             team_leader="张某", opinion="同意自评结果。", opinion_signer="张某", opinion_date="2025-03-12")
    form = parse_dept_form(d)
    s = score_dept_form(form)
    for ind, si in zip(d["indicators"], s.indicators):
        ind["score"] = si.score if si.computed else ind["weight"]
        if ind["score"] < ind["weight"]:
            ind["reason"] = f"{ind['name']}未达到评分标准的满分条件"
    d["total_weight"] = sum(i["weight"] for i in d["indicators"])
    d["total_score"] = round(sum(i["score"] for i in d["indicators"]), 4)
    d["grade"] = score_dept_form(parse_dept_form(d)).grade
    return d


def of_year(d: dict, year: int) -> dict:
    """``d`` (a ``clean_json`` form, of 2024) made a form of ``year``: its dates too, in the year after it, as a
    form of that year is dated (a 2022 form dated 2025 is F20's: s63)."""
    d.update(year=year, report_date=f"{year + 1}-03-10", opinion_date=f"{year + 1}-03-12")
    return d
