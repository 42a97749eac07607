"""What a department sends: the 报送函's 附件 list, and what the 定稿 carries of it.

One place for both, because they drifted apart: the letter listed the 绩效自评情况汇总表 whenever there
were project forms, while the 定稿 carried one only where 汇总 had written it into the workbook — a
department mailed a letter naming an attachment that was not there (s67). The letter (``reports.context``)
lists ``attachments``; the 定稿 (``finalize``) carries the 汇总表 where ``carries_summary`` says so, and
its mail compares the letter's list, as the department may have edited it, with what it attaches by
``attachment_kind``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .text import ORD

__all__ = ["SUMMARY_TITLE", "attachment_kind", "attachments", "carries_summary", "partner_books"]

SUMMARY_TITLE = "绩效自评情况汇总表"
PROJECT_REPORT, WHOLE_REPORT = "项目支出绩效自评报告", "整体绩效自评工作报告"


def carries_summary(n_projects: int) -> bool:
    """Whether what is sent carries the 绩效自评情况汇总表: with the 项目支出绩效自评表, always — it sums
    them, and the letter lists it beside them. The 定稿 builds it from the forms it carries; it does
    not wait for 汇总 to have written one into the workbook."""
    return n_projects > 0


def attachments(year: str, n_projects: int, others: Sequence[tuple[Any, int]]) -> list[str]:
    """The 报送函's 附件, numbered “1．”: the reports 生成报告 writes, the forms sent (the ``n_projects``
    项目支出绩效自评表, then each other kind of form sent with them, ``(kind, how many)`` in the
    registry's order), and the 汇总表 where ``carries_summary``. A department sending its 部门整体 form
    alone sends its 整体绩效自评工作报告 and the form only."""
    reports = [PROJECT_REPORT, WHOLE_REPORT] if n_projects else [WHOLE_REPORT]
    names = [f"{year}年度{r}" for r in reports]
    if n_projects:
        names.append(f"{year}年度项目支出绩效自评表（{n_projects}份）")
    names += [f"{year}年度{kind.title}" + (f"（{n}份）" if n > 1 else "") for kind, n in others if n]
    if carries_summary(n_projects):
        names.append(f"{year}年度{SUMMARY_TITLE}")
    return [f"{i}{ORD}{a}" for i, a in enumerate(names, start=1)]


def attachment_kind(name: str) -> str | None:
    """Which part of what is sent a 附件 the letter lists is (“2022年度部门整体支出绩效自评表”): a form
    kind's key (``forms.KINDS``), “summary” for the 汇总表; None for the reports (the mail takes them
    from 生成报告's folder, said apart) and for what a department wrote itself."""
    from ..forms import KINDS

    if SUMMARY_TITLE in name:
        return "summary"
    return next((k.key for k in KINDS if k.title in name), None)


def partner_books(book: Path, named: str | None, settings_file: str | Path | None = None) -> list[Path]:
    """The workbooks the 设置 sheet's “一并报送的工作簿” names (``Settings.partners``) beside ``book``: a
    department that keeps its 部门整体支出绩效自评表 in the template's own workbook sends it with the
    projects, under one 报送函 and in one mail. 生成报告 and 定稿 (the buttons, which take the workbook they
    are clicked in) read these too. Names are taken relative to ``book``'s folder, several separated by
    “；”; ``book`` itself is left out. A name with no such file is an error naming the 设置 cell, or the
    ``settings_file`` (``--settings``) that named it."""
    import re

    from ..core.settings import FIELDS, SETTINGS_SHEET
    from ..errors import JixiaoError

    out: list[Path] = []
    for name in re.split(r"[；;、\n]+", named or ""):
        name = name.strip().strip("“”\"'‘’")
        if not name:
            continue
        path = Path(name) if Path(name).is_absolute() else Path(book).parent / name
        if path.resolve() == Path(book).resolve() or path in out:
            continue
        if not path.is_file():
            where = (f"设置文件{settings_file}的“{FIELDS['partners'][0]}”" if settings_file
                     else f"“{SETTINGS_SHEET}”工作表的“{FIELDS['partners'][0]}”")
            raise JixiaoError(f"{where}写的是“{name}”，"
                              f"{Path(book).parent}中没有这个文件：请写与{Path(book).name}在同一文件夹中的工作簿文件名"
                              "（如 部门整体支出绩效自评表.xlsx），或" + ("删去这一项" if settings_file else "清空这一格"),
                              file=str(settings_file or book))
        out.append(path)
    return out
