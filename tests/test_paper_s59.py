"""Seen on paper (round 59): what jixiao writes, printed on A4 and handed to a leader.

- a lead-in “……如下表：” printed with its table (it sat alone at the foot of page 1 of the demo's
  整体绩效自评工作报告, the table on page 2); the 校验报告's title rule black, a form's head kept with its problems;
- 项目明细's 警告数 and a 来源 starting with digits read apart (“9│5013-…” read as 95013);
- no blue on the 定稿's pages: its 来源 plain text (LibreOffice prints a link cell blue whatever its font);
- a unit's 汇总表 (--by) and the 分单位汇总 say which forms they left out, as the 汇总表 does;
- the 定稿's blank indicator rows hidden: a form with long 偏差原因 no longer shrunk around 12 empty rows.
"""

from __future__ import annotations

import subprocess

from docx import Document
from docx.oxml.ns import qn

from conftest import SAMPLES, need_libreoffice
from jixiao import reports as R
from jixiao.sources import load_all


def _pages(pdf) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")


def test_the_lead_in_of_a_table_is_printed_with_it(tmp_path):
    batch = load_all(SAMPLES)
    paths = R.build_reports(batch, None, tmp_path / "out", force=True)
    (report,) = [p for p in paths if p.stem == "整体绩效自评工作报告"]
    doc = Document(str(report))
    (tbl,) = doc.element.body.iterchildren(qn("w:tbl"))
    # the lead-in and the 单位：万元 under it keep with the table; its rows are not split; the header
    # row repeats and keeps with the first project
    before = [tbl.getprevious(), tbl.getprevious().getprevious()]
    assert "".join(before[1].itertext()).endswith("如下表：")
    for p in before:
        assert p.pPr is not None and p.pPr.find(qn("w:keepNext")) is not None, "".join(p.itertext())
    rows = tbl.findall(qn("w:tr"))
    assert all(tr.trPr.find(qn("w:cantSplit")) is not None for tr in rows)
    assert rows[0].trPr.find(qn("w:tblHeader")) is not None
    for p in rows[0].iter(qn("w:p")):
        assert p.pPr.find(qn("w:keepNext")) is not None

    need_libreoffice()
    from jixiao.excel.office import convert

    pdf = convert(report, "pdf", tmp_path / "pdf")
    (page,) = [pg for pg in _pages(pdf) if "如下表" in pg]
    assert "序号" in page and "医疗保障服务经费" in page, page


def _coloured(png) -> int:
    """How many pixels of a rendered page are clearly coloured (not black, grey or white)."""
    from PIL import Image

    img = Image.open(png).convert("RGB")
    data = img.tobytes()
    return sum(1 for k in range(0, len(data), 3) if max(data[k:k + 3]) - min(data[k:k + 3]) > 60)


def test_the_check_reports_title_rule_prints_black_and_a_forms_head_keeps_with_its_problems(tmp_path):
    batch = load_all(SAMPLES)
    paths = R.build_reports(batch, None, tmp_path / "out", force=True)
    (check,) = [p for p in paths if p.stem == "校验报告"]
    doc = Document(str(check))
    bottom = doc.styles["Title"].element.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert bottom.get(qn("w:color")) == "000000" and bottom.get(qn("w:themeColor")) is None
    ps = doc.paragraphs
    heads = [p for p, nxt in zip(ps, ps[1:]) if p.style.name == "Normal" and nxt.style.name == "List Bullet"]
    assert heads and all(p.paragraph_format.keep_with_next for p in heads)

    need_libreoffice()
    from jixiao.excel.office import convert, pdf_to_png

    pdf = convert(check, "pdf", tmp_path / "pdf")
    (page1,) = pdf_to_png(pdf, tmp_path / "pdf" / "check", dpi=60, last=1)
    assert _coloured(page1) == 0


def _filled_inbox(folder):
    """Three forms, each in a workbook whose name starts with digits (as files are numbered in a bureau's inbox)."""
    from jixiao.cli import main

    folder.mkdir()
    jsons = SAMPLES[:3]
    for i, src in enumerate(jsons, 1):
        assert main(["fill", str(src), "-o", str(folder / f"50{i}3-医保局自评表.xlsx")]) == 0
    return folder


def test_the_detail_sheets_counts_and_sources_print_apart(tmp_path, capsys):
    """项目明细: a right-aligned 警告数 ran into a 来源 starting with digits, “9” and “5013-医保局自评表.xlsx”
    printed as “95013-…”. The counts are centred, the 来源 a character in; a link's font is black."""
    import re

    import openpyxl

    from jixiao.cli import main

    inbox = _filled_inbox(tmp_path / "inbox")
    out = tmp_path / "汇总表.xlsx"
    assert main(["summarize", str(inbox), "-o", str(out)]) == 0
    capsys.readouterr()
    ws = openpyxl.load_workbook(out)["项目明细"]
    assert [ws[f"M{r}"].value for r in (3, 4, 5)] == [f"50{i}3-医保局自评表.xlsx" for i in (1, 2, 3)]
    for r in (3, 4, 5):
        assert ws[f"K{r}"].alignment.horizontal == ws[f"L{r}"].alignment.horizontal == "center"
        assert ws[f"M{r}"].alignment.indent >= 1 and ws[f"M{r}"].hyperlink is not None
        assert ws[f"M{r}"].font.color.rgb[-6:] == "000000"   # Excel, WPS print it black (not 0563C1)

    need_libreoffice()
    from jixiao.excel.office import convert

    text = "".join(_pages(convert(out, "pdf", tmp_path / "pdf")))
    rows = [line for line in text.splitlines() if "医保局自评表.xlsx" in line]
    assert len(rows) == 3 and all(re.search(r"\d {2,}50\d3-医保局", line) for line in rows), rows


def test_the_final_copys_sources_print_black_as_text(tmp_path, capsys):
    """定稿: 项目明细's 来源 (and the 部门整体 list's) were links, which LibreOffice prints blue and underlined
    whatever their font: a form for paper names the sheet as text. No page of its PDF has colour."""
    import openpyxl

    from jixiao.cli import main

    book, summed = tmp_path / "自评表.xlsx", tmp_path / "汇总后.xlsx"
    assert main(["fill", *map(str, SAMPLES[:3]), "-o", str(book)]) == 0
    main(["summarize", str(book), "-o", str(summed)])
    need_libreoffice()
    main(["finalize", str(summed), "-o", str(tmp_path / "定稿"), "--force"])
    capsys.readouterr()
    final = next((tmp_path / "定稿").glob("*.xlsx"))
    ws = openpyxl.load_workbook(final)["项目明细"]
    sources = [ws[f"J{r}"] for r in (3, 4, 5)]
    assert all(c.value for c in sources) and not [c.coordinate for c in sources if c.hyperlink]

    from jixiao.excel.office import pdf_to_png

    (pdf,) = (tmp_path / "定稿").glob("*.pdf")
    (detail,) = [i for i, pg in enumerate(_pages(pdf), 1) if "项目明细" in pg and "来源" in pg]
    (png,) = pdf_to_png(pdf, tmp_path / "page", dpi=60, first=detail, last=detail)
    assert _coloured(png) == 0


def _two_units_one_form_of_another_year(folder):
    """甲局: two 2022 forms and one of 2021 (left out of every 汇总表); 乙局: one 2022 form."""
    import json

    from jixiao.cli import main

    folder.mkdir()
    for i, (src, unit, year) in enumerate(zip(SAMPLES[:4], ["甲局", "甲局", "甲局", "乙局"], [2022, 2022, 2021, 2022]), 1):
        form = json.loads(src.read_text("utf-8"))
        form.update(unit=unit, year=year)
        (folder / f"{i}.json").write_text(json.dumps(form, ensure_ascii=False), "utf-8")
        assert main(["fill", str(folder / f"{i}.json"), "-o", str(folder / f"{unit}{i}.xlsx")]) == 0
        (folder / f"{i}.json").unlink()
    return folder


def test_a_units_summary_says_what_it_left_out_of_that_unit(tmp_path, capsys):
    """summarize --by: the 汇总表's 说明 said “另有1张自评表未计入本表：其他年度（2021年度）的表1张”, the sheet
    汇总表-甲局 (甲局's own form left out) and 分单位汇总, each printed alone, said nothing of it."""
    import openpyxl

    from jixiao.cli import main

    inbox = _two_units_one_form_of_another_year(tmp_path / "inbox")
    out = tmp_path / "汇总表.xlsx"
    assert main(["summarize", str(inbox), "-o", str(out), "--by", "实施单位"]) == 0
    capsys.readouterr()
    wb = openpyxl.load_workbook(out)
    said = "另有1张自评表未计入本表：其他年度（2021年度）的表1张"
    assert said in wb["汇总表"]["A10"].value
    assert said in wb["汇总表-甲局"]["A10"].value
    assert "未计入本表" not in (wb["汇总表-乙局"]["A10"].value or "")
    by_unit = wb["分单位汇总"]
    assert any(said in str(c.value) for row in by_unit.iter_rows() for c in row if c.value)

    need_libreoffice()
    from jixiao.excel.office import convert

    pages = _pages(convert(out, "pdf", tmp_path / "pdf"))
    (unit_page,) = [pg for pg in pages if "填报部门：甲局" in pg and "分单位" not in pg]
    assert "2021年度" in unit_page


def test_the_reviews_by_unit_summary_says_what_it_left_out(tmp_path, capsys):
    from jixiao.cli import main

    import openpyxl

    inbox = _two_units_one_form_of_another_year(tmp_path / "inbox")
    assert main(["review", str(inbox), "-o", str(tmp_path / "out"), "--year", "2022"]) in (0, 1)
    capsys.readouterr()
    (book,) = [p for p in (tmp_path / "out").rglob("*.xlsx") if "分单位汇总" in openpyxl.load_workbook(p, read_only=True).sheetnames]
    ws = openpyxl.load_workbook(book)["分单位汇总"]
    assert any("未计入本表：其他年度（2021年度）的表1张" in str(c.value) for row in ws.iter_rows() for c in row if c.value)


def _word_height(pdf, page: int, word: str) -> float:
    """The height of ``word``'s box on ``page`` of ``pdf`` (pdftotext -bbox): the size it prints at."""
    import re

    out = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    m = re.search(rf'yMin="([\d.]+)"[^>]*yMax="([\d.]+)">{word}<', out)
    assert m, (page, word)
    return float(m.group(2)) - float(m.group(1))


def test_the_final_copy_hides_blank_indicator_rows_and_prints_the_form_larger(tmp_path, capsys):
    """定稿: 家庭医生签约服务费 has 8 indicators and long 偏差原因 in the template's 20 rows; fitted to one page
    around 12 empty rows it printed at about 60 % of the short forms' size. The empty rows are hidden
    (not deleted: the readers and the 校验's cells stay where they were), and the form prints larger."""
    import json

    import openpyxl

    from jixiao.cli import main

    long_form, short_form = [p for p in SAMPLES if p.name in ("17.json", "07.json")][::-1]
    assert "家庭医生签约服务费" in long_form.read_text("utf-8")
    book = tmp_path / "自评表.xlsx"
    assert main(["fill", str(short_form), str(long_form), "-o", str(book)]) == 0
    need_libreoffice()
    main(["finalize", str(book), "-o", str(tmp_path / "定稿"), "--force"])
    capsys.readouterr()
    final = next((tmp_path / "定稿").glob("*.xlsx"))
    ws = openpyxl.load_workbook(final)["家庭医生签约服务费"]
    n = len(json.loads(long_form.read_text("utf-8"))["indicators"])
    hidden = [r for r in range(1, ws.max_row + 1) if ws.row_dimensions[r].hidden]
    assert len(hidden) == 20 - n and hidden == list(range(hidden[0], hidden[0] + 20 - n))
    assert all(ws.cell(row=r, column=c).value in (None, "") for r in hidden for c in range(2, 10))

    # the 定稿 reads back as the forms filled, and checks as the workbook it was made from
    assert main(["read", str(final), "--json"]) == 0
    read_final = json.loads(capsys.readouterr().out)
    assert main(["read", str(book), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == read_final
    main(["check", str(final), "--json"])
    checked_final = capsys.readouterr().out.replace(str(final), "BOOK")
    main(["check", str(book), "--json"])
    assert capsys.readouterr().out.replace(str(book), "BOOK") == checked_final

    (pdf,) = (tmp_path / "定稿").glob("*.pdf")
    # the form pages: the 汇总表 and 项目明细 after them name the projects too (s67)
    pages = [pg if "项目明细" not in pg else "" for pg in _pages(pdf)]
    (short_page,) = [i for i, pg in enumerate(pages, 1) if "聘请法律顾问" in pg]
    (long_page,) = [i for i, pg in enumerate(pages, 1) if "家庭医生签约服务费" in pg]
    assert _word_height(pdf, long_page, "项目名称") >= 0.8 * _word_height(pdf, short_page, "项目名称")
