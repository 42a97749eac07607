"""The VBA we ship, run in a VBA interpreter (pyOpenVBA) with stand-ins only for what is
Windows (see ``vba_host``): config lookup through xlwings' own GetConfig, the buttons, the
UDF wrappers; and the packages' compiled state (no stale p-code)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from addin import udfs
from addin.vba_text import MESSAGES
from jixiao.cli import REPO_TEMPLATES
from jixiao.excel.macro_package import BUTTONS, XLAM_NAME, XLSM_NAME
from jixiao.excel.vba_source import pcode_state
from vba_host import RibbonControl, call_from_cell, env_for, modules_of, open_in_vba, record_macro_options

XLSM = REPO_TEMPLATES / XLSM_NAME
XLAM = REPO_TEMPLATES / XLAM_NAME
FORM = "项目支出绩效自评表"


def _user_conf(home: Path, project: str, interpreter: str) -> Path:
    """A config file as `jixiao addin install` writes it on Chinese Windows: cp936, CRLF."""
    conf = home / f".{project}" / f"{project}.conf"
    conf.parent.mkdir(parents=True)
    conf.write_bytes(f'"INTERPRETER_WIN","{interpreter}"\r\n"UDF MODULES","addin.udfs"\r\n'.encode("cp936"))
    return conf


@pytest.fixture()
def home(tmp_path):
    home = tmp_path / "Users" / "张三"
    python = home / "AppData" / "Local" / "Programs" / "Python" / "Python311" / "python.exe"
    python.parent.mkdir(parents=True)
    python.write_bytes(b"MZ")
    _user_conf(home, "xlwings", str(python))
    _user_conf(home, "jixiao", str(python))
    return home, str(python)


@pytest.mark.parametrize("package", [XLSM, XLAM], ids=["xlsm", "xlam"])
def test_getconfig_returns_the_interpreter_install_wrote(package, home):
    home, python = home
    app = open_in_vba(package, env_for(home))
    assert app.evaluate('GetConfig("INTERPRETER_WIN")') == python  # read back through cp936
    assert app.evaluate('GetConfig("UDF MODULES")') == "addin.udfs"
    project = "jixiao" if package == XLAM else "xlwings"
    assert app.evaluate("GetConfigFilePath()").endswith(f"\\.{project}\\{project}.conf")


def test_an_empty_key_in_the_conf_sheet_would_shadow_the_user_config(home):
    """Why the conf sheets carry no empty rows: xlwings' GetConfig stops at a key present in
    the sheet, even with no value."""
    home, python = home
    app = open_in_vba(XLAM, env_for(home))
    app.add_module('Sub AddEmptyRow()\r\n    ThisWorkbook.Sheets("jixiao.conf").Range("A2").Value = "Interpreter_Win"\r\nEnd Sub\r\n',
                   name="Shadow")
    assert app.evaluate('GetConfig("INTERPRETER_WIN")') == python
    app.run("AddEmptyRow")
    assert app.evaluate('GetConfig("INTERPRETER_WIN")') == ""


def test_each_button_hands_its_statement_to_runpython(home):
    home, _python = home
    app = open_in_vba(XLSM, env_for(home))
    want = {"JX_Calc": "calc", "JX_Check": "check", "JX_Summarize": "summarize", "JX_Report": "report",
            "JX_Finalize": "finalize"}
    assert {macro for _label, macro in BUTTONS} == set(want)
    for i, (macro, fn) in enumerate(want.items(), 1):
        app.run(macro)
        assert app.evaluate(f"Calls({i})") == f"import addin.buttons as b; b.{fn}()"
        assert callable(getattr(__import__("addin.buttons", fromlist=[fn]), fn))
    assert app.evaluate("Calls.Count") == 5 and app.dialogs == []


def test_each_ribbon_button_hands_its_statement_to_runpython(home):
    home, _python = home
    app = open_in_vba(XLAM, env_for(home))
    callbacks = ["JX_RibbonCalc", "JX_RibbonCheck", "JX_RibbonSummarize", "JX_RibbonReport", "JX_RibbonFinalize"]
    for i, (macro, fn) in enumerate(zip(callbacks, ["calc", "check", "summarize", "report", "finalize"]), 1):
        app.run(macro, RibbonControl(macro))
        assert app.evaluate(f"Calls({i})") == f"import addin.buttons as b; b.{fn}()"


def test_a_missing_python_is_said_in_chinese_and_nothing_runs(tmp_path, home):
    app = open_in_vba(XLSM, env_for(tmp_path / "Users" / "李四"))  # nothing installed for this user
    app.run("JX_Check")
    assert app.evaluate("Calls.Count") == 0
    (kind, text, title, _style), = app.dialogs
    assert kind == "MsgBox" and title == "绩效自评助手" and text == MESSAGES["no_python"]

    gone = tmp_path / "gone"
    _user_conf(gone, "jixiao", "C:\\Python39\\python.exe")
    app = open_in_vba(XLAM, env_for(gone))
    app.run("JX_RibbonCalc", RibbonControl("jxCalc"))
    assert app.evaluate("Calls.Count") == 0
    assert "C:\\Python39\\python.exe" in app.dialogs[0][1] and "jixiao addin install" in app.dialogs[0][1]


@pytest.mark.parametrize("package, book", [(XLSM, XLSM_NAME), (XLAM, XLAM_NAME)], ids=["xlsm", "xlam"])
def test_udf_wrappers_compile_the_excel_branch(package, book, home):
    """#Const App = "Microsoft Excel" at the top, as xlwings' import writes it: the wrapper
    passes the workbook and the calling cell to Python. Without it, the other branch."""
    home, _python = home
    app = open_in_vba(package, env_for(home))
    assert call_from_cell(app, app.sheets()[0].name, "J14", "JX_SCORE", "≥17 名", "14 名", 10) == 42
    assert app.evaluate("Calls(1)") == f"addin.udfs.JX_SCORE args=7 workbook={book}"

    app = open_in_vba(package, env_for(home), skip=("xlwings_udfs",))
    source = modules_of(package)["xlwings_udfs"]
    app.add_module(re.sub(r"^#Const App.*$", "", source, flags=re.M), name="xlwings_udfs")
    call_from_cell(app, app.sheets()[0].name, "J14", "JX_SCORE", "≥17 名", "14 名", 10)
    assert app.evaluate("Calls(1)") == "addin.udfs.JX_SCORE args=7 without workbook"


@pytest.mark.parametrize("package, book", [(XLSM, XLSM_NAME), (XLAM, XLAM_NAME)], ids=["xlsm", "xlam"])
def test_udf_help_is_registered_at_open(package, book):
    """Workbook_Open registers, for every UDF, the Chinese description, category and
    argument help of addin/udfs.py (Application.MacroOptions, as xlwings' import does)."""
    app = open_in_vba(package, {})
    got = record_macro_options(app)
    app.run("ThisWorkbook.Workbook_Open")
    assert sorted(g["Macro"] for g in got) == sorted(f"'{book}'!{name}" for name in udfs.ARG_HELP)
    for g in got:
        name = g["Macro"].rsplit("!", 1)[1]
        assert g["Description"] == udfs.RAW[name].__doc__.strip() and g["Category"] == udfs.CATEGORY
        assert g["ArgumentDescriptions"] == list(udfs.ARG_HELP[name].values())


@pytest.mark.parametrize("package", [XLSM, XLAM], ids=["xlsm", "xlam"])
def test_no_stale_pcode(package):
    version, cached = pcode_state(package)
    assert version == 0xFFFF and cached == []


@pytest.mark.parametrize("package", [XLSM, XLAM], ids=["xlsm", "xlam"])
def test_vba_is_ascii_and_names_the_installed_xlwings_dll(package):
    import xlwings

    mods = modules_of(package)
    for source in mods.values():
        source.encode("ascii")
    assert set(re.findall(r'"(xlwings64-[\d.]+\.dll)"', mods["xlwings"])) == {f"xlwings64-{xlwings.__version__}.dll"}
    # the project carries xlwings' own module (no reference to xlwings.xlam): what the stand-ins replace is real
    assert re.search(r"^(Public )?Function RunPython\(", mods["xlwings"], re.M)
    assert re.search(r"^Function XLPy\(\)", mods["xlwings"], re.M)
    from pyopenvba.excel import ExcelFile

    with ExcelFile(str(package)) as wb:
        assert {r.name for r in wb.vba_project().references} == {"MSForms", "Office"}  # none can go missing
    assert mods["xlwings_udfs"].splitlines()[1:3] == [
        "'Autogenerated code by xlwings - changes will be lost with next import!",
        "#Const App = \"Microsoft Excel\" 'Adjust when using outside of Excel"]


@pytest.mark.parametrize("package, sheet", [(XLSM, "xlwings.conf"), (XLAM, "jixiao.conf")], ids=["xlsm", "xlam"])
def test_conf_sheets_hold_no_empty_keys(package, sheet):
    app = open_in_vba(package, {}, record=False)
    rows = [r for r in app.sheet(sheet).rows() if any(v not in (None, "") for v in r)]
    assert rows == [["UDF Modules", "addin.udfs"]]
