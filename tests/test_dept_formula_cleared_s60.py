"""F6 of a 部门整体 form whose formula-scored 得分 the 填报人 cleared (to type a score, then left it blank):
it said “得分公式没有算出结果，请核对……是否只填了数字”, of a formula no longer in the cell. It now says the
formula was deleted and asks for the score; a formula that is there and computes nothing is told as before."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl

from conftest import SAMPLES
from dept_helpers import zizhou_json
from jixiao.actions import FileHost, check
from jixiao.cli import main


def _book(tmp_path: Path) -> Path:
    src = tmp_path / "部门整体.json"
    src.write_text(json.dumps(zizhou_json(), ensure_ascii=False), encoding="utf-8")
    book = tmp_path / "子洲.xlsx"
    assert main(["fill", str(src), str(SAMPLES[0]), "-o", str(book)]) == 0
    return book


def _sheet(wb) -> str:
    return next(n for n in wb.sheetnames if n.startswith("部门整体"))


def _f6(capsys, path: Path) -> list[dict]:
    capsys.readouterr()
    main(["check", str(path), "--json"])
    found = json.loads(capsys.readouterr().out)
    findings = found["findings"] if isinstance(found, dict) else found
    return [f for f in findings if f["rule"] == "F6"]


def test_a_cleared_score_formula_is_said_deleted(tmp_path, capsys):
    book = _book(tmp_path)
    wb = openpyxl.load_workbook(book)
    ws = wb[_sheet(wb)]
    assert str(ws["I11"].value).startswith("=")   # 在职人员控制率: scored by its formula
    ws["I11"].value = None                         # cleared, as a 填报人 presses Delete there
    cleared = tmp_path / "删了公式.xlsx"
    wb.save(cleared)
    f6 = _f6(capsys, cleared)
    assert [f["cell"] for f in f6] == ["I11"], f6
    said = f6[0]["message"]
    assert "得分公式已被删除" in said and "请填写得分" in said and "应得 5 分" in said, said
    assert "没有算出结果" not in said and "只填了数字" not in said, said
    # the 校验 button on the same file (read through FileHost) says the same
    result, _plan = check(FileHost(str(cleared), str(tmp_path / "按钮.xlsx")))
    assert [f.message for f in result.findings if f.rule == "F6"] == [said]


def test_a_formula_that_computes_nothing_is_told_as_before(tmp_path, capsys):
    src = tmp_path / "部门整体.json"
    data = zizhou_json()
    data["data"]["staff_actual"] = None   # the figure 在职人员控制率's formula needs
    data["indicators"][0]["score"] = None
    src.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    book = tmp_path / "子洲.xlsx"
    assert main(["fill", str(src), str(SAMPLES[0]), "-o", str(book)]) == 0
    f6 = _f6(capsys, book)
    assert [f["cell"] for f in f6] == ["I11"], f6
    assert "已被删除" not in f6[0]["message"] and "缺少计算数据" in f6[0]["message"], f6
