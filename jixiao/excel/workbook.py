"""Whole workbooks: the official template and a workbook of filled forms.

Both are written by code from the one layout (``layout`` + ``sheet``), saved atomically,
and made reproducible (fixed document dates) so that the committed templates can be
compared with a fresh rebuild.
"""

from __future__ import annotations

import datetime as _dt
import zipfile
from pathlib import Path
from typing import Any, Iterable, Sequence

from openpyxl import Workbook

from ..core.grades import DEFAULT_BANDS, Bands
from ..forms.project import layout as L
from ..fileio import atomic_path
from ..forms.project.model import Form
from .sheet import safe_sheet_title
from ..forms.project.sheet import build_sheet
from .cache import save_with_results

FIXED_TIME = _dt.datetime(2024, 1, 1, 0, 0, 0)
PROJECT_TEMPLATE = "项目支出绩效自评表.xlsx"


def new_workbook() -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    # The official form and the workbooks filled from it are the department's: no author of ours in
    # Excel's 文件 › 信息 (the outputs that must be told apart carry ``marker``'s mark instead)
    wb.properties.creator = ""
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    wb.properties.lastModifiedBy = ""
    wb.calculation.fullCalcOnLoad = True  # every program computes the formulas on open
    return wb


def template_workbook(rows: int = L.DEFAULT_ROWS) -> Workbook:
    """The blank official template: one empty form sheet with all its formulas."""
    wb = new_workbook()
    ws = wb.create_sheet(L.TITLE)
    build_sheet(ws, None, L.FormLayout(rows))
    from .apply import apply_sheet
    from ..core.settings import settings_sheet_spec

    apply_sheet(wb, settings_sheet_spec())  # 单位、文号、收件邮箱…: what the documents and the email need
    return wb


def add_form_sheets(wb: Workbook, forms: Iterable[Form], caches: dict[str, dict[str, Any]], *,
                    values_only: bool = False, bands: Bands = DEFAULT_BANDS,
                    shared: Sequence[Any] | None = None) -> list[str]:
    """One template sheet per project form, named after its project (unique, ≤ 31 characters);
    the cached results of its formula cells go into ``caches``. ``values_only``: computed
    cells hold values instead of formulas (the 定稿 copy). The 等级 under ``bands``. ``shared``: per
    form, its indicator texts one merged cell covered where it was read (``SheetForm.shared``)."""
    taken = set(wb.sheetnames)
    titles = []
    for i, form in enumerate(forms):
        title = safe_sheet_title(form.project, taken)
        ws = wb.create_sheet(title)
        lay = L.FormLayout(max(L.DEFAULT_ROWS, len(form.indicators)))
        caches[title] = build_sheet(ws, form, lay, values_only=values_only, bands=bands,
                                    shared=shared[i] if shared else None)
        titles.append(title)
    return titles


def forms_workbook(forms: Iterable[Any], *, values_only: bool = False, bands: Bands = DEFAULT_BANDS,
                   scheme: str | None = None, read: Sequence[Any] | None = None
                   ) -> tuple[Workbook, dict[str, dict[str, Any]]]:
    """One sheet per form, of any kind: each kind's sheets in the registry's order (project
    forms first). Returns the workbook and, per sheet, the cached results of its formulas.
    ``bands``: the grade bands of the profile the forms are written under. ``read``: where each
    form was read, its ``Loaded`` item (or None): a text the 填报人 merged over indicator rows is
    merged again (``SheetForm.shared``), not written into each row."""
    from ..forms import KINDS, kind_of

    forms = list(forms)
    shared = ([getattr(getattr(it, "sheet_form", None), "shared", None) or {} for it in read] if read
              else [{} for _ in forms])
    wb = new_workbook()
    caches: dict[str, dict[str, Any]] = {}
    for kind in KINDS:
        at = [i for i, f in enumerate(forms) if kind_of(f) is kind]
        if at:
            merged = [shared[i] for i in at]
            kind.add_sheets(wb, [forms[i] for i in at], caches, values_only=values_only, bands=bands,
                            shared=merged if any(merged) else None)
    if not wb.sheetnames:
        wb.create_sheet(L.TITLE)
    if scheme:  # a 评分方案 other than the default, on a 设置 sheet after the forms: 计算, 校验 and the
        # other buttons then work under it (without one they took the default and rewrote the 等级 back)
        from .apply import apply_sheet
        from ..core.settings import Settings, settings_sheet_spec

        apply_sheet(wb, settings_sheet_spec(Settings(profile=scheme)))
    return wb, caches


def macros_as_named(wb: Workbook, target: Path) -> None:
    """A macro workbook's copy named .xlsx is written without its macros, buttons and ribbon, as Excel's
    own 另存为 .xlsx does: with them it is an .xlsm under a wrong name (its content type macro-enabled,
    vbaProject.bin inside), which Excel refuses to open. Named .xlsm, it keeps them."""
    if Path(target).suffix.lower() == ".xlsx" and wb.vba_archive is not None:
        wb.vba_archive.close()
        wb.vba_archive = None
        for ws in wb.worksheets:
            ws.legacy_drawing = None  # the buttons' drawing came from the macro parts; comments get their own


def save_workbook(wb: Workbook, target: Path, caches: dict[str, dict[str, Any]] | None = None,
                  application: str | None = None) -> Path:
    """Save atomically; formula results known to the writer are stored as cached values
    (``application``: the file's 应用程序 property, ``cache.save_with_results``)."""
    target = Path(target)
    from ..guard.sanitize import clean_workbook

    macros_as_named(wb, target)
    clean_workbook(wb)  # no control character reaches the XML (IllegalCharacterError)
    with atomic_path(target) as tmp:
        save_with_results(wb, tmp, caches, application)
    return target


def write_forms(forms: list[Any], target: Path, bands: Bands = DEFAULT_BANDS, scheme: str | None = None) -> Path:
    """Forms of any kind into one workbook, saved atomically with cached formula results
    (``scheme``: a 评分方案 other than the default, recorded on its 设置 sheet)."""
    wb, caches = forms_workbook(forms, bands=bands, scheme=scheme)
    return save_workbook(wb, target, caches)


def package_digest(path: Path) -> dict[str, bytes]:
    """The parts of an .xlsx package, for comparing a committed file with a rebuild."""
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in sorted(z.namelist())}
