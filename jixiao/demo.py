"""`jixiao demo`: the whole job on the embedded sample, as a department and a reviewer do it.

The 23 forms 大厂回族自治县医疗保障局 published for 2022 are filled into the official
template, checked (an annotated copy marks every mistake on its cell), summarized into the
linked 汇总表 and compared with the 汇总表 as published, and the documents are written.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from rich.console import Console, JustifyMethod
from rich.table import Table

from .core.numbers import MONEY_FORMAT, as_shown
from .excel.apply import apply_to_copy
from .checking.run import check_paths
from .forms.project.model import load_form
from .excel.plan import annotation_plan
from .core.profiles import get_profile
from .core.numbers import SCORE_FORMAT, pct
from .summary import compare_published, summarize
from .summary.write import write_summary
from .excel.workbook import write_forms

__all__ = ["run"]

UNIT = "大厂回族自治县医疗保障局"


def _samples() -> tuple[list[Path], Path]:
    root = Path(str(resources.files("jixiao") / "samples" / "dachang-2022"))
    forms = sorted(p for p in root.iterdir() if p.name[:2].isdigit() and p.suffix == ".json")
    return forms, root / "summary-as-published.json"


def outputs(outdir: Path) -> list[Path]:
    """Every file ``run`` writes into ``outdir``: the workbook, its 校验标注 copy, the 汇总表 and the
    documents in the 报告 folder beside the workbook (``report_folder``)."""
    from .reports import CHECK_NAME, DOCUMENTS, report_folder

    book = outdir / f"{UNIT}-2022-项目支出绩效自评表.xlsx"
    return [book, outdir / f"{UNIT}-2022-校验标注.xlsx", outdir / f"{UNIT}-2022-绩效自评情况汇总表.xlsx",
            *(report_folder(book) / f"{name}.docx" for name in (*DOCUMENTS, CHECK_NAME))]


def run(outdir: Path, console: Console | None = None, *, overwrite: bool = False) -> int:
    """The demo written into ``outdir``. A file of the demo's names there that a person saved since
    the demo wrote it (a 填报人 trying the buttons on the demo's workbook, a report gone on with in
    Word), or that the demo did not write, is not written over unless ``overwrite``: refused before
    anything is written (``guard.outpath.check_overwrite``); the demo's own files, untouched, are."""
    from .guard.outpath import check_overwrite

    outdir = Path(outdir)
    for target in outputs(outdir):
        check_overwrite(target, overwrite)
    if console is None:  # a pipe or CI log: wide lines, not hard-wrapped at 80 columns
        probe = Console()
        console = Console(width=probe.width if probe.is_terminal else 120, soft_wrap=True)
    paths, published = _samples()
    forms = [load_form(p) for p in paths]
    book_path, annotated_path, summary_path = outputs(outdir)[:3]
    book = write_forms(forms, book_path)
    console.print(f"[bold]示例：{UNIT} 2022 年度公开的 {len(forms)} 张项目支出绩效自评表[/bold]（原表的错误原样保留）")
    console.print(f"1. 填入官方模板：{book}")

    profile = get_profile(None)
    batch, result = check_paths([book], profile)
    annotated = apply_to_copy(book, annotated_path,
                              annotation_plan(result.findings, batch.marked_sheets(), names=batch.form_names()))
    c = result.counts
    console.print(f"2. 校验：错误 {c['error']} 个，警告 {c['warning']} 个；逐格标注的副本：{annotated}")

    per_sheet: dict[str, list[int]] = {}
    for f in result.findings:
        per_sheet.setdefault(f.sheet or "", [0, 0])[0 if f.severity == "error" else 1] += f.severity != "info"
    table = Table(title=f"自评得分与复核（{profile.name}）", show_lines=False)
    columns: tuple[tuple[str, JustifyMethod], ...] = (
        ("#", "right"), ("项目", "left"), ("执行率", "right"), ("自评总分", "right"), ("复核总分", "right"),
        ("等级", "center"), ("错误", "right"), ("警告", "right"))
    for col, just in columns:
        table.add_column(col, justify=just, no_wrap=(col != "项目"), overflow="ellipsis")
    for i, item in enumerate(batch.forms, 1):
        s = result.scores[item.source]
        e, w = per_sheet.get(item.sheet or "", [0, 0])
        rate = pct(s.exec_rate, blank="—")
        own = item.form.total_score
        table.add_row(str(i), item.form.project[:24], rate, "—" if own is None else as_shown(own),
                      as_shown(s.total, SCORE_FORMAT), s.grade, str(e) if e else "", str(w) if w else "")
    console.print(table)

    summary, _ = summarize(batch, result, profile)
    out = write_summary(batch, summary, {}, summary_path)
    g = summary.grades
    console.print(f"3. 汇总：项目 {summary.projects_due}/{summary.projects_done} 个，资金 应评价 {as_shown(summary.funds_due, MONEY_FORMAT)} 万元 / "
                  f"已评价 {as_shown(summary.funds_done, MONEY_FORMAT)} 万元，优 {g['优']} 良 {g['良']} 中 {g['中']} 差 {g['差']}；{out}")
    for f in compare_published(summary, json.loads(published.read_text(encoding="utf-8")), published.name):
        console.print(f"   [red]已发布的汇总表有误[/red]：{f.message}")

    try:
        from .reports import build_reports, report_folder
        from .core.settings import Settings

        # the samples keep their published errors: a draft, every affected figure marked 【待核实】; in the
        # folder 生成报告 uses beside the workbook, where 定稿's mail looks for them
        folder = report_folder(book)
        docs = build_reports(batch, Settings(unit=UNIT), folder, profile=profile, check=result, force=True)
        console.print("4. 生成报告：" + "、".join(p.name for p in docs) + f"（{folder}）")
    except ImportError:  # pragma: no cover - reports are optional in a partial install
        pass
    console.print(f"全部输出在 {outdir}/ 中。")
    return 0
