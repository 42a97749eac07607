"""A department's edited report template (``report --templates DIR``) that cannot be filled is named in
Chinese with what to do; the documents are not half written.

Before: a template that is no .docx stopped ``report`` with “内部错误（PackageNotFoundError）”, and a
placeholder left open (“{{ unit }”) with jinja's English; a report given to ``check --report`` that is
no .docx was “不是有效的 .docx 文件：PackageNotFoundError”.
"""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest

from jixiao.cli import main
from jixiao.reports.templates import TEMPLATE_DIR

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "tests" / "corpus" / "01-merged-levels.xlsx"


def _report(capsys, tmp_path: Path, templates: Path) -> tuple[int, str]:
    code = main(["report", str(BOOK), "-o", str(tmp_path / "报告"), "--templates", str(templates), "--force"])
    return code, capsys.readouterr().err


def _edited(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "模板"
    folder.mkdir()
    d = docx.Document(str(TEMPLATE_DIR / "报送函.docx"))
    d.add_paragraph(text)
    d.save(str(folder / "报送函.docx"))
    return folder


def test_a_template_that_is_no_docx(tmp_path, capsys):
    folder = tmp_path / "模板"
    folder.mkdir()
    (folder / "报送函.docx").write_bytes(b"not a docx")
    code, err = _report(capsys, tmp_path, folder)
    assert code == 2 and "内部错误" not in err
    assert f"{folder / '报送函.docx'}：报告模板不是有效的 .docx 文件" in err
    assert not any((tmp_path / "报告").glob("*.docx"))  # the first document's template: nothing written


@pytest.mark.parametrize("text, says", [
    ("此致 {{ unit }", "占位符写法有误（模板文字第"),
    ("{% for p in projects %}没有结束", "占位符写法有误"),
])
def test_a_placeholder_written_wrong(tmp_path, capsys, text, says):
    folder = _edited(tmp_path, text)
    code, err = _report(capsys, tmp_path, folder)
    assert code == 2 and "内部错误" not in err and says in err
    line = err.strip().splitlines()[-1].replace(str(folder / "报送函.docx"), "")
    assert not re.search(r"[A-Za-z]{3,}", line.replace("jixiao", "").replace("Word", "").replace("WPS", "")), line


def test_an_edited_template_that_is_right_is_used(tmp_path, capsys):
    folder = _edited(tmp_path, "（本单位补充说明）{{ unit }}")
    code, err = _report(capsys, tmp_path, folder)
    assert code == 0, err
    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "报告" / "报送函.docx")).paragraphs)
    assert "（本单位补充说明）" in text and "{{" not in text


def test_check_report_that_is_no_docx_names_no_exception_class(tmp_path, capsys):
    bad = tmp_path / "报告.docx"
    bad.write_bytes(b"not a docx")
    code = main(["check", str(BOOK), "--report", str(bad)])
    err = capsys.readouterr().err
    assert code == 2 and "不是有效的 .docx 文件" in err and "Error" not in err
