"""VBA projects that every Office compiles from source: no p-code of one Office build.

A ``vbaProject.bin`` saved by Excel carries, besides the source, the compiled p-code of the
Office build that saved it (the ``_VBA_PROJECT`` stream's version, e.g. 0x00B5, and a
performance cache at the start of every module stream). Another build (32/64-bit, another
version) is supposed to discard it, but stale p-code is a known cause of "compile error" and
crashes in distributed workbooks. MS-OVBA 2.3.4.1 asks writers for version 0xFFFF and no
cache: then Excel compiles the source on first open — what xlwings' own add-ins ship.

``mark_all_modules_dirty`` (before pyOpenVBA saves) makes every module stream be rewritten
as compressed source only (MODULEOFFSET 0); ``source_only_project`` (after) sets the version.
``pcode_state`` reads both back for the tests and ``jixiao addin status``.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

VBA_PART = "xl/vbaProject.bin"
SOURCE_ONLY_HEADER = b"\xcc\x61\xff\xff\x00\x00\x00"  # Reserved1, Version 0xFFFF, Reserved2, Reserved3


def mark_all_modules_dirty(project) -> None:
    """Have pyOpenVBA rewrite every module, dropping its performance cache."""
    for module in project.modules:
        if module.text_offset:
            module.dirty = True


def source_only_bin(vba_bin: bytes) -> bytes:
    from pyopenvba.cfb import CFB

    cfb = CFB.from_bytes(vba_bin)
    cfb.write_stream_in_storage("VBA", "_VBA_PROJECT", SOURCE_ONLY_HEADER)
    return cfb.to_bytes()


def source_only_project(package: Path) -> None:
    """Rewrite ``package`` (.xlsm/.xlam) so its ``_VBA_PROJECT`` stream says "recompile"."""
    package = Path(package)
    tmp = package.with_name(package.name + ".vba.tmp")
    with zipfile.ZipFile(package) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == VBA_PART:
                data = source_only_bin(data)
            zout.writestr(info, data)
    tmp.replace(package)


def pcode_state(package: Path) -> tuple[int, list[str]]:
    """(``_VBA_PROJECT`` version, names of modules that still carry a performance cache)."""
    from pyopenvba.cfb import CFB
    from pyopenvba.vba import parse_vba_project

    with zipfile.ZipFile(package) as z:
        data = z.read(VBA_PART)
    cfb = CFB.from_bytes(data)
    head = cfb.get_stream_in_storage("VBA", "_VBA_PROJECT")
    version = int.from_bytes(head[2:4], "little")
    project = parse_vba_project(cfb)
    cached = [m.name for m in project.modules if m.text_offset]
    return version, cached


__all__ = ["mark_all_modules_dirty", "source_only_project", "pcode_state", "source_only_bin"]
