"""s66: the 应为 of a total that is our template's formula says so wherever a 填报人 reads it.

1. Session 65 made D7, D11, D12, D14 (and F12, V8) on a formula 总分 say what to change and “总分将为 99.5 分”, and
   left the comment without “应为”; but the 校验结果 sheet (``check --annotate``, the review's marked copy) and the
   review's 退回修改清单 still printed “99.5 分（优）” in their 应为 column — read as the number to type over the
   formula. Now they say “改正后公式自动合计为 99.5 分（优），不要键入” (``core.findings.formula_expected``), flagged
   ``expected_is_formula`` in the JSON; ``expected`` itself keeps its content.
2. F12 and V8 where one score is wrong AND another is typed as text under the formula total: the gap the text made
   read as a total typed over the formula, and they said “总分应为 95 分”. Now “将为”, and what to change includes
   making the text a number (D11 too: “请把上述得分改为改正后的分数” alone left H15's “10分” out of the total).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import openpyxl
import pytest

from jixiao.checking.run import check_batch
from jixiao.cli import main
from jixiao.core.findings import Finding, formula_expected
from jixiao.core.numbers import score_text
from jixiao.excel.plan import result_sheet
from jixiao.forms import kind_of
from jixiao.sources import load_all

sys.path.insert(0, str(Path(__file__).parent))
from conftest import SAMPLES  # noqa: E402
from review_fixture import list_rows, review_json  # noqa: E402
from test_advice_s65 import TEN, _book, _on_total  # noqa: E402

WRAPPED = "改正后公式自动合计为 99.5 分（优），不要键入"


def _formula_book(tmp_path: Path) -> Path:
    """10.json whose 分值 add up to 100 and whose 执行率得分 10 is wrong (9.5): D11 on the template's 总分."""
    d = json.loads(TEN.read_text(encoding="utf-8"))
    ind = d["indicators"][0]
    ind["weight"] -= 10
    ind["score"] = min(ind["score"], ind["weight"])
    total = d["exec_score"] + sum(i["score"] for i in d["indicators"])
    return _book(tmp_path, indicators=d["indicators"], total_score=total)


def _expected_column(findings: list[Finding]) -> dict[str, str]:
    """The 校验结果 sheet's 应为 (G) of each finding on the 总分, by rule."""
    spec = result_sheet(findings)
    rows = range(3, 3 + len(findings))
    return {spec.cells[f"B{r}"]: spec.cells[f"G{r}"] for r in rows if findings[r - 3].field == "total_score"}


def test_the_result_sheet_says_a_formula_total_is_not_to_be_typed(tmp_path):
    by, fs = _on_total(_formula_book(tmp_path))
    d11 = by["D11"]
    assert d11.expected_is_formula and "总分将为 99.5 分" in d11.message, d11.message
    assert d11.expected == "99.5（优）"                                    # the JSON's content is kept
    assert d11.to_dict()["expected_is_formula"] is True and d11.to_dict()["expected"] == "99.5（优）"
    assert _expected_column(fs)["D11"] == WRAPPED
    # the sheet as ``check --annotate`` writes it
    out = tmp_path / "标注.xlsx"
    assert main(["check", str(tmp_path / "10.xlsx"), "--annotate", str(out)]) == 1
    ws = openpyxl.load_workbook(out)["校验结果"]
    (row,) = [r for r in ws.iter_rows(values_only=True) if r[1] == "D11"]
    assert row[6] == WRAPPED, row


def test_a_typed_total_keeps_its_value_to_type(tmp_path):
    """A 总分 typed over the formula (100 against a sum of 110): “应为”, and the bare value in the column."""
    by, fs = _on_total(_book(tmp_path))
    d11 = by["D11"]
    assert not d11.expected_is_formula and "expected_is_formula" not in d11.to_dict()
    assert _expected_column(fs)["D11"] == "109.5 分（超过 100，不能评定等级）"


def test_d7_and_d14_on_a_formula_total(tmp_path):
    """D7 (a score typed as text left out of the SUM) and D14 (a warned score) say “将为”: their 应为 too."""
    book = tmp_path / "项目.xlsx"
    assert main(["fill", str(TEN.parents[1] / "dachang-2022" / "01.json"), "-o", str(book)]) == 0
    wb = openpyxl.load_workbook(book)
    wb.worksheets[0]["H15"], wb.worksheets[0]["H17"] = "10分", 20
    wb.save(book)
    by, fs = _on_total(book)
    assert by["D7"].expected_is_formula
    assert _expected_column(fs)["D7"] == "改正后公式自动合计为 99.25 分，不要键入"

    d = json.loads(next(p for p in SAMPLES if p.name == "11.json").read_text(encoding="utf-8"))
    d["indicators"][-1].update(name="设备正常使用年限", target="≥3年", actual="已正常使用1年",
                               score=d["indicators"][-1]["weight"])
    src = tmp_path / "11.json"
    src.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    book = tmp_path / "11.xlsx"
    assert main(["fill", str(src), "-o", str(book)]) == 0
    by, fs = _on_total(book)
    d14 = by["D14"]
    assert d14.expected_is_formula and _expected_column(fs)["D14"] == formula_expected(
        f"{score_text(float(d14.expected.split('（')[0]), computed=True)}（{d14.expected.split('（')[1]}")
    # the same form as JSON: its 总分 is typed, its 应为 the value
    (typed,) = [f for f in check_batch(load_all([src])).findings if f.rule == "D14"]
    assert not typed.expected_is_formula and "公式" not in _expected_column([typed])["D14"]


def test_the_review_list_and_notice_say_it_too(tmp_path):
    unit = tmp_path / "inbox" / "县水务局"
    unit.mkdir(parents=True)
    _formula_book(unit)
    got = review_json(tmp_path / "inbox", tmp_path / "out")
    (dept,) = got["departments"]
    (item,) = [it for it in dept["to_fix"] if it.get("rule") == "D11"]
    assert item["expected"] == "99.5（优）" and item["expected_is_formula"] is True, item   # content kept, flag added
    assert item["expected_shown"] == WRAPPED, item
    folder = next(p.parent for p in (tmp_path / "out").rglob("退回修改清单.xlsx"))
    rows = list_rows(folder)
    head = rows[1]
    (row,) = [r for r in rows if r[head.index("单元格")] == "H34"]
    assert row[head.index("应为")] == WRAPPED, row
    # the notice asks for the score: no value to type after it
    import docx

    (said,) = [p.text for p in docx.Document(str(folder / "退回修改通知.docx")).paragraphs if "H34" in p.text]
    assert "应为" not in said and "99.5 分（优）”" not in said, said
    # the review's marked copy: its 校验结果 sheet as ``check --annotate``'s
    (copy,) = folder.glob("*校验标注*.xlsx")
    (mark,) = [r for r in openpyxl.load_workbook(copy)["校验结果"].iter_rows(values_only=True) if r[1] == "D11"]
    assert mark[6] == WRAPPED, mark


def test_a_standing_notice_marks_it_again_as_a_formula_total():
    """A marked copy drafted again from the manifest's record (a standing notice) keeps the flag."""
    from jixiao.review.rounds import mark_record, marked_as_sent

    f = Finding("D11", "error", "total_score", "……总分将为 99.5 分……", expected="99.5（优）", found=100,
                sheet="表", cell="H34", project="p", source="a.xlsx#表")
    f.expected_is_formula = True
    plain = Finding("D4", "error", "indicators[0].score", "……", expected=20, found=25, sheet="表", cell="H17",
                    project="p", source="a.xlsx#表")
    record = [json.loads(json.dumps(mark_record(x), ensure_ascii=False)) for x in (f, plain)]
    assert "expected_is_formula" not in record[1]

    class Dept:
        standing = {"copies": {"a.xlsx": record}}

    back = marked_as_sent(Dept(), "a.xlsx", "/in/a.xlsx")
    assert back is not None and [x.expected_is_formula for x in back] == [True, False]


# 2. F12 (部门整体) and V8 (评价表): one score above its 分值 and another typed as text, under the template's total

TABLES = pytest.mark.parametrize("sample, rule, label", [("zizhou-2023/department.json", "F12", "总分"),
                                                         ("fengtai-2023-evaluation/form.json", "V8", "总计得分")])


def _table_book(tmp_path: Path, sample: str, above: int = 0):
    """``sample`` (a 部门整体 or 评价表 JSON) filled into our template, its first indicator's score 2 above its 分值
    (the 总分 the sum of the scores: the template's formula), the ``above``-th of the other scores typed as text
    as it is; also that cell and the total's."""
    d = json.loads((TEN.parents[1] / sample).read_text(encoding="utf-8"))
    d["indicators"][0]["score"] = d["indicators"][0]["weight"] + 2
    d["total_score"] = sum(i["score"] for i in d["indicators"] if isinstance(i.get("score"), (int, float)))
    src = tmp_path / "form.json"
    src.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    book = tmp_path / "form.xlsx"
    assert main(["fill", str(src), "-o", str(book)]) == 0
    (item,) = [it for items in load_all([book]).by_kind.values() for it in items]
    kind = kind_of(item.form)
    i = [i for i, ind in enumerate(item.form.indicators)
         if i > 0 and isinstance(ind.score, (int, float)) and ind.score > 0][above] if above >= 0 else 0
    cell, total_cell = kind.cell_of(item, f"indicators[{i}].score"), kind.cell_of(item, "total_score")
    wb = openpyxl.load_workbook(book)
    assert str(wb.worksheets[0][total_cell].value).startswith("="), total_cell    # the template's formula
    wb.worksheets[0][cell] = f"{score_text(item.form.indicators[i].score).removesuffix(' 分')}分"
    wb.save(book)
    return book, cell, total_cell


@TABLES
def test_a_wrong_score_and_a_text_score_under_a_formula_total(tmp_path, sample, rule, label):
    book, cell, total_cell = _table_book(tmp_path, sample)
    (f,) = [f for f in check_batch(load_all([book])).findings if f.rule == rule]
    assert f.message.startswith("改正得分后（"), f.message
    assert f"{label}将为" in f.message and "应为" not in f.message, f.message
    assert f"（{cell} 的“" in f.message and "是文字，表中公式未计入）" in f.message, f.message
    assert f.message.endswith(f"；请把上述得分改为改正后的分数，把 {cell} 的得分改为数字，{label}格是公式，随之自动重新合计，"
                              f"不要在{label}格中键入数字"), f.message
    assert f.expected_is_formula and _expected_column([f])[rule] == formula_expected(score_text(f.expected))
    # a number typed over the formula: typed, “应为” and the value
    wb = openpyxl.load_workbook(book)
    wb.worksheets[0][total_cell] = 50
    wb.save(book)
    (f,) = [f for f in check_batch(load_all([book])).findings if f.rule == rule]
    assert f"{label}应为" in f.message and "格是公式" not in f.message and not f.expected_is_formula, f.message


@TABLES
def test_the_wrong_score_typed_as_text_is_asked_once(tmp_path, sample, rule, label):
    """The score above its 分值 is itself the one typed as text: changing it (to a number) is all there is to do,
    not “把 I12 的得分改为数字” after “请把上述得分改为改正后的分数” as well."""
    book, cell, _total = _table_book(tmp_path, sample, above=-1)
    (f,) = [f for f in check_batch(load_all([book])).findings if f.rule == rule]
    assert f"{label}将为" in f.message and f"（{cell} 的“" in f.message, f.message
    assert f.message.endswith(f"；请把上述得分改为改正后的分数，{label}格是公式，随之自动重新合计，不要在{label}格中键入数字"), f.message


def test_d11_asks_for_the_text_score_as_a_number_too(tmp_path):
    """D11 on a formula 总分 with H15 typed as “10分” and H17 above its 分值: changing H17 alone leaves the
    总分 at 89.25, not the 99.25 it says — it names H15 as well."""
    book = tmp_path / "项目.xlsx"
    assert main(["fill", str(TEN.parents[1] / "dachang-2022" / "01.json"), "-o", str(book)]) == 0
    wb = openpyxl.load_workbook(book)
    wb.worksheets[0]["H15"], wb.worksheets[0]["H17"] = "10分", 25
    wb.save(book)
    by, _fs = _on_total(book)
    d11 = by["D11"]
    assert "总分将为 99.25 分" in d11.message and d11.expected_is_formula, d11.message
    assert d11.message.endswith("；请把上述得分改为改正后的分数，把 H15 的得分改为数字，总分格是公式，随之自动重新合计，"
                                "不要在总分格中键入数字"), d11.message
