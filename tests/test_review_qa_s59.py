"""Stop 59's integration QA of ``review`` as the 财政局 reviewer met it over a season (a county inbox of 续表,
.xls/.et/.xlsm, mails, zips, short folder names, resubmissions and a 2021 form, three rounds)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from types import SimpleNamespace

import openpyxl

from jixiao.excel.workbook import write_forms
from review_fixture import form, list_rows, review_json, run_cli, saved_at


# ---- a resent older version whose forms lost for two reasons: some by their 填报日期, the rest by save time

MIXED = [{"file": "旧.xlsx", "replaced_by": "新.xlsx", "sheet": "甲", "why": "填报日期较晚",
          "filled_on": "2023-02-20", "kept_filled_on": "2023-03-01"}] + \
        [{"file": "旧.xlsx", "replaced_by": "新.xlsx", "sheet": s,
          "why": "填报日期相同，其工作簿记录的保存时间（2023-03-01 10:00）较晚",
          "filled_on": "2023-03-01", "kept_filled_on": "2023-03-01"} for s in ("乙", "丙")]


def test_a_workbook_replaced_for_two_reasons_is_told_both():
    """The 说明 of the notice said no reason at all (““旧.xlsx”（3张表）已被“新.xlsx”替换”) when the
    sheets of one workbook lost for different reasons: the department could not tell why its file, sent
    after the other, did not count. Each reason is said with the number of sheets it holds for."""
    from jixiao.review.notices import replaced_note

    dept = SimpleNamespace(superseded_forms=MIXED, files=["新.xlsx"], annotated=[])
    assert replaced_note(dept) == (
        "“旧.xlsx”（3张表）中，1张表的填报日期（2023年2月20日）早于“新.xlsx”的（2023年3月1日），"
        "2张表与“新.xlsx”填报日期相同，“新.xlsx”工作簿记录的保存时间（2023-03-01 10:00）较晚，"
        "已被“新.xlsx”替换，不计入审核，无需修改。")


def test_the_file_list_says_each_reason_a_resent_workbook_lost_by(tmp_path):
    """县教育局's 修改稿 is an older version: one form dated earlier, the other of the same date but saved
    earlier. The 文件清单 said “2 张表均已由 教育局.xlsx 重新报送（填报日期较晚）” — the first form's
    reason for both, untrue of the second (same 填报日期)."""
    inbox = tmp_path / "inbox"
    made = tmp_path / "made"
    first = saved_at(write_forms([form(3, "县教育局", filled_on="2023.3.1"), form(4, "县教育局", filled_on="2023.3.1")],
                                 made / "教育局.xlsx"), dt.datetime(2023, 3, 1, 2, 0))
    older = saved_at(write_forms([form(3, "县教育局", filled_on="2023.2.20"), form(4, "县教育局", filled_on="2023.3.1")],
                                 made / "教育局（修改稿）.xlsx"), dt.datetime(2023, 2, 20, 2, 0))
    inbox.mkdir()
    for p in (first, older):
        (inbox / p.name).write_bytes(p.read_bytes())
    code, text = run_cli("review", str(inbox), "-o", str(tmp_path / "out"), "--json")
    assert code in (0, 1), text
    [dept] = json.loads(text)["departments"]
    local = dt.datetime.fromtimestamp(dt.datetime(2023, 3, 1, 2, 0, tzinfo=dt.timezone.utc).timestamp())
    assert sorted(x["why"] for x in dept["superseded_forms"])[0] == "填报日期相同，其工作簿记录的保存时间（" \
        + f"{local.year}年{local.month}月{local.day}日 {local:%H:%M}" + "）较晚"
    ws = openpyxl.load_workbook(tmp_path / "out" / "复核台账.xlsx")["文件清单"]
    rows = {r[1]: r[4] for r in ws.iter_rows(values_only=True) if r and r[1]}
    said = rows["教育局（修改稿）.xlsx"]
    assert said.startswith("2 张表均已由 教育局.xlsx 重新报送（其中 1 张表填报日期较晚；1 张表填报日期相同，"
                           "其工作簿记录的保存时间（"), said
    assert said.endswith("）较晚），此份不计入"), said


# ---- a form continued on a 续表 sheet is one form in the notice and its 清单, as it is one form in the counts

def test_a_form_continued_on_a_second_sheet_is_one_heading_in_the_notice(tmp_path):
    """A department's form runs on to a “续表” sheet. The review counted it as one form, but its notice
    gave it two headings — “一、…（“续表”工作表）” first, then “二、…（“退役军人辅助性岗位经费”工作表）”,
    the same project twice, the 续表's points before the first page's — and the 清单 likewise.
    One heading now names both sheets, and each point on the 续表 says it is there."""
    import docx

    from test_continued_s59 import FIRST, split

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    moved = split(inbox / "自评表.xlsx", 18)
    rv = review_json(inbox, tmp_path / "out")
    [dept] = [d for d in rv["departments"] if d["forms"]]
    assert dept["forms"] == 1
    paras = [p.text.replace("\n", "") for p in docx.Document(dept["notice"]).paragraphs if p.text.strip()]
    heads = [p for p in paras if p[:2] in ("一、", "二、", "（一", "（二")]
    assert len(heads) == 1, heads
    assert heads[0] == f"一、“{FIRST}”工作表及其续表“续表”", heads[0]
    on_rest = [p for p in paras if "“续表”工作表 H" in p or "“续表”工作表 I" in p]
    assert any(f"“续表”工作表 H{moved[21]} 单元格" in p for p in on_rest), paras   # the 总分 (D11)
    on_sheets = [it["sheet"] for it in dept["to_fix"] if it["kind"] == "finding"]
    assert {"续表", FIRST} <= set(on_sheets)
    assert sum("．“续表”工作表 " in p for p in paras) == on_sheets.count("续表")   # the first page's only by cell
    # within a rule the first page's rows before the 续表's (its row 5 is below the first page's row 16)
    d6 = [p.split("．", 1)[1] for p in paras if "偏差原因分析及改进措施" in p and "扣了" in p]
    assert [p.startswith("“续表”") for p in d6] == sorted(p.startswith("“续表”") for p in d6), d6
    rows = list_rows(Path(dept["folder"]))
    assert sum(1 for r in rows if r[0].startswith(("一、", "二、"))) == 1, rows


def test_the_checkers_order_puts_a_forms_first_sheet_before_its_continuation(tmp_path):
    """Within one rule, ``check`` (its --json, the 校验结果 sheet of a marked copy) listed a form's points
    by row whatever their sheet: the 续表's row 3 before the first sheet's row 16. The first sheet's now
    come first, then the 续表's, as the notice lists them; the plain key and the packed sort agree."""
    from jixiao.checking.order import finding_key
    from jixiao.checking.run import check_paths
    from test_continued_s59 import split

    book = tmp_path / "自评表.xlsx"
    split(book, 16, again=False, keep_other=True)
    batch, result = check_paths([book])
    seen: dict[tuple[str, str], list[bool]] = {}
    for f in result.findings:
        if f.source and f.sheet:
            seen.setdefault((f.source, f.rule), []).append("#" + f.sheet not in f.source)
    assert any(len(set(v)) > 1 for v in seen.values()), seen   # a rule with points on both sheets
    for v in seen.values():
        assert v == sorted(v), seen
    order = {it.source: i for i, it in enumerate(batch.all())}
    assert result.findings == sorted(result.findings, key=lambda f: finding_key(order, f))
