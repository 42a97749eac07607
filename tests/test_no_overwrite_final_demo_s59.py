"""The 定稿 and ``demo -o`` never replace, without a word, a file a person has saved (stop 59).

``finalize`` wrote its 定稿 over the one of the same name in its folder whatever had become of it: a
定稿 the 填报人 had opened, unprotected and corrected by hand before sending was replaced by a new
one from the working workbook, the corrections gone. ``demo -o 文件夹`` wrote its workbooks and
documents over files of the same names there, the demo workbook a 填报人 had been trying the
buttons on included. Both now refuse such a file before writing anything (``--overwrite`` to replace
it; the 定稿 button says to move it away), and write again over their own files left as they were:
a 定稿 rerun after a correction, a demo run twice. The 定稿 carries no mark of the tool, so it is
known by its properties as written (创建时间 = 修改时间, 最后修改者 = 作者), which every program's save
changes (``marker.untouched_output``)."""

from __future__ import annotations

import re
import shutil
import zipfile

import pytest

from conftest import need_libreoffice
from test_cli_mistakes_s59 import fill_book, run
from test_no_overwrite_s59 import saved_by_a_person


def _final(tmp_path, capsys, *extra):
    book = fill_book(tmp_path, capsys)
    code, _o, err = run(capsys, "finalize", str(book), "-o", str(tmp_path / "定稿"), "--force", "--no-pdf", *extra)
    return code, err


def _modified_later(path, when="2030-01-01T08:00:00Z"):
    """``path`` saved again with 最后修改者 unchanged (a person whose Office name is the unit's): only its
    修改时间 moves, as every program's save moves it."""
    tmp = path.with_name(path.name + ".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + when.encode(), data)
            dst.writestr(item, data)
    tmp.replace(path)
    return path


@pytest.mark.parametrize("saved", [saved_by_a_person, _modified_later])
def test_a_final_copy_a_person_saved_is_not_replaced(tmp_path, capsys, saved):
    code, err = _final(tmp_path, capsys)
    assert code == 0, err
    [final] = (tmp_path / "定稿").glob("*.xlsx")
    code, err = _final(tmp_path, capsys)   # a rerun: the 定稿 as written is replaced
    assert code == 0 and "--overwrite" not in err, err
    saved(final)
    before = final.read_bytes()
    code, err = _final(tmp_path, capsys)
    assert code == 2, err
    assert final.name in err and "--overwrite" in err and "另给输出文件夹" in err and "Traceback" not in err, err
    assert final.read_bytes() == before
    code, err = _final(tmp_path, capsys, "--overwrite")   # the user says so
    assert code == 0, err
    assert final.read_bytes() != before


def test_a_final_copy_saved_in_libreoffice_is_kept(tmp_path, capsys):
    need_libreoffice()
    from jixiao.excel.office import convert
    from jixiao.marker import untouched_output

    assert _final(tmp_path, capsys)[0] == 0
    [final] = (tmp_path / "定稿").glob("*.xlsx")
    assert untouched_output(final)
    saved = convert(final, "xlsx", tmp_path / "lo")   # LibreOffice opens and saves it
    assert not untouched_output(saved)


def test_the_final_button_says_to_move_it_away(tmp_path, capsys):
    from jixiao import actions
    from jixiao.errors import JixiaoError

    book = fill_book(tmp_path, capsys)
    out = tmp_path / "定稿"
    done = actions.finalize(actions.FileHost(str(book)), out, confirm=lambda n: True)
    saved_by_a_person(done.workbook)
    before = done.workbook.read_bytes()
    with pytest.raises(JixiaoError) as exc:
        actions.finalize(actions.FileHost(str(book)), out, confirm=lambda n: True)
    assert "另存为其他名称或移到别处，再点“定稿”" in str(exc.value) and "--overwrite" not in str(exc.value)
    assert done.workbook.read_bytes() == before


def test_demo_does_not_write_over_a_persons_files(tmp_path, capsys):
    out = tmp_path / "演示"
    assert run(capsys, "demo", "-o", str(out))[0] == 0
    code, _o, err = run(capsys, "demo", "-o", str(out))   # its own files, as written: a rerun
    assert code == 0 and "--overwrite" not in err, err
    [book] = out.glob("*项目支出绩效自评表.xlsx")
    saved_by_a_person(book)
    report = next(out.rglob("报送函.docx"))
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    code, _o, err = run(capsys, "demo", "-o", str(out))
    assert code == 2 and book.name in err and "--overwrite" in err and "Traceback" not in err, err
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before   # nothing written
    assert run(capsys, "demo", "-o", str(out), "--overwrite")[0] == 0
    assert book.read_bytes() != before[book] and report.exists()


def test_a_workbook_another_program_wrote_in_one_go_is_no_final_copy(tmp_path):
    """XlsxWriter (as other systems export with it) writes 创建时间 = 修改时间 and 作者 = 最后修改者 under
    “Microsoft Excel” too: it lists the sheets in app.xml, which the 定稿 (openpyxl) does not."""
    import xlsxwriter

    from jixiao.marker import untouched_output

    path = tmp_path / "导出.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    wb.set_properties({"author": "某系统"})
    wb.add_worksheet().write("A1", 1)
    wb.close()
    assert not untouched_output(path)
