"""应为 and 表中为 as the 填报人 sees the figures (s62).

The 校验结果 sheet of a marked copy and the 退回修改清单 showed a finding's ``expected`` and ``found`` as the JSON gives
them: a 执行率 “应为 1, 表中为 10”, a score “20” and “18.5”, money “13.6” and “0”. They show “100.00%” and
“1000.00%” (as the 0.00% cell shows them), “20 分”, “13.6 万元” (``forms.shown_value``); ``--json`` is unchanged.
"""

from __future__ import annotations

import json

import openpyxl

from conftest import SAMPLES
from jixiao.cli import main as cli_main
from jixiao.core.findings import RESULT_HEADER
from jixiao.forms import shown_value

PICKED = ("01.json", "09.json", "14.json")   # D4 (18.5 of 20), A2 (当年财政拨款 blank under 13.6), A3 (执行率 10)
WANT = {("D4", "indicators[3].score"): ("20 分", "18.5 分"), ("A2", "funds.fiscal.annual"): ("13.6 万元", "0 万元"),
        ("A3", "exec_rate"): ("100.00%", "1000.00%")}


def test_each_kind_of_figure_has_its_unit():
    assert shown_value("exec_rate", 0.9905) == "99.05%"
    assert shown_value("indicators[3].score", 20) == "20 分"
    assert shown_value("funds.total.executed", 128.77) == "128.77 万元"
    # a corrected 总分 with its grade (D11, D14) says 分 as the 表中为 beside it does (“97.75 分”)
    assert shown_value("total_score", "99.25（优）") == "99.25 分（优）"
    assert shown_value("total_score", "109.5（无法评定）") == "109.5 分（无法评定）"
    assert shown_value("indicators[0].target", "95（优）") == "95（优）"     # not a score: text as it is
    assert shown_value("total_score", "按规则重新计算") == "按规则重新计算"
    assert shown_value("data.satisfaction", 0.93) == "93.00%"                 # 部门整体 form
    assert shown_value("data.staff_actual", 6) == "6 人"
    assert shown_value("level2_weights.绩效目标", 10) == "10 分"              # 评价表
    assert shown_value("budget", 163) == "163 万元"
    assert shown_value("summary.funds_done", 425.395) == "425.395 万元"       # the 汇总表 (E4)
    assert shown_value("indicators[0].actual", 0.1 + 0.2) == "0.3"            # no float noise
    assert shown_value("x", None) == ""


def _book(tmp_path):
    book = tmp_path / "自评.xlsx"
    assert cli_main(["fill", *(str(p) for p in SAMPLES if p.name in PICKED), "-o", str(book)]) == 0
    return book


def test_the_result_sheet_shows_figures_as_the_form_does_and_the_json_is_as_it_was(tmp_path, capsys):
    book = _book(tmp_path)
    capsys.readouterr()
    cli_main(["check", str(book), "--json"])
    found = {(f["rule"], f["field"]): (f["expected"], f["found"]) for f in json.loads(capsys.readouterr().out)}
    assert found[("D4", "indicators[3].score")] == (20, 18.5)                 # the JSON: bare values, as before
    assert found[("A3", "exec_rate")] == (1, 10)
    cli_main(["check", str(book), "--annotate", str(tmp_path / "标注.xlsx")])
    ws = openpyxl.load_workbook(tmp_path / "标注.xlsx")["校验结果"]
    col = {h: i for i, h in enumerate(RESULT_HEADER)}
    rows = list(ws.iter_rows(min_row=3, values_only=True))
    for (rule, _field), (want, was) in WANT.items():
        got = [(r[col["应为"]], r[col["表中为"]]) for r in rows if r[col["规则"]] == rule]
        assert (want, was) in got, (rule, got)


def test_the_return_list_shows_them_too(tmp_path, capsys):
    inbox = tmp_path / "收件" / "县医疗保障局"
    inbox.mkdir(parents=True)
    book = _book(tmp_path)
    (inbox / "县医疗保障局-自评表.xlsx").write_bytes(book.read_bytes())
    capsys.readouterr()
    cli_main(["review", str(tmp_path / "收件"), "-o", str(tmp_path / "复核"), "--json"])
    (dept,) = [d for d in json.loads(capsys.readouterr().out)["departments"] if d["to_fix"]]
    items = {(it["rule"], it["cell"]): it for it in dept["to_fix"]}
    d4 = next(it for (rule, _c), it in items.items() if rule == "D4")
    assert (d4["expected"], d4["found"]) == ("20", "18.5")                    # as the JSON always gave them
    assert (d4["expected_shown"], d4["found_shown"]) == ("20 分", "18.5 分")  # added
    ws = openpyxl.load_workbook(dept["notice_xlsx"]).active
    head = [c.value for c in ws[2]]
    rows = [r for r in ws.iter_rows(min_row=3, values_only=True) if isinstance(r[0], int)]
    shown = {(r[head.index("应为")], r[head.index("表中为")]) for r in rows}
    for want, was in WANT.values():
        assert (want, was) in shown, (want, was, shown)
