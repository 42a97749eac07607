"""The ``jixiao`` command: the same core the Excel buttons use, headless.

Exit status: 0 success; 1 the forms hold errors (``check``) or a batch was incomplete;
2 an input could not be read at all (the message names the file, sheet and cell).
"""

from __future__ import annotations

import argparse
import json
import sys
from importlib import resources
from pathlib import Path
from typing import Any, Sequence

from . import __version__
from .errors import JixiaoError

REPO_TEMPLATES = Path(__file__).resolve().parent.parent / "xlsx_templates"


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _err(msg: str) -> None:
    sys.stderr.write(f"jixiao：{msg}\n")


def sample_paths() -> list[Path]:
    """The 23 embedded sample forms (大厂回族自治县医疗保障局, 2022)."""
    root = resources.files("jixiao") / "samples" / "dachang-2022"
    return sorted(Path(str(p)) for p in root.iterdir() if p.name[:2].isdigit() and p.name.endswith(".json"))


# ----------------------------------------------------------------------------- fill/read

def cmd_fill(args: argparse.Namespace) -> int:
    from .model import load_form
    from .workbook import write_forms

    forms = [load_form(p) for p in args.forms]  # any malformed form stops here: nothing written
    out = write_forms(forms, Path(args.output))
    print(f"已写入 {out}（{len(forms)} 张项目支出绩效自评表）")
    return 0


def cmd_read(args: argparse.Namespace) -> int:
    from .reader import read_workbook

    res = read_workbook(args.book)
    for p in res.problems:
        _err(str(p))
    if args.json:
        _print_json([sf.form.to_dict() for sf in res.forms])
    else:
        for sf in res.forms:
            f = sf.form
            print(f"{sf.sheet}：{f.project}（{f.year}年度，{len(f.indicators)} 个指标，总分 {f.total_score}）")
    return 2 if res.problems and not res.forms else (1 if res.problems else 0)


# ----------------------------------------------------------------------------- score

def _report_problems(problems: list[JixiaoError]) -> None:
    for p in problems:
        _err(str(p))


def cmd_score(args: argparse.Namespace) -> int:
    from .profiles import get_profile
    from .scoring import score_form
    from .sources import load_all

    profile = get_profile(args.profile)
    batch = load_all(args.paths)
    _report_problems(batch.problems)
    scores = []
    for item in batch.forms:
        d = score_form(item.form, profile).to_dict()
        d["source"] = item.source
        scores.append(d)
    if args.json:
        _print_json(scores)
    else:
        _score_table(scores, profile.name)
    if batch.problems:
        return 2
    return 0


def _score_table(scores: list[dict[str, Any]], profile: str) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"项目支出绩效自评 复核得分（{profile}）", show_lines=False)
    for col, just in (("#", "right"), ("项目名称", "left"), ("执行率", "right"), ("执行率得分", "right"),
                      ("复核总分", "right"), ("等级", "center"), ("沿用填报得分的指标", "right")):
        table.add_column(col, justify=just)
    for i, s in enumerate(scores, 1):
        rate = "—" if s.get("exec_rate") is None else f"{s['exec_rate']:.2%}"
        kept = sum(1 for ind in s["indicators"] if not ind.get("computed"))
        table.add_row(str(i), s["project"][:28], rate, f"{s['exec_score'] or 0:.2f}", f"{s['total']:.2f}",
                      s["grade"], str(kept))
    Console().print(table)


# ----------------------------------------------------------------------------- check

def cmd_check(args: argparse.Namespace) -> int:
    from .check import check_paths, format_text
    from .profiles import get_profile

    profile = get_profile(args.profile)
    batch, result = check_paths(args.paths, profile)
    if args.json:
        _print_json([f.to_dict() for f in result.findings])
    else:
        print(format_text(result))
    if args.annotate:
        code = _annotate(args, batch, result)
        if code:
            return code
    return result.exit_code


def _annotate(args: argparse.Namespace, batch, result) -> int:
    from .apply_xlsx import apply_to_copy
    from .plan import annotation_plan

    books = sorted({item.file for item in batch.forms if item.sheet_form is not None})
    if len(books) != 1:
        _err("--annotate 需要恰好一个工作簿作为输入（现有 %d 个）" % len(books))
        return 2
    src = books[0]
    sheets = {item.sheet for item in batch.forms if item.file == src}
    plan = annotation_plan([f for f in result.findings if f.file == src], sheets)
    out = apply_to_copy(Path(src), Path(args.annotate), plan)
    sys.stderr.write(f"已写入标注副本 {out}\n")
    return 0


# ----------------------------------------------------------------------------- summarize

def cmd_summarize(args: argparse.Namespace) -> int:
    from .check import check_paths
    from .profiles import get_profile
    from .summary import compare_published, summarize
    from .summary_write import write_summary

    profile = get_profile(args.profile)
    batch, result = check_paths(args.paths, profile)
    _report_problems(batch.problems)
    if not batch.forms and batch.problems:
        return 2
    summary, groups = summarize(batch, result, profile, args.by)
    compared = []
    if args.compare:
        published = _load_published(Path(args.compare))
        compared = compare_published(summary, published, args.compare)
    out = write_summary(batch, summary, groups, Path(args.output), by=args.by) if args.output else None
    if args.json:
        d = summary.to_dict()
        if groups:
            d["groups"] = {k: g.to_dict() for k, g in groups.items()}
        if args.compare:
            d["compare"] = [f.to_dict() for f in compared]
        _print_json(d)
    else:
        _summary_text(summary, groups, compared)
    if out:
        sys.stderr.write(f"已写入 {out}\n")
    return 1 if (summary.incomplete or compared) else 0


def _load_published(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise JixiaoError(f"{path}：无法读取要比对的汇总表（{exc}）", file=str(path)) from None


def _summary_text(summary, groups, compared) -> None:
    def block(title: str, s) -> None:
        g = s.grades
        print(f"{title}")
        print(f"  项目数量（个）  应评价数 {s.projects_due}  已评价数 {s.projects_done}")
        print(f"  资金总量（万元）应评价数 {s.funds_due:g}  已评价数 {s.funds_done:g}")
        print(f"  绩效评价等级（个）优 {g['优']}  良 {g['良']}  中 {g['中']}  差 {g['差']}")

    block(f"绩效自评情况汇总（{summary.unit or '全部'}）", summary)
    for name, g in groups.items():
        block(f"— {name}", g)
    if summary.incomplete:
        print(f"汇总不完整：{len(summary.unreadable)} 个文件或工作表未能读取")
    for f in compared:
        print(f"  [与已发布汇总表不符] {f.message}")


# ----------------------------------------------------------------------------- templates

def cmd_templates(args: argparse.Namespace) -> int:
    from .templates import build_templates, stale_templates

    out = Path(args.out) if args.out else REPO_TEMPLATES
    if args.check:
        stale = stale_templates(out)
        if stale:
            _err("以下模板与代码生成的不一致，请运行 jixiao templates 重新生成：" + "、".join(stale))
            return 1
        print(f"{out} 中的模板是最新的")
        return 0
    for p in build_templates(out):
        print(f"已生成 {p}")
    return 0


# ----------------------------------------------------------------------------- demo

def cmd_demo(args: argparse.Namespace) -> int:
    from .model import load_form
    from .profiles import get_profile
    from .scoring import score_form
    from .workbook import write_forms

    forms = [load_form(p) for p in sample_paths()]
    outdir = Path(args.output)
    book = write_forms(forms, outdir / "大厂回族自治县医疗保障局-2022-项目支出绩效自评表.xlsx")
    print(f"示例：大厂回族自治县医疗保障局 2022 年度 {len(forms)} 张项目支出绩效自评表")
    print(f"已写入工作簿 {book}")
    profile = get_profile(None)
    scores = [score_form(f, profile).to_dict() for f in forms]
    _score_table(scores, profile.name)
    return 0


# ----------------------------------------------------------------------------- main

def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="jixiao", description="绩效自评助手：项目支出绩效自评表的模板、评分、校验与汇总")
    p.add_argument("--version", action="version", version=f"jixiao {__version__}")
    sub = p.add_subparsers(dest="cmd", metavar="命令")

    s = sub.add_parser("fill", help="把表单 JSON 填入官方模板，每张表一个工作表")
    s.add_argument("forms", nargs="+", metavar="FORM.json")
    s.add_argument("-o", "--output", required=True, metavar="BOOK.xlsx")
    s.set_defaults(func=cmd_fill)

    s = sub.add_parser("read", help="读出工作簿中的每张自评表（JSON）")
    s.add_argument("book", metavar="BOOK.xlsx")
    s.add_argument("--json", action="store_true", help="输出 JSON")
    s.set_defaults(func=cmd_read)

    s = sub.add_parser("score", help="按评分规则复核得分")
    s.add_argument("paths", nargs="+", metavar="PATH", help="表单 JSON、工作簿或文件夹")
    s.add_argument("--json", action="store_true")
    s.add_argument("--profile", default=None, metavar="NAME", help="评分规则，默认 财预〔2020〕10号")
    s.set_defaults(func=cmd_score)

    s = sub.add_parser("check", help="校验：逐格找出错误和疑点")
    s.add_argument("paths", nargs="+", metavar="PATH", help="工作簿、表单 JSON 或文件夹")
    s.add_argument("--json", action="store_true")
    s.add_argument("--profile", default=None, metavar="NAME", help="评分规则，默认 财预〔2020〕10号")
    s.add_argument("--annotate", default=None, metavar="OUT.xlsx", help="写出标注了每个问题的副本（原文件不动）")
    s.set_defaults(func=cmd_check)

    s = sub.add_parser("summarize", help="汇总：生成绩效自评情况汇总表")
    s.add_argument("paths", nargs="+", metavar="PATH", help="工作簿、表单 JSON 或文件夹")
    s.add_argument("-o", "--output", default=None, metavar="汇总表.xlsx")
    s.add_argument("--json", action="store_true")
    s.add_argument("--by", choices=["主管部门", "实施单位"], default=None, help="按部门分别汇总")
    s.add_argument("--profile", default=None, metavar="NAME")
    s.add_argument("--compare", default=None, metavar="FILE", help="与已发布的汇总表（JSON）比对")
    s.set_defaults(func=cmd_summarize)

    s = sub.add_parser("templates", help="重新生成 xlsx_templates/ 中的官方模板")
    s.add_argument("--out", default=None, metavar="DIR")
    s.add_argument("--check", action="store_true", help="只检查已提交的模板是否最新")
    s.set_defaults(func=cmd_templates)

    s = sub.add_parser("demo", help="用内置的 23 张示例表演示：生成工作簿并显示复核得分")
    s.add_argument("-o", "--output", default="demo-output", metavar="DIR")
    s.set_defaults(func=cmd_demo)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return args.func(args)
    except JixiaoError as exc:
        _err(str(exc))
        return exc.exit_code
    except KeyboardInterrupt:
        _err("已中断")
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
