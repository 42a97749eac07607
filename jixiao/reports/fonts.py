"""The GB/T 9704 fonts for LibreOffice: a fontconfig file handed to its subprocess only.

The process's own environment is never changed: ``pdf_env`` gives the variables to pass to the
LibreOffice subprocess (``office.convert(env=...)``).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .templates import FALLBACKS

def fontconfig_xml(base: str | None = None) -> str:
    """A fontconfig file that includes the system's and maps the GB/T 9704 fonts to ``FALLBACKS``."""
    from xml.sax.saxutils import escape

    base = base or os.environ.get("FONTCONFIG_FILE") or "/etc/fonts/fonts.conf"
    out = ['<?xml version="1.0"?>', '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">', "<fontconfig>",
           f'  <include ignore_missing="yes">{escape(base)}</include>']
    for name, subs in FALLBACKS.items():
        fams = "".join(f"<string>{escape(f)}</string>" for f, _b in subs)
        # a heavy title face (小标宋): where it falls back, take the Bold of the fallback
        weight = ('<edit name="weight" mode="assign" binding="strong"><const>bold</const></edit>'
                  if any(b for _f, b in subs) else "")
        out.append(f'  <match target="pattern"><test name="family"><string>{escape(name)}</string></test>'
                   f'<edit name="family" mode="prepend" binding="strong">{fams}</edit>{weight}</match>')
    out.append("</fontconfig>")
    return "\n".join(out) + "\n"




@contextmanager
def pdf_env() -> Iterator[dict[str, str]]:
    """Extra environment for the LibreOffice subprocess: our fontconfig file, on fontconfig systems.

    Only on systems that use fontconfig; elsewhere (Windows, macOS) nothing extra.
    """
    if not sys.platform.startswith("linux") or not Path("/etc/fonts/fonts.conf").exists():
        yield {}
        return
    with tempfile.TemporaryDirectory(prefix="jixiao-fc-") as d:
        conf = Path(d) / "fonts.conf"
        conf.write_text(fontconfig_xml(), encoding="utf-8")
        yield {"FONTCONFIG_FILE": str(conf)}


def to_pdf(docx: Path, outdir: Path) -> Path:
    """LibreOffice headless, with the CJK fallbacks, written atomically beside the .docx."""
    from ..fileio import atomic_path
    from ..excel.office import convert

    target = Path(outdir) / (docx.stem + ".pdf")
    with tempfile.TemporaryDirectory(prefix="jixiao-pdf-") as tmpdir, pdf_env() as env:
        made = convert(docx, "pdf", Path(tmpdir), env=env)
        with atomic_path(target) as tmp:
            shutil.copyfile(made, tmp)
    return target
