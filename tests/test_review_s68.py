"""What the bureau's reviewer sends and reads (session 68): a 催报 issued keeps its date while nothing in it changed;
a department that passes with points to verify gets a short notice (not a return); nothing sent says “›”; a long
file name does not spread a justified line of the notice; the 清单 of a later round says its round in its title;
the 分单位汇总's note does not send the reader to the sheet it is on. Each test failed before its fix."""

from __future__ import annotations

import datetime as _dt
import types
import zipfile
from contextlib import contextmanager
from email import policy
from email.parser import BytesParser
from pathlib import Path
from typing import Iterator
from unittest import mock

import docx
import openpyxl

from jixiao.excel.workbook import write_forms
from review_fixture import form, ledger_row, project_list, review_json, two_unit_inbox

INSIDE = "›"


def _paras(path: str | Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs if p.text.strip()]


def _mail(path: str | Path) -> tuple[str, str, str, list[str]]:
    """A mail draft's Subject, Date, body and attachment names."""
    msg = BytesParser(policy=policy.default).parsebytes(Path(path).read_bytes())
    return (str(msg["Subject"]), str(msg["Date"]), msg.get_body(preferencelist=("plain",)).get_content(),
            [str(a.get_filename()) for a in msg.iter_attachments()])


def _cells(path: str | Path) -> list[str]:
    ws = openpyxl.load_workbook(path).active
    return [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]


@contextmanager
def _today(day: _dt.date) -> Iterator[None]:
    """The review run as if on ``day``: the day a notice is dated and its record keeps."""
    class Day(_dt.date):
        @classmethod
        def today(cls) -> "Day":
            return cls(day.year, day.month, day.day)

    fake = types.SimpleNamespace(date=Day, datetime=_dt.datetime, timedelta=_dt.timedelta)
    with mock.patch("jixiao.review.rounds._dt", fake), mock.patch("jixiao.review.notices._dt", fake):
        yield


def _dept(result: dict, name: str) -> dict:
    return next(d for d in result["departments"] if d["department"] == name)


def test_a_reminder_keeps_its_date_and_count_while_nothing_in_it_changed(tmp_path: Path) -> None:
    """县住房和城乡建设局 has sent nothing. The reviewer reruns the inbox on 4月5日 and 4月9日 (other departments sent
    files): its 催报 of 4月1日 was dated again each time and became “第2次催报”, then “第3次催报”, its mail redated —
    while one reminder had gone out. Now it stands as issued (date, mail Date, no new count) until it changes: a
    project added to its list is a new 催报, dated that day, the 2nd."""
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    write_forms([form(1, "县民政局")], inbox / "县民政局" / "民政局.xlsx")
    due = [(form(1, "县民政局").project, "县民政局"), ("老旧小区改造", "县住房和城乡建设局")]
    listed = project_list(tmp_path / "清单.xlsx", due)
    unit = "县住房和城乡建设局"
    with _today(_dt.date(2023, 4, 1)):
        first = _dept(review_json(inbox, out, "--expected", str(listed)), unit)
    said, (_s, date1, _b, _a) = _paras(first["notice"]), _mail(first["mail"])
    assert first["status"] == "未报送" and said[-1] == "2023年4月1日", said
    for day in (_dt.date(2023, 4, 5), _dt.date(2023, 4, 9)):
        with _today(day):
            again = _dept(review_json(inbox, out, "--expected", str(listed)), unit)
        assert again["status"] == "未报送" and again["notice_count"] == "", again["notice_count"]
        assert _paras(again["notice"]) == said, _paras(again["notice"])   # word for word, its date too
        assert _mail(again["mail"])[1] == date1
        assert str(ledger_row(out, unit)["状态"]).split("\n") == ["未报送", "上轮已催报", "仍未报送"]   # no “第2次催报”
    # changed: another project due from it — a new 催报, dated the day it is drafted, its 2nd
    project_list(listed, [*due, ("城镇老旧小区配套设施", unit)])
    with _today(_dt.date(2023, 4, 12)):
        changed = _dept(review_json(inbox, out, "--expected", str(listed)), unit)
    now = _paras(changed["notice"])
    assert now[-1] == "2023年4月12日" and any("这是第2次催报。" in p for p in now), now
    assert changed["notice_count"] == "第2次催报"


def test_a_department_passed_with_points_to_verify_is_told_them_not_returned(tmp_path: Path) -> None:
    """县甲局's form passes with 3 points to verify (请核实): it got no notice, no mail — nothing told it the bureau
    asked anything. It gets a short notice (审核通过及核实事项, no 退回), its 清单 and a mail with its marked copy,
    listed in the 台账 and --json (new fields: its notice/mail fields stay a return's, null)."""
    inbox = tmp_path / "inbox"
    write_forms([form(11, "县甲局")], inbox / "县甲局" / "县甲局.xlsx")   # sample 11: warnings, no error
    write_forms([form(1, "县民政局")], inbox / "县民政局" / "民政局.xlsx")
    out = tmp_path / "out"
    result = review_json(inbox, out, "--year", "2022")
    unit = _dept(result, "县甲局")
    assert unit["status"] == "通过" and unit["to_verify"] > 0 and unit["to_change"] == 0, unit
    assert unit["notice"] is None and unit["mail"] is None   # not a return
    said = _paras(unit["verify_notice"])
    assert said[0] == "关于2022年度项目支出绩效自评表\n审核通过及核实事项的通知", said
    assert "已审核通过，不需退回修改" in said[2] and f"有以下{unit['to_verify']}处请核实" in said[2], said[2]
    assert not any("退回修改的通知" in p or "重新报送：" in p for p in said), said
    items = [p for p in said if p[:1].isdigit() and "单元格" in p]
    assert len(items) == unit["to_verify"] and all(p.endswith("请核实，如无误可说明理由。") for p in items), items
    listed = openpyxl.load_workbook(unit["verify_list"]).active
    assert listed["A1"].value == "县甲局2022年度项目支出绩效自评表核实事项清单"
    subject, _date, body, names = _mail(unit["verify_mail"])
    assert subject.startswith("【核实事项】") and "已审核通过" in body and "退回" not in subject, subject
    assert names == ["县甲局-2022-核实事项通知.docx", "县甲局-2022-核实事项清单.xlsx", "县甲局-2022-校验标注.xlsx"]
    row = ledger_row(out, "县甲局")
    assert (row["状态"], row["退回通知"], row["退回邮件"]) == ("通过", "核实通知", "核实邮件（无收件人）"), row
    returned = _dept(result, "县民政局")   # a return is as it was: its notice, no verify notice
    assert returned["notice"] and returned["verify_notice"] is None


def _archived(inbox: Path) -> None:
    """县民政局's two forms in one zip it made, each workbook under a long name."""
    tmp = inbox.parent / "x"
    books = [tmp / "县民政局2022年度项目支出绩效自评表（城乡居民最低生活保障资金）修改稿.xlsx",
             tmp / "县民政局2022年度项目支出绩效自评表（退役军人优抚对象抚恤和生活补助资金）.xlsx"]
    write_forms([form(1, "县民政局")], books[0])
    write_forms([form(2, "县民政局")], books[1])
    (inbox / "县民政局").mkdir(parents=True)
    with zipfile.ZipFile(inbox / "县民政局" / "县民政局绩效自评材料.zip", "w") as z:
        for b in books:
            z.write(b, b.name)


def test_nothing_sent_to_a_department_says_inside_with_the_programs_mark(tmp_path: Path) -> None:
    """The notice's headings named a workbook in the department's zip as “县民政局绩效自评材料.zip › ….xlsx”, and an
    indicator's category as “效益指标 › 可持续影响指标”: a program's path in a 公文. Now 压缩包“….zip”中的“….xlsx” — in
    the notice, its 清单 and its mail."""
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    _archived(inbox)
    unit = _dept(review_json(inbox, out), "县民政局")
    said = _paras(unit["notice"])
    heads = [p for p in said if "工作表" in p and p.startswith(("一、", "二、"))]
    assert heads and all(h.startswith("一、压缩包“县民政局绩效自评材料.zip”中的“") or
                         h.startswith("二、压缩包“县民政局绩效自评材料.zip”中的“") for h in heads), heads
    assert not any(INSIDE in p for p in said), [p for p in said if INSIDE in p]
    cells = _cells(unit["notice_xlsx"])
    assert not any(INSIDE in c for c in cells), [c for c in cells if INSIDE in c]
    assert "压缩包“县民政局绩效自评材料.zip”中的“县民政局2022年度项目支出绩效自评表（城乡居民最低生活保障资金）修改稿.xlsx”" in cells
    assert INSIDE not in _mail(unit["mail"])[2]


def test_a_category_is_said_in_words_in_the_rules_message() -> None:
    """H3's message (the notice's item, the marked copy's comment, both sent) said “效益指标 › 可持续影响指标”: it says
    “效益指标”中的“可持续影响指标”; its 应为 and 表中为 keep the path (--json), which the 清单 says in words."""
    from jixiao.checking.run import check_batch
    from jixiao.core.quotes import in_words
    from jixiao.forms.project.model import parse_form
    from jixiao.sources import Batch, Loaded
    from review_fixture import sample

    data = sample(1)
    data["indicators"][5]["level2"] = "生态效益指标"   # 稳定性: nothing ecological (H3)
    batch = Batch(forms=[Loaded(parse_form(data), "表1.json")], files=1)
    found = [f for f in check_batch(batch, None).findings if f.rule == "H3"]
    assert found and all(INSIDE not in f.message for f in found), [f.message for f in found]
    assert "应归入“效益指标”中的“社会效益指标”或“可持续影响指标”" in found[0].message, found[0].message
    assert INSIDE in str(found[0].found)   # the field keeps the program's path (--json)
    assert in_words(str(found[0].found)) == "效益指标中的生态效益指标"


def test_a_long_file_name_spreads_no_line_of_the_notice(tmp_path: Path) -> None:
    """A file named in Latin letters without a space (“MinZhengJu_2022_…_v3.xlsx”) cannot break: in a justified item
    the line before it was spread across the width, and one wider than a line left the item's number alone on a line
    (seen in the rendered notice). Such an item is left-aligned, and a name wider than a line may break after its
    “_” (an unprinted break, U+200B); the other items stay justified."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    inbox, out = tmp_path / "inbox", tmp_path / "out"
    write_forms([form(1, "县民政局")], inbox / "县民政局" / "民政局.xlsx")
    long = "MinZhengJu_2022_NianDu_XiangMu_ZhiChu_JiXiao_ZiPing_Biao_Final_v3.xlsx"
    short = "MinZhengJu_ZiPing_v2.xlsx"
    for name in (long, short):
        (inbox / "县民政局" / name).write_bytes(b"PK not a workbook: " + name.encode())   # not the same: both read
    listed = project_list(tmp_path / "清单.xlsx", [(form(1, "县民政局").project, "县民政局"), ("养老服务补贴", "县民政局")])
    unit = _dept(review_json(inbox, out, "--expected", str(listed)), "县民政局")
    paras = [p for p in docx.Document(unit["notice"]).paragraphs if p.text.strip()]
    named = {n: next(p for p in paras if "ZiPing" in p.text and n[-8:] in p.text.replace("\u200b", "")) for n in (long, short)}
    for p in named.values():
        assert p.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.LEFT, p.text
    assert "\u200b" in named[long].text and long in named[long].text.replace("\u200b", "")
    assert short in named[short].text   # narrower than a line: as it is
    plain = [p for p in paras if "H17 单元格" in p.text]
    assert plain and plain[0].paragraph_format.alignment is None   # the style's: justified


def test_the_list_of_a_later_round_says_its_round_in_its_title(tmp_path: Path) -> None:
    """Round 2: 县民政局 sent a 修改稿 and is returned again; its 清单 is mailed as “…-退回修改清单-第2轮.xlsx”, but its
    title read as round 1's. It says “（第2轮）”; 县水务局's standing notice of round 1 keeps its title."""
    inbox, out = two_unit_inbox(tmp_path), tmp_path / "out"
    first = review_json(inbox, out)
    assert openpyxl.load_workbook(_dept(first, "县民政局")["notice_xlsx"]).active["A1"].value.endswith("退回修改清单")
    write_forms([form(1, "县民政局", filled_on="2023.3.20")], inbox / "县民政局" / "民政局（修改稿）.xlsx")
    second = review_json(inbox, out)
    title = openpyxl.load_workbook(_dept(second, "县民政局")["notice_xlsx"]).active["A1"].value
    assert title == "县民政局2022年度项目支出绩效自评表退回修改清单（第2轮）", title
    kept = openpyxl.load_workbook(_dept(second, "县水务局")["notice_xlsx"]).active["A1"].value
    assert kept.endswith("退回修改清单"), kept


def test_the_by_unit_sheets_note_sends_the_reader_elsewhere(tmp_path: Path) -> None:
    """The 分单位汇总's note said “各单位的复核状态见“分单位汇总”工作表和复核台账” — the sheet the reader was on.
    It points to its own 复核状态 column and the 台账; the 汇总表's note still points to the 分单位汇总."""
    out = tmp_path / "out"
    review_json(two_unit_inbox(tmp_path), out)
    wb = openpyxl.load_workbook(next(out.glob("*汇总表.xlsx")))

    def note(ws: str) -> str:
        return next(str(c.value) for row in wb[ws].iter_rows() for c in row
                    if isinstance(c.value, str) and c.value.startswith("说明"))
    by_unit = note("分单位汇总")
    assert "“分单位汇总”工作表" not in by_unit and "见本表“复核状态”列" in by_unit and "复核台账" in by_unit, by_unit
    assert "“分单位汇总”工作表" in note("汇总表")


def test_a_verify_notice_stands_as_sent_while_nothing_in_it_changed(tmp_path: Path) -> None:
    """县甲局 passed with points to verify on 4月1日; the reviewer reruns the inbox on 4月5日, nothing of it changed. Its
    核实事项通知 keeps its date, its mail's Date and its attachments' names (no “-第2轮”), as a standing 催报 does."""
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    write_forms([form(11, "县甲局")], inbox / "县甲局" / "县甲局.xlsx")
    write_forms([form(1, "县民政局")], inbox / "县民政局" / "民政局.xlsx")
    with _today(_dt.date(2023, 4, 1)):
        first = _dept(review_json(inbox, out, "--year", "2022"), "县甲局")
    said, (_s, date1, _b, names) = _paras(first["verify_notice"]), _mail(first["verify_mail"])
    assert said[-1] == "2023年4月1日", said
    with _today(_dt.date(2023, 4, 5)):
        again = _dept(review_json(inbox, out, "--year", "2022"), "县甲局")
    assert again["status"] == "通过" and _paras(again["verify_notice"]) == said
    _s2, date2, _b2, names2 = _mail(again["verify_mail"])
    assert (date2, names2) == (date1, names), (date2, names2)


def test_the_marked_copys_result_sheet_says_a_category_in_words() -> None:
    """The marked copy sent with a notice lists its findings on its 校验结果 sheet: 应为 and 表中为 read
    “效益指标 › 社会效益指标”. They read “效益指标中的社会效益指标”; the finding keeps the path."""
    from jixiao.core.findings import Finding
    from jixiao.excel.plan import result_sheet

    f = Finding("H3", "warning", "indicators[5].level2", "指标“稳定性”归在“效益指标”中的“生态效益指标”下不合理",
                expected="效益指标 › 社会效益指标", found="效益指标 › 生态效益指标", file="x.xlsx", sheet="表", cell="C20")
    spec = result_sheet([f], None, None)
    values = [str(v) for v in spec.cells.values()]
    assert "效益指标中的社会效益指标" in values and "效益指标中的生态效益指标" in values, values
    assert not any(INSIDE in v for v in values), values
    assert f.found == "效益指标 › 生态效益指标"


def test_a_marked_copys_note_names_a_file_in_an_archive_in_words(tmp_path: Path) -> None:
    """县民政局 sent its form, then its 修改稿 in a zip: the first file's marked copy says on the replaced form which
    file replaced it — “县民政局材料.zip › 民政局（修改稿）.xlsx” in the copy sent back. It says 压缩包“…”中的“…”."""
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    write_forms([form(1, "县民政局"), form(2, "县民政局")], inbox / "县民政局" / "民政局.xlsx")   # one of its two replaced
    newer = tmp_path / "x" / "民政局（修改稿）.xlsx"
    write_forms([form(1, "县民政局", filled_on="2023.3.20")], newer)
    with zipfile.ZipFile(inbox / "县民政局" / "县民政局材料.zip", "w") as z:
        z.write(newer, newer.name)
    unit = _dept(review_json(inbox, out), "县民政局")
    copy = next(p for p in unit["annotated"] if "修改稿" not in Path(p).name)
    notes = [str(c.comment.text) for ws in openpyxl.load_workbook(copy).worksheets for row in ws.iter_rows()
             for c in row if c.comment and "替换" in str(c.comment.text)]
    assert notes and all(INSIDE not in n for n in notes), notes
    assert "压缩包“县民政局材料.zip”中的“民政局（修改稿）.xlsx”" in notes[0], notes[0]
