"""Indicator-table headers as counties word them: “全年指标值” beside “全年实际值”, “预期指标值”, “年度目标值”,
“三级指标（名称）”, “未完成原因”. The first four made the whole form unread (X1 “不是自评表：缺少标签‘年度指标值’”);
a “未完成原因” column was left out as a column the template has none of. Stop 53 added “计划值”, “预期值” and the
实际完成值 headed “实际完成情况”, “完成情况”, “实际完成数”, “全年完成值”, the 得分 “评分”/“实际得分” and the 分值
“标准分”/“满分值”, the 三级指标 headed “具体指标”/“指标内容”/“绩效指标名称”/“三级”, each X1 before, and 一级/二级指标
headed “一级指标名称” (read blank: B4 asked for every kind of indicator); a “完成率” column is no 实际完成值.
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from review_fixture import run_cli

SRC = Path(__file__).parent / "corpus" / "01-merged-levels.xlsx"   # its first sheet: the usual headers in row 13


def _book(tmp_path: Path, headers: dict[str, str], cells: dict[str, str] | None = None) -> Path:
    wb = openpyxl.load_workbook(SRC)
    for ws in wb.worksheets[1:]:
        wb.remove(ws)
    ws = wb.worksheets[0]
    for ref, text in {**headers, **(cells or {})}.items():
        ws[ref] = text
    out = tmp_path / "表.xlsx"
    wb.save(out)
    return out


def _read(path: Path) -> list[dict]:
    code, out = run_cli("read", str(path), "--json")
    assert code == 0, out
    return json.loads(out)[0]["indicators"]


@pytest.mark.parametrize("headers", [
    {"E13": "全年指标值", "F13": "全年实际值"}, {"E13": "预期指标值"}, {"E13": "年度目标值", "H13": "自评得分"},
    {"D13": "三级指标（名称）", "G13": "分值（分）", "H13": "得分（分）"},
    # stop 53: each of these was X1 “缺少标签”
    {"E13": "计划值", "F13": "实际值"}, {"F13": "实际完成情况"}, {"E13": "预期值", "F13": "完成情况"},
    {"F13": "实际完成数"}, {"E13": "年度计划值", "F13": "全年完成值"}, {"F13": "实际完成"},
    {"H13": "评分"}, {"H13": "实际得分"}, {"G13": "标准分"}, {"G13": "满分值"},
    {"D13": "具体指标"}, {"D13": "绩效指标名称"}, {"D13": "指标内容"}, {"D13": "三级指标内容"},
    {"B13": "一级", "C13": "二级", "D13": "三级"}, {"B13": "一级指标名称", "C13": "二级指标名称"},
], ids=["全年", "预期", "目标值", "名称", "计划值", "完成情况", "预期值", "完成数", "全年完成值", "实际完成",
        "评分", "实际得分", "标准分", "满分值", "具体指标", "绩效指标名称", "指标内容", "三级指标内容", "一级二级三级",
        "一级指标名称"])
def test_the_form_is_read_under_its_own_headers(tmp_path, headers):
    usual = _read(_book(tmp_path, {}))
    assert _read(_book(tmp_path, headers)) == usual
    assert [i["target"] for i in usual][:2] == ["≥1 人", "100%"]


def test_a_completion_rate_column_is_no_actual(tmp_path):
    code, out = run_cli("check", str(_book(tmp_path, {"F13": "完成率"})), "--json")
    said = [f["message"] for f in json.loads(out) if f["rule"] == "X1"]
    assert code != 0 and said and "缺少标签“实际完成值”" in said[0]


def test_a_reason_column_headed_weiwancheng_yuanyin(tmp_path):
    got = _read(_book(tmp_path, {"I13": "未完成原因"}, {"I17": "按实际在岗人数发放"}))
    assert got[3]["reason"] == "按实际在岗人数发放"


def _head(path: Path) -> dict:
    code, out = run_cli("read", str(path), "--json")
    assert code == 0, out
    x = json.loads(out)[0]
    return {k: x[k] for k in ("year", "project", "authority", "unit", "funds", "exec_rate")}


@pytest.mark.parametrize("headers", [
    {"E6": "全年实际执行数"}, {"E6": "全年实际支出数", "G6": "实际执行率"}, {"D6": "全年调整预算数"},
    {"E4": "实施单位（盖章）"}, {"A1": "2022年度项目支出绩效自评表", "A2": None},
    # stop 53: “项目单位”/“预算单位” were read as the 主管部门's value (its cell is blank) and the 实施单位 lost
    {"E4": "项目单位"}, {"E4": "预算单位"}, {"A4": "主管单位名称"},
], ids=["全年实际执行数", "实际支出-执行率", "调整预算数", "实施单位盖章", "年度在标题中", "项目单位", "预算单位",
        "主管单位名称"])
def test_the_head_and_money_table_under_their_own_words(tmp_path, headers):
    # 全年实际执行数 left the whole money table unread (A1 “全年预算数未填写” of a form that had one);
    # “实施单位（盖章）” was read as the 主管部门 and the 实施单位 lost; a year in the title was X1 “缺少年度”
    usual = _head(_book(tmp_path, {}))
    assert usual["funds"]["total"] == {"initial": 5.6, "annual": 5.6, "executed": 5.18} and usual["year"] == 2022
    assert _head(_book(tmp_path, headers)) == usual


def test_an_execution_rate_is_no_execution_figure():
    from jixiao.reading.labels import FUND_HEAD
    assert not FUND_HEAD["executed"].fullmatch("实际执行率") and FUND_HEAD["rate"].fullmatch("实际执行率")


@pytest.mark.parametrize("rows", [
    {"B10": "自筹资金"}, {"B10": "单位自有资金"}, {"B10": "社会资金"}, {"B8": "其中：一般公共预算"},
    {"B8": "其中：上级补助资金"}, {"B7": "项目资金总额"}, {"B8": "财政性资金"},
], ids=["自筹", "自有", "社会", "一般公共预算", "上级补助", "项目资金总额", "财政性"])
def test_money_rows_under_their_own_words(tmp_path, rows):
    # 4.6 of 财政拨款 and 1 of 其他资金 make the 5.6 total: a row not read was A2 “各分项之和应与之相等” of a right form
    split = {"C8": 4.6, "D8": 4.6, "E8": 4.18, "C10": 1, "D10": 1, "E10": 1}
    usual = _head(_book(tmp_path, {}, split))
    assert usual["funds"]["fiscal"]["annual"] == 4.6 and usual["funds"]["other"]["annual"] == 1
    assert _head(_book(tmp_path, rows, split)) == usual
    code, out = run_cli("check", str(_book(tmp_path, rows, split)), "--json")
    assert [f for f in json.loads(out) if f["rule"] == "A2"] == []


def test_a_source_over_several_rows_is_added_up(tmp_path):
    rows = {"B8": "其中：中央资金", "B9": "省级资金", "B10": "县级资金",
            "C8": 2, "D8": 2, "E8": 1.8, "C9": 2, "D9": 2, "E9": 2, "C10": 1.6, "D10": 1.6, "E10": 1.38}
    got = _head(_book(tmp_path, rows))
    assert got["funds"]["fiscal"] == {"initial": 5.6, "annual": 5.6, "executed": 5.18}
    assert got["funds"]["carryover"]["annual"] is None and got["funds"]["other"]["annual"] is None
    code, out = run_cli("check", str(_book(tmp_path, rows)), "--json")
    assert [f for f in json.loads(out) if f["rule"] == "A2"] == []
    _code, said = run_cli("import", str(_book(tmp_path, rows)), "-o", str(tmp_path / "导入.xlsx"))
    assert "“中央资金”“省级资金”“县级资金”都是当年财政拨款，按合计读入当年财政拨款一行" in said


def _all(path: Path) -> dict:
    code, out = run_cli("read", str(path), "--json")
    assert code == 0, out
    x = json.loads(out)[0]
    return {k: v for k, v in x.items() if k != "form"}


@pytest.mark.parametrize("labels", [
    {"G13": "指标分值", "H13": "指标得分"}, {"D13": "指标名称"}, {"A21": "自评总分"},
    {"A11": "总体目标", "B11": "年初设定目标", "F11": "全年实际完成情况"}, {"F24": "填报时间："}, {"E5": "电话"},
    {"A21": "得分合计"}, {"A21": "总分（100分）"}, {"A21": "总分(满分100分)"},     # stop 54: X1 “缺少标签‘总分’”
], ids=["指标分值", "指标名称", "自评总分", "设定目标", "填报时间", "电话", "得分合计", "总分100分", "总分满分"])
def test_more_labels_under_their_own_words(tmp_path, labels):
    # the first three left the form unread (X1); the others took a label for the value beside it or lost the value
    assert _all(_book(tmp_path, labels)) == _all(_book(tmp_path, {}))


@pytest.mark.parametrize("labels", [
    {"A3": "预算项目名称"}, {"A3": "项目名称（全称）"}, {"A2": "年度：2022"}, {"A2": "（2022）"},
    {"E4": "实施单位（部门）"}, {"F6": "执行率分值", "H6": "执行率得分"},
], ids=["预算项目名称", "项目名称全称", "年度冒号", "括号年度", "实施单位部门", "执行率分值得分"])
def test_head_words_of_a_third_kind(tmp_path, labels):
    # the first four left the form unread (X1 “缺少标签‘项目名称’”, “找不到年度”); “实施单位（部门）” was read as the
    # 主管部门; “执行率分值” took the 执行率 column and the 分值, 执行率 and 得分 were read out of place
    assert _all(_book(tmp_path, labels)) == _all(_book(tmp_path, {}))


@pytest.mark.parametrize("text, year", [("（2022）", 2022), ("年度：2022", 2022), ("预算年度: 2022", 2022),
                                        ("(2022年)", None), ("关于(2021)179号", None), ("2022", 2022)])
def test_a_year_line_alone(text, year):
    from jixiao.core.dates import cell_year
    assert cell_year(text, "line") == year


@pytest.mark.parametrize("cells", [{"E4": "项目属性", "F4": "经常性项目"}, {"E4": "资金性质", "F4": "一般公共预算"},
                                   {"E4": "所属行业", "F4": "教育"}, {"E4": "项目类别（性质）", "F4": "民生"}],
                         ids=["项目属性", "资金性质", "所属行业", "项目类别"])
def test_a_label_not_known_is_no_value_of_the_blank_authority(tmp_path, cells):
    # stop 54: the 主管部门's cell is blank; the next label along the row, one this reader does not know, was read
    # as the 主管部门 (“项目属性”), and H1 “主管部门未填写” was never said
    assert _head(_book(tmp_path, cells))["authority"] is None
    code, out = run_cli("check", str(_book(tmp_path, cells)), "--json")
    assert any(f["rule"] == "H1" and f["cell"] == "B4" for f in json.loads(out))


def test_a_value_beside_its_label_is_never_taken_for_a_label(tmp_path):
    # only a cell found after a blank one is asked whether it is a label: “县供销部门” right of 主管部门 is its value
    assert _head(_book(tmp_path, {"B4": "县供销部门"}))["authority"] == "县供销部门"
