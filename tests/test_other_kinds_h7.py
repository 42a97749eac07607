"""The 部门整体支出绩效自评表 and the 项目支出绩效评价表 end to end, as a department fills them and
a reviewer reads them (session 38, h7): what each command says of a workbook holding only them."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from jixiao.cli import main

SAMPLES = Path(str(resources.files("jixiao") / "samples"))
EVAL_JSON = SAMPLES / "fengtai-2023-evaluation" / "form.json"
DEPT_JSON = SAMPLES / "zizhou-2023" / "department.json"


def _book(tmp_path: Path, src: Path, name: str) -> Path:
    book = tmp_path / f"{name}.xlsx"
    assert main(["fill", str(src), "-o", str(book)]) == 0
    return book


def _project_2023(tmp_path: Path) -> Path:
    """A project form of the 2023 评价表's and 部门整体 form's year (大厂's 02 is of 2022): a batch of
    them all counts it; of 2022 it was set aside as another year's (the evaluation's 2023 won the tie)."""
    import json

    project = json.loads((SAMPLES / "dachang-2022" / "02.json").read_text(encoding="utf-8"))
    project["year"] = 2023
    (tmp_path / "项目.json").write_text(json.dumps(project, ensure_ascii=False), encoding="utf-8")
    return _book(tmp_path, tmp_path / "项目.json", "项目")


def test_report_and_import_of_an_evaluation_workbook_say_what_it_holds(tmp_path, capsys):
    """`report` on a workbook holding only a 项目支出绩效评价表 said “没有读到任何自评表” (it read one:
    the 部门整体 form's workbook was told what it held); `import` said it found no project form, not
    what it found. Both now name the kinds read, as the buttons do."""
    book = _book(tmp_path, EVAL_JSON, "评价")
    capsys.readouterr()
    assert main(["report", str(book), "-o", str(tmp_path / "报告")]) == 2
    err = capsys.readouterr().err
    assert "只读到项目支出绩效评价表，报告需要项目支出绩效自评表" in err and "没有读到任何自评表" not in err
    assert main(["import", str(book), "-o", str(tmp_path / "导入.xlsx")]) == 2
    err = capsys.readouterr().err
    assert "只读到 1 张项目支出绩效评价表，import 只导入项目支出绩效自评表" in err
    both = [str(book), str(_book(tmp_path, DEPT_JSON, "部门"))]
    capsys.readouterr()
    # (a 部门整体 form makes its 报送函 and 整体报告 since s42: tests/test_report_department_only_s42.py)
    assert main(["import", *both, "-o", str(tmp_path / "导入.xlsx")]) == 2
    assert "只读到 1 张部门整体支出绩效自评表、1 张项目支出绩效评价表，import 只导入" in capsys.readouterr().err
    assert not (tmp_path / "报告").exists() and not (tmp_path / "导入.xlsx").exists()
    assert main(["report", *both, "-o", str(tmp_path / "报告"), "--force"]) == 0   # the 部门整体 form's


def test_finalize_of_a_form_no_report_is_made_for_does_not_ask_for_the_reports(tmp_path, capsys):
    """定稿 of a workbook holding only a 评价表 said “报送函所列的“项目支出绩效自评报告”、
    “整体绩效自评工作报告”还没有生成……请先用 jixiao report 把报告生成……” — but its mail carries no
    报送函 and `report` refuses such a workbook (it needs project forms): advice that cannot be followed.
    (A 部门整体 form alone has its 报送函 and 整体报告 since s42, and is told to make them.)"""
    for src, name in ((EVAL_JSON, "评价"),):
        book = _book(tmp_path, src, name)
        capsys.readouterr()
        assert main(["finalize", str(book), "-o", str(tmp_path / f"定稿-{name}"), "--force", "--email"]) == 0
        out = capsys.readouterr().out
        assert "已定稿" in out and "还没有生成" not in out and "jixiao report" not in out
        assert list((tmp_path / f"定稿-{name}").glob("*.eml"))


def test_the_summary_note_says_once_that_it_counts_project_forms_only(tmp_path):
    """With a 部门整体 form and a 评价表 beside the projects, the 汇总表's 说明 said “本表只计项目支出
    绩效自评表” twice, as items 4 and 5 — one item now names both sheets."""
    import openpyxl

    books = [str(_project_2023(tmp_path)),
             str(_book(tmp_path, DEPT_JSON, "部门")), str(_book(tmp_path, EVAL_JSON, "评价"))]
    out = tmp_path / "汇总表.xlsx"
    assert main(["summarize", *books, "-o", str(out)]) == 0
    wb = openpyxl.load_workbook(out)
    note = wb["汇总表"]["A10"].value
    assert note.count("本表只计项目支出绩效自评表") == 1
    assert note.endswith("4. 本表只计项目支出绩效自评表；收到的1张部门整体支出绩效自评表见“部门整体自评”工作表，"
                         "收到的1张项目支出绩效评价表见“项目评价”工作表。")
    assert {"部门整体自评", "项目评价"} <= set(wb.sheetnames)


def _dept_with_text_percent(tmp_path: Path) -> Path:
    """The 子洲 form with its 满意度 typed as the text “93%” (an X2 warning when read)."""
    import openpyxl

    book = _book(tmp_path, DEPT_JSON, "子洲县医疗保障局")
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    cell = next(c for row in ws.iter_rows() for c in row if c.value == 0.93)
    cell.value, cell.number_format = "93%", "@"
    wb.save(book)
    return book


def test_the_ledger_names_a_reading_finding_by_its_title(tmp_path):
    """The 复核台账's 问题统计 listed the X2 warning (a number typed as text) as “X2 | 合计”, its title
    taken for the sheet's total row; it is “读取时改动了单元格的值”, as `jixiao rules` lists it."""
    import openpyxl

    inbox = tmp_path / "收件"
    inbox.mkdir()
    _dept_with_text_percent(inbox)
    main(["review", str(inbox), "-o", str(tmp_path / "复核")])
    ws = openpyxl.load_workbook(tmp_path / "复核" / "复核台账.xlsx")["问题统计"]
    rows = {r[0]: r[1] for r in ws.iter_rows(min_row=3, values_only=True) if r[0]}
    assert rows["X2"] == "读取时改动了单元格的值"
    assert list(rows.values()).count("合计") == 0


def _dept_data() -> dict:
    import json

    return json.loads(DEPT_JSON.read_text(encoding="utf-8"))


def _dept_findings(d: dict) -> tuple[list, object]:
    from jixiao.checking.rules import load_catalogue  # noqa: F401  (the rules register)
    from jixiao.forms.department.model import parse_dept_form
    from jixiao.forms.department.rules import check_forms
    from jixiao.sources import Loaded

    item = Loaded(parse_dept_form(d), "部门.json")
    [(score, found)] = check_forms([item])
    return found, score


def test_the_total_cell_says_the_total_the_summary_reviews(tmp_path):
    """A hand score above its 分值 (预算信息公开性和完善性 4 of 3) and a typed 总分: 校验 said on the 总分
    cell “总分应为各指标得分之和 …” (the sum as written) while 汇总's 部门整体自评 sheet gave the
    reviewed 总分 (the score kept to its 分值) — two totals for one cell. The 总分 cell now says the
    reviewed total, the changes that make it, and the sum as written (as the project form's D11)."""
    d = _dept_data()
    d["indicators"][18]["reason"] = "未全部完成"
    d["indicators"][9]["score"] = 4                      # 预算信息公开性和完善性, 分值 3
    found, score = _dept_findings(d)                     # 总分 95 as written: the reviewed one (Σ is 96)
    assert score.total == 95 and not [f for f in found if f.field == "total_score"]
    assert [f.rule for f in found if f.field == "indicators[9].score"] == ["F7"]
    d["total_score"] = 96                                # adds up as written: the 总分 is still not the reviewed one
    [hit] = [f for f in _dept_findings(d)[0] if f.field == "total_score"]
    assert hit.rule == "F12" and hit.expected == 95 and "表中总分为 96 分" in hit.message
    assert "“预算信息公开性和完善性”4 分 → 3 分" in hit.message and "总分应为 95 分" in hit.message
    d["total_score"] = 97                                # neither
    [hit] = [f for f in _dept_findings(d)[0] if f.field == "total_score"]
    assert hit.expected == 95 and "也不等于表中各项得分之和 96" in hit.message
    d["indicators"][9]["score"] = 3                       # right again: the sum as written, as before
    d["total_score"] = 96
    [hit] = [f for f in _dept_findings(d)[0] if f.field == "total_score"]
    assert hit.message == "总分应为各指标得分之和 95 分，表中为 96 分" and hit.expected == 95
    d["indicators"][0]["score"] = None                   # a blank score the review counts (its formula's 5)
    d["total_score"] = 90                                # the sum as written: the formula's, F6's alone
    found, score = _dept_findings(d)
    assert score.total == 95 and not [f for f in found if f.field == "total_score"]
    d["total_score"] = 91                                # typed: held to the 复核总分, not to the sum as written
    found, score = _dept_findings(d)                     # (session 59: “应为 90” beside a 复核总分 of 95)
    [hit] = [f for f in found if f.field == "total_score"]
    assert hit.message == ("补上得分后（“在职人员控制率”空白 → 5 分），总分应为 95 分；表中总分为 91 分，"
                           "也不等于表中各项得分之和 90 分") and hit.expected == 95


def test_an_evaluation_reviews_a_score_above_its_points_as_its_points(tmp_path):
    """产出成本 scored 7 of 6: V6 said it may not exceed 6, yet 汇总's 项目评价 sheet gave the 复核综合得分
    with the 7 in it (88 for the sample's 87 + 1), and V8 held the 总计 to that sum — the 部门整体
    form's review keeps a score within its 分值. Now the 复核 is 87, and the 总计 cell says so."""
    import json

    from jixiao.forms.evaluation.model import parse_eval_form
    from jixiao.forms.evaluation.rules import check_forms
    from jixiao.forms.evaluation.scoring import score_eval_form
    from jixiao.sources import Loaded

    d = json.loads(EVAL_JSON.read_text(encoding="utf-8"))
    cost = next(i for i in d["indicators"] if i["name"] == "产出成本")
    cost["score"] = 7
    d["total_score"] = 88                              # the sum as written
    form = parse_eval_form(d)
    assert score_eval_form(form).total == 87
    [(score, found)] = check_forms([Loaded(form, "评价.json")])
    [hit] = [f for f in found if f.field == "total_score"]
    assert hit.rule == "V8" and hit.expected == 87
    assert hit.message == "改正得分后（“产出成本”7 分 → 6 分），总计得分应为 87 分；表中总计得分为 88 分"
    book = _book(tmp_path, EVAL_JSON, "评价")
    capsys_free = tmp_path / "汇总.xlsx"
    import openpyxl

    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    cell = next(c for row in ws.iter_rows() for c in row if c.value == "产出成本")
    ws.cell(cell.row, cell.column + 3).value = 7       # its 得分, beside 评分标准 and 分值
    wb.save(book)
    # a 汇总表 counts project forms: one of its year beside it
    assert main(["summarize", str(book), str(_project_2023(tmp_path)), "-o", str(capsys_free)]) == 0
    row = list(openpyxl.load_workbook(capsys_free)["项目评价"].iter_rows(min_row=3, values_only=True))[0]
    assert row[6] == 87                                # 复核综合得分 (after the 实施单位 column, s61)


def test_review_says_a_department_form_of_another_year_on_its_year_cell(tmp_path):
    """A 2022 review of 大厂's project forms and 子洲's 2023 部门整体 form: the 部门整体 form is counted as
    sent (one per department), but nothing said its year was not the review's — the notice called it
    “2022年度部门整体支出绩效自评材料” and the 台账 gave 2022. A warning on its 年度 cell says so."""
    import openpyxl

    inbox = tmp_path / "收件"
    inbox.mkdir()
    for n in ("02", "03"):
        _book(inbox, SAMPLES / "dachang-2022" / f"{n}.json", f"大厂-{n}")
    _book(inbox, DEPT_JSON, "子洲县医疗保障局")
    out = tmp_path / "复核"
    main(["review", str(inbox), "-o", str(out), "--json"])
    ledger = openpyxl.load_workbook(out / "复核台账.xlsx")["复核台账"]
    rows = [r for r in ledger.iter_rows(min_row=4, values_only=True) if r[1] == "子洲县医疗保障局"]
    # 警告: the form's 4, its year, and (s64) its blank 部门意见的日期, a hint in 校验 raised in review
    assert rows and rows[0][10] == 6
    marked = next((out / "子洲县医疗保障局").glob("*校验标注.xlsx"))
    ws = openpyxl.load_workbook(marked)["部门整体-子洲县医疗保障局"]
    note = ws["A2"].comment.text
    assert "年度为2023年度，本次审核的是2022年度" in note and "X5" in note
    from docx import Document

    text = "".join(p.text for p in Document(str(out / "子洲县医疗保障局" / "退回修改通知.docx")).paragraphs)
    assert "A2 单元格：部门整体支出绩效自评表的年度为2023年度，本次审核的是2022年度" in text

