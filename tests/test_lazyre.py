"""``core.lazyre``: a pattern compiled where first used answers as ``re.compile`` of it does, and is not compiled
before (the point: a check that never meets a 文号 after a name, a line break in a message or a date in Chinese
numerals no longer compiles those patterns at import, ~4 ms of a 30-form check)."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from jixiao.core.lazyre import lazy

CASES = [(r"(?<=[\u4e00-\u9fff])\s*(\d+)号", "冀财社 164号 与 x 12号"), (r"(\d)(\d)?", "a1b23"), (r"年|月", "2022年3月")]


@pytest.mark.parametrize("pattern, text", CASES)
def test_answers_as_the_compiled_pattern(pattern, text):
    lz, rx = lazy(pattern), re.compile(pattern)
    assert lz._rx is None                                   # nothing compiled yet
    assert (lz.search(text) or [None])[0] == (rx.search(text) or [None])[0]
    assert lz._rx is not None and lz.pattern == rx.pattern
    assert [m.span() for m in lz.finditer(text)] == [m.span() for m in rx.finditer(text)]
    assert lz.findall(text) == rx.findall(text) and lz.split(text) == rx.split(text)
    assert lz.sub("X", text) == rx.sub("X", text) and lz.subn(lambda m: "Y", text, 1) == rx.subn(lambda m: "Y", text, 1)
    assert bool(lz.match(text)) == bool(rx.match(text)) and bool(lz.fullmatch(text)) == bool(rx.fullmatch(text))


def test_importing_the_checker_leaves_the_rare_patterns_uncompiled():
    code = ("import jixiao.checking.run, jixiao.core.findings as f, jixiao.core.docno as d, jixiao.core.dates as t, "
            "jixiao.core.values as v, jixiao.excel.cache as c; "
            "print(f._CJK_AROUND._rx, d._AFTER_HAN._rx, t._CN_DATE._rx, v._CN_WAN._rx, c._FORMULA_CELL._rx)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["None"] * 5


def test_a_bytes_pattern_too():
    lz = lazy(rb"<f[\s/>]")
    assert [m.start() for m in lz.finditer(b"<c><f>1</f><f/>")] == [3, 11] and lz.sub(b"", b"a<f>") == b"a"
