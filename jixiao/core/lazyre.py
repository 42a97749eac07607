"""A regular expression compiled where it is first used, not where its module is imported (issue #18).

Python compiles a pattern in Python code, and a character class holding CJK characters is slow to compile: the
class becomes a 64K-entry map, a range of them (``[\\u4e00-\\u9fff]``) is filled one character at a time — about
0.1–2 ms a pattern. A check of one 30-form workbook compiled about 100 patterns, 18 ms of its 0.23 s, many of them
for texts that few forms have (a 文号 in a project name, a line break in a message, a date in Chinese numerals).
Those are written ``lazy(…)``: the same pattern, compiled on its first use; the first use of each pays what the
import paid before, a run that never uses it pays nothing.
"""

from __future__ import annotations

import re
import sys
from typing import Any, Callable, Iterator


class LazyPattern:
    """``re.compile(pattern, flags)`` where first used; the ``re.Pattern`` methods the project calls."""

    __slots__ = ("pattern", "flags", "_rx")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self._rx: re.Pattern[str] | None = None

    @property
    def rx(self) -> re.Pattern[str]:
        rx = self._rx
        if rx is None:
            rx = self._rx = re.compile(self.pattern, self.flags)
        return rx

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.rx.search(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.rx.match(string, pos, endpos)

    def fullmatch(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.rx.fullmatch(string, pos, endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return self.rx.finditer(string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        return self.rx.findall(string, pos, endpos)

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> str:
        return self.rx.sub(repl, string, count)

    def subn(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> tuple[str, int]:
        return self.rx.subn(repl, string, count)

    def split(self, string: str, maxsplit: int = 0) -> list[str | Any]:
        return self.rx.split(string, maxsplit)


def lazy(pattern: str, flags: int = 0) -> LazyPattern:
    """A pattern compiled on its first use (see the module's docstring for which to write so)."""
    return LazyPattern(pattern, flags)
