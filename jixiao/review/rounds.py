"""Earlier rounds of a review written into the same output folder.

A bureau reviews the inbox again after the departments resend, usually into the same
``复核结果`` folder. Writing over it left last round's files beside this round's: a department
that now passes kept its old 退回修改通知 and mail draft in its folder — ready to be sent by
mistake — and a renamed workbook left its old marked copy. So each run lists what it wrote
(``MANIFEST``, in the output folder), and the next run first moves exactly those files, as they
are (a notice the reviewer edited included), into ``历次复核/<when>/``. Nothing else in the
folder is touched: a file the run did not write is the reviewer's.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import shutil
from pathlib import Path

from ..fileio import atomic_write_text

__all__ = ["ARCHIVE_DIR", "MANIFEST", "archive_previous", "write_manifest"]

MANIFEST = ".jixiao-复核清单.json"
ARCHIVE_DIR = "历次复核"


def write_manifest(outdir: Path, written: list[Path]) -> None:
    """What this run wrote below ``outdir`` (relative paths), and when."""
    rel = sorted({str(p.resolve().relative_to(outdir.resolve())) for p in written
                  if p.exists() and p.resolve().is_relative_to(outdir.resolve())})
    atomic_write_text(outdir / MANIFEST, json.dumps({"when": _dt.datetime.now().isoformat(timespec="seconds"),
                                                     "written": rel}, ensure_ascii=False, indent=1))


def archive_previous(outdir: Path) -> Path | None:
    """Move the files the previous run listed into ``历次复核/<when>/`` (relative paths kept);
    the folder they went to, or None when there was no previous run (or it left nothing).
    A manifest that cannot be read is left alone with everything else."""
    manifest = outdir / MANIFEST
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
        when = _dt.datetime.fromisoformat(str(data["when"]))
        written = [str(x) for x in data["written"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    target = outdir / ARCHIVE_DIR / when.strftime("%Y%m%d-%H%M%S")
    k = 2
    while target.exists():
        target = target.with_name(f"{when:%Y%m%d-%H%M%S}-{k}")
        k += 1
    moved = False
    top = outdir.resolve()
    for rel in written:
        src = outdir / rel
        if not src.resolve().is_relative_to(top) or rel.split(os.sep)[0] == ARCHIVE_DIR or not src.is_file():
            continue  # a hand-edited manifest pointing elsewhere, or a file already gone
        dst = target / rel
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(src), str(dst))
        moved = True
        parent = src.parent
        while parent.resolve() != top and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()  # a department folder emptied by the move
            parent = parent.parent
    manifest.unlink(missing_ok=True)
    return target if moved else None
