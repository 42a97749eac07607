"""``review`` writes the 退回修改通知 while its workers make the annotated copies (issue #18).

A notice only says whether annotated copies come with it; it is written before the copies
exist, on the hope that they will be made, and written again when one of them was not. The
result must be the files the one-after-the-other order writes."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pytest

from review_fixture import form, run_cli
from jixiao import sources
from jixiao.excel.workbook import write_forms
from jixiao.review import write

UNITS = [f"县第{k}局" for k in range(1, 10)]  # 9 department workbooks: a process pool (PARALLEL_FROM is 8)
FAILS = "县第3局"
MARKED = "问题已在随附的工作簿中逐格标注。"


def _failing(job):
    """``write._annotate``, except that the copy of FAILS's workbook cannot be made."""
    path, _dst, _plan = job
    if FAILS in path:
        return path, None, "模拟：无法写出"
    return _ORIGINAL(job)


_ORIGINAL = write._annotate


@pytest.fixture(scope="module")
def inbox(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("overlap") / "inbox"
    for k, unit in enumerate(UNITS):
        write_forms([form(1 + k % 8, unit)], root / unit / f"{unit}-自评表.xlsx")
    return root


def _notices(out: Path) -> dict[str, bytes]:
    return {p.parent.name: zipfile.ZipFile(p).read("word/document.xml") for p in sorted(out.rglob("退回修改通知.docx"))}


def _text(xml_of: bytes) -> str:
    """The notice's words: its text runs, in order."""
    return "".join(t.decode() for t in re.findall(rb"<w:t[^>]*>([^<]*)</w:t>", xml_of))


def _review(inbox: Path, out: Path, monkeypatch, *, serial: bool) -> tuple[dict[str, bytes], list[bool]]:
    seen: list[bool] = []
    real = sources.start_map

    def spy(*a, **kw):
        assert kw.get("chunksize") == 1  # one copy at a time: no core idle behind a worker's last chunk
        results, parallel = real(*a, **kw)
        seen.append(parallel)
        return results, parallel

    monkeypatch.setattr(write, "start_map", spy)
    monkeypatch.setattr(write, "_annotate", _failing)
    if serial:
        monkeypatch.setattr(sources, "PARALLEL_FROM", 10**6)
    code, _ = run_cli("review", str(inbox), "-o", str(out), "--json")
    assert code in (0, 1)
    return _notices(out), seen


def test_notice_rewritten_when_a_copy_fails(inbox, tmp_path, monkeypatch):
    notices, seen = _review(inbox, tmp_path / "out", monkeypatch, serial=False)
    assert seen == [True]  # the copies were made by other processes, the notices meanwhile
    assert set(notices) == set(UNITS)
    assert MARKED not in _text(notices[FAILS])
    assert not list((tmp_path / "out" / FAILS).glob("*校验标注*"))
    for unit in UNITS:
        if unit != FAILS:
            assert MARKED in _text(notices[unit]), unit
            assert list((tmp_path / "out" / unit).glob("*校验标注.xlsx"))


def test_same_notices_as_one_after_the_other(inbox, tmp_path, monkeypatch):
    overlapped, seen = _review(inbox, tmp_path / "a", monkeypatch, serial=False)
    with monkeypatch.context() as m:
        serial, seen_serial = _review(inbox, tmp_path / "b", m, serial=True)
    assert seen == [True] and seen_serial == [False]
    assert overlapped == serial
    doc = docx.Document(str(tmp_path / "a" / UNITS[0] / "退回修改通知.docx"))
    assert doc.paragraphs[-1].style.name == "落款"
