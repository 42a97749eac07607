"""Output paths that cannot take an output, said in Chinese before anything is written (issue #13).

``fileio.atomic_path`` asks here first: a folder where a file is asked for, a file where a
folder is needed on the way, or a folder without write permission would otherwise surface
as NotADirectoryError, FileExistsError or IsADirectoryError tracebacks.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from ..errors import OutputPathError


def _show(p: Path) -> str:
    return os.fsencode(str(p)).decode("utf-8", "replace")


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


def check_output_dir(folder: Path) -> None:
    """An output folder (``report -o DIR``): must be a folder or creatable as one."""
    name = _show(folder)
    if folder.exists() and not folder.is_dir():
        raise OutputPathError(f"{name}：输出位置是文件而不是文件夹", file=name)
    check_output(folder / "x")


def output_error(target: Path, exc: OSError) -> OutputPathError:
    name = _show(target)
    why = {errno.EACCES: "没有写入权限", errno.EPERM: "没有写入权限", errno.ENOSPC: "磁盘已满",
           errno.EROFS: "只读文件系统", errno.ENOTDIR: "路径中有一段是文件而不是文件夹",
           errno.EEXIST: "路径中有同名文件", errno.EISDIR: "输出位置是文件夹",
           errno.ENAMETOOLONG: "文件名过长", errno.EDQUOT: "磁盘配额已满"}.get(exc.errno or 0,
                                                                          f"系统错误 {exc.errno}")
    return OutputPathError(f"{name}：无法写入（{why}）", file=name)
