"""Other counties' and provinces' layouts found in the s58 import round: each test one thing the
label-anchored reader got wrong, on a small grid built here, and a workbook written with openpyxl
that ``import`` and ``check`` read whole.
"""

from __future__ import annotations

from typing import Any

from jixiao.reading import SheetGrid, read_grid

IND_HEAD = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
INDS = [["产出指标", "数量指标", "养护里程", "≥120公里", "118公里", 50, 49.17, "两段道路施工延期"],
        ["效益指标", "社会效益指标", "群众出行条件改善", "明显改善", "明显改善", 30, 30, None],
        ["满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥90%", "95%", 10, 10, None]]
MONEY = [["项目资金（万元）", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
         [None, "年度资金总额", 80, 80, 76, 10, "95%", 9.5],
         [None, "其中：财政拨款", 80, 80, 76]]
TOTAL = ["总分", None, None, None, None, 100, 98.67]


def head_rows() -> list[list[Any]]:
    return [["2023年度项目支出绩效自评表"],
            ["项目名称", "乡村道路养护"],
            ["主管部门", "甲县交通运输局", None, None, "实施单位", "甲县公路站"]]


GOALS = [["年度总体目标", "预期目标", None, None, "实际完成情况"],
         [None, "养护农村公路120公里", None, None, "养护农村公路118公里"]]


def read(rows: list[list[Any]], merges: list[Any] | None = None):
    forms, problems = read_grid(SheetGrid(rows, merges or [], "交通.xlsx", "自评"))
    assert problems == []
    (af,) = forms
    return af


# ------------------------------------------------------------------ 项目资金 after the indicators


def test_a_money_table_after_the_indicators_is_the_forms_money():
    """The 项目资金 table printed under the indicators (before the 总分 row, or after it): its head and
    rows were read as indicators (“分值应为数字，现为“分值””), the form unread. Now the money is the
    form's, on its cells, and the indicators stop above it."""
    af = read([*head_rows(), *GOALS, IND_HEAD, *INDS, *MONEY, TOTAL])
    f = af.form
    assert [i.name for i in f.indicators] == ["养护里程", "群众出行条件改善", "沿线群众满意度"]
    assert af.rows == [7, 8, 9]
    assert (f.funds.total.initial, f.funds.total.annual, f.funds.total.executed) == (80, 80, 76)
    assert (f.funds.fiscal.annual, f.funds_weight, f.exec_rate, f.exec_score) == (80, 10, "95%", 9.5)
    assert (af.cells["funds.total.annual"], af.cells["exec_score"]) == ("D11", "H11")
    assert (f.goal_expected, f.goal_actual) == ("养护农村公路120公里", "养护农村公路118公里")
    assert (f.total_weight, f.total_score, af.cells["total_score"]) == (100, 98.67, "G13")

    yuan = [["项目资金", "单位：元"], [None, *MONEY[0][1:]], [None, "年度资金总额", 800000, 800000, 760000, 10, "95%", 9.5]]
    af = read([*head_rows(), *GOALS, IND_HEAD, *INDS, TOTAL, *yuan, ["填报人：张三"]])
    assert [i.name for i in af.form.indicators] == ["养护里程", "群众出行条件改善", "沿线群众满意度"]
    assert (af.form.funds.total.annual, af.form.funds.total.executed, af.cells["funds.total.executed"]) == (80, 76, "E13")
    assert af.form.filled_by == "张三" and af.form.total_score == 98.67
    assert "B11：项目资金的单位是元：金额都已换算为万元（÷10000）" in [str(n) for n in af.notes]


# ------------------------------------------------------------------ a 分值 column of the 一级指标


def test_a_level1_weight_column_left_of_the_indicators_is_not_theirs():
    """“一级指标 | 分值 | 二级指标 | 三级指标 | … | 分值 | 得分”: the 一级指标's 分值 (50 merged over its two
    rows) was read as every indicator's 分值 — 50 on the first, blank on the second — and the
    indicators' own 分值 column was listed as not imported. Now the 分值 right of the 三级指标 is theirs,
    and the 一级指标's column is the one said not imported."""
    head = ["一级指标", "分值", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
    inds = [["产出指标", 50, "数量指标", "养护里程", "≥120公里", "118公里", 30, 29.5, "两段道路施工延期"],
            [None, None, "质量指标", "验收合格率", "=100%", "100%", 20, 20, None],
            ["效益指标", 30, "社会效益指标", "群众出行条件改善", "明显改善", "明显改善", 30, 30, None],
            ["满意度指标", 10, "服务对象满意度指标", "沿线群众满意度", "≥90%", "95%", 10, 10, None]]
    rows = [*head_rows(), *MONEY, *GOALS, head, *inds, ["总分", 100, None, None, None, None, 100, 99]]
    af = read(rows, [((9, 0), (10, 0)), ((9, 1), (10, 1))])
    f = af.form
    assert [(i.level1, i.name, i.weight, i.score) for i in f.indicators] == [
        ("产出指标", "养护里程", 30, 29.5), ("产出指标", "验收合格率", 20, 20),
        ("效益指标", "群众出行条件改善", 30, 30), ("满意度指标", "沿线群众满意度", 10, 10)]
    assert [af.cells[f"indicators[{k}].weight"] for k in range(4)] == ["G10", "G11", "G12", "G13"]
    assert (f.total_weight, f.total_score) == (100, 99)
    notes = [str(n) for n in af.notes]
    assert "B9：指标表中“分值”一列本模板没有，其中的内容未导入：B10“50”、B12“30”、B13“10”" in notes
    assert not any("跨行合并" in n for n in notes)


# ------------------------------------------------------------------ money rows of other names


def test_a_county_matching_fund_row_is_fiscal_and_an_unknown_row_is_said():
    """“其中：中央补助资金 | 县级配套资金”: the 配套 row was dropped without a word (A2 then called the
    sources short of the total); now it is 当年财政拨款 with the 中央 row, added up, said on the label's
    cell (B6, not the 项目资金 label merged down A4:A7). A row of amounts under a label of no source of
    ours (“银行贷款”) is said not imported."""
    money = [MONEY[0], [None, "年度资金总额", 130, 130, 123.5, 10, "95%", 9.5],
             [None, "其中：中央补助资金", 100, 100, 95], [None, "县级配套资金", 30, 30, 28.5]]
    af = read([*head_rows(), *money, *GOALS, IND_HEAD, *INDS, TOTAL], [((3, 0), (6, 0))])
    f = af.form
    assert (f.funds.fiscal.initial, f.funds.fiscal.annual, f.funds.fiscal.executed) == (130, 130, 123.5)
    assert "B6：“中央补助资金”“县级配套资金”都是当年财政拨款，按合计读入当年财政拨款一行" in [str(n) for n in af.notes]

    money[3] = [None, "银行贷款", 30, 30, 28.5]
    af = read([*head_rows(), *money, *GOALS, IND_HEAD, *INDS, TOTAL], [((3, 0), (6, 0))])
    assert af.form.funds.fiscal.annual == 100 and af.form.funds.other.annual is None
    assert [str(n) for n in af.notes if "银行贷款" in str(n)] == [
        "B7：项目资金表第 7 行“银行贷款”不是本模板的资金来源（当年财政拨款、上年结转资金、其他资金），其金额未导入，请核对"]


# ------------------------------------------------------------------ indicators run on to a second sheet


def test_a_form_split_over_two_sheets_says_how_to_read_it():
    """The indicators of a long form printed on a second sheet (“续表”: its heading again, the rest of the
    indicators, the 总分): each sheet was only “不是自评表：缺少标签…”. Each part read alone now says what it
    looks like and what makes the two read as one form (the 续表 right after its form, saying “续表”:
    ``reading.continued``, ``test_continued_s59``)."""
    first = [*head_rows(), *MONEY, *GOALS, IND_HEAD, *INDS[:2]]
    forms, (p,) = read_grid(SheetGrid(first, [], "交通.xlsx", "自评表"))
    assert forms == [] and str(p).endswith(
        "缺少标签“总分”；只找到“项目名称”“年度资金总额”“全年预算数”“全年执行数”“三级指标”“年度指标值”“实际完成值”“分值”“得分”"
        "“主管部门”“实施单位”。若指标表接在另一张工作表（续表）上：续表要紧接在本表之后，第一行写明“续表”，"
        "两张表即按一张自评表读取；续表若重复表头，各列须与本表相同")
    rest = [["（续表）"], IND_HEAD, INDS[2], TOTAL]
    forms, (p,) = read_grid(SheetGrid(rest, [], "交通.xlsx", "续表"))
    assert forms == [] and str(p).endswith(
        "。若这是另一张工作表上自评表的续表：本表要紧接在那张表之后，第一行写明“续表”，两张表即按一张自评表读取；"
        "本表若重复表头，各列须与那张表相同")
    # a form that lacks more than its 总分 is not told so
    forms, (p,) = read_grid(SheetGrid([*first[:-3], [*IND_HEAD[:4], None, *IND_HEAD[5:]], *INDS], [], "交通.xlsx", "自评表"))
    assert "续表" not in str(p)
