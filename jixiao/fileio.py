"""Writing outputs without ever leaving a half-written file behind.

Every output goes to a temporary file in the target folder and is renamed into place,
so an interrupted run leaves either the old file or the new one, never a broken one.
"""

from __future__ import annotations

import errno
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; rename it over ``target`` on success."""
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".~" + target.stem[:20] + "-", suffix=target.suffix, dir=target.parent)
    except OSError as exc:
        raise blocked(target, exc) from None
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.chmod(tmp_path, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are ordinary files
        try:
            os.replace(tmp_path, target)
        except OSError as exc:
            raise blocked(target, exc) from None
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


def blocked(target: Path, exc: OSError) -> Exception:
    """An output that cannot be written, as a Chinese message naming the path (never a traceback)."""
    from .errors import JixiaoError

    why = ("同名的文件夹已存在" if isinstance(exc, IsADirectoryError) or Path(target).is_dir()
           else "路径中的某一级是文件而不是文件夹" if isinstance(exc, (NotADirectoryError, FileExistsError))
           else "没有写入权限，或文件正被其他程序（如 Excel、WPS）打开" if isinstance(exc, PermissionError)
           else "所在的文件夹不存在，也无法创建" if isinstance(exc, FileNotFoundError)
           else "所在位置是只读的" if exc.errno == errno.EROFS
           else "磁盘空间不足" if exc.errno == errno.ENOSPC
           else f"系统拒绝写入（{exc.strerror or exc}）")
    err = JixiaoError(f"无法写入 {target}：{why}。请换一个输出位置，或关闭占用该文件的程序后重试")
    err.exit_code = 2
    return err


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write_text(target: Path, text: str) -> None:
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8")


def atomic_write_bytes(target: Path, data: bytes) -> None:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)
