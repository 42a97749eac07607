"""values.parse_value: every target and actual written in the 23 sample forms, plus hard cases."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

import jixiao
from jixiao.forms.project.model import load_form
from jixiao.core.units import time_factor
from jixiao.core.values import Value, normalize, parse_value

SAMPLE_DIR = Path(jixiao.__file__).resolve().parent / "samples" / "dachang-2022"

# (text, kind, direction, number in the canonical unit, canonical unit)
# Every distinct 年度指标值 and 实际完成值 in samples/dachang-2022/*.json, extracted once.
# Ratios are in percent; money in 万元; 名 → 人, 家 → 个, 次数 → 次.
SAMPLE_ROWS = [
    ('≥1 人', 'quantity', 'ge', 1.0, '人'),
    ('=1 人', 'quantity', 'eq', 1.0, '人'),
    ('100%', 'quantity', None, 100.0, '%'),
    ('12 次', 'quantity', None, 12.0, '次'),
    ('≤5.6 万元', 'quantity', 'le', 5.6, '万元'),
    ('5.18', 'quantity', None, 5.18, None),
    ('≥100%', 'quantity', 'ge', 100.0, '%'),
    ('≥95%', 'quantity', 'ge', 95.0, '%'),
    ('=95%', 'quantity', 'eq', 95.0, '%'),
    ('≥17 名', 'quantity', 'ge', 17.0, '人'),
    ('14 名', 'quantity', None, 14.0, '人'),
    ('≤30 天', 'quantity', 'le', 30.0, '天'),
    ('≤88 万元', 'quantity', 'le', 88.0, '万元'),
    ('65.22 万元', 'quantity', None, 65.22, '万元'),
    ('减轻', 'qualitative', None, None, None),
    ('≥1 项', 'quantity', 'ge', 1.0, '项'),
    ('1 项', 'quantity', None, 1.0, '项'),
    ('100 比率', 'quantity', None, 100.0, '%'),
    ('≥365 天', 'quantity', 'ge', 365.0, '天'),
    ('≤8.18 万元', 'quantity', 'le', 8.18, '万元'),
    ('≤7.99 万元', 'quantity', 'le', 7.99, '万元'),
    ('≤4.86 万元', 'quantity', 'le', 4.86, '万元'),
    ('≤4.97 万元', 'quantity', 'le', 4.97, '万元'),
    ('≥95 比率', 'quantity', 'ge', 95.0, '%'),
    ('≥1 年', 'quantity', 'ge', 1.0, '年'),
    ('≥3 台', 'quantity', 'ge', 3.0, '台'),
    ('3 台', 'quantity', None, 3.0, '台'),
    ('≥2 台', 'quantity', 'ge', 2.0, '台'),
    ('2 台', 'quantity', None, 2.0, '台'),
    ('≥73 把/组', 'quantity', 'ge', 73.0, '把/组'),
    ('73 把/组', 'quantity', None, 73.0, '把/组'),
    ('≥14 组', 'quantity', 'ge', 14.0, '组'),
    ('14 组', 'quantity', None, 14.0, '组'),
    ('≤4950 元', 'quantity', 'le', 0.495, '万元'),
    ('≤1800 元', 'quantity', 'le', 0.18, '万元'),
    ('≤37600 元', 'quantity', 'le', 3.76, '万元'),
    ('≤43950 元', 'quantity', 'le', 4.395, '万元'),
    ('≥50 人', 'quantity', 'ge', 50.0, '人'),
    ('≥3 年', 'quantity', 'ge', 3.0, '年'),
    ('1家', 'quantity', None, 1.0, '个'),
    ('≤28.5万元', 'quantity', 'le', 28.5, '万元'),
    ('=28.5万元', 'quantity', 'eq', 28.5, '万元'),
    ('1套', 'quantity', None, 1.0, '套'),
    ('≥100 米', 'quantity', 'ge', 100.0, '米'),
    ('≤10 万元', 'quantity', 'le', 10.0, '万元'),
    ('10 万元', 'quantity', None, 10.0, '万元'),
    ('95%', 'quantity', None, 95.0, '%'),
    ('1 人', 'quantity', None, 1.0, '人'),
    ('≥90%', 'quantity', 'ge', 90.0, '%'),
    ('≤834 元', 'quantity', 'le', 0.0834, '万元'),
    ('833.33', 'quantity', None, 833.33, None),
    ('<1 次', 'quantity', 'lt', 1.0, '次'),
    ('0 次', 'quantity', None, 0.0, '次'),
    ('=1 台', 'quantity', 'eq', 1.0, '台'),
    ('=7 台', 'quantity', 'eq', 7.0, '台'),
    ('≥3 次', 'quantity', 'ge', 3.0, '次'),
    ('≤3.5 万元', 'quantity', 'le', 3.5, '万元'),
    ('≤1.5 万元', 'quantity', 'le', 1.5, '万元'),
    ('有效提升', 'qualitative', None, None, None),
    ('已正常使用 1 年', 'quantity', None, 1.0, '年'),
    ('≥1 辆', 'quantity', 'ge', 1.0, '辆'),
    ('1 辆', 'quantity', None, 1.0, '辆'),
    ('12 月份', 'month', 'le', 12.0, '月'),
    ('≤13.6 万元', 'quantity', 'le', 13.6, '万元'),
    ('11.98 万元', 'quantity', None, 11.98, '万元'),
    ('≥8 年', 'quantity', 'ge', 8.0, '年'),
    ('≥8个', 'quantity', 'ge', 8.0, '个'),
    ('8个', 'quantity', None, 8.0, '个'),
    ('≥71个', 'quantity', 'ge', 71.0, '个'),
    ('71个', 'quantity', None, 71.0, '个'),
    ('≤3950元', 'quantity', 'le', 0.395, '万元'),
    ('3950元', 'quantity', None, 0.395, '万元'),
    ('≤400元', 'quantity', 'le', 0.04, '万元'),
    ('400元', 'quantity', None, 0.04, '万元'),
    ('≤10%', 'quantity', 'le', 10.0, '%'),
    ('≥9000册', 'quantity', 'ge', 9000.0, '册'),
    ('9000', 'quantity', None, 9000.0, None),
    ('≥10条', 'quantity', 'ge', 10.0, '条'),
    ('10', 'quantity', None, 10.0, None),
    ('4月份', 'month', 'le', 4.0, '月'),
    ('≤2元', 'quantity', 'le', 0.0002, '万元'),
    ('2元', 'quantity', None, 0.0002, '万元'),
    ('≤100元', 'quantity', 'le', 0.01, '万元'),
    ('100元', 'quantity', None, 0.01, '万元'),
    ('90%', 'quantity', None, 90.0, '%'),
    ('显著', 'qualitative', None, None, None),
    ('≤3月', 'month', 'le', 3.0, '月'),
    ('3月', 'month', 'le', 3.0, '月'),
    ('≤20万元', 'quantity', 'le', 20.0, '万元'),
    ('19.79万元', 'quantity', None, 19.79, '万元'),
    ('≤20%', 'quantity', 'le', 20.0, '%'),
    ('<20%', 'quantity', 'lt', 20.0, '%'),
    ('<1人', 'quantity', 'lt', 1.0, '人'),
    ('0', 'quantity', None, 0.0, None),
    ('显著提升', 'qualitative', None, None, None),
    ('未完成', 'done_word', None, None, None),
    ('≤3 月', 'month', 'le', 3.0, '月'),
    ('≤2 万元', 'quantity', 'le', 2.0, '万元'),
    ('<1 人', 'quantity', 'lt', 1.0, '人'),
    ('已完成', 'done_word', None, None, None),
    ('≤12 万元', 'quantity', 'le', 12.0, '万元'),
    ('≤24 万元', 'quantity', 'le', 24.0, '万元'),
    ('≥ 45000 人', 'quantity', 'ge', 45000.0, '人'),
    ('≥ 100 比率', 'quantity', 'ge', 100.0, '%'),
    ('≥ 100%', 'quantity', 'ge', 100.0, '%'),
    ('≤ 20 元', 'quantity', 'le', 0.002, '万元'),
    ('≥ 1 年', 'quantity', 'ge', 1.0, '年'),
    ('≥ 90%', 'quantity', 'ge', 90.0, '%'),
    ('≥6 次数', 'quantity', 'ge', 6.0, '次'),
    ('完成', 'done_word', None, None, None),
    ('≥95 百分比', 'quantity', 'ge', 95.0, '%'),
    ('≥100 百分比', 'quantity', 'ge', 100.0, '%'),
    ('≤1.48 万元', 'quantity', 'le', 1.48, '万元'),
    ('≥ 100000 人', 'quantity', 'ge', 100000.0, '人'),
    ('≥ 95 百分比', 'quantity', 'ge', 95.0, '%'),
    ('≥ 100 百分比', 'quantity', 'ge', 100.0, '%'),
    ('≤ 5 元/册', 'quantity', 'le', 5.0, '元/册'),
    ('≥ 95%', 'quantity', 'ge', 95.0, '%'),
    ('≥ 105 人', 'quantity', 'ge', 105.0, '人'),
    ('≤ 183.49 元/人', 'quantity', 'le', 183.49, '元/人'),
    ('有效提高', 'qualitative', None, None, None),
    ('≥ 95 比率', 'quantity', 'ge', 95.0, '%'),
    ('214275 人次', 'quantity', None, 214275.0, '人次'),
    ('≥100 比率', 'quantity', 'ge', 100.0, '%'),
    ('≤7.5 元', 'quantity', 'le', 0.00075, '万元'),
    ('健全', 'qualitative', None, None, None),
    ('≥8 人次', 'quantity', 'ge', 8.0, '人次'),
    ('≤15 万', 'quantity', 'le', 15.0, '万元'),]

# Cases the samples do not cover.
HARD_ROWS = [
    ("４５，０００人", "quantity", None, 45000.0, "人"),           # full-width digits and comma
    ("45,000 人", "quantity", None, 45000.0, "人"),
    ("≥1,234.5 万元", "quantity", "ge", 1234.5, "万元"),
    ("≥ 1.5亿元", "quantity", "ge", 15000.0, "万元"),
    ("≤0.4万元", "quantity", "le", 0.4, "万元"),
    ("不少于3次", "quantity", "ge", 3.0, "次"),
    ("不低于 95%", "quantity", "ge", 95.0, "%"),
    ("大于等于90%", "quantity", "ge", 90.0, "%"),
    ("达到100%", "quantity", "ge", 100.0, "%"),
    ("不高于5万元", "quantity", "le", 5.0, "万元"),
    ("不超过 3 天", "quantity", "le", 3.0, "天"),
    ("不大于2%", "quantity", "le", 2.0, "%"),
    ("小于等于10%", "quantity", "le", 10.0, "%"),
    ("低于5%", "quantity", "lt", 5.0, "%"),
    ("小于1人", "quantity", "lt", 1.0, "人"),
    ("高于80%", "quantity", "gt", 80.0, "%"),
    ("大于3次", "quantity", "gt", 3.0, "次"),
    ("超过 100 人", "quantity", "gt", 100.0, "人"),
    ("95%以上", "quantity", "ge", 95.0, "%"),                      # suffix words
    ("100人以上", "quantity", "ge", 100.0, "人"),
    ("3天以内", "quantity", "le", 3.0, "天"),
    ("5%以下", "quantity", "le", 5.0, "%"),
    ("＞＝90％", "quantity", "ge", 90.0, "%"),                       # full-width symbols
    ("＞80％", "quantity", "gt", 80.0, "%"),
    ("＜1人", "quantity", "lt", 1.0, "人"),
    ("≧8个", "quantity", "ge", 8.0, "个"),
    ("≦3 天", "quantity", "le", 3.0, "天"),
    ("＝１台", "quantity", "eq", 1.0, "台"),
    ("3950元", "quantity", None, 0.395, "万元"),
    ("≤15 万", "quantity", "le", 15.0, "万元"),
    ("≤ 183.49 元/人", "quantity", "le", 183.49, "元/人"),
    ("≤0.02万元/人", "quantity", "le", 200.0, "元/人"),             # money per head kept in 元
    ("95 比率", "quantity", None, 95.0, "%"),
    ("≥95 百分比", "quantity", "ge", 95.0, "%"),
    ("3个月", "quantity", None, 3.0, "月"),                          # a span, not a month point
    ("10万人", "quantity", None, 100000.0, "人"),
    ("无", "quantity", None, 0.0, None),
    ("12月前", "month", "le", 12.0, "月"),
    ("12 月份", "month", "le", 12.0, "月"),
    ("≤3月", "month", "le", 3.0, "月"),
    ("5月前拨付到位", "month", "le", 5.0, "月"),
    ("4 月", "month", "le", 4.0, "月"),
    ("4月份", "month", "le", 4.0, "月"),
    ("12月底前", "month", "le", 12.0, "月"),
    ("2022年12月31日前", "month", "le", 12.0, "月"),
    ("１２月前", "month", "le", 12.0, "月"),
    ("定性", "qualitative", None, None, None),
    ("优", "qualitative", None, None, None),
    ("良", "qualitative", None, None, None),
    ("中", "qualitative", None, None, None),
    ("差", "qualitative", None, None, None),
    ("好", "qualitative", None, None, None),
    ("满足", "qualitative", None, None, None),
    ("降低", "qualitative", None, None, None),
    ("按计划完成", "done_word", None, None, None),
    ("全部完成", "done_word", None, None, None),
    ("", "blank", None, None, None),
    ("   ", "blank", None, None, None),
    ("\u3000", "blank", None, None, None),
    (None, "blank", None, None, None),
    ("—", "blank", None, None, None),
    ("见附件", "unparsed", None, None, None),
]


@pytest.mark.parametrize("text,kind,direction,number,unit", SAMPLE_ROWS + HARD_ROWS,
                         ids=[repr(r[0]) for r in SAMPLE_ROWS + HARD_ROWS])
def test_parse_value(text, kind, direction, number, unit):
    v = parse_value(text)
    assert (v.kind, v.direction, v.unit) == (kind, direction, unit)
    if number is None:
        assert v.number is None
    else:
        assert v.number == pytest.approx(number, rel=1e-12)


def test_sample_table_is_complete():
    """The table above holds every distinct target and actual of the samples (none added since)."""
    written = {i.target for f in _forms() for i in f.indicators} | {i.actual for f in _forms() for i in f.indicators}
    assert written == {r[0] for r in SAMPLE_ROWS}


def _forms():
    paths = sorted(SAMPLE_DIR.glob("[0-9][0-9].json"))
    assert len(paths) == 23
    return [load_form(p) for p in paths]


def test_every_sample_value_parses():
    bad = [(f.project, i.name, cell) for f in _forms() for i in f.indicators
           for cell in (i.target, i.actual) if parse_value(cell).kind == "unparsed"]
    assert bad == []


@pytest.mark.parametrize("text,done", [("完成", True), ("已完成", True), ("按计划完成", True),
                                       ("未完成", False), ("没有完成", False), ("部分完成", None)])
def test_done_words(text, done):
    v = parse_value(text)
    assert v.kind == "done_word" and v.done is done


@pytest.mark.parametrize("text,bound", [("≥95%", True), ("<20%", True), ("95%以上", True), ("≤3月", True),
                                        ("=1 人", False), ("100%", False), ("12月前", False), ("5.18", False)])
def test_stated_bound(text, bound):
    """As an actual, a written comparison is a bound, not a measured value; "=1 人" is the value 1 人."""
    assert parse_value(text).stated_bound is bound


@pytest.mark.parametrize("text,extra", [("已正常使用 1 年", True), ("5月前拨付到位", True), ("已完成 100%", True),
                                        ("≥ 45000 人", False), ("12 月份", False), ("95%以上", False)])
def test_extra_text(text, extra):
    assert parse_value(text).extra_text is extra


def test_units_as_written_and_shown():
    v = parse_value("≤3950元")
    assert (v.unit_text, v.scale, v.unit_dim) == ("元", 1e-4, "money")
    assert v.shown() == "3950 元"
    assert parse_value("≥95 比率").shown() == "95%"
    assert parse_value("14 名").unit_dim == "count:人"
    assert parse_value("73 把/组").unit_dim == "count:把/组"
    assert parse_value("≤ 5 元/册").unit_dim == "money/册"
    assert parse_value("≤3月").unit_dim == "month" and parse_value("3个月").unit_dim == "time"


def test_decimals_written():
    assert parse_value("=28.5万元").decimals == 1
    assert parse_value("≥1 人").decimals == 0


def test_time_factor_through_days():
    assert time_factor("年", "天") == 365 and time_factor("月", "天") == 30 and time_factor("天", "天") == 1
    assert time_factor("人", "天") is None


def test_normalize():
    assert normalize(" ≧ ４５，０００ 人。") == "≥45000人"


def test_value_is_frozen_and_cached():
    v = parse_value("≥17 名")
    assert isinstance(v, Value)
    with pytest.raises(dataclasses.FrozenInstanceError):
        v.number = 1.0  # type: ignore[misc]
    assert parse_value("≥17 名") is v


def test_numbers_from_a_pandas_table_are_numbers():
    """NumPy 2 writes a numpy.float64 as “np.float64(0.5)”: ``decimal_of`` made a Decimal of that
    repr and raised InvalidOperation — in ``pct`` and ``round2`` for any value taken from a table."""
    import numpy as np

    from jixiao.core.numbers import decimal_of, pct, round2

    assert str(decimal_of(np.float64(0.1))) == "0.1" and decimal_of(np.int64(7)) == 7
    assert pct(np.float64(0.925)) == "92.50%" and round2(np.float64(8.235)) == 8.24
