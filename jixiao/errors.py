"""The small exception tree every user-facing failure goes through.

Each error carries a Chinese message that names what a 填报人 or reviewer needs to find
the problem (file, sheet, cell or field path), and the exit status the CLI returns for it.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any

from .core.quotes import quoted_series


class JixiaoError(Exception):
    """Base of all errors the CLI reports as a message rather than a traceback."""

    exit_code = 2

    def __init__(self, message: str, *, file: str | None = None):
        self.file = file
        super().__init__(message)

    def __reduce__(self):
        """Keep file/sheet/cell across processes (batches are read on both cores)."""
        return (_rebuild, (type(self), self.args, self.__dict__))

    def __str__(self) -> str:  # the message already names its file where it has one
        msg = super().__str__()
        if self.file and self.file not in msg:
            return f"{self.file}：{msg}"
        return msg


def problem_record(p: BaseException) -> dict[str, object]:
    """An input that could not be read, as the JSON outputs list it: file, sheet, cell, reason (the
    whole sentence), and ``message``: the reason alone, for a table that has file, sheet and cell
    in columns of their own (``problem_message``, without the file's name in front)."""
    file = getattr(p, "file", None)
    message = problem_message(p)
    return {"file": file, "sheet": getattr(p, "sheet", None), "cell": getattr(p, "cell", None),
            "reason": str(p), "message": message.removeprefix(f"{file}：") if file else message}


OPEN_ELSEWHERE = "文件正在 Excel、WPS 或其他程序中打开，请关闭它后再试"


def os_reason(exc: OSError, *, writing: bool = False) -> str:
    """Why the system refused a file, in words a 填报人 can act on (one table for reading and
    writing: three places had their own, and the rest said "系统错误 2" or "错误号 21")."""
    import errno

    no = exc.errno or 0
    if getattr(exc, "winerror", None) in (32, 33):  # Windows: a sharing or lock violation (errno says only EACCES)
        return OPEN_ELSEWHERE
    if no == errno.ENOENT:
        return "文件夹不存在或不能在此新建文件" if writing else "文件不存在"
    if no == errno.EISDIR:
        return "输出位置是文件夹" if writing else "是文件夹，不是文件"
    if no in (errno.EACCES, errno.EPERM):
        return "没有写入权限" if writing else "没有权限"
    why = {errno.ENOTDIR: "路径中有一段是文件而不是文件夹", errno.ELOOP: "链接循环",
           errno.ENAMETOOLONG: "文件名过长", errno.ENOSPC: "磁盘已满", errno.EDQUOT: "磁盘配额已满",
           errno.EROFS: "只读文件系统", errno.EEXIST: "路径中有同名文件", errno.EIO: "磁盘读写出错",
           errno.EBUSY: "文件正被占用", errno.ETXTBSY: "文件正被占用", errno.EMFILE: "同时打开的文件过多",
           errno.ENFILE: "同时打开的文件过多", errno.EFBIG: "文件过大", errno.ENXIO: "设备不存在",
           errno.EINVAL: "文件名或位置无效"}.get(no)
    return why or f"系统错误 {no}"


def _rebuild(cls, args, state):
    err = cls.__new__(cls)
    Exception.__init__(err, *args)
    err.__dict__.update(state)
    return err


class FormDataError(JixiaoError):
    """A form given as data (JSON) does not follow form.schema.json."""


class WorkbookError(JixiaoError):
    """A workbook cannot be opened or read at all (not a workbook, encrypted, corrupt)."""


class NotAFormError(JixiaoError):
    """A sheet was read but does not hold a 自评表 (missing labels)."""


class CellError(JixiaoError):
    """A single cell holds something the form cannot take (text where a number belongs).

    ``reason`` is the message without its place: a list that already has columns for the
    file, sheet and cell (``check``'s lines under their sheet, a 退回修改通知) shows that.

    ``found``: what the cell holds as read (its text; a number or blank as it is), ``expected``: what to write
    there — the X1 finding made of the error carries both (``checking.run.check_batch``), as every finding does."""

    def __init__(self, message: str, *, file: str | None = None, sheet: str | None = None,
                 cell: str | None = None, found: Any = None, expected: str | None = None):
        self.sheet = sheet
        self.cell = cell
        self.reason = message
        self.found = found if found is None or isinstance(found, (str, int, float)) and not isinstance(found, bool) \
            else str(found)   # a date, a bool: as text (the finding's JSON)
        self.expected = expected
        # the form's 主管部门/实施单位/单位 as written, when read, and its project and year (``raise_cell_errors``)
        self.whose: dict[str, str] = {}
        where = "".join(f"{p}" for p in [
            f"工作表“{sheet}”" if sheet else "", f"单元格 {cell}" if cell else ""])
        super().__init__(f"{where}：{message}" if where else message, file=file)


class CellErrors(CellError):
    """Every cell of one form that keeps it from being read, raised together once the reader
    has been through the whole form: a 填报人 sees all of them after one 校验, not one per run.
    Lists of problems hold its ``errors`` one by one (``each_error``)."""

    def __init__(self, errors: list[CellError]):
        first = errors[0]
        super().__init__(first.reason, file=first.file, sheet=first.sheet, cell=first.cell, found=first.found,
                         expected=first.expected)
        self.errors = list(errors)
        self.args = ("\n".join(str(e) for e in errors),)


def each_error(exc: JixiaoError) -> list[JixiaoError]:
    """The problems an error stands for: a form's several bad cells one by one, else itself."""
    return list(exc.errors) if isinstance(exc, CellErrors) else [exc]


WHOSE_FIELDS = ("authority", "unit", "department")

# What a cell that keeps its form from being read should hold (``CellError.expected``), as its message asks it:
# a marked copy's comment then says it once (``core.expected.said_in``)
EXPECT_PROJECT = "批复的项目名称"
EXPECT_YEAR = "预算年度（如 2022）"


def raise_cell_errors(errors: list[CellError], data: Mapping[str, Any] | None = None) -> None:
    """The end of reading one form: nothing if every cell was taken, the one error as it is,
    or all of them together. ``data``: what was read of the form; its 主管部门, 实施单位 or 单位
    go with each error (``whose``), so a bureau knows whose form it could not read even when
    the file's name and folder do not say."""
    whose = {k: v.strip() for k in WHOSE_FIELDS if isinstance(v := (data or {}).get(k), str) and v.strip()}
    # … and which form it is, as far as it was read: a review neither asks for its project again (未报送)
    # nor loses the year its notices are titled by where no form could be read
    if isinstance(p := (data or {}).get("project"), str) and p.strip():
        whose["project"] = p.strip()
    if isinstance(y := (data or {}).get("year"), int) and 1900 < y < 2200:
        whose["year"] = str(y)
    for e in errors:
        e.whose = whose
    if len(errors) == 1:
        raise errors[0]
    if errors:
        together = CellErrors(errors)
        together.whose = whose
        raise together


def problem_places(problems: Sequence[Any]) -> int:
    """How many files or sheets could not be read: a form with three bad cells is one. A
    problem is an error or its ``problem_record``."""
    return len({(p.get("file"), p.get("sheet")) if isinstance(p, Mapping)
                else (getattr(p, "file", None), getattr(p, "sheet", None)) for p in problems})


NO_FORM = "不是自评表"   # what a workbook that opened with no form in it is said to be, wherever a person reads of it


def no_form_files(problems: Sequence[Any], read: Collection[str] = ()) -> set[str]:
    """The files of ``problems`` (errors, or their records with ``not_form`` as ``review`` keeps them) that opened
    with no form in them (a 部门预算公开表 put with the forms): every problem of the file a ``NotAFormError`` and
    nothing of it ``read`` (files forms were read from). Said “不是自评表” wherever a person reads of them
    (``NO_FORM``) — the review's 文件清单, 问题统计 and 汇总表, ``summarize``'s 汇总表 and ``check``'s count — never
    “无法读取”: the reviewer and the 填报人 had opened them. A file with a form read keeps its sheets that are
    no form as they were (a 绩效目标表 sheet beside the forms may be a project's form still to be made)."""
    files: dict[str, bool] = {}
    for p in problems:
        if isinstance(p, Mapping):
            file, nf = p.get("file"), bool(p.get("not_form"))
        else:
            file, nf = getattr(p, "file", None), isinstance(p, NotAFormError)
        if file and file not in read:
            files[file] = files.get(file, True) and nf
    return {f for f, nf in files.items() if nf}


def forms_unread(problems: Sequence[Any], read: Collection[str] = ()) -> list[Any]:
    """``problems`` but those of the files that hold no form (``no_form_files``): what kept a form from being read.
    A command's exit status is 1 for these alone: a 部门预算公开表 kept beside the forms left ``summarize``,
    ``import``, ``report``, ``score`` and ``check`` exiting 1 (and the 汇总 “incomplete”) for a complete batch (s66)."""
    no_form = no_form_files(problems, read)
    return [p for p in problems if (p.get("file") if isinstance(p, Mapping) else getattr(p, "file", None)) not in no_form]


def forms_not_read(problems: Sequence[Any]) -> int:
    """How many forms could not be read because of their cells: the distinct sheets of the problems
    (errors, their records, or the X1 findings made of them) that name a sheet and a cell."""
    def on_a_cell(p: Any) -> bool:
        get = p.get if isinstance(p, Mapping) else lambda k: getattr(p, k, None)
        return bool(get("sheet") and get("cell"))

    return problem_places([p for p in problems if on_a_cell(p)])


def some_said(items: list[tuple[str, str]], n: int = 6, unit: str = "处") -> str:
    """The first ``n`` of (sheet, text), each sheet named once: “表一”H18、H19；“表二”H15 等 8 处 (a
    message box, not a report: ``校验`` marks every one of them); cut short as ``more_said`` says."""
    groups: dict[str, list[str]] = {}
    for sheet, text in items[:n]:
        groups.setdefault(sheet, []).append(text)
    return "；".join(f"“{sheet}”" + "、".join(texts) for sheet, texts in groups.items()) + more_said(len(items), n, unit)


def few_said(texts: Sequence[str], n: int, unit: str, sep: str = "、") -> str:
    """The first ``n`` of ``texts`` joined, cut short as ``more_said`` says: “3、5、8 等 12 个”."""
    return sep.join(texts[:n]) + more_said(len(texts), n, unit)


def more_said(total: int, n: int, unit: str) -> str:
    """What ends a list of ``total`` things that names the first ``n``: nothing where it names them all, else
    “ 等 8 处” — how many there are in all, in ``unit`` (“处”, “张表”, “个”), 等 apart from the text before
    it: “…改为 15等” read as if “15等” were one word, and left the 填报人 guessing how many more."""
    return f" 等 {total} {unit}" if total > n else ""


# What a message asks of the 填报人 where no button does it, in the words for Excel/WPS — every message says
# it so, and a button shows it as it is — and what the command line says in its place, naming the command
# that does it (``for_command``: the CLI's messages go through it). Each text is written once, here.
FROM_TARGETS = "请在自评表模板中照它填写，或请安装本工具的同事由它生成预填的自评表"
RULE_CODES = "（可用的编码见本工具说明中的校验规则目录）"
FINAL_AGAIN = "请打开填报用的原工作簿再点“定稿”"
REPORT_FIX = "请先点击“校验”逐一改正后再生成。"
LETTER_REPORTS = "请先点“生成报告”再定稿"  # the 定稿 mail takes the reports from 生成报告's folder
# the 报送函 lists what the 定稿 does not carry, or the other way round: made over other forms than these
LETTER_AGAIN = "请重新“生成报告”后再定稿"
# a 部门整体 form (or project forms) kept in a workbook of its own: named on the 设置 sheet, 生成报告 and 定稿 read it too
PARTNER_BOOK = "在另一个工作簿中时，请在“设置”表的“一并报送的工作簿”中写上它的文件名，再“生成报告”、定稿"
CALC_AGAIN = "再点“计算”"   # 计算 after the cells are put right, the written scores cleared
CHECK_AGAIN = "再点“校验”复核"   # 校验 after the 计算数据 of a 部门整体 form are filled
# a workbook of 项目支出绩效评价表 alone has no report to make: what to do with it instead (生成报告, report)
EVAL_NO_REPORT = ("。项目支出绩效评价表的“存在的问题”“有关建议”就写在表中，不另生成报告："
                  "请点“校验”核对后点“定稿”，报送定稿的工作簿和 PDF。")
FOR_COMMAND = {
    "请点“校验”核对后点“定稿”": "请用 jixiao check 核对后用 jixiao finalize 定稿",
    CALC_AGAIN: "再运行 jixiao calc",
    CHECK_AGAIN: "再运行 jixiao check 复核",
    FROM_TARGETS: "请用 jixiao import --targets",
    RULE_CODES: "（见 jixiao rules）",
    FINAL_AGAIN: "请对填报用的原工作簿定稿（命令行也可用 -o 把定稿写到另一个文件夹）",
    LETTER_REPORTS: "请先用 jixiao report 把报告生成到工作簿旁的“工作簿名-报告”文件夹再定稿",
    LETTER_AGAIN: "请用 jixiao report 对一并定稿的各工作簿重新生成报告后再定稿",
    PARTNER_BOOK: ("在另一个工作簿中时，请把两个工作簿一并定稿（jixiao finalize 项目工作簿 部门整体工作簿 --email，"
                   "邮件草稿附上两份定稿文件），报告也一并生成（jixiao report 项目工作簿 部门整体工作簿）"),
    REPORT_FIX: ("请先点击“校验”（命令行：jixiao check）逐一改正后再生成；"
                 "确需先看草稿时，命令行加 --force（有错误的数字旁标【待核实】，改正前不得报送）。"),
}


def for_command(text: str) -> str:
    """A message as the command line says it: where it asks for something no button does, the command
    that does it (``FOR_COMMAND``), in place of what a 填报人 at Excel/WPS is told."""
    for excel, command in FOR_COMMAND.items():
        if excel in text:
            text = text.replace(excel, command)
    return text


def problems_said(problems: Sequence[BaseException]) -> str:
    """Problems that are not a form's cells, for a message box: each as it reads (file, sheet and all),
    the sheets that have the same one named together — a 绩效目标表 of thirty sheets is one sentence,
    not thirty, and not the bare reason that names neither the file nor a sheet."""
    groups: dict[tuple[str, str], list[str]] = {}
    for p in problems:
        file, sheet, text = getattr(p, "file", None) or "", getattr(p, "sheet", None), str(p)
        where = f"{file}：" if file else ""
        place = f"{where}工作表“{sheet}”："
        if sheet and text.startswith(place):
            groups.setdefault((where, text[len(place):]), []).append(str(sheet))
        else:
            groups.setdefault(("", text), [])
    said = [f"{where}工作表{quoted_series(sheets)}：{text}" if sheets else text
            for (where, text), sheets in groups.items()]
    return "".join(s if s.endswith("。") else f"{s}。" for s in said)


def cells_said(on_cells: Sequence[Any]) -> str:
    """The first of the cells that kept forms from being read, each sheet named once:
    “表一”B3 项目名称为空、D7 ……等."""
    return some_said([(str(getattr(e, "sheet")), f"{getattr(e, 'cell')} {problem_message(e)}") for e in on_cells])


def problem_message(p: BaseException) -> str:
    """A problem as one finding's message, which carries its file, sheet and cell beside it:
    a cell's reason alone; anything else as it reads (it may name no sheet or cell)."""
    if getattr(p, "sheet", None) and getattr(p, "reason", None):  # a CellError, or a sheet that is another form
        return str(getattr(p, "reason"))
    return str(p)


class ProfileError(JixiaoError):
    """An unknown scoring profile or option was asked for."""


class AddinError(JixiaoError):
    """The Excel add-in cannot be installed or is not set up (``jixiao addin``)."""


class OfficeError(JixiaoError):
    """LibreOffice is missing, failed, or produced nothing."""


class BuildError(JixiaoError):
    """A template or add-in package cannot be built from its sources."""


class ReportError(JixiaoError):
    """A report file that cannot be read (exit 2, the message names the file)."""


class FinalizeRefused(JixiaoError):
    """Errors remain and the filler did not confirm (定稿)."""

    exit_code = 1


# --- one type per cause of an unreadable or refused input (issue #13) ---------------------

class UnsafeFileError(WorkbookError):
    """Not a regular file (a FIFO, a device, a folder), or a link that leads out of the input folder."""


class ZipBombError(WorkbookError):
    """A workbook package whose parts would inflate beyond what any real form needs."""


class CorruptPackageError(WorkbookError):
    """A workbook package that is damaged (bad zip, bad checksum, DTD/entities in its XML)."""


class SheetLimitError(CellError):
    """A sheet beyond what a real form can be: too many rows/columns, a giant merge, too many sheets."""


class FileTimeoutError(WorkbookError):
    """A file that took longer than the per-file time limit of a batch."""


class ReaderCrashError(WorkbookError):
    """The spreadsheet engine itself failed on a file (a Rust panic in calamine, a crash in openpyxl)."""


class OutputPathError(JixiaoError):
    """An output cannot be written where it was asked for (a file where a folder is needed …)."""


class EmptyInputError(JixiaoError):
    """The paths given hold no form JSON and no workbook at all."""


class InternalError(JixiaoError):
    """A bug in jixiao itself: reported in one Chinese line, with its own exit status."""

    exit_code = 3


class ReportRefused(JixiaoError):
    """The forms still have errors: the documents a department sends are not written from them."""

    exit_code = 1
    errors: int = 0          # how many (the refusal says so)
    files: list[str] = []    # the workbooks they are in
