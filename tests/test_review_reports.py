"""``jixiao review`` with the departments' 自评报告 in the inbox (issue 19).

The inbox is built from the 23 大厂 sample forms: 县医疗保障局 sends all 23 with the published
report (which contradicts them: the findings of ``test_report_check.EXPECTED``) and its 报送函;
县民政局 mails two forms with the report jixiao writes for them (agrees: nothing found);
县自然资源局 has one form and a report with one wrong figure; 县水务局's report cannot be read.
The review must find each report, decide whose it is, check it against exactly that
department's forms, and show it in the JSON, the 台账 and the 退回修改通知 — and must not
read a 报送函 for statements it does not make.
"""

from __future__ import annotations

import json
import re
import shutil
from email.message import EmailMessage
from pathlib import Path

import docx
import openpyxl
import pytest

from jixiao import reports as R
from jixiao.excel.workbook import write_forms
from jixiao.sources import load_all
from review_fixture import form, run_cli, tree_hashes
from test_report_check import EXPECTED, REPORT

YB, MZ, ZR, SW = "县医疗保障局", "县民政局", "县自然资源局", "县水务局"
YB_REPORT = f"{YB}/医保局2022年度整体绩效自评工作报告.docx"
MZ_REPORT = "邮件/县民政局报送.eml › 民政局自评报告.docx"
ZR_REPORT = f"{ZR}/自评报告.md"
ZR_TEXT = "# 县自然资源局2022年度项目支出绩效自评报告\n\n## （一）城乡医疗救助资金\n\n县财政安排预算资金20万元，截至年底支出18.79万元。\n"




def _md_as_docx(md: Path, dst: Path) -> Path:
    """The published report as a department sends it: one Word paragraph per block of the .md."""
    doc = docx.Document()
    for block in (b.strip() for b in re.split(r"\n\s*\n", md.read_text(encoding="utf-8"))):
        if block:
            doc.add_paragraph(block.lstrip("#").strip().replace("**", ""))
    doc.save(str(dst))
    return dst


def build(root: Path) -> dict:
    inbox, made = root / "inbox", root / "made"
    (inbox / YB).mkdir(parents=True)
    yb = write_forms([form(n, YB) for n in range(1, 24)], inbox / YB / "医保局自评表.xlsx")
    _md_as_docx(REPORT, inbox / YB_REPORT)
    generated = R.build_reports(load_all([yb]), None, made / "yb", force=True)
    letter = next(p for p in generated if p.stem == "报送函")
    shutil.copyfile(letter, inbox / YB / "报送函.docx")
    # 民政局 by mail: its two forms and the report jixiao writes for them, in one message
    mz = write_forms([form(7, MZ), form(9, MZ)], made / "民政局自评表.xlsx")
    mz_report = next(p for p in R.build_reports(load_all([mz]), None, made / "mz", force=True)
                     if p.stem == "项目支出绩效自评报告")
    msg = EmailMessage()
    msg["Subject"], msg["Date"] = "县民政局2022年度绩效自评材料", "Fri, 3 Mar 2023 09:00:00 +0800"
    msg.set_content("请查收。")
    for data, name in ((mz.read_bytes(), mz.name), (mz_report.read_bytes(), "民政局自评报告.docx")):
        msg.add_attachment(data, maintype="application", subtype="octet-stream", filename=name)
    (inbox / "邮件").mkdir()
    (inbox / "邮件/县民政局报送.eml").write_bytes(bytes(msg))
    # 自然资源局: one form (城乡医疗救助资金, 20 / 19.79 万元), a report with one wrong figure, and
    # the 报送函 of the 23 forms (共计 23 个项目: read as a report it would contradict the one form)
    (inbox / ZR).mkdir()
    write_forms([form(12, ZR)], inbox / ZR / "自然资源局.xlsx")
    (inbox / ZR_REPORT).write_text(ZR_TEXT, encoding="utf-8")
    # (the letter jixiao writes leaves the figures to its 附件 since s63: this one, a department's own, gives
    # the 23 forms' totals, as the built-in one did)
    own = docx.Document(str(letter))
    own.add_paragraph("本次纳入自评的项目23个，全年预算数合计568.64万元，全年执行数合计425.395万元，总体执行率74.81%。")
    own.save(str(inbox / ZR / "关于报送绩效自评报告的函.docx"))
    # 水务局: a report in UTF-16 (neither UTF-8 nor GB18030) and a damaged .docx
    (inbox / SW).mkdir()
    write_forms([form(10, SW)], inbox / SW / "水务局.xlsx")
    (inbox / SW / "自评报告.txt").write_bytes("一、基本情况\n".encode("utf-16"))
    (inbox / SW / "自评报告（修改稿）.docx").write_bytes(b"PK\x03\x04 not a document" * 10)
    return {"inbox": inbox, "letter": letter}


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    root = tmp_path_factory.mktemp("review-reports")
    made = build(root)
    before = tree_hashes(made["inbox"])
    out = root / "out"
    code, text = run_cli("review", str(made["inbox"]), "-o", str(out), "--json")
    data = json.loads(text)
    return {**made, "root": root, "out": out, "code": code, "json": data, "before": before,
            "depts": {d["department"]: d for d in data["departments"]},
            "reports": {r["file"]: r for r in data["reports"]}}


def _notice_items(path: str) -> list[str]:
    return [p.text for p in docx.Document(path).paragraphs if re.match(r"\d+．", p.text) and not p.style.name.startswith("附件")]


# ----------------------------------------------------------------------------- JSON

def test_every_report_found_with_its_department_and_status(run):
    reps = run["reports"]
    assert {f: (r["department"], r["status"]) for f, r in reps.items()} == {
        YB_REPORT: (YB, "计入"), f"{YB}/报送函.docx": (YB, "未计入"),
        MZ_REPORT: (MZ, "计入"),  # decided by the workbook in the same message (the folder is 邮件)
        ZR_REPORT: (ZR, "计入"), f"{ZR}/关于报送绩效自评报告的函.docx": (ZR, "未计入"),
        f"{SW}/自评报告.txt": (SW, "无法读取"), f"{SW}/自评报告（修改稿）.docx": (SW, "无法读取")}
    assert (reps[YB_REPORT]["forms"], reps[MZ_REPORT]["forms"], reps[ZR_REPORT]["forms"]) == (23, 2, 1)
    assert run["json"]["totals"]["reports"] == 3
    skipped = {s["file"]: s["kind"] for s in run["json"]["skipped"]}
    assert skipped[f"{YB}/报送函.docx"] == skipped[f"{ZR}/关于报送绩效自评报告的函.docx"] == "not_report"
    assert not any(k == "not_workbook" and f.endswith((".docx", ".md", ".txt")) for f, k in skipped.items())


def test_contradicting_report_fires_on_its_paragraphs(run):
    d = run["depts"][YB]
    rep = [it for it in d["to_fix"] if it["kind"] == "report"]
    shown = {(p, r) for p, r in EXPECTED if r != "R9"}  # R9 is a hint: counted, not in the return list
    assert {(it["paragraph"], it["rule"]) for it in rep} == shown
    assert all(it["file"] == YB_REPORT and it["quote"] and it["message"].startswith(f"第{it['paragraph']}段")
               for it in rep)
    # in paragraph order within errors, the warning (R5) after them
    assert [it["paragraph"] for it in rep] == [6, 8, 8, 50, 33]
    r4 = next(it for it in rep if it["rule"] == "R4")
    assert r4["against"].startswith(f"{YB}/医保局自评表.xlsx › ")  # the form cell, by its inbox name
    assert (d["report_errors"], d["report_warnings"]) == (4, 1)
    assert run["reports"][YB_REPORT]["hints"] == sum(1 for _p, r in EXPECTED if r == "R9")
    # the department's error count includes the report's
    forms_only = [it for it in d["to_fix"] if it["kind"] == "finding" and it["severity"] == "error"]
    assert d["errors"] == len(forms_only) + 4


def test_agreeing_report_gives_nothing(run):
    r = run["reports"][MZ_REPORT]
    assert (r["errors"], r["warnings"], r["hints"]) == (0, 0, 0)
    assert r["reason"] == "与2张自评表核对，未发现与表不符"
    d = run["depts"][MZ]
    assert not [it for it in d["to_fix"] if it["kind"] == "report"]
    assert (d["report_errors"], d["report_warnings"]) == (0, 0) and d["reports"][0]["file"] == MZ_REPORT


def test_wrong_figure_against_the_form_cell(run):
    d = run["depts"][ZR]
    (it,) = [it for it in d["to_fix"] if it["kind"] == "report"]
    assert (it["rule"], it["paragraph"], it["quote"]) == ("R1", 3, "县财政安排预算资金20万元，截至年底支出18.79万元。")
    assert (it["found"], it["expected"]) == ("18.79", "19.79")
    file, sheet, cell = it["against"].split("（")[0].split(" › ")
    assert file == f"{ZR}/自然资源局.xlsx"
    ws = openpyxl.load_workbook(run["inbox"] / file, data_only=True)[sheet]
    assert ws[cell].value == pytest.approx(19.79)  # the cell named holds the form's figure


def test_letter_is_not_read_as_a_report(run):
    """A 报送函 that gives the 23 forms' totals (568.64 万元, 74.81 %): read as a report against
    自然资源局's one form it would fire; told apart by its title, it gives nothing."""
    from jixiao.reportcheck import check_report

    zr_items = [it for it in load_all([run["inbox"] / ZR / "自然资源局.xlsx"]).forms]
    sent = run["inbox"] / ZR / "关于报送绩效自评报告的函.docx"
    assert {f.rule for f in check_report(sent, zr_items)} >= {"R1", "R2"}
    assert not [it for it in run["depts"][ZR]["to_fix"] if it["kind"] == "report" and "函" in it["file"]]
    assert "不是绩效自评报告" in run["reports"][f"{ZR}/关于报送绩效自评报告的函.docx"]["reason"]


def test_unreadable_report_named_and_batch_goes_on(run):
    bad = {u["file"]: u for u in run["json"]["unreadable"]}
    txt, dx = bad[f"{SW}/自评报告.txt"], bad[f"{SW}/自评报告（修改稿）.docx"]
    assert txt["reason"].startswith(f"{SW}/自评报告.txt：无法读取报告") and "编码" in txt["reason"]
    assert dx["reason"].startswith(f"{SW}/自评报告（修改稿）.docx：无法读取报告") and ".docx" in dx["reason"]
    assert str(run["root"]) not in txt["reason"]  # named as the reviewer knows it
    d = run["depts"][SW]
    assert d["status"] == "退回修改" and d["forms"] == 1 and sorted(d["unreadable"]) == sorted(bad)
    assert all(r["status"] == "无法读取" for r in d["reports"])
    assert run["code"] == 1 and run["reports"][ZR_REPORT]["status"] == "计入"  # the others were checked
    t = run["json"]["totals"]  # each unreadable report is one error (X1) of its department, counted once
    assert t["errors"] == sum(x["errors"] for x in run["json"]["departments"])
    forms_errors = sum(1 for it in d["to_fix"] if it["kind"] == "finding" and it["severity"] == "error")
    assert d["errors"] == forms_errors + 2


def test_inbox_untouched(run):
    assert tree_hashes(run["inbox"]) == run["before"]


# ----------------------------------------------------------------------------- what the reviewer reads

def test_notice_quotes_each_sentence_with_the_form_cell(run):
    items = _notice_items(run["depts"][ZR]["notice"])
    (line,) = [x for x in items if "自评报告" in x]
    # the files as the department sent them, not by the reviewer's folder “县自然资源局/”
    assert re.match(r"\d+．自评报告“自评报告.md”第3段“县财政安排预算资金20万元，截至年底支出18.79万元。”：", line)
    assert "项目“城乡医疗救助资金”的全年执行数 19.79 万元" in line
    # the form's cell as the notice's headings name a form, not the program's “自然资源局.xlsx › 城乡医疗救助资金 › E7” (s68)
    assert "（“自然资源局.xlsx”中“城乡医疗救助资金”工作表 E7（" in line and "「" not in line and f"{ZR}/" not in line
    assert "›" not in line
    yb = [x for x in _notice_items(run["depts"][YB]["notice"]) if x.split("．", 1)[1].startswith("自评报告")]
    assert [re.search(r"”(第\d+段)“", x).group(1) for x in yb] == ["第6段", "第8段", "第8段", "第50段", "第33段"]
    assert "（23 张表的年初预算数合计）" in yb[0] and "请核实，如无误可说明理由" in yb[-1]
    assert not any("函" in x.split("”")[0] for x in yb)
    sw = _notice_items(run["depts"][SW]["notice"])
    assert any("“自评报告.txt”：无法读取报告（" in x and "编码" in x and x.endswith("，请检查后重新报送。")
               for x in sw)  # why it could not be read, not only that
    assert not [x for x in _notice_items(run["depts"][MZ]["notice"]) if "自评报告“" in x]


def test_fix_list_places_a_report_item_by_paragraph_and_quotes_it(run):
    import python_calamine as pc

    wb = pc.CalamineWorkbook.from_path(str(Path(run["depts"][ZR]["notice"]).with_name("退回修改清单.xlsx")))
    rows = wb.get_sheet_by_name("退回修改清单").to_python()
    (row,) = [r for r in rows if str(r[2]).endswith(ZR_REPORT.split("/")[-1])]
    assert row[3] == "第3段" and row[4] == ""
    assert row[6].startswith("原文：“县财政安排预算资金20万元，截至年底支出18.79万元。”\n")
    assert "“城乡医疗救助资金”工作表 E7（全年执行数）" in row[6] and "第3段：" not in row[6] and "›" not in row[6]


def test_ledger_counts_and_file_list(run):
    wb = openpyxl.load_workbook(run["out"] / "复核台账.xlsx")
    ws = wb["复核台账"]
    col = {c.value: i for i, c in enumerate(ws[3])}
    got = {r[col["单位"]].value: r[col["报告与表不符"]].value for r in ws.iter_rows(min_row=4) if r[1].value}
    assert got == {YB: 5, MZ: 0, ZR: 1, SW: "无法读取"}
    files = wb["文件清单"]
    status = {files[f"B{r}"].value: (files[f"D{r}"].value, files[f"E{r}"].value) for r in range(3, files.max_row + 1)}
    assert status[YB_REPORT] == ("计入", "自评报告：与23张自评表核对，5处与表不符")
    assert status[f"{YB}/报送函.docx"][0] == "未计入" and status[f"{SW}/自评报告.txt"][0] == "无法读取"
    stats = wb["问题统计"]
    assert {stats[f"A{r}"].value for r in range(3, stats.max_row + 1)} >= {"R1", "R4", "R5", "R8"}


def test_text_output_counts_report_findings(run):
    code, text = run_cli("review", str(run["inbox"]), "-o", str(run["root"] / "out-text"))
    assert code == 1 and f"【退回修改】{ZR}：" in text and "[" not in text and "（其中自评报告与表不符 1）" in text


# ----------------------------------------------------------------------------- whose report

def test_report_among_several_departments_is_never_guessed(tmp_path):
    """One folder with two departments' workbooks: the report's title (or name) decides; if it
    names neither, it is listed as not checked, not read against either."""
    inbox = tmp_path / "inbox"
    (inbox / "汇总").mkdir(parents=True)
    write_forms([form(12, ZR)], inbox / "汇总" / "自然资源局.xlsx")
    write_forms([form(10, SW)], inbox / "汇总" / "水务局.xlsx")
    (inbox / "汇总" / "自评报告.md").write_text(ZR_TEXT.replace(ZR, ""), encoding="utf-8")
    (inbox / "汇总" / "自然资源局报告.md").write_text(ZR_TEXT, encoding="utf-8")
    code, text = run_cli("review", str(inbox), "-o", str(tmp_path / "out"), "--json")
    reps = {r["file"]: r for r in json.loads(text)["reports"]}
    undecided = reps["汇总/自评报告.md"]
    assert undecided["status"] == "未核对" and undecided["department"] is None and undecided["errors"] == 0
    assert "未能确定报告属于哪个单位" in undecided["reason"] and ZR in undecided["reason"]
    named = reps["汇总/自然资源局报告.md"]
    assert (named["department"], named["status"], named["errors"]) == (ZR, "计入", 1)


@pytest.mark.libreoffice
def test_notice_renders(run, artifacts):
    from conftest import need_libreoffice
    from jixiao.excel.office import convert, pdf_to_png

    need_libreoffice()
    pdf = convert(Path(run["depts"][ZR]["notice"]), "pdf", run["root"] / "pdf")
    pngs = pdf_to_png(pdf, artifacts / "review-report-notice", dpi=60, last=1)
    assert pngs and pngs[0].stat().st_size > 10_000


def test_what_counts_as_a_report(tmp_path, run):
    """By the title: jixiao's own 报送函, 校验报告 and 退回修改通知 are not reports, its two reports are;
    with no title the file name decides."""
    from jixiao.reportcheck import read_report
    from jixiao.reportcheck.kind import is_report

    made = {p.stem: p for p in (run["root"] / "made" / "yb").glob("*.docx")}
    assert {k: is_report(read_report(p), p.name)[0] for k, p in made.items()} == {
        "报送函": False, "校验报告": False, "项目支出绩效自评报告": True, "整体绩效自评工作报告": True}
    notice = Path(run["depts"][ZR]["notice"])
    ok, why = is_report(read_report(notice), "自评报告.docx")  # the title wins over the file name
    assert not ok and "退回修改的通知" in why and "不是绩效自评报告" in why
    body = "一、基本情况\n\n县财政安排预算资金20万元。\n"
    for name, want in (("报告.md", True), ("情况说明.md", False), ("校验报告.md", False)):
        (tmp_path / name).write_text(body, encoding="utf-8")
        assert is_report(read_report(tmp_path / name), name)[0] is want, name
