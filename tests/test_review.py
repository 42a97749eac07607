"""``jixiao review`` on a built inbox of ten departments with every trap of a real one
(see ``review_fixture``): the 台账 and the JSON department by department, nothing counted
twice, the inbox untouched, return notices in order, and summarize/check deduplicated too."""

from __future__ import annotations

import json
import itertools
import re
from pathlib import Path

import docx
import openpyxl
import pytest

from jixiao.cli import main
from review_fixture import _fixed, AUTHORITY, build_inbox, COUNTED, EXTRA_DUE, form, PLAN, run_cli, sample, tree_hashes, YEAR
from jixiao.excel.workbook import write_forms

pytestmark = pytest.mark.libreoffice




@pytest.fixture(scope="module")
def run(tmp_path_factory):
    from conftest import need_libreoffice

    need_libreoffice()
    root = tmp_path_factory.mktemp("review")
    made = build_inbox(root)
    before = tree_hashes(made["inbox"])
    out = root / "out"
    code, text = run_cli("review", str(made["inbox"]), "-o", str(out), "--expected", str(made["expected"]), "--json")
    return {**made, "out": out, "code": code, "json": json.loads(text), "before": before, "root": root}


# what each department must show: status, files, forms, due, received, missing, superseded, other year
EXPECT = {
    "县民政局": ("退回修改", 1, 2, 3, 2, ["养老服务补贴"], [], []),
    "县教育局": ("退回修改", 2, 2, 2, 2, [], ["县教育局/教育局-绩效自评表.xlsx"], []),
    "县卫生健康局": ("退回修改", 1, 2, 2, 2, [], [], []),
    "县农业农村局": ("退回修改", 1, 2, 2, 2, [], [], ["县农业农村局/农业农村局-上年度.xlsx"]),
    "县水务局": ("退回修改", 1, 1, 1, 1, [], [], []),
    "县交通运输局": ("通过", 1, 1, 1, 1, [], [], []),
    "县自然资源局": ("退回修改", 1, 1, 1, 1, [], [], []),
    "县医疗保障局": ("退回修改", 1, 11, 11, 11, [], [], []),
    "县文化和旅游局": ("无法读取", 1, 0, 1, 0, ["文化惠民演出"], [], []),
    "县住房和城乡建设局": ("未报送", 0, 0, 1, 0, ["老旧小区改造"], [], []),
}


def _independent_counts() -> dict[str, tuple[int, int]]:
    """Errors and warnings per department from the forms as data (no workbook, no inbox):
    the checker run on exactly the forms that should count."""
    from jixiao.checking.run import check_batch
    from jixiao.sources import Batch, Loaded

    batch = Batch()
    for dept, nums in PLAN.items():
        for n in nums:
            f = form(n, dept, indicators=_fixed(4), filled_on="2023.3.10") if (dept, n) == ("县教育局", 4) \
                else form(n, dept)
            batch.forms.append(Loaded(f, f"{dept}-{n}.json"))
    res = check_batch(batch)
    unit_of = {it.file: it.form.unit for it in batch.forms}
    out: dict[str, list[int]] = {}
    for f in res.findings:
        c = out.setdefault(unit_of[f.file], [0, 0])
        if f.rule == "H2":  # every project is on the list as its form names it: no 预算批复 name to take instead
            continue
        if f.severity in ("error", "warning"):
            c[f.severity == "warning"] += 1
    return {k: tuple(v) for k, v in out.items()}


def test_json_department_by_department(run):
    data = run["json"]
    assert run["code"] == 1  # departments to return
    assert data["year"] == YEAR
    got = {d["department"]: d for d in data["departments"]}
    assert set(got) == set(EXPECT)
    for name, (status, files, forms, due, received, missing, superseded, other_year) in EXPECT.items():
        d = got[name]
        assert (d["status"], d["files"], d["forms"], d["projects_due"], d["projects_received"], d["missing"],
                d["superseded"], d["other_year"]) == (status, files, forms, due, received, missing, superseded,
                                                       other_year), name
    counts = _independent_counts()
    for name, (errors, warnings) in counts.items():
        assert (got[name]["errors"], got[name]["warnings"]) == (errors, warnings), name
    assert got["县文化和旅游局"]["errors"] == 1 and got["县文化和旅游局"]["unreadable"] == ["县文化和旅游局/文旅局自评表.xlsx"]
    # what needs action first: 无法读取, 退回修改 (most errors first), 未报送, 通过
    order = [d["status"] for d in data["departments"]]
    assert order == sorted(order, key=["无法读取", "退回修改", "未报送", "通过"].index)
    returned = [d["errors"] for d in data["departments"] if d["status"] == "退回修改"]
    assert returned == sorted(returned, reverse=True)


def test_skipped_and_unreadable_listed(run):
    data = run["json"]
    kinds = {(s["file"], s["kind"]) for s in data["skipped"]}
    assert ("旧输出/民政局-校验标注.xlsx", "own_output") in kinds
    assert ("旧输出/绩效自评情况汇总表.xlsx", "own_output") in kinds
    assert ("县卫生健康局/卫健局自评表（重复发送）.xlsx", "duplicate") in kinds
    assert ("县农业农村局/农业农村局-上年度.xlsx", "other_year") in kinds
    assert ("邮件/县水务局报送.eml › 说明.pdf", "not_workbook") in kinds
    assert [u["file"] for u in data["unreadable"]] == ["县文化和旅游局/文旅局自评表.xlsx"]
    # the resubmission: the 修改稿 has the later 填报日期, though the first file is newer on disk
    edu = next(d for d in data["departments"] if d["department"] == "县教育局")
    assert edu["superseded_forms"] == [{"file": "县教育局/教育局-绩效自评表.xlsx", "project": sample(4)["project"],
                                        "replaced_by": "县教育局/教育局-绩效自评表（修改稿）.xlsx",
                                        "sheet": sample(4)["project"], "cell": "B3", "why": "填报日期较晚",
                                        "kind": "project", "filled_on": "2023-03-01", "kept_filled_on": "2023-03-10"}]


def test_nothing_counted_twice(run):
    data, out = run["json"], run["out"]
    t = data["totals"]
    annual = sum(sample(n)["funds"]["total"]["annual"] or 0 for n in COUNTED)
    assert t["forms"] == len(COUNTED) == sum(d["forms"] for d in data["departments"]) == 22
    assert t["projects"] == sum(d["projects_received"] for d in data["departments"]) == 22
    assert t["funds_annual"] == pytest.approx(annual)
    assert sum(d["funds_annual"] for d in data["departments"]) == pytest.approx(annual)
    # the 汇总表 read back as a viewer sees it: numbers stored, no formulas
    wb = openpyxl.load_workbook(out / f"{YEAR}年度绩效自评情况汇总表.xlsx")
    ws = wb["汇总表"]
    assert ws["A1"].value == f"{YEAR}年度县直部门绩效自评情况汇总表"
    assert ws["A2"].value == "填报部门：县财政局"
    missing = sum(len(v) for v in EXTRA_DUE.values())
    assert ws["C4"].value == 22 + missing
    assert ws["C5"].value == pytest.approx(annual)
    done = sum(1 for n in COUNTED if sample(n)["total_score"] is not None)
    assert ws["D4"].value == done
    assert sum(ws[f"C{r}"].value for r in range(6, 10)) == done
    assert not any(isinstance(c.value, str) and c.value.startswith("=") for row in ws.iter_rows() for c in row)
    detail = wb["项目明细"]
    sources = [detail[f"M{r}"].value for r in range(3, detail.max_row + 1) if detail[f"B{r}"].value]
    assert len(sources) == 22 and len({(detail[f"D{r}"].value, detail[f"B{r}"].value)
                                       for r in range(3, 25)}) == 22
    # the name of the file each row was read from: none of the old outputs (旧输出/民政局-校验标注.xlsx,
    # 旧输出/绩效自评情况汇总表.xlsx), the copy sent twice, last year's form
    assert not any(("校验标注" in s or "汇总表" in s or "重复发送" in s or "上年度" in s) for s in sources)
    assert all("/" not in s for s in sources), sources   # the name: the folder is the inbox's


def test_ledger_read_back(run):
    data, out = run["json"], run["out"]
    wb = openpyxl.load_workbook(out / "复核台账.xlsx")
    assert wb.sheetnames[:5] == ["复核台账", "无法读取", "退回修改", "未报送", "通过"]
    ws = wb["复核台账"]
    heads = [c.value for c in ws[3]]
    col = {h: i for i, h in enumerate(heads)}
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=4) if r[1].value]
    assert [r[col["单位"]] for r in rows] == [d["department"] for d in data["departments"]]
    for r, d in zip(rows, data["departments"]):
        assert (r[col["状态"]], r[col["年度"]], r[col["文件数"]], r[col["表数"]], r[col["应报项目数"]],
                r[col["已报项目数"]], r[col["须修改"]], r[col["请核实"]]) == \
            (d["status"], YEAR, d["files"], d["forms"], d["projects_due"], d["projects_received"], d["to_change"],
             d["to_verify"]), d["department"]
        # the 台账's counts are the notice's lead's (“须修改N处，请核实N处”), point for point its to_fix
        if d["notice"] and d["forms"]:
            lead = "".join(p.text for p in docx.Document(d["notice"]).paragraphs)
            assert f"须修改{d['to_change']}处，请核实{d['to_verify']}处" in lead, d["department"]
        asked = [x["asks"] for x in d["to_fix"] if x["kind"] not in ("missing", "other_year", "hidden")]
        if d["forms"]:
            assert (asked.count("change"), asked.count("verify")) == (d["to_change"], d["to_verify"])
        assert (r[col["未报项目"]] or "") == "、".join(d["missing"])
        assert r[col["最低总分"]] == d["min_total"] and r[col["最高总分"]] == d["max_total"]
    for status in ("无法读取", "退回修改", "未报送", "通过"):
        names = [r[1].value for r in wb[status].iter_rows(min_row=4) if r[1].value and r[1].value != "（无）"]
        assert names == [d["department"] for d in data["departments"] if d["status"] == status]
    # links: the department folder and the notice, relative to the 台账; the folder exists
    r = next(i for i, row in enumerate(rows, 4) if row[col["单位"]] == "县教育局")
    folder = ws.cell(row=r, column=col["单位文件夹"] + 1).hyperlink.target.replace("\\", "/")
    assert (out / folder).is_dir() and folder.rstrip("/") == "县教育局"
    notice = ws.cell(row=r, column=col["退回通知"] + 1).hyperlink.target.replace("\\", "/")
    assert (out / notice).is_file()
    assert ws.print_title_rows.replace("$", "") == "1:3" and ws.page_setup.orientation == "landscape"
    assert ws.page_setup.paperSize in (9, "9")
    files = wb["文件清单"]
    statuses = {files[f"B{r}"].value: files[f"D{r}"].value for r in range(3, files.max_row + 1)}
    # the head line names the files that are neither counted nor set aside, as the 文件清单 lists them
    unread = sum(1 for v in statuses.values() if v == "无法读取")
    assert unread and data["totals"]["files_unreadable"] == unread
    assert f"；{unread} 个文件无法读取" in ws["A2"].value
    assert statuses["旧输出/民政局-校验标注.xlsx"] == "未计入"
    assert statuses["县文化和旅游局/文旅局自评表.xlsx"] == "无法读取"
    assert statuses["县交通运输局/交通运输局自评表.et"] == "计入"


def test_ledger_says_why_a_file_could_not_be_read(run):
    """A department's row on the 无法读取 sheet names its unreadable file with the 文件清单's reason (it showed the
    status and the file only): one sheet tells the reviewer whether to ask for the file again."""
    out = run["out"]
    wb = openpyxl.load_workbook(out / "复核台账.xlsx")
    files = wb["文件清单"]
    reason = {files[f"B{r}"].value: files[f"E{r}"].value for r in range(3, files.max_row + 1)
              if files[f"D{r}"].value == "无法读取"}
    assert reason["县文化和旅游局/文旅局自评表.xlsx"]
    for name in ("复核台账", "无法读取"):
        ws = wb[name]
        col = {c.value: i for i, c in enumerate(ws[3])}
        row = next(r for r in ws.iter_rows(min_row=4, values_only=True) if r[1] == "县文化和旅游局")
        assert row[col["未计入的文件"]] == \
            f"县文化和旅游局/文旅局自评表.xlsx 无法读取：{reason['县文化和旅游局/文旅局自评表.xlsx']}", name
    # a department whose files were read says nothing of the kind
    ws = wb["复核台账"]
    col = {c.value: i for i, c in enumerate(ws[3])}
    assert not any("无法读取" in (r[col["未计入的文件"]] or "") for r in ws.iter_rows(min_row=4, values_only=True)
                   if r[1] and r[1] != "县文化和旅游局")


def test_department_folders(run):
    data = run["json"]
    got = {d["department"]: d for d in data["departments"]}
    et = Path(got["县交通运输局"]["annotated"][0])
    assert et.suffix == ".xlsx" and et.exists()  # the WPS .et, annotated as .xlsx
    assert "校验结果" in openpyxl.load_workbook(et).sheetnames
    assert got["县交通运输局"]["notice"] is None  # 通过: no notice
    water = openpyxl.load_workbook(got["县水务局"]["annotated"][0])
    marked = [c for ws in water.worksheets for row in ws.iter_rows() for c in row if c.comment]
    assert len(marked) >= 1  # findings marked on their cells
    for name, d in got.items():
        if d["status"] != "通过":
            assert Path(d["notice"]).exists() and Path(d["notice_xlsx"]).exists(), name


def test_notice_most_important_first(run):
    import docx

    d = next(x for x in run["json"]["departments"] if x["department"] == "县民政局")
    doc = docx.Document(d["notice"])
    paras = [p.text.replace("\n", "") for p in doc.paragraphs if p.text.strip()]
    assert paras[0] == f"关于{YEAR}年度项目支出绩效自评表退回修改的通知"
    assert paras[1] == "县民政局："
    items = [p.text for p in doc.paragraphs if re.match(r"\d+．", p.text) and not p.style.name.startswith("附件")]
    assert len(items) == d["errors"] + d["warnings"] + len(d["missing"])
    assert "养老服务补贴" in items[0]  # the project not reported comes first
    assert not any(ch in "".join(paras) for ch in "「」")
    assert "jixiao" not in "".join(paras) and "助手" not in "".join(paras)
    ws = openpyxl.load_workbook(d["notice_xlsx"]).active
    rows = [r for r in range(3, ws.max_row + 1) if isinstance(ws[f"A{r}"].value, int)]  # not the headings
    kinds = [ws[f"B{r}"].value for r in rows]
    assert len(kinds) == len(items)
    # form by form: each form's items together under one heading that names its sheet once, and within
    # a form errors before points to verify, money and scores before weights and wording
    from jixiao.review.run import GROUP_RANK
    from jixiao.checking.rules import load_catalogue

    cat = load_catalogue()
    forms = [(it["file"], it["sheet"]) for it in d["to_fix"] if it["rule"] != "M1"]
    runs = [k for k, _ in itertools.groupby(forms)]
    assert len(runs) == len(set(forms)) == 2  # its two forms, each one run
    for form in runs:
        keys = [({"error": 0, "warning": 1}[it["severity"]], GROUP_RANK[cat[it["rule"]].group])
                for it in d["to_fix"] if (it["file"], it["sheet"]) == form]
        assert keys == sorted(keys)
    assert d["to_fix"][0]["rule"] == "M1" and cat[d["to_fix"][1]["rule"]].group in ("funds", "scores", "totals")
    heads = [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert [t for _, t in heads] == ["一、未报送的项目", "二、各表存在的问题",
                                     f"（一）“{runs[0][1]}”工作表", f"（二）“{runs[1][1]}”工作表"]
    assert [s for s, _ in heads] == ["Heading 1"] * 2 + ["Heading 2"] * 2
    assert not any(f"“{sheet}”" in it for _, sheet in runs for it in items)  # the sheet in its heading only
    # the notice's numbers are the 清单's: the same item under the same number
    cells = [ws[f"E{r}"].value for r in rows]
    for k, (item, cell) in enumerate(zip(items, cells), 1):
        assert item.startswith(f"{k}．") and (not cell or item.startswith(f"{k}．{cell} 单元格"))


@pytest.mark.parametrize("dept", ["县民政局", "县医疗保障局", "县农业农村局", "县文化和旅游局"])
def test_fix_list_is_grouped_as_the_notice(run, dept):
    """The 清单 listed the items 1…n flat while the notice heads them part by part (“一、未报送的项目”,
    “二、各表存在的问题”) and form by form (“（一）“…”工作表”): the 清单 has the notice's headings, in
    its order, each a row across the list, and every item under the heading it has in the notice,
    under the same number; printed on A4 landscape over pages that never end on a heading."""
    import docx

    from jixiao.review.notices import LIST_COLS, list_row_height

    d = next(x for x in run["json"]["departments"] if x["department"] == dept)
    doc = docx.Document(d["notice"])
    told = []  # the notice: ("H", heading) and ("I", number), in order
    for p in doc.paragraphs:
        if p.style.name.startswith("Heading"):
            told.append(("H", p.text.replace("\n", "")))  # a line break planned in the notice (``heading_lines``) is layout
        elif (m := re.match(r"(\d+)．", p.text)) and not p.style.name.startswith("附件"):
            told.append(("I", int(m.group(1))))
    ws = openpyxl.load_workbook(d["notice_xlsx"]).active
    merged = {m.min_row: m for m in ws.merged_cells.ranges}
    listed, heads, under = [], [], None
    for r in range(3, ws.max_row + 1):
        a = ws.cell(r, 1).value
        if isinstance(a, int):
            listed.append(("I", a))
            if under and "工作表" in under:   # a form's heading: its items are on its sheet
                assert f"“{ws.cell(r, 4).value}”工作表" in under, (r, under)
                # 文件, 工作表, 项目 repeat the heading on one line: a long sheet name wrapped to four
                # lines made each row of its form four lines tall; the row's height is its other cells'
                assert not any(ws.cell(r, c).alignment.wrap_text for c in (3, 4, 6)), r
                said = [ws.cell(r, c).value or "" for c in (5, 7, 8, 9)]
                need = list_row_height([(str(v), LIST_COLS[c - 1][1]) for v, c in zip(said, (5, 7, 8, 9))])
                assert abs(ws.row_dimensions[r].height - need) < 0.75, r   # whole pixels
        elif a and not str(a).startswith("说明："):
            m = merged[r]   # a heading is one row across every column
            assert (m.min_col, m.max_col, m.max_row) == (1, ws.max_column, r) and ws.cell(r, 1).font.b
            listed.append(("H", a))
            heads.append(r)
            under = a
    assert any(k == "H" for k, _ in told) and listed == told
    assert [n for k, n in listed if k == "I"] == list(range(1, len(d["to_fix"]) + 1))
    # printed: A4 landscape, fitted to the width, the header row on every page
    assert (int(ws.page_setup.paperSize), ws.page_setup.orientation) == (9, "landscape")
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth in (None, 1)
    assert ws.page_setup.fitToHeight == 0 and ws.print_title_rows == "$2:$2"
    starts = [b.id + 1 for b in ws.row_breaks.brk]   # the rows that open a page
    assert not [r for r in starts if r - 1 in heads], (starts, heads)
    assert bool(starts) == (ws.oddFooter.center.text is not None)   # “第 N 页，共 M 页” where pages are several
    if dept == "县医疗保障局":
        # its eleven forms on several pages; whether one of them opens a page depends on the items' lengths
        # (a heading that would end a page goes to the next: ``test_page_plan``), none ends one (above)
        assert len(starts) > 5


def _mail(path: str):
    import email
    from email import policy

    return email.message_from_bytes(Path(path).read_bytes(), policy=policy.default)


def test_return_mail_drafts(run):
    """Each department to be returned gets a draft to open and send: its notice, its list and its
    marked workbooks attached, addressed to whoever mailed its files."""
    got = {d["department"]: d for d in run["json"]["departments"]}
    water = got["县水务局"]  # its workbook came attached to a message from shuiwu@example.cn
    assert water["reply_to"] == ["shuiwu@example.cn"]
    msg = _mail(water["mail"])
    assert Path(water["mail"]).name == "退回修改邮件.eml" and msg["X-Unsent"] == "1"
    assert [a.addr_spec for a in msg["To"].addresses] == ["shuiwu@example.cn"]
    assert msg["Subject"] == f"【退回修改】县水务局{YEAR}年度项目支出绩效自评表"
    names = [a.get_filename() for a in msg.iter_attachments()]  # each under its department's and year's name
    assert names == [f"县水务局-{YEAR}-{n}" for n in ["退回修改通知.docx", "退回修改清单.xlsx",
                                                    *(Path(x).name for x in water["annotated"])]]
    attached = {a.get_filename(): a.get_content() for a in msg.iter_attachments()}
    assert attached[f"县水务局-{YEAR}-退回修改通知.docx"] == Path(water["notice"]).read_bytes()  # its folder's very files
    body = msg.get_body(("plain",)).get_content()
    assert body.startswith("县水务局：") and f"《关于{YEAR}年度项目支出绩效自评表退回修改的通知》" in body
    assert "着色并加批注" in body and "5个工作日内" in body and "jixiao" not in body
    # not mailed: a draft all the same, To left for the reviewer
    assert got["县民政局"]["reply_to"] == [] and _mail(got["县民政局"]["mail"])["To"] == ""
    # nothing sent at all: a 催报, named as one
    silent = got["县住房和城乡建设局"]
    assert [Path(silent[k]).name for k in ("notice", "notice_xlsx", "mail")] == ["催报通知.docx", "催报清单.xlsx",
                                                                                 "催报邮件.eml"]
    msg = _mail(silent["mail"])
    assert msg["Subject"].startswith("【催报】") and [a.get_filename() for a in msg.iter_attachments()] == [
        f"县住房和城乡建设局-{YEAR}-催报通知.docx", f"县住房和城乡建设局-{YEAR}-催报清单.xlsx"]
    ws = openpyxl.load_workbook(silent["notice_xlsx"]).active
    assert ws.title == "催报清单" and "催报清单" in ws["A1"].value
    assert got["县交通运输局"]["mail"] is None  # 通过: nothing to send
    # the 台账 links each draft, and says where no address is known
    ws = openpyxl.load_workbook(run["out"] / "复核台账.xlsx")["复核台账"]
    col = [c.value for c in ws[3]].index("退回邮件") + 1
    cells = {ws.cell(row=r, column=2).value: ws.cell(row=r, column=col) for r in range(4, ws.max_row + 1)}
    assert cells["县水务局"].value == "邮件" and cells["县民政局"].value == "邮件（无收件人）"
    link = cells["县水务局"].hyperlink.target.replace("\\", "/")  # XlsxWriter writes Windows separators
    assert (run["out"] / link).resolve() == Path(water["mail"]).resolve()
    # 通过 with points to verify: no return mail, its 核实事项 mail (s68); none where nothing is to verify
    passed = got["县交通运输局"]
    assert cells["县交通运输局"].value == ("核实邮件（无收件人）" if passed["to_verify"] else None), passed["to_verify"]
    mails = [d for d in got.values() if d["mail"]]
    assert run["json"]["totals"]["mails"] == len(mails) == sum(1 for d in got.values() if d["status"] != "通过")
    assert run["json"]["totals"]["mails_without_address"] == sum(1 for d in mails if not d["reply_to"])


def test_inbox_untouched(run):
    assert tree_hashes(run["inbox"]) == run["before"]


def test_summarize_and_check_count_once(run):
    code, text = run_cli("summarize", str(run["inbox"]), "--json")
    s = json.loads(text)
    read = [n for n in COUNTED if n != 10]  # summarize reads workbooks, WPS .et included (issue 15); no .eml
    annual = sum(sample(n)["funds"]["total"]["annual"] or 0 for n in read)
    assert s["projects_due"] == len(read) == 21 and s["funds_due"] == pytest.approx(annual)
    assert len({(r["unit"], r["project"]) for r in s["rows"]}) == 21
    code, text = run_cli("check", str(run["inbox"]), "--json")
    files = {f["file"] for f in json.loads(text)}
    assert not any("旧输出" in f or "重复发送" in f for f in files)


def test_marker_only_while_unedited(tmp_path):
    from jixiao.excel.apply import save_new
    from jixiao.marker import own_output, read_mark

    wb = openpyxl.Workbook()
    p = save_new(wb, tmp_path / "a.xlsx", mark="annotated")
    assert own_output(p) == "annotated"
    wb = openpyxl.load_workbook(p)
    wb.properties.lastModifiedBy = "张三"  # a person fixed the annotated copy and sent it back
    wb.save(tmp_path / "b.xlsx")
    assert read_mark(tmp_path / "b.xlsx")[0] == "annotated" and own_output(tmp_path / "b.xlsx") is None
    p = save_new(openpyxl.Workbook(), tmp_path / "c.xlsx", mark="final")
    assert own_output(p) is None  # a 定稿 copy is what departments send


def test_ledger_renders(run, artifacts):
    from jixiao.excel.office import convert, pdf_to_png

    pdf = convert(run["out"] / "复核台账.xlsx", "pdf", run["root"] / "pdf")
    pngs = pdf_to_png(pdf, artifacts / "review-ledger", dpi=60, last=1)
    assert pngs and pngs[0].stat().st_size > 10_000


def test_by_authority(run):
    """--by 主管部门: one row for the 主管部门 every unit reports to, its due list from the same --expected."""
    code, text = run_cli("review", str(run["inbox"]), "-o", str(run["root"] / "out-by"), "--expected",
                      str(run["expected"]), "--by", "主管部门", "--year", str(YEAR), "--json")
    data = json.loads(text)
    got = {d["department"]: d for d in data["departments"]}
    gov = got[AUTHORITY]
    assert (gov["forms"], gov["projects_received"], gov["projects_due"]) == (22, 22, 25)
    assert sorted(gov["missing"]) == sorted(n for v in EXTRA_DUE.values() for n in v)
    assert gov["superseded"] == ["县教育局/教育局-绩效自评表.xlsx"] and gov["status"] == "退回修改"
    assert gov["errors"] == run["json"]["totals"]["errors"] - 1  # all but the corrupt file's X1
    assert got["县文化和旅游局"]["status"] == "无法读取"  # the unreadable file: by its folder


def test_bad_input_is_a_chinese_message(tmp_path, capsys):
    """No traceback: a missing inbox, an expected list without its headers → exit 2 naming the file."""
    assert main(["review", str(tmp_path / "没有"), "-o", str(tmp_path / "out")]) == 2
    assert "收件夹不存在" in capsys.readouterr().err
    bad = tmp_path / "清单.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["序号", "名称"])
    wb.save(bad)
    (tmp_path / "inbox").mkdir()
    assert main(["review", str(tmp_path / "inbox"), "-o", str(tmp_path / "out"), "--expected", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "清单.xlsx" in err and "项目名称" in err and "Traceback" not in err
    wb = openpyxl.Workbook()
    wb.active.append(["项目名称", "实施单位"])
    wb.active.append(["某项目", None])
    wb.save(bad)
    assert main(["review", str(tmp_path / "inbox"), "-o", str(tmp_path / "out"), "--expected", str(bad)]) == 2
    assert "B2 单元格" in capsys.readouterr().err


def test_collect_leaves_out_the_output_folder_and_says_what_it_skipped(tmp_path):
    from email.message import EmailMessage

    from jixiao.review.inbox import collect

    inbox = tmp_path / "inbox"
    (inbox / "复核结果" / "县民政局").mkdir(parents=True)
    (inbox / "复核结果" / "县民政局" / "x-校验标注.xlsx").write_bytes(b"PK\x03\x04")
    (inbox / "~$锁定.xlsx").write_bytes(b"")
    (inbox / "说明.docx").write_bytes(b"PK")
    msg = EmailMessage()
    msg["Subject"] = "没有附件"
    msg.set_content("正文")
    (inbox / "空.eml").write_bytes(bytes(msg))
    (inbox / "坏.et").write_bytes(b"\x00garbage")
    work = tmp_path / "work"
    files, skipped = collect(inbox, work, exclude=inbox / "复核结果")
    assert [f.shown for f in files] == ["坏.et"]  # unreadable: the reader reports it under its own name
    assert {(s.file, s.reason) for s in skipped} == {("说明.docx", "不是工作簿，未读取"), ("空.eml", "邮件中没有附件"),
                                                      ("~$锁定.xlsx", "Office/WPS 打开时生成的临时锁定文件，未读取")}
    assert not any(p.is_relative_to(inbox) for p in [f.path for f in files])  # staged outside the inbox


def test_the_file_list_names_an_office_lock_file_with_why(tmp_path):
    """“~$县教育局.xlsx” (Excel's owner file, left beside a workbook open while the inbox was copied) was in
    no row of the 文件清单, while Thumbs.db was: the list names every file of the inbox, as ``check`` does."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write_forms([form(1, "县教育局")], inbox / "县教育局.xlsx")
    (inbox / "~$县教育局.xlsx").write_bytes(b"\x0b\xe5\xbc\xa0\xe4\xb8\x89")
    (inbox / "Thumbs.db").write_bytes(b"\xd0\xcf")
    out = tmp_path / "out"
    main(["review", str(inbox), "-o", str(out)])
    rows = {r[1]: r for r in openpyxl.load_workbook(out / "复核台账.xlsx")["文件清单"].iter_rows(min_row=3, values_only=True)}
    assert rows["~$县教育局.xlsx"][3:5] == ("未读取", "Office/WPS 打开时生成的临时锁定文件，未读取")
    assert rows["Thumbs.db"][3] == "未读取"


def test_empty_inbox(tmp_path, capsys):
    (tmp_path / "inbox").mkdir()
    assert main(["review", str(tmp_path / "inbox"), "-o", str(tmp_path / "out")]) == 2
    assert "没有工作簿" in capsys.readouterr().err


def test_the_return_address_is_reply_to_else_from(tmp_path):
    from email.message import EmailMessage

    from jixiao.review.inbox import gather

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name, headers in (("a.eml", {"From": "办公室 <office@a.cn>", "Reply-To": "填报人 <tb@a.cn>"}),
                          ("b.eml", {"From": "b@b.cn"}), ("c.eml", {})):
        msg = EmailMessage()
        for k, v in headers.items():
            msg[k] = v
        msg.set_content("见附件")
        msg.add_attachment(b"PK", maintype="application", subtype="octet-stream", filename="表.xlsx")
        (inbox / name).write_bytes(bytes(msg))
    sent = gather(inbox, tmp_path / "work")
    assert sent.senders == {str(inbox / "a.eml"): "填报人 <tb@a.cn>", str(inbox / "b.eml"): "b@b.cn"}


def test_summary_by_department(run):
    """The bureau's consolidation one row per department, adding up to the 汇总表."""
    data = run["json"]
    wb = openpyxl.load_workbook(data["summary"])
    assert wb.sheetnames[:2] == ["汇总表", "分单位汇总"]
    ws = wb["分单位汇总"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=5) if r[1].value]
    body, total = rows[:-1], rows[-1]
    assert total[1] == "合计" and ws.cell(row=5 + len(rows), column=1).value.startswith("说明：")
    want = [d for d in data["departments"] if d["forms"] or d["projects_due"]]
    assert [r[1] for r in body] == [d["department"] for d in want]  # the 台账's order
    for r, d in zip(body, want):
        projects = d["forms"] - d.get("whole_forms", 0)
        assert (r[2], r[3]) == (d["projects_due"], projects), d["department"]
        assert r[4] == pytest.approx(d["funds_annual"]) and r[5] == pytest.approx(d["funds_executed"])
    s = wb["汇总表"]
    assert (total[2], total[3]) == (s["C4"].value, s["D4"].value)
    assert total[4] == pytest.approx(s["C5"].value) and total[5] == pytest.approx(s["D5"].value)
    assert total[7:11] == [s[f"C{r}"].value for r in range(6, 10)]  # 优 良 中 差
    assert total[6] == pytest.approx(s["D5"].value / s["C5"].value)


def test_the_printed_ledger_leaves_the_links_to_the_screen(run):
    """22 columns on one A4 page printed at a size nobody reads; the link columns (文件清单, 单位文件夹,
    退回通知, 退回邮件) are for the screen and stand right of the print area."""
    from openpyxl.utils import column_index_from_string

    ws = openpyxl.load_workbook(run["out"] / "复核台账.xlsx")["复核台账"]
    heads = [c.value for c in ws[3]]
    last = column_index_from_string(ws.print_area.split(":")[-1].replace("$", "").rstrip("0123456789"))
    assert heads[last - 1] == "文件" and {"单位", "状态", "须修改", "填报人及联系方式", "部门整体表"} <= set(heads[:last])
    assert set(heads[last:]) == {"文件清单", "单位文件夹", "退回通知", "退回邮件"}


def test_a_department_whose_forms_are_all_of_another_year_is_told_so(tmp_path):
    """县民政局 sent its two projects with 年度 2021 (last year's file, or the year cell not changed): before,
    a 催报通知 said “截至目前，我局未收到你单位2022年度项目支出绩效自评表” and asked it to 补报 both — it
    had sent them. 县水务局 mailed a 2021 form with a scan beside it: it was “无法读取” for the scan. Each
    is now returned, told on the form's 年度 cell why it is not counted; a department that also sent
    forms of the year hears of its old one as a point to verify."""
    from email.message import EmailMessage

    import docx

    from jixiao.excel.workbook import write_forms

    inbox = tmp_path / "inbox"
    write_forms([form(1, "县民政局", year=2021), form(2, "县民政局", year=2021)], inbox / "民政局.xlsx")
    write_forms([form(3, "县教育局"), form(4, "县教育局"), form(5, "县教育局")], inbox / "教育局.xlsx")
    write_forms([form(6, "县教育局", year=2021)], inbox / "教育局-上年度.xlsx")
    water = write_forms([form(10, "县水务局", year=2021)], tmp_path / "水务局.xlsx")
    msg = EmailMessage()
    msg["From"], msg["Subject"] = "shuiwu@example.cn", "县水务局绩效自评表"
    msg.set_content("请查收。")
    msg.add_attachment(water.read_bytes(), maintype="application", subtype="octet-stream", filename="水务局.xlsx")
    msg.add_attachment(b"%PDF-1.4\n%%EOF\n", maintype="application", subtype="pdf", filename="盖章扫描件.pdf")
    (inbox / "水务局报送.eml").write_bytes(bytes(msg))
    listed = tmp_path / "清单.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["项目名称", "实施单位"])
    for n, unit in ((1, "县民政局"), (2, "县民政局"), (3, "县教育局"), (4, "县教育局"), (5, "县教育局"), (10, "县水务局")):
        wb.active.append([sample(n)["project"], unit])
    wb.save(listed)
    out = tmp_path / "out"
    code, text = run_cli("review", str(inbox), "-o", str(out), "--expected", str(listed), "--year", "2022", "--json")
    got = {d["department"]: d for d in json.loads(text)["departments"]}
    mz, water, edu = got["县民政局"], got["县水务局"], got["县教育局"]
    assert mz["status"] == water["status"] == "退回修改"
    assert mz["other_year_forms"] == [{"file": "民政局.xlsx", "sheet": sample(n)["project"], "cell": "A2",
                                       "project": sample(n)["project"], "year": 2021, "kind": "project"} for n in (1, 2)]
    assert [(it["rule"], it["cell"], it["severity"]) for it in mz["to_fix"]] == [("M1", "A2", "error")] * 2
    assert not (out / "县民政局" / "催报通知.docx").exists()
    text = "\n".join(p.text for p in docx.Document(str(out / "县民政局" / "退回修改通知.docx")).paragraphs)
    assert "未收到你单位" not in text and "没有可以计入审核的2022年度项目支出绩效自评表" in text
    assert f"“民政局.xlsx”中“{sample(1)['project']}”工作表 A2 单元格：未收到项目“{sample(1)['project']}”2022年度的" \
           "项目支出绩效自评表，收到的这张表年度为2021年度，未计入；如是2022年度的表，请将年度改为2022后重新报送，否则请补报。" in text
    assert water["unreadable"] == [] and [it["rule"] for it in water["to_fix"]] == ["M1"]
    # forms of the year counted, an old one beside them: a point to verify, last
    assert edu["status"] == "退回修改" and edu["to_fix"][-1]["rule"] == "X4"
    assert edu["to_fix"][-1]["severity"] == "warning" and "否则无需报送" in edu["to_fix"][-1]["message"]


def test_a_resubmission_that_also_put_the_departments_name_right_replaces_the_first(tmp_path):
    """The first file says “大厂县水务局”, its 修改稿 (a later 填报日期) “县水务局”: one project sent twice.
    Before, both counted — the 汇总表 had 3 projects and 14 万元 where 2 and 8 were sent — and the
    review showed the replaced form's spelling as a department of its own."""
    from jixiao.excel.workbook import write_forms

    inbox = tmp_path / "inbox"
    write_forms([form(10, "大厂县水务局")], inbox / "水务局.xlsx")
    write_forms([form(10, "县水务局", indicators=_fixed(10), filled_on="2023.3.20")], inbox / "水务局（修改稿）.xlsx")
    write_forms([form(11, "县水务局")], inbox / "水务局-交通.xlsx")
    due = sample(10)["funds"]["total"]["annual"] + sample(11)["funds"]["total"]["annual"]
    _code, text = run_cli("review", str(inbox), "-o", str(tmp_path / "out"), "--json")
    data = json.loads(text)
    (d,) = data["departments"]
    assert (d["department"], d["forms"], d["superseded"]) == ("县水务局", 2, ["水务局.xlsx"])
    assert data["totals"]["funds_annual"] == pytest.approx(due)
    ws = openpyxl.load_workbook(tmp_path / "out" / f"{YEAR}年度绩效自评情况汇总表.xlsx")["汇总表"]
    assert (ws["C4"].value, ws["C5"].value) == (2, pytest.approx(due))
    _code, text = run_cli("summarize", str(inbox), "-o", str(tmp_path / "汇总表.xlsx"), "--json")
    assert (json.loads(text)["projects_due"], json.loads(text)["funds_due"]) == (2, pytest.approx(due))


def test_files_not_counted_are_shown_as_their_departments(run):
    """The byte-identical copy 县卫生健康局 sent again and 县农业农村局's 2021 form: before, the 文件清单 named
    no department for them (a filter on 单位 hid them) and 县卫生健康局's row of the 台账 did not say it had
    sent a file twice."""
    got = {d["department"]: d for d in run["json"]["departments"]}
    assert got["县卫生健康局"]["duplicates"] == [{"file": "县卫生健康局/卫健局自评表（重复发送）.xlsx",
                                                 "same_as": "县卫生健康局/卫健局自评表.xlsx"}]
    wb = openpyxl.load_workbook(run["out"] / "复核台账.xlsx")
    listing = {r[1]: r[2] for r in wb["文件清单"].iter_rows(min_row=3, values_only=True)}
    assert listing["县卫生健康局/卫健局自评表（重复发送）.xlsx"] == "县卫生健康局"
    assert listing["县农业农村局/农业农村局-上年度.xlsx"] == "县农业农村局"
    assert listing["旧输出/民政局-校验标注.xlsx"] in (None, "")  # the reviewer's own output is nobody's
    ws = wb["复核台账"]
    col = [c.value for c in ws[3]].index("未计入的文件") + 1
    row = next(r for r in range(4, ws.max_row + 1) if ws.cell(row=r, column=2).value == "县卫生健康局")
    assert ws.cell(row=row, column=col).value == "县卫生健康局/卫健局自评表（重复发送）.xlsx（与 卫健局自评表.xlsx 内容相同）"


def test_ledger_headers_print_on_one_line():
    """Each printed header of the 复核台账 on one line: a bold CJK character ~2 width units, one to spare
    (“最低总分” in 7 units printed as “最低总/分”, “应报项目数” as “应报项/目数”)."""
    from jixiao.review.ledger import COLS, PRINTED

    for head, width in COLS[:PRINTED]:
        assert 2 * len(head) + 1 <= width, (head, width)


def test_the_list_counts_as_the_notice_does(run):
    """The 清单's 类别 said 须修改 for a project not sent (the notice: “未报项目1个，须修改9处”): filtered
    on 须修改 it gave 10. A project not sent is “未报项目”, a form set aside “未计入”, so that the
    清单's 须修改 and 请核实 rows are the 台账's and the notice's numbers."""
    seen = 0
    for d in run["json"]["departments"]:
        if not (d["notice_xlsx"] and d["forms"]):
            continue
        ws = openpyxl.load_workbook(d["notice_xlsx"]).active
        head = [c.value for c in ws[2]]
        kinds = [dict(zip(head, r))["类别"] for r in ws.iter_rows(min_row=3, values_only=True) if isinstance(r[0], int)]
        assert (kinds.count("须修改"), kinds.count("请核实")) == (d["to_change"], d["to_verify"]), d["department"]
        assert kinds.count("未报项目") == len(d["missing"]), d["department"]
        seen += bool(d["missing"])
    assert seen  # a department with a project not sent was among them
