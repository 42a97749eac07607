"""A reviewer's inbox built from the 23 embedded sample forms, for the ``review`` tests.

Ten departments (the samples' 实施单位 changed), written with the project's own ``fill``
code, and every trap of a real inbox: a resubmission (修改稿, with its later 填报日期 but an
older file time), a byte-identical copy, a form of another year, jixiao's own outputs
(an annotated copy and a 汇总表), an .eml with the workbook attached, a WPS .et, a
corrupt file, and a department on the expected list that sent nothing.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import shutil
from email.message import EmailMessage
from pathlib import Path

from jixiao.cli import main, sample_paths
from jixiao.forms.project.model import parse_form
from jixiao.excel.workbook import write_forms

YEAR = 2022
AUTHORITY = "大厂回族自治县人民政府"
PLAN = {  # department -> sample numbers it reports (in the files below)
    "县民政局": [1, 2], "县教育局": [3, 4], "县卫生健康局": [5, 6], "县农业农村局": [7, 8], "县水务局": [10],
    "县交通运输局": [11], "县自然资源局": [12], "县医疗保障局": list(range(13, 24)),
}
EXTRA_DUE = {"县民政局": ["养老服务补贴"], "县住房和城乡建设局": ["老旧小区改造"], "县文化和旅游局": ["文化惠民演出"]}
COUNTED = [n for nums in PLAN.values() for n in nums]  # 22 forms: 09 goes in as a 2021 form


def run_cli(*argv: str) -> tuple[int, str]:
    """A jixiao command run in-process: its exit status and what it printed."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(list(argv))
    return code, out.getvalue()


def returned(inbox: Path, out: Path, department: str | None = None) -> tuple[list[str], list[str]]:
    """``review`` of ``inbox`` into ``out``, and what one department is sent back (its folder by name, or the
    only one): the 退回修改通知's non-blank paragraphs and the 清单's rows, each row's cells joined."""
    import docx
    import openpyxl

    run_cli("review", str(inbox), "-o", str(out))
    folder = out / department if department else next(p for p in out.iterdir() if p.is_dir())
    paras = [p.text.replace("\n", "") for p in docx.Document(str(folder / "退回修改通知.docx")).paragraphs  # a heading's planned break is layout
             if p.text.strip()]
    ws = openpyxl.load_workbook(folder / "退回修改清单.xlsx").worksheets[0]
    return paras, ["".join(str(c.value or "") for c in row) for row in ws.iter_rows()]


def tree_hashes(root: Path) -> dict[str, str]:
    """Every file below ``root`` by its content: an inbox must be the same after a review."""
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def review_json(inbox: Path, out: Path, *extra: str) -> dict:
    """``review --json`` of ``inbox`` into ``out``, parsed (exit 0 or 1: passed, or returned for changes)."""
    code, text = run_cli("review", str(inbox), "-o", str(out), "--json", *extra)
    assert code in (0, 1), text
    return json.loads(text)


def ledger_row(out: Path, unit: str) -> dict:
    """``unit``'s row of the 复核台账 sheet in ``out``, by its column heads."""
    import openpyxl

    ws = openpyxl.load_workbook(out / "复核台账.xlsx")["复核台账"]
    head = [c.value for c in ws[3]]
    row = next(r for r in ws.iter_rows(min_row=4, values_only=True) if r[head.index("单位")] == unit)
    return dict(zip(head, row))


def list_rows(folder: Path) -> list[list[str]]:
    """A department's 退回修改清单 as text, row by row."""
    import openpyxl

    ws = openpyxl.load_workbook(folder / "退回修改清单.xlsx").worksheets[0]
    return [[str(c.value or "") for c in row] for row in ws.iter_rows()]


def two_unit_inbox(tmp_path: Path) -> Path:
    """An inbox of two departments, one form each (县民政局 and 县水务局), in ``tmp_path/inbox``."""
    inbox = tmp_path / "inbox"
    for unit, n, name in (("县民政局", 1, "民政局.xlsx"), ("县水务局", 10, "水务局.xlsx")):
        (inbox / unit).mkdir(parents=True)
        write_forms([form(n, unit)], inbox / unit / name)
    return inbox


def sample(n: int) -> dict:
    return json.loads(sample_paths()[n - 1].read_text(encoding="utf-8"))


def project_list(path: Path, rows: list[tuple[str, str]]) -> Path:
    """A bureau's list of the projects due (``review --expected``): 项目名称 and 实施单位, a row each."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["项目名称", "实施单位"])
    for row in rows:
        wb.active.append(list(row))
    wb.save(path)
    return path


def form(n: int, unit: str, **changes):
    data = sample(n)
    data.update({"unit": unit, "authority": AUTHORITY, **changes})
    return parse_form(data, f"sample {n:02d}")


def _fixed(n: int) -> list[dict]:
    """Sample n's indicators with the 实际完成值 written as results (no ≥ ≤ < > =): the correction."""
    inds = sample(n)["indicators"]
    for ind in inds:
        if ind.get("actual"):
            ind["actual"] = re.sub(r"^[≥≤<>=＝]+\s*", "", ind["actual"])
    return inds


def build_inbox(root: Path) -> dict:
    """Write the inbox under root/inbox and the expected list; returns the paths and the plan."""
    from jixiao.excel.apply import apply_to_copy
    from jixiao.checking.run import check_paths
    from jixiao.excel.office import convert
    from jixiao.excel.plan import annotation_plan
    from jixiao.summary import summarize
    from jixiao.summary.write import write_summary

    inbox = root / "inbox"
    inbox.mkdir(parents=True)

    def put(rel: str, forms) -> Path:
        p = inbox / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        return write_forms(forms, p)

    minzheng = put("县民政局/民政局-绩效自评表.xlsx", [form(1, "县民政局"), form(2, "县民政局")])
    # resubmission: 04 corrected, later 填报日期, but the first file is touched later (date wins)
    first = put("县教育局/教育局-绩效自评表.xlsx", [form(3, "县教育局"), form(4, "县教育局")])
    second = put("县教育局/教育局-绩效自评表（修改稿）.xlsx",
                 [form(4, "县教育局", indicators=_fixed(4), filled_on="2023.3.10")])
    os.utime(second, (1_700_000_000, 1_700_000_000))
    os.utime(first, (1_700_100_000, 1_700_100_000))
    wj = put("县卫生健康局/卫健局自评表.xlsx", [form(5, "县卫生健康局"), form(6, "县卫生健康局")])
    shutil.copyfile(wj, inbox / "县卫生健康局/卫健局自评表（重复发送）.xlsx")
    put("县农业农村局/农业农村局.xlsx", [form(7, "县农业农村局"), form(8, "县农业农村局")])
    put("县农业农村局/农业农村局-上年度.xlsx", [form(9, "县农业农村局", year=2021)])
    # an .eml whose attachment is the workbook (and a PDF that is not)
    tmp = root / "made"
    water = write_forms([form(10, "县水务局")], tmp / "水务局绩效自评表.xlsx")
    msg = EmailMessage()
    msg["From"], msg["To"] = "shuiwu@example.cn", "czj@example.cn"
    msg["Subject"], msg["Date"] = "县水务局2022年度绩效自评表", "Fri, 3 Mar 2023 09:00:00 +0800"
    msg.set_content("请查收。")
    msg.add_attachment(water.read_bytes(), maintype="application",
                       subtype="vnd.openxmlformats-officedocument.spreadsheetml.sheet", filename=water.name)
    msg.add_attachment(b"%PDF-1.4\n%%EOF\n", maintype="application", subtype="pdf", filename="说明.pdf")
    (inbox / "邮件").mkdir()
    (inbox / "邮件/县水务局报送.eml").write_bytes(bytes(msg))
    # a WPS .et (an old BIFF workbook, as WPS writes it)
    jt = write_forms([form(11, "县交通运输局")], tmp / "交通运输局.xlsx")
    xls = convert(jt, "xls", tmp / "xls")
    (inbox / "县交通运输局").mkdir()
    shutil.copyfile(xls, inbox / "县交通运输局/交通运输局自评表.et")
    put("县自然资源局/自然资源局.xlsx", [form(12, "县自然资源局")])
    yibao = put("县医疗保障局/医保局2022年度项目支出绩效自评表.xlsx", [form(n, "县医疗保障局") for n in range(13, 24)])
    # corrupt: the department's only file
    (inbox / "县文化和旅游局").mkdir()
    (inbox / "县文化和旅游局/文旅局自评表.xlsx").write_bytes(b"PK\x03\x04 not really a workbook" * 20)
    # jixiao's own outputs saved into the inbox by mistake
    batch, result = check_paths([minzheng])
    apply_to_copy(minzheng, inbox / "旧输出/民政局-校验标注.xlsx",
                  annotation_plan(result.findings, {it.sheet for it in batch.forms}))
    batch, result = check_paths([minzheng, yibao])
    summary, groups = summarize(batch, result)
    write_summary(batch, summary, groups, inbox / "旧输出/绩效自评情况汇总表.xlsx")

    expected = root / "项目清单.xlsx"
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([f"{YEAR}年度项目支出预算批复清单"])
    ws.append(["序号", "主管部门", "实施单位", "项目名称", "预算数（万元）"])
    k = 0
    for dept, nums in PLAN.items():
        for n in nums:
            k += 1
            ws.append([k, AUTHORITY, dept, sample(n)["project"], sample(n)["funds"]["total"]["annual"]])
    for dept, names in EXTRA_DUE.items():
        for name in names:
            k += 1
            ws.append([k, AUTHORITY, dept, name, 10])
    wb.save(expected)
    return {"inbox": inbox, "expected": expected, "first": first, "second": second}


def saved_and_mailed(root: Path) -> Path:
    """An inbox (root/inbox) where 县民政局's workbook was saved into its folder (no mail) and
    县水务局's came attached to a message from shuiwu@example.cn: whom the drafts go to."""
    inbox = root / "inbox"
    write_forms([form(1, "县民政局")], inbox / "县民政局" / "民政局.xlsx")
    water = write_forms([form(10, "县水务局")], root / "made" / "水务局.xlsx")
    msg = EmailMessage()
    msg["From"], msg["Subject"] = "shuiwu@example.cn", "县水务局绩效自评表"
    msg.set_content("请查收。")
    msg.add_attachment(water.read_bytes(), maintype="application", subtype="octet-stream", filename="水务局.xlsx")
    (inbox / "县水务局报送.eml").write_bytes(bytes(msg))
    return inbox


def saved_at(path: Path, when) -> Path:
    """``path`` (an .xlsx) as if its program had last saved it at ``when`` (a UTC datetime): its
    ``docProps/core.xml`` ``dcterms:modified`` rewritten, every other part as it was. openpyxl
    itself stamps the time of ``save`` there, whatever ``wb.properties.modified`` said."""
    import zipfile

    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(path) as z:
        parts = [(info, z.read(info)) for info in z.infolist()]
    tmp = path.with_name(path.name + ".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in parts:
            if info.filename == "docProps/core.xml":
                data, n = re.subn(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                                  rb"\g<1>" + stamp + rb"\g<2>", data)
                assert n == 1, data
            z.writestr(info, data)
    tmp.replace(path)
    return path
