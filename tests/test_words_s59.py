"""What the 填报人 and the 财政局 reviewer read: each test one wording or content gap (s59)."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl

from dept_helpers import clean_json, of_year
from jixiao.cli import main as cli_main


def _dept_book(tmp_path: Path, data: dict, name: str = "部门整体") -> Path:
    src = tmp_path / f"{name}.json"
    src.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    book = tmp_path / f"{name}.xlsx"
    assert cli_main(["fill", str(src), "-o", str(book)]) == 0
    return book


def test_calc_asks_for_blank_department_scores_only_when_one_is_blank(tmp_path, capsys):
    """计算 on a 部门整体 form said “得分空白的请补上计算数据……” to a form with every score filled: the
    填报人 went looking for a blank that was not there. It says so only when a score is blank, and names it."""
    book = _dept_book(tmp_path, clean_json())
    capsys.readouterr()
    assert cli_main(["calc", str(book), "-o", str(tmp_path / "算.xlsx")]) == 0
    said = capsys.readouterr().out
    assert "按“计算数据”和“评分标准参数”算出。" in said and "空白" not in said.replace("的空白得分", ""), said

    wb = openpyxl.load_workbook(book)
    wb.worksheets[0]["I20"] = None          # a hand-scored indicator's 得分 left blank
    blank = tmp_path / "空白.xlsx"
    wb.save(blank)
    capsys.readouterr()
    assert cli_main(["calc", str(blank), "-o", str(tmp_path / "算2.xlsx")]) == 0
    said = capsys.readouterr().out
    assert f"1 个得分空白（“{wb.worksheets[0].title}”I20），请补上计算数据（只填数字）或直接填写得分" in said, said


SAMPLES_2022 = Path(__file__).resolve().parent.parent / "jixiao" / "samples" / "dachang-2022"


def _dept_2022(data_changes: dict | None = None, score_changes: dict | None = None) -> dict:
    """The clean 部门整体 form as the 2022 大厂 department's, beside its project forms."""
    import copy

    from dept_helpers import FULL_DATA

    data = copy.deepcopy(FULL_DATA)
    data.update(data_changes or {})
    d = clean_json(data)
    of_year(d, 2022).update(department="大厂回族自治县医疗保障局")
    for i, score in (score_changes or {}).items():
        d["indicators"][i]["score"] = score
        d["indicators"][i]["reason"] = "部分工作未达到评分标准的满分条件"
    if score_changes:
        d["total_score"] = round(sum(i["score"] for i in d["indicators"]), 4)
        d.pop("grade")
    return d


def _paragraphs(path: Path) -> list[str]:
    import docx

    return [p.text for p in docx.Document(str(path)).paragraphs]


def test_check_report_files_a_satisfaction_typed_as_93_under_what_it_is(tmp_path):
    """The 校验报告 counted the F16 warning “满意度……表中为 93，像是把 93% 写成了 93” as “计算数据前后不一致
    1处”: it is about how one figure is written, and is filed under that."""
    src = tmp_path / "dept.json"
    src.write_text(json.dumps(_dept_2022({"satisfaction": 93}), ensure_ascii=False), encoding="utf-8")
    book = tmp_path / "自评表.xlsx"
    assert cli_main(["fill", str(SAMPLES_2022 / "01.json"), str(src), "-o", str(book)]) == 0
    assert cli_main(["report", str(book), "-o", str(tmp_path / "报告"), "--force"]) == 0
    dept = next(t for t in _paragraphs(tmp_path / "报告" / "校验报告.docx") if "．部门整体支出绩效自评表（" in t
                and "经校验" in t)
    assert "需注意的问题1处（满意度未按百分数填写 1处）" in dept, dept
    assert "计算数据前后不一致" not in dept, dept


def test_check_report_keeps_disagreeing_figures_under_their_rule(tmp_path):
    """Figures that disagree with each other stay under “计算数据前后不一致”; a negative one is said as such."""
    from jixiao.reports.checkreport import kinds_text
    from jixiao.checking.run import check_paths

    src = tmp_path / "dept.json"
    src.write_text(json.dumps(_dept_2022({"expense_total": 2000.0, "balance": -8.0}), ensure_ascii=False),
                   encoding="utf-8")
    found = [f for f in check_paths([str(src)])[1].findings if f.rule == "F16"]
    assert sorted(kinds_text(found).split("、")) == ["计算数据为负数 1处", "计算数据前后不一致 1处"], \
        [f.message for f in found]


def _measures(path: Path) -> list[str]:
    paras = _paragraphs(path)
    i = next(k for k, t in enumerate(paras) if "、整改措施" in t)
    end = next(k for k in range(i + 1, len(paras)) if "其他整改措施" in paras[k])
    return paras[i + 1:end + 1]


def test_whole_report_measures_take_in_the_department_forms_deductions(tmp_path):
    """With project forms and the 部门整体 form, the 整体绩效自评工作报告's 整改措施 listed the projects' only:
    the department form's indicators that lost points (its part 五 lists them) had no measure. The
    项目支出绩效自评报告 (the same ``measures`` key) stays on the projects."""
    src = tmp_path / "dept.json"
    src.write_text(json.dumps(_dept_2022(score_changes={1: 4, 5: 1}), ensure_ascii=False), encoding="utf-8")
    book = tmp_path / "自评表.xlsx"
    assert cli_main(["fill", str(SAMPLES_2022 / "01.json"), str(SAMPLES_2022 / "02.json"), str(src),
                     "-o", str(book)]) == 0
    assert cli_main(["report", str(book), "-o", str(tmp_path / "报告"), "--force"]) == 0
    whole = _measures(tmp_path / "报告" / "整体绩效自评工作报告.docx")
    project = _measures(tmp_path / "报告" / "项目支出绩效自评报告.docx")
    dept = [m for m in whole if "部门整体支出绩效自评表中扣分的" in m]
    assert len(dept) == 1 and "“‘三公经费’变动率”" in dept[0] and "“资金结余”" in dept[0], whole
    assert whole == [*project[:-1], dept[0], f"{len(project) + 1}．其他整改措施：【待填写】。"], (whole, project)
    assert [m.partition("．")[0] for m in whole] == [str(k) for k in range(1, len(whole) + 1)], whole
    assert not any("部门整体" in m for m in project), project


def _typed(tmp_path: Path, book: Path, cells: dict, name: str) -> Path:
    wb = openpyxl.load_workbook(book)
    for ref, v in cells.items():
        wb.worksheets[0][ref] = v
    out = tmp_path / f"{name}.xlsx"
    wb.save(out)
    return out


def _messages(path: Path, rule: str) -> list[str]:
    from jixiao.checking.run import check_paths

    return [f.message for f in check_paths([str(path)])[1].findings if f.rule == rule]


def test_a_total_short_of_a_score_typed_as_text_says_the_sum_left_it_out(tmp_path):
    """A score typed “10分”: X2 says the cell is text, but the 总分 finding said only “应为 99.25，表中为 89.25”,
    leaving the 填报人 to add up the column to find why. The total's message now names the cell (D7, D11)."""
    book = tmp_path / "项目.xlsx"
    assert cli_main(["fill", str(SAMPLES_2022 / "01.json"), "-o", str(book)]) == 0
    # H15 typed as text; H17 given the score its rule gives, so that the 总分 is only short of the text
    d7 = _typed(tmp_path, book, {"H15": "10分", "H17": 20}, "D7")
    assert _messages(d7, "D7") == ["总分将为 99.25 分（执行率得分 9.25 分 + 指标得分合计 90 分），表中为 89.25 分"
                                   "（H15 的“10分”是文字，表中公式未计入）；请把 H15 的得分改为数字，总分格是公式，"
                                   "随之自动重新合计，不要在总分格中键入数字"]   # H34 the template's formula (s65)
    d11 = _typed(tmp_path, book, {"H17": "18.5分"}, "D11")   # text, and a score to correct (18.5 → 20)
    [said] = _messages(d11, "D11")
    assert ("也不等于表中各项得分之和 97.75 分（H17 的“18.5分”是文字，表中公式未计入）；请把上述得分改为改正后的分数，"
            "总分格是公式") in said, said   # H34 is the template's formula: the score is what to change (s65)
    # a total typed by hand that is short for another reason: no word of the text cell
    typed = _typed(tmp_path, book, {"H15": "10分", "H17": 20, "H34": 80}, "typed")
    assert _messages(typed, "D7") == ["总分应为 99.25 分（执行率得分 9.25 分 + 指标得分合计 90 分），表中为 80 分"]


def test_a_department_total_short_of_a_score_typed_as_text_says_so(tmp_path):
    """F12 on the 部门整体 form: “总分应为各指标得分之和 87.4，表中为 84.9” names the text cell its SUM left out."""
    book = _dept_book(tmp_path, clean_json())
    text = _typed(tmp_path, book, {"I20": "2.5分"}, "文字")
    [said] = _messages(text, "F12")
    # I31 is the template's formula: the text cell is what to change, not the 总分 (s65)
    assert said == ("总分将为各指标得分之和 87.4 分，表中为 84.9 分（I20 的“2.5分”是文字，表中公式未计入）；"
                    "请把 I20 的得分改为数字，总分格是公式，随之自动重新合计，不要在总分格中键入数字"), said
    assert _messages(_typed(tmp_path, book, {"I20": "2.5分", "I31": 80}, "手填"), "F12") == [
        "总分应为各指标得分之和 87.4 分，表中为 80 分"]


def test_a_satisfaction_above_100_percent_is_filed_as_out_of_range(tmp_path):
    """150 (or 150%) is no percent typed as a whole number: its own heading, not “满意度未按百分数填写”."""
    from jixiao.reports.checkreport import kinds_text
    from jixiao.checking.run import check_paths

    src = tmp_path / "dept.json"
    src.write_text(json.dumps(_dept_2022({"satisfaction": 150}), ensure_ascii=False), encoding="utf-8")
    found = [f for f in check_paths([str(src)])[1].findings if f.rule == "F16"]
    assert kinds_text(found) == "满意度不在 0–100% 之间 1处", [f.message for f in found]
