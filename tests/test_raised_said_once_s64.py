"""Session 64: a raised 三级指标 分值 is explained once, on the finding nearest its row.

A 三级 分值 raised over what its 一级 allows (12 where the 一级 leaves 10, the 得分 left at 10, the 一级 分值 adding
up to 100: ``checking.rules.table.raised_rows``): F3 (一级) and F4 (二级) on the 部门整体 form — V2 and V3 on the
评价表 — both named the row with the same long advice (“其中“产出数量”的分值 12 分、得分 10 分，正好少了多出的 2 分，
像是只把分值填高了：调低它的分值即可……”), so the 退回修改通知 and the 校验结果 said it twice, one line under the
other. It is now said in full on the 二级 finding (the 二级 holding the row) and the 一级 finding points at it; where
no 二级 finding names the row (its 二级 分值 was raised with it), the 一级 finding says it all, as before."""

from __future__ import annotations

import json
from pathlib import Path

from test_raised_weight_reason_s63 import _department, _evaluation

LONG = "像是只把分值填高了：调低它的分值即可"


def _json_findings(capsys, path: Path) -> dict[str, dict]:
    from jixiao.cli import main

    main(["check", str(path), "--json"])
    return {f["rule"]: f for f in json.loads(capsys.readouterr().out) if f["rule"] in ("F3", "F4", "V2", "V3")}


def test_the_evaluation_form_says_it_on_the_second_level_and_points_there_from_the_first(tmp_path, capsys):
    """产出数量's 分值 raised from 10 to 12 (I15), 得分 10: 项目产出 (一级 B15, 二级 E15) both 30, their 三级 add to 32."""
    got = _json_findings(capsys, _evaluation(tmp_path, I15=12, J15=10))
    v2, v3 = got["V2"], got["V3"]
    assert "其中“产出数量”的分值 12 分、得分 10 分，正好少了多出的 2 分" in v3["message"] and LONG in v3["message"], v3
    assert LONG not in v2["message"] and "正好少了" not in v2["message"], v2["message"]
    assert "多出的 2 分像是“产出数量”的分值填高了，见二级指标“项目产出”一条" in v2["message"], v2["message"]
    for f in (v2, v3):   # the numbers stay numbers, the words beside them
        assert (f["expected"], f["found"]) == (30, 32), f
        assert (f["expected_shown"], f["found_shown"]) == ("其下三级指标分值合计 30 分", "其下三级指标分值合计 32 分"), f


def test_the_department_form_says_it_on_the_second_level_and_points_there_from_the_first(tmp_path, capsys):
    """实际完成率's 分值 raised from 10 to 12 (H26), 得分 10: 产出 (一级) and 职责履行 (二级) 25, their 三级 27."""
    got = _json_findings(capsys, _department(tmp_path, H26=12))
    f3, f4 = got["F3"], got["F4"]
    assert "其中“实际完成率”的分值 12 分、得分 10 分" in f4["message"] and LONG in f4["message"], f4
    assert LONG not in f3["message"], f3["message"]
    assert "多出的 2 分像是“实际完成率”的分值填高了，见二级指标“职责履行”一条" in f3["message"], f3["message"]
    for f in (f3, f4):
        assert (f["expected"], f["found"]) == (25, 27), f


def test_where_the_second_level_was_raised_with_it_the_first_level_says_it_all(tmp_path, capsys):
    """The 二级 分值 raised with the row (E15 32): no V3, so V2 names the row in full, pointing nowhere."""
    got = _json_findings(capsys, _evaluation(tmp_path, I15=12, J15=10, E15=32))
    assert "V3" not in got, got.get("V3")
    assert "其中“产出数量”的分值 12 分、得分 10 分" in got["V2"]["message"] and LONG in got["V2"]["message"], got["V2"]
    assert "见二级指标" not in got["V2"]["message"], got["V2"]["message"]


def test_the_return_notice_says_it_once(tmp_path, capsys):
    """The department's 退回修改通知 (docx) and its 清单 (xlsx): the advice once, the 一级 item pointing at it."""
    import openpyxl
    from docx import Document

    from jixiao.cli import main

    inbox = tmp_path / "收件" / "县医疗保障局"
    inbox.mkdir(parents=True)
    _department(inbox, H26=12)
    capsys.readouterr()
    main(["review", str(tmp_path / "收件"), "-o", str(tmp_path / "复核"), "--json"])
    (dept,) = [d for d in json.loads(capsys.readouterr().out)["departments"] if d["to_fix"]]
    doc = Document(dept["notice"])
    text = "\n".join([p.text for p in doc.paragraphs]
                     + [c.text for t in doc.tables for row in t.rows for c in row.cells])
    assert text.count(LONG) == 1, text
    assert "见二级指标“职责履行”一条" in text, text
    ws = openpyxl.load_workbook(dept["notice_xlsx"]).active
    cells = [str(v) for r in ws.iter_rows(values_only=True) for v in r if v is not None]
    assert sum(c.count(LONG) for c in cells) == 1, cells
