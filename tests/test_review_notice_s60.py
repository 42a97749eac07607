"""Stop 60: the reviewer's documents as a department reads them — 上次已指出 on a 续表, the 附件 names, times."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

from review_fixture import run_cli

from jixiao.review.rounds import LastRound, compare, item_key


def _review(inbox: Path, out: Path, *extra: str) -> dict:
    code, text = run_cli("review", str(inbox), "-o", str(out), "--json", *extra)
    assert code in (0, 1), text
    return json.loads(text)


# ---- 上次已指出: a point on a 续表 is not the point on the same cell of the form's first sheet

def test_a_point_on_a_continuation_is_not_the_same_cell_of_the_first_sheet(tmp_path):
    """Round one pointed at H5 of the form's 续表; round two finds the same rule at H5 of the form's first
    sheet (the 续表's own H5 put right). The notice marked it “上次已指出”: the key left the sheet out (a
    department may rename its sheets), so a 续表's cell and the first sheet's of the same address were one."""
    from test_continued_s59 import FIRST, split

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    split(inbox / "自评表.xlsx", 18)
    rv = _review(inbox, tmp_path / "out")
    [dept] = [d for d in rv["departments"] if d["forms"]]
    on_rest = [it for it in dept["to_fix"] if it.get("form_sheet") == FIRST and it["sheet"] == "续表" and it["cell"]]
    assert on_rest, dept["to_fix"]
    then = on_rest[0]
    first = {k: v for k, v in then.items() if k != "form_sheet"} | {"sheet": FIRST}   # same cell, the first sheet
    assert item_key(first) != item_key(then)
    last = LastRound(when=__import__("datetime").datetime(2026, 12, 1, 9, 0), number=1,
                     departments={dept["department"]: {"status": "退回修改", "items": [item_key(then)], "returned": 1}})
    now = SimpleNamespace(name=dept["department"], items=[dict(first), dict(then)], status="退回修改", standing=None,
                          last_round=None)
    compare(now, last)
    assert [it["again"] for it in now.items] == [False, True]
    assert now.last_round["new"] == 1 and now.last_round["again"] == 1
    # a point on a form's first sheet keys as before: a manifest of an earlier round still matches it
    plain = {k: v for k, v in first.items()}
    assert "续表" not in item_key(plain) and item_key(plain).count("\x1f") == 3


# ---- a list cut short: “等” apart from the number it follows, and how many there are in all

def test_a_cut_list_says_how_many_in_all_apart_from_its_last_number(tmp_path):
    """计算 on a form with seven 分值 typed “10分”: “（…G19“15分”改为 15等）” — 等 glued to the number, as if
    “15等” were one. A list cut short now ends “等 7 处”; one of forms counts forms; one not cut says no 等."""
    import openpyxl

    from jixiao.errors import some_said
    from jixiao.excel.workbook import write_forms
    from review_fixture import form

    write_forms([form(1, "县民政局")], tmp_path / "a.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "a.xlsx")
    ws = wb.worksheets[0]
    typed = [r for r in range(12, 34) if isinstance(ws[f"G{r}"].value, (int, float))][:7]
    for r in typed:
        ws[f"G{r}"] = f"{ws[f'G{r}'].value:g}分"
    wb.save(tmp_path / "typed.xlsx")
    code, said = run_cli("calc", str(tmp_path / "typed.xlsx"), "-o", str(tmp_path / "calc.xlsx"))
    assert code == 0, said
    assert "已把 7 个写成文字的数字改为数字（" in said, said
    listed = said.split("已把 7 个写成文字的数字改为数字（", 1)[1].split("），", 1)[0]
    assert listed.endswith(" 等 7 处"), listed
    assert listed.count("改为") == 6, listed
    items = [(f"表{i}", f"分值合计为 {100 + i}") for i in range(8)]
    assert some_said(items, unit="张表").endswith("分值合计为 105 等 8 张表")
    assert "等" not in some_said(items[:6]) and some_said(items[:6]).endswith("分值合计为 105")


def test_the_detail_note_names_more_than_ten_rows_with_how_many():
    """The 汇总表's note under 项目明细 named eleven rows “序号为1、2、…、10等的项目”: “10等” one number to the
    eye, and no word of how many. Now “序号为1、2、…、10 等 11 个项目”; ten or fewer as before."""
    from jixiao.summary.book import detail_note

    rows = [{"grade": "优", "total": 90.76, "reviewed_total": 88.76} for _ in range(11)]
    note = detail_note(rows)
    assert note is not None and note.startswith("注：序号为1、2、3、4、5、6、7、8、9、10 等 11 个项目复核得分与自评得分不在同一等级"), note
    assert detail_note(rows[:2]).startswith("注：序号为1、2的项目复核得分与自评得分不在同一等级")


# ---- a time as a Chinese reader reads it

def test_a_save_time_in_the_notice_is_written_as_a_chinese_date(tmp_path):
    """Two versions of 县教育局's workbook of one 填报日期: the later save counts, and the notice's 说明, its
    清单 and the 台账's 文件清单 said why as “保存时间（2023-03-01 10:00）较晚” — a machine's date in a
    公文. Now “保存时间（2023年3月1日 10:00）较晚”, the day as every date in the notice is written."""
    import datetime as dt

    import docx
    import openpyxl

    from jixiao.excel.workbook import write_forms
    from review_fixture import form, saved_at

    made, inbox = tmp_path / "made", tmp_path / "inbox"
    inbox.mkdir()
    for name, when in (("教育局.xlsx", dt.datetime(2023, 3, 1, 2, 0)), ("教育局（修改稿）.xlsx", dt.datetime(2023, 2, 20, 2, 0))):
        p = saved_at(write_forms([form(3, "县教育局", filled_on="2023.3.1")], made / name), when)
        (inbox / name).write_bytes(p.read_bytes())
    [dept] = _review(inbox, tmp_path / "out")["departments"]
    local = dt.datetime.fromtimestamp(dt.datetime(2023, 3, 1, 2, 0, tzinfo=dt.timezone.utc).timestamp())
    shown = f"保存时间（{local.year}年{local.month}月{local.day}日 {local:%H:%M}）较晚"
    note = [p.text for p in docx.Document(dept["notice"]).paragraphs if p.text.startswith("说明：")]
    assert len(note) == 1 and shown in note[0], note
    listed = [c.value for row in openpyxl.load_workbook(Path(dept["folder"]) / "退回修改清单.xlsx").worksheets[0].iter_rows()
              for c in row if isinstance(c.value, str) and "保存时间" in c.value]
    assert listed and all(shown in v for v in listed), listed
    ws = openpyxl.load_workbook(tmp_path / "out" / "复核台账.xlsx")["文件清单"]
    said = [v for r in ws.iter_rows(values_only=True) for v in r if isinstance(v, str) and "保存时间" in v]
    assert said and all(shown in v for v in said), said


def test_one_way_to_write_a_time():
    import datetime as dt

    from jixiao.core.dates import cn_time

    assert cn_time(dt.datetime(2026, 12, 6, 21, 11, 5)) == "2026年12月6日 21:11"
    assert cn_time(dt.datetime(2026, 1, 2, 8, 5)) == "2026年1月2日 08:05"


# ---- the 附件 the notice names are the files its mail attaches, in every round

def _attached_and_listed(dept: dict) -> tuple[list[str], list[str]]:
    """The names the 退回邮件 attaches its files under (after the notice itself, without the extension), and
    the names the notice's 附件说明 lists (a long one broken for print read as one)."""
    import email
    import re
    from email import policy

    import docx

    msg = email.message_from_bytes(Path(dept["mail"]).read_bytes(), policy=policy.default)
    attached = [Path(a.get_filename() or "").stem for a in msg.iter_attachments()][1:]
    listed = [re.sub(r"^(附件：)?(\d+．)?", "", p.text.replace("\n", "")) for p in docx.Document(dept["notice"]).paragraphs
              if p.style.name.startswith("附件")]
    return attached, listed


def test_the_notice_lists_its_attachments_by_the_names_the_mail_attaches_them_under(tmp_path):
    """The mail attached “县水务局-2022-退回修改清单-第2轮.xlsx” and “县水务局-2022-水务局自评表-校验标注-第2轮.xlsx”
    while its notice's 附件说明 listed “退回修改清单” and “水务局自评表-校验标注” — in the department's folder of
    the bureau's mails, no file of the names the notice gives. Both name them alike now, round after round."""
    from jixiao.excel.workbook import write_forms
    from review_fixture import form

    inbox = tmp_path / "inbox" / "县水务局"
    inbox.mkdir(parents=True)
    write_forms([form(10, "县水务局")], inbox / "水务局自评表.xlsx")
    out = tmp_path / "复核结果"
    [d1] = _review(tmp_path / "inbox", out)["departments"]
    attached, listed = _attached_and_listed(d1)
    assert attached == listed == ["县水务局-2022-退回修改清单", "县水务局-2022-水务局自评表-校验标注"], (attached, listed)
    import openpyxl

    wb = openpyxl.load_workbook(inbox / "水务局自评表.xlsx")
    wb.properties.lastModifiedBy = "水务局 张三"   # sent again, nothing put right: a new round's notice
    wb.save(inbox / "水务局自评表.xlsx")
    [d2] = _review(tmp_path / "inbox", out)["departments"]
    attached, listed = _attached_and_listed(d2)
    assert attached == listed == ["县水务局-2022-退回修改清单-第2轮", "县水务局-2022-水务局自评表-校验标注-第2轮"], \
        (attached, listed)


# ---- the marked copy's comment says what a cell should be as the notice does

def test_a_comment_puts_no_bracket_beside_a_bracket():
    """The marked copy's comment on a 实际完成情况 said “…扣了分（“服务人数”8.24/10）（应如实写明完成了什么、未完成
    什么（含未完全达到的指标及原因，共扣 1.76 分），以及……）” — brackets side by side and brackets in brackets,
    where the 退回修改通知 says “…8.24/10），应如实写明……”. The comment now says it as the notice does."""
    from jixiao.core.findings import Finding
    from jixiao.excel.plan import SetComment, annotation_plan
    from jixiao.review.notices import item_text

    message = "执行率仅 74.11%（低于 80%），实际完成情况却写“已完成”，且 1 个指标扣了分（“服务人数”8.24/10）"
    expected = "如实写明完成了什么、未完成什么（含未完全达到的指标及原因，共扣 1.76 分），以及执行率仅 74.11% 的原因"
    f = Finding("G2", "warning", "goal_actual", message, expected=expected, found="已完成", file="a.xlsx", sheet="表",
                cell="F12", project="项目")
    (comment,) = [e.text for e in annotation_plan([f]).edits if isinstance(e, SetComment)]
    assert "）（" not in comment and "（应" not in comment, comment
    assert comment == f"【警告】{message}，应{expected}〔规则 G2〕", comment
    notice = item_text(1, {"kind": "finding", "file": "a.xlsx", "sheet": "表", "cell": "F12", "project": "项目", "rule": "G2",
                           "severity": "warning", "message": message, "expected": expected, "found": "已完成"}, placed=True)
    assert f"{message}，应{expected}。" in notice, notice
    # a value: quoted, as the notice quotes it
    f = Finding("C9", "warning", "indicators[0].target", "指标“车辆完好率”的年度指标值写法有误", expected="=100%",
                sheet="表", cell="E15")
    (comment,) = [e.text for e in annotation_plan([f]).edits if isinstance(e, SetComment)]
    assert comment == "【警告】指标“车辆完好率”的年度指标值写法有误，应为“=100%”〔规则 C9〕", comment
