"""What the 填报人 and the 财政局 reviewer read: each test one wording or content gap (s59)."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl

from dept_helpers import clean_json
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
