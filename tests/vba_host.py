"""The shipped VBA, run in pyOpenVBA's interpreter, with stand-ins only for what is Windows.

pyOpenVBA (``pyopenvba.apps.excel.ExcelApplication``) runs VBA against an in-memory Excel
object model: our modules and xlwings' own ``xlwings`` module (GetConfig, GetConfigFromFile,
FileExists…) execute as written. What it deliberately does not do is reach the machine, so
this module stands in for exactly those calls, the way Windows would answer them:

- ``Environ(name)``: from a given environment (the fake %USERPROFILE%);
- ``CreateObject("WScript.Shell").ExpandEnvironmentStrings``: %VAR% from that environment;
- file attributes and text-file reading (``GetAttr``, ``FreeFile``, ``Open … For Input``,
  ``Input #``, ``EOF``, ``Close``): on the real file system, Windows paths (``\\``) mapped to
  this one, and text decoded in the ANSI code page as VBA does (cp936 for Chinese Windows);
- ``RunPython`` and ``XLPy.CallUDF`` (Python through xlwings' DLL): recorded, not run.

One interpreter limitation is worked around in the source text: it cannot read a comment
after a ``#`` directive (``#Const App = "Microsoft Excel" 'Adjust…``), so such trailing
comments are dropped before the module is loaded; nothing else is changed.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from pyopenvba.apps.excel import ExcelApplication
from pyopenvba.excel import ExcelFile
from pyopenvba.interpreter import _ast as A
from pyopenvba.interpreter import _runtime
from pyopenvba.interpreter._objects import VBAObject, member, method
from pyopenvba.interpreter._parse import parse_expression
from pyopenvba.interpreter._values import VBAInt, to_text

RECORDER = '''
Public Calls As New Collection
Public Function RunPython(PythonCommand As String)
    Calls.Add PythonCommand
End Function
Public Function XLPy() As Object
    Set XLPy = New JixiaoFakeXLPy
End Function
'''
FAKE_XLPY = '''
Public Function CallUDF(ByVal ModuleName As String, ByVal FunctionName As String, args As Variant, _
                        Optional wb As Variant, Optional caller As Variant) As Variant
    Dim s As String
    s = ModuleName & "." & FunctionName & " args=" & (UBound(args) - LBound(args) + 1)
    If IsMissing(wb) Then s = s & " without workbook" Else s = s & " workbook=" & wb.Name
    Calls.Add s
    CallUDF = 42
End Function
'''


def strip_directive_comments(source: str) -> str:
    out = []
    for line in source.splitlines():
        if line.lstrip().startswith("#"):
            quoted = False
            for i, ch in enumerate(line):
                if ch == '"':
                    quoted = not quoted
                elif ch == "'" and not quoted:
                    line = line[:i].rstrip()
                    break
        out.append(line)
    return "\r\n".join(out) + "\r\n"


def modules_of(path: Path) -> dict[str, str]:
    with ExcelFile(str(path)) as wb:
        return {m.name: m.source for m in wb.vba_project().modules}


class WScriptShell(VBAObject):
    vba_type_name = "IWshShell3"

    def __init__(self, env: dict[str, str]):
        self.env = env

    @method
    def ExpandEnvironmentStrings(self, text: object) -> str:
        return re.sub(r"%([^%]+)%", lambda m: self.env.get(m.group(1).upper(), m.group(0)), to_text(text))


class RibbonControl(VBAObject):
    """What the ribbon passes to an onAction callback."""
    vba_type_name = "IRibbonControl"

    def __init__(self, control_id: str):
        self.control_id = control_id

    @member(name="Id")
    def Id(self) -> str:
        return self.control_id


class WindowsStandIns:
    """Environment, file system and text files as Windows would give them to VBA."""

    def __init__(self, env: dict[str, str], ansi: str = "cp936"):
        self.env = {k.upper(): v for k, v in env.items()}
        self.ansi = ansi
        self.files: dict[int, list[str]] = {}  # open file number -> remaining fields

    @staticmethod
    def local(path: str) -> Path:
        return Path(path.replace("\\", "/"))

    # -- intrinsics: f(interpreter, args, named)
    def environ(self, _i, args, _n):
        return self.env.get(to_text(args[0]).upper(), "")

    def getattr_(self, _i, args, _n):
        p = self.local(to_text(args[0]))
        if not p.exists():
            raise _runtime.error(53, "File not found")
        return VBAInt(16 if p.is_dir() else 0, "Integer")

    def freefile(self, _i, _a, _n):
        return VBAInt(max(self.files, default=0) + 1, "Integer")

    def eof(self, _i, args, _n):
        return not self.files[int(args[0])]

    # -- statements: Open path For Input As #n / Input #n, a, b / Close #n
    def statement(self, interp, stmt: A.Unsupported, frame):
        text = stmt.text
        m = re.match(r"Open (.+) For Input As #? ?(\w+)$", text, re.I)
        if m:
            path = to_text(interp.evaluate(parse_expression(m.group(1)), frame))
            number = int(interp.evaluate(parse_expression(m.group(2)), frame))
            data = self.local(path).read_bytes().decode(self.ansi)  # VBA reads text in the ANSI code page
            self.files[number] = _input_fields(data)
            return
        m = re.match(r"Input # ?(\w+) , (.+)$", text, re.I)
        if m:
            number = int(interp.evaluate(parse_expression(m.group(1)), frame))
            for name in [v.strip() for v in m.group(2).split(",")]:
                value = self.files[number].pop(0) if self.files[number] else ""
                interp.resolve_target(parse_expression(name), frame).put(value, False)
            return
        m = re.match(r"Close # ?(\w+)$", text, re.I)
        if m:
            self.files.pop(int(interp.evaluate(parse_expression(m.group(1)), frame)), None)
            return
        return ORIGINAL_UNSUPPORTED(interp, stmt, frame)

    def install(self, app: ExcelApplication) -> None:
        interp = app.interpreter
        interp._intrinsics["environ"] = self.environ
        interp._intrinsics["getattr"] = self.getattr_
        interp._intrinsics["freefile"] = self.freefile
        interp._intrinsics["eof"] = self.eof
        make = interp.create_com
        interp.create_com = lambda cls: WScriptShell(self.env) if cls.lower() == "wscript.shell" else make(cls)
        interp._jixiao_windows = self


ORIGINAL_UNSUPPORTED = _runtime._STATEMENTS[A.Unsupported]


def _unsupported(interp, stmt, frame):
    stand_ins = getattr(interp, "_jixiao_windows", None)
    if stand_ins is None:
        return ORIGINAL_UNSUPPORTED(interp, stmt, frame)
    return stand_ins.statement(interp, stmt, frame)


_runtime._STATEMENTS[A.Unsupported] = _unsupported  # only acts for interpreters given stand-ins


def _input_fields(text: str) -> list[str]:
    """The fields VBA's Input # reads from a file: comma or line separated, quotes removed."""
    fields = []
    for line in text.splitlines():
        fields += [m.group(1) if m.group(1) is not None else m.group(2).strip()
                   for m in re.finditer(r'\s*(?:"([^"]*)"|([^,]*))\s*(?:,|$)', line) if m.group(0)]
    return fields


def call_from_cell(app: ExcelApplication, sheet: str, cell: str, function: str, *args: object) -> object:
    """Run a UDF as Excel does when a cell calculates: Application.Caller is that cell (a
    member pyOpenVBA does not model)."""
    application = app.application
    if not hasattr(type(application), "_jixiao_caller"):
        class WithCaller(type(application)):  # type: ignore[misc, valid-type]
            _jixiao_caller = None

            @member(name="Caller")
            def Caller(self) -> object:
                return self._jixiao_caller

        application.__class__ = WithCaller
    application._jixiao_caller = app.application.workbooks_.books[0].vba_get("Sheets", [sheet]).vba_get("Range", [cell])
    try:
        return app.run(function, *args)
    finally:
        application._jixiao_caller = None


def record_macro_options(app: ExcelApplication) -> list[dict]:
    """Application.MacroOptions (not modelled by pyOpenVBA) recorded: what Excel would be asked
    to register for the function wizard."""
    got: list[dict] = []
    application = app.application

    class WithMacroOptions(type(application)):  # type: ignore[misc, valid-type]
        @method(name="MacroOptions")
        def MacroOptions(self, Macro=None, Description=None, HasMenu=None, MenuText=None, HasShortcutKey=None,
                         ShortcutKey=None, Category=None, StatusBar=None, HelpContextID=None, HelpFile=None,
                         ArgumentDescriptions=None):
            got.append({"Macro": Macro, "Description": Description, "Category": Category,
                        "ArgumentDescriptions": list(ArgumentDescriptions.items) if ArgumentDescriptions else []})

    application.__class__ = WithMacroOptions
    return got


def open_in_vba(path: Path, env: dict[str, str], ansi: str = "cp936", record: bool = True,
                skip: tuple[str, ...] = ()) -> ExcelApplication:
    """The workbook with its VBA project loaded, stand-ins in place; RunPython recorded."""
    app = ExcelApplication.open(str(path), with_vba=False)
    WindowsStandIns(env, ansi).install(app)
    for name, source in modules_of(path).items():
        if name in skip:
            continue
        kind = "standard"
        host = app.interpreter.host.global_object(name.lower())
        if "Attribute VB_PredeclaredId = True" in source or name == "Dictionary":
            kind = "document" if isinstance(host, VBAObject) and host is not app.application else "class"
        if record and name == "xlwings":  # Python itself (process, DLL) is recorded instead
            source = re.sub(r"^(Public )?Function (RunPython|XLPy)\(", r"Function \2_xlwings(", source, flags=re.M)
        app.add_module(strip_directive_comments(source), name=name, kind=kind)
    if record:
        app.add_module(RECORDER, name="JixiaoRecorder")
        app.add_module(FAKE_XLPY, name="JixiaoFakeXLPy", kind="class")
    return app


def env_for(home: Path) -> dict[str, str]:
    return {"USERPROFILE": str(home), "APPDATA": str(home / "AppData" / "Roaming"),
            "TEMP": os.environ.get("TMPDIR", "/tmp")}
