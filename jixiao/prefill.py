"""``jixiao import --targets``: 自评表 prefilled from the approved 绩效目标表.

The targets approved at the start of the year are what the year-end self-evaluation is
judged against; copying them by hand into hundreds of 自评表 is where indicators get lost
and targets drift. This reads every target sheet (``reading.targets``) and writes one
项目支出绩效自评表 per project in our template, with the project, its units, the 年度目标 as
预期目标 and the approved indicators (levels, targets, weights where approved); "不适用" rows
are dropped and everything measured at year end is left for the filler.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from .errors import JixiaoError, WorkbookError, problem_record
from .importer import ImportReport
from .forms.project.model import parse_form
from .reading.targets import TargetForm, read_targets
from .core.grades import DEFAULT_BANDS, Bands
from .excel.workbook import forms_workbook, save_workbook

TO_FILL = "全年预算数、全年执行数、执行率得分、各指标的实际完成值和得分、偏差原因、目标实际完成情况"


@dataclass
class PrefillReport(ImportReport):
    """What ``import --targets`` wrote: the same report as ``import``, per target sheet."""

    seconds: float = 0.0
    NOTHING: ClassVar[str] = "没有可用的绩效目标表，未写出文件"
    HOW: ClassVar[str] = "按绩效目标表预填"

    def to_dict(self) -> dict[str, Any]:
        return {**super().to_dict(), "to_fill": TO_FILL, "seconds": round(self.seconds, 2)}

    @staticmethod
    def form_line(f: dict[str, Any]) -> str:
        extra = f"，去掉 {f['dropped']} 行“不适用”" if f["dropped"] else ""
        return (f"{f['file']} › {f['sheet']} → 工作表“{f['target_sheet']}”：{f['project']}"
                f"（{f['year']}年度，{f['indicators']} 个指标{extra}）")

    def closing_lines(self) -> list[str]:
        return [f"请填报单位填写：{TO_FILL}"] if self.forms else []


def load_targets(paths: list[str | Path]) -> tuple[list[TargetForm], list[JixiaoError]]:
    """Every target form of the workbooks ``paths``; a file that cannot be read is reported."""
    from .reading.markup import as_given, staged

    found: list[TargetForm] = []
    problems: list[JixiaoError] = []
    with staged([Path(p) for p in paths]) as (read, swapped):   # a system's “导出 Excel”: a web page named .xls
        for p in read:
            try:
                got, bad = read_targets(p)
            except JixiaoError as exc:
                problems.append(exc)
                continue
            found += got
            problems += bad
        as_given(swapped, found, problems)
    return found, problems


def import_targets(paths: list[str | Path], output: str | Path, *, bands: Bands = DEFAULT_BANDS,
                   scheme: str | None = None) -> PrefillReport:
    """Read the target workbooks ``paths`` and write their prefilled 自评表 into ``output``, the 等级
    under ``bands`` (nothing is written when no target form could be read; the inputs are never overwritten)."""
    started = time.perf_counter()
    out = Path(output)
    if out.resolve() in {Path(p).resolve() for p in paths}:
        raise WorkbookError(f"{out}：输出文件不能是绩效目标表本身（原文件不会被修改）", file=str(out))
    targets, problems = load_targets(paths)
    report = PrefillReport(None, problems=[problem_record(p) for p in problems])
    if targets:
        forms = [parse_form(t.prefill(), t.source) for t in targets]
        wb, caches = forms_workbook(forms, bands=bands, scheme=scheme)
        report.output = save_workbook(wb, out, caches)
        for t, title in zip(targets, wb.sheetnames):
            report.forms.append({"file": t.file, "sheet": t.sheet, "project": t.project, "year": t.year,
                                 "code": t.code, "indicators": len(t.indicators), "dropped": t.dropped,
                                 "target_sheet": title, "notes": [n.to_dict() for n in t.notes]})
    report.seconds = time.perf_counter() - started
    return report
