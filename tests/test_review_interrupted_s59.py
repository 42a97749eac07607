"""A ``review`` round stopped while it writes (Ctrl-C, SIGTERM) leaves the output folder as the last
round left it: the round is written into a hidden folder inside the output folder and moved into place
at the end (``review.write.write_outputs``). It used to move last round's files to 历次复核 and delete
their manifest first, then write: stopped halfway, the folder held half a round and the next run
compared against nothing (“第 1 轮”), last round's notices were no longer where the reviewer left them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from jixiao.review.rounds import ARCHIVE_DIR, MANIFEST
from review_fixture import run_cli, tree_hashes, two_unit_inbox

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


def _stopped(inbox: Path, out: Path, signame: str, where: str) -> subprocess.CompletedProcess:
    """``review`` in a process of its own that sends itself ``signame`` when it comes to ``where``
    (the 台账, written last; a department's mail draft, written earlier)."""
    code = ("import os, signal, sys, time\n"
            "import jixiao.review.ledger, jixiao.review.write\n"
            "def stop(*a, **k):\n"
            f"    os.kill(os.getpid(), signal.{signame}); time.sleep(10)\n"
            f"{where} = stop\n"
            "from jixiao.cli import main\n"
            f"sys.exit(main(['review', {str(inbox)!r}, '-o', {str(out)!r}]))\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def _review(inbox: Path, out: Path) -> dict:
    code, text = run_cli("review", str(inbox), "-o", str(out), "--json")
    assert code in (0, 1), text
    return json.loads(text)


@pytest.mark.parametrize("signame, status, where", [
    ("SIGTERM", 143, "jixiao.review.ledger.write_ledger"),
    ("SIGINT", 130, "jixiao.review.write.return_mail"),
])
def test_an_interrupted_round_leaves_the_last_one_and_a_rerun_is_as_if_never_stopped(tmp_path, signame, status, where):
    import shutil

    inbox = two_unit_inbox(tmp_path)
    out = tmp_path / "复核结果"
    first = _review(inbox, out)
    assert first["round"] == 1
    (inbox / "县民政局" / "民政局.xlsx").unlink()   # round 2: one department's file gone
    reference = tmp_path / "对照"
    shutil.copytree(out, reference)
    before = tree_hashes(out)

    r = _stopped(inbox, out, signame, where)
    assert r.returncode == status, r.stderr
    assert "Traceback" not in r.stderr
    assert tree_hashes(out) == before   # last round's files where they were, its manifest too, nothing new
    assert not (out / ARCHIVE_DIR).exists()
    assert not [p for p in out.rglob(".~*")]   # no stage left behind

    again = _review(inbox, out)                 # the rerun …
    plain = _review(inbox, reference)           # … as a round 2 never stopped
    assert again["round"] == plain["round"] == 2
    assert json.dumps(again, ensure_ascii=False).replace(str(out), "<out>") == \
        json.dumps(plain, ensure_ascii=False).replace(str(reference), "<out>")
    assert sorted(tree_hashes(out)) == sorted(tree_hashes(reference))
    archived = Path(again["previous"])   # round 1 kept under 历次复核, byte for byte
    assert tree_hashes(archived) == {k: v for k, v in before.items() if k != MANIFEST}
    assert json.loads((out / MANIFEST).read_text(encoding="utf-8"))["round"] == 2


def test_signals_held_raises_the_signal_when_the_moves_are_done():
    r = subprocess.run([sys.executable, "-c",
                        "import os, signal\n"
                        "from jixiao.safety import run_main, signals_held\n"
                        "def fn():\n"
                        "    with signals_held():\n"
                        "        os.kill(os.getpid(), signal.SIGTERM)\n"
                        "        print('moved')\n"
                        "    print('after')\n"
                        "    return 0\n"
                        "raise SystemExit(run_main(fn))"],
                       cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=60)
    assert r.returncode == 143 and r.stdout == "moved\n", (r.stdout, r.stderr)


def test_nothing_written_names_the_stage(tmp_path):
    """The round is written in a hidden folder: no link or path in what it wrote may point there (the
    汇总表's 来源 links, whole paths to the marked copies, pointed into the folder deleted at the end)."""
    import zipfile

    inbox = two_unit_inbox(tmp_path)
    out = tmp_path / "复核结果"
    rv = _review(inbox, out)
    assert ".~jixiao" not in json.dumps(rv, ensure_ascii=False)
    files = [p for p in out.rglob("*") if p.is_file()]
    assert any(p.name.endswith("汇总表.xlsx") for p in files)
    for p in files:
        if p.suffix in (".xlsx", ".docx"):
            with zipfile.ZipFile(p) as z:
                for part in z.namelist():
                    text = z.read(part).decode("utf-8", "replace")
                    assert ".~jixiao" not in text and "%2E~jixiao" not in text, (p, part)
        else:
            assert b".~jixiao" not in p.read_bytes(), p
