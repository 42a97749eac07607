"""Bad and hostile inputs: typed, located Chinese findings; exit codes; safe outputs (issue #13)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from jixiao.cli import main
from jixiao.errors import OutputPathError, SheetLimitError, UnsafeFileError, ZipBombError
from jixiao import guard

sys.path.insert(0, str(Path(__file__).resolve().parent / "fuzz"))
from hostile import base_workbook, err_cell, mutate_sheet, num_cell, text_cell  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def _book(tmp_path: Path, name: str = "表.xlsx", fn=None) -> Path:
    data = base_workbook(1, 1)
    p = tmp_path / name
    p.write_bytes(mutate_sheet(data, fn) if fn else data)
    return p


def _cli(args, capsys):
    rc = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return rc, out, err


def test_empty_folder_is_exit_2_with_a_message(tmp_path, capsys):
    (tmp_path / "空").mkdir()
    rc, out, err = _cli(["check", tmp_path / "空"], capsys)
    assert rc == 2
    assert "没有找到表单 JSON 或工作簿" in err and "空" in err


def test_fifo_named_xlsx_is_refused_without_opening(tmp_path, capsys):
    fifo = tmp_path / "x.xlsx"
    os.mkfifo(fifo)
    rc, out, err = _cli(["check", fifo, "--json"], capsys)  # would block for ever if opened
    assert rc == 2
    [f] = json.loads(out)
    assert f["rule"] == "X1" and "命名管道" in f["message"] and str(fifo) in f["message"]
    with pytest.raises(UnsafeFileError):
        guard.check_input(fifo)
    rc, out, err = _cli(["summarize", _book(tmp_path), "--compare", fifo], capsys)  # an option file too
    assert rc == 2 and "命名管道" in err


def test_symlink_out_of_the_folder_is_a_finding(tmp_path, capsys):
    outside = tmp_path / "outside.xlsx"
    outside.write_bytes(base_workbook(1, 1))
    d = tmp_path / "in"
    d.mkdir()
    os.symlink(outside, d / "link.xlsx")
    os.symlink("/dev/zero", d / "zero.xlsx")
    rc, out, err = _cli(["check", d, "--json"], capsys)
    msgs = [f["message"] for f in json.loads(out) if f["rule"] == "X1"]
    assert any("link.xlsx" in m and "之外的链接" in m for m in msgs)
    assert any("zero.xlsx" in m and ("设备文件" in m or "之外的链接" in m) for m in msgs)


def test_far_cell_and_giant_merge_are_refused_with_their_cell(tmp_path):
    far = _book(tmp_path, "far.xlsx", lambda x: x.replace(
        b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'))
    with pytest.raises(SheetLimitError) as e:
        guard.check_workbook(far)
    assert e.value.cell == "XFD1048576" and e.value.sheet and "far.xlsx" in str(e.value)
    import re
    merge = _book(tmp_path, "merge.xlsx", lambda x: re.sub(rb'<mergeCell ref="[^"]*"/>',
                                                           b'<mergeCell ref="A1:XFD1048576"/>', x, count=1))
    with pytest.raises(SheetLimitError) as e:
        guard.check_workbook(merge)
    assert e.value.cell == "A1:XFD1048576"


def test_too_many_rows_or_cells_are_refused_and_far_rows_and_columns_each_found(tmp_path):
    """The scan's shortcuts (counting only a part big enough to overflow, one pass for far rows
    and far columns) refuse what the full scan refused: each limit on its own."""
    rows = _book(tmp_path, "rows.xlsx", lambda x: x.replace(
        b"</sheetData>", b'<row r="3"><c r="A3"><v>1</v></c></row>' * (guard.MAX_ROWS + 1) + b"</sheetData>"))
    with pytest.raises(SheetLimitError) as e:
        guard.check_workbook(rows)
    import re
    assert int(re.search(r"有 (\d+) 行", str(e.value)).group(1)) > guard.MAX_ROWS
    cells = _book(tmp_path, "cells.xlsx", lambda x: x.replace(
        b"</sheetData>", b'<row r="3">' + b"".join(b'<c r="B3" s="%d"/>' % i for i in range(guard.MAX_CELLS + 1))
        + b"</row></sheetData>"))
    with pytest.raises(SheetLimitError) as e:
        guard.check_workbook(cells)
    assert int(re.search(r"行、(\d+) 个单元格", str(e.value)).group(1)) > guard.MAX_CELLS
    for ref in ("IW5", "A20001", "ZZ3"):
        row = ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        far = _book(tmp_path, f"far-{ref}.xlsx", lambda x: x.replace(
            b"</sheetData>", f'<row r="{row}"><c r="{ref}"><v>1</v></c></row></sheetData>'.encode()))
        with pytest.raises(SheetLimitError) as e:
            guard.check_workbook(far)
        assert e.value.cell == ref
    near = _book(tmp_path, "near.xlsx", lambda x: x.replace(
        b"</sheetData>", b'<row r="19999"><c r="IV19999"><v>1</v></c></row></sheetData>'))
    guard.check_workbook(near)  # the last row and column a form may use


def test_zip_bomb_is_refused_before_inflating(tmp_path):
    p = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as z:
        for i, d in [(i, zipfile.ZipFile(_book(tmp_path)).read(i)) for i in zipfile.ZipFile(_book(tmp_path)).namelist()]:
            z.writestr(i, d)
        z.writestr("xl/worksheets/sheet9.xml", b"0" * (80 * 2**20))
    with pytest.raises(ZipBombError) as e:
        guard.check_workbook(p)
    assert "压缩" in str(e.value) and "bomb.xlsx" in str(e.value)


def test_error_cells_nan_and_control_characters_are_located_findings(tmp_path, capsys):
    cases = {"div.xlsx": (lambda x: err_cell(x, "H14", "#DIV/0!"), "H14", "#DIV/0!"),
             "nan.xlsx": (lambda x: num_cell(x, "G15", "NaN"), "G15", "NaN"),
             "huge.xlsx": (lambda x: num_cell(x, "D7", "1e308"), "D7", "1e+308"),
             "ctl.xlsx": (lambda x: text_cell(x, "D16", "指标\x07名称"), "D16", "控制字符"),
             "txterr.xlsx": (lambda x: err_cell(x, "I14", "#REF!"), "I14", "#REF!")}
    for name, (fn, cell, word) in cases.items():
        p = _book(tmp_path, name, fn)
        rc, out, err = _cli(["check", p, "--json"], capsys)
        hits = [f for f in json.loads(out) if f["cell"] == cell and word in f["message"]]
        assert hits and all(f["file"] == str(p) and f["sheet"] for f in hits), (name, out)
        if name in ("ctl.xlsx", "txterr.xlsx"):  # a text cell: the form is kept, the cell is a warning
            assert hits[0]["rule"] == "X2" and hits[0]["severity"] == "warning"
            assert any(f["rule"].startswith(("A", "B", "C", "D")) for f in json.loads(out))
        # the annotated copy and the import result can be written (no IllegalCharacterError)
        rc, out, err = _cli(["check", p, "--annotate", tmp_path / f"标注{name}"], capsys)
        assert "Traceback" not in err and rc in (0, 1, 2)
        rc, out, err = _cli(["import", p, "-o", tmp_path / f"导入{name}"], capsys)
        assert "Traceback" not in err and rc in (0, 1, 2)
    assert (tmp_path / "标注ctl.xlsx").is_file() and (tmp_path / "导入ctl.xlsx").is_file()


def test_blocked_output_path_is_a_chinese_error(tmp_path, capsys):
    p = _book(tmp_path)
    (tmp_path / "file").write_text("x")
    rc, out, err = _cli(["import", p, "-o", tmp_path / "file" / "out.xlsx"], capsys)
    assert rc == 2 and "是文件而不是文件夹" in err and "Traceback" not in err
    (tmp_path / "dir.xlsx").mkdir()
    rc, out, err = _cli(["summarize", p, "-o", tmp_path / "dir.xlsx"], capsys)
    assert rc == 2 and "是一个文件夹" in err
    from jixiao.fileio import atomic_write_text
    with pytest.raises(OutputPathError):
        atomic_write_text(tmp_path / "file" / "x.txt", "x")


def test_internal_error_is_exit_3_without_traceback(monkeypatch, capsys):
    import jixiao.cli as cli

    def boom(args):
        raise ZeroDivisionError("boom")
    monkeypatch.setattr(cli, "cmd_rules", boom)
    rc, out, err = _cli(["rules"], capsys)
    assert rc == 3 and "内部错误" in err and "Traceback" not in err
    rc, out, err = _cli(["rules", "--debug"], capsys)
    assert rc == 3 and "Traceback" in err


def test_a_batch_goes_on_past_a_panicking_file(tmp_path, capsys):
    d = tmp_path / "批"
    d.mkdir()
    (d / "good.xlsx").write_bytes(base_workbook(1, 2))
    (d / "bad.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(3000))
    (d / "cut.xlsx").write_bytes(base_workbook(1, 3)[:2000])
    rc, out, err = _cli(["summarize", d, "--json"], capsys)
    data = json.loads(out)
    assert rc == 1 and data["projects_due"] == 1
    assert "bad.xls" in err and "cut.xlsx" in err


def test_file_name_that_is_not_utf8_prints(tmp_path):
    name = os.fsdecode(b"\xb1\xed.xlsx")
    p = tmp_path / name
    p.write_bytes(b"not a workbook")
    r = subprocess.run([sys.executable, "-m", "jixiao.cli", "check", str(p), "--json"], cwd=ROOT,
                       capture_output=True, env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert r.returncode == 2 and b"Traceback" not in r.stderr
    assert "\ufffd" in json.loads(r.stdout.decode("utf-8"))[0]["message"]


def test_inputs_are_never_modified_and_sigterm_leaves_no_temp_files(tmp_path):
    src = tmp_path / "in.xlsx"
    src.write_bytes(base_workbook(3, 1))
    before = (src.read_bytes(), os.stat(src).st_mtime_ns)
    out = tmp_path / "out"
    out.mkdir()
    for delay in (0.4, 0.9, 1.6):
        proc = subprocess.Popen([sys.executable, "-m", "jixiao.cli", "import", str(src), "-o", str(out / "导入.xlsx")],
                                cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(delay)
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=60)
        assert b"Traceback" not in err
        assert not [n for n in os.listdir(out) if n.startswith(".~") or n.endswith(".cache")]
    assert (src.read_bytes(), os.stat(src).st_mtime_ns) == before


def test_merges_over_the_indicator_area_do_not_break_the_annotated_copy(tmp_path, capsys):
    for extra in (b'<mergeCell ref="E14:I20"/>', b'<mergeCell ref="E14:I20"/><mergeCell ref="F15:H22"/>'):  # overlapping too
        p = _book(tmp_path, "merged.xlsx", lambda x: x.replace(b"</mergeCells>", extra + b"</mergeCells>"))
        rc, out, err = _cli(["check", p, "--annotate", tmp_path / "标注.xlsx"], capsys)
        assert rc in (0, 1) and "内部错误" not in err and (tmp_path / "标注.xlsx").is_file()
        (tmp_path / "标注.xlsx").unlink()
