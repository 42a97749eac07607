"""A workbook jixiao writes carries the extension of what it is.

Before: ``summarize -o 汇总表.xls``, ``calc -o 副本.xls``, ``import -o 表.et``, ``check --annotate 标注.xls``
wrote .xlsx bytes under those names, and ``calc 模板.xlsm -o 副本.xlsx`` wrote a macro workbook
(its content type macro-enabled, vbaProject.bin inside) named .xlsx: Excel refuses to open both.
"""

from __future__ import annotations

import posixpath
import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest

from conftest import SAMPLES
from review_fixture import run_cli

ROOT = Path(__file__).resolve().parents[1]
XLSM = ROOT / "xlsx_templates" / "项目支出绩效自评表.xlsm"
XLS = ROOT / "tests" / "corpus" / "01-merged-levels.xls"
MACRO_TYPE = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
PLAIN_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"


def _workbook_type(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        types = z.read("[Content_Types].xml").decode()
    m = re.search(r'PartName="/xl/workbook.xml" ContentType="([^"]+)"', types)
    assert m, types
    return m.group(1)


def _dangling(path: Path) -> list[str]:
    """Relationship targets inside the package that are not in it (Excel offers to repair such a file)."""
    out = []
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        for rels in (n for n in names if n.endswith(".rels")):
            owner = rels.replace("_rels/", "")[: -len(".rels")]
            for target, mode in re.findall(r'Target="([^"]+)"(?:\s+TargetMode="(\w+)")?', z.read(rels).decode()):
                if mode == "External":
                    continue
                part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                    posixpath.join(posixpath.dirname(owner), target))
                if part not in names:
                    out.append(f"{rels} -> {target}")
    return out


@pytest.mark.parametrize("argv, out", [
    (["summarize", str(XLS), "-o", "{d}/汇总表.xls"], "汇总表.xls"),
    (["calc", str(XLS), "-o", "{d}/副本.xls"], "副本.xls"),
    (["import", str(XLS), "-o", "{d}/表.et"], "表.et"),
    (["check", str(XLS), "--annotate", "{d}/标注.xls"], "标注.xls"),
    (["fill", str(SAMPLES[0]), "-o", "{d}/表"], "表"),
    (["calc", str(XLS), "-o", "{d}/副本.xlsm"], "副本.xlsm"),  # no macros to keep: .xlsm would lie too
])
def test_a_workbook_name_that_says_another_format_is_refused_before_any_work(tmp_path, capsys, argv, out):
    code, printed = run_cli(*[a.format(d=tmp_path) for a in argv])
    assert code == 2 and printed == ""
    assert not (tmp_path / out).exists() and list(tmp_path.iterdir()) == []
    err = capsys.readouterr().err
    assert f"{out}：输出的工作簿文件名应以 .xlsx" in err and "Traceback" not in err


def test_a_macro_workbooks_copy_named_xlsx_is_a_real_xlsx(tmp_path):
    code, _ = run_cli("calc", str(XLSM), "-o", str(tmp_path / "副本.xlsx"))
    assert code == 1   # the blank template's form has no 项目名称 and is not read: said; the copy is written all the same
    copy = tmp_path / "副本.xlsx"
    assert _workbook_type(copy) == PLAIN_TYPE
    with zipfile.ZipFile(copy) as z:
        assert not [n for n in z.namelist() if "vba" in n.lower() or n.endswith(".vml")]
    assert _dangling(copy) == []
    wb = openpyxl.load_workbook(copy)
    assert wb.sheetnames == openpyxl.load_workbook(XLSM).sheetnames


def test_a_macro_workbooks_copy_named_xlsm_keeps_its_macros(tmp_path):
    code, _ = run_cli("calc", str(XLSM), "-o", str(tmp_path / "副本.xlsm"))
    assert code == 1   # the blank template's form has no 项目名称 and is not read: said; the copy is written all the same
    copy = tmp_path / "副本.xlsm"
    assert _workbook_type(copy) == MACRO_TYPE and _dangling(copy) == []
    with zipfile.ZipFile(copy) as z, zipfile.ZipFile(XLSM) as src:
        assert z.read("xl/vbaProject.bin") == src.read("xl/vbaProject.bin")


def test_the_annotated_copy_of_a_macro_workbook_follows_its_name(tmp_path):
    book = tmp_path / "表.xlsm"
    shutil.copy(XLSM, book)
    wb = openpyxl.load_workbook(book, keep_vba=True)
    wb.close()
    for name, kind in (("标注.xlsx", PLAIN_TYPE), ("标注.xlsm", MACRO_TYPE)):
        code, _ = run_cli("check", str(book), "--annotate", str(tmp_path / name))
        assert code == 2  # the blank template: nothing to read, its header cells marked
        assert _workbook_type(tmp_path / name) == kind and _dangling(tmp_path / name) == []


def test_calc_takes_an_xls_and_writes_an_xlsx(tmp_path):
    """``calc`` refused an .xls (“只能在 .xlsx/.xlsm 上写入”) though every command reads it."""
    from conftest import need_libreoffice

    need_libreoffice()
    src = tmp_path / "表.xls"
    shutil.copy(XLS, src)
    before = src.read_bytes()
    code, printed = run_cli("calc", str(src), "-o", str(tmp_path / "副本.xlsx"))
    assert code == 0 and "写入" in printed
    assert _workbook_type(tmp_path / "副本.xlsx") == PLAIN_TYPE
    got = openpyxl.load_workbook(tmp_path / "副本.xlsx")
    assert got.sheetnames == ["退役军人辅助性岗位经费", "医疗保障服务经费"]
    assert src.read_bytes() == before


def test_a_folder_given_for_the_workbook_is_said_to_be_a_folder(tmp_path, capsys):
    """`calc book.xlsx -o 文件夹/`: the folder is named as a folder, not as a name lacking “.xlsx”."""
    code, printed = run_cli("calc", str(XLS), "-o", str(tmp_path) + "/")
    assert code == 2 and printed == "" and list(tmp_path.iterdir()) == []
    err = capsys.readouterr().err
    assert "输出位置是一个文件夹，请给出文件名" in err and "结尾" not in err and "Traceback" not in err
