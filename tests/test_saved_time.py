"""Which of two versions of a form counts when both carry the same 填报日期: the one its workbook
says was saved later (``docprops.saved_time``), not the one whose file is newer on disk.

Before: the file time decided. A mail attachment's time is the message's Date, but a workbook
saved into a folder has the time the reviewer saved it; so an old version saved into the inbox
after the corrected one came by mail won, and its errors were sent back to a department that
had already put them right (none in the version it mailed)."""

from __future__ import annotations

import datetime as dt
import json
import os
from email.message import EmailMessage
from pathlib import Path

import pytest

from jixiao.core.dates import cn_time
from jixiao.docprops import saved_time
from jixiao.excel.workbook import write_forms
from review_fixture import form, run_cli, saved_at

UTC = dt.timezone.utc
OLD_SAVE = dt.datetime(2023, 3, 1, 9, 0, tzinfo=UTC)     # the first version, as its program saved it
NEW_SAVE = dt.datetime(2023, 3, 2, 9, 0, tzinfo=UTC)     # the corrected one, saved a day later
MAIL_DATE = "Thu, 2 Mar 2023 18:00:00 +0800"               # mailed that afternoon
FOLDER_TIME = dt.datetime(2023, 3, 6, 10, 0, tzinfo=UTC).timestamp()  # the old one saved into the folder later
SAME_DAY = "2023.3.1"                                       # the 填报日期 both versions carry
N = 11                                                      # a sample form without errors


def _versions(root: Path) -> tuple[Path, Path]:
    """The first version (its 执行率得分 9 where 10 is due: errors) and the corrected one (none)."""
    old = saved_at(write_forms([form(N, "县水务局", exec_score=9, filled_on=SAME_DAY)], root / "made" / "水务局-旧.xlsx"),
                   OLD_SAVE)
    new = saved_at(write_forms([form(N, "县水务局", filled_on=SAME_DAY)], root / "made" / "水务局-新.xlsx"), NEW_SAVE)
    return old, new


def test_saved_time_is_what_the_workbook_records(tmp_path):
    old, new = _versions(tmp_path)
    os.utime(old, (FOLDER_TIME, FOLDER_TIME))
    os.utime(new, (FOLDER_TIME - 86400, FOLDER_TIME - 86400))
    assert (saved_time(old), saved_time(new)) == (OLD_SAVE.timestamp(), NEW_SAVE.timestamp())
    assert os.path.getmtime(old) > os.path.getmtime(new)  # the file times say the opposite
    # no time recorded, or nothing a workbook: no answer (the file time decides then)
    (tmp_path / "x.xlsx").write_bytes(b"PK\x03\x04 not really a workbook" * 20)
    (tmp_path / "y.xls").write_text("<html><table><tr><td>1</td></tr></table></html>", encoding="utf-8")
    assert saved_time(tmp_path / "x.xlsx") is saved_time(tmp_path / "y.xls") is saved_time(tmp_path / "无") is None
    os.mkfifo(tmp_path / "管道.xlsx")  # a FIFO is never opened (it would block)
    assert saved_time(tmp_path / "管道.xlsx") is None


def test_an_xls_says_when_it_was_saved_in_its_summary_information(tmp_path):
    from conftest import need_libreoffice
    from jixiao.excel.office import convert

    need_libreoffice()
    _old, new = _versions(tmp_path)
    xls = convert(new, "xls", tmp_path / "xls")  # LibreOffice carries the time over, as Excel's 另存为 does not
    assert saved_time(xls) == NEW_SAVE.timestamp()


def _mail(path: Path, workbook: Path) -> None:
    msg = EmailMessage()
    msg["From"], msg["Subject"], msg["Date"] = "shuiwu@example.cn", "县水务局绩效自评表（修改）", MAIL_DATE
    msg.set_content("请查收修改后的自评表。")
    msg.add_attachment(workbook.read_bytes(), maintype="application", subtype="octet-stream", filename="水务局.xlsx")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(bytes(msg))


def test_review_counts_the_version_saved_later_not_the_file_saved_into_the_folder_later(tmp_path):
    old, new = _versions(tmp_path)
    inbox = tmp_path / "inbox"
    (inbox / "县水务局").mkdir(parents=True)
    folder_copy = inbox / "县水务局" / "水务局.xlsx"
    folder_copy.write_bytes(old.read_bytes())
    os.utime(folder_copy, (FOLDER_TIME, FOLDER_TIME))  # saved into the folder after the mail came
    _mail(inbox / "邮件" / "县水务局报送.eml", new)
    _code, text = run_cli("review", str(inbox), "-o", str(tmp_path / "out"), "--json")
    (d,) = json.loads(text)["departments"]
    assert (d["department"], d["forms"], d["errors"], d["status"]) == ("县水务局", 1, 0, "通过")
    [x] = d["superseded_forms"]
    assert {k: x[k] for k in ("file", "project", "replaced_by")} == {
        "file": "县水务局/水务局.xlsx", "project": form(N, "县水务局").project,
        "replaced_by": "邮件/县水务局报送.eml › 水务局.xlsx"}
    assert x["why"].startswith("填报日期相同，其工作簿记录的保存时间（") and x["cell"] == "B3"
    import openpyxl

    ws = openpyxl.load_workbook(tmp_path / "out" / "复核台账.xlsx")["文件清单"]
    reason = {r[1]: r[4] for r in ws.iter_rows(min_row=3, values_only=True)}["县水务局/水务局.xlsx"]
    shown = cn_time(dt.datetime.fromtimestamp(NEW_SAVE.timestamp()))
    assert reason == ("同一项目已由 邮件/县水务局报送.eml › 水务局.xlsx 重新报送（填报日期相同，"
                      f"其工作簿记录的保存时间（{shown}）较晚），此份不计入")


def test_a_folder_counts_the_version_saved_later(tmp_path, capsys):
    """``summarize`` of a folder (``check`` of a folder checks every form, each version included)."""
    old, new = _versions(tmp_path)
    folder = tmp_path / "收件"
    folder.mkdir()
    (folder / "水务局（修改）.xlsx").write_bytes(new.read_bytes())
    (folder / "水务局.xlsx").write_bytes(old.read_bytes())
    os.utime(folder / "水务局（修改）.xlsx", (FOLDER_TIME - 3600, FOLDER_TIME - 3600))
    os.utime(folder / "水务局.xlsx", (FOLDER_TIME, FOLDER_TIME))  # the old one copied in later
    _code, text = run_cli("summarize", str(folder), "-o", str(tmp_path / "汇总表.xlsx"), "--json")
    (row,) = json.loads(text)["rows"]
    assert (row["source"].split("#")[0], row["errors"]) == (str(folder / "水务局（修改）.xlsx"), 0)
    assert f"未计入：{folder / '水务局.xlsx'}：同一项目已由 {folder / '水务局（修改）.xlsx'} 重新报送（填报日期相同，" \
        in capsys.readouterr().err


def test_without_a_recorded_time_on_each_the_file_time_decides(tmp_path):
    """One version is a system's export (a web page named .xls, no properties): a recorded time
    cannot be set against a file time, so the file times decide, as before."""
    from jixiao.dedupe import newest_file

    dates = {"a": dt.date(2023, 3, 1), "b": dt.date(2023, 3, 1)}
    times = {"a": 100.0, "b": None}
    assert newest_file(["a", "b"], dates, times.get, {"a": 1.0, "b": 2.0}.get)[0] == "b"
    times["b"] = 50.0
    assert newest_file(["a", "b"], dates, times.get, {"a": 1.0, "b": 2.0}.get) == (
        "a", "填报日期相同，其工作簿记录的保存时间（"
             + cn_time(dt.datetime.fromtimestamp(100.0)) + "）较晚")
    times["b"] = 100.0  # saved in the same second (written by a program): the file time
    assert newest_file(["a", "b"], dates, times.get, {"a": 1.0, "b": 2.0}.get) == ("b", "填报日期相同，其文件时间较晚")
    dates["a"] = dt.date(2023, 3, 2)  # a later 填报日期 first, whatever the times
    assert newest_file(["a", "b"], dates, times.get, {"a": 1.0, "b": 2.0}.get) == ("a", "填报日期较晚")


def test_an_earlier_draft_beside_two_of_one_date_is_told_by_its_date(tmp_path):
    """Three versions of a form: a 初稿 of an earlier 填报日期 and two of the same date, the one saved later
    counted. The 初稿 was said to be left out because “填报日期相同，其工作簿记录的保存时间……较晚” — its date is not
    the same: the reason the two of one date were told apart was given to every file left out."""
    from jixiao.dedupe import screen_forms
    from jixiao.sources import Loaded

    def loaded(path: str, filled_on: str) -> Loaded:
        return Loaded(form(N, "县水务局", filled_on=filled_on), path)

    saved = {"初稿.xlsx": OLD_SAVE.timestamp(), "一.xlsx": OLD_SAVE.timestamp(), "二.xlsx": NEW_SAVE.timestamp()}
    res = screen_forms([loaded("初稿.xlsx", "2023.2.20"), loaded("一.xlsx", SAME_DAY), loaded("二.xlsx", SAME_DAY)],
                       mtime=lambda f: 0.0, saved=saved.get)
    assert [it.file for it in res.kept] == ["二.xlsx"]
    why = {s.file: s.why for s in res.set_aside}
    assert why["初稿.xlsx"] == "填报日期较晚", why
    assert (why["一.xlsx"] or "").startswith("填报日期相同，其工作簿记录的保存时间（"), why
    assert {s.file: s.reason for s in res.set_aside}["初稿.xlsx"] == "同一项目已由 二.xlsx 重新报送（填报日期较晚），此份不计入"
