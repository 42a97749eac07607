"""A set of outputs moved into place is all new or all as it was (stop 60).

``review`` writes its round in a hidden folder and moves it into place at the end; the reports
(``report``, 生成报告) do the same with their documents. On Windows a file open in Excel or Word
cannot be moved or replaced: the move stopped at that file, leaving last round's files half moved to
历次复核, half the new round in place, no manifest, and “无法写入（没有写入权限）” — the reviewer could
not tell which files were of which round. Now the moves already done are undone, the message names
the file to close (“请关闭……后重试”), and the exit status is not 0 (``fileio.Moves``)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from jixiao.review.rounds import ARCHIVE_DIR, MANIFEST
from review_fixture import run_cli, tree_hashes, two_unit_inbox


def held_open(monkeypatch, held: Path) -> None:
    """Every rename from or onto ``held`` refused, as Windows refuses it for a file Excel or Word has open."""
    real = os.replace

    def replace(src, dst, *a, **k):
        if held in (Path(src), Path(dst)):
            raise PermissionError(13, "Permission denied", str(held))
        return real(src, dst, *a, **k)

    monkeypatch.setattr(os, "replace", replace)
    real_rename = os.rename

    def rename(src, dst, *a, **k):
        if held in (Path(src), Path(dst)):
            raise PermissionError(13, "Permission denied", str(held))
        return real_rename(src, dst, *a, **k)

    monkeypatch.setattr(os, "rename", rename)


@pytest.mark.parametrize("name", ["复核台账.xlsx", "县水务局/退回修改通知.docx", "2022年度绩效自评情况汇总表.xlsx"])
def test_a_review_round_that_cannot_replace_an_open_file_leaves_the_last_one(tmp_path, capsys, monkeypatch, name):
    inbox = two_unit_inbox(tmp_path)
    out = tmp_path / "复核结果"
    code, text = run_cli("review", str(inbox), "-o", str(out), "--json")
    assert json.loads(text)["round"] == 1
    (inbox / "县民政局" / "民政局.xlsx").unlink()   # round 2 differs: 县民政局 sent nothing now
    before = tree_hashes(out)
    held_open(monkeypatch, out / name)
    capsys.readouterr()
    code, _text = run_cli("review", str(inbox), "-o", str(out))
    err = capsys.readouterr().err
    assert code == 2, err
    assert f"{out / name}：" in err and f"请关闭“{Path(name).name}”后重试" in err and "Traceback" not in err, err
    assert tree_hashes(out) == before   # last round as it was: none moved to 历次复核, none new
    assert not (out / ARCHIVE_DIR).exists()
    assert not list(out.rglob(".~*"))
    monkeypatch.undo()   # closed: the rerun is round 2
    code, text = run_cli("review", str(inbox), "-o", str(out), "--json")
    assert json.loads(text)["round"] == 2
    assert json.loads((out / MANIFEST).read_text(encoding="utf-8"))["round"] == 2


def test_reports_that_cannot_replace_an_open_document_are_all_as_they_were(tmp_path, capsys, monkeypatch):
    """生成报告 with the 自评报告 open in Word: the 报送函 was replaced by the new one, the reports after it
    were the old ones, a set from two runs that read as one."""
    from test_cli_mistakes_s59 import fill_book, run

    book = fill_book(tmp_path, capsys)
    out = tmp_path / "报告"
    code, _o, err = run(capsys, "report", str(book), "-o", str(out), "--force")
    assert code == 0, err
    docs = sorted(out.glob("*.docx"))
    assert len(docs) >= 2
    for p in docs:   # as a person keeps them: each told apart from a new one
        p.write_bytes(p.read_bytes() + b"old")
    before = tree_hashes(out)
    from jixiao.reports import DOCUMENTS

    held = [out / f"{n}.docx" for n in DOCUMENTS if (out / f"{n}.docx").exists()][-1]   # the last one moved
    held_open(monkeypatch, held)
    code, _o, err = run(capsys, "report", str(book), "-o", str(out), "--force", "--overwrite")
    assert code == 2, err
    assert f"{held}：" in err and f"请关闭“{held.name}”后重试" in err and "Traceback" not in err, err
    assert tree_hashes(out) == before
    assert not list(out.glob(".~*"))
    monkeypatch.undo()
    assert run(capsys, "report", str(book), "-o", str(out), "--force", "--overwrite")[0] == 0
    assert all(tree_hashes(out)[k] != v for k, v in before.items())


def test_a_file_that_cannot_be_put_back_is_named_where_it_is(tmp_path, monkeypatch):
    """The undoing refused too (the old 台账 moved aside, then the folder locked): the message says where
    the file now is, and it is kept there, not removed with the folder it was moved aside into."""
    from jixiao.errors import OutputPathError
    from jixiao.fileio import Moves

    out = tmp_path / "out"
    stage = out / ".~jixiao-abcd1234" / "files"   # as ``staged_set`` names it
    stage.mkdir(parents=True)
    for name in ("台账.xlsx", "通知.docx"):
        (out / name).write_text("旧", encoding="utf-8")
        (stage / name).write_text("新", encoding="utf-8")
    real = os.replace

    def replace(src, dst):
        if Path(src) == out / "通知.docx":
            raise PermissionError(13, "denied")   # the 通知 is open: it cannot be moved aside
        if Path(dst) == out / "台账.xlsx" and Path(src).parent != stage:
            raise PermissionError(13, "denied")   # and the old 台账 cannot be put back
        return real(src, dst)

    moves = Moves(out)
    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(OutputPathError) as exc:
        moves.move(stage / "台账.xlsx", out / "台账.xlsx")
        moves.move(stage / "通知.docx", out / "通知.docx")
    moves.close()
    monkeypatch.undo()
    said = str(exc.value)
    assert said.startswith(f"{out / '通知.docx'}：") and "请关闭“通知.docx”后重试" in said, said
    [kept] = out.glob(".~jixiao-aside-*/*/台账.xlsx")
    assert kept.read_text(encoding="utf-8") == "旧" and f"“{out / '台账.xlsx'}”现在是“{kept}”" in said, said
    assert (out / "通知.docx").read_text(encoding="utf-8") == "旧"
