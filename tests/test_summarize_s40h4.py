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
