"""A jixiao output saved since by another program is a department's work again (``marker.own_output``).

The reviewer returns each department its 校验标注副本; a 填报人 corrects the forms in it and sends it back. Saved
in LibreOffice with no user name set (its default), the copy keeps lastModifiedBy “jixiao”, and the next round
left it out as “本工具生成的校验标注副本（校验时写出的各表副本），不计入”: the corrected forms were never read.
The 应用程序 property (docProps/app.xml) says which program saved it last.
"""

from __future__ import annotations

from conftest import SAMPLES, need_libreoffice

from jixiao.cli import main
from jixiao.excel.office import convert
from jixiao.marker import own_output, read_mark


def test_an_annotated_copy_resaved_in_libreoffice_is_read(tmp_path, capsys):
    need_libreoffice()
    book, marked = tmp_path / "自评表.xlsx", tmp_path / "标注.xlsx"
    assert main(["fill", *map(str, SAMPLES[:3]), "-o", str(book)]) == 0
    main(["check", str(book), "--annotate", str(marked)])
    assert own_output(marked) == "annotated"                   # as written: a batch skips it
    inbox = tmp_path / "收件夹"
    resaved = convert(marked, "xlsx", inbox)                    # opened and saved by LibreOffice
    kind, by = read_mark(resaved)
    assert kind == "annotated" and by.startswith("LibreOffice")
    assert own_output(resaved) is None
    capsys.readouterr()
    main(["check", str(inbox)])
    out = capsys.readouterr()
    assert "共检查 1 个文件、3 张表" in out.out and "不计入" not in out.err + out.out


def test_outputs_as_written_are_still_set_aside(tmp_path, capsys):
    book, marked, summary = tmp_path / "自评表.xlsx", tmp_path / "标注.xlsx", tmp_path / "汇总表.xlsx"
    assert main(["fill", str(SAMPLES[0]), "-o", str(book)]) == 0
    main(["check", str(book), "--annotate", str(marked)])
    assert main(["summarize", str(book), "-o", str(summary)]) == 0
    assert own_output(marked) == "annotated" and own_output(summary) == "summary"
