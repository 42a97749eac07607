"""`jixiao summarize` and the 汇总表 (session 40, h4): what it does with workbooks that hold no
项目支出绩效自评表, the 项目明细's 等级 beside a score over 100, and the order of ``--by``'s groups."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import openpyxl
import pytest

from jixiao.cli import main

SAMPLES = Path(str(resources.files("jixiao") / "samples"))
EVAL_JSON = SAMPLES / "fengtai-2023-evaluation" / "form.json"
DEPT_JSON = SAMPLES / "zizhou-2023" / "department.json"


def _book(tmp_path: Path, src: Path, name: str, **edit) -> Path:
    if edit:
        d = json.loads(src.read_text(encoding="utf-8"))
        d.update(edit)
        src = tmp_path / f"{name}.json"
        src.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    book = tmp_path / f"{name}.xlsx"
    assert main(["fill", str(src), "-o", str(book)]) == 0
    return book


# -- 1. no project form: nothing to summarise --------------------------------------------------------
@pytest.mark.parametrize("src, held", [(DEPT_JSON, "1 张部门整体支出绩效自评表"), (EVAL_JSON, "1 张项目支出绩效评价表")])
def test_a_workbook_of_no_project_form_writes_no_all_zero_summary(tmp_path, capsys, src, held):
    """A workbook holding only a 部门整体支出绩效自评表 (or only a 评价表): `summarize -o` wrote a
    汇总表 of 0 projects, 0 万元, no grade — a department of no projects to whoever reads it — and
    exit 0. The 汇总 button refuses such a workbook in words; the command now does the same: what
    the file holds, that the 汇总表 counts project forms only, where its score is seen, exit 2."""
    book = _book(tmp_path, src, "单位")
    capsys.readouterr()
    out = tmp_path / "汇总表.xlsx"
    assert main(["summarize", str(book), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"{book}：只有 {held}，没有项目支出绩效自评表" in err
    assert "绩效自评情况汇总表只汇总项目支出绩效自评表，未写出汇总表" in err and "jixiao score" in err
    assert not out.exists()
    assert main(["summarize", str(book), "--json"]) == 2          # no all-zero JSON either
    got = capsys.readouterr()
    assert got.out == "" and "没有汇总" in got.err
    folder = tmp_path / "收件"                                      # a folder of it alike
    folder.mkdir()
    book.rename(folder / book.name)
    assert main(["summarize", str(folder), "-o", str(out)]) == 2
    assert "没有项目支出绩效自评表" in capsys.readouterr().err and not out.exists()


def test_several_workbooks_of_no_project_form_are_each_named(tmp_path, capsys):
    books = [_book(tmp_path, DEPT_JSON, "部门"), _book(tmp_path, EVAL_JSON, "评价")]
    capsys.readouterr()
    out = tmp_path / "汇总表.xlsx"
    assert main(["summarize", *map(str, books), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert (f"计入的表只有 {books[0]} 中的 1 张部门整体支出绩效自评表；{books[1]} 中的 1 张项目支出绩效评价表，"
            "没有项目支出绩效自评表") in err
    assert not out.exists()


def test_a_batch_that_mixes_names_the_workbook_of_no_project_form(tmp_path, capsys):
    """Beside project forms the 部门整体 form's workbook is no row of the 汇总表 (it has no project), and
    it is now named as such on the console and in the JSON (``without_projects``: a field added)."""
    project = _book(tmp_path, SAMPLES / "dachang-2022" / "02.json", "项目", year=2023)
    dept = _book(tmp_path, DEPT_JSON, "部门")
    capsys.readouterr()
    out = tmp_path / "汇总表.xlsx"
    assert main(["summarize", str(project), str(dept), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert f"{dept}：只有部门整体支出绩效自评表，不计入汇总表（汇总表只计项目支出绩效自评表）" in printed
    assert str(project) not in printed
    assert main(["summarize", str(project), str(dept), "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["without_projects"] == [{"file": str(dept), "held": "部门整体支出绩效自评表"}]
    assert d["projects_due"] == 1 and len(d["rows"]) == 1 and d["department"]["total"] == 95
    wb = openpyxl.load_workbook(out, data_only=True)   # the results stored with the linked formulas
    assert [r[1] for r in wb["项目明细"].iter_rows(min_row=3, values_only=True) if r[1]] == [d["rows"][0]["project"]]


# -- 2. no grade beside a score over 100 --------------------------------------------------------------
def _over_100(tmp_path: Path) -> list[Path]:
    """Three forms of 大厂 02/03 in a folder: one whose own 总分 is typed 101.5; one whose 分值 add up to
    110 (an indicator weighed 20, scored 18.24), its 总分 typed 98 — the 复核 is 103.88; one of 100."""
    src = json.loads((SAMPLES / "dachang-2022" / "02.json").read_text(encoding="utf-8"))
    over_self = dict(src, project="自评超百项目", total_score=101.5)
    over_review = json.loads(json.dumps(src))
    over_review.update(project="复核超百项目", total_weight=110, total_score=98)
    over_review["indicators"][0].update(weight=20, score=18.24)
    folder = tmp_path / "收件"
    folder.mkdir()
    books = []
    for name, d in (("甲", over_self), ("乙", over_review)):
        (tmp_path / f"{name}.json").write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
        books.append(_book(folder, tmp_path / f"{name}.json", name))
    books.append(_book(folder, SAMPLES / "dachang-2022" / "03.json", "丙"))
    return books


def test_the_detail_says_what_its_grade_is_beside_a_score_over_100(tmp_path, capsys):
    """项目明细 showed “优” in 等级 beside a 复核得分 of 103.88 (分值 adding up to 110: the check says the
    form can have no grade, D11) with nothing to say why, and “无法评定” beside a 自评得分 over 100 cut
    over two lines. The 等级 stays the 自评得分's — the 汇总表 counts the self-evaluation reported
    (outputs.md: the 大厂 samples are 优 20, their 10 among them, 自评 100 and 复核 109.5) — and a note
    under the table says both, naming the row of the 复核 over 100."""
    books = _over_100(tmp_path)
    capsys.readouterr()
    folder = books[0].parent
    out = tmp_path / "汇总表.xlsx"
    main(["summarize", str(folder), "-o", str(out)])
    wb = openpyxl.load_workbook(out, data_only=True)
    ws = wb["项目明细"]
    rows = {r[1]: r for r in ws.iter_rows(min_row=3, max_row=5, values_only=True)}
    assert rows["自评超百项目"][9] == "无法评定" and rows["复核超百项目"][9] == "优"
    assert rows["复核超百项目"][8] > 100 and rows["复核超百项目"][0] == 2
    note = ws["A7"].value
    assert note == ("注：“等级”为“无法评定”的项目，自评得分超过100分，不评定等级，也不计入汇总表的绩效评价等级个数；"
                    "序号为2的项目复核得分超过100分（分值合计超过100），复核不能评定等级，“等级”按表中的自评得分评定，"
                    "汇总表按它统计。自评表满分为100分，得分超过100即表中有误，见校验结果。")
    assert "A7:M7" in ws.merged_cells and ws.print_area == "'项目明细'!$A$1:$M$7"
    assert ws.column_dimensions["J"].width >= 9                        # “无法评定” on one line
    assert wb["汇总表"]["C6"].value == 2                                 # 优: the 自评's, as before
    main(["review", str(folder), "-o", str(tmp_path / "复核")])         # the review's 汇总表 alike
    capsys.readouterr()
    ws = openpyxl.load_workbook(tmp_path / "复核" / "2022年度绩效自评情况汇总表.xlsx")["项目明细"]
    assert ws["A7"].value == note


def test_no_note_under_a_detail_where_every_score_is_within_100(tmp_path, capsys):
    book = _book(tmp_path, SAMPLES / "dachang-2022" / "03.json", "丙")
    out = tmp_path / "汇总表.xlsx"
    main(["summarize", str(book), "-o", str(out)])
    ws = openpyxl.load_workbook(out)["项目明细"]
    assert not any(str(c.value or "").startswith("注：") for row in ws.iter_rows() for c in row)


@pytest.mark.parametrize("src, total", [(DEPT_JSON, 105), (EVAL_JSON, 104)])
def test_a_stated_grade_beside_a_total_over_100_is_none_on_the_kind_sheet(tmp_path, capsys, src, total):
    """The 部门整体自评 (项目评价) sheet gave the grade the form states — “优” — beside a 表中总分 of 105:
    a form of 100 points has none there, as ``grades.grade`` says for every other 等级 jixiao shows."""
    d = json.loads(src.read_text(encoding="utf-8"))
    d.update(total_score=total, grade="优")
    (tmp_path / "表.json").write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    project = dict(json.loads((SAMPLES / "dachang-2022" / "03.json").read_text(encoding="utf-8")), year=2023)
    (tmp_path / "项目.json").write_text(json.dumps(project, ensure_ascii=False), encoding="utf-8")
    book = tmp_path / "单位.xlsx"
    assert main(["fill", str(tmp_path / "表.json"), str(tmp_path / "项目.json"), "-o", str(book)]) == 0
    capsys.readouterr()
    main(["summarize", str(book), "--json"])
    d = json.loads(capsys.readouterr().out)
    (row,) = d.get("departments") or d["evaluations"]
    assert (row["total"], row["grade"]) == (total, "无法评定")
    out = tmp_path / "汇总表.xlsx"
    main(["summarize", str(book), "-o", str(out)])
    capsys.readouterr()
    wb = openpyxl.load_workbook(out)
    ws = wb["部门整体自评" if src == DEPT_JSON else "项目评价"]
    at = ("D3", "E3") if src == DEPT_JSON else ("E3", "F3")   # the 评价表's 实施单位 in C (s61)
    assert (ws[at[0]].value, ws[at[1]].value) == (total, "无法评定")
    assert ws["A5"].value.startswith("注：表中等级为“无法评定”的，表中") and "超过100分，不评定等级" in ws["A5"].value


# -- 3. --by lists its groups in the 台账's order ----------------------------------------------------------
def test_by_lists_the_groups_in_the_review_ledgers_order(tmp_path, capsys):
    """`summarize --by` sorted its groups by name (县丙局, 县乙局, 县甲局), while the review — its 台账,
    分单位汇总 and 项目明细 — lists departments as a reviewer acts on them: with errors first, more
    before fewer (``core.ledger_order``). The same forms now come in the same order from both."""
    inbox = tmp_path / "收件"
    inbox.mkdir()
    for unit, nums in (("县甲局", ["03", "14"]), ("县乙局", ["11"]), ("县丙局", ["06"])):
        for n in nums:
            d = json.loads((SAMPLES / "dachang-2022" / f"{n}.json").read_text(encoding="utf-8"))
            d.update(unit=unit, authority=unit)
            (tmp_path / f"{unit}-{n}.json").write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
            _book(inbox, tmp_path / f"{unit}-{n}.json", f"{unit}-{n}")
    capsys.readouterr()
    main(["review", str(inbox), "-o", str(tmp_path / "复核")])
    capsys.readouterr()
    ledger = openpyxl.load_workbook(tmp_path / "复核" / "复核台账.xlsx").worksheets[0]
    in_ledger = [r[1] for r in ledger.iter_rows(min_row=4, values_only=True) if isinstance(r[0], int)]
    assert in_ledger == ["县甲局", "县丙局", "县乙局"]                  # 16 errors, 1, none (通过)

    main(["summarize", str(inbox), "--by", "实施单位", "--json"])
    d = json.loads(capsys.readouterr().out)
    assert list(d["groups"]) == in_ledger
    assert [sum(r["errors"] for r in g["rows"]) for g in d["groups"].values()] == [16, 1, 0]
    assert [r["unit"] for r in d["rows"]] == ["县甲局", "县甲局", "县丙局", "县乙局"]   # 项目明细 alike
    main(["summarize", str(inbox), "--by", "实施单位"])
    printed = capsys.readouterr().out
    assert [printed.index(f"— {u}") for u in in_ledger] == sorted(printed.index(f"— {u}") for u in in_ledger)
    out = tmp_path / "汇总表.xlsx"
    main(["summarize", str(inbox), "--by", "实施单位", "-o", str(out)])
    wb = openpyxl.load_workbook(out)
    by_unit = [r[1] for r in wb["分单位汇总"].iter_rows(min_row=5, values_only=True) if isinstance(r[0], int)]
    assert by_unit == in_ledger
    note = next(c.value for row in wb["分单位汇总"].iter_rows() for c in row if str(c.value or "").startswith("说明"))
    assert "4. 单位的顺序与复核台账相同：有须修改之处（错误、写成文字的数字）的单位在前，多的在前。" in note
    assert [n for n in wb.sheetnames if n.startswith("汇总表-")] == [f"汇总表-{u}" for u in in_ledger]
    detail = [r[3] for r in wb["项目明细"].iter_rows(min_row=3, max_row=6, values_only=True)]
    assert detail == ["县甲局", "县甲局", "县丙局", "县乙局"]


def test_the_year_is_the_project_forms_not_a_tie_with_an_evaluation_form(tmp_path, capsys):
    """A 2022 project form given with a 2023 评价表: one form of each year tied, the later won, and the
    one project form was set aside as another year's. The year is the project forms' (the 汇总表's)."""
    project = _book(tmp_path, SAMPLES / "dachang-2022" / "02.json", "项目")
    evaluation = _book(tmp_path, EVAL_JSON, "评价")    # year 2023
    capsys.readouterr()
    assert main(["summarize", str(project), str(evaluation), "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["year"] == 2022 and d["projects_done"] == 1 and len(d["rows"]) == 1


def test_by_counts_a_number_typed_as_text_as_the_review_does(tmp_path, capsys):
    """The review returns a department whose only point to change is a number typed as text (X2:
    the form's own formulas do not count it); `summarize --by` ordered groups by errors alone and
    listed that department after a clean one. Both now order by what must be changed."""
    (tmp_path / "收件").mkdir()
    book = tmp_path / "收件" / "两个单位.xlsx"
    for unit in ("县甲局", "县乙局"):  # by name 县乙局 comes first
        d = json.loads((SAMPLES / "dachang-2022" / "11.json").read_text(encoding="utf-8"))  # no error
        d.update(unit=unit, authority=unit, project=f"{unit}业务经费")
        (tmp_path / f"{unit}.json").write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    main(["fill", str(tmp_path / "县甲局.json"), str(tmp_path / "县乙局.json"), "-o", str(book)])
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    assert isinstance(ws["C7"].value, (int, float))
    ws["C7"].value = f"{ws['C7'].value:g}"   # 县甲局's 年度资金总额 typed as text
    wb.save(book)
    capsys.readouterr()
    main(["summarize", str(book), "--by", "实施单位", "--json"])
    d = json.loads(capsys.readouterr().out)
    assert [sum(r["errors"] for r in g["rows"]) for g in d["groups"].values()] == [0, 0]
    assert list(d["groups"]) == ["县甲局", "县乙局"]
    main(["review", str(book.parent), "-o", str(tmp_path / "复核")])
    ledger = openpyxl.load_workbook(tmp_path / "复核" / "复核台账.xlsx").worksheets[0]
    assert [r[1] for r in ledger.iter_rows(min_row=4, values_only=True) if isinstance(r[0], int)] == list(d["groups"])
