"""``review`` with the .rar and .7z files departments send (WinRAR is on most office PCs).

Before: every .rar and .7z was 无法读取 (“是 RAR 压缩包，无法读取：请直接报送其中的工作簿，或改用
.zip 压缩包重新报送”): the department was sent back for the way it packed its forms, and its
forms were not checked or counted. Now both are opened like a .zip: real compressed RAR 5 and
RAR 3 (solid, from rarfile's test suite: ``tests/data/rar``), a RAR of a workbook as WinRAR
stores it, 7-Zip's default LZMA2; passwords, bombs, damage and a machine without a RAR tool
each said, never a silence and never a traceback.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

import jixiao.review.archive_formats as formats
from archive_builders import rar4_stored, seven_zip
from jixiao.excel.workbook import write_forms
from jixiao.review.archive import unpack
from review_fixture import form, run_cli, tree_hashes
from test_review_archives import ZR, ZR_REPORT, dept, plain_zip

DATA = Path(__file__).parent / "data" / "rar"
LINES = "".join(f"{k:03d}\n" for k in range(512)).encode()  # the 2,048 bytes of each file in rarfile's samples


def review(inbox: Path, out: Path, *extra: str) -> dict:
    code, text = run_cli("review", str(inbox), "-o", str(out), "--json", *extra)
    assert code in (0, 1), text
    return json.loads(text)


def test_a_rar_and_a_7z_in_the_inbox_are_read_like_folders(tmp_path):
    made, inbox = tmp_path / "made", tmp_path / "inbox"
    made.mkdir()
    (inbox / "县水利局").mkdir(parents=True)
    zr = write_forms([form(12, ZR)], made / "zr.xlsx").read_bytes()
    sl = write_forms([form(3, "县水利局")], made / "sl.xlsx").read_bytes()
    (inbox / "县自然资源局2022年度绩效自评材料.rar").write_bytes(rar4_stored([
        ("自评材料/自然资源局自评表.xlsx", zr), ("自评材料/自评报告.md", ZR_REPORT.encode("utf-8"))]))
    (inbox / "县水利局" / "自评材料.7z").write_bytes(seven_zip([("水利局自评表.xlsx", sl)]))
    before = tree_hashes(inbox)
    data = review(inbox, tmp_path / "out")
    assert tree_hashes(inbox) == before
    assert dept(data, ZR)["file_names"] == ["县自然资源局2022年度绩效自评材料.rar › 自评材料/自然资源局自评表.xlsx"]
    assert dept(data, "县水利局")["file_names"] == ["县水利局/自评材料.7z › 水利局自评表.xlsx"]
    assert data["totals"]["forms"] == 2 and data["unreadable"] == []
    rep = data["reports"]
    assert [(r["file"], r["department"]) for r in rep] == [
        ("县自然资源局2022年度绩效自评材料.rar › 自评材料/自评报告.md", ZR)]
    assert rep[0]["errors"] >= 1  # the report's 18.79 against the form's 19.79: it was read


@pytest.mark.parametrize("name", ["rar5-solid-qo.rar", "rar3-solid.rar"])
def test_compressed_rar_as_winrar_writes_it(tmp_path, name):
    """Real WinRAR output, compressed and solid: the data comes from the machine's RAR tool."""
    assert formats.rar_tool(), "no RAR tool: ./dev.sh installs unar"
    members, refused = unpack(DATA / name, tmp_path / "w", name, 0.0)
    assert refused == []
    assert len(members) == {"rar5-solid-qo.rar": 4, "rar3-solid.rar": 2}[name]
    for m in members:
        assert m.path.read_bytes() == LINES, m.shown
        assert m.path.resolve().is_relative_to((tmp_path / "w").resolve())
    assert members[0].mtime > 1.2e9  # the member's own time, from the archive


def test_a_rar_with_a_password_is_said_to_have_one(tmp_path):
    members, refused = unpack(DATA / "rar5-psw.rar", tmp_path / "w", "材料.rar", 0.0)
    assert members == [] and refused and all(r.reason == formats.PASSWORD for r in refused)
    assert refused[0].shown.startswith("材料.rar › ")   # the names are readable: each member is named
    members, refused = unpack(DATA / "rar5-hpsw.rar", tmp_path / "w2", "材料.rar", 0.0)
    assert (members, [(r.shown, r.reason) for r in refused]) == ([], [("材料.rar", formats.PASSWORD)])


def test_without_a_rar_tool_a_compressed_rar_is_refused_and_a_stored_one_still_read(tmp_path, monkeypatch):
    monkeypatch.setattr(formats, "_RAR_READY", [False])
    members, refused = unpack(DATA / "rar5-solid-qo.rar", tmp_path / "w", "材料.rar", 0.0)
    assert members == [] and len(refused) == 4
    assert refused[0].reason == "是 RAR 压缩包，无法读取：请直接报送其中的工作簿，或改用 .zip 压缩包重新报送"
    stored = tmp_path / "存储.rar"
    stored.write_bytes(rar4_stored([("表.xlsx", b"PK-data")]))
    members, refused = unpack(stored, tmp_path / "w2", "存储.rar", 0.0)
    assert refused == [] and [m.path.read_bytes() for m in members] == [b"PK-data"]


def test_a_7z_with_a_password_a_bomb_and_a_damaged_one(tmp_path):
    locked = tmp_path / "密.7z"
    locked.write_bytes(seven_zip([("表.xlsx", b"x" * 100)], password="123456"))
    members, refused = unpack(locked, tmp_path / "w1", "密.7z", 0.0)
    assert members == [] and [r.reason for r in refused] == [formats.PASSWORD]

    bomb = tmp_path / "炸弹.7z"
    bomb.write_bytes(seven_zip([("表.xlsx", b"\x00" * (65 * 2**20))]))
    assert bomb.stat().st_size < 2**20
    members, refused = unpack(bomb, tmp_path / "w2", "炸弹.7z", 0.0)
    assert members == [] and len(refused) == 1 and "压缩炸弹" in refused[0].reason
    assert not any((tmp_path / "w2").rglob("*.xlsx"))   # refused before anything was inflated

    whole = seven_zip([("表.xlsx", bytes(range(256)) * 400)])
    cut = tmp_path / "坏.7z"
    cut.write_bytes(whole[: len(whole) // 2])
    members, refused = unpack(cut, tmp_path / "w3", "坏.7z", 0.0)
    assert members == [] and len(refused) == 1 and refused[0].shown.startswith("坏.7z")
    assert "损坏" in refused[0].reason or "截断" in refused[0].reason or "无法从压缩包中取出" in refused[0].reason


def test_a_member_larger_than_the_rar_says_is_stopped_at_the_declared_size(tmp_path):
    """A crafted RAR declaring 10 bytes for 5,000: the limits were checked against the 10."""
    data = rar4_stored([("表.xlsx", b"y" * 5000)], unpacked={"表.xlsx": 10})
    import rarfile

    liar = tmp_path / "假.rar"
    liar.write_bytes(data)
    assert [i.file_size for i in rarfile.RarFile(str(liar)).infolist()] == [10]   # the header is valid
    members, refused = unpack(liar, tmp_path / "w", "假.rar", 0.0)
    assert members == [] and [r.shown for r in refused] == ["假.rar › 表.xlsx"]
    assert not any(p.stat().st_size > 10 for p in (tmp_path / "w").rglob("*") if p.is_file())


def test_a_rar_named_zip_and_a_7z_inside_a_zip(tmp_path):
    """What the file is decides how it is read, not its name; archives inside archives as for .zip."""
    renamed = tmp_path / "材料.zip"
    renamed.write_bytes(rar4_stored([("表.xlsx", b"PK-one")]))
    members, refused = unpack(renamed, tmp_path / "w1", "材料.zip", 0.0)
    assert refused == [] and [m.shown for m in members] == ["材料.zip › 表.xlsx"]
    outer = tmp_path / "外.zip"
    outer.write_bytes(plain_zip([("里.7z", seven_zip([("表.xlsx", b"PK-two")]))]))
    members, refused = unpack(outer, tmp_path / "w2", "外.zip", 0.0)
    assert refused == [] and [(m.shown, m.path.read_bytes()) for m in members] == [("外.zip › 里.7z › 表.xlsx", b"PK-two")]
    assert zipfile.is_zipfile(outer)


def test_check_names_a_rar_in_a_folder_and_says_review_reads_it(tmp_path, capsys):
    folder = tmp_path / "表"
    folder.mkdir()
    (folder / "材料.rar").write_bytes(rar4_stored([("表.xlsx", b"PK")]))
    code, _ = run_cli("check", str(folder))
    said = capsys.readouterr().err
    assert code == 2 and "1 个压缩包" in said and ".rar" in said


def test_check_given_a_rar_says_it_is_an_archive(tmp_path, capsys):
    rar = tmp_path / "材料.rar"
    rar.write_bytes(rar4_stored([("表.xlsx", b"PK")]))
    code, text = run_cli("check", str(rar))
    assert code == 2 and "是压缩包：请先解压" in text + capsys.readouterr().err


def test_a_split_rar_is_read_once_from_its_first_volume(tmp_path):
    """WinRAR's 分卷: 材料.part1.rar reads all volumes; the later ones were each 无法读取, which made a
    department that sent everything look as if it had sent something broken."""
    import shutil

    inbox = tmp_path / "inbox"
    (inbox / "县民政局").mkdir(parents=True)
    for n in (1, 2, 3):
        shutil.copyfile(DATA / f"rar5-vols.part{n}.rar", inbox / "县民政局" / f"材料.part{n}.rar")
    write_forms([form(1, "县民政局")], inbox / "县民政局" / "民政局.xlsx")
    (inbox / "县教育局").mkdir()
    shutil.copyfile(DATA / "rar5-vols.part2.rar", inbox / "县教育局" / "材料.part2.rar")  # its first volume never came
    data = review(inbox, tmp_path / "out")
    skipped = {s["file"]: (s["kind"], s["reason"]) for s in data["skipped"]}
    assert skipped["县民政局/材料.part2.rar"] == ("not_workbook", "是分卷压缩包的后续分卷，已随第一卷“材料.part1.rar”读取")
    assert "县民政局/材料.part1.rar › vols/bigfile.txt" in skipped   # taken out: 205,000 bytes over 3 volumes
    assert dept(data, "县民政局")["status"] != "无法读取" and dept(data, "县民政局")["unreadable"] == []
    said = {u["file"]: u["reason"] for u in data["unreadable"]}
    assert said == {"县教育局/材料.part2.rar": "是分卷压缩包的一部分，无法读取：请直接报送其中的工作簿，或改用 .zip 压缩包重新报送"}
