"""An indicator row without its 三级指标名称 (stop 49).

Such a row was read and scored, but no rule said the name was missing, and every message about the
row quoted an empty name: “指标“”的年度指标值“100%”没有比较方向”. C18 asks for the name, on its cell,
saying what the row holds; the other messages name the indicator as 指标（名称未填）.
"""

from __future__ import annotations

import json

from conftest import SAMPLES

from jixiao.cli import main
from jixiao.excel.workbook import write_forms
from jixiao.forms.project.model import parse_form


def _check(tmp_path, capsys, edit) -> list[dict]:
    d = json.loads(SAMPLES[0].read_text(encoding="utf-8"))
    edit(d)
    book = write_forms([parse_form(d)], tmp_path / "book.xlsx")
    capsys.readouterr()
    main(["check", str(book), "--json"])
    return json.loads(capsys.readouterr().out)


def test_a_row_without_its_name_is_named_by_what_it_holds(tmp_path, capsys):
    def edit(d):
        d["indicators"][1]["name"] = ""
        d["indicators"][1]["target"] = "100%"
    found = _check(tmp_path, capsys, edit)
    c18 = [f for f in found if f["rule"] == "C18"]
    assert [(f["cell"], f["severity"]) for f in c18] == [("D15", "error")]
    msg = c18[0]["message"]
    assert msg.startswith("“质量指标”下有一行三级指标名称未填写")
    assert "年度指标值“100%”" in msg and "分值 10" in msg and "得分 10" in msg
    about_row = [f for f in found if f["cell"] and f["cell"].endswith("15") and f["rule"] != "C18"]
    assert about_row and all("指标（名称未填）" in f["message"] for f in about_row)
    assert not any("指标“”" in f["message"] for f in found)


def test_named_rows_have_no_c18(tmp_path, capsys):
    found = _check(tmp_path, capsys, lambda d: None)
    assert found and not any(f["rule"] == "C18" for f in found)
