"""A department's own 整体报告 template made before the built-in one wrapped the projects' part in
``{%p if projects %}``: with only the 部门整体 form it printed “三、项目支出绩效自评情况” and “四、绩效目标
设定质量” with nothing under them (stop 44's list). The document is the department's own; the
command now says which headings are empty and how to mend the template. The built-in says nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx

from jixiao.cli import main as cli_main
from jixiao.reports.templates import TEMPLATE_DIR

DEPT = Path(__file__).resolve().parents[1] / "jixiao" / "samples" / "zizhou-2023" / "department.json"
NAME = "整体绩效自评工作报告.docx"


def _old_copy(folder: Path) -> None:
    """The built-in template without its ``{%p if projects %}`` and the ``{%p endif %}`` that closes it."""
    folder.mkdir()
    d = docx.Document(str(TEMPLATE_DIR / NAME))
    paras = d.paragraphs
    k = next(i for i, p in enumerate(paras) if p.text.strip() == "{%p if projects %}")
    end = next(i for i in range(k + 1, len(paras)) if paras[i].text.strip() == "{%p endif %}")
    for p in (paras[end], paras[k]):
        p._element.getparent().remove(p._element)
    d.save(str(folder / NAME))


def _report(tmp_path, capsys, *extra) -> tuple[str, list[str]]:
    book = tmp_path / "dept.xlsx"
    assert cli_main(["fill", str(DEPT), "-o", str(book)]) == 0
    out = tmp_path / "rep"
    cli_main(["report", str(book), "-o", str(out), "--force", *extra])
    err = capsys.readouterr().err
    return err, [p.text for p in docx.Document(str(out / NAME)).paragraphs]


def test_an_old_own_template_is_told_which_headings_are_empty(tmp_path, capsys):
    own = tmp_path / "模板"
    _old_copy(own)
    err, text = _report(tmp_path, capsys, "--templates", str(own))
    assert "三、项目支出绩效自评情况" in text          # the department's document as its template makes it
    warned = [line for line in err.splitlines() if NAME in line]
    assert len(warned) == 1, err
    assert "“三、项目支出绩效自评情况”“四、绩效目标设定质量”下没有内容" in warned[0], warned[0]
    assert "{%p if projects %}" in warned[0]


def test_the_built_in_template_says_nothing(tmp_path, capsys):
    err, text = _report(tmp_path, capsys)
    assert not [t for t in text if "项目支出绩效自评情况" in t]
    assert NAME not in err, err
    same = tmp_path / "同内置"
    same.mkdir()
    shutil.copy(TEMPLATE_DIR / NAME, same / NAME)   # an own copy that keeps the condition: nothing to say
    err, _text = _report(tmp_path, capsys, "--templates", str(same))
    assert NAME not in err, err


def test_a_heading_over_a_table_is_not_empty(tmp_path):
    from docx import Document

    from jixiao.reports.render import empty_headings

    d = Document()
    d.add_heading("一、有表格的部分", level=1)
    d.add_table(rows=1, cols=2).cell(0, 0).text = "数"
    d.add_heading("二、空的部分", level=1)
    d.add_heading("三、有文字的部分", level=1)
    d.add_paragraph("正文。")
    d.add_heading("四、最后一个", level=1)
    d.save(str(tmp_path / "x.docx"))
    assert empty_headings(tmp_path / "x.docx") == ["二、空的部分", "四、最后一个"]
