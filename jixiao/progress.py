"""A spinner on stderr while a command works, so a run of several seconds (report --pdf, review,
demo) never looks hung. Only on a terminal: piped or redirected output stays clean, and stdout
(JSON, file lists) is never mixed with it.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Any, Iterator

VERBS = {"fill": "填表", "read": "读取", "score": "评分", "check": "校验", "summarize": "汇总", "review": "复核",
         "import": "导入", "finalize": "定稿", "rules": "列出规则", "calc": "计算", "addin": "处理加载项",
         "templates": "生成模板", "report": "生成报告", "demo": "演示"}

_live: dict[str, Any] = {}

# A command that ends sooner shows no spinner at all, and never imports rich (~70 ms on a
# terminal: the whole budget of a small ``check``, issue #18).
DELAY = 0.3


def _delay() -> float:
    """``DELAY``, or ``JIXIAO_PROGRESS_DELAY`` seconds (0: the spinner from the start, as the
    terminal test needs on a machine where a small command ends before ``DELAY``)."""
    import os

    try:
        return max(0.0, float(os.environ.get("JIXIAO_PROGRESS_DELAY", DELAY)))
    except ValueError:
        return DELAY


@contextmanager
def working(cmd: str | None, delay: float | None = None) -> Iterator[None]:
    """Show "正在生成报告…" with a spinner on a terminal's stderr while the block runs, once it
    has run ``delay`` seconds (``DELAY``). The spinner is started by a timer thread and stopped
    here under one lock, so it is either never shown or shown and always taken down."""
    if not cmd or not sys.stderr.isatty():
        yield
        return
    import threading

    lock = threading.Lock()
    state: dict[str, Any] = {"done": False, "live": None}

    def start() -> None:
        with lock:
            if state["done"]:
                return
            from rich.console import Console
            from rich.live import Live
            from rich.spinner import Spinner

            verb = VERBS.get(cmd, cmd)
            spinner = Spinner("dots", text=f"正在{verb}……")
            # stdout is passed through the console only when it is the same terminal
            live = Live(spinner, console=Console(file=sys.stderr), transient=True, refresh_per_second=8,
                        redirect_stdout=sys.stdout.isatty(), redirect_stderr=True)
            live.start()
            state["live"] = live
            _live.update(spinner=spinner, verb=verb)

    timer = threading.Timer(_delay() if delay is None else delay, start)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        with lock:
            state["done"] = True
            if state["live"] is not None:
                state["live"].stop()
            _live.clear()


def step(label: str) -> None:
    """Name what is being done now ("项目支出绩效自评报告.pdf"); nothing when no spinner runs."""
    spinner = _live.get("spinner")
    if spinner is not None:
        spinner.update(text=f"正在{_live['verb']}：{label}")
