"""Issue 17: the form on paper is the official grid; the documents a department sends say what it
reports and nothing of the checker; the finishing touches a user expects.

The paper checks read the files the README's picture script builds (``docs/make_pictures.py``),
render them with LibreOffice, and then check from the file itself: every cell of the grid has its
four borders, the 注 are under the form, and nothing in the print area prints in colour.
"""

from __future__ import annotations

import email
import importlib.util
import re
import subprocess
from email import policy
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from openpyxl.utils import get_column_letter, range_boundaries

from conftest import SAMPLES, need_libreoffice, with_settings
from jixiao import reports as R
from jixiao.checking.run import check_batch
from jixiao.cli import build_parser, main as cli_main
from jixiao.reports.templates import NAMES
from jixiao.core.findings import Finding, finding_line
from jixiao.forms.project.model import load_form, parse_form
from jixiao.core.profiles import get_profile
from jixiao.sources import load_all

ROOT = Path(__file__).resolve().parent.parent
CLEAN = next(p for p in SAMPLES if p.name == "11.json")  # the one sample form without errors
TEMPLATES = ROOT / "xlsx_templates"


def _pictures():
    spec = importlib.util.spec_from_file_location("make_pictures", ROOT / "docs" / "make_pictures.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# ----------------------------------------------------------------------------- paper

def area_of(ws) -> tuple[int, int, int, int]:
    return range_boundaries(ws.print_area.split("!")[-1].replace("$", ""))


def grid_rows(ws) -> tuple[int, int]:
    """From the 项目名称 row to the 说明 row, found by their labels (not by the code's layout)."""
    labels = {str(ws.cell(row=r, column=1).value or "").replace("\n", ""): r for r in range(1, ws.max_row + 1)}
    return labels["项目名称"], labels["说明"]


def unbordered(ws, rows: tuple[int, int], cols: int) -> list[str]:
    """Cells of the grid missing a border on a side; inside a merged block there is no line to draw
    (a side facing a cell of the same merged range is not required)."""
    block = {}
    for k, m in enumerate(ws.merged_cells.ranges):
        for r in range(m.min_row, m.max_row + 1):
            for c in range(m.min_col, m.max_col + 1):
                block[(r, c)] = k
    bad = []
    for r in range(rows[0], rows[1] + 1):
        for c in range(1, cols + 1):
            b = ws.cell(row=r, column=c).border
            for side, (dr, dc) in (("left", (0, -1)), ("right", (0, 1)), ("top", (-1, 0)), ("bottom", (1, 0))):
                inner = (r, c) in block and block.get((r + dr, c + dc)) == block[(r, c)]
                if not inner and not getattr(b, side).style:
                    bad.append(f"{get_column_letter(c)}{r}.{side}")
    return bad


def coloured(ws) -> list[str]:
    """Cells in the print area with a fill or coloured text."""
    c1, r1, c2, r2 = area_of(ws)
    out = []
    for row in ws.iter_rows(min_row=r1, max_row=r2, min_col=c1, max_col=c2):
        for cell in row:
            if cell.fill is not None and cell.fill.fill_type is not None:
                out.append(cell.coordinate)
            col = cell.font.color if cell.font is not None else None
            if col is not None and col.type == "rgb" and str(col.rgb)[-6:] != "000000":
                out.append(cell.coordinate)
    return out


def notes_in_area(ws) -> str:
    c1, r1, c2, r2 = area_of(ws)
    return "\n".join(str(c.value) for row in ws.iter_rows(min_row=r1, max_row=r2, min_col=1, max_col=1)
                     for c in row if c.value)


@pytest.fixture(scope="module")
def paper(tmp_path_factory):
    """The blank template and the filled form of the README pictures, each rendered to PNG."""
    need_libreoffice()
    pics = _pictures()
    work = tmp_path_factory.mktemp("paper")
    filled = work / "filled.xlsx"
    assert cli_main(["fill", str(CLEAN), "-o", str(filled)]) == 0
    pngs = {name: pics.to_png(src, "first", work / f"{name}.png")
            for name, src in (("template", pics.TEMPLATE), ("filled", filled))}
    return {"template": pics.TEMPLATE, "filled": filled, "png": pngs}


@pytest.mark.parametrize("which", ["template", "filled"])
def test_form_prints_as_the_official_grid(paper, which):
    from PIL import Image

    png = paper["png"][which]
    assert png.stat().st_size <= 150_000
    img = Image.open(png).convert("L")
    assert img.size[1] > img.size[0] > 700  # A4 portrait at ~100 dpi
    assert min(getattr(img, "get_flattened_data", img.getdata)()) < 60  # something printed, in black
    wb = openpyxl.load_workbook(paper[which])
    ws = wb.worksheets[0]
    rows = grid_rows(ws)
    assert rows[1] - rows[0] > 25
    assert not unbordered(ws, rows, 9), "没有四边框线的单元格"
    assert not coloured(ws), "打印区域内有底色或彩色文字"
    assert ws.page_setup.blackAndWhite  # conditional colours stay on screen
    # A4: the blank template fitted to its width (more pages as the 填报人's form grows); a written form on
    # one page, as it fits one readably (tests/test_print_long.py)
    fit = (1, 0) if which == "template" else (1, 1)
    assert int(ws.page_setup.paperSize) == 9 and (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == fit
    c1, r1, c2, r2 = area_of(ws)
    assert (c1, r1, c2) == (1, 1, 9) and r2 > rows[1] + 3
    notes = notes_in_area(ws)
    assert "注：1. 其他资金包括与财政拨款资金共同投入到同一项目的自有资金、社会资金" in notes
    assert "2. 定量指标，若为正向指标" in notes and "若为反向指标" in notes
    assert "3. 定性指标根据指标完成情况分为：达成年度指标、部分达成年度指标并具有一定效果、未达成年度指标且效果较差三档" in notes
    year = ws["A2"].value
    assert year == ("（    年度）" if which == "template" else 2022)


def test_labels_fit_their_cells():
    """The labels that wrapped badly are broken where a person would break them, in wide enough columns."""
    ws = openpyxl.load_workbook(TEMPLATES / "项目支出绩效自评表.xlsx").worksheets[0]
    assert ws["A6"].value == "项目资金\n（万元）" and ws["A11"].value == "年度总体\n目标"
    # a CJK character is ~2 width units at the body size
    for ref in ("A3", "A4", "A5", "B8"):
        assert 2 * len(ws[ref].value) <= ws.column_dimensions[ref[0]].width, ref
    # the 签名栏's labels, right-aligned beside the cells written in: “联系方式：” in 8 units printed “系方式：”
    sign = next(r for r in range(30, ws.max_row + 1) if ws[f"A{r}"].value == "填报单位负责人（签名）：")
    for c in "DFH":
        label = ws[f"{c}{sign}"].value
        assert label and 2 * len(label) + 1 <= ws.column_dimensions[c].width, (c, label)


def test_department_and_evaluation_headers_fit_their_columns():
    """Each indicator header label, and each fixed 三级指标 name of the 评价表, on one line at Calibri's
    metrics (a CJK character ~2 width units): “一级指标” in a 6.5-unit column printed as “一级指/标”, and
    “服务对象满意度” as “服务对象满意/度”, once LibreOffice had Carlito (Calibri's metric twin)."""
    for name in ("部门整体支出绩效自评表.xlsx", "项目支出绩效评价表.xlsx"):
        ws = openpyxl.load_workbook(TEMPLATES / name).worksheets[0]
        head = next(r for r in range(1, 30) if ws[f"A{r}"].value == "一级指标")
        last = area_of(ws)[2]   # the printed columns (a key column for the code lies beyond)
        labels = [c for c in ws[head][:last] if isinstance(c.value, str) and c.value.strip()]
        assert len(labels) >= 8, name
        for c in labels:
            assert 2 * len(c.value) <= ws.column_dimensions[c.column_letter].width, (name, c.coordinate, c.value)
        if name.startswith("项目"):   # the 评价表's 三级指标 are printed on the blank form
            col = next(c.column_letter for c in labels if c.value == "三级指标")
            names = [ws[f"{col}{r}"].value for r in range(head + 1, ws.max_row + 1)
                     if isinstance(ws[f"{col}{r}"].value, str)]
            assert "服务对象满意度" in names
            for v in names:
                assert 2 * len(v) <= ws.column_dimensions[col].width, (name, v)


def test_department_and_evaluation_forms_on_paper():
    for name, last_col in (("部门整体支出绩效自评表.xlsx", 10), ("项目支出绩效评价表.xlsx", 11)):
        ws = openpyxl.load_workbook(TEMPLATES / name).worksheets[0]
        c1, r1, c2, r2 = area_of(ws)
        assert c2 == last_col and ws.page_setup.blackAndWhite, name
        assert not coloured(ws), name
        assert ws.print_title_rows, name   # header row repeated where a form runs over a page
        assert not unbordered(ws, (3, r2 if name.startswith("项目") else r2 - 1), last_col), name
        assert ws["A2"].value == "（    年度）"
        if name.startswith("部门"):        # the parameter tables are off the printed page
            below = [str(c.value) for row in ws.iter_rows(min_row=r2 + 1, max_col=1) for c in row if c.value]
            assert any("评分标准参数" in v for v in below)
            assert not any("评分标准参数" in str(c.value) for row in ws.iter_rows(max_row=r2, max_col=1)
                           for c in row if c.value)


def test_result_sheet_repeats_its_header_and_names_files(tmp_path):
    book = tmp_path / "book.xlsx"
    assert cli_main(["fill", *map(str, SAMPLES[:3]), "-o", str(book)]) == 0
    assert cli_main(["check", str(book), "--annotate", str(tmp_path / "a.xlsx")]) == 1
    ws = openpyxl.load_workbook(tmp_path / "a.xlsx")["校验结果"]
    assert ws.print_title_rows.replace("$", "") == "2:2" and ws.page_setup.blackAndWhite
    assert ws["I3"].value == "book.xlsx"  # the file's name, not its folder
    assert area_of(ws)[3] == ws.max_row


# ----------------------------------------------------------------------------- documents

TOOL_WORDS = ("绩效自评助手", "jixiao", "校验", "复核", "经核查", "【待核实】")


def doc_text(path: Path) -> str:
    d = Document(str(path))
    return "\n".join([p.text for p in d.paragraphs] + [c.text for t in d.tables for row in t.rows for c in row.cells])


@pytest.fixture(scope="module")
def clean_docs(tmp_path_factory):
    out = tmp_path_factory.mktemp("clean-docs")
    paths = R.build_reports(load_all([CLEAN]), None, out)
    return {p.stem: p for p in paths}


def test_department_documents_say_nothing_of_the_tool(clean_docs):
    assert sorted(clean_docs) == sorted([*NAMES, "校验报告"])
    for name in NAMES:
        text = doc_text(clean_docs[name])
        for word in TOOL_WORDS:
            assert word not in text, (name, word)
        assert "「" not in text and "」" not in text, name
        assert not re.search(r"\d+/\d+\d处", text), name  # a count never runs into a number
    check = doc_text(clean_docs["校验报告"])
    assert check.startswith("校验报告（填报人自查用，不报送）") and "复核为" in check


def test_forms_with_errors_are_refused_or_marked(tmp_path, capsys):
    batch = load_all(SAMPLES)
    with pytest.raises(R.ReportRefused) as exc:
        R.build_reports(batch, None, tmp_path / "no")
    assert "校验" in str(exc.value) and not (tmp_path / "no").exists()
    assert cli_main(["report", *map(str, SAMPLES[:2]), "-o", str(tmp_path / "cli")]) == 1
    err = capsys.readouterr().err
    assert "未生成报告" in err and "jixiao check" in err and "Traceback" not in err
    paths = {p.stem: p for p in R.build_reports(batch, None, tmp_path / "forced", force=True)}
    assert "警告：自评表仍有" in capsys.readouterr().err
    project = doc_text(paths["项目支出绩效自评报告"])
    check = check_batch(batch, get_profile(None))
    bad = {f.project for f in check.findings if f.severity == "error" and (f.field or "").startswith("funds")}
    clean = {it.form.project for it in batch.forms} - {f.project for f in check.findings if f.severity == "error"}
    # the funds clause of a project with a funds error carries the mark; a clean project's never does
    for line in project.splitlines():
        m = re.match(r"\d+．(.+?)下达", line)
        if m and m[1] in bad:
            assert R.CHECK in line, line
        if m and m[1] in clean:
            assert R.CHECK not in line, line
    for name in NAMES:
        text = doc_text(paths[name])
        assert "绩效自评助手" not in text and "经校验" not in text and "复核为" not in text, name
    assert "错误 · 单元格 F18 · 规则 C4 · " in doc_text(paths["校验报告"])


def test_a_blank_target_or_actual_is_never_reached():
    data = load_form(CLEAN).model_dump(mode="json")
    data["indicators"][0]["target"] = None
    data["indicators"][1]["actual"] = None
    form = parse_form(data)
    from jixiao.sources import Batch, Loaded

    batch = Batch([Loaded(form, "x.json", None)], [], 1)
    p = R.collect(batch).projects[0]
    lines = R.group_lines(p)
    for i in (0, 1):
        name = form.indicators[i].name
        # the bracket says the value is 未填写; the project's last line says it cannot be judged (once, for all)
        line = next(line for line in lines if name in line)
        said = next(piece for piece in line.split("；") if name in piece)
        assert "未填写" in said and "达到指标值" not in said.split("）")[0], said
        assert "，达到指标值" not in line and "均达到指标值" not in line, line
    assert lines[-1] == (f"{form.indicators[0].name}的指标值未填写，{form.indicators[1].name}的完成值未填写，"
                         "是否达到指标值需补充实际完成数后确定【待核实】。"), lines   # a C1 and a C3 error
    assert all(R.verdict(s, ind) != "met" for s, ind in zip(p.score.indicators[:2], form.indicators[:2]))


def test_no_corner_quotes_in_any_output_string():
    allowed = {"jixiao/reportcheck/statements.py", "jixiao/reportcheck/facts.py", "jixiao/review/notices.py",
               "jixiao/core/grades.py"}
    hits = []
    for path in [*ROOT.glob("jixiao/**/*.py"), *ROOT.glob("addin/**/*.py")]:
        rel = path.relative_to(ROOT).as_posix()
        if rel not in allowed and re.search("[「」]", path.read_text(encoding="utf-8")):
            hits.append(rel)
    assert not hits  # those four only read or replace 「」 in what people wrote


# ----------------------------------------------------------------------------- finishing touches

def test_every_option_has_help():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    missing = [f"{cmd} {'/'.join(a.option_strings) or a.dest}" for cmd, p in sub.choices.items()
               for a in p._actions if not a.help]
    assert not missing


def test_findings_line_reads_as_chinese():
    f = Finding("C4", "error", "indicators[4].actual", "实际完成值写成了指标值", cell="F18")
    assert finding_line(f) == "错误 · 单元格 F18 · 规则 C4 · 实际完成值写成了指标值"


def test_blocked_output_is_an_error_not_a_traceback(tmp_path):
    (tmp_path / "file").write_text("x")
    r = subprocess.run([str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv").exists() else "python", "-m",
                        "jixiao.cli", "fill", str(CLEAN), "-o", str(tmp_path / "file" / "book.xlsx")],
                       capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 2 and "无法写入" in r.stderr and "Traceback" not in r.stderr
    (tmp_path / "dir.xlsx").mkdir()
    assert cli_main(["fill", str(CLEAN), "-o", str(tmp_path / "dir.xlsx")]) == 2


def test_email_draft_is_addressed_from_the_settings_sheet(tmp_path):
    book = tmp_path / "book.xlsx"
    assert cli_main(["fill", str(CLEAN), "-o", str(book)]) == 0
    with_settings(book, (("项目", "内容"), ("收件人", "jxk@czj.example.gov.cn"), ("发件邮箱", "ybj@example.gov.cn"),
                         ("单位名称", "大厂回族自治县医疗保障局")))
    assert cli_main(["finalize", str(book), "-o", str(tmp_path / "out"), "--email", "--no-pdf"]) == 0
    eml = next((tmp_path / "out").glob("*.eml"))
    msg = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert msg["To"] == "jxk@czj.example.gov.cn" and msg["From"] == "ybj@example.gov.cn"
    body = msg.get_body(("plain",)).get_content()
    names = [a.get_filename() for a in msg.iter_attachments()]
    assert names and all(f"{n}（Excel 版）" in body for n in names if n.endswith(".xlsx"))
    assert "只含数值" not in body and "jixiao" not in body  # what a person writes, nothing of the tool


def test_report_button_refuses_forms_with_errors_as_the_command_does(tmp_path):
    import addin.buttons as buttons
    from jixiao.actions import FileHost

    bad, good = tmp_path / "bad.xlsx", tmp_path / "good.xlsx"
    assert cli_main(["fill", str(SAMPLES[0]), "-o", str(bad)]) == 0
    assert cli_main(["fill", str(CLEAN), "-o", str(good)]) == 0
    said = buttons.report(FileHost(str(bad), str(tmp_path / "bad-out.xlsx")), str(tmp_path / "bad-docs"))
    assert said.startswith("生成报告未完成：自评表仍有") and "bad.xlsx" not in said and "校验" in said
    assert not (tmp_path / "bad-docs").exists()
    said = buttons.report(FileHost(str(good), str(tmp_path / "good-out.xlsx")), str(tmp_path / "good-docs"))
    assert said.startswith("已生成") and "校验报告.docx" in said


def test_progress_shows_on_a_terminal_only(tmp_path):
    """On a terminal's stderr a spinner names the step; piped, stderr stays clean."""
    import os
    import pty
    import sys
    import threading

    argv = [sys.executable, "-m", "jixiao.cli", "report", str(CLEAN), "-o"]
    master, slave = pty.openpty()
    seen: list[bytes] = []

    def drain() -> None:  # read while the command runs: a full terminal buffer would block it
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                return
            if not chunk:
                return
            seen.append(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    # the spinner waits progress.DELAY before it shows; this report can end sooner on a fast machine
    fast = dict(os.environ, JIXIAO_PROGRESS_DELAY="0")
    r = subprocess.run(argv + [str(tmp_path / "tty")], stdout=subprocess.PIPE, stderr=slave, cwd=ROOT, timeout=120,
                       env=fast)
    os.close(slave)
    reader.join(timeout=10)
    os.close(master)
    seen = b"".join(seen)
    assert r.returncode == 0 and "正在生成报告" in seen.decode("utf-8", "replace")
    assert "已写入" in r.stdout.decode()  # stdout (piped) keeps the plain list
    piped = subprocess.run(argv + [str(tmp_path / "pipe")], capture_output=True, text=True, cwd=ROOT, timeout=120,
                           env=fast)
    assert piped.returncode == 0 and "正在" not in piped.stderr
