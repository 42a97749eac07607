"""Indicator-table headers as counties word them: “全年指标值” beside “全年实际值”, “预期指标值”, “年度目标值”,
“三级指标（名称）”, “未完成原因”. The first four made the whole form unread (X1 “不是自评表：缺少标签‘年度指标值’”);
a “未完成原因” column was left out as a column the template has none of.
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from review_fixture import run_cli

SRC = Path(__file__).parent / "corpus" / "01-merged-levels.xlsx"   # its first sheet: the usual headers in row 13


def _book(tmp_path: Path, headers: dict[str, str], cells: dict[str, str] | None = None) -> Path:
    wb = openpyxl.load_workbook(SRC)
    for ws in wb.worksheets[1:]:
        wb.remove(ws)
    ws = wb.worksheets[0]
    for ref, text in {**headers, **(cells or {})}.items():
        ws[ref] = text
    out = tmp_path / "表.xlsx"
    wb.save(out)
    return out


def _read(path: Path) -> list[dict]:
    code, out = run_cli("read", str(path), "--json")
    assert code == 0, out
    return json.loads(out)[0]["indicators"]


@pytest.mark.parametrize("headers", [
    {"E13": "全年指标值", "F13": "全年实际值"}, {"E13": "预期指标值"}, {"E13": "年度目标值", "H13": "自评得分"},
    {"D13": "三级指标（名称）", "G13": "分值（分）", "H13": "得分（分）"},
], ids=["全年", "预期", "目标值", "名称"])
def test_the_form_is_read_under_its_own_headers(tmp_path, headers):
    usual = _read(_book(tmp_path, {}))
    assert _read(_book(tmp_path, headers)) == usual
    assert [i["target"] for i in usual][:2] == ["≥1 人", "100%"]


def test_a_reason_column_headed_weiwancheng_yuanyin(tmp_path):
    got = _read(_book(tmp_path, {"I13": "未完成原因"}, {"I17": "按实际在岗人数发放"}))
    assert got[3]["reason"] == "按实际在岗人数发放"
