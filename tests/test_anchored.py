"""Other departments' layouts: the label-anchored reader, the corpus, ``import``.

The corpus (tests/corpus/) is committed — workbooks in twelve layouts, each as .xlsx (or
.xlsm) and as LibreOffice-saved .xls, with the forms they must give back and the source
cell of every value. Committed files are what is tested, so reading .xls is tested even
where LibreOffice is not installed; a test rebuilds the .xlsx side with the generator and
compares it part by part (and a LibreOffice test the .xls side, sheet by sheet), so the
committed corpus cannot drift from ``build_corpus.py``.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys
from pathlib import Path

import openpyxl
import pytest
import python_calamine as pc
from conftest import SAMPLES, diff_forms, need_libreoffice

from jixiao.forms.project import layout as L
from jixiao.reading import SheetGrid, read_grid
from jixiao.checking.run import check_batch
from jixiao.cli import main
from jixiao.errors import CellError, NotAFormError, for_command
from jixiao.forms.project.reader import read_workbook
from jixiao.reading.workbook import open_workbook
from jixiao.sources import load_all
from jixiao.excel.workbook import package_digest, write_forms

CORPUS = Path(__file__).resolve().parent / "corpus"
INDEX = json.loads((CORPUS / "index.json").read_text(encoding="utf-8"))
LOOKALIKE = "13-lookalike"
# the first set holds each 大厂 sample exactly once; issue 15's layouts (marked "issue") and the h36
# import round's (marked "round") reuse them
BOOKS = [b["name"] for b in INDEX if b["name"] != LOOKALIKE and not b.get("issue") and not b.get("round")]
FILES = [(b["name"], CORPUS / f"{b['name']}{fmt}") for b in INDEX if b["name"] != LOOKALIKE for fmt in b["formats"]]


def _generator():
    spec = importlib.util.spec_from_file_location("build_corpus", CORPUS / "build_corpus.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["build_corpus"] = mod  # dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


def expected(name: str) -> list[dict]:
    return json.loads((CORPUS / f"{name}.json").read_text(encoding="utf-8"))


def cells(name: str) -> list[dict[str, str]]:
    return json.loads((CORPUS / f"{name}.cells.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def read_corpus():
    return {path: read_workbook(path) for _, path in FILES}


# --------------------------------------------------------------------------- the corpus


def test_corpus_is_what_the_issue_asks_for():
    assert len(BOOKS) >= 12
    for b in INDEX:
        assert ".xls" in b["formats"] and b["covers"]
        if ".et" in b["formats"]:  # WPS writes BIFF8 under .et
            assert (CORPUS / f"{b['name']}.et").read_bytes() == (CORPUS / f"{b['name']}.xls").read_bytes()
        for fmt in b["formats"]:
            assert (CORPUS / f"{b['name']}{fmt}").exists()
    forms = [f for name in BOOKS for f in expected(name)]
    assert sorted(f["project"] for f in forms) == sorted(json.loads(p.read_text())["project"] for p in SAMPLES)
    size = sum(p.stat().st_size for p in CORPUS.iterdir() if p.is_file())
    assert size < 2_000_000


@pytest.mark.parametrize("name,path", FILES, ids=[p.name for _, p in FILES])
def test_corpus_reads_back_field_for_field(read_corpus, name, path):
    res = read_corpus[path]
    assert res.problems == []
    want = expected(name)
    assert len(res.forms) == len(want)
    for sf, e in zip(res.forms, want):
        assert not sf.native, "a foreign layout must go through the label-anchored reader"
        assert diff_forms(e, sf.form.to_dict()) == [], sf.source


@pytest.mark.parametrize("name,path", FILES, ids=[p.name for _, p in FILES])
def test_every_value_names_its_source_cell(read_corpus, name, path):
    for sf, cmap in zip(read_corpus[path].forms, cells(name)):
        wrong = {k: (v, sf.cells.get(k)) for k, v in cmap.items() if sf.cell(k) != v}
        assert wrong == {}, sf.source


def test_stacked_forms_are_two_forms_with_their_own_cells(read_corpus):
    res = read_corpus[CORPUS / "06-two-forms-stacked.xlsx"]
    a, b = res.forms
    assert a.sheet == b.sheet == "Sheet1" and (a.part, b.part) == (1, 2)
    assert a.source != b.source and b.source.endswith(f"#Sheet1@{b.anchor}")
    assert int(b.cell("project")[1:]) > int(a.cell("total_score")[1:])


def test_notes_record_the_guesses_with_their_cells(read_corpus):
    def notes(book, i=0):
        fmt = next(b["formats"][0] for b in INDEX if b["name"] == book)
        return [str(n) for n in read_corpus[CORPUS / f"{book}{fmt}"].forms[i].notes]

    c = cells("02-packed-cells")[0]
    assert any(n.startswith(c["indicators[0].name"] + "：一格中有 4 个指标") for n in notes("02-packed-cells"))
    c = cells("05-money-in-yuan")[0]
    yuan = notes("05-money-in-yuan")
    assert any(n.startswith(f"{c['funds.total.executed']}：") and "197900 元按 19.79 万元" in n for n in yuan)
    assert any("单位是元" in n for n in yuan)
    c = cells("08-total-shifted")[0]
    assert any(n.startswith(f"{c['total_weight']}、{c['total_score']}：总分行的数不在") for n in notes("08-total-shifted"))
    assert any("一级指标空白" in n for n in notes("10-macro-book"))
    assert any("偏差原因跨行合并" in n for n in notes("09-wps"))
    assert notes("01-merged-levels") == []  # merged cells are read, not guessed


def test_a_target_form_is_recognised_and_refused_as_such():
    """A 绩效目标申报表 where a 自评表 is expected: told what it is, not a list of missing labels."""
    for fmt in (".xlsx", ".xls"):
        res = read_workbook(CORPUS / f"{LOOKALIKE}{fmt}")
        assert res.forms == []
        (p,) = res.problems  # the 说明 sheet is passed over silently
        assert isinstance(p, NotAFormError) and p.sheet == "绩效目标申报表"
        msg = str(p)
        assert "这是绩效目标申报表，不是自评表" in msg and LOOKALIKE in msg
        assert "缺少标签" not in msg and "import --targets" in for_command(msg)   # the command line's words


def test_a_sheet_missing_self_evaluation_labels_still_lists_them():
    """A sheet titled 自评表 that lacks 实际完成值/得分/总分 is not a target form: its missing labels are named."""
    grid = SheetGrid([["项目支出绩效自评表"], ["（2022年度）"], ["项目名称", "甲"],
                      ["三级指标", "年度指标值", "分值"], ["培训人数", "100人", 10]], None, "x.xlsx", "表1")
    forms, (p,) = read_grid(grid)
    assert forms == [] and "缺少标签" in str(p)
    for label in ("实际完成值", "得分", "总分"):
        assert f"“{label}”" in str(p).split("；")[0]


def test_a_workbook_without_any_form_says_so(tmp_path):
    wb = openpyxl.Workbook()
    wb.active["A1"] = "项目清单"
    wb.active["A2"] = "项目名称"
    wb.save(tmp_path / "x.xlsx")
    with pytest.raises(NotAFormError, match="没有找到项目支出绩效自评表"):
        read_workbook(tmp_path / "x.xlsx")


# ------------------------------------------------------------------ our own template


def test_label_reader_reads_our_own_template_the_same(sample_forms, sample_json, tmp_path):
    """The anchored reader, forced onto our template, gives every sample back and names
    the cells the layout names: two independent readers agree."""
    book = write_forms(sample_forms, tmp_path / "book.xlsx")
    wb = open_workbook(book)
    for i, sheet in enumerate(wb.sheet_names):
        ws = wb.get_sheet_by_name(sheet)
        (af,), problems = read_grid(SheetGrid(ws.to_python(skip_empty_area=False), ws.merged_cell_ranges,
                                              str(book), sheet))
        assert problems == [] and af.notes == []
        assert diff_forms(sample_json[i], af.form.to_dict()) == []
        lay = L.FormLayout(max(L.DEFAULT_ROWS, len(af.form.indicators)))
        assert {k: v for k, v in af.cells.items() if k != "grade"} == {k: lay.cell(k) for k in af.cells if k != "grade"}
    assert all(sf.native for sf in read_workbook(book).forms)  # while read_workbook keeps the template reader


# ------------------------------------------------------------------ check, summarize, import


def test_check_names_real_source_cells_of_a_foreign_layout():
    from jixiao.core.findings import unfold

    path = CORPUS / "08-total-shifted.xlsx"
    batch = load_all([path])
    result = check_batch(batch)
    cmap = {sf.source: cm for sf, cm in zip((it.sheet_form for it in batch.forms), cells("08-total-shifted"))}
    # 10.json: 5.7 of 6 万元 (95%) scored 10 instead of 9.5 — on this layout in H6, not the template's H7
    (a4,) = [f for f in result.findings if f.rule == "A4" and f.sheet == "医保基金监管"]
    assert a4.field == "exec_score" and a4.cell == "H6" != L.HEAD_CELLS["exec_score"]
    # 总分 written 100 where the 分值 add up to 110: on the shifted 总分 cell
    (b2,) = [f for f in unfold(result.findings) if f.rule == "B2"]   # within B1, which took it in
    assert b2.cell == cmap[f"{path}#医保基金监管"]["total_weight"] == "F23"
    named = 0
    for f in result.findings:
        cm = cmap[f"{f.file}#{f.sheet}"]
        if f.field in cm:
            assert f.cell == cm[f.field], f
            named += 1
    assert named >= 5


@pytest.mark.parametrize("name", ["02-packed-cells", "05-money-in-yuan", "09-wps", "12-mixed-hard"])
def test_every_finding_on_the_corpus_names_the_writers_cell(name):
    path = CORPUS / f"{name}{next(b['formats'][0] for b in INDEX if b['name'] == name)}"
    batch = load_all([path])
    cmap = {it.source: cm for it, cm in zip(batch.forms, cells(name))}
    findings = [f for f in check_batch(batch).findings if f.field]
    assert findings
    for f in findings:
        source = next(it.source for it in batch.forms if it.sheet == f.sheet and it.form.project == f.project)
        if f.field in cmap[source]:
            assert f.cell == cmap[source][f.field], f


def _summary(capsys, *paths):
    code = main(["summarize", *map(str, paths), "--json"])
    return code, json.loads(capsys.readouterr().out)


def test_summarize_over_mixed_layouts_equals_the_json(tmp_path, sample_forms, capsys):
    folder = tmp_path / "报回"
    folder.mkdir()
    write_forms(sample_forms[:4], folder / "本模板-01至04.xlsx")          # 01–04 in our template
    for i, name in enumerate(BOOKS[2:]):                                  # 05–23 in the other layouts
        fmt = next(b["formats"] for b in INDEX if b["name"] == name)[i % 2]
        shutil.copy(CORPUS / f"{name}{fmt}", folder / f"{name}{fmt}")
    as_json = tmp_path / "json"
    as_json.mkdir()
    forms = [json.loads(p.read_text(encoding="utf-8")) for p in SAMPLES[:4]]
    forms += [f for name in BOOKS[2:] for f in expected(name)]
    for i, f in enumerate(forms):
        (as_json / f"{i:02d}.json").write_text(json.dumps(f, ensure_ascii=False), encoding="utf-8")

    code_a, a = _summary(capsys, folder)
    code_b, b = _summary(capsys, as_json)
    assert code_a == code_b == 0 and a["incomplete"] is False
    for key in ("projects_due", "projects_done", "grades"):
        assert a[key] == b[key]
    for key in ("funds_due", "funds_done"):
        assert a[key] == pytest.approx(b[key])
    # all 23 samples, once each: the published totals (with the corrected 已评价数)
    assert a["projects_due"] == 23 and a["funds_due"] == pytest.approx(568.64)
    assert a["funds_done"] == pytest.approx(425.395) and a["grades"] == {"优": 20, "良": 0, "中": 0, "差": 3}

    def rows(s):
        return sorted((r["project"], r["annual"], r["executed"], r["total"], r["grade"], r["reviewed_total"])
                      for r in s["rows"])

    assert [r[:5] for r in rows(a)] == [r[:5] for r in rows(b)]
    assert [r[5] for r in rows(a)] == pytest.approx([r[5] for r in rows(b)])


def test_import_writes_our_template_and_reports_the_guesses(tmp_path, capsys):
    books = [CORPUS / f"{name}{next(b['formats'] for b in INDEX if b['name'] == name)[0]}" for name in BOOKS]
    out = tmp_path / "导入.xlsx"
    code = main(["import", *map(str, books), str(CORPUS / f"{LOOKALIKE}.xls"), "-o", str(out), "--json"])
    report = json.loads(capsys.readouterr().out)
    # one file holds no form (a 申报表): listed, “不是自评表”; no form left out, so exit 0 (s66: it was 1)
    (problem,) = report["problems"]
    assert problem["sheet"] == "绩效目标申报表" and "不是自评表" in problem["reason"] and problem["not_form"] is True
    assert code == 0

    want = [f for name in BOOKS for f in expected(name)]
    back = read_workbook(out)
    assert back.problems == [] and len(back.forms) == len(want) == len(report["forms"])
    for sf, e, r in zip(back.forms, want, report["forms"]):
        assert sf.native and sf.sheet == r["target_sheet"] and r["layout"] == "other"
        assert diff_forms(e, sf.form.to_dict()) == []

    by_source = {r["source"]: r for r in report["forms"]}
    packed = by_source[f"{books[1]}#网络设备"]
    assert {n["cell"] for n in packed["notes"]} == {"D13", "D16"}
    yuan = by_source[f"{books[4]}#城乡医疗救助资金"]
    c = cells("05-money-in-yuan")[0]
    assert {c["funds.total.annual"], c["funds.total.executed"]} <= {n["cell"] for n in yuan["notes"]}
    assert report["notes"] == sum(len(r["notes"]) for r in report["forms"]) > 10


def test_import_text_report_and_nothing_readable(tmp_path, capsys):
    out = tmp_path / "a.xlsx"
    assert main(["import", str(CORPUS / "02-packed-cells.xls"), "-o", str(out)]) == 0
    text = capsys.readouterr().out
    assert "已写入" in text and "待核对 D13：一格中有 4 个指标" in text and out.exists()
    out2 = tmp_path / "b.xlsx"
    assert main(["import", str(CORPUS / f"{LOOKALIKE}.xlsx"), "-o", str(out2)]) == 2
    assert not out2.exists() and "没有可导入的自评表" in capsys.readouterr().out


def test_import_never_overwrites_an_input(tmp_path, capsys):
    src = tmp_path / "a.xlsx"
    shutil.copy(CORPUS / "04-no-leader-rows.xlsx", src)
    before = src.read_bytes()
    assert main(["import", str(src), "-o", str(src)]) == 2
    assert src.read_bytes() == before and "不能是要导入的文件" in capsys.readouterr().err


# --------------------------------------------------------------------------- bad cells


def _edited(tmp_path, name, sheet, edits, suffix=".xlsx"):
    wb = openpyxl.load_workbook(CORPUS / f"{name}{suffix}")
    for ref, value in edits.items():
        wb[sheet][ref] = value
    out = tmp_path / f"{name}-edited.xlsx"
    wb.save(out)
    return out


def test_packed_cell_whose_lines_do_not_match_names_the_cell(tmp_path):
    target = cells("02-packed-cells")[0]["indicators[0].target"]
    path = _edited(tmp_path, "02-packed-cells", "网络设备", {target: "≥1 套\n≥1 套\n100%"})
    res = read_workbook(path)
    assert len(res.forms) == 1  # the other sheet still reads
    (p,) = res.problems
    assert isinstance(p, CellError) and p.sheet == "网络设备" and p.cell == target
    assert "3 行" in str(p) and "4 行" in str(p)


def test_text_in_a_number_cell_names_the_real_cell(tmp_path):
    ref = cells("07-offset-blank-col")[0]["indicators[2].weight"]
    path = _edited(tmp_path, "07-offset-blank-col", "自评", {ref: "十分"})
    (p,) = read_workbook(path).problems
    assert isinstance(p, CellError) and p.cell == ref and "十分" in str(p)


def test_dashes_blank_and_missing_year_are_noted(tmp_path):
    c = cells("11-year-in-title")[1]
    path = _edited(tmp_path, "11-year-in-title", "新冠疫苗补助",
                   {c["year"]: "项目支出绩效自评表", c["funds.fiscal.initial"]: "—"})
    path = path.rename(path.with_name("新冠-2022年.xlsx"))
    sf = read_workbook(path).forms[1]
    assert sf.form.year == 2022 and sf.form.funds.fiscal.initial is None
    notes = [str(n) for n in sf.notes]
    assert any("按文件名" in n for n in notes)
    assert any(n.startswith(f"{c['funds.fiscal.initial']}：") and "“—”" in n for n in notes)


# --------------------------------------------------------------------------- reproducible


def test_generator_reproduces_the_committed_corpus(tmp_path):
    """Content, not zip timestamps: every package part and every JSON file (the .xls side
    needs LibreOffice: see the test below)."""
    _generator().build(tmp_path, xls=False)
    for b in INDEX:
        for fmt in b["formats"]:
            if fmt not in (".xls", ".et"):
                assert package_digest(tmp_path / f"{b['name']}{fmt}") == package_digest(CORPUS / f"{b['name']}{fmt}"), \
                    f"{b['name']}{fmt} differs from build_corpus.py: run it to regenerate the corpus"
        for suffix in (".json", ".cells.json"):
            assert (tmp_path / f"{b['name']}{suffix}").read_bytes() == (CORPUS / f"{b['name']}{suffix}").read_bytes()
    assert (tmp_path / "index.json").read_bytes() == (CORPUS / "index.json").read_bytes()


def _content(path: Path) -> dict:
    wb = pc.CalamineWorkbook.from_path(str(path))
    out = {}
    for name in wb.sheet_names:
        ws = wb.get_sheet_by_name(name)
        out[name] = (ws.to_python(skip_empty_area=False), sorted(ws.merged_cell_ranges or []))
    return out


@pytest.mark.libreoffice
def test_generator_reproduces_the_committed_xls(tmp_path):
    need_libreoffice()
    _generator().build(tmp_path, xls=True)
    for b in INDEX:
        for fmt in {".xls", ".et"} & set(b["formats"]):
            assert _content(tmp_path / f"{b['name']}{fmt}") == _content(CORPUS / f"{b['name']}{fmt}"), b["name"]


@pytest.mark.libreoffice
def test_ods_without_merge_information_reads_the_same(tmp_path):
    """calamine keeps no merged ranges for .ods: 一级/二级 are carried down (and noted)."""
    need_libreoffice()
    from jixiao.excel.office import convert

    ods = convert(CORPUS / "01-merged-levels.xlsx", "ods", tmp_path)
    res = read_workbook(ods)
    assert res.problems == []
    for sf, e in zip(res.forms, expected("01-merged-levels")):
        assert diff_forms(e, sf.form.to_dict()) == []
        assert any("一级指标空白" in str(n) for n in sf.notes)
