"""`jixiao check` on one small workbook starts fast (issue #18): what its path imports, builds and forks.

No timings here: each test pins down one thing that made a small check slow, so that it
cannot come back unnoticed — a heavy library imported on the check path, the form models
built at import, a child process started for a 设置 sheet the workbook does not have, the
interpreter walking every object for cycles at exit.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile

import openpyxl
import pytest

from jixiao.core import settings as settings_mod
from jixiao.excel.workbook import write_forms

# Libraries the check of a workbook never needs (writing, reports, the terminal spinner, the network).
HEAVY = ("openpyxl", "pandas", "numpy", "docx", "docxtpl", "jinja2", "rich", "xlsxwriter", "yaml", "lxml", "PIL",
         "urllib.request", "http.client", "ssl", "xml.sax", "xml.dom", "concurrent.futures")

PROBE = r"""
import contextlib, io, json, sys
from jixiao.cli import main
out = io.StringIO()
with contextlib.redirect_stdout(out):
    code = main(sys.argv[1:])
print(json.dumps({"code": code, "out": out.getvalue(), "modules": sorted(sys.modules)}))
"""


@pytest.fixture(scope="module")
def book(sample_forms, tmp_path_factory):
    return write_forms(sample_forms[:3], tmp_path_factory.mktemp("small") / "三张表.xlsx")


def probe(*argv, **env) -> dict:
    """Run ``jixiao`` in a fresh interpreter (stderr not a terminal) and return its exit code,
    output and the modules it had imported at the end."""
    run = subprocess.run([sys.executable, "-c", PROBE, *map(str, argv)], capture_output=True, text=True,
                         env={**os.environ, **env}, timeout=120)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def heavy(modules: list[str]) -> list[str]:
    return [m for m in modules if m in HEAVY or m.split(".")[0] in HEAVY]


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_check_imports_no_heavy_library(book, fmt):
    got = probe("check", book, *(["--json"] if fmt == "json" else []), JIXIAO_NO_CACHE="1")
    assert got["code"] == 1  # the samples hold errors: the check really ran
    if fmt == "json":
        assert json.loads(got["out"])
    else:
        assert "共检查 1 个文件、3 张表" in got["out"]
    assert heavy(got["modules"]) == []


def test_a_result_kept_by_the_cache_imports_no_heavy_library_either(book, tmp_path):
    first = probe("check", "--json", book, JIXIAO_NO_CACHE="0", JIXIAO_CACHE_DIR=str(tmp_path))
    again = probe("check", "--json", book, JIXIAO_NO_CACHE="0", JIXIAO_CACHE_DIR=str(tmp_path))
    assert any(tmp_path.rglob("*")) and again["out"] == first["out"] and again["code"] == first["code"] == 1
    assert heavy(again["modules"]) == []


def test_form_models_are_built_on_first_use_or_all_before_a_batch():
    """Importing the models builds nothing (``defer_build``); ``build_models`` builds every one
    (what a batch does before it forks), and a model still validates strictly after."""
    code = r"""
import json, sys, pydantic
from jixiao.forms import KINDS
models = lambda: [c for k in KINDS for c in vars(sys.modules[k.model_type().__module__]).values()
                  if isinstance(c, type) and issubclass(c, pydantic.BaseModel) and c.__module__.startswith("jixiao")]
before = sorted(c.__name__ for c in models() if c.__pydantic_complete__)
from jixiao.forms.prebuild import build_models
build_models()
after = [c.__name__ for c in models() if not c.__pydantic_complete__]
from jixiao.forms.project.model import FundRow
try:
    FundRow(initial="1")
    strict = False
except pydantic.ValidationError:
    strict = True
print(json.dumps({"before": before, "after": after, "n": len(models()), "strict": strict}))
"""
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    got = json.loads(run.stdout)
    assert got["n"] >= 10 and got["after"] == [] and got["strict"]
    # nothing built at import, not even the department's default standards (made on first use)
    assert got["before"] == []


def test_a_workbook_without_a_settings_sheet_starts_no_child(book, tmp_path, monkeypatch):
    from jixiao import guard

    calls = []

    original = guard.run_limited

    def counting(fn, arg, **kw):
        calls.append(fn.__name__)
        return original(fn, arg, **kw)

    monkeypatch.setattr(guard, "run_limited", counting)
    assert settings_mod.settings_sheet_rows(book) is None
    assert calls == []
    # with a 设置 sheet the child reads it, as before
    with_sheet = tmp_path / "有设置.xlsx"
    wb = openpyxl.load_workbook(book)
    wb.create_sheet(settings_mod.SETTINGS_SHEET).append(["单位名称", "县医保局"])
    wb.save(with_sheet)
    rows = settings_mod.settings_sheet_rows(with_sheet)
    assert calls == ["_settings_rows"] and rows and rows[0][:2] == ["单位名称", "县医保局"]


def _with_workbook_xml(src, dst, edit) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item)
            zout.writestr(item, edit(data) if item.filename == "xl/workbook.xml" else data)


def test_a_settings_sheet_named_in_an_unusual_way_is_still_read(book, tmp_path):
    """Only a workbook.xml that cannot name 设置 skips the child: a character reference or another
    encoding leaves it to the engine."""
    may = settings_mod._may_have_settings_sheet
    assert may(book) is False
    refs = tmp_path / "引用.xlsx"
    _with_workbook_xml(book, refs, lambda x: x.replace(b'name="', b'name="&#35774;&#32622;', 1))
    assert may(refs) is True
    utf16 = tmp_path / "utf16.xlsx"
    _with_workbook_xml(book, utf16, lambda x: x.decode("utf-8").encode("utf-16"))
    assert may(utf16) is True
    not_zip = tmp_path / "不是压缩包.xlsx"
    not_zip.write_bytes(b"not a zip")
    assert may(not_zip) is True


def test_the_console_command_skips_the_cycle_walk_at_exit_and_a_call_does_not():
    code = r"""
import contextlib, gc, io, sys
from jixiao.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    main(["rules"])
called = gc.get_freeze_count()
sys.argv = ["jixiao", "rules"]
with contextlib.redirect_stdout(io.StringIO()):
    main()
print(called, gc.get_freeze_count())
"""
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    called, whole = map(int, run.stdout.split())
    assert called == 0 and whole > 0



def test_summarize_into_a_new_workbook_does_not_import_openpyxl(sample_forms, tmp_path):
    """The 汇总表 of several workbooks is a new workbook written by XlsxWriter; openpyxl (~0.1 s
    to import) edits an existing one (the 汇总表 added to a single source workbook) and has no
    part in it."""
    inbox = tmp_path / "收件"
    inbox.mkdir()
    write_forms(sample_forms[:2], inbox / "甲.xlsx")
    write_forms(sample_forms[2:4], inbox / "乙.xlsx")
    out = tmp_path / "汇总表.xlsx"
    got = probe("summarize", "-o", out, "--json", inbox, JIXIAO_NO_CACHE="1")
    assert out.stat().st_size > 0 and json.loads(got["out"])
    assert "xlsxwriter" in got["modules"] and "openpyxl" not in got["modules"]
