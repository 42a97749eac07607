"""Opening a workbook file once and handing out its sheets, checked and made safe.

Every form kind reads through here, so a damaged, encrypted or oversized file is refused
the same way (a Chinese message naming the file, and the sheet where there is one) whatever
form it holds; ``sources`` and the project reader loop over ``iter_sheets``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Iterator

import python_calamine as pc

from .. import guard
from ..errors import CellError, JixiaoError, WorkbookError
from ..guard import sanitize

__all__ = ["WORKBOOK_SUFFIXES", "engine_open", "first_rows", "hidden_sheets", "iter_sheets", "markup_kind", "markup_said",
           "open_workbook"]

WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods", ".et"}  # .et: WPS 表格 (calamine tells its format)


def markup_kind(path: str | Path) -> str | None:
    """“网页（HTML）” or “Excel 2003 XML” for a table saved as text with a workbook's name (.xls):
    what budget and OA systems export, and what Excel opens after a warning; None for anything else.
    No reader here takes them; LibreOffice converts them (``review``, ``--expected``)."""
    try:
        with open(path, "rb") as f:
            head = f.read(1024)
    except OSError:
        return None
    text = head.lstrip(b"\xef\xbb\xbf\xff\xfe\xfe\xff \t\r\n\x00").lower().replace(b"\x00", b"")
    if not text.startswith(b"<"):
        return None
    if b"urn:schemas-microsoft-com:office:spreadsheet" in head.replace(b"\x00", b"") or b"progid=\"excel.sheet\"" in text:
        return "Excel 2003 XML"
    if any(tag in text for tag in (b"<html", b"<!doctype html", b"<table", b"<meta", b"<head")):
        return "网页（HTML）"
    return None


def markup_said(kind: str) -> str:
    """“是网页（HTML）格式的表格”, “是 Excel 2003 XML 格式的表格”."""
    return f"是{f' {kind} ' if kind.isascii() else kind}格式的表格"


def open_workbook(path: str | Path) -> pc.CalamineWorkbook:
    p = Path(path)
    name = guard._show(p)
    if not os.path.lexists(p):
        raise WorkbookError(f"{name}：文件不存在", file=name)
    if p.suffix.lower() not in WORKBOOK_SUFFIXES:
        raise WorkbookError(f"{name}：不是工作簿文件（应为 .xlsx/.xlsm/.xls/.et）", file=name)
    guard.check_workbook(p)  # regular file, sane package, sane sheets: before calamine sees it
    try:
        return engine_open(p)
    except pc.PasswordError:
        raise WorkbookError(f"{name}：工作簿设有打开密码，无法读取，请去掉密码后重新报送", file=name) from None
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # calamine raises several kinds for a damaged file; a panic is a BaseException
        kind = markup_kind(p)
        if kind:  # not damaged: a table saved as text under a workbook's name
            raise WorkbookError(f"{name}：{markup_said(kind)}，只是扩展名为 {p.suffix}（多为业务系统导出），无法直接读取："
                                f"请在 Excel 或 WPS 中打开后另存为 .xlsx", file=name) from None
        raise WorkbookError(f"{name}：无法作为工作簿打开（{guard.engine_error_zh(exc)}）", file=name) from None


def engine_open(path: str | Path) -> pc.CalamineWorkbook:
    """calamine's workbook of ``path`` (checked by ``guard.check_workbook`` first), read as what it is:
    calamine goes by the name, so an .xls saved or renamed as .xlsx (or an .xlsx named .xls,
    ``guard.misnamed``) is given to it as bytes, whose format it finds itself; a package holding an error value
    calamine cannot read (#SPILL!) as a copy holding one it reads (``sanitize.engine_readable``). The file is
    not changed."""
    if sanitize.refuses(guard.error_cells_of(Path(path))):
        # a #SPILL! (#CALC!, #FIELD! …) of newer Excel: calamine refused the whole sheet (“文件格式错误或已损坏”)
        return pc.CalamineWorkbook.from_filelike(sanitize.engine_readable(path))
    if guard.misnamed(path):
        with open(path, "rb") as f:
            return pc.CalamineWorkbook.from_filelike(f)
    return pc.CalamineWorkbook.from_path(str(path))


def hidden_sheets(wb: pc.CalamineWorkbook) -> set[str]:
    """The sheets the workbook keeps hidden (hidden or very hidden): nobody sees them in Excel or
    on paper, so a form on one — an old version kept out of sight — is not the department's form."""
    return {m.name for m in wb.sheets_metadata if m.visible != pc.SheetVisibleEnum.Visible}


def iter_sheets(path: str | Path, problems: list[Any],
                hidden: set[str] | None = None) -> Iterator[tuple[str, list[list[Any]], Any, list[Any]]]:
    """(name, values from A1, merged ranges, read notes) of each sheet of a workbook file, opened once;
    ``hidden`` (if given) gets the names of its hidden sheets (``hidden_sheets``).

    Each sheet is checked before it is read (``guard``: dimensions, merges) and its values made
    safe (``sanitize``: control characters, error cells, NaN — each change a located note). A sheet
    that cannot be read is reported in ``problems`` and passed over; the batch goes on. Merges are
    None for formats calamine keeps none for (values only, carried down by the label-anchored reader)."""
    name = guard._show(path)
    wb = open_workbook(path)
    errors = guard.error_cells_of(Path(path))
    try:
        if hidden is not None:
            hidden.update(hidden_sheets(wb))
        for sheet in wb.sheet_names:
            try:
                ws = wb.get_sheet_by_name(sheet)
                guard.check_dimensions(ws, name, sheet)
                rows = ws.to_python(skip_empty_area=False)
            except JixiaoError as exc:
                problems.append(exc)
                continue
            except (KeyboardInterrupt, SystemExit):
                raise
            except BaseException as exc:  # a damaged sheet; a calamine panic is a BaseException
                problems.append(CellError(f"工作表无法读取（{guard.engine_error_zh(exc)}）", file=name, sheet=sheet))
                continue
            try:
                merges = ws.merged_cell_ranges
            except Exception:  # noqa: BLE001 - a format calamine keeps no merges for: values only, carried down
                merges = None
            try:
                guard.check_merges(merges, name, sheet)
            except JixiaoError as exc:
                problems.append(exc)
                continue
            notes = sanitize.clean_rows(rows, errors.get(sheet, {}))
            yield sheet, rows, merges, notes
    finally:
        wb.close()


def first_rows(path: str | Path, n: int = 2) -> dict[str, list[list[Any]]]:
    """The first ``n`` rows of every sheet of a workbook file read before (``iter_sheets``), as
    ``summary.book.sheet_heads`` takes them: which sheets an earlier 汇总 wrote. Nothing for a file
    that cannot be opened again."""
    try:
        wb = open_workbook(path)
    except JixiaoError:
        return {}
    try:
        return {sheet: wb.get_sheet_by_name(sheet).to_python(skip_empty_area=False, nrows=n) for sheet in wb.sheet_names}
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:  # noqa: BLE001 - a sheet calamine cannot read (a panic is a BaseException): no heads
        return {}
    finally:
        wb.close()
