"""Mutated and hostile workbooks made from the samples (issue #13).

In the spirit of XlsxWriter's ``dev/fuzzing`` folder: each case starts from a real form
(``jixiao fill`` code on a sample of ``jixiao/samples/dachang-2022``) and breaks it in one
way a returned e-mail attachment can be broken. ``make_case(rng, i, folder)`` writes one
case into ``folder`` and says what it is; everything is reproducible from the seed.

Every piece of text this module plants in a cell carries the marker ``JXINJ`` so that the
runner can prove no planted text ever became a live formula in an output.
"""

from __future__ import annotations

import io
import os
import random
import re
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[2] / "jixiao" / "samples" / "dachang-2022"
MARK = "JXINJ"

NUMBER_CELLS = ["C7", "D7", "E7", "C8", "D8", "E8", "F7", "H7", "G14", "H14", "G15", "H15", "G16", "H16"]
TEXT_CELLS = ["B3", "B4", "F4", "D14", "E14", "F14", "I14", "D15", "E15", "F15", "B12", "F12"]
INJECTIONS = [f'=HYPERLINK("http://{MARK}.example/","点此")', f"+{MARK}|' /C calc'!A0", f"@SUM(1+1)*{MARK}",
              f"-2+3+{MARK}", f"=1+1 {MARK}", f"=cmd|' /C calc'!A0{MARK}", f'=WEBSERVICE("http://{MARK}")']
ODD_NUMBERS = ["１２３", "12 万元", "1,234.5", "95%", "约100", "一百", "1e5", "  42  ", "NaN", "－5", "0x1F"]
ERRORS = ["#DIV/0!", "#REF!", "#NAME?", "#VALUE!", "#N/A", "#NUM!", "#NULL!",
          "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#BUSY!"]   # newer Excel: calamine refused these (s67)
BAD_FLOATS = ["NaN", "INF", "-INF", "1e308", "-1e308", "1.7976931348623157e308", "-5", "-0", "4.9e-324",
              "45292", "1e16"]


@dataclass
class Case:
    kind: str
    path: Path
    note: str = ""
    inputs: list[Path] = field(default_factory=list)   # regular files to check for modification


@lru_cache(maxsize=64)
def base_workbook(n_forms: int = 1, first: int = 1) -> bytes:
    """A workbook of ``n_forms`` sample forms, written by the project's own fill code."""
    from jixiao.forms.project.model import load_form
    from jixiao.excel.workbook import write_forms

    paths = sorted(SAMPLES.glob("[0-9][0-9].json"))
    forms = [load_form(paths[(first - 1 + i) % len(paths)]) for i in range(n_forms)]
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        out = Path(d) / "b.xlsx"
        write_forms(forms, out)
        return out.read_bytes()


def _parts(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return [(i, z.read(i.filename)) for i in z.infolist()]


def _zip(parts: list[tuple[str, bytes]], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        for name, data in parts:
            z.writestr(name, data)
    return buf.getvalue()


def mutate_sheet(data: bytes, fn, part: str = "xl/worksheets/sheet1.xml") -> bytes:
    return _zip([(i.filename, fn(d) if i.filename == part else d) for i, d in _parts(data)])


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def set_cell(xml: bytes, ref: str, inner: str, t: str | None) -> bytes:
    """Replace cell ``ref`` (it exists in our template) with new content."""
    attr = f' t="{t}"' if t else ""
    new = f'<c r="{ref}"{attr}>{inner}</c>'.encode("utf-8")
    pat = re.compile(rb'<c r="' + ref.encode() + rb'"[^>]*?(?:/>|>.*?</c>)', re.S)
    return pat.sub(lambda m: new, xml, count=1)


def text_cell(xml: bytes, ref: str, text: str) -> bytes:
    return set_cell(xml, ref, f"<is><t>{_esc(text)}</t></is>", "inlineStr")


def num_cell(xml: bytes, ref: str, v: str) -> bytes:
    return set_cell(xml, ref, f"<v>{v}</v>", None)


def err_cell(xml: bytes, ref: str, e: str) -> bytes:
    return set_cell(xml, ref, f"<f>1/0</f><v>{_esc(e)}</v>", "e")


# ----------------------------------------------------------------------------- cases

def _case_values(rng: random.Random, base: bytes) -> tuple[str, bytes]:
    kind = rng.choice(["injection", "odd_numbers", "error_cells", "bad_floats", "control_chars", "dates",
                       "long_text", "mixed"])

    def fn(xml: bytes) -> bytes:
        for _ in range(rng.randint(1, 6)):
            k = kind if kind != "mixed" else rng.choice(["injection", "odd_numbers", "error_cells", "bad_floats",
                                                          "control_chars"])
            if k == "injection":
                xml = text_cell(xml, rng.choice(TEXT_CELLS + NUMBER_CELLS), rng.choice(INJECTIONS))
            elif k == "odd_numbers":
                xml = text_cell(xml, rng.choice(NUMBER_CELLS), rng.choice(ODD_NUMBERS))
            elif k == "error_cells":
                xml = err_cell(xml, rng.choice(NUMBER_CELLS + TEXT_CELLS), rng.choice(ERRORS))
            elif k == "bad_floats":
                xml = num_cell(xml, rng.choice(NUMBER_CELLS + TEXT_CELLS), rng.choice(BAD_FLOATS))
            elif k == "control_chars":
                ch = rng.choice(["\x07", "\x00", "\x1b", "\x0b", "\x1f", "\x08"])
                enc = rng.choice(["raw", "escape"])
                text = f"{MARK}项目{ch}名称" if enc == "raw" else f"{MARK}项目_x{ord(ch):04X}_名称"
                xml = text_cell(xml, rng.choice(TEXT_CELLS), text)
            elif k == "dates":
                xml = set_cell(xml, rng.choice(NUMBER_CELLS), "<v>2024-01-31T00:00:00</v>", "d")
            elif k == "long_text":
                xml = text_cell(xml, rng.choice(TEXT_CELLS), MARK + "长" * rng.choice([5000, 33000, 200000]))
        return xml

    return kind, mutate_sheet(base, fn)


def _case_package(rng: random.Random, base: bytes) -> tuple[str, bytes, str]:
    kind = rng.choice(["truncated", "flipped", "xxe", "entities", "zip_bomb", "ratio_bomb", "missing_part",
                       "giant_merge", "far_cell", "far_cell_norow", "many_cells", "no_zip", "stored_zip",
                       "dtd_shared", "merge_block", "merge_block"])
    suffix = ".xlsx"
    if kind == "truncated":
        data = base[: rng.randint(1, len(base) - 1)]
    elif kind == "flipped":
        b = bytearray(base)
        for _ in range(rng.randint(1, 40)):
            b[rng.randrange(len(b))] = rng.randrange(256)
        data = bytes(b)
    elif kind == "xxe":
        data = mutate_sheet(base, lambda x: x.replace(
            b"<worksheet", b'<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><worksheet', 1)
            .replace(b"<is><t>", b"<is><t>&xxe;", 1))
    elif kind == "entities":
        lol = "".join(f'<!ENTITY l{i} "' + f"&l{i - 1};" * 10 + '">' for i in range(1, 10))
        data = mutate_sheet(base, lambda x: x.replace(
            b"<worksheet", f'<!DOCTYPE worksheet [<!ENTITY l0 "{MARK}">{lol}]><worksheet'.encode(), 1)
            .replace(b"<is><t>", b"<is><t>&l9;", 1))
    elif kind == "zip_bomb":  # one part that inflates to 200 MB (declared honestly)
        data = _bomb("xl/worksheets/sheet9.xml", 200)
    elif kind == "ratio_bomb":
        data = _bomb("xl/media/pad.xml", 40)
    elif kind == "missing_part":
        drop = rng.choice(["xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml",
                           "xl/worksheets/sheet1.xml", "xl/styles.xml"])
        data = _zip([(i.filename, d) for i, d in _parts(base) if i.filename != drop])
    elif kind == "giant_merge":
        data = mutate_sheet(base, lambda x: re.sub(rb'<mergeCell ref="[^"]*"/>', b'<mergeCell ref="A1:XFD1048576"/>',
                                                   x, count=1))
    elif kind == "merge_block":  # merges laid over the form's cells (other layouts do this)
        def fn(x: bytes) -> bytes:
            extra = b""
            for _ in range(rng.randint(1, 4)):
                r0, c0 = rng.randint(2, 30), rng.randint(1, 9)
                r1, c1 = r0 + rng.randint(0, 8), min(9, c0 + rng.randint(0, 4))
                extra += f'<mergeCell ref="{chr(64 + c0)}{r0}:{chr(64 + c1)}{r1}"/>'.encode()
            return x.replace(b"</mergeCells>", extra + b"</mergeCells>")
        data = mutate_sheet(base, fn)
    elif kind == "far_cell":
        data = mutate_sheet(base, lambda x: x.replace(
            b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'))
    elif kind == "far_cell_norow":
        data = mutate_sheet(base, lambda x: x.replace(
            b"</sheetData>", b'<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>' + MARK.encode()
            + b'</t></is></c></row></sheetData>'))
    elif kind == "many_cells":
        row = b"".join(b"<c><v>1</v></c>" for _ in range(200))
        data = mutate_sheet(base, lambda x: x.replace(b"</sheetData>", b"<row>" + row + b"</row>" * 1 +
                                                      b"".join(b"<row>" + row + b"</row>" for _ in range(2500))
                                                      + b"</sheetData>"))
    elif kind == "no_zip":
        data = rng.choice([b"", b"PK\x03\x04", b"hello " + MARK.encode(), os.urandom(rng.randint(1, 5000)),
                           b'{"form": "' + MARK.encode() + b'"}', b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600])
    elif kind == "stored_zip":
        data = _zip([(i.filename, d) for i, d in _parts(base)], zipfile.ZIP_STORED)
    else:  # dtd_shared: a DTD in a part other than the sheet
        data = _zip([(i.filename, (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]>' + d)
                      if i.filename == "xl/styles.xml" else d) for i, d in _parts(base)])
    return kind, data, suffix


@lru_cache(maxsize=4)
def _bomb(part: str, mb: int) -> bytes:
    """A real form plus one part of ``mb`` MB of zeros (made once per run: compressing is slow)."""
    parts = [(i.filename, d) for i, d in _parts(base_workbook(1, 1))]
    return _zip(parts + [(part, b"<row>" + b"0" * (mb * 2**20) + b"</row>")])


def _ods(rng: random.Random) -> bytes:
    cells = "".join(
        f'<table:table-row><table:table-cell office:value-type="string"><text:p>{MARK}{i}</text:p>'
        f'</table:table-cell></table:table-row>' for i in range(3))
    far = rng.choice(["", '<table:table-row table:number-rows-repeated="1048000"><table:table-cell '
                          'table:number-columns-repeated="1000" office:value-type="float" office:value="1">'
                          '<text:p>1</text:p></table:table-cell></table:table-row>'])
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
               f'<office:body><office:spreadsheet><table:table table:name="表1">{cells}{far}</table:table>'
               '</office:spreadsheet></office:body></office:document-content>')
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry '
                'manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content)
        z.writestr("META-INF/manifest.xml", manifest)
    return buf.getvalue()


def _encrypted(base: bytes) -> bytes:
    import msoffcrypto
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(base)).encrypt("jixiao", out)
    assert msoffcrypto  # imported for its format registry
    return out.getvalue()


@lru_cache(maxsize=4)
def _many_sheets(n: int) -> bytes:
    """``n`` sheets: the part of one form copied ``n`` times into the package."""
    parts = dict((i.filename, d) for i, d in _parts(base_workbook(1, 2)))
    sheet = parts["xl/worksheets/sheet1.xml"]
    wb = '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' \
         'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>' + \
         "".join(f'<sheet name="表{i}" sheetId="{i}" r:id="rId{i}"/>' for i in range(1, n + 1)) + "</sheets></workbook>"
    rels = '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' + "".join(
        f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        f'worksheet" Target="worksheets/sheet{i}.xml"/>' for i in range(1, n + 1)) + \
        f'<Relationship Id="rId{n + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/' \
        f'styles" Target="styles.xml"/></Relationships>'
    ct = parts["[Content_Types].xml"].decode()
    over = "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
                   f'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' for i in range(2, n + 1))
    ct = ct.replace("</Types>", over + "</Types>")
    out = [(k, v) for k, v in parts.items() if k not in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                                                          "[Content_Types].xml") and not k.startswith("xl/worksheets/")]
    out += [("[Content_Types].xml", ct.encode()), ("xl/workbook.xml", wb.encode()),
            ("xl/_rels/workbook.xml.rels", rels.encode())]
    out += [(f"xl/worksheets/sheet{i}.xml", sheet) for i in range(1, n + 1)]
    return _zip(out)


ODD_NAMES = ["带 空格 的表.xlsx", "-开头是减号.xlsx", "表'引号\".xlsx", "😀表情.xlsx", "很长" * 40 + ".xlsx",
             "$(touch pwned).xlsx", "..点点.xlsx", "制表\t符.xlsx", "UPPER.XLSX", "a;b&c|d.xlsx"]


def make_case(rng: random.Random, i: int, folder: Path) -> Case:
    """Write case number ``i`` into ``folder`` (a fresh folder per case)."""
    folder.mkdir(parents=True, exist_ok=True)
    base = base_workbook(rng.choice([1, 1, 1, 3]), rng.choice([1, 7, 13, 19]))
    group = rng.choices(["values", "package", "type", "fs", "names", "sheets"], [40, 30, 10, 8, 8, 4])[0]
    name = f"case{i:04d}.xlsx"
    if group == "values":
        kind, data = _case_values(rng, base)
    elif group == "package":
        kind, data, _ = _case_package(rng, base)
    elif group == "type":
        kind = rng.choice(["xls_renamed", "ods", "et", "json_renamed", "xlsx_as_xls", "encrypted", "xlsx_as_json",
                           "bad_json", "html_as_xls"])
        data = base
        if kind == "xls_renamed":
            data, name = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(rng.randint(0, 4000)), f"case{i:04d}.xls"
        elif kind == "ods":
            data, name = _ods(rng), f"case{i:04d}.ods"
        elif kind == "et":
            name = f"case{i:04d}.et"
        elif kind == "json_renamed":
            data = (SAMPLES / "01.json").read_bytes()
        elif kind == "xlsx_as_xls":
            name = f"case{i:04d}.xls"
        elif kind == "html_as_xls":  # a system's export: a web page named .xls (read through LibreOffice)
            cells = "".join(f"<tr><td>{t}</td><td>{rng.choice(['=1+1', '100%', '约一百万', '<b>x', ''])}</td></tr>"
                            for t in ("项目名称", "年度资金总额", "全年预算数", "三级指标", "总分"))
            data = rng.choice([f"<html><body><table>{cells}</table></body></html>".encode("gb18030"),
                               b"<html><table>" + b"<tr><td><table>" * rng.randint(50, 3000),
                               b"<table><tr><td>" + os.urandom(rng.randint(0, 3000)),
                               b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">'
                               b'<Worksheet><Table><Row><Cell><Data ss:Type="Number">x</Data></Cell></Row>'])
            name = f"case{i:04d}.xls"
        elif kind == "encrypted":
            data = _encrypted(base)
        elif kind == "xlsx_as_json":
            name = f"case{i:04d}.json"
        else:
            data = rng.choice([b"[" * 100000, b'{"form": "\xff\xfe"}', b'{"year": 1e999, "form": "x"}',
                               (SAMPLES / "01.json").read_bytes()[:300]])
            name = f"case{i:04d}.json"
    elif group == "names":
        kind = "odd_name"
        name = rng.choice(ODD_NAMES)
        if rng.random() < 0.3:  # a name that is not valid UTF-8
            name = os.fsdecode(b"\xb1\xed" + name.encode()[:40] + b".xlsx")
        data = base
    elif group == "sheets":
        kind = rng.choice(["many_sheets", "odd_sheet_names"])
        if kind == "many_sheets":
            data = _many_sheets(rng.choice([40, 300]))
        else:
            title = rng.choice(["表'一'", "历史 (2)", "x" * 31, "😀", "=SUM(1)" + MARK[:3], "[]"[:0] + "汇总表"])
            data = _zip([(i.filename, d.replace(b'name="', ('name="' + _esc(title) + "|").encode(), 1)
                         if i.filename == "xl/workbook.xml" else d) for i, d in _parts(base)])
    else:  # fs
        kind = rng.choice(["readonly", "symlink_out", "symlink_dev", "dangling", "dir_named", "fifo",
                           "symlink_in", "unreadable"])
        if i % 4 == 0:  # a form JSON too: ``fill`` and ``score`` read those (a FIFO hung ``fill`` once)
            name = f"case{i:04d}.json"
        target = folder / name
        if kind in ("readonly", "unreadable", "symlink_in"):
            target.write_bytes(base)
            os.chmod(target, 0o444 if kind != "unreadable" else 0o000)
            if kind == "symlink_in":
                os.chmod(target, 0o644)
                link = folder / f"link{i:04d}.xlsx"
                os.symlink(target.name, link)
                return Case(kind, link, inputs=[target])
            return Case(kind, target, inputs=[target] if kind == "readonly" else [])
        if kind == "symlink_out":
            outside = folder.parent / f"outside{i:04d}.xlsx"
            outside.write_bytes(base)
            os.symlink(outside, target)
            return Case(kind, target, inputs=[outside])
        if kind == "symlink_dev":
            os.symlink(rng.choice(["/dev/zero", "/dev/urandom", "/dev/null"]), target)
        elif kind == "dangling":
            os.symlink(folder / "nowhere.xlsx", target)
        elif kind == "dir_named":
            target.mkdir()
            (target / "inner.txt").write_text("x")
        elif kind == "fifo":
            os.mkfifo(target)
        return Case(kind, target)
    path = folder / name
    path.write_bytes(data)
    return Case(kind, path, inputs=[path])


def archives(rng: random.Random, files: list[Path], folder: Path) -> list[Path]:
    """Archives and saved mails a department's files come in to the bureau's inbox, made of ``files``
    (the batch's hostile workbooks): a .zip of them (GBK names, a traversal name, a nested zip), a
    truncated one, one with the password bit set, a zip of zips beyond the depth limit, a RAR of
    them (whole, truncated, with bytes flipped) and one of random bytes, a .7z of them (whole,
    truncated, flipped), a message as older mail programs write one (raw GBK names, attachments
    with no name, winmail.dat whole, flipped and truncated), an Outlook .msg carrying some of them (and a forwarded message), and that
    .msg truncated."""
    folder.mkdir(parents=True, exist_ok=True)
    members = [(f"材料/{os.fsencode(p.name).decode('utf-8', 'replace')}", p.read_bytes())
               for p in files if p.is_file() and not p.is_symlink()]
    rng.shuffle(members)
    whole = _zip(members + [("../../出去.xlsx", base_workbook(1, 3)), ("__MACOSX/._x.xlsx", b"\x00\x05"),
                            ("里层.zip", _zip(members[:2]))])
    raw = [n.encode("gbk", "replace") for n, _d in members[:3]]  # names as Windows writes them: no UTF-8 flag
    gbk = _zip([(chr(65 + k) * len(r), d) for k, (r, (_n, d)) in enumerate(zip(raw, members))])
    for k, r in enumerate(raw):
        gbk = gbk.replace((chr(65 + k) * len(r)).encode(), r, 2)
    locked = bytearray(_zip(members[:1] or [("x.xlsx", b"PK")]))
    locked[6] |= 1
    locked[locked.rfind(b"PK\x01\x02") + 8] |= 1
    deep = _zip([("a.xlsx", b"PK")])
    for k in range(5):
        deep = _zip([(f"第{k}层.zip", deep)])
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from archive_builders import rar4_stored, seven_zip
    from msg_fixture import outlook_msg, winmail_dat

    def flipped(data: bytes) -> bytes:
        b = bytearray(data)
        for _ in range(8):
            if b:
                b[rng.randrange(len(b))] = rng.randrange(256)
        return bytes(b)

    rar = rar4_stored(members or [("x.xlsx", b"PK")])
    sz = seven_zip(members or [("x.xlsx", b"PK")])

    mail = outlook_msg("报送", "a@example.cn", [(n.rpartition("/")[2], d) for n, d in members[:4]], embedded=1)
    tnef = winmail_dat([(n.rpartition("/")[2], d) for n, d in members[:3]] or [("x.xlsx", b"PK")])

    def eml(parts: list[tuple[bytes, bytes]]) -> bytes:
        """A saved message as older mail programs write one: raw GBK names, or none at all."""
        import base64

        body = b"".join(b"--XX\r\n" + head + b"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                        + base64.encodebytes(data) + b"\r\n" for head, data in parts)
        return (b"From: " + "单位".encode("gbk") + b" <a@example.cn>\r\nMIME-Version: 1.0\r\n"
                b"Content-Type: multipart/mixed; boundary=\"XX\"\r\n\r\n" + body + b"--XX--\r\n")

    raw_names = eml([(b"Content-Type: application/octet-stream; name=\"" + n.rpartition("/")[2].encode("gbk", "replace")
                      + b"\"", d) for n, d in members[:3]]
                    + [(b"Content-Type: application/octet-stream", d) for _n, d in members[3:5]]
                    + [(b"Content-Type: application/ms-tnef; name=\"winmail.dat\"", tnef),
                       (b"Content-Type: application/ms-tnef; name=\"winmail.dat\"", flipped(tnef)),
                       (b"Content-Type: application/ms-tnef; name=\"winmail.dat\"", tnef[: rng.randrange(6, len(tnef))])])
    out = {"邮件.msg": mail, "截断.msg": mail[: rng.randrange(600, max(601, len(mail) - 1))],
           "全部材料.zip": whole, "截断.zip": whole[: rng.randrange(30, max(31, len(whole) - 1))],
           "设有密码.zip": bytes(locked), "多层.zip": deep, "中文名.zip": gbk,
           "材料.rar": b"Rar!\x1a\x07\x01\x00" + bytes(rng.randrange(256) for _ in range(64)),
           "存储.rar": rar, "截断.rar": rar[: rng.randrange(8, max(9, len(rar) - 1))], "改坏.rar": flipped(rar),
           "材料.7z": sz, "截断.7z": sz[: rng.randrange(6, max(7, len(sz) - 1))], "改坏.7z": flipped(sz),
           "空.zip": _zip([]), "老式邮件.eml": raw_names}
    paths = []
    for name, data in out.items():
        (folder / name).write_bytes(data)
        paths.append(folder / name)
    return paths
