"""Issue 14 on the samples and on small forms: direction inference, units, anchoring, ordering,
the 校验结果 sheet's 应为 column, grades above 100, and the recall/precision on the 23 samples."""

from __future__ import annotations

import pytest

from conftest import SAMPLES
from jixiao.checking.run import check_batch, format_text
from jixiao.core.direction import infer
from jixiao.core.findings import unfold
from jixiao.forms.project.model import parse_form
from jixiao.excel.plan import RESULT_SHEET, SetComment, annotation_plan
from jixiao.checking.rules import CATALOGUE, importance, load_catalogue
from jixiao.forms.project.scoring import score_form, score_indicator
from jixiao.sources import load_all
from jixiao.core.values import parse_value

FORMS = [p for p in SAMPLES if p.stem[:1].isdigit()]


@pytest.fixture(scope="module")
def published():
    return check_batch(load_all(FORMS))


# -- 1. direction ---------------------------------------------------------------------------
@pytest.mark.parametrize("target, name, level2, why", [
    ("12 万元", "采购费用", "成本指标", "成本指标"),
    ("30万", "拨付金额", "数量指标", "拨付金额"),
    ("控制在 5 万元", "印刷", "数量指标", "控制在"),
    ("5 个工作日", "办结时间", "时效指标", "时效指标"),
    ("3 起", "群众投诉", "社会效益指标", "投诉"),
    ("2%", "安全事故发生率", "质量指标", "发生率"),
    ("20%", "就医费用本人负担比率", "经济效益指标", "负担"),
])
def test_ceilings_are_inferred(target, name, level2, why):
    got = infer(parse_value(target), name, level2)
    assert got is not None and got[0] == "le" and why in got[1]


@pytest.mark.parametrize("target, name, level2", [
    ("≥12 万元", "采购费用", "成本指标"),           # written: the filler's own word
    ("100%", "足额发放率", "质量指标"),
    ("95%", "服务对象满意度", "服务对象满意度指标"),
    ("12 次", "工资发放及时性", "时效指标"),        # a count under 时效 is no time limit
    ("90%", "经费到位率", "质量指标"),              # a rate of money: bigger is better
    ("10 万元", "成本节约额", "成本指标"),          # 节约: more is better
    ("12 月前", "完成时间", "时效指标"),            # a month point is read by values already
    ("显著提升", "群众投诉处理", "社会效益指标"),    # not a number
])
def test_no_ceiling_is_invented(target, name, level2):
    assert infer(parse_value(target), name, level2) is None


def test_scorer_keeps_both_readings_of_an_inferred_ceiling():
    s = score_indicator("12 万元", "10 万元", 10, 10, name="采购费用", level2="成本指标")
    assert (s.direction, s.score, s.alt_score) == ("le", 10, 8.33) and s.inferred
    assert "按反向指标" in s.basis and "若按正向指标理解则得 8.33 分" in s.basis
    plain = score_indicator("12 万元", "10 万元", 10, 10)      # the UDF without a name: unchanged
    assert (plain.direction, plain.score, plain.inferred) == ("ge", 8.33, None)
    over = score_indicator("12 万元", "15 万元", 10, 10, name="采购费用", level2="成本指标")
    assert (over.score, over.alt_score) == (7.5, 10)


# -- 2. totals ------------------------------------------------------------------------------
def test_a_total_above_100_is_never_a_grade(published):
    ten = next(f for f in load_all([FORMS[9]]).forms)
    s = score_form(ten.form)
    assert s.total == 109.5 and s.grade != "优"
    (d11,) = [f for f in published.findings if f.file.endswith("/10.json") and f.rule == "D11"]
    assert d11.cell and "109.5" in d11.message and "优" not in d11.expected
    # D12 inside D11, which says the total is above 100 and what to do first (one entry on H34)
    (d12,) = [f for f in unfold(published.findings) if f.file.endswith("/10.json") and f.rule == "D12"]
    assert d12.severity == "error" and d12.field == "total_score"


def test_corrected_total_of_01(published):
    (d11,) = [f for f in published.findings if f.file.endswith("/01.json") and f.rule == "D11"]
    assert d11.expected == "99.25（优）" and d11.found == 97.75 and "18.5 分 → 20 分" in d11.message


def _nested(text: str) -> bool:
    """A （） inside another （）: GB/T 15834 wants the inner pair different, or the sentence rephrased."""
    depth = 0
    for ch in str(text):
        depth += {"（": 1, "）": -1}.get(ch, 0)
        if depth > 1:
            return True
    return False


def test_d11_never_nests_parentheses(published):
    """D11 put a clause in （） inside its （）: “改正得分后（执行率得分 10 → 9.5（执行率 95.00%））” and, above
    100, “109.5（无法评定（总分超过 100））”. Each case of the message now reads with one pair."""
    from test_rules import both, clean, executed, ind, run, top

    def edited(*edits):
        d = clean()
        both(*edits)(d)
        return run(d)

    def zero(d):  # a budget of 0: no 执行率, the 执行率得分 cell blank
        for row in ("total", "fiscal"):
            d["funds"][row].update(initial=0, annual=0, executed=0)
        d.update(exec_rate=None, exec_score=None)

    cases = {
        "01": [f for f in published.findings if f.file.endswith("/01.json") and f.rule == "D11"],
        "10": [f for f in published.findings if f.file.endswith("/10.json") and f.rule == "D11"],
        "执行率": edited(executed(5.32), top(exec_rate="95%", exec_score=10, total_score=100)),
        "预算为0": edited(zero, ind(3, score=18.5, reason="节约资金"), top(total_score=99.25)),
        "表中超过100": edited(ind(3, score=18.5, reason="节约资金"), top(total_score=101)),
    }
    said = {k: [f for f in v if f.rule == "D11"] for k, v in cases.items()}
    assert all(len(v) == 1 for v in said.values()), said
    for k, (f,) in said.items():
        assert not _nested(f.message) and not _nested(f.expected), (k, f.message, f.expected)
    assert "执行率得分 10 分 → 9.5 分，按执行率 95.00%" in said["10"][0].message
    assert said["10"][0].expected == "109.5（超过 100，不能评定等级）"
    assert "总分应为 109.5 分，超过 100 分，不能评定等级；表中总分为 100 分（等级优）" in said["10"][0].message
    assert "表中总分为 101 分（超过 100 分，不能评定等级）" in said["表中超过100"][0].message
    assert said["01"][0].expected == "99.25（优）" and "总分应为 99.25 分，等级优；" in said["01"][0].message


# -- 6. units -------------------------------------------------------------------------------
@pytest.mark.parametrize("text, unit_text, exact", [
    ("110 公里", "公里", "110 公里"), ("≥100 千米", "千米", "100 千米"), ("300 平方米", "平方米", "300 平方米"),
    ("20 平米", "平米", "20 平米"), ("45 件次", "件次", "45 件次"), ("1200 人次", "人次", "1200 人次"),
    ("12 个单位", "个单位", "12 个单位"), ("3 台套", "台套", "3 台套"), ("≤5 个工作日", "个工作日", "5 个工作日"),
    ("86 户", "户", "86 户"), ("9000 册", "册", "9000 册"), ("4 期", "期", "4 期"),
    ("0.123456 万元", "万元", "0.123456 万元"), ("3950 元", "元", "3950 元"), ("12.50%", "%", "12.50%"),
])
def test_unit_vocabulary_and_exact_numbers(text, unit_text, exact):
    v = parse_value(text)
    assert (v.unit_text, v.extra_text, v.exact()) == (unit_text, False, exact)


def test_units_convert_and_words_are_not_units():
    s = score_indicator("≥2 公里", "2500 米", 10, 10)
    assert s.computed and s.score == 10
    s = score_indicator("≥1 公顷", "8000 平方米", 10, 8)
    assert s.computed and s.score == 8
    assert score_indicator("≤5 个工作日", "7 天", 10, 10).computed    # 7 天 = 5 个工作日


def test_actual_in_kilometres_is_not_text(published):
    from test_rules import clean, hits, ind, run

    d = clean()
    ind(0, name="道路硬化", target="≥100 公里", actual="110 公里")(d)
    found = run(d)
    assert not hits(found, "C10") and not hits(found, "C6") and not hits(found, "C14")
    ind(0, actual="110")(d)
    (c15,) = hits(run(d), "C15")
    assert c15.expected == "110 公里"


# -- 7. every finding on a cell, ordered, with 应为, severity from the catalogue --------------
def test_every_sample_finding_has_a_cell_and_the_catalogue_severity(published):
    cat = load_catalogue()
    for f in published.findings:
        if f.rule == "X1":                       # the summary JSON is not a form
            continue
        assert f.cell, (f.rule, f.field, f.file)
        assert f.severity == cat[f.rule].severity, f.rule
        assert f.expected not in (None, ""), (f.rule, f.message)


def test_sample_findings_are_ordered_by_importance(published):
    rank = {"error": 0, "warning": 1, "info": 2}
    for a, b in zip(published.findings, published.findings[1:]):
        if a.source == b.source and a.severity == b.severity:
            assert importance(a.rule) <= importance(b.rule), (a.rule, b.rule, a.file)
        if a.source == b.source:
            assert rank[a.severity] <= rank[b.severity]


def test_result_sheet_and_comments(published):
    findings = [f for f in published.findings if f.rule != "X1"]
    for f in findings:
        f.sheet = f.sheet or "表"
    plan = annotation_plan(findings)
    sheet = next(e for e in plan.edits if getattr(e, "name", None) == RESULT_SHEET)
    assert sheet.cells["G2"] == "应为"
    for r in range(3, 3 + len(findings)):
        assert sheet.cells[f"G{r}"] not in ("", None), sheet.cells[f"F{r}"]
    comments = [e.text for e in plan.edits if isinstance(e, SetComment)]
    assert comments and all(c.startswith("【") and "〔规则 " in c for c in comments)
    assert all(not line.startswith(("【错误 A", "【警告 C")) for c in comments for line in c.splitlines())


def test_text_output_names_the_cell_then_the_rule_then_the_message(published):
    """A rule code never stands where it reads like a cell address: "错误 · 单元格 H34 · 规则 D11 · …"."""
    lines = [ln.strip() for ln in format_text(published).splitlines() if " · 规则 " in ln]
    assert lines and all(ln.split(" · ")[1].startswith(("单元格 ", "整张表")) for ln in lines)
    assert any(ln.startswith("错误 · 单元格 H34 · 规则 D11 · ") for ln in lines)


def test_variant_rules_name_their_parent():
    from jixiao.checking.rules import VARIANTS

    assert VARIANTS[("D4", "warning")] == "D8" and CATALOGUE["D8"].severity == "warning"
    assert all(CATALOGUE[code].severity == sev for (_p, sev), code in VARIANTS.items())


# -- measured on the samples: the README's mistakes found, none of the corrected forms wrong ---
KNOWN = [  # samples/README.md's list, as (sample, field)
    ("10", "total_weight"), ("10", "exec_score"), ("14", "exec_rate"), ("15", "exec_rate"),
    ("09", "funds.fiscal.annual"), ("01", "indicators[3].score"),
]


def test_recall_on_the_readme_list(published):
    errors = {(f.file.rsplit("/", 1)[-1][:2], f.field) for f in published.findings if f.severity == "error"}
    assert all(k in errors for k in KNOWN)
    # "many 实际完成值 repeat the target or say only 完成/已完成": every one of them is an error
    for p in FORMS:
        form = parse_form(__import__("json").loads(p.read_text(encoding="utf-8")))
        for i, ind in enumerate(form.indicators):
            a, t = parse_value(ind.actual), parse_value(ind.target)
            if t.is_number and (a.stated_bound or a.kind == "done_word"):
                assert (p.stem, f"indicators[{i}].actual") in errors, (p.stem, i, ind.actual)


# -- 4. 执行率得分 from the true rate; the rounded rate only under the 执行率取整 option -------------
def test_rounded_rate_only_as_a_profile_option(published):
    from jixiao.core.profiles import get_profile

    (a9,) = [f for f in published.findings if f.file.endswith("/22.json") and f.rule == "A9"]
    assert (a9.severity, a9.expected, a9.found) == ("warning", 8.36, 8.4)
    form = load_all([FORMS[21]]).forms[0].form
    assert (score_form(form).exec_score, score_form(form, "round").exec_score) == (8.36, 8.4)
    rounded = check_batch(load_all([FORMS[21]]), get_profile("执行率取整"))
    assert not [f for f in rounded.findings if f.rule in ("A4", "A9", "D11")]


@pytest.mark.parametrize("target, name, level2", [
    ("100 人", "培训费用覆盖人数", "数量指标"),      # a money word on a count
    ("3 次", "办结时限检查", "数量指标"),            # a time word on a count
])
def test_words_only_count_for_their_own_kind_of_number(target, name, level2):
    assert infer(parse_value(target), name, level2) is None


def test_check_button_reads_the_rules_block_of_the_settings_sheet(tmp_path):
    import openpyxl

    from jixiao.actions import FileHost, check
    from jixiao.cli import main

    book = tmp_path / "表.xlsx"
    assert main(["fill", str(FORMS[0]), "-o", str(book)]) == 0
    result, _plan = check(FileHost(str(book), str(tmp_path / "a.xlsx")))
    assert [f.severity for f in result.findings if f.rule == "H1"] == ["warning"]
    wb = openpyxl.load_workbook(book)
    ws = wb.create_sheet("设置")
    for row in (["单位名称", "县医保局"], [None], ["校验规则", "设置"], ["H1", "错误"], ["C9", "关闭"]):
        ws.append(row)
    wb.save(book)
    result, plan = check(FileHost(str(book), str(tmp_path / "b.xlsx")))
    assert [f.severity for f in result.findings if f.rule == "H1"] == ["error"]
    assert not [f for f in result.findings if f.rule == "C9"]
