"""The fuzzing suite in the normal test run: a fixed seed, a hundred-odd hostile files, every command.

The large run is ``python tests/fuzz/run_fuzz.py --files 1000`` (its figures are in the README).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run_fuzz import COUNTERS, run  # noqa: E402


def test_hostile_workbooks_never_break_a_command(tmp_path):
    report = run(120, 13, tmp_path, full=False, timeout=120.0, mem_mb=3072, interrupts=2)
    counts = report["counts"]
    assert counts["runs"] >= 280  # every case ran its commands, batches included
    assert len(report["kinds"]) >= 25  # the generator really produced many kinds of damage
    bad = {k: counts[k] for k in COUNTERS if k != "runs" and counts[k]}
    assert not bad, (bad, report["examples"])
