"""The ``jixiao`` command: the same core the Excel buttons use, headless.

Exit status: 0 success; 1 the forms hold errors (``check``) or a batch was incomplete;
2 an input could not be read at all (the message names the file, sheet and cell).
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
from pathlib import Path
from contextlib import contextmanager
from typing import Any, Callable, Iterator, NoReturn, Sequence

from . import __version__
from .errors import JixiaoError
from .progress import working

REPO_TEMPLATES = Path(__file__).resolve().parent.parent / "xlsx_templates"


def _templates_folder() -> Path:
    """Where ``jixiao templates`` writes by default: the repository's xlsx_templates/ in a source
    checkout, else xlsx_templates/ in the current folder (never inside an installed package)."""
    if (REPO_TEMPLATES.parent / "pyproject.toml").is_file():
        return REPO_TEMPLATES
    return Path.cwd() / "xlsx_templates"


_PRETTY = False  # --pretty


def _print_json(data: Any) -> None:
    """Indented for a person (a terminal, or --pretty); compact for a program: 10,000 forms'
    findings are 61 MB indented. Same content either way."""
    from .exitkeep import keep
    from .jsonout import write

    write(data, pretty=_PRETTY or sys.stdout.isatty())
    keep(data)  # freed by the operating system when the console script ends (exitkeep)


@contextmanager
def _json_when_empty(args: argparse.Namespace, empty: Callable[[], Any]) -> Iterator[None]:
    """No file found to read (an empty folder): with --json, stdout still holds the command's JSON for
    nothing read (``score``: ``[]``, as outputs.md says), then the error is said as ever (exit 2).
    A script reading stdout met an empty stream where a file that could not be read gives JSON."""
    from .errors import EmptyInputError

    try:
        yield
    except EmptyInputError:
        if getattr(args, "json", False):
            _print_json(empty())
        raise


def _err(msg: str) -> None:
    from .errors import for_command
    from .guard.textsafe import safe_message

    sys.stderr.write(f"jixiao：{safe_message(for_command(msg))}\n")   # a command where a button's words ask


def _option_files(*paths: str | None) -> None:
    """Files given with --settings/--standards/--compare: regular files only (a FIFO would block)."""
    from . import guard

    for p in paths:
        if p:
            guard.check_input(Path(p), max_bytes=16 * 2**20)


def sample_paths() -> list[Path]:
    """The 23 embedded sample forms (大厂回族自治县医疗保障局, 2022)."""
    from importlib import resources  # not at the top: most commands never need it (issue #18)

    root = resources.files("jixiao") / "samples" / "dachang-2022"
    return sorted(Path(str(p)) for p in root.iterdir() if p.name[:2].isdigit() and p.name.endswith(".json"))


# ----------------------------------------------------------------------------- fill/read

def _dir_out(path: str | Path | None) -> None:
    """An output folder named on the command line (-o DIR, --out DIR): refused before any work where
    it is a file or cannot be made (``guard.outpath``); the work was done, then “无法写入”."""
    if path:
        from .guard.outpath import check_output_dir

        check_output_dir(Path(path))


def _typed(path: str | Path) -> str:
    """A path as it is typed in a command a message suggests: in double quotes where it holds a space
    (as the --help examples say; cmd.exe and the POSIX shells alike take them)."""
    text = str(path)
    return f'"{text}"' if any(c.isspace() for c in text) else text


def _book_out(path: str | None, *, macros: bool = False, inputs: Sequence[str] = (), overwrite: bool = False) -> None:
    """A workbook named on the command line to be written: its name must say .xlsx (or .xlsm where
    the macros of a macro workbook are kept), it is none of ``inputs``, and an existing file there is
    jixiao's own untouched output unless ``--overwrite`` (a workbook a person filled in is never
    replaced without a word); refused before any work (``guard.outpath``)."""
    if path:
        from .guard.outpath import check_book_name, check_not_input, check_overwrite

        check_book_name(Path(path), macros=macros)
        check_not_input(Path(path), list(inputs))
        check_overwrite(Path(path), overwrite)


def cmd_fill(args: argparse.Namespace) -> int:
    from .forms import KINDS, kind_for_data, kind_of
    from .forms.project.model import read_json
    from .excel.workbook import write_forms
    from .core.profiles import get_profile

    from .reading.workbook import WORKBOOK_SUFFIXES
    from .sources import once

    _book_out(args.output, overwrite=args.overwrite)
    profile = get_profile(args.profile)
    # forms of every kind; any malformed form stops here: nothing written. A file named twice is one form
    forms = []
    for p in once([Path(x) for x in args.forms]):
        if p.suffix.lower() in WORKBOOK_SUFFIXES and not p.is_dir():   # it said “不是 UTF-8 编码的文本”
            raise JixiaoError(f"{p}：是工作簿，fill 读的是表单 JSON。其他版式的自评表工作簿请用 jixiao import {_typed(p)} "
                              f"-o {_typed(args.output)} 写成本模板；校验工作簿请用 jixiao check {_typed(p)}", file=str(p))
        data = read_json(p)
        forms.append(kind_for_data(data).parse(data, str(p)))
    # the 等级 formulas under the profile's bands, the profile on a 设置 sheet
    out = write_forms(forms, Path(args.output), profile.grade_bands, profile.scheme)
    counts = [f"{n} 张{k.title}" for k in KINDS if (n := sum(1 for f in forms if kind_of(f) is k))]
    print(f"已写入 {out}（{'，'.join(counts) or '0 张表'}）")
    return 0


def _read_as_stored(book: str) -> tuple[list[Any], list[Any]]:
    from .sources import read_workbook_forms

    return read_workbook_forms(book, complete=False)


def cmd_read(args: argparse.Namespace) -> int:
    from .forms import kind_of

    # what the file holds (no formula results computed): project sheets, then the other kinds;
    # a regular file only, read in a child with memory and time limits (``guard``)
    from . import guard

    try:
        guard.check_input(Path(args.book))
        forms, problems = guard.run_limited(_read_as_stored, args.book, name=guard._show(args.book))
    except JixiaoError as exc:
        forms, problems = [], [exc]
    for p in problems:
        _err(str(p))
    if args.json:
        _print_json([sf.form.to_dict() for sf in forms])
    else:
        for sf in forms:
            print(kind_of(sf.form).describe(sf))
    return 2 if problems and not forms else (1 if problems else 0)


# ----------------------------------------------------------------------------- score

def _report_problems(problems: list[JixiaoError]) -> None:
    for p in problems:
        _err(str(p))


def _say_hidden(batch: Any) -> None:
    """The forms on hidden sheets (``Batch.hidden``), neither counted nor checked: said on stderr."""
    if batch.hidden:
        from .dedupe import hidden_aside, notes_text

        for line in notes_text(hidden_aside(batch.hidden)):
            _err(f"未计入：{line}")


def _load_said(paths: list[str | Path], option_file: str | None) -> Any:
    """``load_all`` for score and report: the option file vetted first, then what could not be
    read and what was left out for being on a hidden sheet said on stderr. In a folder our own
    outputs (a 汇总表, a 校验标注 copy: copies of the forms) and identical files are left out and said,
    as ``check`` and ``summarize`` do: a report counted each project once per copy."""
    from .sources import Batch, expand, load_all

    _option_files(option_file)
    if any(Path(p).is_dir() for p in paths):
        from .dedupe import notes_text, screen_files

        files, aside = screen_files(expand(paths))
        for line in notes_text(aside):
            _err(f"未计入：{line}")
        batch = load_all(list(files)) if files else Batch()
    else:
        batch = load_all(paths)
    _report_problems(batch.problems)
    _say_hidden(batch)
    return batch


def cmd_score(args: argparse.Namespace) -> int:
    from .core.profiles import get_profile

    profile = get_profile(_profile_name(args.profile, _settings_sheets(args.paths)))
    with _json_when_empty(args, list):
        batch = _load_said(args.paths, args.standards)
    from .sources import skipped

    for path, why in skipped(args.paths):  # a folder is never read short without a word
        _err(f"未读取：{path}（{why}）")
    from .forms import KINDS

    by_kind = {k.key: k.score_all(batch.of(k.key), profile, standards=args.standards) for k in KINDS}
    if args.json:
        _print_json([d for k in KINDS for d in by_kind[k.key]])
    else:
        for k in KINDS:
            if by_kind[k.key]:  # nothing read: the problems above say why, an empty table would not
                k.score_lines(by_kind[k.key])
    if not any(by_kind.values()) and not batch.problems:   # all set aside (our own outputs, hidden sheets)
        _err("、".join(map(str, args.paths)) + "：没有读到自评表，没有可复核的得分（未计入的见上）")
        return 2
    if not any(by_kind.values()) and batch.problems:
        return 2
    from .errors import forms_unread

    # a batch with some forms read is incomplete, not unreadable; a file that holds no form leaves nothing out
    return 1 if forms_unread(batch.problems, {it.file for it in batch.all()}) else 0


# ----------------------------------------------------------------------------- check

def cmd_check(args: argparse.Namespace) -> int:
    from .checking.run import check_paths, format_text
    from .core.profiles import get_profile
    from .checking.config import apply_findings, apply_profile, config_from_rows, load_rule_config
    from .exitkeep import keep

    if args.annotate:
        _one_to_annotate(args.paths, args.annotate)
        # .xlsm only for a macro workbook (a folder's is known when read: said again then); an .xlsx given
        # was refused at the end, after every finding had been printed
        macros = any(Path(p).suffix.lower() == ".xlsm" or Path(p).is_dir() for p in args.paths)
        _book_out(args.annotate, macros=macros, inputs=args.paths, overwrite=args.overwrite)
    # the bureau's rule settings (issue 14): --rules FILE, else a 校验规则 block on a workbook's 设置 sheet
    sheets = _settings_sheets(args.paths)
    rules_cfg = load_rule_config(args.rules) if args.rules else next(
        (c for c in (config_from_rows(rows, f"{p}#设置") for p, rows in sheets) if c is not None), None)
    profile = apply_profile(rules_cfg, get_profile(_profile_name(args.profile, sheets)))
    with _json_when_empty(args, list):   # no finding: nothing was there to check
        if any(Path(p).is_dir() for p in args.paths):  # a folder: our own outputs and identical copies once
            batch, result, aside = _deduped(args.paths, profile, forms=False)
        else:
            batch, result = check_paths(args.paths, profile)
            _say_hidden(batch)  # as _deduped says it for a folder
    keep(batch, result)  # freed by the operating system when the console script ends (exitkeep)
    beside = _standalone(batch, result, profile)  # (it sets result.findings anew)
    result.findings.extend(beside or [])
    if args.report:  # 报告与表格互证 (R rules): the report's findings follow the forms'
        from .reportcheck import ReportError, check_report

        try:
            for path in args.report:
                result.findings.extend(check_report(path, batch.forms, profile, result.scores))
        except ReportError as exc:
            _err(str(exc))
            return 2
    if args.targets:  # T rules: indicators and targets against the approved 绩效目标表
        from .prefill import load_targets
        from .checking.rules.approved import check_targets, match_targets, with_approved_weights

        targets, bad = load_targets(args.targets)
        _report_problems(_forms_as_targets_once(bad))
        if not targets:
            return 2
        matched = match_targets(batch.forms, targets)
        # the approved 分值, where the 目标表 gives them, are B3's reference instead of the profile's split
        result.findings = with_approved_weights(result.findings, batch.forms, matched, profile)
        result.findings.extend(check_targets(batch.forms, targets, matched))
    from .summary.published import typed_in_workbooks, typed_said

    # a 汇总表 typed beside the forms: (its sheets, E4 findings) by workbook
    typed = {p: typed_said(owned) for p, owned in typed_in_workbooks(batch, lambda it: it.form.unit or "", profile).items()}
    from .dedupe import with_year_in_book

    # a form of another year than its workbook's (X8), in its form's group in the order of the rest
    result.findings = with_year_in_book(result.findings, batch.all())
    result.findings.extend(f for _sheets, diffs in typed.values() for f in diffs)
    result.findings = apply_findings(rules_cfg, result.findings)
    if args.json:
        from .batch import quiet_gc

        with quiet_gc():  # 100,000s of new dicts, no cycle among them: no collection while they are made (issue #18)
            # the X1 of a file holding no form keeps its "severity" (outputs.md: never renamed) and says it is counted
            # in no error, as the listing's line (“未计入 · …”) and the exit status leave it out
            no_form = set(result.no_form)
            _print_json([{**f.to_dict(), "not_form": True} if result.is_no_form_error(f, no_form) else f.to_dict()
                         for f in result.findings])
    else:
        print(format_text(result))
    if args.annotate:
        code = _annotate(args, batch, result, {p: sheets for p, (sheets, _d) in typed.items()})
        if code:
            return code
    return result.exit_code


def _one_to_annotate(paths: list[str], out: str) -> None:
    """--annotate writes one marked copy, of one workbook: two workbooks named (the same one twice is one) are
    refused before any work, as the other argument errors are (exit 2). It was refused at the end, after the
    whole check had been printed, in words (“需要恰好一个含自评表的工作簿”) that did not say what to type instead.
    A folder is looked into only when read: one holding several workbooks is still refused then."""
    from .reading.workbook import WORKBOOK_SUFFIXES

    books = list(dict.fromkeys(Path(p).resolve() for p in paths
                               if Path(p).suffix.lower() in WORKBOOK_SUFFIXES and Path(p).is_file()))
    if len(books) > 1:
        given = [str(p) for p in paths if Path(p).resolve() in books]
        named = "、".join(dict.fromkeys(given))
        raise JixiaoError(f"{named}：--annotate 只写出一个工作簿的标注副本（{out}），现给出 {len(books)} 个工作簿；"
                          f"请逐个校验，如 jixiao check \"{given[0]}\" --annotate \"{Path(given[0]).stem}-校验标注.xlsx\"")


def _forms_as_targets_once(problems: list[JixiaoError]) -> list[JixiaoError]:
    """A 自评表 workbook given as --targets said once, not once per sheet (23 lines for the 23 forms
    of one workbook, none saying what to give instead); a file with target sheets too keeps its lines."""
    by_file: dict[str | None, list[JixiaoError]] = {}
    for p in problems:
        by_file.setdefault(getattr(p, "file", None), []).append(p)
    out: list[JixiaoError] = []
    for file, mine in by_file.items():
        if file and len(mine) > 1 and all(getattr(p, "self_evaluation", False) for p in mine):
            out.append(JixiaoError(f"{file}：其中 {len(mine)} 个工作表都是自评表，不是绩效目标表，未作为批复的目标读取；"
                                   f"--targets 应给出批复的绩效目标表，要校验的自评表写在 --targets 之前", file=file))
        else:
            out.extend(mine)
    return out


def _standalone(batch, result, profile) -> list | None:
    """A 汇总表 sent as a workbook of its own beside the forms is no unreadable file: its X1 taken
    out, its figures held to the forms (``summary.published.standalone_tables``): E4 findings;
    None where there is no such table."""
    from .errors import NotAFormError

    if not any(type(p) is NotAFormError for p in batch.problems):
        return None   # nearly every batch: nothing to look at, nothing imported (issue #18)
    from .checking.run import count_unread
    from .summary.published import standalone_tables

    alone = standalone_tables(batch, profile)
    if not alone:
        return None
    result.findings = [f for f in result.findings if not (f.rule == "X1" and f.file in alone)]
    count_unread(result, batch)
    for path in alone:
        _err(f"已核对：{path} 是绩效自评情况汇总表，与各表的合计核对（不符之处列为 E4 错误）")
    return [f for _sheets, diffs in alone.values() for f in diffs]


def _settings_sheets(paths) -> list[tuple[str, list]]:
    """(path, rows) of the 设置 sheet of each workbook file given that has one (folders are not
    looked into), each read once: a command takes its 校验规则 and 评分方案 from there, as the
    buttons do."""
    from .core.settings import settings_sheet_rows

    found = ((str(p), settings_sheet_rows(p)) for p in paths if Path(p).is_file())
    return [(p, rows) for p, rows in found if rows is not None]


def _partners(paths, sheets: list[tuple[str, list]], option_file: str | None = None) -> list[Path]:
    """The workbooks the 设置 sheets of those given name as sent with them (“一并报送的工作簿”: a 部门整体
    form kept in a workbook of its own) and not given already, said on stdout: ``report`` and ``finalize``
    read them as 生成报告 and 定稿 do, so the command writes the 报送函 the buttons write. A ``--settings`` file
    that sets “一并报送的工作簿” names them in place of the sheets, as its other items win over theirs
    (``reports.report_settings``), each name beside each workbook given — the letter listed the settings file's
    部门整体 form while the command never read it (s68)."""
    from .core.settings import FIELDS, SETTINGS_SHEET, load_settings_file, settings_from_rows
    from .reading.workbook import WORKBOOK_SUFFIXES
    from .reports.sent import partner_books

    label = FIELDS["partners"][0]
    named: list[tuple[str, str | None, str, str | None]] = [
        (path, settings_from_rows(rows, f"{path}#{SETTINGS_SHEET}").partners,
         f"{Path(path).name}的“{SETTINGS_SHEET}”表“{label}”", None)
        for path, rows in sheets]
    filed = load_settings_file(option_file) if option_file else None
    if filed is not None and "partners" in filed.model_fields_set:
        named = [(str(p), filed.partners, f"设置文件{Path(option_file or '').name}的“{label}”", option_file)
                 for p in paths if Path(p).is_file() and Path(p).suffix.lower() in WORKBOOK_SUFFIXES]
    given, out = {Path(p).resolve() for p in paths}, []
    for path, partners, said, source in named:
        for p in partner_books(Path(path), partners, source):
            if p.resolve() not in given:
                given.add(p.resolve())
                out.append(p)
                print(f"一并读取：{p}（{said}）")
    return out


def _profile_name(given: str | None, sheets: list[tuple[str, list]]) -> str | None:
    """--profile, else the 评分方案 the first workbook's 设置 sheet names (the buttons score by it:
    the same workbook must not get another score from the command line), else the default."""
    if given:
        return given
    from .core.settings import SETTINGS_SHEET, profile_tried, settings_from_rows
    from .errors import ProfileError

    for path, rows in sheets:
        try:
            chosen = profile_tried(settings_from_rows(rows, f"{path}#{SETTINGS_SHEET}"), rows).profile
        except ProfileError as exc:
            raise ProfileError(f"{path}：{exc}", file=path) from None
        if chosen:
            return chosen
    return None


def _deduped(paths, profile, **kw):
    """Read and check counting each project once; what was left out is said on stderr."""
    from .dedupe import check_deduped, notes_text

    batch, result, aside = check_deduped(paths, profile, **kw)
    for line in notes_text(aside):
        _err(f"未计入：{line}")
    return batch, result, aside


def _annotate(args: argparse.Namespace, batch, result, extra: dict[str, set[str]] | None = None) -> int:
    from .excel.apply import annotated_copy
    from .excel.plan import annotation_plan

    # the workbooks with a sheet to mark: a form read, or the cells that kept a form from being read
    read = {item.file for item in batch.all() if item.sheet_form is not None}
    books = sorted(read | {p.file for p in batch.problems if p.file and p.file not in read and batch.marked_sheets(p.file)})
    if len(books) != 1:
        _err("、".join(map(str, args.paths)) + "：--annotate 需要恰好一个含自评表的工作簿作为输入（现有 %d 个），未写出标注副本"
             % len(books))
        return 2
    src = books[0]
    plan = annotation_plan([f for f in result.findings if f.file == src], batch.marked_sheets(src) | (extra or {}).get(src, set()),
                           names=batch.form_names(src))
    out = annotated_copy(Path(src), Path(args.annotate), plan)
    sys.stderr.write(f"已写入标注副本 {out}\n")
    _say_macros_left_out(src)
    return 0


def _say_macros_left_out(src: str | Path) -> None:
    """An .xls or .et with macros made into an .xlsx copy: the macros are not in it, said (``macros_left_out``)."""
    from .excel.apply import macros_left_out

    said = macros_left_out(Path(src))
    if said:
        from .guard.textsafe import safe_message

        sys.stderr.write(safe_message(said) + "\n")


# ----------------------------------------------------------------------------- summarize

def cmd_summarize(args: argparse.Namespace) -> int:
    from .core.profiles import get_profile
    from .summary import summarize
    from .summary.write import write_summary
    from .batch import quiet_gc
    from .exitkeep import keep

    from .checking.config import apply_findings, apply_profile, settings_config

    sheets = _settings_sheets(args.paths)
    profile = get_profile(_profile_name(args.profile, sheets))
    rules = settings_config(sheets)  # the errors counted are those 校验 shows (its 校验规则)
    profile = apply_profile(rules, profile)  # … and the 等级 by its bands, as 校验 grades
    # .xlsm for the linked copy of one macro workbook, its macros and buttons kept (said again when written:
    # the 汇总表 alone, of several workbooks, is no macro workbook)
    _book_out(args.output, macros=len(args.paths) == 1 and Path(args.paths[0]).suffix.lower() == ".xlsm",
              inputs=args.paths, overwrite=args.overwrite)
    _option_files(args.compare)
    if _only_our_outputs(args.paths, "汇总"):
        return 2
    # each project once; its findings are only counted, form by form: left unsorted, unless the 校验规则
    # settings fold them again (``apply_findings``: which finding takes in which follows their order)
    batch, result, _aside = _deduped(args.paths, profile, year=args.year, ordered=not (rules is None or rules.empty))
    if _aside and not batch.all() and not batch.hidden and not batch.problems:
        # a folder of our own outputs only (each said above): an all-zero 汇总表 would look like a result
        undone = "未写出汇总表" if args.output else "没有汇总"
        years = sorted({str(s.year) for s in _aside if s.kind == "other_year" and s.year})
        if args.year and years and all(s.kind == "other_year" for s in _aside):   # “--year 2021” of 2022 forms
            _err("、".join(map(str, args.paths)) + f"：没有 {args.year} 年度的表（读到的是 {'、'.join(years)} 年度的表），"
                 f"{undone}；请核对 --year，不写 --year 时按多数表的年度汇总")
            return 2
        _err("、".join(map(str, args.paths)) + f"：其中只有上面列出的不计入的文件，没有可汇总的自评表，{undone}"
             "；请给出各单位报送的自评表工作簿，或存放它们的文件夹")
        return 2
    result.findings = apply_findings(rules, result.findings)
    beside = _standalone(batch, result, profile)  # a 汇总表 sent beside the forms: compared, not unreadable
    _report_problems(batch.problems)
    if not batch.all() and batch.problems:
        return 2
    if not batch.forms:  # only 部门整体 forms or 评价表: an all-zero 汇总表 read as a department of 0 projects
        _err(_no_project_forms(batch, args.paths, "未写出汇总表" if args.output else "没有汇总", bool(_aside)))
        return 2
    with quiet_gc():  # a row per form: no collection while they are made (issue #18)
        summary, groups = summarize(batch, result, profile, args.by, set_aside=_aside)
    compared = [*(beside or []), *(_compared(Path(args.compare), batch, summary, profile) if args.compare else [])]
    with quiet_gc():  # its 10,000s of rows and cells: ~0.4 s of collections that found no cycle (issue #18)
        notes: list[str] = []
        from .checking.run import check_batch

        out = (write_summary(batch, summary, groups, Path(args.output), by=args.by, profile=profile, notes=notes,
                             recheck=lambda after: apply_findings(rules, check_batch(after, profile, ordered=not (rules is None or rules.empty)).findings))
               if args.output else None)
        keep(batch, result, summary, groups)  # freed by the operating system when the console script ends (exitkeep)
    if args.json:
        d = summary.to_dict()
        if groups:
            d["groups"] = {k: g.to_dict() for k, g in groups.items()}
        if args.compare or beside is not None:
            d["compare"] = [f.to_dict() for f in compared]
        _print_json(d)
    else:
        _summary_text(summary, groups, compared)
        from .forms import KINDS

        for k in KINDS:  # 部门整体支出绩效自评表 (…) beside the project forms
            for line in k.summary_lines(summary.others.get(k.summary_key or "", [])):
                print(line)
        for w in summary.without_projects:  # a workbook of no project form: no row, but named
            print(f"{w['file']}：只有{w['held']}，不计入汇总表（汇总表只计项目支出绩效自评表）")
    if out:
        sys.stderr.write("".join(f"{n}\n" for n in notes) + f"已写入 {out}\n")
    return 1 if (summary.incomplete or compared) else 0


def _no_project_forms(batch: Any, paths: list[str], undone: str, aside: bool = False) -> str:
    """What ``summarize`` says of a batch without a 项目支出绩效自评表 — the 汇总表 counts those only:
    each file read and what it holds instead (a 部门整体支出绩效自评表, a 评价表), where the other
    kinds' scores are seen; ``undone``: what was not made; ``aside``: forms were left out (said
    before: another year's …), so a file given may hold a project form not counted. (It wrote an
    all-zero 汇总表, exit 0: a department of 0 projects.)"""
    files = list(dict.fromkeys(it.file for it in batch.all()))
    if len(files) == 1 and not aside:
        head = f"{files[0]}：只有 {batch.held(counted=True, file=files[0])}，没有项目支出绩效自评表"
    elif files:
        head = ("计入的表只有 " + "；".join(f"{f} 中的 {batch.held(counted=True, file=f)}" for f in files)
                + "，没有项目支出绩效自评表")
    else:
        head = "、".join(map(str, paths)) + "：没有读到可汇总的项目支出绩效自评表"
    see = f"；{batch.held()}的得分和问题请用 jixiao score、jixiao check 查看" if files else ""
    return f"{head}。绩效自评情况汇总表只汇总项目支出绩效自评表，{undone}{see}。"


def _only_our_outputs(paths: list[str], doing: str) -> bool:
    """Whether every input named is a file jixiao wrote itself (``marker.own_output``: a 汇总表, a 校验标注
    copy …), each then said on stderr with what to give instead. A folder's batch leaves such files out
    without a word, as it should; named alone, nothing would be left: an all-zero 汇总表, exit 0."""
    from .marker import named_alone, own_output

    files = [Path(p) for p in paths]
    if not files or not all(p.suffix.lower() in (".xlsx", ".xlsm") and p.is_file() for p in files):
        return False
    kinds = [own_output(p) for p in files]
    if not all(kinds):
        return False
    for p, kind in zip(paths, kinds):
        _err(named_alone(p, kind or "", doing))
    return True


def _compared(path: Path, batch, summary, profile) -> list:
    """The published 汇总表 against the forms summarized: its figures as JSON (the whole), or the
    table itself as a department or the bureau typed it (a workbook in either layout,
    ``summary.published``: each unit's row against that unit's forms, a 合计 against them all)."""
    from .guard.jsonsafe import load_json_file
    from .reading.workbook import WORKBOOK_SUFFIXES
    from .summary import compare_published

    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        import functools

        from .review.expected import department_key
        from .summary.published import against_forms, published_in

        tables = published_in(path)
        if not tables:
            raise JixiaoError(f"{path}：没有找到绩效自评情况汇总表（应有“项目数量”“资金总量”“应评价数”“已评价数”等表头）",
                              file=str(path))
        sheets, diffs = against_forms(tables, batch.forms, batch.forms, profile, str(path),
                                      functools.cache(department_key), fallback=True)
        if not sheets:
            units = "、".join(dict.fromkeys(str(t["unit"]) for t in tables if not t["total"]))
            raise JixiaoError(f"{path}：汇总表中的单位（{units}）在所汇总的表中都没有（既不是实施单位，也不是主管部门），"
                              f"未比对", file=str(path))
        return diffs

    if path.suffix.lower() in (".docx", ".doc", ".wps", ".pdf", ".csv"):  # not decoded as JSON to say so
        raise JixiaoError(f"{path}：要比对的汇总表应为汇总表工作簿（.xlsx/.xlsm/.xls/.et）或 JSON 文件"
                          f"（.doc、.pdf 中的汇总表请先把表格复制到 Excel 另存为 .xlsx）", file=str(path))
    data = load_json_file(path, "要比对的汇总表")  # vetted like every input; never ``open`` a FIFO
    if not isinstance(data, dict):
        raise JixiaoError(f"{path}：要比对的汇总表应为 JSON 对象（含 projects_due、funds_due、grades 等键）", file=str(path))
    return compare_published(summary, data, str(path))


def _summary_text(summary, groups, compared) -> None:
    from .core.numbers import MONEY_FORMAT, as_shown
    from .errors import NO_FORM, few_said, problem_places

    def block(title: str, s) -> None:
        g = s.grades
        print(f"{title}")
        print(f"  项目数量（个）  应评价数 {s.projects_due}  已评价数 {s.projects_done}")
        print(f"  资金总量（万元）应评价数 {as_shown(s.funds_due, MONEY_FORMAT)}  已评价数 {as_shown(s.funds_done, MONEY_FORMAT)}")
        print(f"  绩效评价等级（个）优 {g['优']}  良 {g['良']}  中 {g['中']}  差 {g['差']}")

    block(f"绩效自评情况汇总（{summary.unit or '全部'}）", summary)
    for name, g in groups.items():
        block(f"— {name}", g)
    if summary.not_read:   # files and sheets, as the 说明 counts them: a form bad in three cells is one, not 3
        print(f"汇总不完整：{problem_places(summary.not_read)} 个文件或工作表未能读取")
    if summary.no_form:   # a budget table put with the forms: nothing of it is missing (``no_form_said``)
        print(f"另有 {len(summary.no_form)} 个文件{NO_FORM}，未计入汇总：{few_said(summary.no_form, 5, '个')}")
    for f in compared:
        print(f"  【与已发布汇总表不符】{f.message}")


# ----------------------------------------------------------------------------- review

def department_line(d: Any, note: str = "") -> str:
    """One department of ``review``'s summary on the terminal: its status, the counts there are (a
    department that sent nothing: “未报项目 1”, not “须修改 0，请核实 0，未报项目 1”), the files of no known
    department, the round's note and the reports that disagree with the forms."""
    from .review.run import NO_UNIT

    said = "，".join(x for x in (f"须修改 {d.to_change}" if d.to_change else "",
                                 f"请核实 {d.to_verify}" if d.to_verify else "",
                                 f"未报项目 {len(d.missing)}" if d.missing else "") if x)
    if d.name == NO_UNIT and d.files:  # each file with why it is nobody's (“报送材料/附件2.xlsx，所在文件夹……”)
        why = {u["file"]: u["why"] for u in getattr(d, "unattributed", None) or []}
        said += ("；" if said else "") + "请核对是哪个单位报送的：" \
            + ("；" if why else "、").join(f + (f"，{why[f]}" if why.get(f) else "") for f in d.files[:5]) \
            + ("等" if len(d.files) > 5 else "")
    mismatch = d.report_errors + d.report_warnings
    return (f"  【{d.status_said}】{d.name}" + (f"：{said}" if said else "") + (f"（{note}）" if note else "")
            + (f"（其中自评报告与表不符 {mismatch}）" if mismatch else ""))


def cmd_review(args: argparse.Namespace) -> int:
    """财政局复核: a folder of returned workbooks -> 复核台账, return notices, 汇总表."""
    from .core.profiles import get_profile
    from .exitkeep import keep
    from .review.run import NO_UNIT, review, statuses_said

    from .core.dates import cn_date, written_date

    deadline = written_date(args.deadline) if args.deadline else None
    if args.deadline and deadline is None:
        _err(f"--deadline“{args.deadline}”不是有效的日期（应写作 2023-04-10 或 2023年4月10日）")
        return 2
    import datetime

    if deadline and deadline < datetime.date.today():  # a typo for next year's date: said, not refused
        sys.stderr.write(f"jixiao：注意：截止日期 {cn_date(deadline)} 早于今天，"
                         "通知和邮件中照此写出，请核对\n")
    rv = review(Path(args.inbox), Path(args.output), expected=Path(args.expected) if args.expected else None,
                year=args.year, by=args.by, profile=get_profile(args.profile), signer=args.unit, deadline=deadline)
    keep(rv)  # freed by the operating system when the console script ends (exitkeep)
    if args.json:
        _print_json(rv.to_dict())
    else:
        t = rv.totals
        print(f"{f'{rv.year}年度' if rv.year else ''}复核：{t['departments']} 个单位，{statuses_said(t)}；"
              f"计入 {t['forms']} 张表、{t['projects']} 个项目，"
              f"未计入 {t['set_aside']} 个文件或表")
        if c := rv.consolidated:   # the 汇总表's figures, as the section chief reports them (万元 as the table shows)
            from .core.numbers import MONEY_FORMAT, as_shown

            print(f"汇总表：{c['departments']} 个单位，项目数量应评价数 {c['projects_due']} 个、已评价数 {c['projects_done']} 个；"
                  f"资金总量应评价数 {as_shown(c['funds_due'], MONEY_FORMAT)} 万元、"
                  f"已评价数 {as_shown(c['funds_done'], MONEY_FORMAT)} 万元；"
                  + "、".join(f"{g} {c['grades'].get(g, 0)}" for g in "优良中差") + " 个"
                  + (f"（另有 {c['ungraded']} 个无法评定）" if c["ungraded"] else "")
                  + (f"；退回修改的 {c['returned']} 个单位的数字为报送数，改正后可能变动" if c["returned"] else ""))
        from .review.rounds import as_told, notice_count, returned_now_pass, round_note

        if rv.round > 1:
            said = returned_now_pass(rv, rv.departments)   # as the 复核台账's head line says it
            print(f"第 {rv.round} 轮复核（与上一次复核比较，见各单位后的括号）" + (f"：{said}" if said else ""))
        for d in rv.departments:
            # which return (催报) its notice is, before the round's note, as the 台账's 状态 column says them
            note = "，".join(x for x in (notice_count(as_told(d)), round_note(d)) if x)
            if d.status != "通过" or note:
                print(department_line(d, note))
            for h in ((d.last_round or {}).get("held") or [])[:5]:   # its standing notice holds these out (rounds)
                where = " › ".join(str(x) for x in (h["file"], h["sheet"], h["cell"]) if x)
                print(f"    未写入通知的新问题：{where + '：' if where else ''}{h['message']}〔规则 {h['rule']}〕")
    other = sorted({str(s["year"]) for s in rv.skipped if s.get("kind") == "other_year" and s.get("year")})
    if args.year and other and not rv.totals.get("forms"):   # “--year 2021” over an inbox of 2022 forms
        sys.stderr.write(f"jixiao：注意：收件夹中没有 {args.year} 年度的表，读到的都是 {'、'.join(other)} 年度的表，"
                         f"各单位因此都列为退回修改；若是 --year 写错，请改正后重新复核，写出的通知和邮件草稿不要发出\n")
    if rv.previous:
        sys.stderr.write(f"上一次复核写出的文件已移到 {rv.previous}\n")
    for p in (rv.ledger, rv.summary):
        if p:
            sys.stderr.write(f"已写入 {p}\n")
    mails = [d for d in rv.departments if d.mail]
    if mails:
        blank = [d.name for d in mails if not d.reply_to]
        who = "、".join(blank[:5]) + (f"等 {len(blank)} 个单位" if len(blank) > 5 else "")
        col = rv.address_column  # the list has a column of addresses: theirs are not filled in there
        nor = "，项目清单中也没有其邮箱" if col else ""
        todo = f"或在项目清单的“{col}”列中填写" if col else "或在项目清单中加一列“联系邮箱”"
        # mail came from other departments (those that passed, say): the inbox is not without mail
        none_mailed = "这些单位都不是用邮件报送的" if any(d.reply_from == "邮件" for d in rv.departments) \
            else "收件夹中没有各单位发来的邮件"
        sys.stderr.write(f"已写入 {len(mails)} 封退回邮件草稿（各单位文件夹中的 .eml，打开即可发送）"
                         + (f"；都没有收件人（{none_mailed}{nor}），发送前请填写，{todo}\n"
                            if len(blank) == len(mails)
                            else f"；{len(blank)} 封没有收件人（{who}不是用邮件报送的{nor}），发送前请填写，{todo}\n"
                            if blank else "\n"))
    asked = [d.name for d in rv.departments if d.verify_mail]   # passed, with points to verify: told so, not returned
    if asked:
        sys.stderr.write(f"已写入 {len(asked)} 封核实事项邮件草稿（{'、'.join(asked[:5])}{'等' if len(asked) > 5 else ''}："
                         "审核通过，但有请核实之处；见其文件夹中的“核实事项通知.docx”和“核实事项邮件.eml”）\n")
    told = [d for d in rv.departments if d.resent_mail]   # passed, and its files sent again not counted
    if told:
        from .review.rounds import resent_aside

        # “仍用原报送的表” only where none of what it sent again counts: a 修改稿 counted beside one of the wrong year
        # is what the review takes (its mail says so)
        wholly = all(len(resent_aside(d)) == len((d.last_round or {}).get("resent") or ()) for d in told)
        names = [d.name for d in told]
        sys.stderr.write(f"已写入 {len(told)} 封情况告知邮件草稿（{'、'.join(names[:5])}{'等' if len(told) > 5 else ''}："
                         + ("上轮已通过，重新报送的文件未计入，仍用原报送的表" if wholly
                            else "上轮已通过，重新报送的文件有未计入的")
                         + "；见其文件夹中的“情况告知邮件.eml”）\n")
    return rv.exit_code


# ----------------------------------------------------------------------------- import

def cmd_import(args: argparse.Namespace) -> int:
    from .importer import import_forms
    from .core.profiles import get_profile

    _book_out(args.output, overwrite=args.overwrite)
    # the 等级 formulas under the bands of --profile (else of the first workbook's 设置 评分方案)
    profile = get_profile(_profile_name(args.profile, _settings_sheets(args.paths or [])))
    bands, scheme = profile.grade_bands, profile.scheme
    if args.targets or not args.paths:
        if args.paths or not args.targets:
            _err("import 需要自评表路径，或用 --targets 给出绩效目标表（二者不能同时使用）")
            return 2
        from .prefill import import_targets

        report: Any = import_targets(args.targets, args.output, bands=bands, scheme=scheme)
    else:
        from .importer import ImportReport
        from .sources import skipped

        def nothing() -> dict[str, Any]:
            empty = ImportReport(None)
            empty.skipped = [{"file": str(p), "reason": why} for p, why in skipped(args.paths)]
            return empty.to_dict()

        with _json_when_empty(args, nothing):
            report = import_forms(args.paths, args.output, bands=bands, scheme=scheme)
        if not report.forms:  # say why nothing was written, also with --json (stdout holds the JSON)
            why = (f"只读到 {report.held}，import 只导入项目支出绩效自评表"
                   if report.held else "没有读到可导入的项目支出绩效自评表")
            _err("、".join(map(str, args.paths)) + f"：{why}，未写出 {args.output}")
    if args.json:
        _print_json(report.to_dict())
    else:
        from .errors import for_command

        print(for_command(report.text()))   # a 绩效目标表 given as a form: “请用 jixiao import --targets”
    return report.exit_code


# ----------------------------------------------------------------------------- finalize

def cmd_finalize(args: argparse.Namespace) -> int:
    from .finalize import finalize_books
    from .core.profiles import get_profile
    from .core.settings import load_settings_file

    for book in args.books:
        if Path(book).is_dir():   # every workbook below it was read into one 定稿, our own copies too
            raise JixiaoError((f"{book}：是文件夹，不是工作簿；定稿做的是填好的工作簿（同一单位的几个工作簿可一并列出），"
                               "如 jixiao finalize 自评表.xlsx"),
                              file=str(book))
    _option_files(args.settings)
    _dir_out(args.output)
    from .checking.config import settings_config

    settings = load_settings_file(args.settings) if args.settings else None
    sheets = _settings_sheets(args.books)
    # the same workbook named twice is one 定稿 (its copy would be refused as written over by itself)
    books: dict[Path, Path] = {}
    for b in [*args.books, *_partners(args.books, sheets, args.settings)]:
        books.setdefault(Path(b).resolve(), Path(b))
    dones, notes = finalize_books(list(books.values()),
                                  Path(args.output) if args.output else None, force=args.force,
                                  pdf=not args.no_pdf, email=args.email, settings=settings,
                                  profile=get_profile(_profile_name(args.profile, sheets)), rules=settings_config(sheets),
                                  overwrite=args.overwrite,
                                  instead="请用 -o 另给输出文件夹，或确认不再需要其中的内容后加 --overwrite 覆盖")
    from .errors import for_command

    for done in dones:
        print(f"已定稿：{done.workbook}")
        if done.pdf:
            print(f"        {done.pdf}")
    if dones[0].eml:
        print(f"邮件草稿：{dones[0].eml}" if len(dones) > 1 else f"        {dones[0].eml}")
    for done in dones:
        of = f"{done.book}：" if len(dones) > 1 and done.book else ""   # whose note, where there are several
        for note in done.notes:
            print(f"注意：{of}{for_command(note)}")
    for note in notes:
        print(f"注意：{for_command(note)}")
    return 0


# ----------------------------------------------------------------------------- catalogue

def cmd_rules(args: argparse.Namespace) -> int:
    """The checker's rule catalogue and the scoring profiles, for a reviewer to read."""
    from .core.findings import READING_CODES, SEVERITY_ZH
    from .core.profiles import list_profiles
    from .checking.rules import load_catalogue

    from .core.profiles import get_profile
    from .checking.config import apply_profile, describe, effective_rules, load_rule_config

    cfg = load_rule_config(args.config) if args.config else None   # the set in force (issue 14)
    load_catalogue()
    rules = effective_rules(cfg)
    if args.markdown:   # the table in README.md (a test keeps the two equal)
        print(rules_markdown(rules))
        return 0
    if args.json:
        code_of = {zh: en for en, zh in SEVERITY_ZH.items()}
        _print_json({"rules": [{"code": r.code, "severity": sev, "group": r.group, "title": r.title,
                                "explanation": r.explanation, "form": getattr(r, "form_type", "project"),
                                "enabled": on} for r, sev, on in rules],
                     # severity as a finding carries it (outputs.md: “always the one `jixiao rules` lists”),
                     # the catalogue's Chinese word beside it; the list said only “错误”/“警告”/“提示”
                     "reading": [{"code": c, "severity": code_of[s], "title": t, "explanation": e, "severity_zh": s}
                                 for c, s, t, e in READING_CODES],
                     "profiles": [{"name": n, "alias": a, "description": d} for n, a, d in list_profiles()]})
        return 0
    for r, sev, on in rules:
        state = SEVERITY_ZH[sev] if on else "已关闭"
        changed = "（本地设置）" if cfg and (not on or sev != r.severity) else ""
        print(f"{r.code:<4} 【{state}】{changed}{r.title}\n     {r.explanation}")
    print("\n读取中发现的问题（不属规则设置，不能关闭）：")
    for code, sev_zh, title, explanation in READING_CODES:
        print(f"{code:<4} 【{sev_zh}】{title}\n     {explanation}")
    print("\n阈值、等级与名单" + (f"（{cfg.source}）" if cfg else "（默认）") + "：")
    for line in describe(cfg, apply_profile(cfg, get_profile(None))):
        print(f"  {line}")
    print("\n评分方案（--profile，选项用 + 连接）：")
    for name, alias, desc in list_profiles():
        print(f"  {name}（{alias}）：{desc}")
    return 0


def rules_markdown(rules) -> str:
    """The rule table of README.md: code, severity, form kind, title; then the reading codes (X)."""
    from .core.findings import READING_CODES, SEVERITY_ZH

    kinds = {"project": "项目支出", "department": "部门整体", "evaluation": "项目评价", "report": "报告"}
    lines = ["| 编码 | 级别 | 适用 | 规则 |", "| --- | --- | --- | --- |"]
    lines += [f"| {r.code} | {SEVERITY_ZH[sev] if on else '已关闭'} | {kinds.get(r.form_type, r.form_type)} | {r.title} |"
              for r, sev, on in rules]
    lines += [f"| {code} | {sev_zh} | 读取 | {title} |" for code, sev_zh, title, _e in READING_CODES]
    return "\n".join(lines)


# ----------------------------------------------------------------------------- calc / addin

def cmd_calc(args: argparse.Namespace) -> int:
    """计算, as the button does it: blank 得分 get the suggested score and its basis."""
    from .actions import FileHost, calc
    from .errors import NotAFormError, for_command

    _book_out(args.output, macros=Path(args.book).suffix.lower() == ".xlsm", inputs=[args.book], overwrite=args.overwrite)
    host = FileHost(args.book, args.output)
    try:
        done = calc(host, _profile_name(args.profile, _settings_sheets([args.book])))
    except NotAFormError as exc:   # no form at all: said, and no copy that looks like a result
        _err(f"{exc}未写出 {args.output}")
        return 2
    out = host.save()
    print(for_command(done.message()))   # the button's words, with the commands the command line has
    if out:
        print(f"已写入 {out}")
        _say_macros_left_out(args.book)
    return 1 if done.unread else 0   # a form not read was not scored: something to put right


def cmd_addin(args: argparse.Namespace) -> int:
    from . import addin_setup

    lines = {"install": addin_setup.install, "uninstall": addin_setup.uninstall,
             "status": addin_setup.status}[args.action]()
    for line in lines:
        print(line)
    return 1 if any(line.startswith("✗") for line in lines) else 0


# ----------------------------------------------------------------------------- templates

def cmd_templates(args: argparse.Namespace) -> int:
    from .excel.templates import refresh_templates, stale_templates

    out = Path(args.out) if args.out else _templates_folder()
    if not args.check:
        _dir_out(out)
    if args.check:
        if not out.is_dir():   # every template said to differ, where there is no folder to look in
            _err(f"{out}：{'不是文件夹' if out.exists() else '文件夹不存在'}，没有可检查的模板")
            return 2
        stale = stale_templates(out)
        if stale:
            _err("以下模板与代码生成的不一致，请运行 jixiao templates 重新生成：" + "、".join(stale))
            return 1
        print(f"{out} 中的模板是最新的")
        return 0
    written, unchanged = refresh_templates(out, overwrite=args.overwrite)
    for p in written:
        print(f"已生成 {p}")
    if unchanged:
        print(f"内容未变、未重写 {len(unchanged)} 个：" + "、".join(p.name for p in unchanged))
    return 0


# ----------------------------------------------------------------------------- report

def cmd_report(args: argparse.Namespace) -> int:
    from .core.profiles import get_profile
    from .progress import step
    from .reports import build_reports, report_settings

    from .checking.config import apply_profile, check_with_rules, settings_config

    _dir_out(args.output)
    from .guard.outpath import check_overwrite
    from .reports import report_outputs

    for out in report_outputs(args.output, args.pdf):   # a report a person went on writing in Word is not written over
        check_overwrite(out, args.overwrite)
    sheets = _settings_sheets(args.paths)
    rules = settings_config(sheets)
    profile = apply_profile(rules, get_profile(_profile_name(args.profile, sheets)))  # the 设置's 校验规则 bands too
    batch = _load_said([*args.paths, *_partners(args.paths, sheets, args.settings)], args.settings)
    if not batch.forms and not batch.departments:   # a 部门整体 form alone: its 整体报告 and 报送函
        held = batch.held()
        kind = f"只读到{held}，报告需要项目支出绩效自评表或部门整体支出绩效自评表" if held else "没有读到任何自评表"
        from .errors import EVAL_NO_REPORT, for_command

        _err("、".join(map(str, args.paths)) + f"：{kind}，未生成报告"
             + (for_command(EVAL_NO_REPORT) if batch.of("evaluation") else ""))
        return 2
    settings = report_settings(args.paths, args.settings)
    check = check_with_rules(batch, profile, rules)  # the errors 校验 shows refuse the report
    for p in build_reports(batch, settings, Path(args.output), pdf=args.pdf, profile=profile, check=check,
                           templates=args.templates, force=args.force, progress=step):
        print(f"已写入 {p}")
    from .errors import forms_unread

    # a budget table beside the forms (said “不是自评表” above) is no form left out of the reports
    return 1 if forms_unread(batch.problems, {it.file for it in batch.all()}) else 0


# ----------------------------------------------------------------------------- demo

def cmd_demo(args: argparse.Namespace) -> int:
    from .demo import run

    _dir_out(args.output)
    return run(Path(args.output), overwrite=args.overwrite)


# ----------------------------------------------------------------------------- main

class _ChineseHelp(argparse.RawDescriptionHelpFormatter):
    """argparse's own words in Chinese: a 填报人 reads this help too. The description and the
    examples (epilog) are kept as written, line by line."""

    def add_usage(self, usage, actions, groups, prefix=None):  # noqa: ANN001
        return super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)

    def format_help(self) -> str:
        # the section headings “参数:”, “选项:” with GB/T 15834's full-width colon: “参数：”
        text = re.sub(r"(?m)^(\S[^\n]*):$", r"\1：", super().format_help())
        # argparse pads an option by its characters, a Chinese one is two columns wide: “--report 报告.docx”
        # pushed its help two columns right of the others'
        return re.sub(r"(?m)^(  \S.*?)(  +)(?=\S)", _aligned, text)


def _aligned(m: re.Match[str]) -> str:
    """An option's line of the help with the gap before its help narrowed by the extra columns its
    wide (Chinese) characters take, so that every help starts in the same column."""
    import unicodedata

    wide = sum(1 for c in m[1] if unicodedata.east_asian_width(c) in "WF")
    gap = len(m[2]) - wide
    # too wide for the column: the help on the next line, in the column, as argparse puts a long option's
    return m[1] + (" " * gap if gap >= 2 else "\n" + " " * (len(m[1]) + len(m[2])))


def _quoted(text: str) -> str:
    """argparse's Python reprs ('x') as Chinese quotes (“x”)."""
    return re.sub(r"'([^']*)'", r"“\1”", text)


def _zh_usage_error(message: str) -> str:
    """An argparse usage error in Chinese, with GB/T 15834 punctuation."""
    m = re.fullmatch(r"argument (\S+): invalid choice: '([^']*)' \(choose from (.*)\)", message)
    if m:
        name, value, choices = m[1], m[2], re.findall(r"'([^']*)'", m[3])   # name: 命令, --by, 操作 (metavars)
        close = difflib.get_close_matches(value, choices, n=1, cutoff=0.5)
        return (f"{name}“{value}”无效" + (f"（是否想用 {close[0]}？）" if close else "")
                + f"；可选的有 {'、'.join(choices)}")
    m = re.fullmatch(r"(?:argument \S+: )?ambiguous option: (\S+?)(?:=\S*)? could match (.*)", message)
    if m:
        return f"选项 {m[1]} 不完整，可能是 {'、'.join(x.strip() for x in m[2].split(','))}，请写全"
    m = re.fullmatch(r"argument (\S+): not allowed with argument (\S+)", message)
    if m:
        return f"{m[1]} 不能与 {m[2]} 同时使用"
    m = re.fullmatch(r"argument (\S+): invalid \S+ value: '([^']*)'", message)
    if m:
        return f"{m[1]} 的值“{m[2]}”无效"
    for en, zh in _ARGPARSE_ZH:
        message = message.replace(en, zh)
    message = message.replace(": ", "：").replace(", ", "、")   # “缺少必需的参数：PATH、-o/--output”
    return _quoted(message)


_ARGPARSE_ZH = [("the following arguments are required", "缺少必需的参数"),
                ("expected at least one argument", "至少需要一个值"),
                ("expected one argument", "需要一个值"), ("expected at most one argument", "最多一个值"),
                ("ignored explicit argument", "不接受值"), ("argument ", "参数 ")]


class _Parser(argparse.ArgumentParser):
    """Usage errors in Chinese too (exit 2, as for unreadable input)."""

    def error(self, message: str):  # type: ignore[override]
        self.error_zh(_zh_usage_error(message))

    def unrecognized(self, extra: list[str], outer: argparse.ArgumentParser, after: Sequence[str] = ()) -> NoReturn:
        """The words ``parse_known_args`` left over, said by the command they were given to (argparse
        says them with the usage of ``jixiao`` itself): an option misspelt with the one meant, one
        written before the command with where it goes, a second file where one is read."""
        mine = [o for a in self._actions for o in a.option_strings]
        said, extra_words, after_option = [], [], False
        for word in extra:
            if word.startswith("-") and len(word) > 1:
                key = word.split("=", 1)[0]
                after_option = "=" not in word
                if key in mine:   # “jixiao --json check …”: the top parser saw it before the command
                    said.append(f"选项 {key} 应写在命令之后（{self.prog} … {key}）")
                    continue
                close = difflib.get_close_matches(key, mine, n=1, cutoff=0.6)
                said.append(f"没有选项 {key}" + (f"（是否想用 {close[0]}？）" if close else ""))
            elif not after_option:   # a word after an unknown option is taken for its value, unsaid
                extra_words.append(word)
                said.append(f"多出的参数“{word}”")
            else:
                after_option = False
        for word in after:   # after “--”: words, whatever they look like
            extra_words.append(word)
            said.append(f"多出的参数“{word}”")
        one = [a.metavar for a in self._actions if not a.option_strings and a.nargs is None and a.metavar]
        if one and extra_words:
            said.append(f"{self.prog} 只接受一个 {one[0]}")
        if self is outer:
            said.append("选项应写在命令之后")
        self.error_zh("；".join(said))

    def error_zh(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"jixiao：命令有误：{message}；用 {self.prog} --help 查看用法和示例\n")


class _SubParser(_Parser):
    def __init__(self, *args: Any, **kwargs: Any):
        kwargs.setdefault("formatter_class", _ChineseHelp)
        super().__init__(*args, **kwargs)
        self._positionals.title, self._optionals.title = "参数", "选项"
        for action in self._actions:
            if action.dest == "help":
                action.help = "显示帮助"


def _unit(text: str) -> str:
    """--unit: the reviewing unit, signed under every notice; blank, the notices were signed by nobody."""
    if not text.strip():
        raise argparse.ArgumentTypeError("复核单位不能为空（写在汇总表的填报部门和退回修改通知的落款处），如 --unit 县财政局")
    return text.strip()


def _year(text: str) -> int:
    """--year: a budget year as a form writes it (2022, ２０２２, 2022年, 2022年度, （2022）, 二〇二二年),
    read as a form's year cell is (``core.dates.year_in``), never “22”, nor one of “2021-2022”."""
    from .core.dates import year_in

    y = year_in(text, anywhere=False)
    if y is not None:
        return y
    raise argparse.ArgumentTypeError(f"“{text}”不是年度，请写四位数的年份，如 --year 2022")


# Options several commands take, worded once.
COMMON_OPTIONS: dict[str, tuple[tuple[str, ...], dict[str, Any]]] = {
    "json": (("--json",), {"action": "store_true", "help": "输出 JSON"}),
    "profile": (("--profile",), {"default": None, "metavar": "NAME",
                                 "help": "评分方案，默认 财预〔2020〕10号（default）；选项用 + 连接，如 default+sixty；"
                                         "全部方案见 jixiao rules"}),
    "overwrite": (("--overwrite",), {"action": "store_true",
                                     "help": "输出的文件已存在且有人编辑保存过时仍覆盖它（默认不覆盖，提示另给文件名）"}),
}


# Examples under each command's --help, as a user copies them (tests/test_cli_mistakes_s59.py runs every one
# on files of these names).
EXAMPLES: dict[str, tuple[str, ...]] = {
    "fill": ("jixiao fill 项目1.json 项目2.json -o 自评表.xlsx",),
    "read": ("jixiao read 自评表.xlsx --json",),
    "score": ("jixiao score 自评表.xlsx", "jixiao score 收件夹 --json"),
    "check": ("jixiao check 自评表.xlsx", "jixiao check 自评表.xlsx --annotate 自评表-校验标注.xlsx",
              "jixiao check 自评表.xlsx --report 自评报告.docx", "jixiao check 收件夹 --json"),
    "summarize": ("jixiao summarize 收件夹 -o 汇总表.xlsx", "jixiao summarize 收件夹 -o 汇总表.xlsx --by 实施单位"),
    "review": ("jixiao review 收件夹 -o 复核结果", "jixiao review 收件夹 -o 复核结果 --expected 项目清单.xlsx"),
    "import": ("jixiao import 外地自评表.xlsx -o 自评表-导入.xlsx", "jixiao import --targets 目标表.xlsx -o 自评表-预填.xlsx"),
    "finalize": ("jixiao finalize 自评表.xlsx -o 报送", "jixiao finalize 自评表.xlsx -o 报送 --email --no-pdf"),
    "rules": ("jixiao rules", "jixiao rules --config 校验规则.yaml"),
    "calc": ("jixiao calc 自评表.xlsx -o 自评表-计算.xlsx",),
    "addin": ("jixiao addin status",),
    "templates": ("jixiao templates --check",),
    "report": ("jixiao report 自评表.xlsx -o 报告",),
    "demo": ("jixiao demo -o 演示",),
}
SPACES = "文件名含空格时用引号括起来，如 \"我的 自评表.xlsx\"。"


def _examples(lines: Sequence[str]) -> str:
    return "示例：\n" + "".join(f"  {x}\n" for x in lines) + "\n" + SPACES


def _command(sub: Any, name: str, func: Callable[[argparse.Namespace], int], *common: str, help: str) -> Any:
    """A sub-command running ``func``, with the ``common`` options (``COMMON_OPTIONS``) it takes."""
    s = sub.add_parser(name, help=help, description=help, epilog=_examples(EXAMPLES[name]))
    for key in common:
        args, kwargs = COMMON_OPTIONS[key]
        s.add_argument(*args, **kwargs)
    s.set_defaults(func=func)
    return s


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="jixiao", description="绩效自评助手：项目支出绩效自评表的模板、评分、校验与汇总",
                formatter_class=_ChineseHelp,
                epilog=_examples(("jixiao check 自评表.xlsx", "jixiao summarize 收件夹 -o 汇总表.xlsx",
                                  "jixiao review 收件夹 -o 复核结果"))
                + "\n每个命令的参数和示例：jixiao 命令 --help，如 jixiao check --help。")
    p._positionals.title, p._optionals.title = "命令", "选项"
    p._actions[0].help = "显示帮助"
    p.add_argument("--version", action="version", version=f"jixiao {__version__}", help="显示版本")
    sub = p.add_subparsers(dest="cmd", metavar="命令", parser_class=_SubParser)

    s = _command(sub, "fill", cmd_fill, "profile", "overwrite", help="把表单 JSON 填入官方模板，每张表一个工作表")
    s.add_argument("forms", nargs="+", metavar="FORM.json", help="表单 JSON（项目支出、部门整体或评价表），可多个")
    s.add_argument("-o", "--output", required=True, metavar="BOOK.xlsx", help="写出的工作簿")

    s = _command(sub, "read", cmd_read, "json", help="读出工作簿中的每张自评表（JSON）")
    s.add_argument("book", metavar="BOOK.xlsx", help="要读的工作簿")

    s = _command(sub, "score", cmd_score, "json", "profile", help="按评分规则复核得分")
    s.add_argument("paths", nargs="+", metavar="PATH", help="表单 JSON、工作簿或文件夹")
    s.add_argument("--standards", default=None, metavar="FILE",
                   help="部门整体支出绩效自评表的评分标准（JSON，按指标键覆盖表中的标准）")

    s = _command(sub, "check", cmd_check, "json", "profile", "overwrite", help="校验：逐格找出错误和疑点")
    s.add_argument("paths", nargs="+", metavar="PATH", help="工作簿、表单 JSON 或文件夹")
    s.add_argument("--annotate", default=None, metavar="OUT.xlsx", help="写出标注了每个问题的副本（原文件不动）")
    s.add_argument("--report", action="append", default=None, metavar="报告.docx",
                   help="同时核对自评报告（.docx/.md/.txt）：找出与自评表矛盾的句子（R 规则），可重复")
    s.add_argument("--rules", default=None, metavar="FILE",
                   help="校验规则设置（YAML/JSON）：开关规则、改级别、阈值、等级分段、本地名单；默认读工作簿“设置”表的校验规则部分")
    s.add_argument("--targets", action="append", default=None, metavar="目标表.xlsx",
                   help="与批复的绩效目标表核对三级指标和年度指标值（T 规则），可重复")

    s = _command(sub, "summarize", cmd_summarize, "json", "profile", "overwrite", help="汇总：生成绩效自评情况汇总表")
    s.add_argument("paths", nargs="+", metavar="PATH", help="工作簿、表单 JSON 或文件夹")
    s.add_argument("-o", "--output", default=None, metavar="汇总表.xlsx", help="写出的汇总表工作簿")
    s.add_argument("--by", choices=["主管部门", "实施单位"], default=None, help="按部门分别汇总")
    s.add_argument("--compare", default=None, metavar="FILE", help="与已发布的汇总表比对（JSON，或单位填写的汇总表工作簿）")
    s.add_argument("--year", type=_year, default=None, metavar="YYYY", help="只汇总该年度的表（默认取多数表的年度）")

    s = _command(sub, "review", cmd_review, "json", "profile", help="财政局复核：读收件夹中各单位报送的工作簿，写出复核台账、各单位退回修改通知和汇总表")
    s.add_argument("inbox", metavar="INBOX", help="收件夹（含子文件夹、工作簿、.et、.eml/.msg 邮件和 .zip 压缩包）")
    s.add_argument("-o", "--output", required=True, metavar="OUTDIR", help="输出文件夹")
    s.add_argument("--expected", default=None, metavar="项目清单.xlsx", help="应报项目清单（.xlsx/.xls 工作簿或 .csv，含项目名称、实施单位两列）")
    s.add_argument("--year", type=_year, default=None, metavar="YYYY", help="本批年度（默认取多数表的年度）")
    s.add_argument("--by", choices=["主管部门", "实施单位"], default="实施单位", help="按哪一级单位分行，默认实施单位")
    s.add_argument("--unit", default="县财政局", metavar="NAME", type=_unit, help="复核单位（汇总表填报部门、通知落款），默认 县财政局")
    s.add_argument("--deadline", default=None, metavar="YYYY-MM-DD",
                   help="重新报送的截止日期（写进退回修改通知和邮件），默认“收到本通知之日起5个工作日内”")

    s = _command(sub, "import", cmd_import, "profile", "overwrite", help="导入各地版式的自评表（.xlsx/.xlsm/.xls），写成本模板，并列出需要核对之处")
    s.add_argument("paths", nargs="*", metavar="PATH", help="工作簿、表单 JSON 或文件夹")
    s.add_argument("-o", "--output", required=True, metavar="BOOK.xlsx", help="写出的工作簿（本模板版式）")
    s.add_argument("--json", action="store_true", help="输出 JSON 报告")
    s.add_argument("--targets", action="append", default=None, metavar="目标表.xlsx",
                   help="由绩效目标申报表/目标表预填自评表（每个项目一张，实际完成值、得分留给填报人），可重复")

    s = _command(sub, "finalize", cmd_finalize, "profile", "overwrite", help="定稿：生成可发送的只含数值的工作簿、PDF 和邮件草稿")
    s.add_argument("books", nargs="+", metavar="BOOK.xlsx",
                   help="填好的工作簿；同一单位的项目支出绩效自评表、部门整体支出绩效自评表分在两个工作簿时一并列出，"
                        "各自定稿，邮件草稿只有一封，附上全部定稿文件")
    s.add_argument("-o", "--output", default=None, metavar="DIR", help="输出文件夹，默认与（第一个）工作簿相同")
    s.add_argument("--force", action="store_true", help="仍有错误时也定稿（填报人已确认）")
    s.add_argument("--email", action="store_true", help="同时生成邮件草稿（.eml）")
    s.add_argument("--no-pdf", action="store_true", help="不生成 PDF")
    s.add_argument("--settings", default=None, metavar="FILE", help="设置（YAML/JSON），默认读工作簿的“设置”表")

    s = _command(sub, "rules", cmd_rules, help="列出校验规则目录和评分方案")
    s.add_argument("--config", default=None, metavar="FILE", help="按这份校验规则设置（YAML/JSON）列出生效的规则")
    one = s.add_mutually_exclusive_group()   # a Markdown table is no JSON: --json --markdown printed the table
    one.add_argument(*COMMON_OPTIONS["json"][0], **COMMON_OPTIONS["json"][1])
    one.add_argument("--markdown", action="store_true", help="以 Markdown 表格列出（README 中的规则表）")

    s = _command(sub, "calc", cmd_calc, "profile", "overwrite", help="计算：为空白的得分填入建议得分（写入副本）")
    s.add_argument("book", metavar="BOOK.xlsx", help="填好的工作簿（不会被修改）")
    s.add_argument("-o", "--output", required=True, metavar="OUT.xlsx", help="写出的副本")

    s = _command(sub, "addin", cmd_addin, help="在 Windows 的 Excel 中安装、卸载加载项或查看状态")
    s.add_argument("action", choices=["install", "uninstall", "status"], metavar="操作", help="install 安装、uninstall 卸载、status 查看状态")

    s = _command(sub, "templates", cmd_templates, "overwrite", help="重新生成 xlsx_templates/ 中的官方模板")
    s.add_argument("--out", default=None, metavar="DIR", help="写到哪个文件夹，默认 xlsx_templates/")
    s.add_argument("--check", action="store_true", help="只检查已提交的模板是否最新")

    s = _command(sub, "report", cmd_report, "profile", "overwrite", help="生成报告：报送函、项目支出绩效自评报告、整体绩效自评工作报告（.docx，可选 PDF）")
    s.add_argument("paths", nargs="+", metavar="PATH", help="工作簿（连同其“设置”工作表）、表单 JSON 或文件夹")
    s.add_argument("-o", "--output", required=True, metavar="DIR", help="输出文件夹")
    s.add_argument("--pdf", action="store_true", help="同时用 LibreOffice 生成 PDF")
    s.add_argument("--settings", default=None, metavar="FILE", help="设置文件（YAML/JSON），优先于工作簿的“设置”工作表")
    s.add_argument("--templates", default=None, metavar="DIR", help="单位修改过的报告模板所在文件夹（默认用内置模板）")
    s.add_argument("--force", action="store_true",
                   help="自评表仍有错误时也生成（警告写到屏幕，受影响的数字旁标【待核实】，改正前不得报送）")

    s = _command(sub, "demo", cmd_demo, "overwrite", help="用内置的 23 张示例表演示：生成工作簿并显示复核得分")
    s.add_argument("-o", "--output", default="demo-output", metavar="DIR", help="输出文件夹，默认 demo-output")
    for s in sub.choices.values():  # every command with --json may indent it
        if any(a.dest == "json" for a in s._actions):
            s.add_argument("--pretty", action="store_true", help="JSON 缩进排版（默认仅在终端上缩进）")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; no traceback ever reaches the user (``--debug`` shows one).

    Exit status: 0 ok; 1 the forms hold errors or a batch is incomplete; 2 an input is
    unreadable or there is no input; 3 an internal error of jixiao itself; 130 interrupted.
    """
    from .safety import run_main

    whole = argv is None  # the console script: the process ends with this command
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv
    argv = [a for a in argv if a != "--debug"]
    where = "、".join(a for a in argv[1:] if not a.startswith("-"))  # the inputs, to name them if jixiao fails
    if whole:
        from .exitkeep import start

        start()  # the command's big results are left to the operating system (exitkeep)
        _no_pydantic_plugins()
    try:
        return run_main(lambda: _main(argv), debug=debug, where=where)
    finally:
        if whole:  # Python's exit would walk every object left for cycles, ~20 ms for nothing (issue #18)
            import gc

            gc.freeze()


def _no_pydantic_plugins() -> None:
    """The command's forms are validated by pydantic alone, whatever else is installed.

    When it builds the first validator of a process, pydantic looks for plugins among the
    entry points of every installed distribution (``pydantic.plugin._loader``), importing
    ``importlib.metadata`` and ``email`` to do so: ~25 ms of a one-file ``check`` (issue #18),
    for plugins jixiao never uses and that could only change how a form is validated. The
    console script is a process of its own, so there pydantic is told it has none; a process
    that imports jixiao as a library, or that loaded pydantic's plugins already, is left alone."""
    import types

    if "pydantic.plugin._loader" in sys.modules or not _pydantic_tested():
        return
    loader = types.ModuleType("pydantic.plugin._loader", "No pydantic plugins in jixiao's command (jixiao.cli).")
    loader.get_plugins = lambda: ()  # type: ignore[attr-defined]
    sys.modules["pydantic.plugin._loader"] = loader


# pydantic releases whose plugin loader was read for ``_no_pydantic_plugins`` (only ``get_plugins`` is
# imported from that private module); on any other release the command leaves pydantic as it is.
PYDANTIC_TESTED = ("2.14.4",)


def _pydantic_tested() -> bool:
    """Whether the installed pydantic is one of ``PYDANTIC_TESTED``, told by its ``.dist-info``
    folder beside the package: importing ``pydantic.version`` here would import pydantic_core
    for commands that never validate a form."""
    import importlib.util
    import os

    try:
        spec = importlib.util.find_spec("pydantic")
    except (ImportError, ValueError):
        return False
    where = list(spec.submodule_search_locations or ()) if spec else []
    if not where:
        return False
    site = os.path.dirname(where[0])
    return any(os.path.isdir(os.path.join(site, f"pydantic-{v}.dist-info")) for v in PYDANTIC_TESTED)


def _main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    if argv and argv[0] in ("help", "帮助"):   # “jixiao help check”: the help asked for (it was 命令“help”无效)
        argv = [*argv[1:2], "--help"]
    args, extra = parser.parse_known_args(argv)
    cmd = getattr(args, "cmd", None)
    choices = parser._subparsers._group_actions[0].choices if parser._subparsers else None
    sub = choices.get(cmd) if cmd and isinstance(choices, dict) else None
    many = next((a.dest for a in getattr(sub, "_actions", ()) if not a.option_strings and a.nargs in ("+", "*")), None)
    after = extra[extra.index("--") + 1:] if "--" in extra else []   # “-- -x.xlsx”: a file, whatever its name
    extra = extra[:len(extra) - len(after) - 1] if "--" in extra else extra
    if (extra or after) and many and not any(w.startswith("-") and len(w) > 1 for w in extra):
        # “check a.xlsx --json b.xlsx”: argparse takes the files before the first option only
        setattr(args, many, [*getattr(args, many), *extra, *after])
        extra, after = [], []
    if extra or after:   # said by the command they were given to, with the option meant where one is close
        said_by = sub if isinstance(sub, _Parser) else parser
        if isinstance(said_by, _Parser):
            said_by.unrecognized(extra, parser, after)
        parser.error("unrecognized arguments: " + " ".join(extra + after))   # (a parser not built here)
    global _PRETTY
    _PRETTY = bool(getattr(args, "pretty", False))
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    with working(args.cmd):
        return args.func(args)


if __name__ == "__main__":
    raise SystemExit(main())
