"""Instructions a Python script executes, counted by valgrind (callgrind), for the instruction-count
benchmarks (``instr_check.py``, ``instr_read.py``, ``instr_worker.py``): steadier than CPU time on a shared machine."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse
    from typing import Callable


def instructions(script: Path, args: list[str], tree: Path | None) -> int:
    """Instructions of ``python script *args``; ``tree``: import jixiao from that checkout instead."""
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    cmd = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable]
    if tree is not None:  # -S: without the editable install's path hook, so that ``tree`` is imported
        env["PYTHONPATH"] = os.pathsep.join([str(tree), sysconfig.get_paths()["purelib"],
                                             sysconfig.get_paths()["platlib"]])
        cmd.append("-S")
    out = subprocess.run([*cmd, str(script), *args], capture_output=True, text=True, env=env,
                         cwd=tempfile.gettempdir())
    m = re.search(r"Collected : (\d+)", out.stderr)
    if out.returncode != 0 or m is None:
        raise SystemExit(f"valgrind 运行失败：\n{out.stderr[-2000:]}")
    return int(m.group(1))


def corpus_parser(description: str, root: Path) -> argparse.ArgumentParser:
    """The arguments every instruction count takes: the corpus, how many workbooks, another checkout."""
    import argparse

    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("corpus", nargs="?", default=str(root / "out" / "bench" / "corpus-10000"))
    ap.add_argument("--files", type=int, default=4)
    ap.add_argument("--tree", help="另一份项目代码（如旧版本的 git archive）")
    return ap


def corpus_files(corpus: str, files: int, start: int = 0) -> list[Path]:
    """A warm-up workbook and ``files`` more, from ``start``; resolved: the child runs in the temp folder, where a
    relative path finds no workbook (and a rule that looks the file up again then costs nothing: session 66)."""
    import shutil

    if shutil.which("valgrind") is None:
        raise SystemExit("未安装 valgrind")
    found = sorted(Path(corpus).resolve().glob("*.xlsx"))[start:start + files + 1]
    if len(found) < files + 1:
        raise SystemExit(f"{corpus}：没有足够的工作簿（先运行 benchmarks/bench_all.py 生成测试数据）")
    return found


def per_workbook(count: Callable[[int], int], files: int) -> float:
    """Millions of instructions per workbook: ``count(files)`` less ``count(0)`` (the imports, the warm-up and
    the reading of what both read cancel out), the two run side by side."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(2) as pool:
        none, some = pool.map(count, (0, files))
    return (some - none) / files / 1e6
