"""A table saved as a web page or as Excel 2003 XML under a workbook's name, read all the same.

Budget and OA systems export their tables as “.xls” files that are really HTML or SpreadsheetML
(``reading.workbook.markup_kind``); Excel opens them after a warning, calamine cannot. Every
command that reads a batch (``check``, ``summarize``, ``import``, the 绩效目标表 of ``--targets``; the
review stages its inbox its own way) has LibreOffice write an .xlsx of each into a temporary folder, reads that, and names
everything it found — forms, problems, findings — by the file given, never by the copy.
"""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path
from typing import Any, Iterable, Iterator

__all__ = ["EXPORTS", "as_given", "converted", "staged"]

EXPORTS = {".xls", ".et"}  # the names systems give such files (an .xlsx is a zip or nothing)
CONVERT_SECONDS = 60  # an export converts in seconds; a crafted page must not hold a batch for LibreOffice's 3 minutes


def converted(files: list[Path], tmp: Path) -> dict[str, str]:
    """{path to read: the file given}: a markup “.xls” is read through an .xlsx LibreOffice writes
    into ``tmp``; where that fails (no LibreOffice, a timeout), the file itself, which the reader
    then says what it is. Only files with a workbook's suffix are looked at (1 KB each)."""
    from .. import guard
    from ..errors import JixiaoError
    from .workbook import markup_kind

    out: dict[str, str] = {}
    for k, f in enumerate(files):
        read = f
        if f.suffix.lower() in EXPORTS:
            try:
                guard.check_input(f)  # a FIFO named .xls must not block the sniffing
                if markup_kind(f):
                    from ..excel.office import convert

                    read = convert(f, "xlsx", tmp / str(k), timeout=CONVERT_SECONDS)
            except (JixiaoError, OSError):
                read = f
        out[str(read)] = str(f)
    return out


@contextlib.contextmanager
def staged(files: list[Path]) -> Iterator[tuple[list[Path], dict[str, str]]]:
    """(the files to read, {read path: file given} for those read through a copy), the copies
    living until the block ends. Nothing is made when no file is a markup “.xls”."""
    if not any(f.suffix.lower() in EXPORTS for f in files):
        yield files, {}
        return
    with tempfile.TemporaryDirectory(prefix="jixiao-markup-") as tmp:
        given = converted(files, Path(tmp))
        yield [Path(p) for p in given], {c: g for c, g in given.items() if c != g}


def as_given(swapped: dict[str, str], items: list[Any], problems: list[Any], findings: Iterable[Any] = ()) -> None:
    """Forms (``sources.Loaded``), problems and findings of the copies read, named by the files
    given (in place): their file, the form's source (file#sheet) and any message naming the copy."""
    if not swapped:
        return
    for it in items:
        if it.file in swapped:
            it.file = swapped[it.file]
            if getattr(it, "sheet_form", None) is not None:   # a form read (``sources.Loaded``); a 目标表 has none
                it.sheet_form.file = it.file
    for p in problems:
        f = getattr(p, "file", None)
        if f in swapped:
            p.file = swapped[f]
            p.args = tuple(str(a).replace(f, swapped[f]) for a in p.args)
    for x in findings:
        f = x.file
        if f in swapped:
            x.file = swapped[f]
            x.message = x.message.replace(f, swapped[f])
            if x.source and x.source.startswith(f):
                x.source = swapped[f] + x.source[len(f):]
