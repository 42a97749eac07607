"""An output named on the command line never replaces, without a word, a workbook a person has
filled in or saved: ``import --targets 目标表.xlsx -o 自评表.xlsx`` wrote a blank prefill over the
23 forms a 填报人 had filled in. jixiao's own untouched outputs are replaced as before (a rerun);
``--overwrite`` replaces the other ones when the user says so (``guard.outpath.check_overwrite``)."""

from __future__ import annotations

import re
import shutil
import zipfile

import pytest

from test_cli_mistakes_s59 import fill_book, run


def saved_by_a_person(path, who="张三", app="Microsoft Excel"):
    """``path`` as Excel leaves it once a person has saved it: its 应用程序 and 最后修改者 Excel's."""
    tmp = path.with_name(path.name + ".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "docProps/app.xml":
                data = re.sub(rb"<Application>[^<]*</Application>", f"<Application>{app}</Application>".encode(), data)
            if item.filename == "docProps/core.xml":
                text = data.decode("utf-8")
                text = re.sub(r"<cp:lastModifiedBy>[^<]*</cp:lastModifiedBy>|<cp:lastModifiedBy\s*/>", "", text)
                text = text.replace("</cp:coreProperties>", f"<cp:lastModifiedBy>{who}</cp:lastModifiedBy></cp:coreProperties>")
                data = text.encode("utf-8")
            dst.writestr(item, data)
    tmp.replace(path)
    return path


def _argv(tmp_path, capsys, out):
    """Each writing command with its output ``out`` (a workbook)."""
    from target_books import write_book

    book = fill_book(tmp_path, capsys)
    write_book(tmp_path / "目标表.xlsx", 2)
    one = str(tmp_path / "项目1.json")
    return {
        "fill": ["fill", one, "-o", out],
        "import": ["import", str(book), "-o", out],
        "import --targets": ["import", "--targets", str(tmp_path / "目标表.xlsx"), "-o", out],
        "summarize": ["summarize", str(book), "-o", out],
        "calc": ["calc", str(book), "-o", out],
        "check --annotate": ["check", str(book), "--annotate", out],
    }


COMMANDS = ["fill", "import", "import --targets", "summarize", "calc", "check --annotate"]


@pytest.mark.parametrize("command", COMMANDS)
def test_a_workbook_a_person_saved_is_not_written_over(tmp_path, capsys, command):
    out = tmp_path / "填好的自评表.xlsx"
    argv = _argv(tmp_path, capsys, str(out))[command]
    shutil.copy(tmp_path / "自评表.xlsx", out)
    saved_by_a_person(out)
    before = out.read_bytes()
    code, _o, err = run(capsys, *argv)
    assert code == 2, (command, err)
    assert "填好的自评表.xlsx" in err and "--overwrite" in err and "另给一个文件名" in err, err
    assert "Traceback" not in err
    assert out.read_bytes() == before   # the person's work as it was
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".~")]   # nothing left half-written

    code, _o, err = run(capsys, *argv, "--overwrite")   # the user says so
    assert code in (0, 1), (command, err)
    assert out.read_bytes() != before


@pytest.mark.parametrize("command", COMMANDS)
def test_its_own_untouched_output_is_written_again(tmp_path, capsys, command):
    out = tmp_path / "输出.xlsx"
    argv = _argv(tmp_path, capsys, str(out))[command]
    assert run(capsys, *argv)[0] in (0, 1)
    first = out.stat().st_mtime_ns
    code, _o, err = run(capsys, *argv)   # a rerun: nobody's work to lose
    assert code in (0, 1) and "--overwrite" not in err, err
    assert out.stat().st_mtime_ns >= first


def test_a_file_saved_in_libreoffice_or_not_a_workbook_is_kept(tmp_path, capsys):
    from jixiao.marker import untouched_output

    book = fill_book(tmp_path, capsys)
    assert untouched_output(book)
    lo = saved_by_a_person(shutil.copy(book, tmp_path / "lo.xlsx"), who="", app="LibreOffice/7.4.7.2$Linux_X86_64")
    assert not untouched_output(lo)
    (tmp_path / "notes.xlsx").write_text("我的笔记", encoding="utf-8")
    assert not untouched_output(tmp_path / "notes.xlsx")
    (tmp_path / "empty.xlsx").write_bytes(b"")
    assert untouched_output(tmp_path / "empty.xlsx")


def test_templates_does_not_write_over_a_template_a_person_filled_in(tmp_path, capsys):
    out = tmp_path / "模板"
    assert run(capsys, "templates", "--out", str(out))[0] == 0
    filled = out / "项目支出绩效自评表.xlsx"
    saved_by_a_person(filled)
    with zipfile.ZipFile(filled, "a") as z:   # its content changed too: the template is out of date there
        z.writestr("customXml/填报.xml", "<x/>")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    code, _o, err = run(capsys, "templates", "--out", str(out))
    assert code == 2 and "项目支出绩效自评表.xlsx" in err and "--overwrite" in err, err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert run(capsys, "templates", "--out", str(out), "--overwrite")[0] == 0
    assert filled.read_bytes() != before[filled.name]


def core_edited(path, pattern, repl):
    """``path`` (a .docx) with ``pattern`` replaced in its core properties (docProps/core.xml)."""
    tmp = path.with_name("x.docx")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "docProps/core.xml":
                data = re.sub(pattern, repl, data)
            dst.writestr(item, data)
    tmp.replace(path)
    return path


def word_saved(path):
    """``path`` (a .docx) as Word leaves it once saved again: 修订号 2."""
    return core_edited(path, rb"<cp:revision>[^<]*</cp:revision>", b"<cp:revision>2</cp:revision>")


def test_the_report_button_does_not_write_over_a_report_edited_in_word(tmp_path, capsys):
    from jixiao import actions
    from jixiao.actions import FileHost
    from jixiao.errors import JixiaoError

    book = fill_book(tmp_path, capsys)
    out = tmp_path / "自评表-报告"
    actions.reports(FileHost(str(book)), out, pdf=False, force=True)
    actions.reports(FileHost(str(book)), out, pdf=False, force=True)   # clicked again: its own documents
    word_saved(out / "整体绩效自评工作报告.docx")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    with pytest.raises(JixiaoError) as exc:
        actions.reports(FileHost(str(book)), out, pdf=False, force=True)
    said = str(exc.value)
    assert "整体绩效自评工作报告.docx" in said and "另存为其他名称或移到别处，再点“生成报告”" in said, said
    assert "--overwrite" not in said
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_report_does_not_write_over_a_report_a_person_went_on_writing(tmp_path, capsys):
    book = fill_book(tmp_path, capsys)
    out = tmp_path / "报告"
    argv = ["report", str(book), "-o", str(out), "--force"]
    assert run(capsys, *argv)[0] in (0, 1)
    assert run(capsys, *argv)[0] in (0, 1)   # a rerun over its own untouched documents
    edited = out / "项目支出绩效自评报告.docx"
    word_saved(edited)   # as Word leaves it once saved: 修订号 2
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    code, _o, err = run(capsys, *argv)
    assert code == 2 and "项目支出绩效自评报告.docx" in err and "--overwrite" in err, err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before   # no document of the set written
    assert run(capsys, *argv, "--overwrite")[0] in (0, 1)
    assert edited.read_bytes() != before[edited.name]


def test_report_saved_again_in_libreoffice_is_not_written_over(tmp_path, capsys):
    """LibreOffice keeps a report's 修订号 1 and its times when it saves it again without an editing
    session (here a headless save, the same package a person's quick “保存” can leave): only its 应用程序
    tells. Before, ``report`` took such a document for its own untouched one and wrote over it."""
    from conftest import need_libreoffice
    from jixiao.excel.office import convert
    from jixiao.marker import untouched_output

    need_libreoffice()
    book = fill_book(tmp_path, capsys)
    out = tmp_path / "报告"
    argv = ["report", str(book), "-o", str(out), "--force"]
    assert run(capsys, *argv)[0] in (0, 1)
    report = out / "项目支出绩效自评报告.docx"
    assert untouched_output(report)   # its own: a rerun writes it again
    saved = convert(report, "docx", tmp_path / "lo")   # opened and saved again by LibreOffice
    core = zipfile.ZipFile(saved).read("docProps/core.xml").decode("utf-8")
    assert "<cp:revision>1</cp:revision>" in core   # what made it look untouched
    shutil.copy(saved, report)
    assert not untouched_output(report)
    before = report.read_bytes()
    code, _o, err = run(capsys, *argv)
    assert code == 2 and "项目支出绩效自评报告.docx" in err and "--overwrite" in err, err
    assert report.read_bytes() == before


def test_report_whose_times_differ_is_not_taken_for_untouched(tmp_path, capsys):
    """A 修改时间 later than its 创建时间: some program saved the document after jixiao wrote it."""
    from jixiao.marker import untouched_output

    book = fill_book(tmp_path, capsys)
    out = tmp_path / "报告"
    assert run(capsys, "report", str(book), "-o", str(out), "--force")[0] in (0, 1)
    report = out / "报送函.docx"
    assert untouched_output(report)
    core_edited(report, rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2030-01-01T08:00:00Z")
    assert not untouched_output(report)
