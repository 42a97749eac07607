"""``jixiao check`` on a folder with a 部门预算公开表 beside the forms (session 67): the exit status and the last line's
错误 already left the budget table's X1 out (``CheckResult.no_form_errors``), yet its listed line still began
“错误 · 整张表 · 规则 X1 ……（不是自评表）”: the 填报人 read one error the count said was not there. And
``check A.xlsx B.xlsx --annotate OUT.xlsx`` (one copy for two workbooks) printed the whole check before refusing.
Each test failed before its fix."""

from __future__ import annotations

import json
from pathlib import Path

from jixiao.excel.workbook import write_forms
from review_fixture import _fixed, form, run_cli
from test_no_form_exit_s66 import BUDGET, _folder


def test_the_budget_tables_line_is_not_headed_error(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    code, text = run_cli("check", str(folder))
    lines = text.strip().splitlines()
    at = lines.index(f"{folder / BUDGET}（不是自评表）")
    line = lines[at + 1].strip()
    assert line.startswith("未计入 · 整张表 · 规则 X1 · ") and line.endswith("不是自评表"), line
    assert not any(x.strip().startswith("错误 ·") for x in lines), lines
    assert code == 0 and lines[-1].startswith("共检查 2 个文件、1 张表：错误 0，"), lines[-1]
    # --json keeps its "severity" (never renamed) and adds "not_form"; the other findings have no such field
    findings = json.loads(run_cli("check", str(folder), "--json")[1])
    budget = [f for f in findings if f["file"] and f["file"].endswith(BUDGET)]
    assert [(f["rule"], f["severity"], f.get("not_form")) for f in budget] == [("X1", "error", True)], budget
    assert all("not_form" not in f for f in findings if f not in budget), findings


def test_an_unreadable_workbook_is_still_an_error(tmp_path: Path) -> None:
    """A workbook behind a password is a form that could not be read: its X1 line stays “错误”."""
    folder = _folder(tmp_path, locked=True)
    code, text = run_cli("check", str(folder))
    assert code == 1 and any(x.strip().startswith("错误 · 整张表 · 规则 X1") and "项目三.xlsx" in x
                             for x in text.splitlines()), text
    findings = json.loads(run_cli("check", str(folder), "--json")[1])
    locked = [f for f in findings if f["file"] and f["file"].endswith("项目三.xlsx")]
    assert locked and all("not_form" not in f for f in locked), locked


def test_two_workbooks_for_one_annotated_copy_are_refused_before_any_work(tmp_path: Path, capsys) -> None:
    """Two workbooks, one --annotate copy: refused at once (exit 2, nothing printed on stdout, no copy), in
    Chinese, saying what to type instead; it printed the whole check of both, then refused."""
    from jixiao.cli import main

    a = write_forms([form(1, "县民政局")], tmp_path / "民政局.xlsx")
    b = write_forms([form(12, "县交通运输局", indicators=_fixed(12))], tmp_path / "交通局.xlsx")
    out = tmp_path / "标注.xlsx"
    capsys.readouterr()
    assert main(["check", str(a), str(b), "--annotate", str(out)]) == 2
    said = capsys.readouterr()
    assert said.out == "" and not out.exists(), said.out[:300]
    assert "--annotate 只写出一个工作簿的标注副本" in said.err and "现给出 2 个工作簿" in said.err, said.err
    assert f"jixiao check \"{a}\" --annotate \"民政局-校验标注.xlsx\"" in said.err, said.err
    # the same workbook named twice is one: checked and marked as before
    assert main(["check", str(a), str(a), "--annotate", str(out)]) == 1
    assert out.exists() and "民政局.xlsx" in capsys.readouterr().out
