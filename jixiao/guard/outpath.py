"""Output paths that cannot take an output, said in Chinese before anything is written (issue #13).

``fileio.atomic_path`` asks here first: a folder where a file is asked for, a file where a
folder is needed on the way, or a folder without write permission would otherwise surface
as NotADirectoryError, FileExistsError or IsADirectoryError tracebacks.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import OutputPathError, os_reason
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


def check_output_dir(folder: Path) -> None:
    """An output folder (``report -o DIR``): must be a folder or creatable as one."""
    name = _show(folder)
    if folder.exists() and not folder.is_dir():
        raise OutputPathError(f"{name}：输出位置是文件而不是文件夹", file=name)
    check_output(folder / "x")


def output_error(target: Path, exc: OSError) -> OutputPathError:
    name = _show(target)
    return OutputPathError(f"{name}：无法写入（{os_reason(exc, writing=True)}）", file=name)
