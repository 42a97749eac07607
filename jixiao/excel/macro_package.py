"""Building the macro-enabled template (.xlsm) and the ribbon add-in (.xlam) on Linux.

Sources: ``macros/*.bas`` (ASCII VBA that only calls Python through RunPython),
``macros/ribbon.xml`` (the 绩效自评 tab), and the form sheet from ``layout``/``sheet``;
they are package data of ``addin``, so a wheel can build both files at install time.
The VBA projects start from the standalone quickstart files shipped inside the installed
xlwings (their ``xlwings`` module names the xlwings DLL of that very version, and no
reference to xlwings.xlam is needed), are edited with pyOpenVBA, and are saved without any
compiled p-code (``vba_source``), so Excel compiles our source on first open; the
workbook parts are written with openpyxl, and the last step puts the form buttons (VML) and
the ribbon XML into the package.

Where the two files work (desktop Excel on Windows, with Python and ``jixiao``
installed) none of this has been run here: there is no Excel in this project's CI. The
tests check the packages statically (modules readable with oletools, every ribbon
``onAction`` and button macro defined, every RunPython naming a real Python function).
"""

from __future__ import annotations

import importlib.util
import io
from importlib.resources import files
import re
import shutil
import tempfile
import zipfile
from pathlib import Path

from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Font

from ..errors import BuildError
from ..forms.project import layout as L
from ..fileio import atomic_path
from .vba_source import mark_all_modules_dirty, source_only_project
from .workbook import FIXED_TIME, template_workbook

MACROS = Path(str(files("addin.macros")))  # package data of addin
XLSM_NAME = "项目支出绩效自评表.xlsm"
XLAM_NAME = "jixiao.xlam"
PROJECT = "jixiao"
SUGGEST_COL = "J"
BUTTON_COL = 10  # K (0-based), beside the printed form
BUTTONS = [("计算", "JX_Calc"), ("校验", "JX_Check"), ("汇总", "JX_Summarize"),
           ("生成报告", "JX_Report"), ("定稿", "JX_Finalize")]
# Only keys with a value: in xlwings' GetConfig a key present in the sheet wins even when
# empty, which would hide the interpreter `jixiao addin install` writes to the user config.
CONF_ROWS = [("UDF Modules", "addin.udfs")]
NOT_READY = "加载项未就绪"  # shown in 建议得分 when the UDF cannot run (add-in or Python missing)
WORKBOOK_OPEN = ("\r\n' Register the UDF descriptions (JixiaoText) without leaving the workbook changed.\r\n"
                 "Private Sub Workbook_Open()\r\n"
                 "    Dim wasSaved As Boolean\r\n"
                 "    wasSaved = ThisWorkbook.Saved\r\n"
                 "    JX_RegisterHelp\r\n"
                 "    If wasSaved Then ThisWorkbook.Saved = True\r\n"
                 "End Sub\r\n")


def _xlwings_dir() -> Path:
    spec = importlib.util.find_spec("xlwings")  # locate the package; never import it here
    if spec is None or not spec.submodule_search_locations:
        raise BuildError("构建 .xlsm/.xlam 需要安装 xlwings（pip install xlwings）")
    return Path(list(spec.submodule_search_locations)[0])


def bas_source(name: str) -> str:
    """A module's code from macros/NAME.bas, without its Attribute VB_Name line, CRLF."""
    text = (MACROS / f"{name}.bas").read_bytes().decode("ascii")
    text = re.sub(r'^Attribute VB_Name = "[^"]*"\r?\n', "", text)
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def _vba_project(base: Path, drop: list[str], add: dict[str, str], patch: dict[str, tuple[str, str]],
                 out: Path) -> None:
    from pyopenvba import ExcelFile

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / ("base" + base.suffix)
        shutil.copy(base, work)
        _edit_project(ExcelFile, work, drop, add, patch, out)
    source_only_project(out)


def _edit_project(ExcelFile, work: Path, drop: list[str], add: dict[str, str],
                  patch: dict[str, tuple[str, str]], out: Path) -> None:
    with ExcelFile(str(work)) as wb:
        project = wb.vba_project()
        for name in drop:
            project.delete_module(name)
        for name, code in add.items():
            project.add_module(name, code)
        for name, (old, new) in patch.items():
            src = wb.get_module(name)
            if old not in src:
                raise BuildError(f"xlwings 模块 {name} 中找不到“{old}”：xlwings 版本可能已变化")
            wb.set_module(name, src.replace(old, new))
        mark_all_modules_dirty(project)
        wb.save(str(out))


# --------------------------------------------------------------------------- buttons (VML)

def buttons_vml(buttons: list[tuple[str, str]], col: int, first_row: int = 2, rows_each: int = 2) -> str:
    """Form buttons as legacy VML, each running a macro of this workbook ([0]!Macro)."""
    shapes = []
    for i, (label, macro) in enumerate(buttons):
        top = first_row + i * (rows_each + 1)
        anchor = f"{col}, 10, {top}, 2, {col + 1}, 60, {top + rows_each}, 0"
        shapes.append(f"""
 <v:shape id="_x0000_s{1025 + i}" type="#_x0000_t201" style="position:absolute;margin-left:0;margin-top:0;width:96pt;height:30pt;z-index:{i + 1};mso-wrap-style:tight" o:button="t" fillcolor="buttonFace [67]" strokecolor="windowText [64]" o:insetmode="auto">
  <v:fill color2="buttonFace [67]" o:detectmouseclick="t"/>
  <o:lock v:ext="edit" rotation="t"/>
  <v:textbox style="mso-direction-alt:auto" o:singleclick="f">
   <div style="text-align:center"><font face="宋体" size="240" color="#000000">{label}</font></div>
  </v:textbox>
  <x:ClientData ObjectType="Button">
   <x:Anchor>{anchor}</x:Anchor>
   <x:PrintObject>False</x:PrintObject>
   <x:AutoFill>False</x:AutoFill>
   <x:FmlaMacro>[0]!{macro}</x:FmlaMacro>
   <x:TextHAlign>Center</x:TextHAlign>
   <x:TextVAlign>Center</x:TextVAlign>
  </x:ClientData>
 </v:shape>""")
    return ("""<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">
 <o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout>
 <v:shapetype id="_x0000_t201" coordsize="21600,21600" o:spt="201" path="m,l,21600r21600,l21600,xe">
  <v:stroke joinstyle="miter"/>
  <v:path shadowok="f" o:extrusionok="f" strokeok="f" fillok="f" o:connecttype="rect"/>
  <o:lock v:ext="edit" shapetype="t"/>
 </v:shapetype>""" + "".join(shapes) + "\n</xml>\n")


# --------------------------------------------------------------------------- .xlsm

def _add_in_features(ws, lay: L.FormLayout) -> None:
    """建议得分 (JX_SCORE) beside the official 得分, outside the print area. When the UDF
    cannot run (no add-in, no Python) the cell says so in Chinese; when Python reports an
    error the wrapper returns its text, shown in red — never an empty-looking column.

    There is deliberately no native fallback score: a worksheet formula cannot read “0.4万元” against
    “≤3950元”, months, a direction inferred from the 二级指标 or name, the 60% rule or a written score's
    tier as the scorer does, so it would give a second, different answer where ``jixiao score`` gives
    one (issue 14). The UDF gets the row's 三级指标 and its 二级指标 block for the same reason."""
    c = SUGGEST_COL
    ws.column_dimensions[c].width = 10
    ws[f"{c}{L.ROW_IND_HEAD}"] = "建议得分"
    ws[f"{c}{L.ROW_IND_HEAD}"].font = Font(name="宋体", size=10.5, bold=True, color="1F3864")
    for r in range(L.FIRST_IND, lay.last_ind + 1):
        # the row's 三级指标 and its 二级指标 block too: a target without ≥/≤ is read as `jixiao score` reads it
        ws[f"{c}{r}"] = (f'=IF(OR(G{r}="",E{r}=""),"",IFERROR(JX_SCORE(E{r},F{r},G{r},"",D{r},'
                         f'C${L.FIRST_IND}:C{r},$A${L.ROW_YEAR}),"{NOT_READY}"))')   # A2: the year, a month's
        ws[f"{c}{r}"].font = Font(name="宋体", size=10.5, color="1F3864")
        ws[f"{c}{r}"].number_format = "General"
    rng = f"{c}{L.FIRST_IND}:{c}{lay.last_ind}"
    ws.conditional_formatting.add(rng, FormulaRule(
        formula=[f'AND(ISTEXT({c}{L.FIRST_IND}),{c}{L.FIRST_IND}<>"")'], font=Font(color="C00000", bold=True)))
    ws[f"{c}{L.ROW_IND_HEAD - 1}"] = "（需加载项）"
    ws[f"{c}{L.ROW_IND_HEAD - 1}"].font = Font(name="宋体", size=9, color="808080")


def build_xlsm(out: Path) -> Path:
    """项目支出绩效自评表.xlsm: the official form with 建议得分, five buttons and the UDFs."""
    base = _xlwings_dir() / "quickstart_standalone.xlsm"
    with tempfile.TemporaryDirectory() as tmp:
        vba_book = Path(tmp) / "vba.xlsm"
        _vba_project(base, drop=["Module1"],
                     add={"JixiaoButtons": bas_source("JixiaoButtons"), "JixiaoText": bas_source("JixiaoText"),
                          "xlwings_udfs": bas_source("xlwings_udfs")},
                     patch={"ThisWorkbook": _workbook_open_patch()}, out=vba_book)
        with zipfile.ZipFile(vba_book) as z:
            vba_bin = z.read("xl/vbaProject.bin")
            content_types = z.read("[Content_Types].xml")
            root_rels = z.read("_rels/.rels")

    wb = template_workbook()
    ws = wb[L.TITLE]
    lay = L.FormLayout()
    _add_in_features(ws, lay)
    ws.sheet_properties.codeName = "Sheet1"
    conf = wb.create_sheet("xlwings.conf")
    conf.sheet_properties.codeName = "Sheet2"
    for i, (k, v) in enumerate(CONF_ROWS, 1):
        conf.cell(row=i, column=1, value=k)
        conf.cell(row=i, column=2, value=v)
    conf.sheet_state = "hidden"
    wb.code_name = "ThisWorkbook"
    vml_path = "xl/drawings/vmlDrawing1.vml"
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("xl/vbaProject.bin", vba_bin)
        z.writestr("[Content_Types].xml", content_types)
        z.writestr("_rels/.rels", root_rels)
        z.writestr(vml_path, buttons_vml(BUTTONS, BUTTON_COL).encode("utf-8"))
    wb.vba_archive = zipfile.ZipFile(archive)
    ws.legacy_drawing = vml_path
    wb.properties.created = wb.properties.modified = FIXED_TIME
    out = Path(out)
    with atomic_path(out) as tmp_out:
        wb.save(tmp_out)
        _ensure_vml_type(tmp_out)
    return out


VML_TYPE = b'<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>'


def _content_types(xml: bytes) -> bytes:
    """Declare .vml and list the Default entries in a fixed order: openpyxl takes them from a
    set, so their order changed from run to run and the build was not reproducible."""
    defaults = set(re.findall(rb"<Default [^>]*/>", xml))
    if b'Extension="vml"' not in xml:
        defaults.add(VML_TYPE)
    rest = re.sub(rb"<Default [^>]*/>", b"", xml)
    i = rest.index(b"<Override")
    return rest[:i] + b"".join(sorted(defaults)) + rest[i:]


def _ensure_vml_type(path: Path) -> None:
    _rewrite(path, {"[Content_Types].xml": _content_types})


def _rewrite(path: Path, edits: dict) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename in edits:
                data = edits[info.filename](data)
            zout.writestr(info, data)
    tmp.replace(path)


# --------------------------------------------------------------------------- .xlam

def _workbook_open_patch() -> tuple[str, str]:
    """Append Workbook_Open to the (otherwise empty) ThisWorkbook module."""
    return ("Attribute VB_Customizable = True\r\n", "Attribute VB_Customizable = True\r\n" + WORKBOOK_OPEN)


def _conf_sheet(xml: bytes) -> bytes:
    """The add-in's own config sheet holds exactly CONF_ROWS: xlwings' file lists
    Interpreter_Win, PYTHONPATH, Conda… with empty values, and an empty key in the sheet
    would shadow the interpreter in the user's jixiao.conf."""
    text = xml.decode("utf-8")
    m = re.search(r"<sheetData>.*</sheetData>", text, re.S)
    if not m or "<dimension " not in text:
        raise BuildError("xlwings 加载项模板的配置表格式已变化，找不到配置行")
    rows = "".join(f'<row r="{i}"><c r="A{i}" t="inlineStr"><is><t>{k}</t></is></c>'
                   f'<c r="B{i}" t="inlineStr"><is><t>{v}</t></is></c></row>'
                   for i, (k, v) in enumerate(CONF_ROWS, 1))
    text = text[:m.start()] + f"<sheetData>{rows}</sheetData>" + text[m.end():]
    return re.sub(r'<dimension ref="[^"]*"', f'<dimension ref="A1:B{len(CONF_ROWS)}"', text).encode("utf-8")


def build_xlam(out: Path) -> Path:
    """jixiao.xlam: the 绩效自评 ribbon tab (same five buttons) and the UDFs, for plain .xlsx."""
    base = _xlwings_dir() / "quickstart_addin_ribbon.xlam"
    out = Path(out)
    with atomic_path(out) as tmp_out:
        _vba_project(base, drop=["RibbonMyAddin"],
                     add={"JixiaoRibbon": bas_source("JixiaoRibbon"), "JixiaoText": bas_source("JixiaoText"),
                          "xlwings_udfs": bas_source("xlwings_udfs_addin")},
                     patch={"xlwings": ('PROJECT_NAME As String = "myaddin"', f'PROJECT_NAME As String = "{PROJECT}"'),
                            "ThisWorkbook": _workbook_open_patch()},
                     out=tmp_out)
        ribbon = (MACROS / "ribbon.xml").read_bytes()
        _rewrite(tmp_out, {
            "customUI/customUI.xml": lambda _x: ribbon,
            "xl/workbook.xml": lambda x: x.replace(b'name="_myaddin.conf"', f'name="{PROJECT}.conf"'.encode()),
            "xl/worksheets/sheet1.xml": _conf_sheet,
            "docProps/core.xml": lambda x: re.sub(rb"<dcterms:modified[^>]*>[^<]*</dcterms:modified>", b"", x),
        })
    return out
