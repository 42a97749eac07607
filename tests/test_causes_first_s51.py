"""A finding that causes others on its form is listed first, whatever its severity (stop 51).

A 三公经费 typed in 元 (F16, a warning) makes the two 三公经费 indicators' formula scores 0 (F11) and the
总分 wrong (F12): listed after those errors, the department corrected the scores and wrote 扣分原因 for
them, and the unit stayed wrong. ``check``, the 退回修改通知 and its 清单 now put the cause first.
"""

from __future__ import annotations

from dept_helpers import clean_json, of_year
from jixiao.checking.rules import CAUSE_CODES, cause_rank, load_catalogue
from jixiao.excel.workbook import write_forms
from jixiao.forms.department.model import parse_dept_form
from review_fixture import returned
from test_dept_rules import run as run_dept
from test_rules import clean, executed
from test_rules import run as run_project


def _three_public_in_yuan() -> dict:
    d = clean_json()
    d["data"]["three_public_this"] = 95000.0  # 9.5 万元 typed as 元
    return d


def test_the_cause_codes_are_rules_that_exist():
    cat = load_catalogue()
    assert {c for c in CAUSE_CODES if not c.startswith("X")} <= set(cat)
    assert cause_rank("F16") == 0 and cause_rank("F11") == 1


def test_check_lists_the_figure_in_yuan_before_the_scores_it_makes_wrong():
    found = run_dept(_three_public_in_yuan())
    assert [f.rule for f in found] == ["F16", "F11", "F11", "F12"]
    assert found[0].severity == "warning" and "像是以元填写" in found[0].message
    assert {f.severity for f in found[1:]} == {"error"}


def test_check_lists_a_project_execution_in_yuan_first():
    d = clean()
    executed(51800)(d)
    found = run_project(d)
    assert found[0].rule == "A16", [f.rule for f in found]
    assert any(f.severity == "error" for f in found[1:])  # the rate and its score it makes wrong


def test_the_notice_and_its_list_put_the_cause_first(tmp_path):
    d = _three_public_in_yuan()
    of_year(d, 2022).update(department="县审计局")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write_forms([parse_dept_form(d)], inbox / "县审计局部门整体自评表.xlsx")
    paras, rows = returned(inbox, tmp_path / "out", "县审计局")
    items = [p for p in paras if p[:2] in ("1．", "2．", "3．", "4．") and "单元格：" in p]
    assert len(items) == 4, paras
    assert "像是以元填写" in items[0] and "请核实" in items[0]
    assert all("像是以元填写" not in p for p in items[1:])
    assert "须修改3处，请核实1处" in "".join(paras)  # counted as before: the order changes, not the asks
    mine = [t for t in rows if "三公经费" in t]
    assert "像是以元填写" in mine[0] and len(mine) == 4
