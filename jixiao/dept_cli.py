"""The department form's part of the ``jixiao`` commands (fill, read, score, summarize).

``cli`` calls these so that every command that takes forms accepts a
部门整体支出绩效自评表 (JSON or sheet) beside the project forms.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .dept_model import is_department, load_any_form


def fill_forms(paths: list[str], target: Path) -> tuple[Path, int, int]:
    """Write project and department form JSON files into one workbook; (path, projects, departments).

    Every file is loaded before anything is written: a malformed one stops the command.
    """
    from .dept_workbook import write_all
    from .workbook import write_forms

    forms = [load_any_form(p) for p in paths]
    projects = [f for f in forms if not is_department(f)]
    depts = [f for f in forms if is_department(f)]
    out = write_all(projects, depts, target) if depts else write_forms(projects, target)
    return out, len(projects), len(depts)


def read_book(book: str):
    """(sheet forms of both kinds in sheet order: projects then departments, problems)."""
    from .dept_reader import read_both

    res, dept = read_both(book)
    return [*res.forms, *dept.forms], [*res.problems, *dept.problems]


def describe_sheet(sf: Any) -> str:
    f = sf.form
    if is_department(f):
        return (f"{sf.sheet}：{f.department}（{f.year}年度部门整体支出绩效自评表，{len(f.indicators)} 个指标，"
                f"总分 {f.total_score}，等级 {f.grade or '—'}）")
    return f"{sf.sheet}：{f.project}（{f.year}年度，{len(f.indicators)} 个指标，总分 {f.total_score}）"


def score_departments(items: list[Any], standards_file: str | None = None) -> list[dict[str, Any]]:
    from .dept_scoring import load_standards, score_dept_form, with_standards

    standards = load_standards(standards_file) if standards_file else None
    out = []
    for item in items:
        d = score_dept_form(with_standards(item.form, standards)).to_dict()
        d["source"] = item.source
        out.append(d)
    return out


def print_dept_scores(scores: list[dict[str, Any]]) -> None:
    if not scores:
        return
    from rich.console import Console
    from rich.table import Table

    console = Console()
    for s in scores:
        table = Table(title=f"部门整体支出绩效自评 复核得分：{s['department']}（{s['year']}年度）")
        for col, just in (("#", "right"), ("三级指标", "left"), ("分值", "right"), ("复核得分", "right"),
                          ("依据", "left")):
            table.add_column(col, justify=just)
        for ind in s["indicators"]:
            score = "—" if ind["score"] is None else f"{ind['score']:g}"
            table.add_row(str(ind["index"] + 1), ind["name"][:20], f"{ind['weight'] or 0:g}", score,
                          ind["basis"][:60])
        written = "" if s["written_total"] is None else f"；表中 {s['written_total']:g} {s['written_grade'] or ''}"
        table.caption = f"复核总分 {s['total']:g}，等级 {s['grade']}{written}"
        console.print(table)


def summary_text(summary: Any) -> None:
    for d in getattr(summary, "departments", []) or []:
        total = d.get("total")
        print(f"部门整体支出绩效自评：{d['department']}（{d['year']}年度）总分 "
              f"{'—' if total is None else f'{total:g}'}，等级 {d.get('grade') or '—'}；复核 {d['reviewed_total']:g} "
              f"{d['reviewed_grade']}；错误 {d['errors']}，警告 {d['warnings']}")
