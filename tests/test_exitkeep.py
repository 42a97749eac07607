"""The console script leaves its batch to the operating system (jixiao.exitkeep, issue #18):
same output and exit code, nothing kept when ``main(argv)`` runs inside another program, and
atexit handlers still run."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from jixiao import exitkeep
from jixiao.cli import main

CORPUS = Path(__file__).parent / "corpus"

# The console script itself (``main()`` with no argv), then how many objects it kept.
SCRIPT = """
import sys
from jixiao import exitkeep
from jixiao.cli import main
sys.argv = ["jixiao", *sys.argv[1:]]
code = main()
sys.stderr.write(f"KEPT {exitkeep.kept()}\\n")
raise SystemExit(code)
"""


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    d = tmp_path_factory.mktemp("keep")
    for name in ("01-merged-levels.xlsx", "02-packed-cells.xlsx", "03-shifted-columns.xlsx"):
        shutil.copy(CORPUS / name, d / name)
    return d


def _console(*argv: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", SCRIPT, *argv], capture_output=True, timeout=300)


@pytest.mark.parametrize("cmd", [("check", "--json"), ("summarize", "--json"), ("review", "--json")])
def test_console_script_prints_what_main_argv_prints_and_keeps_the_batch(folder, tmp_path, capsysbinary, cmd):
    outputs = {"summarize": lambda k: ["-o", str(tmp_path / f"{k}.xlsx")],
               "review": lambda k: ["-o", str(tmp_path / "复核")]}   # the JSON names the review's folder
    extra = outputs[cmd[0]]("s") if cmd[0] in outputs else []
    code = main([*cmd, *extra, str(folder)])
    inside = capsysbinary.readouterr()
    assert exitkeep.kept() == 0  # inside another program: nothing held
    if cmd[0] == "review":  # the same folder again would move this run aside (``previous`` in the JSON)
        shutil.rmtree(tmp_path / "复核")
    extra = outputs[cmd[0]]("t") if cmd[0] in outputs else []
    run = _console(*cmd, *extra, str(folder))
    assert run.returncode == code
    assert run.stdout == inside.out and run.stdout.startswith((b"[", b"{"))
    kept = int(run.stderr.decode().split("KEPT ")[1].split()[0])
    assert kept >= (2 if cmd[0] == "review" else 3)  # the batch and result (the review), the printed data


def test_kept_objects_are_not_freed_one_by_one_and_atexit_still_runs():
    code = """
import atexit, sys
from jixiao import exitkeep

class Noisy:
    def __init__(self, name): self.name = name
    def __del__(self): sys.stderr.write(f"freed {self.name}\\n")

atexit.register(lambda: sys.stderr.write("atexit ran\\n"))
exitkeep.keep(Noisy("before start"))   # not started: freed as ever
exitkeep.start()
import gc
before = gc.get_freeze_count()
exitkeep.keep(Noisy("kept"))
assert gc.get_freeze_count() > before  # what lives to the end is out of later collections
sys.stdout.write("done")
raise SystemExit(3)
"""
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert run.returncode == 3 and run.stdout == "done"
    assert "freed before start" in run.stderr
    assert "atexit ran" in run.stderr
    assert "freed kept" not in run.stderr



def test_keep_without_start_holds_nothing_and_freezes_nothing():
    import gc

    before = gc.get_freeze_count()
    exitkeep.keep(object(), [1, 2])
    assert exitkeep.kept() == 0 and gc.get_freeze_count() == before
