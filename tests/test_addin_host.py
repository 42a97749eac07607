"""addin/host.py's manners towards Excel, checked against a recording stand-in for the
xlwings objects it touches (no Excel here): manual calculation and no screen updating while
a plan is applied, restored after — also on error; text written as text; page setup in one
PrintCommunication batch; the live 设置 sheet; the 定稿 PDF from Excel. And LibreOffice
found in its Windows install folder."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

import addin.buttons as buttons
from addin.host import XlwingsHost, _text_value
from jixiao.excel import office
from jixiao.actions import FileHost
from jixiao.excel.plan import DropSheet, Formula, Plan, SetNumber, SetValue, SheetSpec
from jixiao.excel.workbook import write_forms


class Api(SimpleNamespace):
    """A COM object: remembers every property set, in order."""

    def __setattr__(self, name, value):
        log = self.__dict__.get("log")
        if log is not None:
            log.append((self.__dict__.get("tag", "?"), name, value))
        super().__setattr__(name, value)


class FakeApp:
    def __init__(self, log):
        self.log = log
        self.__dict__.update(calculation="automatic", screen_updating=True, enable_events=True)
        self.api = Api(tag="Application", log=log, PrintCommunication=True)

    def __setattr__(self, name, value):
        if "log" in self.__dict__ and name in ("calculation", "screen_updating", "enable_events"):
            self.log.append(("App", name, value))
        super().__setattr__(name, value)


class FakeRange:
    def __init__(self, sheet, ref):
        self.sheet, self.ref = sheet, ref

    @property
    def value(self):
        v = self.sheet.cells.get(self.ref)  # Excel's prefix character is not part of the value it gives back
        return v[1:] if isinstance(v, str) and v.startswith("'") else v

    @value.setter
    def value(self, v):
        if self.sheet.name == "boom":
            raise RuntimeError("COM error")
        state = self.sheet.book.app
        self.sheet.book.log.append(("write", self.ref, v, state.calculation, state.screen_updating))
        self.sheet.cells[self.ref] = v

    def options(self, **_):
        return self

    @property
    def formula(self):
        return self.sheet.cells.get(self.ref)   # a constant's formula is the constant (None if blank)

    @formula.setter
    def formula(self, text):
        self.sheet.book.log.append(("formula", self.ref, text))
        self.sheet.cells[self.ref] = text

    @property
    def number_format(self):
        return self.sheet.formats.get(self.ref, "General")

    @number_format.setter
    def number_format(self, fmt):
        self.sheet.book.log.append(("format", self.ref, fmt))
        self.sheet.formats[self.ref] = fmt


class FakeSheet:
    def __init__(self, book, name):
        self.book, self.name, self.cells, self.formats = book, name, {}, {}
        self.api = Api(tag=name, log=book.log, ProtectContents=False,
                       # no print area: no page to plan again (``_outgrown``)
                       PageSetup=Api(tag="PageSetup", log=book.log, PrintArea="", PrintTitleRows=""))

    def range(self, ref, *_):
        return FakeRange(self, ref)

    @property
    def used_range(self):   # the rows the host grows (``_grow_typed``): tests/test_addin_grow_rows.py
        return SimpleNamespace(last_cell=SimpleNamespace(row=1, column=1))

    def delete(self):
        self.book.log.append(("delete", self.name, self.book.app.display_alerts))
        del self.book.sheets[self.name]


class DictSheets(dict):
    def __iter__(self):
        return iter(self.values())


class FakeBook:
    def __init__(self, names):
        self.log = []
        self.app = FakeApp(self.log)
        self.fullname = "/nowhere/book.xlsm"
        self.sheets = DictSheets({n: FakeSheet(self, n) for n in names})


def test_a_plan_runs_with_manual_calculation_and_restores_it():
    book = FakeBook(["表1"])
    book.app.calculation = "semiautomatic"  # whatever the user had comes back
    book.log.clear()
    host = XlwingsHost.__new__(XlwingsHost)
    host.book, host.path = book, book.fullname
    host.apply(Plan([SetValue("表1", "B3", "100%"), SetValue("表1", "B4", 5)]))
    writes = [e for e in book.log if e[0] == "write"]
    assert writes == [("write", "B3", "'100%", "manual", False), ("write", "B4", 5, "manual", False)]
    assert (book.app.calculation, book.app.screen_updating, book.app.enable_events) == ("semiautomatic", True, True)

    book.sheets["boom"] = FakeSheet(book, "boom")
    with pytest.raises(RuntimeError):
        host.apply(Plan([SetValue("boom", "A1", "x")]))
    assert (book.app.calculation, book.app.screen_updating, book.app.enable_events) == ("semiautomatic", True, True)


def test_a_number_typed_as_text_is_written_as_a_number_and_a_formula_left_alone():
    """计算's SetNumber: a cell formatted as text gets its number format before the value (Excel keeps
    a number written into a text cell as text); the number is no text (no prefix character); a cell
    holding a formula keeps it."""
    book = FakeBook(["表1"])
    sheet = book.sheets["表1"]
    sheet.cells.update(A1="'80%", A2="6人", A3='=TEXT(5,"0")')
    sheet.formats.update(A1="@", A2="0.00")
    host = XlwingsHost.__new__(XlwingsHost)
    host.book, host.path = book, book.fullname
    book.log.clear()
    host.apply(Plan([SetNumber("表1", "A1", 0.8, "0%"), SetNumber("表1", "A2", 6), SetNumber("表1", "A3", 5)]))
    edits = [e[:3] for e in book.log if e[0] in ("write", "format")]
    assert edits == [("format", "A1", "0%"), ("write", "A1", 0.8), ("write", "A2", 6)]
    assert sheet.formats["A2"] == "0.00" and sheet.cells["A3"] == '=TEXT(5,"0")'


def test_a_rate_typed_as_text_becomes_a_percentage_or_the_formula_in_excel():
    """计算 over a 执行率 typed as text (G7): in a General cell the number gets the percent format (it
    showed 0.985 for “98.5%”), a percent format of the 填报人's stays; the formula, where it goes back,
    is written as one after the number."""
    book = FakeBook(["表1"])
    sheet = book.sheets["表1"]
    sheet.cells.update(G7="98.5%", G8="'92.5%", G9="'1")
    sheet.formats.update(G8="0.0%", G9="@")
    host = XlwingsHost.__new__(XlwingsHost)
    host.book, host.path = book, book.fullname
    book.log.clear()
    host.apply(Plan([SetNumber("表1", "G7", 0.985, "0.00%"), SetNumber("表1", "G8", 0.925, "0.00%"),
                     SetValue("表1", "G8", Formula("=E7/D7")), SetNumber("表1", "G9", 1, "0.00%")]))
    assert sheet.formats == {"G7": "0.00%", "G8": "0.0%", "G9": "0.00%"}
    assert sheet.cells["G7"] == 0.985 and sheet.cells["G8"] == "=E7/D7" and sheet.cells["G9"] == 1


def test_calc_reads_the_grade_formula_and_writes_the_profiles_as_a_formula():
    """计算's 等级: the formula read as Excel gives it (a typed 等级 is no formula), and the profile's
    written as a formula, not as the text “=IF(…)” the prefix character would make of it."""
    book = FakeBook(["表1"])
    sheet = book.sheets["表1"]
    sheet.cells.update(I34='=IF(ISNUMBER(H34),"优","")', I35="良")
    host = XlwingsHost.__new__(XlwingsHost)
    host.book, host.path = book, book.fullname
    assert host.formulas([("表1", "I34"), ("表1", "I35"), ("表1", "I36"), ("没有", "I34")]) == {
        ("表1", "I34"): '=IF(ISNUMBER(H34),"优","")'}
    book.log.clear()
    host.apply(Plan([SetValue("表1", "I34", Formula('=IF(H34>=80,"优","良")'))]))
    assert [e for e in book.log if e[0] in ("write", "formula")] == [("formula", "I34", '=IF(H34>=80,"优","良")')]


def test_a_dropped_sheet_is_deleted_without_excels_question_and_only_if_there():
    book = FakeBook(["表1", "未能读取"])
    book.app.display_alerts = True
    host = XlwingsHost.__new__(XlwingsHost)
    host.book, host.path = book, book.fullname
    host.apply(Plan([DropSheet("未能读取"), DropSheet("没有这张表")]))
    assert list(book.sheets) and [s.name for s in book.sheets] == ["表1"]
    assert [e for e in book.log if e[0] == "delete"] == [("delete", "未能读取", False)]
    assert book.app.display_alerts is True
    host.apply(Plan([DropSheet("表1")]))  # never the last sheet: Excel cannot have a book without one
    assert [s.name for s in book.sheets] == ["表1"]


@pytest.mark.parametrize("value, written", [("100%", "'100%"), ("1/2", "'1/2"), ("001", "'001"),
                                            ("=1 人", "'=1 人"), ("'引号", "''引号"), ("", ""), (12.5, 12.5),
                                            (None, None)])
def test_text_is_written_as_text(value, written):
    assert _text_value(value) == written


def test_page_setup_is_one_print_communication_batch():
    book = FakeBook(["汇总表"])
    host = XlwingsHost.__new__(XlwingsHost)
    host.book = book
    host._page_setup(book.sheets["汇总表"], SheetSpec("汇总表", landscape=True, print_area="A1:H20"))
    events = [(tag, name, v) for tag, name, v in book.log if tag in ("Application", "PageSetup")]
    assert events[0] == ("Application", "PrintCommunication", False)
    assert events[-1] == ("Application", "PrintCommunication", True)
    assert ("PageSetup", "PrintArea", "A1:H20") in events and ("PageSetup", "Orientation", 2) in events


def test_buttons_read_the_live_settings_sheet(tmp_path, sample_forms):
    book = write_forms(sample_forms[:1], tmp_path / "b.xlsx")
    host = FileHost(str(book))
    assert buttons._settings(host).unit is None  # the file has no 设置 sheet
    host.settings_rows = lambda: [["项目", "内容"], ["单位名称", "大厂回族自治县医疗保障局"], [None, None]]
    assert buttons._settings(host).unit == "大厂回族自治县医疗保障局"


def test_finalize_in_excel_uses_excels_pdf(tmp_path, sample_forms):
    book = write_forms(sample_forms[:1], tmp_path / "b.xlsx")
    made = []

    def export_pdf(xlsx):
        made.append(Path(xlsx))
        pdf = Path(xlsx).with_suffix(".pdf")
        pdf.write_bytes(b"%PDF-1.4 from Excel")
        return pdf

    host = FileHost(str(book))
    host.export_pdf = export_pdf
    message = buttons.finalize(host, outdir=str(tmp_path / "out"), confirm=True, email=False)
    assert "已定稿" in message and len(made) == 1 and made[0].parent == tmp_path / "out"
    assert made[0].with_suffix(".pdf").read_bytes().endswith(b"from Excel")


def test_libreoffice_is_found_in_its_windows_install_folder(tmp_path, monkeypatch):
    exe = tmp_path / "Program Files" / "LibreOffice" / "program" / "soffice.exe"
    exe.parent.mkdir(parents=True)
    exe.write_bytes(b"MZ")
    monkeypatch.setattr(office.shutil, "which", lambda name: None)
    monkeypatch.setenv("ProgramFiles", str(tmp_path / "Program Files"))
    assert office.soffice_path() == str(exe)
    monkeypatch.setenv("ProgramFiles", str(tmp_path / "nothing"))
    assert office.soffice_path() is None


class SheetList(list):
    """``book.sheets`` as xlwings has it: by position or by name, and ``add``."""

    def __init__(self, book, names):
        super().__init__(FakeSheet(book, n) for n in names)
        self.book, self.links = book, []

    def __getitem__(self, key):
        return next(s for s in self if s.name == key) if isinstance(key, str) else super().__getitem__(key)

    def add(self, name, before=None, after=None):
        sheet = FakeSheet(self.book, name)
        sheet.api.Hyperlinks = SimpleNamespace(Add=lambda **kw: self.links.append(kw))
        self.insert(self.index(before) if before is not None else self.index(after) + 1, sheet)
        return sheet


def test_a_link_to_a_sheet_named_with_an_apostrophe_is_a_valid_reference():
    """The 校验结果 sheet's links go to the marked cells; Excel reads a SubAddress as a reference, so
    the apostrophe in a sheet name is doubled inside the quotes, as openpyxl's copy writes it."""
    from jixiao.excel.apply import _link

    book = FakeBook([])
    book.sheets = SheetList(book, ["O'Brien 的项目", "项目 一"])
    FakeRange.api = property(lambda self: Api(tag=self.ref))
    try:
        host = XlwingsHost.__new__(XlwingsHost)
        host.book, host.path = book, book.fullname
        targets = {"D3": "O'Brien 的项目!H17", "D4": "项目 一!B3"}
        host._sheet(SheetSpec("校验结果", cells={"D3": "H17", "D4": "B3"}, links=targets))
    finally:
        del FakeRange.api
    links = book.sheets.links
    made = {(kw["SubAddress"], kw["TextToDisplay"]) for kw in links}
    assert made == {("'O''Brien 的项目'!H17", "H17"), ("'项目 一'!B3", "B3")}
    assert {kw["SubAddress"] for kw in links} == {_link(r, t).location for r, t in targets.items()}


def test_a_sheet_protected_with_a_password_is_named_and_the_others_protected_again():
    """Unprotect() fails on a sheet protected with a password (a COM error): the button ended in
    “程序内部错误”; now it names the sheet and how to lift the protection, and the sheets it had
    already unprotected are protected again."""
    from jixiao.errors import JixiaoError

    book = FakeBook(["表1", "表2"])
    for name in ("表1", "表2"):
        book.sheets[name].api.ProtectContents = True
    unprotected = []

    def refuse():
        raise RuntimeError("(-2147352567, 'Exception occurred.', (0, 'Microsoft Excel', 'The password you supplied "
                           "is not correct.', None, 0, -2146827284), None)")

    book.sheets["表1"].api.Unprotect = lambda: unprotected.append("表1")
    book.sheets["表2"].api.Unprotect = refuse
    protected = []
    for name in ("表1", "表2"):
        book.sheets[name].api.Protect = lambda name=name, **_kw: protected.append(name)
    host = XlwingsHost.__new__(XlwingsHost)
    host.book, host.path = book, book.fullname
    with pytest.raises(JixiaoError, match="工作表“表2”设有保护密码") as exc:
        host.apply(Plan([SetValue("表1", "B3", "x"), SetValue("表2", "B3", "y")]))
    assert "撤销工作表保护" in str(exc.value) and "password" not in str(exc.value)
    assert unprotected == ["表1"] and protected == ["表1"]   # 表1 protected again, nothing written
    assert not [e for e in book.log if e[0] == "write"]
    said = buttons._run("校验", SimpleNamespace(path="b.xlsx"), lambda h: host.apply(Plan([SetValue("表2", "A1", 1)])))
    assert said.startswith("校验未完成：") and "工作表“表2”设有保护密码" in said


def test_page_breaks_are_set_through_excels_hpagebreaks(monkeypatch):
    """``SheetSpec.row_breaks`` in Excel: a manual break above each row (HPageBreaks.Add with the
    row's first cell), the page still fitted to its width with its height left free — Excel keeps
    to manual breaks only then."""
    book = FakeBook(["图表"])
    sheet = book.sheets["图表"]
    added = []
    sheet.api.HPageBreaks = SimpleNamespace(Add=lambda Before: added.append(Before.tag))
    monkeypatch.setattr(FakeRange, "api", property(lambda self: Api(tag=self.ref)), raising=False)
    host = XlwingsHost.__new__(XlwingsHost)
    host.book = book
    host._page_setup(sheet, SheetSpec("图表", print_area="A1:J90", row_breaks=[45, 80]))
    assert added == ["A45", "A80"]
    events = [(name, v) for tag, name, v in book.log if tag == "PageSetup"]
    assert ("FitToPagesWide", 1) in events and ("FitToPagesTall", False) in events
    host._page_setup(sheet, SheetSpec("图表", print_area="A1:J40"))
    assert added == ["A45", "A80"]  # none asked for, none made
