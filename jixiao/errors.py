"""The small exception tree every user-facing failure goes through.

Each error carries a Chinese message that names what a 填报人 or reviewer needs to find
the problem (file, sheet, cell or field path), and the exit status the CLI returns for it.
"""

from __future__ import annotations


class JixiaoError(Exception):
    """Base of all errors the CLI reports as a message rather than a traceback."""

    exit_code = 2

    def __init__(self, message: str, *, file: str | None = None):
        self.file = file
        super().__init__(message)

    def __reduce__(self):
        """Keep file/sheet/cell across processes (batches are read on both cores)."""
        return (_rebuild, (type(self), self.args, self.__dict__))

    def __str__(self) -> str:  # the message already names its file where it has one
        msg = super().__str__()
        if self.file and self.file not in msg:
            return f"{self.file}：{msg}"
        return msg


def problem_record(p: BaseException) -> dict[str, object]:
    """An input that could not be read, as the JSON outputs list it: file, sheet, cell, reason."""
    return {"file": getattr(p, "file", None), "sheet": getattr(p, "sheet", None),
            "cell": getattr(p, "cell", None), "reason": str(p)}


def _rebuild(cls, args, state):
    err = cls.__new__(cls)
    Exception.__init__(err, *args)
    err.__dict__.update(state)
    return err


class FormDataError(JixiaoError):
    """A form given as data (JSON) does not follow form.schema.json."""


class WorkbookError(JixiaoError):
    """A workbook cannot be opened or read at all (not a workbook, encrypted, corrupt)."""


class NotAFormError(JixiaoError):
    """A sheet was read but does not hold a 自评表 (missing labels)."""


class CellError(JixiaoError):
    """A single cell holds something the form cannot take (text where a number belongs)."""

    def __init__(self, message: str, *, file: str | None = None, sheet: str | None = None,
                 cell: str | None = None):
        self.sheet = sheet
        self.cell = cell
        where = "".join(f"{p}" for p in [
            f"工作表“{sheet}”" if sheet else "", f"单元格 {cell}" if cell else ""])
        super().__init__(f"{where}：{message}" if where else message, file=file)


class ProfileError(JixiaoError):
    """An unknown scoring profile or option was asked for."""


class AddinError(JixiaoError):
    """The Excel add-in cannot be installed or is not set up (``jixiao addin``)."""


class OfficeError(JixiaoError):
    """LibreOffice is missing, failed, or produced nothing."""


class BuildError(JixiaoError):
    """A template or add-in package cannot be built from its sources."""


class ReportError(JixiaoError):
    """A report file that cannot be read (exit 2, the message names the file)."""


class FinalizeRefused(JixiaoError):
    """Errors remain and the filler did not confirm (定稿)."""

    exit_code = 1


# --- one type per cause of an unreadable or refused input (issue #13) ---------------------

class UnsafeFileError(WorkbookError):
    """Not a regular file (a FIFO, a device, a folder), or a link that leads out of the input folder."""


class ZipBombError(WorkbookError):
    """A workbook package whose parts would inflate beyond what any real form needs."""


class CorruptPackageError(WorkbookError):
    """A workbook package that is damaged (bad zip, bad checksum, DTD/entities in its XML)."""


class SheetLimitError(CellError):
    """A sheet beyond what a real form can be: too many rows/columns, a giant merge, too many sheets."""


class FileTimeoutError(WorkbookError):
    """A file that took longer than the per-file time limit of a batch."""


class ReaderCrashError(WorkbookError):
    """The spreadsheet engine itself failed on a file (a Rust panic in calamine, a crash in openpyxl)."""


class OutputPathError(JixiaoError):
    """An output cannot be written where it was asked for (a file where a folder is needed …)."""


class EmptyInputError(JixiaoError):
    """The paths given hold no form JSON and no workbook at all."""


class InternalError(JixiaoError):
    """A bug in jixiao itself: reported in one Chinese line, with its own exit status."""

    exit_code = 3


class ReportRefused(JixiaoError):
    """The forms still have errors: the documents a department sends are not written from them."""

    exit_code = 1
