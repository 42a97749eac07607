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
from typing import Any, AnyStr, Callable, Generic, Iterator


class LazyPattern(Generic[AnyStr]):
    """``re.compile(pattern, flags)`` where first used; the ``re.Pattern`` methods the project calls. Of text
    or of bytes (the package readers' patterns), as the pattern is."""

    __slots__ = ("pattern", "flags", "_rx")

    def __init__(self, pattern: AnyStr, flags: int = 0) -> None:
        self.pattern: AnyStr = pattern
        self.flags = flags
        self._rx: re.Pattern[AnyStr] | None = None

    @property
    def rx(self) -> re.Pattern[AnyStr]:
        rx = self._rx
        if rx is None:
            rx = self._rx = re.compile(self.pattern, self.flags)
        return rx

    def search(self, string: AnyStr, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[AnyStr] | None:
        return self.rx.search(string, pos, endpos)

    def match(self, string: AnyStr, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[AnyStr] | None:
        return self.rx.match(string, pos, endpos)

    def fullmatch(self, string: AnyStr, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[AnyStr] | None:
        return self.rx.fullmatch(string, pos, endpos)

    def finditer(self, string: AnyStr, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[AnyStr]]:
        return self.rx.finditer(string, pos, endpos)

    def findall(self, string: AnyStr, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        return self.rx.findall(string, pos, endpos)

    def sub(self, repl: AnyStr | Callable[[re.Match[AnyStr]], AnyStr], string: AnyStr, count: int = 0) -> AnyStr:
        return self.rx.sub(repl, string, count)

    def subn(self, repl: AnyStr | Callable[[re.Match[AnyStr]], AnyStr], string: AnyStr,
             count: int = 0) -> tuple[AnyStr, int]:
        return self.rx.subn(repl, string, count)

    def split(self, string: AnyStr, maxsplit: int = 0) -> list[AnyStr | Any]:
        return self.rx.split(string, maxsplit)


def lazy(pattern: AnyStr, flags: int = 0) -> LazyPattern[AnyStr]:
    """A pattern compiled on its first use (see the module's docstring for which to write so)."""
    return LazyPattern(pattern, flags)
