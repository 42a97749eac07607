"""A big batch is checked in guarded pool workers, not one forked child per file (issue #18).

What a bad file costs must not change with that: a file that kills its worker, exhausts its
memory or hangs is reported as before (ReaderCrashError / FileTimeoutError naming it), the
other files' results are those of the careful path, and the batch goes on. The loader is
replaced in the test process before the pool forks, so the workers and the children inherit
the replacement (fork start method; skipped where there is none).
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import time
from pathlib import Path

import pytest

from jixiao import guard
from jixiao.batch import map_checked
from jixiao.errors import FileTimeoutError, ReaderCrashError
from jixiao.excel.workbook import write_forms
from jixiao.sources import PARALLEL_FROM

pytestmark = pytest.mark.skipif("fork" not in mp.get_all_start_methods(), reason="guarded workers need fork")


@pytest.fixture(scope="module")
def books(tmp_path_factory, sample_forms) -> list[Path]:
    root = tmp_path_factory.mktemp("报回")
    for i in range(PARALLEL_FROM):
        forms = [f.model_copy(update={"unit": f"第{i}局", "project": f"{f.project}（{i}）"})
                 for f in sample_forms[i % len(sample_forms):][:2]]
        write_forms(forms, root / f"{i:02d}.xlsx")
    return sorted(root.glob("*.xlsx"))


def _summary(parts) -> list[tuple]:
    """Per file: forms (project names), problem types, findings (rule, cell) per kind."""
    return [([f.form.project for f in forms], [type(p).__name__ for p in problems],
             {k: [[(x.rule, x.cell) for x in found] for _score, found in v] for k, v in checked.items()})
            for forms, problems, checked in parts]


def _careful(books, monkeypatch) -> list[tuple]:
    """The same batch, each file in its own guarded child (no guarded workers)."""
    import jixiao.isolated as iso

    with monkeypatch.context() as m:
        m.setattr(iso, "worker_init", lambda: None)
        return _summary(map_checked(books, "default", workers=2))


def _spy_children(monkeypatch, log: Path) -> None:
    """Record every per-file guarded child (``guard.run_limited``), from whatever process."""
    real = guard.run_limited

    def run_limited(fn, arg, **kw):
        with open(log, "a") as f:
            f.write(f"{Path(arg[0]).name}\n")
        return real(fn, arg, **kw)
    monkeypatch.setattr(guard, "run_limited", run_limited)


def _bad_loader(monkeypatch, bad: Path, act) -> None:
    import jixiao.sources as src

    real = src.load_one

    def load_one(path):
        if Path(path).name == bad.name:
            act()
        return real(path)
    monkeypatch.setattr(src, "load_one", load_one)


def test_good_files_go_through_the_workers_without_a_child_each(books, monkeypatch, tmp_path):
    careful = _careful(books, monkeypatch)
    log = tmp_path / "children.log"
    _spy_children(monkeypatch, log)
    fast = _summary(map_checked(books, "default", workers=2))
    assert fast == careful and len(fast) == PARALLEL_FROM
    assert not log.exists()  # no per-file child was forked


def test_a_file_that_kills_its_worker_costs_that_file_only(books, monkeypatch, tmp_path):
    careful = _careful(books, monkeypatch)
    log = tmp_path / "children.log"
    _spy_children(monkeypatch, log)
    bad = books[3]
    _bad_loader(monkeypatch, bad, lambda: os.kill(os.getpid(), signal.SIGKILL))
    parts = list(map_checked(books, "default", workers=2))
    got = _summary(parts)
    assert len(got) == len(books)
    assert got[3][:2] == ([], ["ReaderCrashError"]) and isinstance(parts[3][1][0], ReaderCrashError)
    assert bad.name in str(parts[3][1][0])
    assert [g for i, g in enumerate(got) if i != 3] == [c for i, c in enumerate(careful) if i != 3]
    assert bad.name in log.read_text().split()  # the careful path named it


def test_a_file_out_of_memory_is_checked_again_in_its_own_child(books, monkeypatch, tmp_path):
    careful = _careful(books, monkeypatch)

    def boom():
        raise MemoryError
    _bad_loader(monkeypatch, books[5], boom)
    parts = list(map_checked(books, "default", workers=2))
    err = parts[5][1][0]
    assert isinstance(err, ReaderCrashError) and "内存" in str(err) and books[5].name in str(err)
    got = _summary(parts)
    assert [g for i, g in enumerate(got) if i != 5] == [c for i, c in enumerate(careful) if i != 5]


def test_a_file_that_hangs_is_a_time_out_and_the_batch_goes_on(books, monkeypatch, tmp_path):
    careful = _careful(books, monkeypatch)
    log = tmp_path / "children.log"
    _spy_children(monkeypatch, log)
    monkeypatch.setattr(guard, "FILE_SECONDS", 1.0)
    _bad_loader(monkeypatch, books[2], lambda: time.sleep(60))
    t = time.monotonic()
    parts = list(map_checked(books, "default", workers=2))
    assert time.monotonic() - t < 30  # the worker's alarm, not the 60 s sleep
    err = parts[2][1][0]
    assert isinstance(err, FileTimeoutError) and books[2].name in str(err) and "1 秒" in str(err)
    assert [g for i, g in enumerate(_summary(parts)) if i != 2] == [c for i, c in enumerate(careful) if i != 2]
    # the hung file is reported from the worker's note, not read a second time in a child of its own
    assert books[2].name not in (log.read_text().split() if log.exists() else [])


def test_without_a_temporary_folder_the_batch_still_runs(books, monkeypatch):
    """The workers' notes of the file in hand live in a temporary folder; where none can be made
    the batch goes on (a hung file would then only be read once more in its own child)."""
    import tempfile

    careful = _careful(books, monkeypatch)

    def no_tmp(*a, **k):
        raise PermissionError("no temporary folder")
    monkeypatch.setattr(tempfile, "mkdtemp", no_tmp)
    assert _summary(map_checked(books, "default", workers=2)) == careful
