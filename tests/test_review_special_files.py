"""The 财政局's inbox and option files, read through the guard like every other input (issue #13).

Before: ``review`` walked the inbox with ``rglob`` + ``is_file``, so a FIFO or device was skipped
without a word and a link leading out of the inbox was followed; a FIFO named ``项目清单.xlsx``
given to ``--expected`` blocked inside calamine, where even SIGTERM could not stop it; an .et or .eml
was read whole before any size check; ``report --templates`` opened a FIFO and waited for ever.
Each command runs in a child with a time-out, so a regression fails instead of hanging the suite.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fuzz"))
from hostile import base_workbook  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "jixiao" / "samples" / "dachang-2022" / "01.json"


def _run(args: list[str], timeout: float = 180) -> subprocess.CompletedProcess:
    try:
        return subprocess.run([sys.executable, "-m", "jixiao.cli", *map(str, args)], cwd=ROOT,
                              capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        pytest.fail(f"jixiao {' '.join(map(str, args))} 没有在 {timeout} 秒内结束（打开了命名管道？）")


@pytest.fixture()
def inbox(tmp_path: Path) -> Path:
    box = tmp_path / "收件夹"
    (box / "东城").mkdir(parents=True)
    (box / "东城" / "自评表.xlsx").write_bytes(base_workbook(3, 1))
    for name in ("x.et", "y.eml", "z.docx", "w.xlsx"):
        os.mkfifo(box / name)
    outside = tmp_path / "外面.xlsx"
    outside.write_bytes(base_workbook(1, 2))
    os.symlink(outside, box / "东城" / "链接.xlsx")
    os.symlink("/etc/hostname", box / "东城" / "报告.docx")
    return box


def test_every_special_file_in_the_inbox_is_reported(inbox, tmp_path):
    r = _run(["review", inbox, "-o", tmp_path / "复核", "--json"])
    assert r.returncode in (0, 1), r.stderr
    data = json.loads(r.stdout)
    said = {u["file"]: u["reason"] for u in data["unreadable"]}
    said.update({s["file"]: s["reason"] for s in data["skipped"]})
    for name in ("x.et", "y.eml", "z.docx", "w.xlsx"):
        assert "命名管道" in said.get(name, ""), (name, said)
    assert "之外的链接" in said.get("东城/链接.xlsx", ""), said
    assert "之外的链接" in said.get("东城/报告.docx", ""), said
    assert data["totals"]["forms"] == 3  # the real workbook is read all the same (3 forms), nothing else


def test_expected_list_that_is_a_fifo_is_refused(inbox, tmp_path):
    shutil.rmtree(inbox)
    inbox.mkdir()
    (inbox / "表.xlsx").write_bytes(base_workbook(1, 1))
    fifo = tmp_path / "项目清单.xlsx"
    os.mkfifo(fifo)
    r = _run(["review", inbox, "-o", tmp_path / "复核", "--expected", fifo])
    assert r.returncode == 2 and "命名管道" in r.stderr and "Traceback" not in r.stderr
    bad = tmp_path / "坏清单.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a workbook")
    r = _run(["review", inbox, "-o", tmp_path / "复核2", "--expected", bad])
    assert r.returncode == 2 and "坏清单.xlsx" in r.stderr
    assert "Error" not in r.stderr  # the engine's exception said in Chinese, not by its class name


def test_report_template_that_is_a_fifo_is_refused(tmp_path):
    tdir = tmp_path / "模板"
    tdir.mkdir()
    os.mkfifo(tdir / "报送函.docx")
    r = _run(["report", SAMPLE, "-o", tmp_path / "报告", "--force", "--templates", tdir])
    assert r.returncode == 2 and "命名管道" in r.stderr and "报送函.docx" in r.stderr


def test_safe_filename_keeps_names_writable_and_apart():
    from jixiao.fileio import safe_filename

    assert safe_filename('城关:医保/局*?"<>|') == "城关_医保_局______"
    assert safe_filename("  .  ", "单位") == "单位"
    assert safe_filename(os.fsdecode(b"\xb1\xed\xb8\xf1.xlsx")) == "\ufffd\ufffd\ufffd\ufffd.xlsx"
    long_a, long_b = "长" * 300 + "甲.xlsx", "长" * 300 + "乙.xlsx"
    a, b = safe_filename(long_a), safe_filename(long_b)
    assert a != b and a.endswith(".xlsx") and len(a) <= 60 and len(a.encode("utf-8")) < 255
    assert safe_filename(long_a) == a  # the same name gives the same file name


def test_long_unit_and_undecodable_names_do_not_stop_the_review(tmp_path):
    """Found by the fuzz run: a unit name of thousands of characters made a folder name the system
    refused (ENAMETOOLONG), and a file name that is not UTF-8 broke the 台账's link (rc 3)."""
    import openpyxl

    box = tmp_path / "收件夹"
    box.mkdir()
    good = box / "表.xlsx"
    good.write_bytes(base_workbook(1, 1))
    wb = openpyxl.load_workbook(good)
    ws = wb.worksheets[0]
    label = next(c for row in ws.iter_rows(max_row=6) for c in row if c.value == "实施单位")
    value = next(c for c in ws[label.row] if c.column > label.column and type(c).__name__ == "Cell")
    value.value = "长" * 3000  # the cell right of the label (merged cells skipped)
    wb.save(box / "长单位.xlsx")
    odd = os.fsencode(str(box)) + b"/\xb1\xed\xb8\xf1.xlsx"
    with open(odd, "wb") as fh:
        fh.write(base_workbook(1, 2))
    r = _run(["review", box, "-o", tmp_path / "复核", "--json"])
    assert r.returncode in (0, 1), r.stderr
    assert "内部错误" not in r.stderr
    data = json.loads(r.stdout)
    folders = [Path(d["folder"]).name for d in data["departments"] if d.get("folder")]
    assert any(name.startswith("长长长") and len(name) <= 60 for name in folders), folders
    assert (tmp_path / "复核" / "复核台账.xlsx").exists()


def test_a_department_that_sent_only_a_scan_is_told_why_not_reminded(tmp_path):
    """县教育局 sent its form as a stamped PDF scan and a photo, 县民政局 its workbook and a scan beside it.
    Before: 县教育局 was 未报送 and got a 催报 (“截至目前，我局未收到你单位…”). Now it is 无法读取, its notice
    names both files and asks for the workbook; 县民政局's scan stays a file not read (its forms count)."""
    import docx

    from jixiao.excel.workbook import write_forms
    from review_fixture import form, project_list, run_cli, sample

    inbox = tmp_path / "inbox"
    (inbox / "县教育局").mkdir(parents=True)
    (inbox / "县民政局").mkdir()
    write_forms([form(2, "县民政局")], inbox / "县民政局" / "民政局.xlsx")
    (inbox / "县民政局" / "民政局盖章件.pdf").write_bytes(b"%PDF-1.4\n")
    (inbox / "县教育局" / "教育局绩效自评表（盖章扫描件）.pdf").write_bytes(b"%PDF-1.4\n")
    (inbox / "县教育局" / "自评表.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    listed = project_list(tmp_path / "清单.xlsx", [(sample(2)["project"], "县民政局"), ("学校营养餐", "县教育局")])
    _code, text = run_cli("review", str(inbox), "-o", str(tmp_path / "out"), "--expected", str(listed), "--json")
    data = json.loads(text)
    got = {d["department"]: d for d in data["departments"]}
    edu = got["县教育局"]
    assert edu["status"] == "无法读取" and len(edu["unreadable"]) == 2
    notice = "\n".join(p.text for p in docx.Document(edu["notice"]).paragraphs)
    assert "未收到" not in notice and "退回修改的通知" in notice
    assert "“教育局绩效自评表（盖章扫描件）.pdf”：是版式文件（PDF/OFD，多为盖章扫描件），不是电子表格，无法审核" in notice
    assert "“自评表.jpg”：是图片（扫描或拍照件）" in notice and "请检查后重新报送" not in notice
    assert "未报送项目“学校营养餐”" in notice
    assert got["县民政局"]["status"] == "退回修改" and got["县民政局"]["unreadable"] == []
    assert {(s["file"], s["kind"]) for s in data["skipped"]} >= {("县民政局/民政局盖章件.pdf", "not_workbook")}


def test_a_department_that_sent_only_a_word_document_cannot_be_read_not_missing(tmp_path):
    """县文化和旅游局 sent only a Word document (a .docx is read as a 自评报告, never as a form). Before: with no
    project list it was in no ledger row and the run said 全部通过 (exit 0); with one it was 未报送 and got a 催报.
    Now it is 无法读取 as a PDF-only department is. 县农业农村局 sent a workbook that cannot be opened and a
    scan beside it: it did send a workbook, so its scan stays a file not read."""
    import docx

    from jixiao.excel.workbook import write_forms
    from review_fixture import form, run_cli

    inbox = tmp_path / "inbox"
    for d in ("县文化和旅游局", "县民政局", "县农业农村局"):
        (inbox / d).mkdir(parents=True)
    write_forms([form(2, "县民政局")], inbox / "县民政局" / "民政局.xlsx")
    doc = docx.Document()
    doc.add_paragraph("我局2022年度绩效自评表已盖章，请查收。")
    doc.save(inbox / "县文化和旅游局" / "盖章件.docx")
    (inbox / "县农业农村局" / "农业农村局.xlsx").write_bytes(b"PK\x03\x04 truncated")
    (inbox / "县农业农村局" / "盖章件.pdf").write_bytes(b"%PDF-1.4\n")
    code, text = run_cli("review", str(inbox), "-o", str(tmp_path / "out"), "--json")
    data = json.loads(text)
    got = {d["department"]: d for d in data["departments"]}
    assert code == 1
    culture = got["县文化和旅游局"]
    assert culture["status"] == "无法读取" and culture["unreadable"] == ["县文化和旅游局/盖章件.docx"]
    notice = "\n".join(p.text for p in docx.Document(culture["notice"]).paragraphs)
    assert "未收到" not in notice
    assert "“盖章件.docx”：是文字处理文档（Word/WPS 文字），不是电子表格，无法审核；请重新报送 Excel 或 WPS 表格格式的自评表" \
        in notice
    farm = got["县农业农村局"]
    assert farm["status"] == "无法读取" and farm["unreadable"] == ["县农业农村局/农业农村局.xlsx"]
    assert ("县农业农村局/盖章件.pdf", "not_workbook") in {(s["file"], s["kind"]) for s in data["skipped"]}


def test_a_target_table_sent_instead_is_named_as_such_in_words_for_the_department(tmp_path):
    """The notice to a department that sent its 绩效目标申报表: what it is, once per sheet, with no command
    of ours in it (it said “请用 jixiao import --targets”), no “单元格已标注” (no cell is), and no
    “关于年度…” (nothing read, so no year)."""
    import docx

    sys.path.insert(0, str(ROOT / "tests"))
    from review_fixture import run_cli
    from target_books import write_book

    box = tmp_path / "inbox" / "县医疗保障局"
    box.mkdir(parents=True)
    write_book(box / "绩效目标表.xlsx", 2)
    _code, text = run_cli("review", str(tmp_path / "inbox"), "-o", str(tmp_path / "out"), "--json")
    (d,) = json.loads(text)["departments"]
    assert d["status"] == "无法读取"
    paras = [p.text for p in docx.Document(d["notice"]).paragraphs]
    notice = "\n".join(paras)
    assert "jixiao" not in notice and "import" not in notice and "年度" not in notice
    assert "中的工作表不是可审核的自评表" in notice and "单元格已在随附的工作簿中标注" not in notice
    items = [p.text for p in docx.Document(d["notice"]).paragraphs if p.text[:2] in ("1．", "2．") and not p.style.name.startswith("附件")]
    assert items and all(p.count("工作表") == 1 and "这是绩效目标申报表，不是自评表" in p for p in items)
