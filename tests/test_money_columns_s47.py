"""A 万元 column of the 汇总表's sheets is as wide as its widest figure: never “###” in print.

A number wider than its column prints as “###” in Excel, WPS and LibreOffice. 项目明细's 全年预算数 and
全年执行数 columns were 11 units: a project typed to the fen (12345.678901 万元) or large (123456.789012)
printed “###”, as did the 分单位汇总's 合计 of a county (1160493.822714 in 12 units).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from conftest import SAMPLES, need_libreoffice

from jixiao.cli import main
from jixiao.core.grades import GRADES
from jixiao.core.numbers import MONEY_FORMAT, as_shown
from jixiao.summary import Summary
from jixiao.summary.book import DETAIL_WIDTH, by_unit_sheet, detail_sheet


def _rows(*amounts: float) -> list[dict]:
    return [{"project": f"项目{k}", "annual": a, "executed": a * 0.9, "total": 95, "grade": "优", "source": f"x#{k}"}
            for k, a in enumerate(amounts)]


def _summary(*amounts: float) -> Summary:
    rows = _rows(*amounts)
    return Summary(unit="县教育局", rows=rows, grades={g: 0 for g in GRADES}, projects_due=len(rows),
                   projects_done=len(rows), funds_due=sum(amounts), funds_done=sum(amounts) * 0.9)


def test_detail_columns_keep_their_width_for_everyday_figures():
    spec = detail_sheet(_summary(5.6, 425.39, 22.0), linked=False)
    assert (spec.widths["E"], spec.widths["F"]) == (DETAIL_WIDTH["E"], DETAIL_WIDTH["F"])


def test_detail_columns_widen_for_the_widest_figure():
    spec = detail_sheet(_summary(5.6, 123456.789012), linked=False)
    assert spec.widths["E"] >= len("123456.789012") + 2
    assert spec.widths["F"] >= len(as_shown(123456.789012 * 0.9, MONEY_FORMAT)) + 2


def test_by_unit_columns_widen_for_the_total():
    units = [{"name": f"单位{k}", "due": 1, "done": 1, "funds_due": 580246.911357, "funds_done": 573051.849656,
              "grades": {"优": 1}} for k in range(2)]
    spec = by_unit_sheet("汇总", "县财政局", units)
    assert spec.widths["E"] >= len("1160493.822714") + 2 and spec.widths["F"] >= len("1146103.699312") + 2
    assert by_unit_sheet("汇总", "县财政局", [{**units[0], "funds_due": 5.6, "funds_done": 5.18}]).widths["E"] == 12


def test_printed_detail_shows_every_figure(tmp_path, capsys):
    """The real proof: LibreOffice prints the 项目明细 with the figures, not “###”."""
    need_libreoffice()
    from jixiao.excel.office import convert

    forms = []
    for k, p in enumerate(SAMPLES[:2]):
        d = json.loads(p.read_text(encoding="utf-8"))
        a = 123456.789012 + k * 111111.111111
        for row in ("total", "fiscal"):
            d["funds"][row].update(initial=a, annual=a, executed=round(a * 0.9876, 6))
        for row in ("carryover", "other"):
            d["funds"][row].update(initial=None, annual=None, executed=None)
        forms.append(tmp_path / f"{k}.json")
        forms[-1].write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    book = tmp_path / "汇总.xlsx"
    assert main(["summarize", *map(str, forms), "-o", str(book)]) == 0
    capsys.readouterr()
    pdf = Path(convert(book, "pdf", tmp_path))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "123456.789012" in text and "234567.900123" in text
    assert "###" not in text


def test_a_form_written_by_fill_prints_every_figure(tmp_path, capsys):
    """A 全年执行数 of 1234.567891 万元 (元 to the fen ÷ 10000) printed “###” in the form's 12-unit column."""
    need_libreoffice()
    import openpyxl

    from jixiao.excel.office import convert
    from jixiao.forms.project.layout import COL_WIDTHS

    d = json.loads(SAMPLES[0].read_text(encoding="utf-8"))
    d["funds"]["total"].update(initial=12345.6789, annual=23456.789012, executed=12345.6789)
    d["funds"]["fiscal"].update(initial=12345.6789, annual=23456.789012, executed=1234.567891)
    src, book = tmp_path / "f.json", tmp_path / "f.xlsx"
    src.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    assert main(["fill", str(src), "-o", str(book)]) == 0
    capsys.readouterr()
    text = subprocess.run(["pdftotext", str(convert(book, "pdf", tmp_path)), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "1234.567891" in text and "23456.789012" in text and "###" not in text
    # the 定稿 copy is written afresh from the forms as read: the same width
    assert main(["finalize", str(book), "-o", str(tmp_path / "final"), "--force", "--no-pdf"]) == 0
    capsys.readouterr()
    (final,) = (tmp_path / "final").glob("*.xlsx")
    assert openpyxl.load_workbook(final).worksheets[0].column_dimensions["E"].width >= len("1234.567891") + 2
    plain = tmp_path / "plain.xlsx"   # everyday figures: the official widths, untouched
    assert main(["fill", str(SAMPLES[0]), "-o", str(plain)]) == 0
    ws = openpyxl.load_workbook(plain).worksheets[0]
    assert {c: ws.column_dimensions[c].width for c in "CDE"} == {c: COL_WIDTHS[c] for c in "CDE"}


def test_money_width_is_the_widest_figure_as_shown():
    """The fast path (a float's f"{:.6f}", ``as_shown`` only near the longest) against the definition."""
    import random

    from jixiao.excel.fit import money_width

    rnd = random.Random(47)
    for _ in range(300):
        values = [round(rnd.uniform(-50, 500000) * rnd.choice([1, 1e-3, 1e-6]), rnd.choice(range(10)))
                  for _ in range(40)] + [rnd.randint(0, 10 ** rnd.randint(1, 8)), None, "文字"]
        want = max(len(as_shown(v, MONEY_FORMAT)) for v in values if isinstance(v, (int, float))) + 3.0
        assert money_width(values, 0) == want, values
    assert money_width([], 11) == 11 and money_width([None, "x"], 12) == 12
