"""The kinds of compressed file a department sends, each read by the library made for it.

WinRAR is on most office PCs in China, so a department's materials come as .rar as often as
.zip; 7-Zip's .7z now and then. Each kind is one ``Box``: it lists its members (name, sizes,
whether a password guards it, when it was written) before anything is inflated, and takes
the members wanted out to files named by ``archive`` (never by the archive: a member name
cannot point anywhere). What goes wrong is a ``BoxError`` whose reason is Chinese a reviewer
and a department both understand.

- .zip: the standard library's ``zipfile`` (GBK names from Chinese Windows tools decoded).
- .rar: ``rarfile`` reads the headers itself; the data of a compressed member comes from a
  RAR tool on the machine (UnRAR, The Unarchiver's ``unar``, or 7-Zip), as every RAR reader
  does — the format is not free to implement. Without one, a compressed .rar is refused with
  the advice to send the workbooks themselves.
- .7z: ``py7zr``, pure Python.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from ..guard.textsafe import windows_text

__all__ = ["Box", "BoxError", "Entry", "box_for", "first_volume", "kind_of", "kind_of_bytes", "member_name", "rar_tool", "reason_zh"]

PASSWORD = "压缩包设有密码，无法读取：请去掉密码后重新报送"
SEND_INSTEAD = "请直接报送其中的工作簿，或改用 .zip 压缩包重新报送"


class BoxError(Exception):
    """Why an archive, or a member of it, cannot be read (Chinese, for the ledger and the notice)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class Entry:
    name: str            # as it was written (a zip's GBK name decoded)
    file_size: int       # inflated, as the archive declares it
    compress_size: int   # as stored (a solid archive's members: their share of the whole)
    encrypted: bool
    when: float | None   # its own time, where the archive keeps one
    ref: Any = None      # the library's own record of it


# ----------------------------------------------------------------------------- which kind

_MAGIC = ((b"PK\x03\x04", "zip"), (b"PK\x05\x06", "zip"), (b"Rar!\x1a\x07", "rar"),
          (b"7z\xbc\xaf\x27\x1c", "7z"))
KIND_OF_SUFFIX = {".zip": "zip", ".rar": "rar", ".7z": "7z"}


def kind_of_bytes(head: bytes) -> str | None:
    """``zip``, ``rar`` or ``7z`` by an archive's first bytes; None for anything else."""
    return next((kind for magic, kind in _MAGIC if head.startswith(magic)), None)


def kind_of(path: Path) -> str:
    """``zip``, ``rar`` or ``7z``: by the file's first bytes (a .rar renamed .zip is still a RAR),
    else by its suffix (a damaged file is then reported as damaged of that kind)."""
    try:
        with open(path, "rb") as f:
            head = f.read(8)
    except OSError:
        head = b""
    return kind_of_bytes(head) or KIND_OF_SUFFIX.get(path.suffix.lower(), "zip")


_VOLUME = re.compile(r"(?i)^(.*)\.part0*(\d+)\.rar$")


def first_volume(path: Path) -> Path | None:
    """For “材料.part2.rar”, the “材料.part1.rar” beside it (WinRAR's 分卷 names; any zero padding),
    which reads all the volumes; None for a first volume, or when the first one is not there."""
    m = _VOLUME.match(path.name)
    if not m or int(m.group(2)) == 1:
        return None
    try:
        return next((p for p in sorted(path.parent.iterdir()) if p != path and p.is_file()
                     and (v := _VOLUME.match(p.name)) and v.group(1) == m.group(1) and int(v.group(2)) == 1), None)
    except OSError:
        return None


def box_for(path: Path) -> "Box":
    return {"zip": ZipBox, "rar": RarBox, "7z": SevenZipBox}[kind_of(path)](path)


class Box:
    """An open archive: ``entries()``, then ``extract`` of the ones wanted."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def entries(self) -> list[Entry]:
        raise NotImplementedError

    def extract(self, wanted: list[tuple[Entry, Path]]) -> Iterator[tuple[Entry, str | None]]:
        """Each wanted member written to its path, in turn: (entry, None) when done, else
        (entry, why) — the file then removed."""
        for entry, target in wanted:
            try:
                with self._open(entry) as src, open(target, "wb") as dst:
                    _copy(src, dst, entry.file_size)
            except BoxError as exc:
                target.unlink(missing_ok=True)
                yield entry, exc.reason
            except Exception as exc:  # noqa: BLE001 - each library raises its own kinds; all said in Chinese
                target.unlink(missing_ok=True)
                yield entry, f"无法从压缩包中取出（{self._why(exc)}）"
            else:
                yield entry, None

    def _open(self, entry: Entry) -> Any:
        raise NotImplementedError

    def _why(self, exc: BaseException) -> str:
        return reason_zh(exc)

    def close(self) -> None:
        pass

    def __enter__(self) -> "Box":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _copy(src: Any, dst: Any, declared: int) -> None:
    """``src`` into ``dst``, never more than the size the archive declared (what the limits were
    checked against): a member that inflates beyond it is a bomb, refused."""
    left = declared
    while True:
        chunk = src.read(min(1 << 20, left + 1))
        if not chunk:
            return
        left -= len(chunk)
        if left < 0:
            raise BoxError("解压后比压缩包声明的大小更大，疑似压缩炸弹，未读取")
        dst.write(chunk)


def reason_zh(exc: BaseException) -> str:
    if isinstance(exc, NotImplementedError):
        return "压缩方式不受支持"
    if isinstance(exc, RuntimeError) and "password" in str(exc).lower():  # zipfile: a member needs a password
        return "设有密码"
    if isinstance(exc, OSError) and not isinstance(exc, zipfile.BadZipFile):
        from ..errors import os_reason

        return os_reason(exc)
    text = str(exc).lower()
    if "crc" in text:
        return "文件校验和不符"
    if isinstance(exc, EOFError) or "truncated" in text:
        return "文件被截断"
    return "不是有效的压缩包"


def _when(date_time: Any) -> float | None:
    try:
        return time.mktime((*date_time[:6], 0, 0, -1))
    except (OverflowError, ValueError, TypeError):
        return None


# ----------------------------------------------------------------------------- .zip

def member_name(info: zipfile.ZipInfo) -> str:
    """A member's name as it was written: UTF-8 when the zip says so (flag bit 11), else the
    bytes zipfile read as cp437 — UTF-8 from most tools, GBK from Chinese Windows, cp437 last."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        raw = info.filename.encode("cp437")
    except UnicodeEncodeError:
        return info.filename
    return windows_text(raw) or info.filename


class ZipBox(Box):
    def __init__(self, path: Path) -> None:
        super().__init__(path)
        try:
            self.z = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
            raise BoxError(f"压缩包已损坏，无法打开（{reason_zh(exc)}）") from None

    def entries(self) -> list[Entry]:
        return [Entry(member_name(i), i.file_size, i.compress_size, bool(i.flag_bits & 0x1), _when(i.date_time), i)
                for i in self.z.infolist() if not i.is_dir()]

    def _open(self, entry: Entry) -> Any:
        return self.z.open(entry.ref)

    def close(self) -> None:
        self.z.close()


# ----------------------------------------------------------------------------- .rar

_RAR_READY: list[bool] = []


def rar_tool() -> bool:
    """Whether a tool that inflates RAR data is here (set up once): UnRAR, unar or 7-Zip, also
    where WinRAR and 7-Zip install themselves on Windows (not on PATH there). ``bsdtar`` is not
    used: ``rarfile`` passes it “--” where bsdtar takes the archive's name."""
    if not _RAR_READY:
        import rarfile

        if sys.platform == "win32":
            for var, exe in (("UNRAR_TOOL", r"WinRAR\UnRAR.exe"), ("SEVENZIP_TOOL", r"7-Zip\7z.exe")):
                for root in (os.environ.get("ProgramFiles"), os.environ.get("ProgramFiles(x86)")):
                    if root and Path(root, exe).is_file() and not shutil.which(getattr(rarfile, var)):
                        setattr(rarfile, var, str(Path(root, exe)))
        try:
            rarfile.tool_setup(bsdtar=False, force=True)
            _RAR_READY.append(True)
        except rarfile.RarCannotExec:
            _RAR_READY.append(False)
    return _RAR_READY[0]


class RarBox(Box):
    def __init__(self, path: Path) -> None:
        import rarfile

        super().__init__(path)
        try:
            self.rf = rarfile.RarFile(str(path))
        except rarfile.NeedFirstVolume:
            raise BoxError(f"是分卷压缩包的一部分，无法读取：{SEND_INSTEAD}") from None
        except rarfile.PasswordRequired:
            raise BoxError(PASSWORD) from None
        except (rarfile.Error, OSError, ValueError, EOFError) as exc:
            raise BoxError(f"压缩包已损坏，无法打开（{self._why(exc)}）") from None
        if self.rf.needs_password() and not self.rf.infolist():  # the names are encrypted too
            self.rf.close()
            raise BoxError(PASSWORD)

    def entries(self) -> list[Entry]:
        return [Entry(i.filename, i.file_size or 0, i.compress_size or 0, i.needs_password(), _when(i.date_time), i)
                for i in self.rf.infolist() if not i.is_dir()]

    def extract(self, wanted: list[tuple[Entry, Path]]) -> Iterator[tuple[Entry, str | None]]:
        stored = 0x30   # RAR's “store” method: read straight from the file, no tool needed
        if any(e.ref.compress_type != stored for e, _ in wanted) and not rar_tool():
            for e, _ in wanted:
                yield e, f"是 RAR 压缩包，无法读取：{SEND_INSTEAD}"
            return
        yield from super().extract(wanted)

    def _open(self, entry: Entry) -> Any:
        return self.rf.open(entry.ref)

    def _why(self, exc: BaseException) -> str:
        import rarfile

        if isinstance(exc, rarfile.PasswordRequired):
            return "设有密码"
        if isinstance(exc, rarfile.RarCRCError):
            return "文件校验和不符"
        if isinstance(exc, FileNotFoundError):   # the next volume of a split archive
            return "是分卷压缩包，缺少其余分卷"
        if isinstance(exc, rarfile.BadRarFile) and "enough data" in str(exc):  # the data ends early
            return "文件被截断"
        return reason_zh(exc)

    def close(self) -> None:
        self.rf.close()


# ----------------------------------------------------------------------------- .7z

class _Capped:
    """Where py7zr writes one member: the target file, never beyond the declared size."""

    def __init__(self, path: Path, declared: int) -> None:
        self.f = open(path, "wb")
        self.left = declared

    def write(self, s: bytes | bytearray) -> int:
        self.left -= len(s)
        if self.left < 0:
            raise BoxError("解压后比压缩包声明的大小更大，疑似压缩炸弹，未读取")
        return self.f.write(s)

    def read(self, size: int | None = None) -> bytes:
        return b""

    def seek(self, offset: int, whence: int = 0) -> int:
        return self.f.seek(offset, whence)

    def flush(self) -> None:
        self.f.flush()

    def size(self) -> int:
        return self.f.tell()

    def close(self) -> None:
        if not self.f.closed:
            self.f.close()


class SevenZipBox(Box):
    def __init__(self, path: Path) -> None:
        import py7zr

        super().__init__(path)
        try:
            self.z = py7zr.SevenZipFile(path)
        except py7zr.exceptions.PasswordRequired:
            raise BoxError(PASSWORD) from None
        except Exception as exc:  # noqa: BLE001 - py7zr raises many kinds for a damaged file
            raise BoxError(f"压缩包已损坏，无法打开（{reason_zh(exc)}）") from None

    def entries(self) -> list[Entry]:
        infos = [i for i in self.z.list() if not i.is_directory]
        locked = self.z.needs_password()
        total = sum(i.uncompressed for i in infos) or 1
        packed = os.path.getsize(self.path)
        return [Entry(i.filename, i.uncompressed,
                      i.compressed if i.compressed is not None else packed * i.uncompressed // total,
                      locked, i.creationtime.timestamp() if i.creationtime else None, i) for i in infos]

    def extract(self, wanted: list[tuple[Entry, Path]]) -> Iterator[tuple[Entry, str | None]]:
        """All wanted members in one pass: a solid 7z inflates its members as one stream."""
        import py7zr
        from py7zr.io import Py7zIO, WriterFactory

        where = {e.name: (e, t) for e, t in wanted}
        made: dict[str, _Capped] = {}

        class Factory(WriterFactory):
            def create(self, filename: str) -> Py7zIO:
                entry, target = where[filename]
                made[filename] = _Capped(target, entry.file_size)
                return made[filename]  # type: ignore[return-value]

        why: str | None = None
        try:
            self.z.extract(targets=list(where), factory=Factory())
        except BoxError as exc:
            why = exc.reason
        except py7zr.exceptions.UnsupportedCompressionMethodError:
            why = "无法从压缩包中取出（压缩方式不受支持）"
        except Exception as exc:  # noqa: BLE001 - damaged data, a bad CRC, a missing password
            why = f"无法从压缩包中取出（{reason_zh(exc)}）"
        finally:
            for w in made.values():
                w.close()
        for name, (entry, target) in where.items():
            if why is None and name in made and target.stat().st_size == entry.file_size:
                yield entry, None
            else:
                target.unlink(missing_ok=True)
                yield entry, why or "无法从压缩包中取出（文件被截断）"

    def close(self) -> None:
        self.z.close()
