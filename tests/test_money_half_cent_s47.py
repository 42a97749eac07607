"""Two 万元 figures half a cent apart are the same figure, whatever the subtraction's binary noise says.

A department's 汇总表 typed from the forms' sums shows two decimals: the 已评价数 of projects whose
执行数 are given to the yuan (4 decimals) is, say, 56.785, and the 汇总表 says 56.79. The check
compared ``abs(a - b) > 0.005``, and 56.79 − 56.785 is 0.005000000000002558 in binary: an E4 error
(须修改) on a correctly rounded figure, for many of the sums that end in a half cent (698 of the 2,000
below). The same comparison, written out ten times, decided the rules A2, A5, A11, C8 and the 部门整体
form's sums. Now ``core.numbers.money_apart``/``money_over`` are the one comparison.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from test_rules import clean, hits, run

from jixiao.core.grades import GRADES
from jixiao.core.numbers import money_apart, money_over
from jixiao.summary import Summary, compare_published


def half_cent_sums(n: int = 2000) -> list[float]:
    """Sums that end in exactly half a cent (x.xx5), as a float sum of 万元 amounts gives them."""
    return [round(k * 0.01 + 0.005 + 10 * j, 6) for k in range(0, 100) for j in range(n // 100)]


def rounded2(x: float, how: str = ROUND_HALF_UP) -> float:
    return float(Decimal(repr(x)).quantize(Decimal("0.01"), rounding=how))


def test_old_comparison_failed_on_many_half_cents():
    """The premise, so the tests below can fail: the plain subtraction calls many of them apart."""
    sums = half_cent_sums()
    assert sum(abs(rounded2(x) - x) > 0.005 for x in sums) > len(sums) // 4


def test_a_figure_and_its_two_decimal_rounding_are_not_apart():
    for x in half_cent_sums():
        up, down = rounded2(x), rounded2(x, "ROUND_HALF_DOWN")
        assert not money_apart(up, x) and not money_apart(x, up), x
        assert not money_apart(down, x), x
        assert not money_over(up, x), x


def test_more_than_half_a_cent_is_apart():
    for x in half_cent_sums(400):
        assert money_apart(x + 0.006, x) and money_apart(x - 0.006, x), x
        assert money_over(x + 0.006, x) and not money_over(x - 0.006, x), x
    assert money_apart(1e6 + 0.01, 1e6)   # big figures: the slack stays far below a cent


def _summary(funds_due: float, funds_done: float) -> Summary:
    return Summary(unit="县医疗保障局", rows=[], grades={g: 0 for g in GRADES}, projects_due=2, projects_done=2,
                   funds_due=funds_due, funds_done=funds_done)


def test_e4_accepts_a_published_total_rounded_to_two_decimals():
    for x in half_cent_sums(300):
        published = {"projects_due": 2, "projects_done": 2, "funds_due": rounded2(x + 1),
                     "funds_done": rounded2(x), "grades": {g: 0 for g in GRADES}}
        assert compare_published(_summary(x + 1, x), published, "汇总表.xlsx") == [], x


def test_e4_still_finds_a_wrong_total():
    published = {"projects_due": 2, "projects_done": 2, "funds_due": 1235.57, "funds_done": 1234.58,
                 "grades": {g: 0 for g in GRADES}}
    found = compare_published(_summary(1235.565, 1234.565), published, "汇总表.xlsx")
    assert [f.field for f in found] == ["summary.funds_done"]
    assert "应为 1234.565" in found[0].message and "1234.58" in found[0].message


def _funds(d: dict, annual_total: float, annual_fiscal: float, executed_total: float | None = None) -> dict:
    d["funds"]["total"].update(initial=annual_total, annual=annual_total)
    d["funds"]["fiscal"].update(initial=annual_total, annual=annual_fiscal)
    if executed_total is not None:
        d["funds"]["total"]["executed"] = d["funds"]["fiscal"]["executed"] = executed_total
    return d


def test_a2_parts_half_a_cent_from_the_total_are_not_a_mistake():
    # 100.01 − 100.005 is 0.005000000000009663: A2 fired on it before
    assert abs(100.01 - 100.005) > 0.005
    found = run(_funds(clean(), 100.01, 100.005))
    assert [f for f in hits(found, "A2") if f.field.endswith("annual")] == []
    found = run(_funds(clean(), 100.01, 100.0))
    assert [f.field for f in hits(found, "A2")] == ["funds.fiscal.annual"]


def test_a5_half_a_cent_over_is_the_same_figure():
    assert 1234.575 - 1234.57 > 0.005   # binary noise
    found = run(_funds(clean(), 1234.57, 1234.57, executed_total=1234.575))
    assert hits(found, "A5") == []
    found = run(_funds(clean(), 1234.57, 1234.57, executed_total=1234.58))
    assert hits(found, "A5")
