"""A 自评表 exported from a budget system writes one 年度指标值 over three columns — 指标性质 | 指标值 |
计量单位 — and the 实际完成值 without its unit. Read as the 绩效目标表 reader reads the same export: one
target “≥1人”. Before, the two columns were passed over: C12 “只有数字，应写明计量单位” on every indicator,
the directions lost (D10 where 指标性质 said ≤) and the 得分 D4 names went unseen.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import openpyxl
import pytest

from review_fixture import run_cli

SRC = Path(__file__).parent / "corpus" / "01-merged-levels.xlsx"   # its first sheet: a form with the usual columns
_SPLIT = re.compile(r"^([≥≤=<>]?)\s*([\d.]+)\s*(.*)$")


def _exported(tmp_path: Path, signs: dict[str, str] | None = None) -> Path:
    """The first form of ``SRC`` with 指标性质 and 计量单位 columns around its 年度指标值, as a system writes it."""
    wb = openpyxl.load_workbook(SRC)
    for ws in wb.worksheets[1:]:
        wb.remove(ws)
    ws = wb.worksheets[0]
    for m in list(ws.merged_cells.ranges):
        if m.max_col >= 5:
            ws.unmerge_cells(str(m))
    ws.insert_cols(6)          # 计量单位 after 年度指标值
    ws.insert_cols(5)          # 指标性质 before it
    ws["E13"], ws["G13"] = "指标性质", "计量单位"
    for r in range(14, 21):
        t = _SPLIT.match(ws.cell(r, 6).value)
        assert t, ws.cell(r, 6).value
        sign = t.group(1) or "="
        ws.cell(r, 5).value = (signs or {}).get(sign, sign)
        ws.cell(r, 6).value, ws.cell(r, 7).value = t.group(2), t.group(3) or None
        a = _SPLIT.match(ws.cell(r, 8).value or "")
        if a and not a.group(1):
            ws.cell(r, 8).value = a.group(2)            # “1 人” → “1”: the unit is the column's
    out = tmp_path / "导出.xlsx"
    wb.save(out)
    return out


def _found(path: Path) -> list[tuple[str, str]]:
    _code, out = run_cli("check", str(path), "--json")
    return [(f["rule"], f["cell"]) for f in json.loads(out)]


def _targets(path: Path) -> list[tuple[str, str]]:
    _code, out = run_cli("read", str(path), "--json")
    return [(i["target"], i["actual"]) for i in json.loads(out)[0]["indicators"]]


def test_the_three_columns_are_one_target(tmp_path):
    book = _exported(tmp_path)
    assert _targets(book) == [("≥1人", "=1 人"), ("=100%", "100%"), ("=12次", "12次"), ("≤5.6万元", "5.18万元"),
                              ("≥100%", "≥100%"), ("≥100%", "≥100%"), ("≥95%", "=95%")]
    found = _found(book)
    assert not [f for f in found if f[0] in ("C12", "D10", "C15")]
    # what the form says wrong is found as on the usual layout: the 成本 score (D4) and the total after it (D11)
    assert ("D4", "J17") in found and ("D11", "J21") in found


def test_a_sign_column_in_words(tmp_path):
    book = _exported(tmp_path, {"≥": "正向", "≤": "反向", "=": "等于"})
    assert [t for t, _a in _targets(book)][:4] == ["≥1人", "=100%", "=12次", "≤5.6万元"]


def test_the_import_says_the_columns_were_joined(tmp_path):
    book = _exported(tmp_path)
    _code, out = run_cli("import", str(book), "-o", str(tmp_path / "导入.xlsx"))
    assert "E13、G13：“指标性质”“计量单位”两列与年度指标值合为一格读入" in out


@pytest.mark.parametrize("value, sign, unit, whole", [
    ("12.5", "≥", "公里", "≥12.5公里"), ("≥95%", "≥", "%", "≥95%"), ("95", "＞＝", "%", "≥95%"),
    ("提高", "定性", None, "提高"), ("14", None, "人", "14人"), ("14 人", None, "人", "14 人"),
])
def test_whole_target(value, sign, unit, whole):
    from jixiao.reading.indicators import whole_target
    assert whole_target(value, sign, unit) == whole
