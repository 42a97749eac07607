"""`jixiao check` on one small workbook starts fast (issue #18): what its path imports, builds and forks.

No timings here: each test pins down one thing that made a small check slow, so that it
cannot come back unnoticed — a heavy library imported on the check path, the form models
built at import, a child process started for a 设置 sheet the workbook does not have, the
interpreter walking every object for cycles at exit.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

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


# What checking a workbook of project forms never imports (issue #18, seventh pass): the other
# kinds' readers, models, scoring and rules (a kind with a title in A1 is told apart without its
# reader), the label-anchored reader (our template is read by position), the 绩效目标表 reader.
NOT_FOR_PROJECT_FORMS = ("jixiao.forms.department.", "jixiao.forms.evaluation.", "jixiao.reading.block",
                         "jixiao.reading.labels", "jixiao.reading.targets")


def unneeded(modules: list[str]) -> list[str]:
    return [m for m in modules if m.startswith(NOT_FOR_PROJECT_FORMS)]


@pytest.fixture(scope="module")
def every_kind(tmp_path_factory):
    """A workbook of two project forms, a department form and an evaluation form (``jixiao fill``)."""
    from jixiao.cli import main

    import jixiao

    samples = Path(jixiao.__file__).resolve().parent / "samples"
    out = tmp_path_factory.mktemp("kinds") / "三种表.xlsx"
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["fill", "-o", str(out), str(samples / "dachang-2022" / "01.json"),
                     str(samples / "dachang-2022" / "02.json"), str(samples / "zizhou-2023" / "department.json"),
                     str(samples / "fengtai-2023-evaluation" / "form.json")]) == 0
    return out


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_checking_project_forms_imports_no_other_kind(book, fmt):
    got = probe("check", book, *(["--json"] if fmt == "json" else []), JIXIAO_NO_CACHE="1")
    assert got["code"] == 1 and got["out"]
    assert unneeded(got["modules"]) == []


def test_the_guarded_child_of_project_forms_imports_no_other_kind_either(book):
    """What the child reading and checking the file imports beyond what the main process warmed."""
    code = r"""
import json, sys
from pathlib import Path
from jixiao import batch
from jixiao.isolated import _child
batch.warm(None, build=False)  # what the main process imports before it forks for one file
kind, packed, clean = _child((Path(sys.argv[1]), None))
forms, problems, checked = batch.unpack(packed)
print(json.dumps({"kind": kind, "forms": len(forms), "kinds": sorted(checked), "modules": sorted(sys.modules)}))
"""
    run = subprocess.run([sys.executable, "-c", code, str(book)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    got = json.loads(run.stdout)
    assert got["kind"] == "ok" and got["forms"] == 3 and got["kinds"] == ["project"]
    assert unneeded(got["modules"]) == []


def test_the_console_command_scans_for_no_pydantic_plugin_and_a_call_leaves_pydantic_alone(book):
    code = r"""
import contextlib, io, json, sys
book = sys.argv[1]
sys.argv = ["jixiao", "check", book]
from jixiao.cli import main
with contextlib.redirect_stdout(io.StringIO()) as out:
    code = main()
import pydantic.plugin._loader as loader
from jixiao.forms.project.model import Form
Form.model_rebuild(force=True)  # a validator built after the command: still no scan
print(json.dumps({"code": code, "out": out.getvalue(), "modules": sorted(sys.modules),
                  "stub": loader.__doc__.endswith("(jixiao.cli).")}))
"""
    run = subprocess.run([sys.executable, "-c", code, str(book)], capture_output=True, text=True, timeout=120,
                         env={**os.environ, "JIXIAO_NO_CACHE": "1"})
    assert run.returncode == 0, run.stderr
    got = json.loads(run.stdout)
    from jixiao.cli import _pydantic_tested

    assert got["code"] == 1
    if _pydantic_tested():  # on another pydantic release the command leaves pydantic alone
        assert got["stub"] and "importlib.metadata" not in got["modules"]
    else:
        assert not got["stub"]
    assert got["out"] == probe("check", book, JIXIAO_NO_CACHE="1")["out"]  # main(argv): pydantic as installed
    library = subprocess.run([sys.executable, "-c", "import sys, jixiao.cli, pydantic.plugin._loader as l; "
                              "print(hasattr(l, 'entry_points'))"], capture_output=True, text=True, timeout=120)
    assert library.stdout.split() == ["True"], library.stderr


def test_a_workbook_of_every_kind_is_checked_as_with_every_rule_loaded_first(every_kind):
    """The other kinds' rules join the catalogue when their forms are met, after the project
    rules, as ``load_catalogue`` always put them: findings and their order are the same as
    when everything was imported before the check (the old ``batch.warm`` for one file)."""
    eager = r"""
import json, sys
from jixiao.checking.rules import load_catalogue
from jixiao.forms.prebuild import build_models
load_catalogue(); build_models()
from jixiao.checking.run import check_paths
batch, result = check_paths([sys.argv[1]])
from jixiao.dedupe import with_year_in_book   # the command's too: the 2023 forms beside 2022 projects (X8)
result.findings = with_year_in_book(result.findings, batch.all())
print(json.dumps([f.to_dict() for f in result.findings], ensure_ascii=False))
"""
    run = subprocess.run([sys.executable, "-c", eager, str(every_kind)], capture_output=True, text=True,
                         timeout=120, env={**os.environ, "JIXIAO_NO_CACHE": "1"})
    assert run.returncode == 0, run.stderr
    got = probe("check", "--json", every_kind, JIXIAO_NO_CACHE="1")
    findings = json.loads(got["out"])
    assert findings == json.loads(run.stdout)
    assert {f["rule"][0] for f in findings} >= {"F", "V"}  # the department's and the evaluation's rules ran
    assert "jixiao.forms.department.rules" in got["modules"]


@pytest.mark.parametrize("a1", [None, "", "部门整体支出绩效自评表", " 部门整体 支出绩效\n自评表 ", "2024年度部门整体支出绩效自评表（县医保局）",
                                "项目支出绩效评价表", "项目支出 绩效评价表", "项目支出绩效自评表", 2024.0, 7])
def test_a_titled_kind_tells_its_sheets_as_its_reader_does(a1):
    from jixiao.forms import by_key
    from jixiao.forms.base import _title_in_a1
    from jixiao.forms.department.reader import _Grid as DeptGrid, is_dept_sheet
    from jixiao.forms.evaluation.reader import is_eval_sheet
    from jixiao.forms.project.reader import _Grid

    dept, ev = by_key("department"), by_key("evaluation")
    assert dept.titled and ev.titled and not by_key("project").titled
    for rows in ([[a1, "x"]], [[a1]], []):
        assert _title_in_a1(rows, "f", "s", dept.title) == is_dept_sheet(DeptGrid(rows, "f", "s"))
        assert _title_in_a1(rows, "f", "s", ev.title) == is_eval_sheet(_Grid(rows, "f", "s"))


def test_the_project_rules_alone_are_the_catalogue_s_first_rules_and_a_kind_rule_keeps_its_importance():
    code = r"""
import json
from jixiao.checking import rules
first = list(rules.load_catalogue(kinds=False))
f1 = rules.importance("F1")  # a department rule, its module not imported yet
everything = list(rules.load_catalogue())
print(json.dumps({"first": first, "all": everything, "f1": f1, "f1_after": rules.importance("F1"),
                  "x1": rules.importance("X1")}))
"""
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    got = json.loads(run.stdout)
    assert got["all"][:len(got["first"])] == got["first"] and len(got["all"]) > len(got["first"])
    assert "F1" not in got["first"] and got["f1"] == got["f1_after"] == 7 and got["x1"] == 8


def test_the_department_default_standards_are_made_on_first_use_as_they_were_at_import():
    import hashlib

    from jixiao.forms.department import scoring
    from jixiao.forms.department.model import Standard

    got = scoring.DEFAULT_STANDARDS
    assert got is scoring.DEFAULT_STANDARDS and all(isinstance(s, Standard) for s in got.values())
    dump = json.dumps({k: v.model_dump(mode="json") for k, v in got.items()}, ensure_ascii=False)
    # the md5 of the same dump of the dict 412ab07 built at import (change it with the standards)
    assert hashlib.md5(dump.encode()).hexdigest() == "b2a68cd89e272f9c692273853f8b9ff9"
    with pytest.raises(AttributeError):
        scoring.NO_SUCH_NAME  # noqa: B018


def test_the_bytes_of_project_forms_name_no_class_of_another_kind():
    from jixiao import wire

    def modules(head):
        return {c.__module__ for c in head if isinstance(c, type)}

    assert not any(m.startswith(("jixiao.forms.department", "jixiao.forms.evaluation"))
                   for m in modules(wire.header(["project"])))
    assert {"jixiao.forms.department.model", "jixiao.forms.evaluation.model"} <= modules(wire.header())
    assert wire.header(["project", "department", "evaluation"]) is wire.header()


def test_the_plugin_stand_in_is_only_for_a_pydantic_release_it_was_read_against(monkeypatch):
    """``_pydantic_tested`` reads the installed release from its .dist-info folder: it agrees with
    ``pydantic.VERSION``, and a release not in ``PYDANTIC_TESTED`` turns the stand-in off."""
    import pydantic

    from jixiao import cli

    assert cli._pydantic_tested() == (pydantic.VERSION in cli.PYDANTIC_TESTED)
    monkeypatch.setattr(cli, "PYDANTIC_TESTED", ("0.0.0",))
    assert cli._pydantic_tested() is False
    monkeypatch.setattr(cli, "PYDANTIC_TESTED", (pydantic.VERSION,))
    assert cli._pydantic_tested() is True
