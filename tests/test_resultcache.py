"""The per-file result cache (issue #18): a warm run says exactly what a cold one says; a
changed file, profile or damaged entry is never served; a file with problems is not kept;
and the one-child read-and-check path gives what the plain path gives."""

from __future__ import annotations

import pytest

from jixiao import resultcache
from jixiao.batch import pack, unpack
from jixiao.checking.run import _load_and_check
from jixiao.cli import main
from jixiao.isolated import checked_bytes, load_and_check
from jixiao.excel.workbook import write_forms


@pytest.fixture()
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("JIXIAO_CACHE_DIR", str(tmp_path / "缓存"))
    monkeypatch.delenv("JIXIAO_NO_CACHE", raising=False)
    return tmp_path / "缓存" / "results"


@pytest.fixture()
def book(tmp_path, sample_forms):
    p = tmp_path / "收件" / "01-医保局.xlsx"
    p.parent.mkdir()
    write_forms(sample_forms[:4], p)
    return p


def _check(args, capsys):
    rc = main(["check", *map(str, args), "--json"])
    out, _err = capsys.readouterr()
    return rc, out


def _entries(cache):
    return sorted(cache.rglob("*.bin")) if cache.exists() else []


def test_warm_run_says_what_the_cold_run_said(cache, book, capsys):
    cold = _check([book.parent], capsys)
    entries = _entries(cache)
    assert len(entries) == 1 and cold[1].startswith("[")
    inode = entries[0].stat().st_ino
    warm = _check([book.parent], capsys)
    assert warm == cold
    assert entries[0].stat().st_ino == inode  # served, not rewritten (a write replaces the file)


def test_no_cache_switch_writes_nothing(cache, book, capsys, monkeypatch):
    monkeypatch.setenv("JIXIAO_NO_CACHE", "1")
    _check([book], capsys)
    assert _entries(cache) == []


def test_damaged_entry_is_ignored_and_rebuilt(cache, book, capsys):
    cold = _check([book], capsys)
    (entry,) = _entries(cache)
    data = bytearray(entry.read_bytes())
    data[-10] ^= 0xFF                              # one flipped byte: the checksum refuses it
    entry.write_bytes(bytes(data))
    assert _check([book], capsys) == cold
    assert entry.read_bytes() != bytes(data)       # rewritten
    entry.write_bytes(b"JXRC")                     # cut short
    assert _check([book], capsys) == cold


def test_entry_with_a_good_checksum_that_does_not_load_is_checked_again(cache, book, capsys):
    cold = _check([book], capsys)
    key = resultcache.entry_key(book, None)
    resultcache.store(key, b"not a pickle")
    assert resultcache.load(key) == b"not a pickle"
    assert _check([book], capsys) == cold


def test_key_follows_content_path_and_profile(cache, book, tmp_path, sample_forms):
    k = resultcache.entry_key(book, None)
    assert resultcache.entry_key(book, None) == k
    assert resultcache.entry_key(book, "sixty") != k
    copy = tmp_path / "另存.xlsx"
    copy.write_bytes(book.read_bytes())
    assert resultcache.entry_key(copy, None) != k   # findings name the path
    write_forms(sample_forms[1:5], book)             # same name, other forms
    assert resultcache.entry_key(book, None) != k


def test_changed_file_is_checked_afresh(cache, book, capsys, sample_forms):
    first = _check([book], capsys)
    write_forms([f.model_copy(update={"total_score": 12.5}) for f in sample_forms[:4]], book)
    second = _check([book], capsys)
    assert second != first and "12.5" in second[1]
    assert len(_entries(cache)) == 2


def test_a_file_with_problems_is_not_kept(cache, tmp_path, capsys):
    bad = tmp_path / "坏.xlsx"
    bad.write_bytes(b"PK\x03\x04" + b"\0" * 200)
    rc, out = _check([bad], capsys)
    assert rc == 2 and "坏.xlsx" in out
    assert _entries(cache) == []


def test_one_child_path_equals_the_plain_path(book):
    plain = _load_and_check((book, None))
    data, keep = checked_bytes((book, None))
    got = unpack(data)
    assert keep is True
    assert [f.form for f in got[0]] == [f.form for f in plain[0]]
    want = [x for _s, fs in plain[2]["project"] for x in fs]
    assert want and [x for _s, fs in got[2]["project"] for x in fs] == want
    assert load_and_check((book, None))[1] == plain[1] == []
    assert unpack(data) == unpack(pack(plain))


def test_prune_drops_the_entries_unused_longest(cache):
    import os

    keys = [f"{i:02d}" + "0" * 62 for i in range(4)]
    for n, key in enumerate(keys):
        resultcache.store(key, bytes(1000))
        os.utime(resultcache._entry(key), ns=(n * 10**9, n * 10**9))  # 0 oldest … 3 newest
    assert resultcache.load(keys[0]) == bytes(1000)                    # used now: the newest
    assert resultcache.prune(limit=2 * 1100) == 2
    left = {p.stem for p in _entries(cache)}
    assert left == {keys[0], keys[3]}
    assert resultcache.prune(limit=10**9) == 0


def test_a_batch_keeps_the_cache_under_its_limit(cache, book, capsys, monkeypatch):
    monkeypatch.setenv("JIXIAO_CACHE_MB", "0")
    _check([book], capsys)
    assert _entries(cache) == []


def test_a_bug_in_checking_is_raised_not_disguised_as_a_damaged_file(book, monkeypatch):
    from jixiao.forms import by_key

    def boom(self, items, profile):
        raise RuntimeError("规则出错")

    monkeypatch.setattr(type(by_key("project")), "check_forms", boom)
    with pytest.raises(RuntimeError, match="规则出错"):
        checked_bytes((book, None))


def test_key_follows_the_calamine_build(tmp_path, monkeypatch):
    """Another calamine (its compiled module's size or time) is another key: it may read a cell otherwise."""
    from python_calamine import _python_calamine

    engine = tmp_path / "engine.so"
    engine.write_bytes(b"x" * 10)
    monkeypatch.setattr(_python_calamine, "__file__", str(engine))
    resultcache.code_fingerprint.cache_clear()
    first = resultcache.code_fingerprint()
    resultcache.code_fingerprint.cache_clear()
    assert resultcache.code_fingerprint() == first  # the same build, the same key
    engine.write_bytes(b"x" * 11)
    resultcache.code_fingerprint.cache_clear()
    assert resultcache.code_fingerprint() != first
    resultcache.code_fingerprint.cache_clear()


def test_a_check_does_not_load_package_metadata(book):
    """``importlib.metadata`` and the ``email`` package it pulls in cost ~14 ms of a one-file ``check``
    (issue #18); the cache key takes calamine's build from its compiled module instead."""
    import subprocess
    import sys

    code = ("import sys, contextlib, io\nfrom jixiao.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    main(['check', {str(book)!r}, '--json'])\n"
            "print(sorted(m for m in sys.modules if m == 'email' or m.startswith('importlib.metadata')))")
    env = {k: v for k, v in __import__("os").environ.items() if k != "JIXIAO_NO_CACHE"}
    env["JIXIAO_CACHE_DIR"] = str(book.parent / "缓存")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr
    assert list((book.parent / "缓存").rglob("*.bin"))  # the cache was used: its key was made
