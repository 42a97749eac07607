"""``excel.cache``'s fast reading of the formula results a sheet part stores (issue #18) says
exactly what ElementTree says, or nothing (ElementTree then reads the part)."""

from __future__ import annotations

import zipfile
from xml.etree.ElementTree import ParseError

import pytest

from jixiao.excel.cache import _formula_cells, _formula_cells_fast, _formula_cells_tree, _sheet_parts
from jixiao.excel.workbook import write_forms

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
ROOT = f'<worksheet xmlns="{MAIN}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def part(cells: str, root: str = ROOT, decl: str = DECL, tail: str = "") -> bytes:
    return (decl + root + f"<sheetData><row r=\"1\">{cells}</row></sheetData>{tail}</worksheet>").encode("utf-8")


PLAIN = [
    # numbers, an explicit t="n", booleans, errors, formula texts with entities and character references
    '<c r="A1" s="1"><f>SUM(B1:B3)</f><v>6</v></c><c r="B1" t="n"><f>1+1</f><v>2</v></c>'
    '<c r="C1" t="b"><f>A1&gt;5</f><v>1</v></c><c r="D1" t="e"><f>1/0</f><v>#DIV/0!</v></c>',
    '<c r="A1" t="str"><f>IF(B1&lt;&gt;"",&quot;是&quot;&amp;B1,"")</f><v>是 &amp; &#x4E2D;&#25991; &lt;x&gt;</v></c>',
    # a shared formula: its other cells carry the first cell's text; one without a result
    '<c r="A1"><f t="shared" ref="A1:A3" si="0">\'表 1\'!B1*2</f><v>4</v></c>'
    '<c r="A2"><f t="shared" si="0"/><v>8</v></c><c r="A3"><f t="shared" si="0"></f></c>',
    # no result, an empty one, a blank one; results of shared or inline strings are not kept
    '<c r="A1"><f>B1</f></c><c r="A2"><f>B2</f><v/></c><c r="A3"><f>B3</f><v></v></c><c r="A4"><f>B4</f><v> </v></c>'
    '<c r="A5" t="s"><f>B5</f><v>3</v></c>',
    # line ends inside a formula and a result (an XML parser makes them \n), a CR by reference
    '<c r="A1" t="str"><f>B1&amp;"\r\n"&amp;C1</f><v>x\r\ny\rz&#13;</v></c>',
    # single quotes, blanks between the elements and around "=", an attribute with an entity and a tab
    "<c  r = 'A1'  t='str' >\n  <f ca='1'>NOW()</f>\n  <v>t&apos;s</v>\n</c><c r=\"B&#49;\"><f>1</f><v>1</v></c>"
    '<c r="C1\t"><f>2</f><v>2</v></c>',
    # formula-like things that are not formula cells; a prefixed declaration below the root
    '<c r="A1" t="inlineStr"><is><t>&lt;f&gt;x&lt;/f&gt;</t></is></c><c r="B1"><v>1</v></c>',
]

OTHER = [
    part('<c r="A1"><v>2</v><f>1+1</f></c>'),                                   # <v> before <f>
    part('<c r="A1" t="inlineStr"><f>"a"</f><is><t>a</t></is></c>'),            # an inline string result
    part('<c r="A1"><f>1+1</f><!-- x --><v>2</v></c>'),                         # a comment
    part('<c r="A1"><f>1+1</f><v><![CDATA[2]]></v></c>'),                       # CDATA
    part('<c r="A1"><f>1+1</f><v>2</v></c>', tail='<!-- <c r="Z9"><f>9</f><v>9</v></c> -->'),  # a cell in a comment
    part('<c r="A1"><f>1+1</f><v>2</v></c>', root=f'<x:worksheet xmlns:x="{MAIN}">').replace(
        b"<c ", b"<x:c ").replace(b"</c>", b"</x:c>").replace(b"<f>", b"<x:f>").replace(b"</f>", b"</x:f>")
    .replace(b"<v>", b"<x:v>").replace(b"</v>", b"</x:v>").replace(b"</worksheet>", b"</x:worksheet>")
    .replace(b"<sheetData>", b"<x:sheetData>").replace(b"</sheetData>", b"</x:sheetData>")
    .replace(b"<row ", b"<x:row ").replace(b"</row>", b"</x:row>"),            # the main namespace under a prefix
    part('<c r="A1"><f>1+1</f><v>2</v></c>', tail='<extLst><ext xmlns="urn:x"><c r="B1"><f>3</f><v>3</v></c></ext>'
         '</extLst>'),                                                           # a default namespace below the root
    part('<c r="A1"><f>1+1</f><v>2</v></c>', tail=f'<extLst><ext xmlns:m="{MAIN}"><m:c r="B1"><m:f>3</m:f><m:v>3</m:v>'
         '</m:c></ext></extLst>'),                                               # the main namespace bound below
    part('<c r="A1"><f>1+1</f><v>&e;</v></c>', decl=DECL + '<!DOCTYPE worksheet [<!ENTITY e "2">]>'),  # an entity
    part('<c r="A1"><f>1+1</f><v>2</v></c>', decl='<?xml version="1.0" encoding="UTF-16"?>').decode(
        "utf-8").encode("utf-16"),                                              # another encoding
    part('<c r="A1"><f>1+1</f><v>2</v></c>', root=f'<worksheet xmlns="{MAIN}"><?pi x?>'),  # an instruction: harmless
]


@pytest.mark.parametrize("cells", PLAIN)
def test_plain_parts_are_read_by_pattern_as_elementtree_reads_them(cells):
    data = part(cells)
    assert _formula_cells_fast(data) is not None
    assert _formula_cells(data) == _formula_cells_tree(data)


def test_what_the_plain_parts_hold():
    """The reference reading itself, on the cases above (not copied from the code's output)."""
    got = _formula_cells_tree(part(PLAIN[1]))
    assert got["A1"][0].text == "是 & 中文 <x>" and got["A1"][1] == 'IF(B1<>"","是"&B1,"")'
    got = _formula_cells_tree(part(PLAIN[2]))
    assert {r: (s.text, f) for r, (s, f) in got.items()} == {"A1": ("4", "'表 1'!B1*2"), "A2": ("8", "'表 1'!B1*2")}
    assert set(_formula_cells_tree(part(PLAIN[3]))) == {"A4"}
    got = _formula_cells_tree(part(PLAIN[4]))["A1"]
    assert got[0].text == "x\ny\nz\r" and got[1] == 'B1&"\n"&C1'
    got = _formula_cells_tree(part(PLAIN[5]))
    assert got["A1"][0].text == "t's" and set(got) == {"A1", "B1", "C1 "}


@pytest.mark.parametrize("data", OTHER)
def test_other_parts_are_left_to_elementtree(data):
    try:
        want = _formula_cells_tree(data)
    except ParseError:
        want = None
    if b"<?pi" not in data:
        assert _formula_cells_fast(data) is None
    assert _formula_cells(data) == want


@pytest.mark.parametrize("bad", [part('<c r="A1"><f>1+1</f><v>2</v></c>')[:-20],
                                 part('<c r="A1"><f>1 \x01 1</f><v>2</v></c>'),
                                 part('<c r="A1"><f>1+1</f><v>2</v></c>').replace(b"<sheetData>", b"<sheetData a='1' a='2'>")])
def test_a_part_that_is_not_xml_raises_as_before(bad):
    with pytest.raises(ParseError):
        _formula_cells_tree(bad)
    with pytest.raises(ParseError):
        _formula_cells(bad)


def test_the_forms_workbooks_are_read_by_pattern(tmp_path, sample_forms):
    src = write_forms(sample_forms[:6], tmp_path / "六张.xlsx")
    results = 0
    with zipfile.ZipFile(src) as z:
        for title, name in _sheet_parts(z).items():
            data = z.read(name)
            fast = _formula_cells_fast(data)
            assert fast is not None and fast == _formula_cells_tree(data), title
            results += len(fast)
    assert results >= 6 * 4  # 执行率、得分、总分、等级 at least, on each form


def _members(path):
    with zipfile.ZipFile(path) as z:
        return {i.filename: z.read(i.filename) for i in z.infolist() if i.filename != "docProps/core.xml"}


@pytest.fixture
def two_sheets():
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "表1"
    ws["A1"], ws["A2"], ws["A3"] = 2, "=A1*3", '=IF(A2>5,"高","低")'
    other = wb.create_sheet("O'Neil 表")
    other["B2"] = "=表1!A2+1"
    return wb


@pytest.mark.parametrize("fast_writer", [True, False])
def test_results_go_in_as_the_package_is_written(tmp_path, two_sheets, monkeypatch, fast_writer):
    """``save_with_results``: what ``wb.save`` and ``inject`` after it made, without reading the
    package again — through jixiao's sheet writer (from memory) and openpyxl's own (a temporary file)."""
    from jixiao.excel import cache, fastopenpyxl

    caches = {"表1": {"A2": 6, "A3": "高"}, "O'Neil 表": {"B2": 7.5}}
    was = fastopenpyxl.installed()
    (fastopenpyxl.install if fast_writer else fastopenpyxl.uninstall)()
    try:
        two_sheets.save(tmp_path / "a.xlsx")
        cache.inject(tmp_path / "a.xlsx", caches)
        with monkeypatch.context() as m:
            m.setattr(cache, "inject", lambda *a: pytest.fail("the package was read again"))
            cache.save_with_results(two_sheets, tmp_path / "b.xlsx", caches)
    finally:
        (fastopenpyxl.install if was else fastopenpyxl.uninstall)()
    assert _members(tmp_path / "a.xlsx") == _members(tmp_path / "b.xlsx")
    got = _formula_cells_tree(_members(tmp_path / "b.xlsx")["xl/worksheets/sheet2.xml"])
    assert got["B2"][0].text == "7.5" and got["B2"][1] == "表1!A2+1"
    got = _formula_cells_tree(_members(tmp_path / "b.xlsx")["xl/worksheets/sheet1.xml"])
    assert (got["A2"][0].text, got["A3"][0].t, got["A3"][0].text) == ("6", "str", "高")


def test_a_part_named_otherwise_is_saved_again_and_patched_after(tmp_path, two_sheets, monkeypatch):
    """Where the saved workbook.xml does not name the parts as openpyxl 3.1 does, the results
    are put in by reading the package again (``inject``), never into another sheet."""
    from jixiao.excel import cache

    caches = {"表1": {"A2": 6}, "O'Neil 表": {"B2": 7.5}}
    real = cache._sheet_parts
    swapped = {"xl/worksheets/sheet1.xml": "xl/worksheets/sheet2.xml", "xl/worksheets/sheet2.xml": "xl/worksheets/sheet1.xml"}
    monkeypatch.setattr(cache, "_sheet_parts", lambda z: {t: swapped.get(p, p) for t, p in real(z).items()})
    cache.save_with_results(two_sheets, tmp_path / "b.xlsx", caches)
    monkeypatch.setattr(cache, "_sheet_parts", real)
    members = _members(tmp_path / "b.xlsx")
    # inject followed the (swapped) names: 表1's result went into sheet2.xml's A2 — none there — and
    # B2's into sheet1.xml — none there either; neither part got the other sheet's result
    assert _formula_cells_tree(members["xl/worksheets/sheet1.xml"]) == {}
    assert _formula_cells_tree(members["xl/worksheets/sheet2.xml"]) == {}


def test_results_are_put_in_where_the_pattern_over_every_cell_put_them(tmp_path, sample_forms):
    """``patch_sheet_part`` looks from each ``<f>``: the same text as the pattern run over every
    ``<c>`` of the sheet (kept here as the reference), for every kind of value, on openpyxl's parts."""
    import random
    import re

    import openpyxl

    from jixiao.excel.cache import Stored, _format, patch_sheet_part

    def reference(xml, caches):
        def repl(m):
            if m.group(2) not in caches:
                return m.group(0)
            t, text = _format(caches[m.group(2)])
            attrs = m.group(1) + (' t="%s"' % t if t else "")
            return f"<c{attrs}>{m.group(3)}<v>{text}</v></c>"
        return re.sub(r'<c( r="([A-Z]+[0-9]+)"[^>]*?)>(<f>[^<]*</f>)<v\s*/?>(?:</v>)?</c>', repl, xml)

    src = write_forms(sample_forms[:3], tmp_path / "三张.xlsx")
    openpyxl.load_workbook(src).save(tmp_path / "plain.xlsx")  # formulas written with empty results
    rnd = random.Random(18)
    values = [1, 2.5, True, "是 & <否>", Stored("e", "#N/A"), Stored(None, "0.10000000000000001")]
    patched = 0
    with zipfile.ZipFile(tmp_path / "plain.xlsx") as z:
        for name in _sheet_parts(z).values():
            xml = z.read(name).decode("utf-8")
            caches = {r: rnd.choice(values) for r in re.findall(r'<c r="([A-Z]+[0-9]+)"', xml) if rnd.random() < 0.6}
            want = reference(xml, caches)
            assert patch_sheet_part(xml.encode("utf-8"), caches) == want.encode("utf-8")
            patched += want != xml
    assert patched >= 3
