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


@contextmanager
def working(cmd: str | None) -> Iterator[None]:
    """Show "正在生成报告…" with a spinner on a terminal's stderr while the block runs."""
    if not cmd or not sys.stderr.isatty():
        yield
        return
    from rich.console import Console
    from rich.live import Live
    from rich.spinner import Spinner

    verb = VERBS.get(cmd, cmd)
    spinner = Spinner("dots", text=f"正在{verb}……")
    console = Console(file=sys.stderr)
    # stdout is passed through the console only when it is the same terminal
    live = Live(spinner, console=console, transient=True, refresh_per_second=8,
                redirect_stdout=sys.stdout.isatty(), redirect_stderr=True)
    _live.update(spinner=spinner, verb=verb)
    try:
        with live:
            yield
    finally:
        _live.clear()


def step(label: str) -> None:
    """Name what is being done now ("项目支出绩效自评报告.pdf"); nothing when no spinner runs."""
    spinner = _live.get("spinner")
    if spinner is not None:
        spinner.update(text=f"正在{_live['verb']}：{label}")
