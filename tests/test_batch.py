"""The batch pipeline (issue #18): packed results between processes equal the plain ones,
the collector comes back, a parallel check equals a serial one, lean JSON has the same
content, the new 汇总表 written by XlsxWriter keeps what the openpyxl one had, and a check
loads no openpyxl."""

from __future__ import annotations

import gc
import json
import pickle
import subprocess
import sys

import openpyxl
import pytest

from jixiao.batch import map_checked, pack, quiet_gc, unpack
from jixiao.checking.run import _load_and_check, check_batch, check_paths
from jixiao.cli import main
from jixiao.marker import own_output
from jixiao.sources import PARALLEL_FROM, load_all
from jixiao.excel.workbook import write_forms


@pytest.fixture(scope="module")
def folder(tmp_path_factory, sample_forms):
    """PARALLEL_FROM workbooks (so the pool is used) of three sample forms each."""
    root = tmp_path_factory.mktemp("报回")
    for i in range(PARALLEL_FROM):
        forms = [sample_forms[(3 * i + k) % len(sample_forms)] for k in range(3)]
        forms = [f.model_copy(update={"unit": f"第{i}局", "project": f"{f.project}（{i}）"}) for f in forms]
        write_forms(forms, root / f"{i:02d}-第{i}局.xlsx")
    return root


def test_packed_results_equal_the_plain_ones_and_are_smaller(folder):
    book = sorted(folder.glob("*.xlsx"))[0]
    plain = _load_and_check((book, None))
    packed = pack(plain)
    forms, problems, checked = unpack(packed)
    assert [f.source for f in forms] == [f.source for f in plain[0]]
    assert [f.form for f in forms] == [f.form for f in plain[0]]
    want = [x for _s, fs in plain[2]["project"] for x in fs]
    got = [x for _s, fs in checked["project"] for x in fs]
    assert want and got == want
    assert [x.source for x in got] == [x.source for x in want]  # source is not compared by ==
    assert [s.total for s, _ in checked["project"]] == [s.total for s, _ in plain[2]["project"]]
    assert len(packed) < len(pickle.dumps(plain, pickle.HIGHEST_PROTOCOL))


def test_quiet_gc_restores_the_collector():
    assert gc.isenabled()
    with quiet_gc():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with quiet_gc():
            pass
        assert not gc.isenabled()  # off before, off after
    finally:
        gc.enable()


def test_parallel_check_equals_serial(folder):
    batch, result = check_paths([folder], workers=2)
    serial = check_batch(load_all([folder], workers=1))
    assert result.forms == serial.forms == 3 * PARALLEL_FROM
    assert [f.to_dict() for f in result.findings] == [f.to_dict() for f in serial.findings]
    assert [f.source for f in result.findings] == [f.source for f in serial.findings]
    assert gc.isenabled()
    parts = list(map_checked(sorted(folder.glob("*.xlsx")), "default", workers=2))
    assert len(parts) == PARALLEL_FROM and gc.isenabled()  # restored once the batch is merged


def test_json_is_compact_off_a_terminal_with_the_same_content(folder, capsys):
    main(["check", str(folder), "--json"])
    lean = capsys.readouterr().out
    main(["check", str(folder), "--json", "--pretty"])
    pretty = capsys.readouterr().out
    assert "\n  " in pretty and lean.count("\n") == 1
    assert json.loads(lean) == json.loads(pretty) and json.loads(lean)


def test_new_summary_workbook_keeps_sheets_styles_links_and_mark(folder, tmp_path, capsys, sample_json):
    odd = dict(sample_json[0], project="=1+1 项目", unit="第9局")  # text that looks like a formula
    extra = tmp_path / "odd.json"
    extra.write_text(json.dumps(odd, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "汇总.xlsx"
    main(["summarize", str(folder), str(extra), "-o", str(out), "--by", "实施单位"])
    capsys.readouterr()
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[:2] == ["汇总表", "分单位汇总"] and wb.sheetnames[2].startswith("汇总表-")
    assert wb.sheetnames[-2:] == ["项目明细", "图表"] and wb.active.title == "汇总表"
    s, d = wb["汇总表"], wb["项目明细"]
    assert "A1:D1" in {str(m) for m in s.merged_cells.ranges}
    assert s["C4"].value.startswith("=COUNTIF(") and s["A1"].font.name == "黑体" and s["A1"].font.b
    assert d["G3"].value.startswith("=IF(") and d["G3"].number_format == "0.00%"
    assert d["B3"].border.left.style == "thin" and d["E3"].alignment.horizontal == "right"
    assert d.freeze_panes == "C3" and d.page_setup.orientation == "landscape"
    # rows in the groups' order (the 台账's: errors first), each linking to its file
    links = {c.hyperlink.target for c in d["M"] if c.hyperlink}
    assert sorted(folder.glob("*.xlsx"))[0].resolve().as_uri() in links
    (odd_row,) = [c.row for c in d["D"] if c.value == "第9局"]
    assert d[f"B{odd_row}"].value == "=1+1 项目" and d[f"B{odd_row}"].data_type == "s"
    assert wb["图表"]._charts
    values = openpyxl.load_workbook(out, data_only=True)
    assert values["汇总表"]["C4"].value == 3 * PARALLEL_FROM + 1  # cached results stored
    assert values["项目明细"]["J3"].value in ("优", "良", "中", "差")
    assert own_output(out) == "summary"  # read back as input, the batch skips it


def test_checking_a_workbook_loads_no_openpyxl(folder):
    book = sorted(folder.glob("*.xlsx"))[0]
    code = ("import sys; from jixiao.checking.run import check_paths; b, r = check_paths([sys.argv[1]]); "
            "print(r.forms, 'openpyxl' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, str(book)], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["3", "False"]


def test_xlsxwriter_outputs_are_recognised_as_our_own(tmp_path):
    """The 复核台账 and the new 汇总表 are written by XlsxWriter: their mark must hold."""
    import xlsxwriter

    from jixiao.marker import mark_xlsxwriter

    p = tmp_path / "台账.xlsx"
    wb = xlsxwriter.Workbook(str(p))
    mark_xlsxwriter(wb, "ledger", "复核台账")
    wb.add_worksheet("复核台账")
    wb.close()
    assert own_output(p) == "ledger"
