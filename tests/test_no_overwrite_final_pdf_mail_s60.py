"""The 定稿's PDF and its mail draft are not written over once a person has changed them (stop 60).

``finalize`` checked its workbook (``guard.outpath.check_overwrite``) but wrote its PDF and its .eml
over whatever was there: a PDF the 填报人 had signed or stamped in a PDF reader (which appends a
revision to the file), a draft whose 收件人 they had typed in, were replaced by the rerun without a
word. Every file the 定稿 writes is now checked before any is written, with the same message and the
same ``--overwrite``; its own files, as it wrote them, are written again (a rerun after a correction)."""

from __future__ import annotations

import pytest

from conftest import need_libreoffice
from test_cli_mistakes_s59 import fill_book, run


def _final(book, out, capsys, *extra):
    return run(capsys, "finalize", str(book), "-o", str(out), "--force", *extra)


def _signed(pdf):
    """A revision appended, as a PDF reader saves a signature, a stamp or a note (an incremental update)."""
    data = pdf.read_bytes()
    start = data.rindex(b"startxref")
    prev = data[start:].split()[1].decode()
    pdf.write_bytes(data + b"\n99 0 obj\n<</Type/Annot/Subtype/Stamp>>\nendobj\ntrailer\n<</Prev " + prev.encode()
                    + b">>\nstartxref\n" + str(len(data)).encode() + b"\n%%EOF\n")


def _addressed(eml):
    """The 收件人 typed into the draft in a text editor."""
    eml.write_bytes(eml.read_bytes().replace(b"\nTo: \n", b"\nTo: czj@example.cn\n", 1))


def _outputs(out):
    return {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}


@pytest.mark.parametrize("suffix, change, extra", [(".eml", _addressed, ("--no-pdf", "--email")),
                                                   (".pdf", _signed, ())])
def test_a_changed_pdf_or_mail_draft_is_not_replaced(tmp_path, capsys, suffix, change, extra):
    if suffix == ".pdf":
        need_libreoffice()
    book, out = fill_book(tmp_path, capsys), tmp_path / "定稿"
    code, _o, err = _final(book, out, capsys, *extra)
    assert code == 0, err
    [changed] = out.glob(f"*{suffix}")
    code, _o, err = _final(book, out, capsys, *extra)   # a rerun: its own files as written are replaced
    assert code == 0 and "--overwrite" not in err, err
    change(changed)
    before = _outputs(out)
    code, _o, err = _final(book, out, capsys, *extra)
    assert code == 2, err
    assert f"{changed}：" in err and "有人编辑保存过" in err and "--overwrite" in err and "Traceback" not in err, err
    assert _outputs(out) == before   # nothing written, the 定稿 workbook neither
    code, _o, err = _final(book, out, capsys, *extra, "--overwrite")
    assert code == 0, err
    assert changed.read_bytes() != before[changed.name]


def test_the_draft_is_known_as_written_and_not_once_changed(tmp_path):
    from jixiao.mail import draft
    from jixiao.marker import untouched_output

    eml = draft(tmp_path / "报送.eml", subject="报送", body="县财政局：\n", sender=None, to=None, files=[])
    assert untouched_output(eml)
    import email

    assert email.message_from_bytes(eml.read_bytes())["Message-ID"]   # an ordinary header to a mail program
    _addressed(eml)
    assert b"czj@example.cn" in eml.read_bytes() and not untouched_output(eml)
    (tmp_path / "other.eml").write_bytes(b"Subject: hi\n\nhello\n")
    assert not untouched_output(tmp_path / "other.eml")


@pytest.mark.parametrize("info, ours", [
    (b"/Producer<FEFF004C0069006200720065004F0066006600690063006500200037002E0034>/CreationDate(D:20261206235740Z')", True),
    (rb"/Producer(Microsoft\256 Excel\256 for Microsoft 365)/CreationDate(D:20261206120000+08'00')"
     rb"/ModDate(D:20261206120000+08'00')", True),
    (rb"/Producer(Microsoft\256 Excel\256 for Microsoft 365)/CreationDate(D:20261206120000+08'00')"
     rb"/ModDate(D:20261207090000+08'00')", False),   # saved whole again by some program
    (b"/Producer(Adobe PDF Library 23.1)/CreationDate(D:20261206120000+08'00')", False),   # a scan, another program
    (b"/CreationDate(D:20261206120000+08'00')", False),
])
def test_a_pdf_is_ours_as_written_by_its_writer_and_modified_dates(tmp_path, info, ours):
    from jixiao.marker import untouched_output

    pdf = tmp_path / "定稿.pdf"
    pdf.write_bytes(b"%PDF-1.6\n1 0 obj\n<<" + info + b">>\nendobj\ntrailer\n<</Info 1 0 R>>\nstartxref\n9\n%%EOF\n")
    assert untouched_output(pdf) is ours
    # Office's PDFs end in a second, empty cross-reference section (a “hybrid” file): still as written
    pdf.write_bytes(pdf.read_bytes() + b"xref\n0 0\ntrailer\n<</Info 1 0 R/Prev 9/XRefStm 20>>\nstartxref\n60\n%%EOF\n")
    assert untouched_output(pdf) is ours
    # a revision appended with a stamp in it (and the reader's own ModDate, or none): a person's work
    for revision in (b"2 0 obj\n<</Type/Annot/Subtype/Stamp>>\nendobj\n",
                     b"3 0 obj\n<</Producer(Microsoft Excel)/ModDate(D:20301206120000+08'00')>>\nendobj\n"):
        pdf.write_bytes(pdf.read_bytes() + revision + b"trailer\n<</Prev 60>>\nstartxref\n90\n%%EOF\n")
        assert not untouched_output(pdf)


def test_report_pdf_signed_by_the_department_is_not_replaced(tmp_path, capsys):
    """``report --pdf`` (and the 生成报告 button) checked its .docx files only: the 报送函.pdf a department
    had stamped in its PDF reader was written over by the next run."""
    need_libreoffice()
    book = fill_book(tmp_path, capsys)
    out = tmp_path / "报告"
    argv = ["report", str(book), "-o", str(out), "--force", "--pdf"]
    assert run(capsys, *argv)[0] in (0, 1)
    assert run(capsys, *argv)[0] in (0, 1)   # a rerun over its own PDFs, as they were written
    letter = out / "报送函.pdf"
    _signed(letter)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    code, _o, err = run(capsys, *argv)
    assert code == 2 and "报送函.pdf" in err and "--overwrite" in err, err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before   # nothing of the set written
    assert run(capsys, *argv, "--overwrite")[0] in (0, 1)
    assert letter.read_bytes() != before[letter.name]


def test_the_report_button_checks_the_pdfs_it_writes(tmp_path, capsys):
    from jixiao.reports import report_outputs

    names = [p.name for p in report_outputs(tmp_path, pdf=True)]
    assert "报送函.pdf" in names and "校验报告.docx" in names and "校验报告.pdf" not in names
    assert not [p for p in report_outputs(tmp_path, pdf=False) if p.suffix == ".pdf"]


def test_a_final_copy_saved_in_a_later_second_is_still_its_own(tmp_path, capsys, monkeypatch):
    """The 定稿 is known for untouched by 创建时间 = 修改时间 (``marker.untouched_output``). ``finalize`` took the
    time, then the save stamped 修改时间 again: on a loaded machine the save began a second later and the rerun
    refused its own 定稿 as “在本工具写出之后有人编辑保存过” (seen in CI). Here the time is taken 5 s early."""
    import datetime

    import jixiao.finalize as finalize

    real = finalize.written_now
    monkeypatch.setattr(finalize, "written_now", lambda: real() - datetime.timedelta(seconds=5))
    book, out = fill_book(tmp_path, capsys), tmp_path / "定稿"
    code, _o, err = _final(book, out, capsys, "--no-pdf")
    assert code == 0, err
    code, _o, err = _final(book, out, capsys, "--no-pdf")   # a rerun: its own 定稿 written again
    assert code == 0 and "--overwrite" not in err, err
