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
