"""Output paths that cannot take an output, said in Chinese before anything is written (issue #13).

``fileio.atomic_path`` asks here first: a folder where a file is asked for, a file where a
folder is needed on the way, or a folder without write permission would otherwise surface
as NotADirectoryError, FileExistsError or IsADirectoryError tracebacks.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Sequence

from ..errors import OPEN_ELSEWHERE, OutputPathError, os_reason
from .textsafe import show_path as _show


def check_output(target: Path) -> None:
    name = _show(target)
    if target.is_dir():
        raise OutputPathError(f"{name}：输出位置是一个文件夹，请给出文件名", file=name)
    if target.exists() and not target.is_file():
        raise OutputPathError(f"{name}：输出位置是特殊文件（如命名管道），不能写入", file=name)
    for parent in target.parents:
        if parent.exists():
            if not parent.is_dir():
                raise OutputPathError(f"{name}：无法写入，因为“{_show(parent)}”是文件而不是文件夹", file=name)
            if not os.access(parent, os.W_OK | os.X_OK):
                raise OutputPathError(f"{name}：没有在“{_show(parent)}”中写入的权限", file=name)
            break


def check_book_name(target: Path, *, macros: bool = False) -> None:
    """A workbook jixiao writes is an .xlsx, or an .xlsm where it keeps a macro workbook's macros:
    Excel and WPS refuse (or offer to repair) a file whose name says another format than its content,
    so “汇总表.xls” or “副本.et” is refused here, before any work, with the name to use instead."""
    allowed = (".xlsx", ".xlsm") if macros else (".xlsx",)
    if target.is_dir():  # “-o 文件夹/”: said as what it is, not as a name without .xlsx
        check_output(target)
    if target.suffix.lower() not in allowed:
        name = _show(target)
        want = "以 .xlsx（含宏的工作簿也可以 .xlsm）结尾" if macros else "以 .xlsx 结尾"
        raise OutputPathError(f"{name}：输出的工作簿文件名应{want}（写出的是 .xlsx 格式的工作簿，扩展名与格式不符的"
                              f"文件 Excel 和 WPS 会拒绝打开或提示修复）", file=name)


def check_output_dir(folder: Path, inputs: tuple[Path, ...] = ()) -> None:
    """An output folder (``report -o DIR``, ``review -o OUTDIR`` …): must be a folder or creatable as
    one, and none of ``inputs`` (the folder read: its outputs would be set aside as the inbox's own)."""
    name = _show(folder)
    if folder.exists() and not folder.is_dir():
        raise OutputPathError(f"{name}：输出位置是文件而不是文件夹，请给出一个文件夹（不存在时会新建）", file=name)
    for given in inputs:
        try:
            same = folder.resolve() == Path(given).resolve()
        except (OSError, RuntimeError):
            same = False
        if same:
            raise OutputPathError(f"{name}：输出文件夹不能就是要读的文件夹（写出的文件会与读入的混在一起）；"
                                  f"请另给一个文件夹，如 -o 复核结果", file=name)
    check_output(folder / "x")


def output_error(target: Path, exc: OSError) -> OutputPathError:
    name = _show(target)
    why = os_reason(exc, writing=True)
    if exc.errno in (errno.EACCES, errno.EPERM) and _held_open(target):
        why = OPEN_ELSEWHERE  # Windows refuses to replace a file another program holds open with “access denied”
    return OutputPathError(f"{name}：无法写入（{why}）", file=name)


def held_error(target: Path, exc: OSError, lost: Sequence[tuple[Path, Path]] = ()) -> OutputPathError:
    """A set of outputs not moved into place because ``target`` could not be moved or replaced
    (``fileio.Moves``; the moves done were undone): on Windows a file open in Excel, WPS or Word refuses
    both, with “access denied” as often as with a sharing violation, so a refusal says to close it.
    ``lost``: (where it was, where it is) of the files the undoing could not put back: named, to be found."""
    name = _show(target)
    refused = exc.errno in (errno.EACCES, errno.EPERM, errno.EBUSY) or getattr(exc, "winerror", None) in (5, 32, 33)
    why = (f"无法移动或替换这个文件，它可能正在 Excel、WPS、Word 或其他程序中打开：请关闭“{target.name}”后重试"
           if refused else f"无法移动或替换这个文件（{os_reason(exc, writing=True)}）")
    kept = ("；这一次的结果都没有放入，文件夹中仍是原来的文件" if not lost else
            f"；这一次的结果没有全部放入，并且 {len(lost)} 个文件未能放回原处：" + "；".join(
                f"“{_show(was)}”现在是“{_show(now)}”" for was, now in lost))
    return OutputPathError(f"{name}：{why}{kept}", file=name)


def _held_open(target: Path) -> bool:
    """Whether another program has ``target`` open: Excel, WPS and LibreOffice keep an owner file
    beside it (Excel's and WPS's “~$” name drops the first characters of a long name); a PDF reader
    keeps none, but Windows then refuses even to open the file for writing (a sharing violation).
    Nothing is written: the file is opened and closed again."""
    n = target.name
    owners = {"~$" + n, "~$" + n[1:], "~$" + n[2:], f".~lock.{n}#"}
    try:
        if any((target.parent / o).is_file() for o in owners):
            return True
        if target.is_file():
            with open(target, "r+b"):
                pass
    except OSError as exc:
        return getattr(exc, "winerror", None) in (32, 33)
    return False


def check_not_input(target: Path, inputs: list[str] | list[Path]) -> None:
    """An output file named on the command line that is one of the files given to read: refused before
    the work (``check --annotate``, ``summarize -o``, ``calc -o`` refused it at the end, when writing)."""
    if not target.exists():
        return
    for given in inputs:
        try:
            same = Path(given).is_file() and target.resolve() == Path(given).resolve()
        except (OSError, RuntimeError):
            same = False
        if same:
            name = _show(target)
            raise OutputPathError(f"{name}：输出文件不能与输入文件相同（输入文件不会被修改），请另给一个文件名", file=name)


OVERWRITE = "--overwrite"


def check_overwrite(target: Path, overwrite: bool = False, instead: str = "") -> None:
    """An existing workbook named as an output that is not jixiao's own untouched output (``marker.
    untouched_output``: a person filled it in, saved it, or it is some other file): refused before any
    work, unless ``--overwrite`` says to replace it. ``import --targets -o 自评表.xlsx`` wrote a blank
    prefill over the 23 forms a 填报人 had filled in, without a word. ``instead``: what to do, where it is
    no command that is run (a button)."""
    if overwrite or not target.is_file():
        return
    from ..marker import untouched_output

    if untouched_output(target):
        return
    name = _show(target)
    raise OutputPathError(f"{name}：这个文件已经存在，并且在本工具写出之后有人编辑保存过（或不是本工具写出的），"
                          f"写出会覆盖其中的内容，因此没有写出；"
                          + (instead or f"请另给一个文件名，或确认不再需要其中的内容后加 {OVERWRITE} 覆盖"), file=name)
