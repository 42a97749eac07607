"""Moving a big batch between processes cheaply (issue #18).

A finance bureau checks 10,000 forms in 100 workbooks: each workbook is read, scored and
checked on its own core (``check._load_and_check``) and its results travel back to the
main process as a pickle. Two costs dominated there, and both are paid here:

- what travels and how it is rebuilt: ``pack`` makes the bytes (``wire.dumps``: findings and
  scores rebuilt by a call to their class, repeated strings sent once) and ``unpack`` gives
  back the same forms, scores and findings, field for field.
- the garbage collector: unpickling creates millions of small objects in the main
  process, and every few hundred of them the collector walked the whole growing batch
  again. ``quiet_gc`` keeps it out while a batch is merged and restores it after.

``map_checked`` is ``map_files(_load_and_check, …)`` with both applied; check, summarize
and review go through it.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, cast

from .core.findings import Finding
from .wire import dumps, header, loads

# One file's results as ``checking.run._load_and_check`` gives them: forms, problems, per kind (score, findings)
Checked = tuple[list[Any], list[Any], dict[str, list[tuple[Any, list[Finding]]]]]


@contextmanager
def quiet_gc() -> Iterator[None]:
    """No cyclic garbage collection inside the block; the collector's state is restored after.

    Why: a batch is millions of long-lived objects made in a burst (unpickled results); the
    collector would scan them again and again for cycles they do not have (~30 % of the CPU).
    Memory is still freed by reference counting; nothing here is frozen for good."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def pack(result: Checked) -> bytes:
    """What one worker sends back for one file: its forms, problems, and per kind (score, findings),
    as bytes (``wire.dumps``, its header naming the classes of just the kinds checked)."""
    return dumps(result, kinds=result[2])


def unpack(packed: bytes) -> Checked:
    """The inverse of ``pack``: the same forms, problems and findings, field for field."""
    return cast(Checked, loads(packed))


def load_and_check_packed(args: tuple[Path, Any]) -> bytes:
    """The worker: read, score and check one file (``check._load_and_check``), packed (bytes)."""
    from .checking.run import _load_and_check

    return pack(_load_and_check(args))


def _unpacked(job: tuple[Path, Any], data: bytes | None) -> tuple:
    """A worker's bytes as ``_load_and_check`` gives them; bytes from the result cache that do
    not load (whatever the reason) are thrown away and the file is checked again. ``None`` is a
    guarded worker's "not finished cleanly" (``isolated._in_worker``): checked in its own child."""
    if data is None:
        from .isolated import load_and_check_bytes

        return unpack(load_and_check_bytes(job))
    try:
        return unpack(data)
    except Exception:  # noqa: BLE001 - only a kept result can fail here; a fresh one is re-raised below
        from .isolated import load_and_check_bytes

        return unpack(load_and_check_bytes(job))


def warm(profile_name: Any, *, build: bool = True) -> None:
    """Import here what every worker imports on its first file (the kinds' readers, models and
    rules: ~0.1 s each), so the workers forked from this process start warm. The main process
    needs the same modules for the cross-form rules anyway. Best effort: a failure here is
    met again, and reported, where the work is really done.

    ``build``: a batch: also build the models' validators (``forms.prebuild``). One file
    (False) warms only what checking any workbook takes: the project form's reader (where every
    sheet without another kind's title goes), model and rules. Another kind's modules are then
    imported only for a workbook that has such a form, in its child and again here when its
    results arrive; a workbook of project forms never pays for them (~40 ms; issue #18)."""
    try:
        from .forms import KINDS
        from .core.profiles import get_profile
        from .checking.rules import load_catalogue
        from .sources import read_sheets

        profile = get_profile(profile_name)
        kinds = [k for k in KINDS if build or k.fallback]
        if build:
            read_sheets([("", [[None]], None)], "")  # a sheet of no kind: every reader, the anchored one too
        for kind in kinds:
            kind.part("read_rows")
            kind.model_type()
            kind.check_forms([], profile)
        load_catalogue(kinds=build)
        header([k.key for k in kinds])  # what every result's bytes begin with (``wire.dumps``)
        for kind in kinds:  # and those of a workbook of one kind, the usual one (``pack``)
            header([kind.key])
        if build:
            from .forms.prebuild import build_models

            build_models()
    except Exception:  # noqa: BLE001 - warming only
        pass


def map_checked(files: list[Path], profile_name: Any, *, workers: int | None = None,
                progress: bool | None = None, label: str = "读取并校验") -> Iterator[tuple]:
    """(forms, problems, per-kind results) of each file, in order, as ``_load_and_check`` gives
    them; big batches on all cores with packed results and the collector kept out. ``profile_name``
    may be the Profile itself (it carries a bureau's thresholds, which its name does not). A
    system's export saved as a web page under “.xls” is read through a LibreOffice copy, and
    everything found in it named by the file given (``reading.markup``)."""
    from .reading.markup import as_given, staged

    with staged(files) as (read, swapped):
        for got in _map_checked(read, profile_name, workers=workers, progress=progress, label=label):
            if swapped:
                forms, problems, checked = got
                as_given(swapped, forms, problems, [f for res in checked.values() for _s, fs in res for f in fs])
            yield got


def _map_checked(files: list[Path], profile_name: Any, *, workers: int | None,
                 progress: bool | None, label: str) -> Iterator[tuple]:
    from . import resultcache
    from .sources import PARALLEL_FROM

    jobs = [(f, profile_name) for f in files]
    with quiet_gc():
        warm(profile_name, build=len(jobs) > 1)  # imported once here, not again in every file's child
        if resultcache.enabled():
            resultcache.code_fingerprint()  # once, before the workers fork
        if len(jobs) < PARALLEL_FROM:  # read here (each file still in its guarded child)
            yield from map(_unpacked, jobs, map(resultcache.checked_bytes, jobs))
            if resultcache.enabled():
                resultcache.prune()
            return
        # one file at a time: a workbook is ~0.15 s of work, and a chunk of several left one core
        # idle at the end of the batch while the other finished its last chunk
        chunk = 1 if len(jobs) <= 5000 else None
        yield from _on_guarded_workers(jobs, workers=workers, progress=progress, label=label, chunk=chunk)
        # the batch now lives until the command ends: out of every later collection (the cross-form
        # rules, the sort and the JSON would otherwise walk its millions of objects again; ~1.5 s)
        gc.freeze()
    if resultcache.enabled():
        resultcache.prune()


def _on_guarded_workers(jobs: list[tuple[Path, Any]], *, workers: int | None, progress: bool | None,
                        label: str, chunk: int | None) -> Iterator[tuple]:
    """``map(_unpacked, jobs, …)`` on a pool whose workers are each the guard of the files they are
    given (``isolated.worker_init``), until a file ends one (a crash, its alarm): then the files not
    yet returned go through one guarded child each, as they always did, except the file the alarm
    was for, which the workers' notes name (``isolated.timed_out_files``): reported, not read again."""
    import shutil
    import tempfile
    from concurrent.futures.process import BrokenProcessPool
    from functools import partial

    from . import guard, resultcache
    from .isolated import timed_out_files, worker_init
    from .sources import map_files

    done = 0
    try:
        in_hand: str | None = tempfile.mkdtemp(prefix="jixiao-")
    except OSError:  # no temporary folder: a hung file is then read once more in its own child
        in_hand = None
    try:
        for data in map_files(resultcache.checked_bytes, jobs, workers=workers, progress=progress,
                              label=label, chunksize=chunk, initializer=partial(worker_init, in_hand)):
            yield _unpacked(jobs[done], data)
            done += 1
    except BrokenProcessPool:
        hung = timed_out_files(in_hand) if in_hand else set()
        rest = [j for j in jobs[done:] if str(j[0]) not in hung]
        again = map(_unpacked, rest, map_files(resultcache.checked_bytes, rest, workers=workers,
                                               progress=progress, label=label, chunksize=chunk))
        for job in jobs[done:]:
            yield ([], [guard.timed_out(guard._show(job[0]))], {}) if str(job[0]) in hung else next(again)
    finally:
        if in_hand:
            shutil.rmtree(in_hand, ignore_errors=True)

