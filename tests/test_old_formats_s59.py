"""The 填报人 of a county office with old software: a macro workbook (.xlsm, the template with its
buttons), an Excel 97–2003 .xls, a WPS .et — every command writes what it says it writes.

Before: ``summarize 自评表.xlsm -o 汇总表.xlsx`` wrote the linked copy of the macro workbook with its
vbaProject.bin and the macro-enabled content type under the name .xlsx — Excel refuses to open such a
file (“文件格式或文件扩展名无效”), as it refuses the copies ``test_output_names`` covers for ``calc``.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
from openpyxl.cell.cell import MergedCell

from conftest import SAMPLES
from review_fixture import run_cli
from test_output_names import MACRO_TYPE, PLAIN_TYPE, ROOT, XLSM, _workbook_type  # noqa: F401 - one reading of a package's type

def _parts(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        return z.namelist()


def filled_xlsm(tmp_path: Path) -> Path:
    """The .xlsm template (macros, buttons) with a sample form typed into its form sheet, as a 填报人
    fills it in Excel: the cells of ``fill``'s .xlsx of the same form, the template's formulas kept."""
    plain = tmp_path / "plain.xlsx"
    code, _ = run_cli("fill", str(SAMPLES[0]), "-o", str(plain))
    assert code == 0
    src = openpyxl.load_workbook(plain).worksheets[0]
    wb = openpyxl.load_workbook(XLSM, keep_vba=True)
    ws = wb["项目支出绩效自评表"]
    for row in src.iter_rows():
        for cell in row:
            target = ws[cell.coordinate]
            if cell.value is None or isinstance(cell, MergedCell) or isinstance(target, MergedCell):
                continue
            if isinstance(target.value, str) and target.value.startswith("="):
                continue  # the template's own formula stays
            target.value = cell.value
    ws.title = src.title
    book = tmp_path / "自评表.xlsm"
    wb.save(book)
    wb.close()
    assert "xl/vbaProject.bin" in _parts(book)
    return book


def test_the_summary_of_a_macro_workbook_named_xlsx_is_a_real_xlsx(tmp_path):
    book = filled_xlsm(tmp_path)
    out = tmp_path / "汇总表.xlsx"
    code, _ = run_cli("summarize", str(book), "-o", str(out))
    assert code == 0
    assert _workbook_type(out) == PLAIN_TYPE
    assert not [n for n in _parts(out) if "vba" in n.lower()]
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[0] == "汇总表" and "项目明细" in wb.sheetnames   # still the linked copy of the forms


def test_the_summary_of_an_xls_is_the_linked_copy_an_xlsx_gets(tmp_path):
    """``summarize 自评表.xls -o 汇总表.xlsx`` wrote a 汇总表 alone (项目明细 as numbers, no form sheets)
    where the same forms in an .xlsx get their workbook with the 汇总表 linked to them by formulas; not a
    word said why. Now the .xls goes through LibreOffice as for 计算 and 校验: the same workbook."""
    from conftest import need_libreoffice
    from jixiao.excel.office import convert

    need_libreoffice()
    plain = tmp_path / "自评表.xlsx"
    code, _ = run_cli("fill", *map(str, SAMPLES[:2]), "-o", str(plain))
    assert code == 0
    old = convert(plain, "xls", tmp_path / "old")
    before = old.read_bytes()
    got = {}
    for src in (plain, old):
        out = tmp_path / f"汇总表-{src.suffix[1:]}.xlsx"
        code, _ = run_cli("summarize", str(src), "-o", str(out))
        assert code == 0
        got[src.suffix] = openpyxl.load_workbook(out)
    want, have = got[".xlsx"], got[".xls"]
    assert have.sheetnames == want.sheetnames and len(want.sheetnames) == 2 + 3   # both forms, 汇总表 项目明细 图表
    for name in ("汇总表", "项目明细"):
        cells = {c.coordinate: c.value for row in want[name].iter_rows() for c in row if c.value is not None}
        assert {k: have[name][k].value for k in cells} == cells   # the same formulas, linked to the form sheets
    assert str(want["项目明细"]["E3"].value).startswith("=")
    assert old.read_bytes() == before


def test_without_libreoffice_the_summary_of_an_xls_says_what_it_wrote(tmp_path, monkeypatch, capsys):
    """No LibreOffice to open the .xls with: the 汇总表 alone, as before, and the 填报人 told why and what to do."""
    from conftest import need_libreoffice
    from jixiao.excel import office

    need_libreoffice()
    plain = tmp_path / "自评表.xlsx"
    assert run_cli("fill", str(SAMPLES[0]), "-o", str(plain))[0] == 0
    old = office.convert(plain, "xls", tmp_path / "old")
    monkeypatch.setattr(office, "soffice_path", lambda: None)
    out = tmp_path / "汇总表.xlsx"
    code, _ = run_cli("summarize", str(old), "-o", str(out))
    assert code == 0 and openpyxl.load_workbook(out).sheetnames == ["汇总表", "项目明细", "图表"]
    err = capsys.readouterr().err
    assert "没有找到 LibreOffice" in err and "另存为 .xlsx 后再汇总" in err and f"已写入 {out}" in err


def test_the_summary_of_a_macro_workbook_named_xlsm_keeps_its_macros(tmp_path, capsys):
    """``summarize 自评表.xlsm -o 汇总表.xlsm`` was refused (“应以 .xlsx 结尾”) where ``calc`` and
    ``check --annotate`` keep a macro workbook's macros and buttons in a copy named .xlsm."""
    book = filled_xlsm(tmp_path)
    out = tmp_path / "汇总表.xlsm"
    code, _ = run_cli("summarize", str(book), "-o", str(out))
    assert code == 0, capsys.readouterr().err
    assert _workbook_type(out) == MACRO_TYPE
    with zipfile.ZipFile(out) as z, zipfile.ZipFile(book) as src:
        assert z.read("xl/vbaProject.bin") == src.read("xl/vbaProject.bin")
    assert openpyxl.load_workbook(out, keep_vba=True).sheetnames[0] == "汇总表"


def test_the_summary_alone_is_no_macro_workbook(tmp_path, capsys):
    """Of two macro workbooks the 汇总表 is a workbook of its own, no macros in it: not named .xlsm."""
    book = filled_xlsm(tmp_path)
    other = tmp_path / "另一个.xlsm"
    other.write_bytes(book.read_bytes())
    out = tmp_path / "汇总表.xlsm"
    code, _ = run_cli("summarize", str(book), str(other), "-o", str(out))
    assert code == 2 and not out.exists()
    assert "汇总表.xlsm：输出的工作簿文件名应以 .xlsx 结尾" in capsys.readouterr().err


def test_the_macros_of_an_xls_left_out_of_its_xlsx_copy_are_said(tmp_path, capsys):
    """An Excel 97–2003 workbook with macros (the .xlsm template saved as .xls): its copies are .xlsx, which
    hold no macros; ``calc``, ``check --annotate`` and ``summarize`` dropped them without a word."""
    from conftest import need_libreoffice
    from jixiao.excel.office import convert

    need_libreoffice()
    old = convert(filled_xlsm(tmp_path), "xls", tmp_path / "old")
    plain = convert(tmp_path / "plain.xlsx", "xls", tmp_path / "plain")   # ``filled_xlsm``'s .xlsx: no macros
    capsys.readouterr()
    said = f"注意：{old.name} 中的宏没有带入副本（副本是 .xlsx 格式，不能保存宏）"
    for argv in (("calc", str(old), "-o", str(tmp_path / "副本.xlsx")),
                 ("check", str(old), "--annotate", str(tmp_path / "标注.xlsx")),
                 ("summarize", str(old), "-o", str(tmp_path / "汇总表.xlsx"))):
        run_cli(*argv)
        err = capsys.readouterr().err
        assert said in err and "另存为“Excel 启用宏的工作簿（*.xlsm）”" in err, argv
        out = Path(argv[-1])
        assert _workbook_type(out) == PLAIN_TYPE and not [n for n in _parts(out) if "vba" in n.lower()]
    run_cli("calc", str(plain), "-o", str(tmp_path / "副本2.xlsx"))
    assert "宏" not in capsys.readouterr().err
