"""Limits checked before any work on an input file (issue #13).

A finance bureau runs the batch commands over whatever departments e-mail back, so an
input may be damaged, hostile or simply absurd. Everything here runs *before* a
spreadsheet engine sees the file, because the engines cannot defend themselves:
calamine allocates a sheet densely (one cell at XFD1048576 asks for 17 billion cells and
aborts the process), a FIFO named ``x.xlsx`` blocks ``open()`` for ever, and a zip bomb
inflates to gigabytes. So:

- ``check_input``: only regular files are opened (``os.stat`` first, never ``open``),
  and a link found in a folder must stay inside that folder;
- ``check_package``: a zip-based workbook (.xlsx/.xlsm/.ods) is vetted part by part from
  its directory (declared size, compression ratio, total, part count), then every XML part
  is streamed once with a byte budget (which also verifies each part's checksum, so the
  sizes calamine later trusts are true), refusing DTDs and entities, and each worksheet's
  cells and merged ranges are measured against what a real form can have;
- ``run_limited``: the reading itself runs in a forked child with a memory and time
  limit, so what the checks above cannot foresee (a panic, an abort, a hang in .xls code)
  costs one file, never the batch.

Every refusal is a typed ``JixiaoError`` with a Chinese message naming the file (and the
sheet and cell where there is one).
"""

from __future__ import annotations

import os
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Protocol, Sequence

from ..errors import (CorruptPackageError, FileTimeoutError, JixiaoError, ReaderCrashError, SheetLimitError,
                     UnsafeFileError, ZipBombError, os_reason)
from . import zipread
from .textsafe import show_path

# What a real 自评表 workbook can hold, with a wide margin. A form is ~40 rows x 9 columns;
# a workbook of one county's projects is a few hundred sheets at most.
MAX_FILE_BYTES = 64 * 2**20       # a workbook or JSON file on disk
MAX_PARTS = 4000                  # parts in one package
MAX_PART_BYTES = 64 * 2**20       # one part, inflated
MAX_TOTAL_BYTES = 256 * 2**20     # all parts, inflated
MAX_RATIO = 200                   # inflated / compressed, for parts over RATIO_FROM
RATIO_FROM = 2**20
MAX_SHEETS = 255
MAX_ROWS = 20000
MAX_COLS = 256                    # column IV
MAX_CELLS = 400_000               # cells with content on one sheet
MAX_MERGE_AREA = 100_000          # cells covered by one merged range
MAX_MERGED_TOTAL = 400_000        # cells covered by all merged ranges of a sheet
MAX_TEXT = 32767                  # characters in one cell (Excel's own limit)
FILE_SECONDS = float(os.environ.get("JIXIAO_FILE_TIMEOUT", "120"))
FILE_MEMORY = int(os.environ.get("JIXIAO_FILE_MEMORY_MB", "2048")) * 2**20

ZIP_SUFFIXES = {".xlsx", ".xlsm", ".ods"}
_OUTSIDE: dict[str, str] = {}     # links found in a folder that lead out of it -> the folder


_show = show_path  # the module's own short name for it


# ----------------------------------------------------------------------------- files

def is_lock_file(name: str) -> bool:
    """Whether ``name`` is the owner file Excel, Word or WPS keeps beside a file it has open
    (“~$自评表.xlsx”, LibreOffice's “.~lock.自评表.xlsx#”)."""
    return name.startswith(("~$", ".~"))


def tree_files(root: Path, suffixes: set[str] | None, *, locks: bool = False) -> list[Path]:
    """The files below ``root`` with one of ``suffixes`` (None: any), sorted, Office lock files left
    out (kept with ``locks``, for a list of what was not read); links that lead out of ``root``, and
    FIFOs, devices or sockets with such a name, are listed too so that ``check_input`` reports them
    instead of skipping them silently."""
    out: list[Path] = []
    top = root.resolve()
    from ..fileio import is_stage

    for dirpath, dirnames, filenames in os.walk(root):  # never follows links to folders
        # a folder a run of ours writes in (one killed left it): copies of its outputs, nobody's input
        dirnames[:] = sorted(d for d in dirnames if not is_stage(d))
        for name in filenames + [d for d in dirnames if os.path.islink(os.path.join(dirpath, d))]:
            q = Path(dirpath) / name
            if (suffixes is not None and q.suffix.lower() not in suffixes) or (
                    not locks and is_lock_file(name)):
                continue
            try:
                st = os.lstat(q)
            except OSError:
                continue
            if stat.S_ISLNK(st.st_mode):
                try:
                    target = q.resolve(strict=True)
                except (OSError, RuntimeError):
                    target = None
                if target is None or not target.is_relative_to(top):
                    _OUTSIDE[str(q)] = str(root)
            elif stat.S_ISDIR(st.st_mode):
                continue
            out.append(q)
    return sorted(out)


def leads_outside(path: Path) -> bool:
    """Whether ``tree_files`` found ``path`` to be a link out of the folder it walked."""
    return str(path) in _OUTSIDE


def _near(path: Path) -> str:
    """What a name typed wrong may have meant, for “文件不存在”: its folder missing, or the file of that
    folder whose name is closest (“自评表(2022).xlsx” typed for “自评表（2022）.xlsx”, a letter off); ""."""
    import difflib
    import itertools
    import unicodedata

    folder = path.parent
    try:
        if str(folder) not in ("", ".") and not folder.is_dir():
            return f"（文件夹“{_show(folder)}”不存在）"
        names = [e.name for e in itertools.islice(os.scandir(folder), 5000) if e.is_file()]
    except OSError:
        return ""

    def key(n: str) -> str:
        return unicodedata.normalize("NFKC", n).casefold()

    by_key = {key(n): n for n in names}
    close = difflib.get_close_matches(key(path.name), list(by_key), n=1, cutoff=0.75)
    return f"（同一文件夹中有“{by_key[close[0]]}”，是否是它？）" if close else ""


def check_input(path: Path, max_bytes: int = MAX_FILE_BYTES) -> None:
    """Refuse anything but a regular file of sane size, without opening it."""
    name = _show(path)
    if str(path) in _OUTSIDE:
        raise UnsafeFileError(f"{name}：是指向文件夹“{_show(_OUTSIDE[str(path)])}”之外的链接，未读取", file=name)
    try:
        st = os.stat(path)  # follows a link given by name: its target must be a regular file
    except FileNotFoundError:
        if os.path.islink(path):
            raise UnsafeFileError(f"{name}：是指向不存在文件的链接", file=name) from None
        raise UnsafeFileError(f"{name}：文件不存在{_near(Path(path))}", file=name) from None
    except OSError as exc:
        raise UnsafeFileError(f"{name}：无法访问（{os_reason(exc)}）", file=name) from None
    mode = st.st_mode
    if stat.S_ISDIR(mode):
        raise UnsafeFileError(f"{name}：是文件夹，不是文件", file=name)
    if not stat.S_ISREG(mode):
        kind = ("命名管道（FIFO）" if stat.S_ISFIFO(mode) else "设备文件" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
                else "套接字" if stat.S_ISSOCK(mode) else "特殊文件")
        raise UnsafeFileError(f"{name}：是{kind}，不是普通文件，未读取", file=name)
    if st.st_size == 0:
        raise CorruptPackageError(f"{name}：是空文件（0 字节）", file=name)
    if st.st_size > max_bytes:
        raise ZipBombError(f"{name}：文件有 {st.st_size / 2**20:.0f} MB，超过上限 {max_bytes // 2**20} MB，"
                           f"不像是自评表", file=name)
    if not os.access(path, os.R_OK):
        raise UnsafeFileError(f"{name}：没有读取权限", file=name)


def reason(exc: BaseException, path: Any) -> str:
    """A refusal's message without the name of ``path`` it starts with, for a place that names the
    file itself (a list of files, “x.xlsx：无法定稿：…”)."""
    return str(exc).removeprefix(f"{_show(path)}：")


def read_text(path: Path, *, what: str = "", error: type[JixiaoError] = JixiaoError,
              max_bytes: int = MAX_FILE_BYTES, gbk: bool = False) -> str:
    """A small text input (a form JSON, a settings or rules file) vetted like every input, then
    decoded as UTF-8 (a BOM allowed). ``what`` names it in the messages (设置文件 …); ``error`` is
    the type raised (a form's own ``FormDataError``). ``gbk``: a file people save on a Chinese
    Windows (a report as .txt, a list as .csv) may be GB18030 instead."""
    name = _show(path)
    check_input(path, max_bytes)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise error(f"{name}：无法读取{what}（{os_reason(exc)}）", file=name) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if not gbk:
            raise error(f"{name}：{what}不是 UTF-8 编码的文本（第 {exc.start + 1} 个字节起无法解码）", file=name) from None
        try:
            text = raw.decode("gb18030")
        except UnicodeDecodeError:
            raise error(f"{name}：无法读取{what}（文字编码既不是 UTF-8 也不是 GB18030）", file=name) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")  # as text mode reads it (universal newlines)


# ----------------------------------------------------------------------------- packages

@dataclass
class PackageScan:
    """What the scan learned on the way: error cells (#DIV/0! …) per sheet, which
    calamine reads as blanks, so that the reader can report them on their cells."""

    error_cells: dict[str, dict[tuple[int, int], str]] = field(default_factory=dict)
    # sheet title -> its part's bytes, as inflated for the scan (parts up to ``zipread.SMALL``):
    # rules that ask whether one cell holds a formula (``excel.cache.Package.holds_formula``) read
    # them here instead of inflating the part a second time (issue #18)
    sheet_xml: dict[str, bytes] = field(default_factory=dict)


_SCANS: dict[tuple[str, int, int], PackageScan] = {}

_REF = re.compile(rb'\br="([A-Z]{1,3})([0-9]{1,7})"')
_ERR = re.compile(rb'<c\b([^>]*?\bt="e"[^>]*?)>(?:<f\b[^>]*?(?:/>|>[^<]*</f>))?<v>([^<]{1,16})</v>')
_MERGE = re.compile(rb'<mergeCell\b[^>]*?\bref="([A-Z]{1,3})([0-9]{1,7}):([A-Z]{1,3})([0-9]{1,7})"')
_DTD = re.compile(rb'<!(?:DOCTYPE|ENTITY)', re.I)


def _col(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _ref(r: int, c: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(min(max(c, 1), 18278))}{r}"


def check_package(path: Path) -> PackageScan:
    """Vet a zip-based workbook before any engine inflates it; see the module docstring."""
    name = _show(path)
    key = (str(path), *_stamp(path))
    if key in _SCANS:
        return _SCANS[key]
    scan = PackageScan()
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            _check_directory(infos, name)
            parts = zipread.Parts(z, MAX_FILE_BYTES)  # small parts from memory (issue #18)
            # an .xlsx named .xls (``misnamed``) has its sheets where an .xlsx has them (an .ods: none found)
            sheets = _sheet_titles(z, parts) if str(path).lower().endswith((".xlsx", ".xlsm", ".xls")) else {}
            if len(sheets) > MAX_SHEETS:
                raise SheetLimitError(f"工作簿有 {len(sheets)} 个工作表，超过上限 {MAX_SHEETS} 个", file=name)
            for info in infos:
                if info.is_dir() or not info.filename.lower().endswith((".xml", ".rels", ".vml")):
                    continue
                sheet = sheets.get(info.filename)
                _scan_part(z, info, name, sheet, scan, parts)
    except JixiaoError:
        raise
    except NotImplementedError:  # before RuntimeError, its base class
        raise CorruptPackageError(f"{name}：压缩包使用了不支持的压缩方式，文件可能已损坏", file=name) from None
    except RuntimeError:  # a member encrypted with a zip password
        raise CorruptPackageError(f"{name}：压缩包中的部件加了密码，无法读取", file=name) from None
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError, KeyError, UnicodeError) as exc:
        raise CorruptPackageError(f"{name}：文件已损坏，不是完整的工作簿（{_zip_zh(exc)}）", file=name) from None
    _SCANS.clear()  # one file at a time; keep only the last
    _SCANS[key] = scan
    return scan


def _stamp(path: Path) -> tuple[int, int]:
    st = os.stat(path)
    return st.st_size, st.st_mtime_ns


def _zip_zh(exc: BaseException) -> str:
    text = str(exc).lower()
    if isinstance(exc, zipfile.BadZipFile) and "crc" in text:
        return "部件校验和不符"
    if isinstance(exc, zipfile.BadZipFile):
        return "不是有效的压缩包"
    if isinstance(exc, zlib.error):
        return "压缩数据损坏"
    if isinstance(exc, EOFError):
        return "文件被截断"
    if isinstance(exc, KeyError):
        return "缺少必需的部件"
    return "结构错误"


class Sized(Protocol):
    """What ``zip_refusal`` reads of a member: a ``ZipInfo``, or an archive member of another kind."""

    @property
    def file_size(self) -> int: ...

    @property
    def compress_size(self) -> int: ...


def zip_refusal(infos: Sequence[Sized], *, what: str = "部件", max_count: int | None = None,
                max_each: int | None = None, max_total: int | None = None,
                name_of: Callable[[Any], str] = lambda i: i.filename) -> str | None:
    """Why a zip is refused from its directory alone — before anything is inflated — or None:
    too many ``what`` (parts of a workbook, files of an archive), one too large or compressed too
    far, all of them too large together. Shared by the workbook package check and the archives
    departments send (``review.archive``). A limit not given is the workbook's (read when called)."""
    max_count = MAX_PARTS if max_count is None else max_count
    max_each = MAX_PART_BYTES if max_each is None else max_each
    max_total = MAX_TOTAL_BYTES if max_total is None else max_total
    if len(infos) > max_count:
        return f"压缩包有 {len(infos)} 个{what}，超过上限 {max_count} 个，疑似恶意文件"
    total = 0
    for info in infos:
        if info.file_size > max_each:
            return (f"{what}“{_show(name_of(info))}”解压后有 {info.file_size / 2**20:.0f} MB，超过上限 "
                    f"{max_each // 2**20} MB，疑似压缩炸弹，未读取")
        if info.file_size > RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            return (f"{what}“{_show(name_of(info))}”的压缩比为 {info.file_size // max(info.compress_size, 1)}:1，"
                    f"超过上限 {MAX_RATIO}:1，疑似压缩炸弹，未读取")
        total += info.file_size
    if total > max_total:
        return f"解压后共 {total / 2**20:.0f} MB，超过上限 {max_total // 2**20} MB，疑似压缩炸弹，未读取"
    return None


def _check_directory(infos: list[zipfile.ZipInfo], name: str) -> None:
    why = zip_refusal(infos)
    if why:
        raise ZipBombError(f"{name}：{why}", file=name)


def _sheet_titles(z: zipfile.ZipFile, parts: zipread.Parts | None = None) -> dict[str, str]:
    """part name -> sheet title (an unreadable workbook.xml is left to the engine to report)."""
    from ..excel.cache import _sheet_parts

    try:
        source: Any = zipread.Reader(z, parts) if parts else z  # ``read(name)`` is all it asks of a ZipFile
        return {part: title for title, part in _sheet_parts(source).items()}
    except (KeyError, ValueError, UnicodeError, zipfile.BadZipFile, zlib.error, EOFError):
        return {}  # titles only name sheets in messages; the engine reports a bad workbook.xml


# Addresses beyond MAX_ROWS (20000) or MAX_COLS (256, column IV), found by the regex engine
# alone so that a normal sheet costs no Python work per cell. A styled empty cell (``<c …/>``)
# and a formatted empty row are skipped: the engines skip them too.
_FAR_ROW = rb"(?:[2-9][0-9]{4}|[1-9][0-9]{5,6})"
_FAR_COL = rb"(?:[A-Z]{3}|I[W-Z]|[J-Z][A-Z])"
_FAR_CELL = re.compile(rb'<c\b[^>]*?\br="(' + _FAR_COL + rb'[0-9]{1,7}|[A-Z]{1,3}' + _FAR_ROW +
                       rb')"[^>]*(?<!/)>')
_FAR_ROW_EL = re.compile(rb'<row\b[^>]*?\br="(' + _FAR_ROW + rb')"[^>]*(?<!/)>\s*<c\b')
# Cheap supersets of the two patterns above and of ``_ERR`` (issue #18): a part none of them
# finds in skips the slow ones, which scan every cell's attributes. Same results, ~25 ms less a workbook.
# One pass for both: a column from IW on, or a row number of five digits or more. Written to fail
# fast on ``r="A12"`` (the possessive ``?+`` never backtracks; issue #18).
_MAYBE_FAR = re.compile(rb'r="(?:[A-Z]?+[0-9]{5}|[A-Z]{2}(?:[A-Z]|[0-9]{5})|[J-Z][A-Z]|I[W-Z])')
# A cell is at least 3 bytes (``<c ``) and a row 4 (``<row``): a part whose declared size (which
# zipfile holds it to) is below both bounds cannot exceed MAX_CELLS or MAX_ROWS, and is not counted.
_COUNT_FROM = min(3 * MAX_CELLS, 4 * MAX_ROWS)
_MAYBE_ERR = re.compile(rb't="e"')  # the regex engine finds it faster than ``in`` does


class _Cols(dict[bytes, int]):
    """Column letters -> number, remembered (at most 18,278 keys: ``_MERGE`` takes three letters)."""

    def __missing__(self, letters: bytes) -> int:
        self[letters] = n = _col(letters)
        return n


_COLS = _Cols()
# Largest and summed area of the merges from the first ``<mergeCell`` of a buffer on, keyed by
# those bytes: forms made from one template repeat them sheet after sheet (issue #18).
_MERGE_AREAS: dict[bytes, tuple[int, int]] = {}


def _merge_areas(buf: bytes, at: int) -> tuple[int, int]:
    """(largest area, sum of areas) of the merges ``_MERGE`` finds in ``buf`` from ``at``."""
    key = buf[at:] if len(buf) - at <= 1 << 14 else None
    got = _MERGE_AREAS.get(key) if key is not None else None
    if got is None:
        cols = _COLS
        areas = [(abs(int(r1) - int(r0)) + 1) * (abs(cols[c1] - cols[c0]) + 1)
                 for c0, r0, c1, r1 in _MERGE.findall(buf, at)]
        got = (max(areas, default=0), sum(areas))
        if key is not None:
            if len(_MERGE_AREAS) >= 128:  # keys of at most 16 KB: 2 MB at most
                _MERGE_AREAS.clear()
            _MERGE_AREAS[key] = got
    return got


def _split_ref(ref: bytes) -> tuple[int, int]:
    m = re.fullmatch(rb"([A-Z]{1,3})([0-9]{1,7})", ref)
    return (int(m.group(2)), _col(m.group(1))) if m else (0, 0)


def _scan_part(z: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, sheet: str | None, scan: PackageScan,
               parts: zipread.Parts | None = None) -> None:
    """Stream one XML part (the declared size bounds it; zipfile checks the CRC at its end)."""
    cells = rows = merged_total = 0
    far: tuple[int, int] | None = None
    errors: dict[tuple[int, int], str] = {}
    tail = b""
    count = info.file_size > _COUNT_FROM
    whole = parts.read(info) if parts is not None else None
    with zipread.Whole(whole) if whole is not None else z.open(info) as f:
        while True:
            chunk = f.read(zipread.SMALL)
            buf = tail + chunk
            if not buf:
                break  # the end, with nothing left over: the checks below would find nothing (issue #18)
            if chunk:
                cut = buf.rfind(b">") + 1
                if cut == 0 and len(buf) < (8 << 20):
                    tail = buf
                    continue
                if cut:
                    buf, tail = buf[:cut], buf[cut:]
                else:
                    tail = b""
            if b"!" in buf and _DTD.search(buf):  # ``!`` is rare in a part and found by memchr
                where = f"工作表“{sheet}”" if sheet else f"部件“{_show(info.filename)}”"
                raise CorruptPackageError(f"{name}：{where}含有 DTD 或实体声明（Office 文件不会有），"
                                          f"疑似 XML 实体攻击，未读取", file=name)
            if sheet is not None:
                if count:
                    cells += buf.count(b"<c ") + buf.count(b"<c>")
                    rows += buf.count(b"<row")
                if _MAYBE_FAR.search(buf):
                    m = _FAR_CELL.search(buf)
                    if m:
                        far = _split_ref(m.group(1))
                    elif (mr := _FAR_ROW_EL.search(buf)) is not None:
                        far = (int(mr.group(1)), 1)
                if far is not None or cells > MAX_CELLS or rows > MAX_ROWS:
                    break
                for m in (_ERR.finditer(buf) if _MAYBE_ERR.search(buf) else ()):
                    rm = _REF.search(m.group(1))
                    if rm and len(errors) < 10000:
                        errors[(int(rm.group(2)) - 1, _col(rm.group(1)) - 1)] = m.group(2).decode("ascii", "replace")
                at = buf.find(b"<mergeCell")
                if at < 0:
                    one_by_one = False
                else:
                    largest, total = _merge_areas(buf, at)
                    # The merges one by one only where one of them is refused (the first, with its message).
                    one_by_one = largest > MAX_MERGE_AREA or merged_total + total > MAX_MERGED_TOTAL
                    if not one_by_one:
                        merged_total += total
                for m in (_MERGE.finditer(buf, at) if one_by_one else ()):
                    c0, r0, c1, r1 = _col(m.group(1)), int(m.group(2)), _col(m.group(3)), int(m.group(4))
                    area = (abs(r1 - r0) + 1) * (abs(c1 - c0) + 1)
                    merged_total += area
                    if area > MAX_MERGE_AREA or merged_total > MAX_MERGED_TOTAL:
                        cell = f"{_ref(r0, c0)}:{_ref(r1, c1)}"
                        raise SheetLimitError(
                            f"合并单元格 {cell} 覆盖 {area} 个单元格" +
                            ("" if area > MAX_MERGE_AREA else f"（本表合并区域共 {merged_total} 个）") +
                            f"，超过自评表可能的大小（上限 {MAX_MERGE_AREA} 个），未读取",
                            file=name, sheet=sheet, cell=cell)
            if not chunk:
                break
    if far is not None:
        raise SheetLimitError(f"有内容的单元格远到 {_ref(*far)}，超过自评表可能的大小（最多 {MAX_ROWS} 行、"
                              f"{MAX_COLS} 列），未读取", file=name, sheet=sheet, cell=_ref(*far))
    if cells > MAX_CELLS or rows > MAX_ROWS:
        raise SheetLimitError(f"有 {rows} 行、{cells} 个单元格，超过自评表可能的大小（最多 {MAX_ROWS} 行、"
                              f"{MAX_CELLS} 个单元格），未读取", file=name, sheet=sheet)
    if errors and sheet is not None:
        scan.error_cells[sheet] = errors
    if whole is not None and sheet is not None:
        scan.sheet_xml[sheet] = whole


def error_cells(path: Path, sheet: str) -> dict[tuple[int, int], str]:
    """Error values (#DIV/0! …) of one sheet, 0-based (row, col) -> text, from the last scan."""
    return error_cells_of(path).get(sheet, {})


def error_cells_of(path: Path) -> dict[str, dict[tuple[int, int], str]]:
    """``error_cells`` of every sheet, sheet -> cells, from the last scan of this very file (its
    size and time checked once: a reader asks for each of 100 sheets; issue #18)."""
    try:
        key = (str(path), *_stamp(path))
    except OSError:
        return {}
    scan = _SCANS.get(key)
    return scan.error_cells if scan else {}


def scanned_sheet_xml(path: str | Path, sheet: str) -> bytes | None:
    """The bytes of ``sheet``'s part as the last scan of this very file inflated them (its size and
    time checked), or None: no scan of it, a part too big to be read whole, no such sheet."""
    try:
        key = (str(path), *_stamp(Path(path)))
    except OSError:
        return None
    scan = _SCANS.get(key)
    return scan.sheet_xml.get(sheet) if scan else None


def check_workbook(path: Path) -> None:
    """Everything a workbook must pass before calamine or openpyxl opens it (a package named .xls
    too: the reader opens it as what it is, ``misnamed``)."""
    check_input(path)
    if Path(path).suffix.lower() in ZIP_SUFFIXES | {".xls"} and zipfile.is_zipfile(path):
        check_package(path)


def misnamed(path: str | Path) -> str | None:
    """What a workbook file really is where its name says another thing: ".xls" for an Excel 97–2003
    workbook (an OLE2 compound file with a Workbook stream) named .xlsx or .xlsm — saved so, or
    renamed —, ".xlsx" for a zip package named .xls; None where name and bytes agree, for any other
    name or content (an .xlsx with a password to open is an OLE2 file too, of an EncryptedPackage:
    calamine says so by its name), and for anything but a regular file (a FIFO must not be opened)."""
    from ..docprops import CFB_MAGIC, ZIP_MAGIC

    suffix = Path(path).suffix.lower()
    if suffix not in (".xlsx", ".xlsm", ".xls"):
        return None
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_FILE_BYTES:
            return None
        with open(path, "rb") as f:
            head = f.read(8)
            if suffix == ".xls":
                return ".xlsx" if head.startswith(ZIP_MAGIC) else None
            if head != CFB_MAGIC:
                return None
            data = head + f.read()  # the stream names are in the directory sectors, often at the end
    except OSError:
        return None
    if "EncryptedPackage".encode("utf-16-le") in data:
        return None
    return ".xls" if any(n.encode("utf-16-le") in data for n in ("Workbook", "Book")) else None


def misnamed_said(path: str | Path, real: str) -> str:
    """“这是 .xls 格式的工作簿，扩展名却是 .xlsx：…”: what to do with a file ``misnamed`` found."""
    todo = f"请在 Excel 中另存为 .xlsx，或把扩展名改为 {real}" if real == ".xls" else f"请把扩展名改为 {real}"
    return f"这是 {real} 格式的工作簿，扩展名却是 {Path(path).suffix}：{todo}"


def check_merges(merges: Any, name: str, sheet: str) -> None:
    """Merged ranges as an engine reports them (.xls, .ods): the same caps as for .xlsx."""
    if not merges:
        return
    areas = [(abs(r1 - r0) + 1) * (abs(c1 - c0) + 1) for (r0, c0), (r1, c1) in merges]
    if max(areas) <= MAX_MERGE_AREA and sum(areas) <= MAX_MERGED_TOTAL:
        return  # none refused: the loop below finds the first that is, for its message (issue #18)
    total = 0
    for (r0, c0), (r1, c1) in merges:
        area = (abs(r1 - r0) + 1) * (abs(c1 - c0) + 1)
        total += area
        if area > MAX_MERGE_AREA or total > MAX_MERGED_TOTAL:
            cell = f"{_ref(r0 + 1, c0 + 1)}:{_ref(r1 + 1, c1 + 1)}"
            raise SheetLimitError(f"合并单元格 {cell} 覆盖 {area} 个单元格，超过自评表可能的大小，未读取",
                                  file=name, sheet=sheet, cell=cell)


def check_dimensions(ws: Any, name: str, sheet: str) -> None:
    """A sheet's size as calamine reports it, before ``to_python`` fills it densely."""
    try:
        h, w = int(ws.height), int(ws.width)
    except (AttributeError, TypeError, ValueError):
        return
    if h > MAX_ROWS or w > MAX_COLS or h * w > MAX_ROWS * 64:
        raise SheetLimitError(f"已用区域有 {h} 行、{w} 列，超过自评表可能的大小（最多 {MAX_ROWS} 行、{MAX_COLS} 列），"
                              f"未读取", file=name, sheet=sheet)


# ----------------------------------------------------------------------------- isolation

def _limit_memory(extra: int) -> None:
    import resource

    try:
        with open("/proc/self/statm") as f:
            used = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        used = 0
    limit = used + extra
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def timed_out(name: str, seconds: float | None = None) -> FileTimeoutError:
    """The error of a file still being read after ``seconds`` (``FILE_SECONDS``)."""
    seconds = FILE_SECONDS if seconds is None else seconds
    return FileTimeoutError(f"{name}：读取超过 {seconds:g} 秒仍未完成，已跳过（文件过大或结构异常）", file=name)


def run_limited(fn: Callable[[Any], Any], arg: Any, *, name: str, seconds: float | None = None,
                memory: int | None = None) -> Any:
    """``fn(arg)`` in a forked child with a memory and a time limit.

    The child sends back the result, or the ``JixiaoError`` it raised; anything else it
    raised (a calamine panic is a ``BaseException``) becomes a ``ReaderCrashError``. A
    child killed by the memory limit or by a signal, or still running after ``seconds``,
    costs this file only. Where ``fork`` is not available the call runs in-process.
    """
    import multiprocessing as mp
    import pickle
    import signal

    seconds = FILE_SECONDS if seconds is None else seconds
    memory = FILE_MEMORY if memory is None else memory
    try:
        ctx = mp.get_context("fork")
    except ValueError:
        return fn(arg)
    recv, send = ctx.Pipe(duplex=False)

    def child() -> None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        try:
            _limit_memory(memory)
            out: tuple[str, Any] = ("ok", fn(arg))
        except JixiaoError as exc:
            out = ("err", exc)
        except MemoryError:
            out = ("mem", None)
        except BaseException as exc:  # noqa: BLE001 - a Rust panic is a BaseException; reported, typed
            out = ("crash", type(exc).__name__)
        try:
            data = pickle.dumps(out)
        except Exception as exc:  # noqa: BLE001 - an unpicklable result is reported as a crash, typed
            data = pickle.dumps(("crash", f"pickle:{type(exc).__name__}"))
        send.send_bytes(data)
        send.close()

    proc = ctx.Process(target=child, daemon=True)
    try:
        proc.start()
    except OSError:  # no processes left: read in-process, without the limits
        recv.close()
        send.close()
        return fn(arg)
    send.close()
    data = None
    try:
        if recv.poll(seconds):
            try:
                data = recv.recv_bytes()
            except (EOFError, OSError):
                data = None
        else:
            raise timed_out(name, seconds)
    finally:
        recv.close()
        if proc.is_alive():
            proc.kill()
        proc.join()
    if data is None:
        code = proc.exitcode
        if code is not None and code < 0 and -code in (signal.SIGKILL, signal.SIGSEGV, signal.SIGABRT, signal.SIGBUS):
            raise ReaderCrashError(f"{name}：读取时读取引擎异常退出（内存超过 {memory // 2**20} MB 或文件结构异常），"
                                   f"已跳过", file=name)
        raise ReaderCrashError(f"{name}：读取时读取进程意外结束（退出码 {code}），已跳过", file=name)
    kind, value = pickle.loads(data)
    if kind == "ok":
        return value
    if kind == "err":
        raise value
    if kind == "mem":
        raise ReaderCrashError(f"{name}：读取所需内存超过 {memory // 2**20} MB，文件过大或结构异常，已跳过", file=name)
    raise ReaderCrashError(f"{name}：读取引擎无法处理此文件（{value}），文件可能已损坏或不是工作簿", file=name)


def engine_error_zh(exc: BaseException) -> str:
    """What a spreadsheet engine's exception means, in Chinese (its own text is English)."""
    kind = type(exc).__name__
    return {"ZipError": "压缩包损坏或不是 Office 文件", "XmlError": "XML 结构错误，文件已损坏",
            "PanicException": "读取引擎无法处理此文件，文件可能已损坏",
            "CalamineError": "文件格式错误或已损坏", "WorksheetNotFound": "找不到工作表",
            "MemoryError": "内存不足，文件过大", "UnicodeDecodeError": "文字编码错误",
            "ValueError": "文件内容不合规范", "OSError": "无法读取文件",
            "BadZipFile": "压缩包损坏"}.get(kind, "文件损坏或格式不对")
