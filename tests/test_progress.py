"""The terminal spinner: none for a command that ends quickly, shown and always taken down for a
slow one, never on a pipe (issue #18: a small ``check`` must not pay for rich on a terminal)."""

from __future__ import annotations

import io
import time

from jixiao import progress


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_quick_command_shows_no_spinner(monkeypatch):
    err = _Terminal()
    monkeypatch.setattr("sys.stderr", err)
    with progress.working("check", delay=0.5):
        assert not progress._live
    time.sleep(0.7)  # the timer was cancelled: it does not start one afterwards either
    assert not progress._live and err.getvalue() == ""


def test_a_slow_command_gets_the_spinner_and_it_is_taken_down(monkeypatch):
    err = _Terminal()
    monkeypatch.setattr("sys.stderr", err)
    with progress.working("review", delay=0.05):
        deadline = time.monotonic() + 5
        while not progress._live and time.monotonic() < deadline:
            time.sleep(0.02)
        assert progress._live["verb"] == "复核"
        progress.step("台账.xlsx")
        time.sleep(0.3)
    assert not progress._live
    assert "正在复核" in err.getvalue()


def test_no_spinner_off_a_terminal(monkeypatch):
    err = io.StringIO()
    monkeypatch.setattr("sys.stderr", err)
    with progress.working("review", delay=0.0):
        time.sleep(0.2)
        assert not progress._live
    assert err.getvalue() == ""
