"""A single output killed outright while it was written leaves its temporary; the next run into the same
folder removes it, and only it (session 61).

Every output is written to a temporary beside it and renamed into place (``fileio.atomic_path``). Ctrl-C
and SIGTERM remove the temporary; SIGKILL, a power cut or the task manager's 结束任务 cannot: a
“.~汇总表-k3j9x2ab.xlsx” stayed beside the 汇总表 for good, run after run (the stage folders of ``review``
and the reports were swept since session 60, these files never). The temporary is now written inside a
stage folder of its own, held by the run's lock as ``staged_set``'s are, so ``sweep_stages`` removes it by
the same rules: our own name, nobody's lock, unchanged for ``STALE_SECONDS``. A temporary an older version
left (“.~汇总表-k3j9x2ab.xlsx”, no lock to ask) is removed once unchanged that long."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from jixiao.excel.workbook import write_forms
from jixiao.fileio import STALE_SECONDS, sweep_stages
from review_fixture import form, run_cli
from stage_helpers import age, held_in_child

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def _killed_while_writing(target: Path) -> None:
    """A run killed (SIGKILL) halfway through writing ``target``."""
    code = ("import os, signal\nfrom pathlib import Path\nfrom jixiao.fileio import atomic_path\n"
            f"with atomic_path(Path({str(target)!r})) as tmp:\n"
            "    Path(tmp).write_bytes(b'PK\\x03\\x04 half a workbook')\n"
            "    os.kill(os.getpid(), signal.SIGKILL)\n")
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=120)
    assert r.returncode == -signal.SIGKILL, r.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_a_summary_killed_while_written_leaves_nothing_the_next_run_keeps(tmp_path: Path) -> None:
    book = write_forms([form(1, "县民政局"), form(2, "县民政局")], tmp_path / "民政局.xlsx")
    out = tmp_path / "汇总"
    _killed_while_writing(out / "汇总表.xlsx")
    left = list(out.glob(".~*"))
    assert left and not (out / "汇总表.xlsx").exists()   # the half-written output, under a temporary name
    # a person's files of like names are not ours: never removed, however old
    mine = [out / ".~我的笔记.xlsx", out / ".~lock.汇总表.xlsx#", out / ".~jixiao-说明.xlsx"]
    for p in mine:
        p.write_text("留着", encoding="utf-8")
        age(p, 2 * STALE_SECONDS)
    code, _ = run_cli("summarize", str(book), "-o", str(out / "汇总表.xlsx"))
    assert code == 0 and all(p.exists() for p in left)   # just left: it could be a run starting
    for p in left:
        age(p, 2 * STALE_SECONDS)
    code, _ = run_cli("summarize", str(book), "-o", str(out / "汇总表.xlsx"))
    assert code == 0 and not any(p.exists() for p in left)
    assert sorted(p.name for p in out.iterdir()) == sorted(["汇总表.xlsx", *(p.name for p in mine)])
    assert all(p.read_text(encoding="utf-8") == "留着" for p in mine)


def test_a_file_being_written_is_never_removed(tmp_path: Path) -> None:
    """Another run writing into the same folder now, slowly: its temporary is held, however old it looks."""
    code = ("import time\nfrom pathlib import Path\nfrom jixiao.fileio import atomic_path\n"
            f"with atomic_path(Path({str(tmp_path / '台账.xlsx')!r})) as tmp:\n"
            "    Path(tmp).write_bytes(b'PK')\n    print(tmp, flush=True)\n    time.sleep(60)\n")
    with held_in_child(code) as held:
        top = next(p for p in (held, *held.parents) if p.parent == tmp_path)   # what it made in the folder
        age(top, 2 * STALE_SECONDS)
        assert sweep_stages(tmp_path) == [] and held.exists()
    assert sweep_stages(tmp_path) == [top] and not top.exists()   # killed: the lock went with it


def test_a_temporary_an_older_version_left_is_removed_once_stale(tmp_path: Path) -> None:
    """“.~汇总表-k3j9x2ab.xlsx” (``mkstemp``'s name, what every output was written as before): no lock to ask,
    removed when unchanged for ``STALE_SECONDS``, by whatever next writes into the folder."""
    old = tmp_path / ".~汇总表-k3j9x2ab.xlsx"
    cache = tmp_path / ".~汇总表-k3j9x2ab.xlsx.cache"
    fresh = tmp_path / ".~台账-0a1b2c3d.xlsx"
    for p in (old, cache, fresh):
        p.write_bytes(b"PK")
    age(old, 2 * STALE_SECONDS)
    age(cache, 2 * STALE_SECONDS)
    write_forms([form(1, "县民政局")], tmp_path / "自评表.xlsx")
    assert not old.exists() and not cache.exists() and fresh.exists()


def test_the_temporary_path_is_no_longer_than_the_output_path(tmp_path):
    """Windows refuses paths past 260 characters: an output whose path fits must have a temporary that
    fits too. The temporary is inside a stage folder (~25 characters more); named as the output, a long
    department file name (“…-附件1（3月3日邮件）-校验标注.xlsx”) made the temporary the longer of the two."""
    from jixiao.fileio import atomic_path

    target = tmp_path / ("县农业农村局-2022-" + "长名称" * 12 + "-附件1（3月3日邮件）-校验标注.xlsx")
    with atomic_path(target) as tmp:
        assert tmp.suffix == ".xlsx"   # the writers (openpyxl, XlsxWriter, LibreOffice) see the type
        assert len(str(tmp)) < len(str(target)), (tmp, target)
        tmp.write_bytes(b"x")
    assert target.read_bytes() == b"x"
