"""Turning the paths a user gives into forms: JSON files, workbooks, or folders of them.

Every command that takes ``PATH…`` goes through here, so they all accept the same inputs
and report unreadable ones the same way: the batch goes on with the other files and the
problems are returned, each naming its file (and sheet and cell where there is one).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from . import guard
from .guard import sanitize
from .errors import EmptyInputError, JixiaoError, NotAFormError
from .forms.project.model import Form
from .forms.project.reader import SheetForm
from .reading.workbook import WORKBOOK_SUFFIXES

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

    from rich.console import Console

__all__ = ["PARALLEL_FROM", "Batch", "Loaded", "expand", "load_all", "load_one", "map_files", "read_sheets",
           "read_workbook_forms", "start_map"]


@dataclass
class Loaded:
    """One form and where it came from."""

    form: Form
    file: str
    sheet: str | None = None
    sheet_form: SheetForm | None = None
    hidden: bool = False   # read from a hidden sheet: ``Batch.add`` keeps it apart (not counted, said)
    # a 汇总表 typed on a sheet beside the forms (``summary.published``): one tuple shared by the workbook's forms
    tables: tuple[dict[str, Any], ...] = ()

    @property
    def source(self) -> str:
        if self.sheet_form is not None:
            return self.sheet_form.source  # a second form stacked on one sheet: file#sheet@A40
        return f"{self.file}#{self.sheet}" if self.sheet else self.file

    def cell(self, path: str) -> str | None:
        return self.sheet_form.cell(path) if self.sheet_form else None

    def sheet_of(self, path: str) -> str | None:
        """The sheet of a field's cell: the form's, or the 续表 its indicator table runs on to (``SheetForm.sheet_of``)."""
        of = getattr(self.sheet_form, "sheet_of", None)
        return str(of(path)) if of is not None else self.sheet


class Batch:
    """The forms of a batch, by kind (``jixiao.forms.KINDS``), and the problems met reading it.

    ``forms`` are the 项目支出绩效自评表 and ``departments`` the 部门整体支出绩效自评表 (the
    names every command has used); ``of(kind)`` gives any kind's list.
    """

    def __init__(self, forms: list[Loaded] | None = None, problems: list[JixiaoError] | None = None,
                 files: int = 0, departments: list[Loaded] | None = None) -> None:
        self.by_kind: dict[str, list[Loaded]] = {"project": list(forms or []),
                                                 "department": list(departments or [])}
        self.problems: list[JixiaoError] = list(problems or [])
        self.files = files
        # forms read from hidden sheets: out of sight in Excel and on paper (an old version kept, a copy
        # hidden), so neither counted nor checked — kept here only to say so (``dedupe.hidden_aside``)
        self.hidden: list[Loaded] = []

    def of(self, kind: str) -> list[Loaded]:
        return self.by_kind.setdefault(kind, [])

    @property
    def forms(self) -> list[Loaded]:
        return self.of("project")

    @forms.setter
    def forms(self, items: list[Loaded]) -> None:
        self.by_kind["project"] = items

    @property
    def departments(self) -> list[Loaded]:
        return self.of("department")

    def held(self, counted: bool = False, file: str | None = None) -> str:
        """The kinds of form read, by title in the registry's order (“部门整体支出绩效自评表、项目支出绩效评价表”;
        ``counted``: “1 张部门整体支出绩效自评表、…”): what a command that takes only the 项目支出绩效自评表
        says a workbook holds instead; ``file``: of that file only."""
        from .forms import KINDS

        counts = {k.title: sum(1 for it in self.of(k.key) if file is None or it.file == file) for k in KINDS}
        return "、".join(f"{n} 张{title}" if counted else title for title, n in counts.items() if n)

    def all(self) -> list[Loaded]:
        """Every form, kind by kind in the registry's order."""
        from .forms import KINDS

        return [it for k in KINDS for it in self.of(k.key)]

    def marked_sheets(self, file: str | None = None) -> set[str]:
        """The sheets a 校验 marks cells on (of ``file`` only, if given): every form's (with its 续表), and those of
        a form the reader could not take because of its cells — those cells are marked too."""
        from .errors import CellError, SheetLimitError

        mine = (lambda f: f == file) if file is not None else (lambda f: True)
        return {it.sheet for it in self.all() if it.sheet and mine(it.file)} | {
            s for it in self.all() if mine(it.file) for s in getattr(it.sheet_form, "more_sheets", ())} | {
            p.sheet for p in self.problems if isinstance(p, CellError) and not isinstance(p, SheetLimitError)
            and p.sheet and p.cell and mine(p.file)}

    def form_names(self, file: str | None = None) -> dict[str, str]:
        """Each form (of ``file`` only, if given; by ``Loaded.source``, as a finding names it) as a
        list of findings names it (``FormKind.listed_as``): the 校验结果 sheet's 项目 column."""
        from .forms import kind_of

        return {it.source: kind_of(it.form).listed_as(it.form) for it in self.all() if file is None or it.file == file}

    def add(self, items: list[Loaded]) -> None:
        from .forms import kind_of

        for it in items:
            if it.hidden:
                self.hidden.append(it)
            else:
                self.of(kind_of(it.form).key).append(it)


def expand(paths: list[str | Path]) -> list[Path]:
    """Folders become the JSON forms and workbooks below them, sorted; files stay. A file named
    twice (“check a.xlsx ./a.xlsx”, a file and the folder it is in) is read once: each of its forms
    was checked, counted and reported twice."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():  # links out of the folder, FIFOs named .xlsx …: listed, then refused by guard
            out.extend(guard.tree_files(p, WORKBOOK_SUFFIXES | {".json"}))
        else:
            out.append(p)
    out = once(out)
    if not out:
        shown = "、".join(guard._show(p) for p in paths) or "（未给出路径）"
        packed = sum(1 for q, why in skipped(paths) if why == ARCHIVE_NOT_READ)
        raise EmptyInputError(f"{shown}：没有找到表单 JSON 或工作簿（.xlsx/.xlsm/.xls），没有可处理的文件"
                              + (f"（其中有 {packed} 个压缩包：{ARCHIVE_HINT}）" if packed else ""))
    return out


def once(files: list[Path]) -> list[Path]:
    """``files`` without a file named again: the same file however written (a relative and an absolute
    name, a link to it), the first name kept. Files that cannot be looked at are kept as given."""
    seen: set[Any] = set()
    out: list[Path] = []
    for p in files:
        try:
            st = os.stat(p)
            key: Any = (st.st_dev, st.st_ino) if st.st_ino else os.path.normcase(os.path.abspath(p))
        except (OSError, ValueError):
            key = os.path.normcase(os.path.abspath(p))
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


ARCHIVE_HINT = "请先解压；财政局复核用 jixiao review，会读取收件夹中压缩包（.zip、.rar、.7z）里的工作簿"
ARCHIVE_NOT_READ = f"是压缩包，未读取：{ARCHIVE_HINT}"
# a saved mail (.eml, Outlook's .msg) in a folder of forms is the inbox's, not a stray file: ``summarize`` of the
# inbox counted fewer projects than the review and said of it only “不是工作簿……，未读取”
MAIL_SUFFIXES = {".eml", ".msg"}  # a saved mail (``review.inbox`` reads its attachments)
MAIL_HINT = "请先把附件存出；财政局复核用 jixiao review，会读取收件夹中邮件（.eml、.msg）的附件"
MAIL_NOT_READ = f"是邮件，未读取：{MAIL_HINT}"


LOCK_FILE = "Office/WPS 打开时生成的临时锁定文件，未读取"  # ``guard.is_lock_file``: why it is not read


def skipped(paths: list[str | Path]) -> list[tuple[Path, str]]:
    """The files below the folders in ``paths`` that ``expand`` leaves out, each with why:
    a folder is never read short without a word (the batch total would come out low)."""
    out: list[tuple[Path, str]] = []
    for p in map(Path, paths):
        if not p.is_dir():
            continue
        for q in guard.tree_files(p, None, locks=True):  # the walk ``expand`` makes: no link followed out
            if guard.is_lock_file(q.name):
                out.append((q, LOCK_FILE))
            elif q.is_symlink() and not q.is_file() and q.suffix.lower() not in WORKBOOK_SUFFIXES | {".json"}:
                out.append((q, _link_refusal(q)))  # a link named .xlsx/.json is refused in the batch itself
            elif q.suffix.lower() in _archive_suffixes():
                out.append((q, ARCHIVE_NOT_READ))
            elif q.suffix.lower() in MAIL_SUFFIXES:
                out.append((q, MAIL_NOT_READ))
            elif q.suffix.lower() not in WORKBOOK_SUFFIXES and q.suffix.lower() != ".json":
                out.append((q, "不是工作簿（.xlsx/.xlsm/.xls/.et）或表单 JSON，未读取"))
    return out


def _archive_suffixes() -> set[str]:
    from .review.archive import ARCHIVE_SUFFIXES, OTHER_ARCHIVES

    return ARCHIVE_SUFFIXES | set(OTHER_ARCHIVES)


def _link_refusal(q: Path) -> str:
    """Why a link found in a folder, leading to no file, is not followed: a link to a folder inside
    is walked where it lies; any other in ``guard``'s words, so no folder is passed over unsaid."""
    if q.is_dir() and not guard.leads_outside(q):
        return "是指向文件夹的链接，未跟随读取（其中的文件按所在位置读取）"
    try:
        guard.check_input(q)
    except JixiaoError as exc:
        return guard.reason(exc, q)
    return "不是普通文件，未读取"


def load_one(path: Path) -> tuple[list[Loaded], list[JixiaoError]]:
    if path.suffix.lower() == ".json":
        from .forms import kind_for_data
        from .forms.project.model import read_json

        data = read_json(path)
        return [Loaded(kind_for_data(data).parse(data, str(path)), str(path))], []
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        hidden: set[str] = set()
        tables: list[dict[str, Any]] = []
        found, problems = read_workbook_forms(path, hidden=hidden, tables=tables)
        return loaded(found, hidden, tables), problems
    hint = ""
    if path.suffix.lower() in (".docx", ".md", ".txt"):  # a report given where the forms go
        hint = "；要核对自评报告与表格，请用 jixiao check 自评表.xlsx --report 报告.docx"
    elif path.suffix.lower() in _archive_suffixes():  # as for one found in a folder (``skipped``)
        hint = f"，是压缩包：{ARCHIVE_HINT}"
    elif path.suffix.lower() in MAIL_SUFFIXES:
        hint = f"，是邮件：{MAIL_HINT}"
    raise NotAFormError(f"{path}：既不是表单 JSON，也不是工作簿（.xlsx/.xlsm/.xls/.et）{hint}", file=str(path))


def loaded(found: list[Any], hidden: set[str], tables: list[dict[str, Any]]) -> list[Loaded]:
    """A workbook's forms as read (``read_sheets``), each marked if its sheet is hidden, all sharing
    the 汇总表 typed beside them (none on a hidden sheet: a table out of sight is not the one sent)."""
    shown = tuple(t for t in tables if t["sheet"] not in hidden)
    return [Loaded(sf.form, sf.file, sf.sheet, sf, sf.sheet in hidden, shown) for sf in found]


def read_sheets(sheets: Iterable[tuple[Any, ...]], file: str,
                tables: list[dict[str, Any]] | None = None) -> tuple[list[Any], list[JixiaoError]]:
    """Every form on ``(sheet name, rows from A1, merges)``: each sheet goes to the first kind
    that recognises it (``forms.DETECT``), in sheet order. The add-in reads an open workbook
    through this, the files through ``read_workbook_forms``. ``tables`` (if given) gets the 汇总表
    typed on a sheet no kind took (named “…汇总表…”: ``summary.published``), read while the rows are here."""
    from .core.findings import DETAIL_SHEET, RESULT_SHEET, is_detail_sheet, is_result_sheet
    from .forms import DETECT, KINDS

    found: dict[str, list[Any]] = {k.key: [] for k in KINDS}
    problems: list[JixiaoError] = []
    runs_on: _RunsOn | None = None   # the last sheet read, where its last form lacks its 总分: its 续表 may follow
    for name, rows, merges, *notes in sheets:
        if name == RESULT_SHEET and is_result_sheet(rows or []):
            continue  # a 校验's list of findings (a copy sent back corrected): its file names read like form titles
        if name == DETAIL_SHEET and is_detail_sheet(rows or []):
            continue  # a 汇总's 项目明细: its 来源 column's “项目支出绩效自评表 (2)” read like a form title
        further: _RunsOn | None = None   # the sheets so far, where the table runs on past this 续表 too
        if runs_on is not None:
            joined = _continued(runs_on, (name, rows or [], merges, notes[0] if notes else []), file,
                                found["project"], problems)
            if joined is True:
                runs_on = None
                continue
            if isinstance(joined, _RunsOn):
                further = joined   # meanwhile this sheet is read as it is: said so if no 续表 ends the table
            elif any(v not in ("", None) for row in rows or [] for v in row):
                runs_on = None   # a 续表 follows its form (a blank sheet between them aside)
        for kind in DETECT:
            got = kind.read_rows(rows or [], file, name, merges)
            if got is not None:
                sanitize.attach(got[0], 0, notes[0] if notes else [])  # what the reader had to change (X2)
                if kind.key == "project" and any(getattr(p, "runs_on", False) for p in got[1]):
                    from .reading.grid import SheetGrid

                    runs_on = _RunsOn(SheetGrid(rows or [], merges, file, name), notes[0] if notes else [],
                                      len(found["project"]), len(problems))
                found[kind.key].extend(got[0])
                problems.extend(got[1])
                break
        else:
            if tables is not None:
                from .summary.published import published_tables, summary_sheet_name

                if summary_sheet_name(name):
                    tables.extend(published_tables(rows or [], name))
        if further is not None:
            runs_on = further
    return [sf for k in KINDS for sf in found[k.key]], problems


@dataclass
class _RunsOn:
    """A sheet whose last form lacks its 总分 row (its indicator table may run on to the next sheet) — or
    that sheet already joined with its 续表 (``reading.continued.JoinedGrid``) —, with the read notes of
    its sheets and where their forms and problems start in ``read_sheets``' lists."""

    grid: Any            # reading.grid.SheetGrid
    notes: list[Any]
    forms_at: int
    problems_at: int


def _continued(first: _RunsOn, rest: tuple[str, list[list[Any]], Any, list[Any]], file: str, forms: list[Any],
               problems: list[JixiaoError]) -> bool | _RunsOn:
    """Read ``rest`` (name, rows, merges, read notes) as the 续表 of ``first``: if it is one, the forms and
    problems of ``first`` in ``forms`` and ``problems`` become those of the sheets read as one
    (``forms.project.reader.read_continued``) and True; where the table runs on past ``rest`` too, ``first``
    joined with it, to be read with the next sheet; else False."""
    from dataclasses import replace

    from .forms.project.reader import read_continued

    got = read_continued(first.grid, rest[:3], file)
    if got is None:
        return False
    more = [*first.notes, *(replace(n, sheet=rest[0]) for n in rest[3])]   # the 续表's read notes (X2): its cells
    if got.open is not None:
        return _RunsOn(got.open, more, first.forms_at, first.problems_at)
    sanitize.attach(got.forms, 0, more)
    forms[first.forms_at:] = got.forms
    problems[first.problems_at:] = got.problems
    return True


def our_output_without_forms(name: str, problems: list[JixiaoError]) -> NotAFormError | None:
    """A workbook in which no form was read, and no sheet was a form with bad cells, that is one of our
    own outputs (``marker.without_forms``): one error saying what it is and what to give instead, in
    place of “没有找到……的标签” or a sheet said to lack 项目名称 …; None for any other workbook."""
    if any(type(p) is not NotAFormError for p in problems):
        return None
    from .marker import without_forms

    said = without_forms(name)
    return NotAFormError(f"{name}：{said}", file=name) if said else None


def read_workbook_forms(path: str | Path, *, complete: bool = True, hidden: set[str] | None = None,
                        tables: list[dict[str, Any]] | None = None) -> tuple[list[Any], list[JixiaoError]]:
    """Every form of every kind in a workbook file, each sheet read once; formula results a
    file written by code did not store are completed by the kind. NotAFormError when it holds none.
    ``hidden`` (if given) gets the names of the workbook's hidden sheets."""
    from .forms import KINDS
    from .reading.workbook import iter_sheets

    name = str(path)
    problems: list[JixiaoError] = []
    found, read_problems = read_sheets(iter_sheets(path, problems, hidden), name, tables)
    problems.extend(read_problems)
    ours = our_output_without_forms(name, problems) if not found else None
    if ours:
        raise ours
    if not found and not problems:
        titles = [k.title for k in KINDS]
        # said to a department too (a review's notice): what the file lacks in a form's own words, not a reader's
        # (“没有工作表带有这些表的标签”), and that it is no form — it opened well
        raise NotAFormError(f"{name}：没有找到{'、'.join(titles[:-1])}或{titles[-1]}（各工作表中都没有这些表的"
                            f"项目名称、年度资金总额、三级指标、总分等栏目），不是自评表", file=name)
    for kind in KINDS if complete else ():
        kind.complete(path, [sf for sf in found if kind.owns(sf.form)])
    return found, problems


def _load_safe(path: Path) -> tuple[list[Loaded], list[JixiaoError]]:
    """One file, whatever it holds: its forms, or the typed, located reason it has none.

    The file is vetted first (``guard.check_input``: a regular file, never opened if not),
    then read in a child process with a memory and time limit, so that a file that makes
    an engine panic, abort or hang costs that file only and the batch goes on."""
    try:
        guard.check_input(path)
        if path.suffix.lower() == ".json":  # plain Python on a size-capped file (``jsonsafe``): no child needed
            return load_one(path)
        return guard.run_limited(load_one, path, name=guard._show(path))
    except JixiaoError as exc:
        return [], [exc]


PARALLEL_FROM = 8  # files; below this a process pool costs more than it saves


def map_files(fn: Callable[[Any], Any], items: list[Any], *, workers: int | None = None,
              progress: bool | None = None, label: str = "读取工作簿",
              chunksize: int | None = None, initializer: Callable[[], None] | None = None) -> Iterator[Any]:
    """``map(fn, items)`` in order, on all cores for big batches, with a progress bar on a terminal.
    ``chunksize``: files handed to a worker at a time (default: an eighth of a worker's share);
    ``initializer``: run once in each worker process (not at all when the batch runs here)."""
    results, _parallel = start_map(fn, items, workers=workers, progress=progress, label=label,
                                   chunksize=chunksize, initializer=initializer)
    yield from results


def start_map(fn: Callable[[Any], Any], items: list[Any], *, workers: int | None = None,
              progress: bool | None = None, label: str = "读取工作簿",
              chunksize: int | None = None, initializer: Callable[[], None] | None = None
              ) -> tuple[Iterator[Any], bool]:
    """``map_files`` with its workers started now, not at the first result: (the results, in
    order; whether other processes make them). While they do, this process is free for other
    work — ``review`` writes its notices meanwhile instead of after (issue #18)."""
    workers = workers or min(os.cpu_count() or 1, 8)
    show = sys.stderr.isatty() if progress is None else progress
    parallel = workers > 1 and len(items) >= PARALLEL_FROM
    pool: ProcessPoolExecutor | None = None
    if parallel:
        from concurrent.futures import ProcessPoolExecutor  # a big batch only (issue #18)

        pool = ProcessPoolExecutor(max_workers=workers, initializer=initializer)
        results: Iterable[Any] = pool.map(fn, items, chunksize=chunksize or max(1, len(items) // (workers * 8)))
    else:
        results = map(fn, items)
    return _in_order(results, pool, show and len(items) >= PARALLEL_FROM, label, len(items)), parallel


def _in_order(results: Iterable[Any], pool: ProcessPoolExecutor | None, show: bool, label: str,
              total: int) -> Iterator[Any]:
    try:
        if show:
            from rich.progress import track

            results = track(results, total=total, description=label, transient=True, console=_stderr_console())
        yield from results
    finally:
        if pool is not None:
            pool.shutdown()


def load_all(paths: list[str | Path], *, workers: int | None = None, progress: bool | None = None) -> Batch:
    """Read every form below ``paths``; a file that cannot be read is reported, the rest go on.

    Big batches are read on all cores (one process per core) with a progress bar on a
    terminal. Order is kept: forms come in path order whatever the scheduling.
    """
    files = expand(paths)
    batch = Batch(files=len(files))
    if len(files) > 1:  # built once here, not in every file's child (issue #18)
        from .forms.prebuild import build_models

        build_models()
    for forms, problems in map_files(_load_safe, files, workers=workers, progress=progress):
        batch.add(forms)
        batch.problems.extend(problems)
    return batch


def _stderr_console() -> Console:
    from rich.console import Console

    return Console(stderr=True)
