"""Building the official templates in ``xlsx_templates/`` from the one layout.

The committed templates are build products of this code; ``stale_templates`` compares
them part by part with a fresh build so a test fails when someone changes the layout and
forgets to rebuild (or edits a template by hand).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from .workbook import package_digest, save_workbook

_VOLATILE_PARTS = {"docProps/core.xml"}  # holds the save time on some openpyxl versions


def build_templates(out: Path) -> list[Path]:
    """Write every template into ``out``; returns their paths."""
    from ..forms import KINDS
    from .macro_package import XLAM_NAME, XLSM_NAME, build_xlam, build_xlsm

    out = Path(out)
    books = [(kind.template_file, kind.template_workbook()) for kind in KINDS if kind.template_file]
    return [*(save_workbook(wb, out / name) for name, wb in books if wb is not None),
            build_xlsm(out / XLSM_NAME), build_xlam(out / XLAM_NAME)]


def _same(old: Path, fresh: Path) -> bool:
    """``old`` holds what ``fresh`` holds, part by part, the save time aside."""
    if not old.exists():
        return False
    a, b = package_digest(old), package_digest(fresh)
    for part in _VOLATILE_PARTS:
        a.pop(part, None)
        b.pop(part, None)
    return a == b


def stale_templates(committed: Path) -> list[str]:
    """Names of templates in ``committed`` that differ from a fresh build (or are missing)."""
    with tempfile.TemporaryDirectory() as tmp:
        return [fresh.name for fresh in build_templates(Path(tmp)) if not _same(Path(committed) / fresh.name, fresh)]


def refresh_templates(out: Path, overwrite: bool = False) -> tuple[list[Path], list[Path]]:
    """Rebuild the templates in ``out``, writing only those whose content changed: (written, unchanged).

    Why not write them all: each save stamps its time into docProps/core.xml, so a rebuild after a
    change to one form kind showed every template as changed in git. A template a 填报人 filled in and
    saved there is not written over (``guard.outpath.check_overwrite``): nothing is, unless ``overwrite``."""
    import os
    import shutil

    from ..guard.outpath import check_overwrite

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written, unchanged = [], []
    with tempfile.TemporaryDirectory() as tmp:
        fresh_ones = build_templates(Path(tmp))
        stale = [f for f in fresh_ones if not _same(out / f.name, f)]
        for fresh in stale:   # every one checked before any is written: all or none
            if fresh.suffix.lower() != ".xlam":   # the add-in holds code, not forms anyone fills in
                check_overwrite(out / fresh.name, overwrite)
        for fresh in fresh_ones:
            target = out / fresh.name
            if fresh not in stale:
                unchanged.append(target)
                continue
            part = target.with_name(f".~{target.name}")  # same folder: the rename is atomic
            shutil.copyfile(fresh, part)
            os.replace(part, target)
            written.append(target)
    return written, unchanged
