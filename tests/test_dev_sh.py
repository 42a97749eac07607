"""``dev.sh`` decides what to install from what is already there; a wrong "missing" sends a
developer without root through ``sudo apt-get`` on every call.

The font line once piped ``fc-list`` into ``grep -q`` under ``set -o pipefail``: grep stopped at the
first match, fc-list died of SIGPIPE, and the pipeline failed two times in three with the fonts
installed. Each detection line of ``dev.sh`` is run here as the script runs it, many times.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

DEV_SH = Path(__file__).resolve().parents[1] / "dev.sh"


def _detection_lines() -> list[str]:
    """The lines of dev.sh that add to ``need_apt`` after a test."""
    return [ln.strip() for ln in DEV_SH.read_text(encoding="utf-8").splitlines()
            if "|| need_apt+=" in ln and not ln.lstrip().startswith("#")]


def test_every_detection_line_is_found() -> None:
    lines = _detection_lines()
    assert len(lines) >= 4, lines  # soffice, pdftoppm, fonts, venv
    assert any("fc-list" in ln for ln in lines)


def test_no_detection_pipes_into_an_early_exit() -> None:
    """``a | grep -q`` under pipefail fails whenever ``a`` is still writing when grep exits."""
    for ln in _detection_lines():
        for stage in ln.split("||")[0].split("|")[1:]:
            assert not re.search(r"\bgrep\s+-\w*q", stage), ln


@pytest.mark.skipif(shutil.which("fc-list") is None, reason="fontconfig 未安装")
def test_installed_font_is_seen_every_time() -> None:
    have = subprocess.run(["fc-list"], capture_output=True, text=True).stdout
    if "noto sans cjk" not in have.lower():
        pytest.skip("Noto Sans CJK 未安装")
    line = next(ln for ln in _detection_lines() if "fc-list" in ln)
    probe = line.split("||")[0]
    script = ("set -euo pipefail\nmissing=0\nfor i in $(seq 40); do " + probe +
              " || missing=$((missing+1)); done\necho $missing")
    out = subprocess.run(["bash", "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "0", f"字体已安装，但检测 40 次中有 {out.strip()} 次判为缺失"
