"""LibreOffice headless as a real spreadsheet engine: recalculate, convert, print to PDF.

Used by the tests (to prove the native formulas compute and the files open) and by the
commands that make PDFs. Each run gets its own profile directory — concurrent runs that
share one fail silently — and that profile forces a full recalculation on load, since
LibreOffice otherwise trusts the cached values in an OOXML file.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import OfficeError
from ..fileio import atomic_path

_RECALC_XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="FirstRun" oor:op="fuse"><value>false</value></prop></item>
</oor:items>
"""

FILTERS = {
    "xlsx": "xlsx:Calc MS Excel 2007 XML",
    "xls": "xls:MS Excel 97",
    "pdf": "pdf",
    "ods": "ods",
    "docx": "docx:MS Word 2007 XML",
}


def soffice_path() -> str | None:
    r"""LibreOffice on PATH, or where its installers put it: the Windows installer does not
    touch PATH (Program Files\LibreOffice\program\soffice.exe), nor does the macOS app."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for place in _install_places():
        if place.is_file():
            return str(place)
    return None


def _install_places() -> list[Path]:
    places = []
    for var in ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)"):
        root = os.environ.get(var)
        if root:
            places.append(Path(root) / "LibreOffice" / "program" / "soffice.exe")
    places += [Path("C:/Program Files/LibreOffice/program/soffice.exe"),
               Path("C:/Program Files (x86)/LibreOffice/program/soffice.exe"),
               Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")]
    return list(dict.fromkeys(places))


def convert(src: Path, fmt: str, outdir: Path, *, timeout: float = 180, env: dict[str, str] | None = None) -> Path:
    """Open ``src`` in LibreOffice (formulas recalculated) and save it as ``fmt`` in ``outdir``.

    ``env``: extra variables for the LibreOffice subprocess only (e.g. its fontconfig file)."""
    exe = soffice_path()
    if exe is None:
        raise OfficeError("没有找到 LibreOffice（soffice）：请安装 LibreOffice（Windows 默认装在 "
                          "C:\\Program Files\\LibreOffice）后再试")
    src, outdir = Path(src).resolve(), Path(outdir).resolve()
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="jixiao-lo-") as prof:
        user = Path(prof) / "user"
        user.mkdir()
        (user / "registrymodifications.xcu").write_text(_RECALC_XCU, encoding="utf-8")
        staging = Path(prof) / "out"  # LibreOffice writes here; the result is moved in whole
        cmd = [exe, "-env:UserInstallation=" + Path(prof).as_uri(), "--headless", "--norestore", "--nologo",
               "--nodefault", "--nolockcheck", "--convert-to", FILTERS.get(fmt, fmt), "--outdir", str(staging),
               str(src)]
        env = dict(os.environ, **(env or {}), HOME=prof, SAL_USE_VCLPLUGIN="svp")
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env)
        except subprocess.TimeoutExpired:
            raise OfficeError(f"LibreOffice 转换 {src.name} 超时（{timeout:.0f} 秒）") from None
        produced = staging / (src.stem + "." + fmt)
        if proc.returncode != 0 or not produced.exists():
            raise OfficeError(f"LibreOffice 未能把 {src.name} 转为 {fmt}：{(proc.stderr or proc.stdout).strip()[:300]}")
        out = outdir / produced.name
        with atomic_path(out) as tmp:
            shutil.copyfile(produced, tmp)
    return out


def pdf_to_png(pdf: Path, outprefix: Path, *, dpi: int = 80, first: int = 1, last: int | None = None) -> list[Path]:
    """Render PDF pages to PNG with pdftoppm (poppler-utils), for looking at the result."""
    exe = shutil.which("pdftoppm")
    if exe is None:
        raise OfficeError("没有找到 pdftoppm：请安装 poppler-utils")
    cmd = [exe, "-png", "-r", str(dpi), "-f", str(first)]
    if last is not None:
        cmd += ["-l", str(last)]
    subprocess.run(cmd + [str(pdf), str(outprefix)], check=True, capture_output=True, timeout=120)
    return sorted(outprefix.parent.glob(outprefix.name + "*.png"))
