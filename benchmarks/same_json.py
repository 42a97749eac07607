"""Correctness guard for speed work (issue #18): ``jixiao check --json`` must not change.

    .venv/bin/python benchmarks/same_json.py save DIR      # before: writes DIR/<name>.json
    .venv/bin/python benchmarks/same_json.py compare DIR   # after: byte-compares with DIR

Runs ``check --json`` on the shipped samples and on the benchmark corpus (out/bench/corpus-N,
if present) with the cache off, canonicalises the JSON (keys sorted, no indent) and compares
the bytes; findings keep their order (the command sorts them itself).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


def targets() -> dict[str, Path]:
    out = {"samples": ROOT / "jixiao" / "samples" / "dachang-2022"}
    out.update({p.name: p for p in sorted((ROOT / "out" / "bench").glob("corpus-*")) if p.is_dir()})
    return out


def run(folder: Path) -> bytes:
    env = {**os.environ, "JIXIAO_NO_CACHE": "1"}
    proc = subprocess.run([PY, "-m", "jixiao.cli", "check", str(folder), "--json"], cwd=ROOT,
                          capture_output=True, env=env)
    data = json.loads(proc.stdout)
    return json.dumps({"exit": proc.returncode, "out": data}, ensure_ascii=False, sort_keys=True).encode()


def main() -> int:
    mode, where = sys.argv[1], Path(sys.argv[2])
    where.mkdir(parents=True, exist_ok=True)
    bad = 0
    for name, folder in targets().items():
        got = run(folder)
        ref = where / f"{name}.json"
        if mode == "save":
            ref.write_bytes(got)
            print(f"{name}: saved {len(got):,} bytes")
        else:
            same = ref.exists() and ref.read_bytes() == got
            bad += not same
            print(f"{name}: {'identical' if same else 'DIFFERENT'} ({len(got):,} bytes)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
