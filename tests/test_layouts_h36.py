"""County clerks' own layouts found in the h36 import round: each test one thing the
label-anchored reader got wrong (a column not found, a unit missed, text lost), on a
small grid built here; the corpus books 19-… hold the same layouts whole.
"""

from __future__ import annotations

from typing import Any

from jixiao.reading import SheetGrid, read_grid

FUND_HEAD = ["项目资金", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
IND_HEAD = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]


def form_rows(*, above: list[list[Any]] | None = None, fund_head: list[Any] | None = None,
              money: tuple[Any, Any, Any] = (50, 50, 46.25), ind_head: list[Any] | None = None,
              inds: list[list[Any]] | None = None, total: str = "总分") -> list[list[Any]]:
    """A plain form, one row a list from column A; the parts a test varies passed in."""
    inds = inds or [["产出指标", "数量指标", "保障人数", "≥3000人", "3120人", 45, 45, None],
                    ["满意度指标", "服务对象满意度指标", "满意度", "≥90%", "93%", 45, 45, None]]
    return [
        ["2023年度项目支出绩效自评表"],
        *(above or []),
        ["项目名称", "城乡低保工作经费"],
        ["主管部门", "某县民政局", None, None, "实施单位", "某县社会救助服务中心"],
        fund_head or FUND_HEAD,
        [None, "年度资金总额", *money, 10, 0.925, 9.25],
        [None, "其中：财政拨款", *money],
        ["年度总体目标", "预期目标", None, None, "实际完成情况"],
        [None, "保障低保对象基本生活", None, None, "已完成"],
        ind_head or IND_HEAD,
        *inds,
        [total, None, None, None, None, 100, 99.25],
    ]


def read(rows: list[list[Any]]):
    forms, problems = read_grid(SheetGrid(rows, [], "民政.xlsx", "低保"))
    assert problems == []
    (af,) = forms
    return af


def test_a_score_column_headed_zipingfen_is_the_score():
    """“自评分” (and “自评得分”) head the 得分 column in some counties' forms: the form was
    “不是自评表：缺少标签“得分””."""
    for head in ("自评分", "自评得分"):
        af = read(form_rows(ind_head=[*IND_HEAD[:6], head, IND_HEAD[7]]))
        assert [i.score for i in af.form.indicators] == [45, 45]
        assert af.cells["indicators[0].score"] == "G10"


def test_money_unit_line_under_the_title_converts_yuan():
    """“金额单位：元” on the line under the title, beside “填报单位：…”, above the 项目名称: the
    amounts were read as 万元 (500000 元 as 500000 万元) with a note “没有注明单位，按万元读”."""
    above = [["填报单位（盖章）：某县民政局", None, None, None, None, "金额单位：元"]]
    af = read(form_rows(above=above, money=(500000, 500000, 462500)))
    total = af.form.funds.total
    assert (total.initial, total.annual, total.executed) == (50, 50, 46.25)
    notes = [str(n) for n in af.notes]
    assert "F2：项目资金的单位是元：金额都已换算为万元（÷10000）" in notes
    assert not any("没有注明单位" in n for n in notes)
    # “单位：万元” there is 万元, as before, without the note that no unit is given
    af = read(form_rows(above=[[None, None, None, None, None, "单位：万元"]]))
    assert af.form.funds.total.annual == 50 and not any("单位" in str(n) for n in af.notes)


def test_reason_and_measures_in_two_columns_are_one_text():
    """偏差原因 | 改进措施 in two columns: the 改进措施 column was dropped, the imported form
    lost it. Side by side, or under one “偏差原因分析及改进措施” merged across both."""
    head = [*IND_HEAD[:7], "偏差原因", "改进措施"]
    inds = [["产出指标", "质量指标", "审核审批准确率", "≥98%", "96%", 45, 44, "个别家庭收入核查不及时。", "加强入户核查"],
            ["产出指标", "时效指标", "发放及时率", "100%", "100%", 25, 25, None, "/"],
            ["满意度指标", "服务对象满意度指标", "满意度", "≥90%", "88%", 20, 19.56, None, "开展回访"]]
    want = ["偏差原因：个别家庭收入核查不及时；改进措施：加强入户核查", None, "改进措施：开展回访"]
    af = read(form_rows(ind_head=head, inds=inds))
    assert [i.reason for i in af.form.indicators] == want
    assert [af.cells.get(f"indicators[{i}].reason") for i in range(3)] == ["H10", "H11", "I12"]
    assert [str(n) for n in af.notes if "两列" in str(n)] == [
        "H9、I9：偏差原因、改进措施分两列：合为一段读入“偏差原因分析及改进措施”（“偏差原因：…；改进措施：…”）"]

    rows = form_rows(ind_head=[*IND_HEAD, None], inds=inds)
    at = rows.index([*IND_HEAD, None])
    rows.insert(at + 1, [None] * 7 + ["偏差原因", "改进措施"])
    forms, problems = read_grid(SheetGrid(rows, [((at, 7), (at, 8))] + [((at, c), (at + 1, c)) for c in range(7)],
                                          "民政.xlsx", "低保"))
    assert problems == []
    assert [i.reason for i in forms[0].form.indicators] == want
    assert [i.name for i in forms[0].form.indicators] == ["审核审批准确率", "发放及时率", "满意度"]


def test_a_percentage_in_a_score_cell_is_no_number():
    """“93%” typed where the 得分 of 满意度 belongs (and “95%” as the 执行率得分) is a cell the form
    cannot take, as in our template: it was read as 0.93 分 (and 0.95 分)."""
    inds = [["产出指标", "数量指标", "保障人数", "≥3000人", "3120人", 45, 45, None],
            ["满意度指标", "服务对象满意度指标", "满意度", "≥90%", "93%", 45, "93%", None]]
    rows = form_rows(inds=inds)
    rows[4][7] = "95%"
    forms, problems = read_grid(SheetGrid(rows, [], "民政.xlsx", "低保"))
    assert forms == []
    assert [(p.cell, str(p).split("：")[-1]) for p in problems] == [
        ("H5", "执行率得分应为数字，现为“95%”"), ("G11", "得分应为数字，现为“93%”")]


def test_numbers_typed_as_text_are_said_as_in_our_template():
    """“45分” in a 分值 cell, “462,500.00” in a money cell in 元: read, and each an X2 warning (the
    sheet's own sums skip text), as our template's reader says it; the other layouts said nothing.
    A packed cell's lines are text by nature: its splitting is noted, not each line."""
    from jixiao.guard.sanitize import ReadNote

    inds = [["产出指标", "数量指标", "保障人数", "≥3000人", "3120人", "45分", 45, None],
            ["满意度指标", "服务对象满意度指标", "满意度\n回访率", "≥90%\n≥80%", "93%\n85%", "25\n20", "25\n20", None]]
    af = read(form_rows(above=[["单位：元"]], money=(500000, "500,000.00", "462,500.00"), inds=inds))
    assert af.form.funds.total.executed == 46.25 and af.form.indicators[0].weight == 45
    said = {n.cell: n.message for n in af.notes if isinstance(n, ReadNote)}
    assert sorted(said) == ["D6", "D7", "E6", "E7", "F11"]   # 年度资金总额 and 其中：财政拨款, the 45分
    assert said["E6"] == ("年度资金总额的全年执行数“462,500.00”是文字（或文本格式的数字），表中的公式和汇总表不把它算作"
                          "数字；已按 462500 读，请将单元格格式设为“常规”或“数值”后只填数字 462500")
    assert said["F11"] == ("分值“45分”是文字（或文本格式的数字），表中的公式和汇总表不把它算作数字；已按 45 读，"
                           "请将单元格格式设为“常规”或“数值”后只填数字 45")
    assert any(n.cell == "E6" and "462500 元按 46.25 万元读" in n.message for n in af.notes)


def test_a_band_over_target_and_actual_is_read_by_the_headers_under_it():
    """“指标值” merged across two columns over “年度指标值” | “实际完成值” (the other headers merged
    down both rows): the sheet was “不是自评表：缺少标签“实际完成值””."""
    rows = form_rows(ind_head=["一级指标", "二级指标", "三级指标", "指标值", None, "分值", "得分", "偏差原因分析及改进措施"])
    at = next(i for i, row in enumerate(rows) if row[:1] == ["一级指标"])
    rows.insert(at + 1, [None, None, None, "年度指标值", "实际完成值"])
    merges = [((at, 3), (at, 4))] + [((at, c), (at + 1, c)) for c in (0, 1, 2, 5, 6, 7)]
    forms, problems = read_grid(SheetGrid(rows, merges, "教育.xlsx", "营养改善计划"))
    assert problems == []
    (af,) = forms
    assert [(i.name, i.target, i.actual) for i in af.form.indicators] == [
        ("保障人数", "≥3000人", "3120人"), ("满意度", "≥90%", "93%")]
    assert (af.cells["indicators[0].target"], af.cells["indicators[0].actual"]) == ("D11", "E11")


def test_filling_unit_over_a_form_without_its_unit_row_is_the_unit():
    """“填报单位（盖章）：某县教育局” under the title and no 主管部门/实施单位 rows: the unit was lost
    (blank in the imported form, noted “表中没有“实施单位”一栏，按空白读”); now it is the 实施单位,
    to be checked. 主管部门 stays blank: nothing says which it is."""
    rows = form_rows(above=[["填报单位（盖章）：某县教育局", None, None, None, None, "单位：万元"]])
    del rows[3]  # 主管部门 | … | 实施单位 | …
    af = read(rows)
    assert (af.form.authority, af.form.unit, af.cells["unit"]) == (None, "某县教育局", "A2")
    assert [str(n) for n in af.notes] == ["A2：表中没有“实施单位”一栏，按“填报单位”读为“某县教育局”，需要核对",
                                          "表中没有“主管部门”一栏，按空白读"]
    # where the form has its 实施单位 row, that is the unit
    af = read(form_rows(above=[["填报单位（盖章）：某县教育局"]]))
    assert af.form.unit == "某县社会救助服务中心" and not any("填报单位" in str(n) for n in af.notes)


def test_year_beside_a_label_of_the_head():
    """“项目名称 | … | 预算年度 | 2023”, no year above the form: the form was refused “找不到年度”
    (on the title's cell), though the year is on it."""
    rows = form_rows()
    rows[0] = ["项目支出绩效自评表"]
    rows[1] = ["项目名称", "城乡低保工作经费", None, None, "预算年度", 2023]
    af = read(rows)
    assert (af.form.year, af.cells["year"], af.form.project) == (2023, "F2", "城乡低保工作经费")
    rows[1][4:] = ["年度：2023年"]
    af = read(rows)
    assert (af.form.year, af.cells["year"]) == (2023, "E2")


def test_subtotal_rows_within_the_indicators_are_no_indicators():
    """A “小计” row after each 一级指标 (its 分值 and 得分 the sums above) was read as an indicator
    named “” with 一级指标 “小计”: 分值 counted twice (B1 “分值合计应为 100”, D7, C1, C3 on each)."""
    inds = [["产出指标", "数量指标", "保障人数", "≥3000人", "3120人", 45, 45, None],
            ["小计", None, None, None, None, 45, 45, None],
            ["满意度指标", "服务对象满意度指标", "满意度", "≥90%", "93%", 45, 45, None],
            [None, "满意度指标小计", None, None, None, 45, 45, None]]
    af = read(form_rows(inds=inds))
    assert [(i.level1, i.name, i.weight) for i in af.form.indicators] == [
        ("产出指标", "保障人数", 45), ("满意度指标", "满意度", 45)]
    assert af.rows == [10, 12]
    assert [str(n) for n in af.notes if "小计" in str(n)] == [
        "A11：第 11 行是“小计”行（上方指标的合计），不是指标，已跳过",
        "B13：第 13 行是“满意度指标小计”行（上方指标的合计），不是指标，已跳过"]


def test_columns_our_template_has_none_of_are_said_not_imported():
    """“指标解释” and “备注” columns in the indicator table: what they held was dropped from the
    imported form without a word. Now one note per column, on its header, naming its cells; a
    序号 column is passed over."""
    head = ["序号", *IND_HEAD[:3], "指标解释", *IND_HEAD[3:], "备注"]
    inds = [[1, "产出指标", "数量指标", "保障人数", "享受低保待遇的人数", "≥3000人", "3120人", 45, 45, None, None],
            [2, "满意度指标", "服务对象满意度指标", "满意度", None, "≥90%", "88%", 45, 44, "回访不足", "已整改"]]
    af = read(form_rows(ind_head=head, inds=inds))
    assert [i.name for i in af.form.indicators] == ["保障人数", "满意度"]
    assert [str(n) for n in af.notes if "本模板没有" in str(n)] == [
        "E9：指标表中“指标解释”一列本模板没有，其中的内容未导入：E10“享受低保待遇的人数”",
        "K9：指标表中“备注”一列本模板没有，其中的内容未导入：K11“已整改”"]


# --------------------------------------------------------------------------- the corpus books


def test_the_round_layouts_read_back_with_their_notes():
    """19-county-own and 20-subtotals-band, in every format: field for field and cell for cell
    (``test_anchored``), and here the notes a reviewer of the import must see."""
    import json
    from pathlib import Path

    from jixiao.forms.project.reader import read_workbook

    corpus = Path(__file__).resolve().parent / "corpus"
    index = {b["name"]: b for b in json.loads((corpus / "index.json").read_text(encoding="utf-8"))}
    names = [n for n, b in index.items() if b.get("round") == "h36"]
    assert names == ["19-county-own", "20-subtotals-band"]
    for n in names:
        for fmt in index[n]["formats"]:
            res = read_workbook(corpus / f"{n}{fmt}")
            assert res.problems == [] and len(res.forms) == index[n]["forms"], (n, fmt)
            notes = [str(x) for sf in res.forms for x in sf.notes]
            if n == "19-county-own":
                assert notes[0] == "F2：项目资金的单位是元：金额都已换算为万元（÷10000）"
                assert any("偏差原因、改进措施分两列" in x for x in notes)
                assert any("“指标解释”一列本模板没有" in x for x in notes)
                assert any("“备注”一列本模板没有" in x and "“已整改”" in x for x in notes)
            else:
                assert sum("“小计”行" in x for x in notes) == 6
                assert "A2：表中没有“实施单位”一栏，按“填报单位”读为“大厂回族自治县医疗保障局”，需要核对" in notes
