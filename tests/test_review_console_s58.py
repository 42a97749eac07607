"""``review``'s lines on the terminal give the counts a department has: one that sent nothing printed
“【未报送】县住建局：须修改 0，请核实 0，未报项目 1” (QA s58)."""

from __future__ import annotations

from types import SimpleNamespace

from jixiao.cli import department_line
from jixiao.review.run import NO_UNIT


def dept(**kw):
    base = dict(status="退回修改", name="县民政局", to_change=0, to_verify=0, missing=[], files=[],
                report_errors=0, report_warnings=0)
    d = SimpleNamespace(**{**base, **kw})
    d.status_said = kw.get("status_said", d.status)   # ``Department.status_said``: “不是自评表” apart (s64)
    return d


def test_only_the_counts_there_are():
    assert department_line(dept(status="未报送", name="县住建局", missing=["老旧小区改造"])) == \
        "  【未报送】县住建局：未报项目 1"
    assert department_line(dept(to_change=3, to_verify=2)) == "  【退回修改】县民政局：须修改 3，请核实 2"
    assert department_line(dept(to_verify=2), "上轮退回 5 处") == "  【退回修改】县民政局：请核实 2（上轮退回 5 处）"
    assert department_line(dept(status="通过"), "上轮退回 1 处，已改 1 处") == "  【通过】县民政局（上轮退回 1 处，已改 1 处）"


def test_files_of_no_known_department():
    line = department_line(dept(name=NO_UNIT, files=["a.xlsx", "b.xlsx"]))
    assert line == f"  【退回修改】{NO_UNIT}：请核对是哪个单位报送的：a.xlsx、b.xlsx"
    assert department_line(dept(name=NO_UNIT, to_change=1, files=["a.xlsx"])).endswith("：须修改 1；请核对是哪个单位报送的：a.xlsx")
