"""The main process's bursts of new objects after a batch run with the cyclic collector off, and
it is back on afterwards (issue #18): the cross-form rules, ``check --json``'s dicts, the summary
workbook. Same output; the collector's state restored even when it was already off."""

from __future__ import annotations

import gc
import json
import shutil
from pathlib import Path

import pytest

from jixiao.cli import main

CORPUS = Path(__file__).parent / "corpus"


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    d = tmp_path_factory.mktemp("gc")
    for name in ("01-merged-levels.xlsx", "02-packed-cells.xlsx"):
        shutil.copy(CORPUS / name, d / name)
    return d


def _spy(monkeypatch, module, name: str) -> list[bool]:
    seen: list[bool] = []
    real = getattr(module, name)

    def spy(*a, **k):
        seen.append(gc.isenabled())
        return real(*a, **k)

    monkeypatch.setattr(module, name, spy)
    return seen


def test_check_paths_runs_the_cross_rules_without_the_collector(folder, monkeypatch):
    from jixiao.checking import run

    seen = _spy(monkeypatch, run, "check_batch")
    batch, result = run.check_paths(sorted(folder.glob("*.xlsx")))
    assert seen == [False] and gc.isenabled()
    assert result.forms == len(batch.all()) > 0


def test_check_deduped_runs_the_cross_rules_without_the_collector(folder, monkeypatch):
    from jixiao import dedupe

    seen = _spy(monkeypatch, dedupe, "check_kept")
    _batch, result, _aside = dedupe.check_deduped([folder])
    assert seen == [False] and gc.isenabled() and result.findings


def test_check_json_prints_without_the_collector_the_same_findings(folder, monkeypatch, capsys):
    import jixiao.cli as cli

    main(["check", "--json", str(folder)])
    before = capsys.readouterr().out
    seen = _spy(monkeypatch, cli, "_print_json")
    main(["check", "--json", str(folder)])
    assert seen == [False] and gc.isenabled()
    assert capsys.readouterr().out == before and json.loads(before)


def test_a_collector_that_was_off_stays_off(folder):
    from jixiao.checking import run

    gc.disable()
    try:
        run.check_paths(sorted(folder.glob("*.xlsx")))
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_summary_workbook_is_written_without_the_collector_and_it_is_restored(folder, tmp_path, monkeypatch, capsys):
    """``summarize`` writes its workbook with the cyclic collector off (cli.cmd_summarize, issue #18):
    the workbook is the same, and the collector is back on afterwards."""
    import gc

    import jixiao.summary.write as write

    seen = []
    real = write.write_summary

    def spy(*a, **k):
        seen.append(gc.isenabled())
        return real(*a, **k)

    monkeypatch.setattr(write, "write_summary", spy)
    assert gc.isenabled()
    main(["summarize", "-o", str(tmp_path / "s.xlsx"), str(folder)])
    assert seen == [False] and gc.isenabled()
    assert (tmp_path / "s.xlsx").is_file()
    assert "已写入" in capsys.readouterr().err
