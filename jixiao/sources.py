"""Turning the paths a user gives into forms: JSON files, workbooks, or folders of them.

Every command that takes ``PATH…`` goes through here, so they all accept the same inputs
and report unreadable ones the same way: the batch goes on with the other files and the
problems are returned, each naming its file (and sheet and cell where there is one).
"""

from __future__ import annotations

import os
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from . import guard
from .errors import EmptyInputError, JixiaoError, NotAFormError
from .model import Form
from .uncached import fill_uncached
from .reader import WORKBOOK_SUFFIXES, SheetForm


@dataclass
class Loaded:
    """One form and where it came from."""

    form: Form
    file: str
    sheet: str | None = None
    sheet_form: SheetForm | None = None

    @property
    def source(self) -> str:
        if self.sheet_form is not None:
            return self.sheet_form.source  # a second form stacked on one sheet: file#sheet@A40
        return f"{self.file}#{self.sheet}" if self.sheet else self.file

    def cell(self, path: str) -> str | None:
        return self.sheet_form.cell(path) if self.sheet_form else None


@dataclass
class Batch:
    forms: list[Loaded] = field(default_factory=list)
    problems: list[JixiaoError] = field(default_factory=list)
    files: int = 0
    departments: list[Loaded] = field(default_factory=list)  # 部门整体支出绩效自评表 (dept_model.DeptForm)

    def add(self, items: list[Loaded]) -> None:
        """Project forms to ``forms``, department forms to ``departments``."""
        for it in items:
            (self.departments if getattr(it.form, "is_department", False) else self.forms).append(it)


def expand(paths: list[str | Path]) -> list[Path]:
    """Folders become the JSON forms and workbooks below them, sorted; files stay."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():  # links out of the folder, FIFOs named .xlsx …: listed, then refused by guard
            out.extend(guard.tree_files(p, WORKBOOK_SUFFIXES | {".json"}))
        else:
            out.append(p)
    if not out:
        shown = "、".join(guard._show(p) for p in paths) or "（未给出路径）"
        raise EmptyInputError(f"{shown}：没有找到表单 JSON 或工作簿（.xlsx/.xlsm/.xls），没有可处理的文件")
    return out


def load_one(path: Path) -> tuple[list[Loaded], list[JixiaoError]]:
    if path.suffix.lower() == ".json":
        from .dept_model import load_any_form  # a project form, or a 部门整体支出绩效自评表

        return [Loaded(load_any_form(path), str(path))], []
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        from .dept_reader import read_both  # project sheets, then 部门整体支出绩效自评表 sheets

        res, dept = read_both(path)
        fill_uncached(path, res.forms)  # formula results a file written by code does not store
        return ([Loaded(sf.form, sf.file, sf.sheet, sf) for sf in [*res.forms, *dept.forms]],
                [*res.problems, *dept.problems])
    raise NotAFormError(f"{path}：既不是表单 JSON，也不是工作簿（.xlsx/.xlsm/.xls）", file=str(path))


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
              progress: bool | None = None, label: str = "读取工作簿") -> Iterator[Any]:
    """``map(fn, items)`` in order, on all cores for big batches, with a progress bar on a terminal."""
    workers = workers or min(os.cpu_count() or 1, 8)
    show = sys.stderr.isatty() if progress is None else progress
    if workers > 1 and len(items) >= PARALLEL_FROM:
        pool: ProcessPoolExecutor | None = ProcessPoolExecutor(max_workers=workers)
        results: Iterable[Any] = pool.map(fn, items, chunksize=max(1, len(items) // (workers * 8)))
    else:
        pool = None
        results = map(fn, items)
    try:
        if show and len(items) >= PARALLEL_FROM:
            from rich.progress import track

            results = track(results, total=len(items), description=label, transient=True,
                            console=_stderr_console())
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
    for forms, problems in map_files(_load_safe, files, workers=workers, progress=progress):
        batch.add(forms)
        batch.problems.extend(problems)
    return batch


def _stderr_console():
    from rich.console import Console

    return Console(stderr=True)
