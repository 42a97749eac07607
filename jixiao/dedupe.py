"""Counting each project once: what a batch of returned workbooks must leave out.

A reviewer's folder holds more than the forms: jixiao's own outputs (an annotated copy,
a 汇总表 — both hold copies of the forms), the same file saved twice, a project sent again
after correction, and now and then last year's form. Counted blindly they inflate every
total without a word. This module decides, and says why, for ``review``, ``summarize``
and ``check`` alike:

- files jixiao wrote itself (``marker``) are skipped;
- byte-identical files are read once (the first in path order);
- a project sent more than once (same 实施单位 — however the county's name is written before it — +
  项目名称, in different files) counts in its
  newest version: the latest 填报日期 on the form, then the latest save the workbooks themselves
  record (``docprops.saved_time``), then the newest file time;
- forms of another year than the batch's (the majority year of the forms the 汇总表 counts, or the one given) are
  set aside, of every kind alike (``screen_forms``); the review alone keeps a 部门整体 form of another year, which it
  warns of (``whole_other_year``).

No spreadsheet library here: files are hashed and their marks read as zip parts.
"""

from __future__ import annotations

import hashlib
import os
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable

from .marker import MANIFEST, own_aside, own_output
from .core.quotes import quoted_series

if TYPE_CHECKING:  # imported lazily at run time: sources and check read workbooks
    from .checking.run import CheckResult
    from .core.profiles import Profile
    from .sources import Batch, Loaded

__all__ = ["SetAside", "Screened", "batch_year", "with_year_in_book", "year_in_book", "check_deduped", "check_kept", "filled_date", "form_key",
           "load_checked", "newest_file", "notes_text", "screen_files", "screen_forms", "year_screened"]


@dataclass
class SetAside:
    """One file or form left out of the counts, and why (Chinese, for the reader)."""

    file: str
    reason: str
    kind: str                      # own_output | duplicate | superseded | other_year | hidden | not_read
    source: str | None = None      # file#sheet for a form
    replaced_by: str | None = None  # the file kept instead (duplicate, superseded)
    unit: str | None = None
    authority: str | None = None
    project: str | None = None
    year: int | None = None
    cell: str | None = None        # where the form says what set it aside (another year's: its 年度 cell; a
    #                                superseded one's: its 项目名称 cell, where its marked copy says so)
    why: str | None = None         # superseded: why the file kept is the newer (“填报日期较晚”…)
    # superseded: the latest 填报日期 of the project's forms in this file and in the file kept (ISO dates,
    # None where none is written): what the department is told where it sent an older version again
    filled_on: str | None = None
    kept_filled_on: str | None = None
    form_kind: str | None = None   # a form's kind (``FormKind.key``): what the department is told it sent

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v is not None}

    @property
    def sheet(self) -> str:
        """The sheet of the form set aside (a form's ``source`` is file#sheet)."""
        return (self.source or "").rpartition("#")[2]


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _size(path: Path) -> int | None:
    """The file's size in bytes, None if it cannot be had (``os.stat`` opens nothing)."""
    try:
        return os.stat(path).st_size
    except (OSError, ValueError):
        return None


def screen_files(files: list[Path], name: Callable[[Path], str] = str) -> tuple[list[Path], list[SetAside]]:
    """Files worth reading: jixiao's own outputs and repeated identical files left out.

    A file is hashed only when another one has its size: identical bytes mean an equal size, and
    this runs alone before the workers start (100 workbooks: ~0.05 s of hashing, issue #18)."""
    kept: list[Path] = []
    out: list[SetAside] = []
    seen: dict[str, Path] = {}
    sizes = Counter(_size(p) for p in files)
    from .errors import JixiaoError
    from .guard import check_input

    for p in files:
        try:
            check_input(p)  # a FIFO, a device, a link out of the folder …: never opened here
        except JixiaoError:
            kept.append(p)  # the reader refuses it and says why, located
            continue
        kind = own_output(p) if p.suffix.lower() in (".xlsx", ".xlsm") else "manifest" if p.name == MANIFEST else None
        if kind:
            out.append(SetAside(name(p), own_aside(kind), "own_output"))
            continue
        size = _size(p)
        if size is not None and sizes[size] == 1:
            kept.append(p)  # no other file as long: none can hold the same bytes
            continue
        try:
            d = _digest(p)
        except OSError:
            kept.append(p)  # unreadable: the reader says why
            continue
        if d in seen:
            out.append(SetAside(name(p), f"与 {name(seen[d])} 内容完全相同，只计一次", "duplicate",
                                 replaced_by=name(seen[d])))
            continue
        seen[d] = p
        kept.append(p)
    return kept, out


def _norm(s: str | None) -> str:
    """NFKC without any whitespace. ``str.split()`` drops exactly what ``\\s`` matches (every code
    point checked, tests/test_dedupe.py) at a quarter of a regex's cost: 20,000 calls a 1万-form batch."""
    return "".join(unicodedata.normalize("NFKC", s or "").split())


def filled_date(text: Any) -> date | None:
    """The form's 填报日期 ("2023.3.1", "2023年3月1日", "2023-03-01", a date); None if unreadable."""
    from .core.dates import written_date

    return written_date(text, within=True)


def _summed(form: Any) -> bool:
    """A form the 汇总表 counts (项目支出绩效自评表): its kind has no rows of its own beside the
    汇总表's (``FormKind.summary_key``: 部门整体 forms and 评价表 do)."""
    from .forms import kind_of

    return kind_of(form).summary_key is None


def _whole_department(form: Any) -> bool:
    """A 部门整体 form: one per department, never a resubmitted project or another year's form."""
    from .forms import kind_of

    return kind_of(form).key == "department"


def whole_other_year(kept: list[Any], year: int | None, name: Callable[[str], str] = str) -> list[Any]:
    """A 部门整体 form of another year than the batch's (the review keeps it, ``screen_forms``'s ``any_year``: one
    per department, its 年度 often left from last year's template), said as a warning on its 年度 cell: counted,
    the notice and the 台账 would otherwise speak of it as the batch year's."""
    from .core.findings import WHOLE_OTHER_YEAR

    out = []
    for it in kept:
        y = getattr(it.form, "year", None)
        if year is None or y == year or not _whole_department(it.form):
            continue
        out.append(_year_finding(it, WHOLE_OTHER_YEAR, year, "本次审核的是{year}年度的自评材料，已按收到的这张表审核；"
                                                             "如是{year}年度的表，请将年度改为{year}"))
    return out


def year_in_book(items: list[Any]) -> list[Any]:
    """X8 on the 年度 cell of each form whose year is not its workbook's (``batch_year`` of that workbook's
    forms): last year's 部门整体 form copied in with its year left. 校验 said nothing of it; 汇总 left it out,
    生成报告 did not use it, and the bureau's review flagged it (X4, X5) when it came back."""
    from .core.findings import YEAR_IN_BOOK

    books: dict[str, list[Any]] = {}
    for it in items:
        if it.sheet:   # a workbook's form; a JSON form is a file of its own
            books.setdefault(it.file, []).append(it)
    out = []
    for forms in books.values():
        year = batch_year(forms) if len(forms) > 1 else None
        for it in forms:
            y = getattr(it.form, "year", None)
            if year is None or y is None or y == year:
                continue
            out.append(_year_finding(it, YEAR_IN_BOOK, year, "本工作簿中的表多为{year}年度：这张表不计入{year}年度的汇总。"
                                                           "如是{year}年度的表（从上年的表复制来而没有改年度），请将年度改为{year}"))
    return out


def with_year_in_book(findings: list[Any], items: list[Any]) -> list[Any]:
    """``findings`` (a checked batch's, in ``checking.order``'s order) with the X8 of ``items`` (``year_in_book``)
    put in that order too: each in its form's group by severity, rule and cell, as ``check_batch`` lists the
    rest. Appended after the sort, the warning came last in its form's group, below the 部门整体 form's 提示."""
    from .checking.order import sort_findings

    extra = year_in_book(items)
    if not extra:   # nearly every batch: the whole list sorted again was ~0.15 s of a 10,000-form check (issue #18)
        return findings
    out = [*findings, *extra]
    sort_findings(out, items)
    return out


def _year_finding(it: Any, rule: str, year: int, said: str) -> Any:
    """A warning on the 年度 cell of the form ``it``, whose year is not ``year``: “…的年度为2023年度，” and
    ``said`` (its ``{year}`` filled in)."""
    from .core.findings import Finding
    from .forms import kind_of

    kind, y = kind_of(it.form), it.form.year
    return Finding(rule=rule, severity="warning", field="year",
                   message=f"{kind.title}的年度为{y}年度，" + said.format(year=year),
                   expected=f"{year}年度", found=f"{y}年度", file=it.file, sheet=it.sheet,
                   cell=_cell(it, "year"), project=kind.name_of(it.form), source=it.source)


def _cell(item: Any, path: str) -> str | None:
    """The cell of the field ``path`` on the sheet ``item`` was read from (``FormKind.cell_of``)."""
    from .forms import kind_of

    return kind_of(item.form).cell_of(item, path)


def load_checked(files: list[Path], profile: Profile,
                 progress: bool | None = None) -> tuple[Batch, list[tuple[Loaded, Any]]]:
    """Read and check each file on all cores: the batch, and (item, (score, findings)) per form."""
    from .batch import map_checked
    from .sources import Batch

    batch = Batch(files=len(files))
    pre: list[tuple[Loaded, Any]] = []
    for loaded, problems, checked in map_checked(files, profile, progress=progress):
        batch.add(loaded)
        batch.problems.extend(problems)
        one = Batch()
        one.add(loaded)
        for key, results in checked.items():
            pre.extend(zip(one.of(key), results))
    return batch, pre


def check_kept(batch: Batch, pre: list[tuple[Loaded, Any]], keep: set[int] | None, profile: Profile, *,
               ordered: bool = True) -> CheckResult:
    """Drop the forms not in ``keep`` (ids; None keeps all) and finish the check with the rest
    (``ordered``: as ``check_batch``)."""
    from .checking.run import check_batch
    from .forms import kind_of

    if keep is not None:
        for key in list(batch.by_kind):
            batch.by_kind[key] = [x for x in batch.by_kind[key] if id(x) in keep]
    per_kind: dict[str, list[Any]] = {}
    for x, c in pre:
        if keep is None or id(x) in keep:
            per_kind.setdefault(kind_of(x.form).key, []).append(c)
    return check_batch(batch, profile, pre=per_kind, ordered=ordered)


def form_key(form: Any) -> tuple[str, str]:
    """Same project = same 实施单位 + 项目名称 (a 部门整体 form: its 部门, once)."""
    if _whole_department(form):
        from .forms.department import TITLE

        return _norm(getattr(form, "department", "")), TITLE
    return _norm(form.unit or form.authority), _norm(form.project)


def batch_year(items: list[Any], year: int | None = None) -> int | None:
    """The batch's year: the one given, else the year most of the forms the 汇总表 counts carry (the
    later on a tie); only where there are none, of all forms.

    Why not every form: a 2022 项目支出绩效自评表 sent with a 2023 评价表 tied, the batch became 2023's
    and the one project form was set aside as another year's — the 汇总表 had nothing to count."""
    if year:
        return year
    projects = [it for it in items if _summed(it.form)] or items
    years = (getattr(it.form, "year", None) for it in projects)
    c = Counter(y for y in years if y is not None)
    if not c:
        return None
    top = max(c.values())
    return max(y for y, n in c.items() if n == top)


@dataclass
class Screened:
    kept: list[Any] = field(default_factory=list)
    set_aside: list[SetAside] = field(default_factory=list)
    year: int | None = None


def hidden_aside(items: list[Any], name: Callable[[str], str] = str) -> list[SetAside]:
    """The forms read from hidden sheets (``Batch.hidden``), as left out and why: a hidden sheet is
    out of sight in Excel and on paper (an old version kept, a copy hidden while printing); counted,
    its form would be in the 汇总表 — twice, often — without anyone having seen it."""
    return [SetAside(name(it.file), f"工作表“{it.sheet}”是隐藏的工作表，其中的表未计入（如应报送，请取消隐藏）",
                     "hidden", source=name(it.file) + (f"#{it.sheet}" if it.sheet else ""),
                     unit=getattr(it.form, "unit", None) or getattr(it.form, "department", None),
                     authority=getattr(it.form, "authority", None),
                     project=getattr(it.form, "project", None), year=getattr(it.form, "year", None),
                     form_kind=_kind_key(it.form))
            for it in items]


def _kind_key(form: Any) -> str:
    from .forms import kind_of

    return kind_of(form).key


def hidden_said(sheets: Iterable[str], undone: str) -> str:
    """What a button or 定稿 tells of the forms on hidden sheets (``Batch.hidden``): not ``undone``, and why."""
    names = quoted_series(dict.fromkeys(sheets))
    return (f"工作表{names}是隐藏的工作表，其中的表未{undone}，报送后也不计入（如应报送，请取消隐藏；"
            "否则请删除）。") if names else ""


def _local(ts: float) -> str:
    """A time as the reviewer's clock shows it, to the minute, as the notice writes its dates (``cn_time``)."""
    from datetime import datetime

    from .core.dates import cn_time

    return cn_time(datetime.fromtimestamp(ts))


LATER_DATE = "填报日期较晚"   # why a file counts over one of an earlier 填报日期 (``newest_file``)


def newest_file(files: list[str], dates: dict[str, date], saved: Callable[[str], float | None],
                mtime: Callable[[str], float]) -> tuple[str, str]:
    """Of the files holding one project (``dates``: each one's latest 填报日期, ``date.min`` for
    none), the newest, and why it is (Chinese, for the reason that names it): the latest 填报日期;
    on the same day, the latest time the workbooks record for their last save (``saved``: the
    sender's program wrote it, so copying, mailing and saving the attachment into a folder later
    leave it as it was) — only where each of them records one, since a file time is no measure
    against it; else the latest file time (an attachment's is its message's Date)."""
    top = max(dates[f] for f in files)
    tied = [f for f in files if dates[f] == top]
    if len(tied) == 1:
        return tied[0], LATER_DATE
    first = "填报日期相同，" if top != date.min else ""
    times = {f: saved(f) for f in tied}
    if all(t is not None for t in times.values()) and len(set(times.values())) > 1:
        winner = max(tied, key=lambda f: (times[f], mtime(f)))
        return winner, f"{first}其工作簿记录的保存时间（{_local(times[winner] or 0.0)}）较晚"
    return max(tied, key=mtime), f"{first}其文件时间较晚"


def superseded_said(winner: str, why: str, forms: int = 1, kind: str | None = None) -> str:
    """Why a file's form (``forms`` of them: the whole file) does not count: sent again in ``winner``;
    ``kind`` (``FormKind.key``) names what the one form is of (``FormKind.noun``: 同一项目, 同一部门（单位）)."""
    what = f"同一{kind_noun(kind)}" if forms == 1 else f"{forms} 张表均"
    return f"{what}已由 {winner} 重新报送（{why}），此份不计入"


def reasons_said(whys: list[str]) -> str:
    """Why the forms of one file lost to one other file (``newest_file``'s reasons, one a form), said once:
    the reason where all agree, else each with the number of forms it holds for — “其中 3 张表填报日期较晚；
    7 张表填报日期相同，其工作簿记录的保存时间（…）较晚” (the first form's reason was said of them all)."""
    counts = dict.fromkeys(whys, 0)
    for w in whys:
        counts[w] += 1
    if len(counts) == 1:
        return whys[0]
    return "其中 " + "；".join(f"{n} 张表{w}" for w, n in counts.items())


def kind_noun(kind: str | None) -> str:
    """``FormKind.noun`` of the kind keyed ``kind`` (a project's where none is given)."""
    from .forms import by_key

    return by_key(kind or "project").noun


def screen_forms(items: list[Any], year: int | None = None, name: Callable[[str], str] = str,
                 mtime: Callable[[str], float] | None = None,
                 saved: Callable[[str], float | None] | None = None,
                 any_year: Callable[[Any], bool] | None = None) -> Screened:
    """Forms that count: the batch's year only, and each project in its newest file (``newest_file``).

    ``items`` are ``sources.Loaded`` (anything with .form, .file, .source); ``name``
    turns a read path into the name the reader sees; ``mtime`` gives a file's time (default: on
    disk); ``saved`` the time the workbook records for its last save (default ``docprops.saved_time``).
    A form of another year is set aside whatever its kind (``summarize`` counted a 2023 部门整体 form into a 2022
    汇总 and left the 2023 评价表 beside it out), except where ``any_year`` (a form model) says it counts as
    sent: the review's 部门整体 form, warned of on its 年度 cell (``whole_other_year``)."""
    mtime = mtime or (lambda f: os.path.getmtime(f) if os.path.exists(f) else 0.0)
    from .docprops import saved_time

    recorded = saved or saved_time
    res = Screened(year=batch_year(items, year))
    same_year = []
    for it in items:
        y = getattr(it.form, "year", None)
        if res.year is not None and y != res.year and not (any_year and any_year(it.form)):
            res.set_aside.append(SetAside(name(it.file), f"{y} 年度的表，本批为 {res.year} 年度，未计入", "other_year",
                                           source=name(it.file) + (f"#{it.sheet}" if it.sheet else ""),
                                           unit=getattr(it.form, "unit", None) or getattr(it.form, "department", None),
                                           authority=getattr(it.form, "authority", None),
                                           project=getattr(it.form, "project", None), year=y,
                                           cell=_cell(it, "year"), form_kind=_kind_key(it.form)))
        else:
            same_year.append(it)
    keys = [form_key(it.form) for it in same_year]
    # one body spelled two ways (“大厂县水务局” in the first file, “县水务局” in its 修改稿): one key
    from .review.expected import spellings

    one = spellings([], list(dict.fromkeys(unit for unit, _project in keys)))
    groups: dict[tuple[str, str], list[Any]] = {}
    for it, (unit, project) in zip(same_year, keys):
        groups.setdefault((_norm(one.get(unit, unit)), project), []).append(it)
    dropped: set[int] = set()
    for group in groups.values():
        files = list(dict.fromkeys(it.file for it in group))
        if len(files) < 2:
            continue  # twice in one workbook is the filler's mistake (rule E2), not a resubmission
        dates: dict[str, date] = {}
        for it in group:
            d = filled_date(getattr(it.form, "filled_on", None)) or date.min
            dates[it.file] = max(dates.get(it.file, date.min), d)
        winner, tie = newest_file(files, dates, recorded, mtime)
        for it in group:
            if it.file != winner:
                dropped.add(id(it))
                # the times told apart only the files of the winner's date: one of an earlier date lost by it
                why = tie if dates[it.file] == dates[winner] else LATER_DATE
                res.set_aside.append(SetAside(
                    name(it.file), superseded_said(name(winner), why, kind=_kind_key(it.form)), "superseded", why=why,
                    source=name(it.file) + (f"#{it.sheet}" if it.sheet else ""), replaced_by=name(winner),
                    cell=next((c for c in map(lambda f: _cell(it, f), ("project", "department", "year")) if c), None),
                    unit=getattr(it.form, "unit", None) or getattr(it.form, "department", None),
                    authority=getattr(it.form, "authority", None), project=getattr(it.form, "project", None),
                    year=getattr(it.form, "year", None), form_kind=_kind_key(it.form),
                    filled_on=_iso(dates[it.file]), kept_filled_on=_iso(dates[winner])))
    res.kept = [it for it in same_year if id(it) not in dropped]
    return res


def _iso(d: date) -> str | None:
    """A 填报日期 as ``SetAside`` keeps it: ISO, None for none (``date.min``)."""
    return None if d == date.min else d.isoformat()


def year_screened(batch: Batch) -> tuple[Batch, list[SetAside]]:
    """One workbook's forms as a 汇总 counts them (the 汇总 button, the 汇总表 of a 定稿 copy): those of its
    year (``screen_forms``: the year most of its project forms carry), as ``summarize`` of the same file counts
    them — a copy of ``batch`` without the others — and what was left out, its hidden forms first, as
    ``summarize`` lists it (``Summary.set_aside``). The button counted a 2021 form copied into a 2022
    workbook, which ``summarize`` of the same file left out."""
    import copy

    screened = screen_forms(batch.all())
    out = copy.copy(batch)
    keep = {id(x) for x in screened.kept}
    out.by_kind = {key: [x for x in items if id(x) in keep] for key, items in batch.by_kind.items()}
    return out, hidden_aside(batch.hidden) + screened.set_aside


def other_year_forms(aside: list[SetAside], year: int | None, done: str, again: str) -> str:
    """The forms of another year among ``aside``, each sheet by name, ``done`` with them (“未计入汇总”,
    “已放入定稿文件”) and what to press ``again`` once the year is put right; "" where there is none."""
    forms = [s for s in aside if s.kind == "other_year"]
    if not forms or not year:
        return ""
    sheets = quoted_series(s.sheet for s in forms)
    years = "、".join(dict.fromkeys(f"{s.year}年度" if s.year else "年度未填" for s in forms))
    return f"工作表{sheets}是{years}的表（本次为{year}年度），{done}；如年度填错，改正后请{again}。"


def notes_text(items: list[SetAside]) -> list[str]:
    """One line per file left out (forms of one file on one line), for stderr."""
    by_file: dict[tuple[str, str], int] = {}
    for s in items:
        by_file[(s.file, s.reason)] = by_file.get((s.file, s.reason), 0) + 1
    return [f"{f}：{r}" + (f"（{n} 张表）" if n > 1 else "") for (f, r), n in by_file.items()]


def check_deduped(paths: list[str | Path], profile: Any = None, *, year: int | None = None,
                  forms: bool = True, progress: bool | None = None,
                  ordered: bool = True) -> tuple[Batch, CheckResult, list[SetAside]]:
    """``check.check_paths`` counting each project once (see the module doc).

    ``forms=False`` (``check``) leaves only the file-level screening: every form of a
    distinct file is still checked. ``ordered=False``: the findings unsorted, for a caller that
    only counts them (``checking.run.check_batch``). Returns (batch, result, what was left out)."""
    from .core.profiles import get_profile
    from .sources import expand, skipped

    profile = profile or get_profile(None)
    files, aside = screen_files(expand(paths))
    aside = [SetAside(str(p), why, "not_read") for p, why in skipped(paths)] + aside
    batch, pre = load_checked(files, profile, progress)
    keep = None
    aside += hidden_aside(batch.hidden)
    if forms:
        sc = screen_forms(batch.all(), year)
        keep = {id(x) for x in sc.kept}
        aside += sc.set_aside
    from .batch import quiet_gc

    with quiet_gc():  # the cross-form rules' many short-lived objects: ~0.07 s of collections (issue #18)
        result = check_kept(batch, pre, keep, profile, ordered=ordered)
    return batch, result, aside
