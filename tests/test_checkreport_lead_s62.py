"""The 校验报告's examples of one kind of target problem say their shared opening clause once (stop 62): the demo's
item read “如：指标名称应各不相同，表中第 8 个指标“单一成本”与第 7 个指标重名；指标名称应各不相同，表中第 10 个……；
指标名称应各不相同，表中第 8 个……”."""

from __future__ import annotations

from types import SimpleNamespace

from jixiao.core.findings import Finding
from jixiao.reports.checkreport import lead_once, target_lines


def _c7(i: int, j: int, name: str) -> Finding:
    return Finding(rule="C7", severity="warning", field=f"indicators[{i}].name",
                   message=f"指标名称应各不相同，表中第 {i + 1} 个指标“{name}”与第 {j + 1} 个指标重名")


def test_the_shared_clause_is_said_once_in_the_report_item() -> None:
    ps = [SimpleNamespace(name="通用办公设备", findings=[_c7(7, 6, "单一成本"), _c7(9, 8, "总成本")]),
          SimpleNamespace(name="家庭医生签约服务费", findings=[_c7(7, 0, "签约服务人数")])]
    item = next(line for line in target_lines(ps) if "重名" in line)   # type: ignore[arg-type]
    assert item.count("指标名称应各不相同") == 1
    assert "如：指标名称应各不相同，表中第 8 个指标“单一成本”与第 7 个指标重名；表中第 10 个指标“总成本”" in item
    assert item.endswith("表中第 8 个指标“签约服务人数”与第 1 个指标重名。")


def test_only_a_whole_clause_shared_by_all_is_taken_out() -> None:
    assert lead_once(["甲，一", "乙，二"]) == "甲，一；乙，二"                 # no clause in common
    assert lead_once(["甲，一", "甲，二", "乙，三"]) == "甲，一；甲，二；乙，三"   # not shared by all
    assert lead_once(["甲，"]) == "甲，"
    # a “，” inside a quotation does not end a clause
    assert lead_once(["指标“满意度，群众”偏低", "指标“满意度，群众”未填"]) == "指标“满意度，群众”偏低；指标“满意度，群众”未填"
    assert lead_once(["甲，", "甲，二"]) == "甲，；甲，二"                     # nothing would follow the clause


def test_a_form_named_by_file_and_sheet_is_named_by_its_project_alone() -> None:
    """E1 names the other form as ``source_label`` writes it (“（医保局.xlsx › 救助资金）”): the 校验报告 printed the
    workbook's file name in the middle of the sentence (the department's own file, which means nothing on paper)."""
    from jixiao.core.findings import source_label
    from jixiao.reports.checkreport import message_text

    said = f"本项目的 8 个绩效指标及指标值与项目“救助资金”{source_label('/x/医保局-2022.xlsx#救助资金')}逐条相同"
    assert message_text(said) == "本项目的 8 个绩效指标及指标值与项目“救助资金”逐条相同"
    assert message_text("与项目“甲”（医保局.xlsx）逐条相同") == "与项目“甲”逐条相同"
    assert message_text("应为“=100%”（按规则）") == "应为“=100%”（按规则）"   # a bracket that names no file stays
