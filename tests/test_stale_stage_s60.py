"""A run killed outright leaves its hidden stage folder; the next run removes it, and only it (stop 60).

``review`` and the reports write into a folder “.~jixiao-xxxxxxxx” inside the output folder and move
the set into place at the end (``fileio.staged_set``). Ctrl-C and SIGTERM remove it; SIGKILL, a power
cut or the task manager's 结束任务 cannot: a whole round's notices and copies stayed in a folder that
Windows shows, round after round, beside the real ones. The next run removes such a folder when it is
provably ours (the name ``tempfile.mkdtemp`` gives it), nobody's (the lock a run holds on it is free: the
system releases it with a killed process) and unchanged for ``STALE_SECONDS``; a folder read as input
never reads inside one."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from jixiao.excel.workbook import write_forms
from jixiao.fileio import STAGE_LOCK, STALE_SECONDS, staged_set, sweep_stages
from review_fixture import form, run_cli, two_unit_inbox
from stage_helpers import age, held_in_child

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_a_review_killed_outright_leaves_its_stage_and_the_next_run_removes_it(tmp_path):
    inbox = two_unit_inbox(tmp_path)
    out = tmp_path / "复核结果"
    code = ("import os, signal, sys\nimport jixiao.review.ledger\n"
            "def stop(*a, **k):\n    os.kill(os.getpid(), signal.SIGKILL)\n"
            "jixiao.review.ledger.write_ledger = stop\nfrom jixiao.cli import main\n"
            f"sys.exit(main(['review', {str(inbox)!r}, '-o', {str(out)!r}]))\n")
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == -9, r.stderr
    [stale] = out.glob(".~jixiao-*")   # the killed round's notices and copies
    assert list(stale.rglob("退回修改通知.docx"))
    mine = out / ".~jixiao-我的笔记"    # a person's folder of a like name, and a file: not ours
    mine.mkdir()
    (mine / "笔记.txt").write_text("留着", encoding="utf-8")
    (out / ".~jixiao-abcd1234").write_text("一个文件", encoding="utf-8")
    age(mine, 2 * STALE_SECONDS)
    code, text = run_cli("review", str(inbox), "-o", str(out), "--json")
    assert stale.exists()   # just left: not yet known to be nobody's (it could be a run starting)
    age(stale, 2 * STALE_SECONDS)
    code, text = run_cli("review", str(inbox), "-o", str(out), "--json")
    assert code in (0, 1) and ".~jixiao" not in text
    assert not stale.exists()
    assert (mine / "笔记.txt").read_text(encoding="utf-8") == "留着" and (out / ".~jixiao-abcd1234").is_file()
    assert json.loads(text)["round"] == 2 and ".~jixiao" not in (out / ".jixiao-复核清单.json").read_text(encoding="utf-8")


def test_a_stage_a_run_holds_is_never_removed(tmp_path):
    """Another run writing into the same folder now (two reviewers, one shared folder): its stage is in use."""
    code = ("import time\nfrom jixiao.fileio import staged_set\n"
            f"with staged_set({str(tmp_path)!r}) as s:\n    print(s.folder, flush=True)\n    time.sleep(60)\n")
    with held_in_child(code) as folder:
        held = folder.parent
        assert (held / STAGE_LOCK).exists()
        age(held, 2 * STALE_SECONDS)
        assert sweep_stages(tmp_path) == [] and held.exists()
    assert sweep_stages(tmp_path) == [held] and not held.exists()   # killed: the lock went with it


def test_a_folder_read_as_input_never_reads_inside_a_stage(tmp_path):
    from jixiao.guard import tree_files

    with staged_set(tmp_path) as stage:
        write_forms([form(1, "县民政局")], stage.folder / "副本.xlsx")
        write_forms([form(1, "县民政局")], tmp_path / "自评表.xlsx")
        assert tree_files(tmp_path, {".xlsx"}) == [tmp_path / "自评表.xlsx"]
