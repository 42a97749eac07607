"""The 复核 (the scorer behind the 汇总表's 复核得分, the review's 复核总分, the 校验报告 and ``jixiao score``) of a
全年执行数 typed in 元 (765000 under an 80 万元 budget): A5/A16 and A3/A4/D11 read the 执行率 in 万元 (95.63%,
执行率得分 9.56, 总分 99.56), while the scorer scored the funds as written — 执行率得分 10, 复核得分 100 — so
the reviewer's 汇总表 said one score and the 校验 another for one form (s64). The scorer now reads the figure
as the rules do (``core.rates.wan_rate``)."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import SAMPLES
from jixiao.checking.run import check_paths
from jixiao.forms.project.scoring import score_form
from jixiao.sources import load_all
from jixiao.summary import summarize


def _form(tmp_path: Path, row: dict, **change) -> Path:
    d = json.loads(SAMPLES[0].read_text(encoding="utf-8"))
    d.update(funds={"total": row, "fiscal": row, "carryover": {}, "other": {}}, **change)
    path = tmp_path / "元.json"
    path.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    return path


def test_the_review_scores_a_figure_in_yuan_as_d11_reads_it(tmp_path):
    path = _form(tmp_path, {"initial": 80, "annual": 80, "executed": 765000}, exec_rate=None, exec_score=10)
    batch, res = check_paths([path])
    [d11] = [f for f in res.findings if f.rule == "D11"]
    [item] = batch.forms
    sc = res.scores[item.source]
    assert sc.exec_score == 9.5625 and sc.exec_rate == 0.95625, (sc.exec_score, sc.exec_rate)
    assert "全年执行数 765000 像是以元填写，按 76.5 万元计" in sc.exec_basis, sc.exec_basis
    assert d11.expected == f"{sc.total:g}（{sc.grade}）" == "99.5625（优）", (d11.expected, sc.total)
    summary, _ = summarize(batch, res)
    [row] = summary.rows
    assert row["reviewed_total"] == 99.5625 and row["reviewed_grade"] == "优", row
    assert score_form(item.form).total == 99.5625


def test_a_budget_in_yuan_the_other_way(tmp_path):
    path = _form(tmp_path, {"initial": 80, "annual": 800000, "executed": 76.5}, exec_rate=0.95, exec_score=9)
    [item] = load_all([path]).forms
    sc = score_form(item.form)
    assert sc.exec_score == 9.5625 and "全年预算数 800000 像是以元填写，按 80 万元计" in sc.exec_basis, sc.exec_basis


def test_figures_in_wan_are_scored_as_written(tmp_path):
    """95 of 80 万元 (overspent, no 元) and 1,200 万元 budgeted with 1 万元 spent: the funds as written."""
    for row, es in (({"initial": 80, "annual": 80, "executed": 95}, 10),
                    ({"initial": 1200, "annual": 1200, "executed": 1}, round(10 / 1200, 4))):
        [item] = load_all([_form(tmp_path, row, exec_rate=None, exec_score=None)]).forms
        sc = score_form(item.form)
        assert sc.exec_score == es and "像是以元填写" not in sc.exec_basis, sc.exec_basis


def test_summarize_counts_the_warnings_left_after_making_text_numbers_numbers(tmp_path, capsys):
    """汇总 (``summarize -o`` into a copy of the forms' workbook) makes a number typed as text the number; the
    项目明细's 警告数 still counted the X2 warnings of those cells, found before its own edit, where 校验 of
    the saved book found none (s64)."""
    import openpyxl

    from jixiao.cli import main as cli_main

    clean = next(p for p in SAMPLES if p.name == "11.json")
    book = tmp_path / "book.xlsx"
    assert cli_main(["fill", str(clean), "-o", str(book)]) == 0
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    ws["G14"], ws["G15"] = f"{ws['G14'].value}分", f"{ws['G15'].value}"
    typed = tmp_path / "typed.xlsx"
    wb.save(typed)
    _b, before = check_paths([typed])
    assert sum(f.rule == "X2" for f in before.findings) == 2
    import addin.buttons as buttons
    from jixiao.actions import FileHost

    by_cli, by_button = tmp_path / "汇总-o.xlsx", tmp_path / "汇总.xlsx"
    assert cli_main(["summarize", str(typed), "-o", str(by_cli)]) in (0, 1)
    host = FileHost(str(typed), str(by_button))
    assert "改为数字" in buttons.summarize(host)
    host.save()
    capsys.readouterr()
    for out in (by_cli, by_button):
        _b, after = check_paths([out])
        mine = [f for f in after.findings if f.sheet == ws.title]
        assert not [f for f in mine if f.rule == "X2"], [(f.rule, f.cell) for f in mine]
        detail = openpyxl.load_workbook(out, data_only=True)["项目明细"]
        head, row = [r for r in detail.iter_rows(min_row=2, max_row=3, values_only=True)]
        got = row[head.index("错误数")], row[head.index("警告数")]
        # 1 error (B2: the 分值合计 skipped the text “10分”) and 6 warnings (2 of them X2) before the edit
        assert got == (sum(f.severity == "error" for f in mine), sum(f.severity == "warning" for f in mine)) == (0, 4), \
            (out.name, got)
