"""A 部门预算公开表 kept in the folder beside the forms (no 自评表 in it) is said “不是自评表” by every command since
session 65, but ``summarize``, ``import``, ``report``, ``score`` and ``check`` still exited 1 for it, and
``summarize --json`` said ``"incomplete": true``, ``check`` ended “错误 1”: a 填报人 (or a script) read the batch as
incomplete or wrong when nothing of a form was left out. Now each exits 1 only where a form could not be read (a
workbook behind a password beside them), as it did; the budget table stays listed (``no_form``, ``not_form``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jixiao.excel.workbook import write_forms
from review_fixture import _fixed, form, run_cli
from test_review_no_form_s65 import _budget
from test_review_resent_unread_s64 import _locked

BUDGET = "县教育局2022年部门预算公开表.xlsx"


def _folder(tmp_path: Path, locked: bool = False) -> Path:
    """Clean forms (no error: ``check`` has nothing else to exit 1 for), the budget table beside them and
    (``locked``) a workbook behind a password, a form that could not be read."""
    folder = tmp_path / "自评"
    write_forms([form(12, "县教育局", indicators=_fixed(12), filled_on="2023.3.20")], folder / "项目.xlsx")
    _budget(folder / BUDGET)
    if locked:
        made = write_forms([form(13, "县教育局", indicators=_fixed(13), filled_on="2023.3.20")],
                           tmp_path / "made" / "项目三.xlsx")
        (folder / "项目三.xlsx").write_bytes(_locked(made))
    return folder


def _commands(tmp_path: Path, folder: Path) -> dict[str, list[str]]:
    return {"check": ["check", str(folder)],
            "summarize": ["summarize", str(folder), "-o", str(tmp_path / "汇总表.xlsx")],
            "import": ["import", str(folder), "-o", str(tmp_path / "导入.xlsx")],
            "report": ["report", str(folder), "-o", str(tmp_path / "报告"), "--force"],
            "score": ["score", str(folder)]}


@pytest.mark.parametrize("command", ["check", "summarize", "import", "report", "score"])
def test_a_budget_table_beside_clean_forms_exits_0(tmp_path: Path, command: str) -> None:
    code, _text = run_cli(*_commands(tmp_path, _folder(tmp_path))[command])
    assert code == 0, (command, _text)


@pytest.mark.parametrize("command", ["check", "summarize", "import", "report", "score"])
def test_a_locked_form_beside_it_still_exits_1(tmp_path: Path, command: str) -> None:
    code, _text = run_cli(*_commands(tmp_path, _folder(tmp_path, locked=True))[command])
    assert code == 1, (command, _text)


def test_summarize_json_is_complete_and_keeps_the_budget_table_listed(tmp_path: Path) -> None:
    code, text = run_cli("summarize", str(_folder(tmp_path)), "--json")
    data = json.loads(text)
    assert code == 0 and data["incomplete"] is False, data["incomplete"]
    assert [Path(u["file"]).name for u in data["unreadable"]] == [BUDGET] and data["unreadable"][0]["not_form"] is True
    assert [Path(f).name for f in data["no_form"]] == [BUDGET]
    code, text = run_cli("summarize", str(_folder(tmp_path / "b", locked=True)), "--json")
    assert code == 1 and json.loads(text)["incomplete"] is True


def test_check_counts_no_error_for_the_budget_table(tmp_path: Path) -> None:
    """Its X1 line stays (it names the file “不是自评表”); its header and the count say no error of a form."""
    folder = _folder(tmp_path)
    code, text = run_cli("check", str(folder))
    lines = text.strip().splitlines()
    assert f"{folder / BUDGET}（不是自评表）" in lines, lines
    assert lines[-1].startswith("共检查 2 个文件、1 张表：错误 0，") and lines[-1].endswith("；1 个文件不是自评表"), lines[-1]
    findings = json.loads(run_cli("check", str(folder), "--json")[1])
    assert [(f["rule"], f["severity"]) for f in findings if f["file"] and f["file"].endswith(BUDGET)] == [("X1", "error")]
    code, text = run_cli("check", str(_folder(tmp_path / "b", locked=True)))
    assert code == 1 and "错误 0，" not in text.strip().splitlines()[-1], text
