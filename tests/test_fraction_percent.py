"""A 实际完成值 written as a fraction against a per-cent target: “0.9” against “≥95%”.

Before: the number 0.9 in a cell (Excel keeps a typed 90% so) was read as 90% by ``jixiao`` but as
0.9% by the Excel functions (JX_SCORE), and the text “0.9” as 0.9% everywhere: 计算 suggested
0.09 分 and C15 told the 填报人 to write “0.9%”. Now one question decides it
(``core.values.fraction_of_percent``): a number cell up to 1.5 against a target of 10% or more, a text
up to 1 against a target of 50% or more, is that fraction; the basis and C15 say how it was read.
"""

from __future__ import annotations

import json

import openpyxl

from conftest import SAMPLES
from jixiao.cli import main as cli_main
from jixiao.core.values import fraction_of_percent, parse_value
from jixiao.forms.project.scoring import score_indicator


def test_one_reading_of_a_fraction_in_every_path():
    as_percent = score_indicator("≥95%", "90%", 10)
    for actual in ("0.9", 0.9, "０.９"):
        got = score_indicator("≥95%", actual, 10)
        assert got.score == as_percent.score == 9.47, (actual, got.basis)
    assert "按比率读作 90%" in score_indicator("≥95%", "0.9", 10).basis
    assert "按比率读作" not in score_indicator("≥95%", 0.9, 10).basis      # the cell shows 90%: nothing to say


def test_the_text_band_is_narrower_than_the_number_band():
    # a number cell: Excel stored a typed 30% / 120%; a text was typed as it shows
    assert score_indicator("≥20%", 0.3, 10).score == 10 and score_indicator("≥20%", "0.3", 10).score == 0.15
    assert score_indicator("≥95%", 1.2, 10).score == 10 and score_indicator("≥95%", "1.2", 10).score == 0.13
    t = parse_value("≥95%")
    assert fraction_of_percent(t, 1.0, text=True) and not fraction_of_percent(t, 1.01, text=True)
    assert fraction_of_percent(t, 1.5, text=False) and not fraction_of_percent(t, 1.51, text=False)
    assert not fraction_of_percent(parse_value("≤1%"), 0.5, text=False)            # 差错率 0.5 is 0.5%
    assert not fraction_of_percent(parse_value("≥95 人"), 0.9, text=False)
    assert not fraction_of_percent(t, 0, text=False) and not fraction_of_percent(t, None, text=True)


def test_the_excel_function_reads_a_percent_cell_as_jixiao_does():
    from addin.udfs import JX_COMPLETION, JX_SCORE

    # a cell formatted 0% showing 88% hands the function 0.88
    assert JX_SCORE("≥90%", 0.88, 10, None, "群众满意度", "满意度指标") == \
        score_indicator("≥90%", "88%", 10, name="群众满意度", level2="满意度指标").score == 9.78
    assert round(JX_COMPLETION("≥90%", 0.88), 4) == 0.9778


def test_check_and_calc_read_text_0_9_as_90_percent(tmp_path, capsys):
    clean = next(p for p in SAMPLES if p.name == "11.json")
    book = tmp_path / "book.xlsx"
    assert cli_main(["fill", str(clean), "-o", str(book)]) == 0
    capsys.readouterr()
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    row = next(r for r in range(13, 40) if str(ws[f"E{r}"].value or "").startswith("≥")
               and str(ws[f"E{r}"].value).endswith("%") and float(str(ws[f"E{r}"].value)[1:-1]) >= 80)
    target = float(str(ws[f"E{row}"].value)[1:-1])
    frac = round((target - 5) / 100, 2)
    ws[f"F{row}"] = str(frac)
    wb.save(tmp_path / "typed.xlsx")
    assert cli_main(["check", str(tmp_path / "typed.xlsx"), "--json"]) in (0, 1)
    found = [f for f in json.loads(capsys.readouterr().out) if f["cell"] == f"F{row}"]
    c15 = next(f for f in found if f["rule"] == "C15")
    want = f"{frac * 100:g}%"
    assert c15["expected"] == want and f"按比率读作 {want}" in c15["message"], c15["message"]
    assert f"若确是 {frac:g}%" in c15["message"]
    assert cli_main(["score", str(tmp_path / "typed.xlsx"), "--json"]) == 0
    scored = json.loads(capsys.readouterr().out)[0]
    ind = next(i for i in scored["indicators"] if i["basis"].startswith(f"完成值“{frac:g}”未写单位"))
    weight = ind["weight"]
    assert abs(ind["score"] - round(weight * (target - 5) / target, 2)) < 0.006, ind


def test_a_report_quotes_the_fraction_as_it_was_read():
    """The 项目支出绩效自评报告 wrote “知晓率（指标值≥90%，完成值0.95%）” — the target's unit put after the
    bare number — while the score was worked out from 95%."""
    from jixiao.core.values import with_target_unit

    assert with_target_unit("0.95", "≥90%") == "95%" and with_target_unit("1", "≥95%") == "100%"
    assert with_target_unit("0.3", "≥20%") == "0.3%"          # the text band: read in the target's unit
    assert with_target_unit("9000", "≥9000 人次") == "9000人次"


def test_the_generated_reports_of_fraction_actuals_pass_their_own_form(tmp_path):
    """R6 read the form's “0.95” against “≥90%” as 0.95%: jixiao's own report (“完成值95%”) would have
    contradicted it. Either reading of the fraction agrees; another number does not."""
    from docx import Document

    from jixiao import reports as R
    from jixiao.reportcheck import check_report
    from jixiao.sources import load_all

    d = json.loads(next(p for p in SAMPLES if p.name == "11.json").read_text(encoding="utf-8"))
    k = next(i for i, ind in enumerate(d["indicators"]) if ind["target"] == "≥90%" and ind["actual"] == "90%")
    name = d["indicators"][k]["name"]
    d["indicators"][k]["actual"] = "0.95"
    form = tmp_path / "f.json"
    form.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    items = load_all([form]).forms
    paths = [p for p in R.build_reports(load_all([form]), None, tmp_path / "out", force=True) if p.stem != R.CHECK_NAME]
    said = "\n".join(p.text for path in paths for p in Document(str(path)).paragraphs)
    assert f"{name}（指标值≥90%，完成值95%）" in said
    for path in paths:
        assert check_report(path, items, None) == [], path.name
    for text, agrees in (("95%", True), ("0.95%", True), ("93%", False)):
        report = tmp_path / f"r{text}.md"
        report.write_text(f"一、项目绩效目标完成情况\n\n{name}实际完成值{text}。", encoding="utf-8")
        rules = [f.rule for f in check_report(report, items, None)]
        assert ("R6" not in rules) == agrees, (text, rules)


def test_far_above_reads_the_fraction_as_the_scorer_does(tmp_path, capsys):
    """C11 (完成值远超指标值) compared “0.95” against “≥50%” as 0.95%: 2% of the target, silent. Read as
    the scorer reads it, 95% is 190% of 50%."""
    d = json.loads(next(p for p in SAMPLES if p.name == "11.json").read_text(encoding="utf-8"))
    k = next(i for i, ind in enumerate(d["indicators"]) if ind["target"] == "≥90%" and ind["actual"] == "90%")
    d["indicators"][k]["target"], d["indicators"][k]["actual"] = "≥50%", "0.95"
    form = tmp_path / "f.json"
    form.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    capsys.readouterr()
    cli_main(["check", str(form), "--json"])
    found = json.loads(capsys.readouterr().out)
    c11 = [f for f in found if f["rule"] == "C11" and f["field"] == f"indicators[{k}].actual"]
    assert len(c11) == 1 and "是指标值“≥50%”的 190%" in c11[0]["message"], c11
