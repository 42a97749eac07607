"""LibreOffice itself doing what a 填报人 does in a spreadsheet program — typing into cells, inserting rows —
through a few lines of Basic run headless over a workbook's first sheet, saved as .xlsx: the tests compare
what the program then stores (row heights, moved merges and page breaks) with what jixiao plans."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

_MODULE = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub Main
  Dim args(0) As New com.sun.star.beans.PropertyValue
  args(0).Name = "Hidden" : args(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(Environ("JX_SRC")), "_blank", 0, args())
  sh = doc.Sheets.getByIndex(0)
{body}
  Dim pa(0) As New com.sun.star.beans.PropertyValue
  pa(0).Name = "FilterName" : pa(0).Value = "Calc MS Excel 2007 XML"
  doc.storeToURL(ConvertToURL(Environ("JX_DST")), pa())
  doc.close(True)
End Sub
</script:module>
"""


def run_basic(src: Path, dst: Path, body: str, profile: Path) -> None:
    """Open ``src`` in LibreOffice (profile folder ``profile``), run the Basic lines ``body`` with ``sh`` the
    first sheet, save as ``dst`` (.xlsx)."""
    from jixiao.excel.office import soffice_path

    env = dict(os.environ, HOME=str(profile), SAL_USE_VCLPLUGIN="svp", JX_SRC=str(Path(src).resolve()),
               JX_DST=str(Path(dst).resolve()))
    cmd = [soffice_path(), "-env:UserInstallation=" + profile.as_uri(), "--headless", "--norestore", "--nologo",
           "--nodefault", "--nolockcheck"]
    if not (profile / "user" / "basic" / "Standard").is_dir():  # the first start writes the profile
        subprocess.run([*cmd, "--terminate_after_init"], env=env, capture_output=True, timeout=120)
    (profile / "user" / "basic" / "Standard" / "Module1.xba").write_text(_MODULE.replace("{body}", body),
                                                                           encoding="utf-8")
    subprocess.run([*cmd, "macro:///Standard.Module1.Main"], env=env, capture_output=True, timeout=180)
    assert Path(dst).exists(), "LibreOffice 没有运行宏、写出文件"


def typed_text(ref: str, v: str) -> str:
    """The Basic line typing the text ``v`` into cell ``ref`` of ``sh`` (as the cell's input line takes it)."""
    v = v.replace('"', '""')
    return f'  sh.getCellRangeByName("{ref}").setString("{v}")\n'


def typed_number(ref: str, v: float | int) -> str:
    """The Basic line typing the number ``v`` into cell ``ref`` of ``sh``."""
    return f'  sh.getCellRangeByName("{ref}").setValue({v})\n'


def rebuild(template: str, dst: Path, body: str) -> None:
    """Make a test workbook again (``tests/data/*/build.py``): the shipped template ``template`` (a file of
    ``xlsx_templates/``) copied to a temporary folder, ``body`` run over it, saved as ``dst``."""
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / ("模板" + Path(template).suffix)
        shutil.copy(Path(__file__).resolve().parent.parent / "xlsx_templates" / template, src)
        run_basic(src, dst, body, Path(tmp) / "profile")
