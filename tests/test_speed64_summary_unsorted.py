"""Issue #18, the serial tail of ``summarize``: its findings are only counted form by form, so the
sort that puts them in reading order (``order.sort_findings``, ~0.2 s for 10,000 forms while one core
idles) is not done — unless the 设置 sheet's 校验规则 fold them again, where the order decides which
finding takes in which (``config.apply_findings``). The summary is the same either way."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from conftest import SAMPLES
from jixiao.checking import order
from jixiao.cli import main

FOLDER = Path(__file__).resolve().parent.parent / "jixiao" / "samples" / "dachang-2022"


def _sorts(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many findings each ``sort_findings`` call sorted (the sort itself still runs)."""
    calls: list[int] = []
    real = order.sort_findings

    def counted(findings: list[Any], items: Any) -> None:
        calls.append(len(findings))
        real(findings, items)

    monkeypatch.setattr(order, "sort_findings", counted)
    return calls


def _summary(args: list[str], capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    capsys.readouterr()
    assert main(["summarize", *args, "--json"]) in (0, 1)
    return json.loads(capsys.readouterr().out)


def test_summarize_leaves_the_findings_unsorted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    calls = _sorts(monkeypatch)
    summary = _summary([str(FOLDER), "-o", str(tmp_path / "汇总.xlsx")], capsys)
    assert calls == []
    assert sum(r["errors"] for r in summary["rows"]) > 0   # there were findings to sort
    capsys.readouterr()
    main(["check", str(FOLDER), "--json"])   # the check still sorts them, once
    assert json.loads(capsys.readouterr().out) and len(calls) == 1


def test_the_summary_does_not_depend_on_the_findings_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    """The same summary whatever order the counted findings come in: as read, sorted, shuffled."""
    import jixiao.dedupe as dedupe

    unsorted = _summary([str(FOLDER)], capsys)
    real = dedupe.check_kept
    monkeypatch.setattr(dedupe, "check_kept", lambda *a, **k: real(*a, **{**k, "ordered": True}))
    assert _summary([str(FOLDER)], capsys) == unsorted
    rng = random.Random(64)
    monkeypatch.setattr(order, "sort_findings", lambda findings, items: rng.shuffle(findings))
    assert _summary([str(FOLDER)], capsys) == unsorted


def test_rule_settings_keep_the_sort(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    """A 校验规则 block on the 设置 sheet: ``apply_findings`` folds again in the findings' order, so they
    are sorted first, as before."""
    book = tmp_path / "三张表.xlsx"
    assert main(["fill", *(str(p) for p in SAMPLES[:3]), "-o", str(book)]) == 0
    wb = openpyxl.load_workbook(book)
    ws = wb.create_sheet("设置")
    for row in (["校验规则", "设置"], ["D4", "警告"]):
        ws.append(row)
    wb.save(book)
    calls = _sorts(monkeypatch)
    _summary([str(book)], capsys)
    assert len(calls) == 1 and calls[0] > 0
