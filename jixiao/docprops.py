"""What a workbook's own document properties say, read without a spreadsheet library.

Two facts are taken from them: jixiao's mark on the files it derives from forms (``marker``)
and the time the workbook was last saved (``saved_time``). Excel, WPS and LibreOffice write that
time into the file on every save — ``docProps/core.xml`` ``dcterms:modified`` in an .xlsx/.xlsm,
the summary information's 最后保存时间 in an .xls or WPS .et — and, unlike the file's time on
disk, nothing else changes it: copying the file, attaching it to a message, saving the
attachment into a folder a week later, unzipping it, or LibreOffice converting it (the time is
carried over) all leave it as the sender's program wrote it.

Safety: a properties part is small (a real one is a few KB; over ``PART_LIMIT`` it is not read),
and it is searched with a regular expression over its text, never parsed as XML, so no DTD or
entity in it is ever expanded. A package's directory is read by ``zipfile``; a part is inflated
by ``zipfile`` up to its declared size (checked above), with its checksum verified.
"""

from __future__ import annotations

import datetime as _dt
import re
import time
import zipfile
import zlib
from pathlib import Path

__all__ = ["PACKAGE_ERRORS", "PART_LIMIT", "property_part", "saved_time"]

PART_LIMIT = 1 << 20   # no real document properties part is this big
ZIP_MAGIC, CFB_MAGIC = b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
PACKAGE_ERRORS = (OSError, zipfile.BadZipFile, zlib.error, KeyError, EOFError, ValueError, RuntimeError,
                   NotImplementedError)  # a damaged package (e.g. an unknown compression method)
_MODIFIED = re.compile(r"<(?:[A-Za-z_][\w.-]*:)?modified\b[^>]*>\s*([^<]*?)\s*</")
_EARLIEST = _dt.datetime(1990, 1, 1, tzinfo=_dt.timezone.utc).timestamp()  # before: a placeholder (1601, 1899)
_SLACK = 2 * 86400     # a time this far beyond now is a wrong clock, not a save
_LASTSAVE = 13         # PIDSI_LASTSAVE_DTM in the summary information property set


def property_part(z: zipfile.ZipFile, name: str) -> str | None:
    """The text of the properties part ``name`` of ``z``, or None: no such part, or one too big to
    be real. Raises what ``zipfile`` raises for a damaged package (the callers catch it)."""
    try:
        info = z.getinfo(name)
    except KeyError:
        return None
    if info.file_size > PART_LIMIT:
        return None
    return z.read(info).decode("utf-8", "replace")


def _w3cdtf(text: str) -> float | None:
    """Seconds since the epoch of a W3CDTF time ("2023-03-05T02:20:31Z"; no zone: UTC, as Excel
    means it); None for anything else."""
    try:
        when = _dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=_dt.timezone.utc)
    return when.timestamp()


def _plausible(ts: float | None) -> float | None:
    if ts is None or not _EARLIEST <= ts <= time.time() + _SLACK:
        return None
    return ts


def _zip_saved(path: Path) -> float | None:
    try:
        with zipfile.ZipFile(path) as z:
            core = property_part(z, "docProps/core.xml")
    except PACKAGE_ERRORS:
        return None
    m = _MODIFIED.search(core or "")
    return _w3cdtf(m.group(1)) if m else None


def _ole_saved(path: Path) -> float | None:
    """The summary information's last-save time of an .xls/.et (a compound file)."""
    try:
        import olefile

        with olefile.OleFileIO(str(path)) as ole:
            stream = "\x05SummaryInformation"
            if not ole.exists(stream) or ole.get_size(stream) > PART_LIMIT:
                return None
            when = ole.getproperties(stream, convert_time=True).get(_LASTSAVE)
    except Exception:  # noqa: BLE001 - olefile raises many kinds for a damaged file: no time, the file time decides
        return None
    if not isinstance(when, _dt.datetime):
        return None
    return when.replace(tzinfo=_dt.timezone.utc).timestamp()  # a FILETIME: UTC


def saved_time(path: str | Path) -> float | None:
    """When the workbook at ``path`` was last saved, as its own properties record it (seconds
    since the epoch), or None: not recorded, not plausible (before 1990, after tomorrow), or the
    file is no workbook package. Told by its first bytes, not its name (a WPS .et is either kind).
    Checked first like any input: a FIFO or a link out of the folder is never opened."""
    from . import guard
    from .errors import JixiaoError

    p = Path(path)
    try:
        guard.check_input(p)
        with open(p, "rb") as fh:
            head = fh.read(8)
    except (JixiaoError, OSError):
        return None
    if head.startswith(ZIP_MAGIC):
        return _plausible(_zip_saved(p))
    if head == CFB_MAGIC:
        return _plausible(_ole_saved(p))
    return None
