"""Filling the docxtpl templates and writing the documents (and PDFs) atomically."""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import sys
from typing import Callable

from ..checking.run import CheckResult
from ..errors import REPORT_FIX, ReportError, ReportRefused
from .templates import NAMES, TEMPLATE_DIR
from ..core.profiles import Profile
from ..core.settings import FIELDS, LABEL_TO_FIELD as LABEL_FIELD, NO_SETTINGS_SHEET, SETTINGS_SHEET, TODO, Settings

# the 设置 items the documents print (``build_context``'s keys): blank, the text says 【待填写】 there
SETTINGS_IN_TEXT = ("unit", "doc_no", "notice", "date", "contact", "phone")
from ..sources import Batch
from .checkreport import CHECK_NAME, write_check_report
from .context import DATE_FIELDS, build_context, date_given, report_year
from .facts import ReportData, collect
from .fonts import to_pdf
from .text import impossible_date, width_chars
from ..core.dates import TIME_CELL, date_slip, time_only, written_date
from ..core.quotes import quoted_series

DOCUMENTS = NAMES  # 报送函, 项目支出绩效自评报告, 整体绩效自评工作报告 (file stems of the outputs)


def report_folder(book: str | Path) -> Path:
    """Where 生成报告 writes a workbook's documents (“自评表-报告” beside it), and where 定稿 looks for
    the reports its mail attaches."""
    book = Path(book)
    return book.parent / f"{book.stem}-报告"

# ----------------------------------------------------------------------------- rendering


def _highlight_todo(path: Path) -> None:
    """Mark every 【待填写】 yellow, so the places to write by hand stand out in Word."""
    import copy

    from docx import Document
    from docx.oxml.ns import qn

    doc = Document(str(path))
    parts = [doc.part] + [s.footer.part for s in doc.sections] + [s.header.part for s in doc.sections]
    changed = False
    for part in {id(p): p for p in parts}.values():
        for r in list(part.element.iter(qn("w:r"))):
            t = r.find(qn("w:t"))
            if t is None or not t.text or TODO not in t.text:
                continue
            pieces = re.split(f"({re.escape(TODO)})", t.text)
            for piece in pieces:
                if not piece:
                    continue
                nr = copy.deepcopy(r)
                for extra in nr.findall(qn("w:t"))[1:]:
                    nr.remove(extra)
                nt = nr.find(qn("w:t"))
                nt.text = piece
                nt.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                if piece == TODO:
                    rpr = nr.get_or_add_rPr()
                    rpr.get_or_add_highlight().set(qn("w:val"), "yellow")
                r.addprevious(nr)
            r.getparent().remove(r)
            changed = True
    if changed:
        doc.save(str(path))


SIGN_STYLE = "落款"   # the templates' style of the 发文机关署名 and the 成文日期 under it
CONDENSE_MAX = 0.1   # the most a 署名 is condensed to keep to one line: a tenth of a character a character


def _centre_signer(doc: Any) -> None:
    """GB/T 9704 7.3.5.1: the 成文日期 keeps its style's 右空四字 and the 署名 above it is centred on it
    (both set flush at the same indent, a long 单位名称 stood off to the left of the date). A name too long
    to centre ends at the right edge of the text block; one a little wider than the text block is set with
    its characters closer together (调整字距, by at most ``CONDENSE_MAX``) on that one line: a 29-character
    name broke after its 28th, its last character alone on a second line, and a letter that fitted its
    first page ran its 附件说明, 署名 and date onto a second page without the letterhead. A name longer
    still breaks over two lines (the page fit counts them)."""
    from docx.oxml.ns import qn

    from .pagefit import CHAR_SLACK, LATIN, indent_chars, size_pt
    from .templates import BODY_PT

    paras = doc.paragraphs
    sec = doc.sections[0]
    block_pt = (sec.page_width - sec.left_margin - sec.right_margin) / 12700
    for name, date in zip(paras, paras[1:]):
        if not (name.style is not None and date.style is not None and name.style.name == SIGN_STYLE
                and date.style.name == SIGN_STYLE and name.text.strip() and date.text.strip()):
            continue
        text = name.text.strip()
        size = size_pt(name, BODY_PT)
        wide, room = width_chars(text), block_pt / size - CHAR_SLACK   # in characters of the name's size
        over = width_chars(text, latin=LATIN) - room
        if over > 0 and over / len(text) <= CONDENSE_MAX:
            _condense(name, -math.ceil(over / len(text) * size * 20))   # twentieths of a point, each character
            wide = room
        shift = max(0.0, indent_chars(date, "w:rightChars") + (width_chars(date.text.strip()) - wide) / 2)
        ind = name._p.get_or_add_pPr().get_or_add_ind()
        ind.set(qn("w:right"), str(round(shift * size * 20)))
        ind.set(qn("w:rightChars"), str(round(shift * 100)))
        return


# what follows w:spacing in a w:rPr (the order of CT_RPr's elements in ECMA-376 Part 1)
_AFTER_SPACING = ("w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd",
                  "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish",
                  "w:oMath")


def _condense(par: Any, twips: int) -> None:
    """Each run of ``par`` set ``twips`` twentieths of a point closer (w:spacing, in its place in w:rPr)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for run in par.runs:
        rpr = run._r.get_or_add_rPr()
        for old in rpr.findall(qn("w:spacing")):
            rpr.remove(old)
        el = OxmlElement("w:spacing")
        el.set(qn("w:val"), str(twips))
        rpr.insert_element_before(el, *_AFTER_SPACING)


def _fit_mark(doc: Any) -> None:
    """The 发文机关标志 on one line: a unit's name wider than the 170 mm of its red line at 一号 is set
    smaller, to the half point that fits (GB/T 9704 7.2.2: 不应大于上级机关的发文机关标志; 10.1: one
    line over the double line), its line as tall as its size so that its top stays 30 mm from the page's
    edge and the line 4 mm under it. A name of up to 18 characters keeps 一号."""
    from docx.shared import Pt

    from .templates import MARK_LINE_MM, MARK_PT

    room = MARK_LINE_MM * 72 / 25.4 * 0.98   # points, a little to spare for the glyphs' side bearings
    for par in doc.paragraphs:
        if par.style is None or par.style.name != MARK_STYLE or not par.text.strip():
            continue
        need = width_chars(par.text.strip()) * MARK_PT
        if need > room:
            size = Pt(int(2 * MARK_PT * room / need) / 2)
            for run in par.runs:
                run.font.size = size
            par.paragraph_format.line_spacing = size
        return


MARK_STYLE = "发文机关标志"


def render(template: Path, context: dict[str, Any], target: Path) -> Path:
    """Fill one docxtpl template and write it atomically."""
    from docxtpl import DocxTemplate

    from ..fileio import atomic_path
    from .docxwrite import keep_tables_with_lead_in, punctuation_inside, set_properties
    from .pagefit import fit_letter
    from .templates import BODY_PT, LINE_PT

    tpl = DocxTemplate(str(template))
    try:
        tpl.render(context, autoescape=True)  # opens the template first: a file that is no .docx fails here
    except Exception as exc:  # noqa: BLE001 - python-docx and jinja raise many kinds; each is this template's fault
        raise ReportError(f"{template}：{_template_fault(exc)}", file=str(template)) from None
    with atomic_path(target) as tmp:
        unit = str(context.get("unit") or "")
        set_properties(tpl.docx, author="" if unit == TODO else unit)  # not get_docx(): it reloads the template
        _centre_signer(tpl.docx)
        _fit_mark(tpl.docx)
        keep_tables_with_lead_in(tpl.docx)   # “……如下表：” printed with its table, a department's own templates' too
        punctuation_inside(tpl.docx)   # no “，、。” hung past the margin, where LibreOffice leaves it out of the PDF
        fit_letter(tpl.docx, BODY_PT, LINE_PT, MARK_STYLE, keep=("文号",))   # a 信函 on the page its red lines frame
        tpl.save(str(tmp))
        _highlight_todo(tmp)
    return target


def _template_fault(exc: Exception) -> str:
    """Why a report template (a department's edited copy, ``--templates``) could not be filled, in Chinese."""
    from jinja2 import TemplateError, TemplateSyntaxError

    if isinstance(exc, TemplateSyntaxError):
        return (f"报告模板中的占位符写法有误（模板文字第 {exc.lineno} 行附近）：{{{{ }}}} 和 {{% %}} 须成对、"
                "名称须与内置模板相同，请对照内置模板改正")
    if isinstance(exc, TemplateError):
        return "报告模板中的占位符无法填写（名称或写法与内置模板不同），请对照内置模板改正"
    return "报告模板不是有效的 .docx 文件（请用 Word 或 WPS 另存为 .docx）"


def refusal(n_errors: int, files: list[str] | None = None) -> str:
    """Why no documents were written: said to the 填报人 who declined the draft in Excel as it is; the
    command line says its command and --force in its place (``errors.for_command``)."""
    where = "、".join(files or [])
    return (f"{where}：" if where else "") + f"自评表仍有 {n_errors} 处错误，未生成报告。" + REPORT_FIX


def empty_headings(path: Path) -> list[str]:
    """The headings of a written document with nothing under them before the next heading of their
    level or above, or the end (the 落款 aside): what a department's own 整体报告 template prints for
    the projects' part when only the 部门整体 form came (the built-in one leaves that part out)."""
    from docx import Document
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    def level(p: Any) -> int | None:
        if not isinstance(p, Paragraph):
            return None   # a table is content
        name = p.style.name if p.style is not None else ""
        tail = name.rsplit(" ", 1)[-1]
        return int(tail) if name.startswith(("Heading", "标题")) and tail.isdigit() else None

    doc = Document(str(path))
    paras: list[Any] = []   # the body's paragraphs with text (the 落款 aside) and its tables, in order
    for el in doc.element.body.iterchildren():
        if el.tag == qn("w:tbl"):
            paras.append(el)
        elif el.tag == qn("w:p"):
            p = Paragraph(el, doc)
            if p.text.strip() and p.style is not None and p.style.name != SIGN_STYLE:
                paras.append(p)
    out = []
    for k, p in enumerate(paras):
        lv = level(p)
        if lv is None:
            continue
        nl = level(paras[k + 1]) if k + 1 < len(paras) else 0
        if nl is not None and nl <= lv:   # the next is a heading as high, or the document ends (0)
            out.append(" ".join(p.text.split()))
    return out


def template_folder(templates: str | Path | None) -> Path:
    """Where the templates are taken from: the built-in folder, or a department's (``--templates``).
    That must be a folder holding at least one of the three under its own name (a missing one is the
    built-in template): given the edited 报送函.docx itself, a folder of other names or none at all, the
    built-in wording went into the documents without a word."""
    if not templates:
        return TEMPLATE_DIR
    folder = Path(templates)
    wanted = "、".join(f"{n}.docx" for n in DOCUMENTS)
    if not folder.is_dir():
        what = "是文件，不是文件夹" if folder.exists() else "不存在"
        instead = f"（请给出它所在的文件夹 {folder.absolute().parent}）" if folder.stem in DOCUMENTS else ""
        raise ReportError(f"{folder}：{what}；--templates 应为存放修改过的报告模板的文件夹{instead}，模板以 {wanted} "
                          f"为名。未生成报告", file=str(folder))
    if not any((folder / f"{n}.docx").exists() for n in DOCUMENTS):   # (one that is no regular file: said below)
        others = sorted(p.name for p in folder.glob("*.docx"))
        held = (f"其中的 {'、'.join(others[:5])}{'等' if len(others) > 5 else ''} 文件名不符" if others
                else "其中没有 .docx 文件")
        raise ReportError(f"{folder}：没有找到报告模板（模板应以 {wanted} 为名，{held}）。未生成报告", file=str(folder))
    return folder


def _as_text(v: Any) -> str:
    """A 设置 cell as the settings hold it: 2023.0 (a number cell) is “2023”."""
    from ..core.numbers import fmt

    return fmt(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else str(v or "").strip()


def _settings_cell(data: ReportData, label: str) -> str:
    """Where a 设置 item was given: the workbook's 设置 sheet cell that holds it, else the settings file."""
    from ..core.settings import settings_sheet_rows

    from .context import whole_forms

    given = str(getattr(data.settings, LABEL_FIELD[label]) or "").strip()
    for file in dict.fromkeys([p.item.file for p in data.projects] + [it.file for it in whole_forms(data)]):
        for i, row in enumerate(settings_sheet_rows(file) or [], start=1):
            if row and len(row) > 1 and str(row[0] or "").strip() == label and _as_text(row[1]) == given:
                return f"“{Path(file).name}”的“{SETTINGS_SHEET}”工作表 B{i}（{label}）"
    # a settings file's (``--settings``), or a workbook open in Excel whose 设置 is not saved yet
    return f"“{SETTINGS_SHEET}”工作表或设置文件中的“{label}”"   # (``date_after_year`` tells the two apart: no “）”)


def _forms_date(forms: list[Any]) -> tuple[str, str]:
    """(where the 成文日期 came from, what to do about it) where the 设置 gives none and it is the forms' 填报日期
    (or 报告日期): “成文日期没有在“设置”工作表中填写，取自评表的填报日期：“x.xlsx”中“A”工作表 G38（填报日期）”."""
    from ..forms import kind_of

    item = forms[0]
    kind = kind_of(item.form)
    name, label = DATE_FIELDS.get(kind.key, ("filled_on", "填报日期"))
    cell = kind.cell_of(item, name)
    where = (f"成文日期没有在“{SETTINGS_SHEET}”工作表中填写，取自评表的{label}：“{Path(item.file).name}”"
             + (f"中“{item.sheet_of(name)}”工作表" if item.sheet else "") + (f" {cell}" if cell else "")
             + (f"等{len(forms)}张表" if len(forms) > 1 else "") + f"（{label}）")
    return where, f"在“{SETTINGS_SHEET}”工作表“{FIELDS['date'][0]}”一格填写报告的成文日期（或改正{label}）"


def date_after_year(data: ReportData) -> str | None:
    """The 成文日期 against the budget year the documents report on: it must come after that year.

    A report on 2024 states the 全年执行数, known only when 2024 is over; departments evaluate it in the
    next year (the 通知 asks for the reports in its first months). A date before 2024 or in January to
    November 2024 is a slip — the budget year typed for the year of writing, or forms' 填报日期 from the
    year before — and the date is printed under the 落款 of a document sent to the 财政局: ``ReportError``
    (not written, with or without ``--force``), naming the 设置 cell or the forms' 填报日期 it came from.
    A date in December of the year is a warning (returned; the documents are written): some 财政局 ask for
    the self-evaluation before the year closes (年底前完成自评), and the 填报人 asked for that dates the
    report then and would not expect to be refused. A date not written as a day is left to the text."""
    year = report_year(data)
    raw, forms = date_given(data)
    day = written_date(raw) if raw else None   # the whole text a day (“2023年3月1日前” is left to the text)
    # the one judgement of a form's date against its year (``core.dates.date_slip``), as 校验 says it (H10, F20)
    slip = date_slip(day, year) if isinstance(year, int) and day is not None else None
    if slip is None or slip.kind not in ("before", "within", "december"):
        return None
    if forms:
        where, fix = _forms_date(forms)
    else:
        where = _settings_cell(data, FIELDS["date"][0])
        fix = "改正这一格" if where.endswith("）") else f"改正{FIELDS['date'][0]}"
    said = f"{where}写的是“{raw}”，在所报告的{year}年度{'之前' if slip.kind == 'before' else '之内'}"
    if slip.kind == "december":
        return (f"{said}：报告{year}年度的预算执行，成文日期一般在{year}年度结束之后；"
                f"若是按通知要求在年底前完成的自评，可以不改，否则请{fix}后重新生成。")
    raise ReportError(f"{said}：报告{year}年度的预算执行，成文日期应在{year}年度结束之后（{year + 1}年1月1日以后）。"
                      f"请{fix}后再生成报告。未生成报告", file=forms[0].file if forms else None)


def one_year(data: ReportData) -> None:
    """The 设置's 年度 against the forms' own (``years.year_conflict``): ``ReportError`` (not written, with or
    without ``--force``, as a 成文日期 in the year is). With the 设置's 年度 blank (the template's “留空时取自评表的
    年度”), the project forms against the year most of them carry: last year's sheet copied in with its 年度
    unchanged was reported as one of this year's projects (“2024年度……项目共4个”, its money in the totals) beside
    a 汇总表 that leaves it out, and the button said nothing. (A 部门整体 form of another year is not restated
    and said so: ``facts.collect``.)"""
    from ..dedupe import batch_year
    from ..years import year_conflict
    from .context import whole_forms

    apart = year_conflict(data.settings.year, [p.item for p in data.projects] + whole_forms(data),
                          _settings_cell(data, FIELDS["year"][0]))
    if apart is None and not isinstance(data.settings.year, int):
        # the year 汇总 and X8 take for the workbook's (the later on a tie): the one the 填报人 is told to write
        apart = year_conflict(batch_year([p.item for p in data.projects]), [p.item for p in data.projects], None)
    if apart:
        raise ReportError(f"{apart[0]}后再生成报告。未生成报告", file=apart[1])


def notice_year(data: ReportData) -> str | None:
    """What the 填报人 is told where the 来文 names another 年度 than the forms (“《关于开展2023年度预算绩效自评
    工作的通知》” beside a 部门整体 form whose 年度 was left at 2022): the documents said “根据《关于开展2023年度……》
    要求，我单位对2022年度部门整体支出开展了绩效自评”, titled 2022年度, and 生成报告 said only “已生成”. Told, not
    refused: the documents are as the 设置 and the forms say; one of the two is to be corrected."""
    from ..years import year_conflict
    from .context import whole_forms

    named = {int(y) for y in re.findall(r"((?:19|20)\d\d)\s*年度", data.settings.notice or "")}
    if len(named) != 1:
        return None
    year, items = named.pop(), [p.item for p in data.projects] + whole_forms(data)
    apart = year_conflict(year, items, _settings_cell(data, FIELDS["notice"][0]))
    if not apart:
        return None
    theirs = next(it.form.year for it in items if isinstance(it.form.year, int) and it.form.year != year)
    return (f"{apart[0].split('：')[0]}：报送函、报告按自评表写作{theirs}年度，开头引用的来文却是{year}年度的，"
            "请改正其中之一后重新生成报告")


def report_outputs(outdir: str | Path, pdf: bool) -> list[Path]:
    """Every file ``build_reports`` may write in ``outdir``: each document's .docx, with ``pdf`` its .pdf (the
    校验报告 has none), the list the 生成报告 button and ``report`` check before writing any
    (``guard.outpath.check_overwrite``): a PDF the department had signed or stamped was written over."""
    from .checkreport import CHECK_NAME

    out = Path(outdir)
    return ([out / f"{n}.docx" for n in (*DOCUMENTS, CHECK_NAME)]
            + ([out / f"{n}.pdf" for n in DOCUMENTS] if pdf else []))


def build_reports(batch: Batch, settings: Settings | None, outdir: str | Path, pdf: bool = False, *,
                  profile: Profile | str | None = None, templates: str | Path | None = None,
                  check: CheckResult | None = None, department: list[str] | None = None,
                  force: bool = False, progress: Callable[[str], None] | None = None,
                  notes: list[str] | None = None, settings_sheet: bool = True) -> list[Path]:
    """Write 报送函.docx, 项目支出绩效自评报告.docx and 整体绩效自评工作报告.docx (and PDFs) into ``outdir``,
    and the reviewer's 校验报告.docx beside them.

    The documents a department sends are written only from forms without errors: with errors left,
    ``ReportRefused`` unless ``force`` (then each figure an error touches is marked 【待核实】 and a
    warning goes to stderr). The 生成报告 button calls this with the workbook's forms and its 设置
    sheet. ``templates``: a folder with a department's edited copies of the three templates.
    ``progress``: told the name of each file before it is written. ``notes``: where the warnings go
    (the 生成报告 button's message, with the 设置 items the text leaves 【待填写】) instead of stderr
    (the command line). ``settings_sheet``: the workbook has a 设置 sheet to fill those items in (a form
    written by ``fill`` has none: the message says where to get one).
    """
    tdir = template_folder(templates)   # a wrong --templates said before any work
    data = collect(batch, settings, profile, check)
    one_year(data)     # the forms of another year than the 设置's: refused, as a 成文日期 in the year is
    dated = date_after_year(data)   # a 成文日期 in or before the budget year: refused here, before the forms' errors
    # a sheet that could not be read is an error too: a report without that project is not one to send
    n_errors = sum(len(p.errors) for p in data.projects) + len(data.problems) + len(data.department_errors)
    if n_errors and not force:
        files = sorted({p.item.file for p in data.projects if p.errors} | {f for f, _e in data.department_errors}
                       | {f for pb in data.problems if (f := getattr(pb, "file", None))})
        refused = ReportRefused(refusal(n_errors, files), file=files[0] if len(files) == 1 else None)
        refused.errors, refused.files = n_errors, files   # for a button to ask whether a draft is wanted
        raise refused
    said: list[str] = []
    if n_errors:   # the command was given --force; a button's 填报人 said yes to a draft
        said.append(f"自评表仍有 {n_errors} 处错误，报告按 --force 生成，受影响的数字旁标有【待核实】，改正前不得报送。"
                    if notes is None else
                    f"这是草稿：自评表仍有 {n_errors} 处错误，受影响的数字旁标有【待核实】，改正并再次生成前不得报送。")
    said += data.not_restated + ([dated] if dated else [])
    noticed = notice_year(data)
    if noticed:
        said.append(noticed)
    raw, date_forms = date_given(data)
    if impossible_date(data.settings.date):
        said.append(f"设置的成文日期“{data.settings.date}”不是实有的日期，文中标【待填写】，请改正后重新生成。")
    elif date_forms and impossible_date(raw):   # “2023.2.30” in the 填报日期: left 【待填写】, and it was said nowhere
        where, fix = _forms_date(date_forms)
        said.append(f"{where}写的是“{raw}”，不是实有的日期，文中标【待填写】：请{fix}后重新生成。")
    elif time_only(data.settings.date):   # an Excel time value (“12:00:00”): no day, printed under the 落款 before
        said.append(f"设置的成文日期写的是“{data.settings.date}”：{TIME_CELL}，文中标【待填写】："
                    "请把这一格的格式设为“常规”后填写日期（如 2023年3月1日），再重新生成。")
    ctx = build_context(data, department)
    if notes is None:
        for line in said:
            print(f"警告：{line}", file=sys.stderr)
    else:
        notes.extend(said)
        blank = [FIELDS[key][0] for key in SETTINGS_IN_TEXT
                 if ctx.get(key) == TODO and not (key == "date" and (impossible_date(data.settings.date)
                                                                    or time_only(data.settings.date)
                                                                    or bool(date_forms) and impossible_date(raw)))]
        if blank:   # the button said only “已生成”, and the 填报人 found the 【待填写】 in Word
            where = (f"没有在“{SETTINGS_SHEET}”工作表中填写" if settings_sheet else
                     f"没有填写（{NO_SETTINGS_SHEET}）")
            notes.append(f"{'、'.join(blank)}{where}，文中这些地方标【待填写】："
                         f"填写后再点“生成报告”；其余的【待填写】（如"
                         f"{'其他组织开展情况' if data.team else '工作小组组成人员'}）请在 Word 中补写。")
    out = Path(outdir)
    tell = progress or (lambda _name: None)
    from ..fileio import staged_set

    with staged_set(out) as stage:
        written = _write_documents(data, ctx, stage.folder, tdir, templates, pdf, tell, notes)
        return stage.place(written)


def document_context(ctx: dict[str, Any], name: str) -> dict[str, Any]:
    """What the document ``name`` places: ``build_context``'s keys, with what that document says apart from the
    others over them (its ``per_document``: the 整体绩效自评工作报告's 整改措施 take in the 部门整体 form's)."""
    return {**ctx, **ctx.get("per_document", {}).get(name, {})}


def _write_documents(data: ReportData, ctx: dict[str, Any], out: Path, tdir: Path, templates: str | Path | None,
                     pdf: bool, tell: Callable[[str], None], notes: list[str] | None) -> list[Path]:
    """The documents of ``build_reports`` written into ``out`` (its staging folder)."""
    written: list[Path] = []
    # a department sending its 部门整体 form alone has no 项目支出绩效自评报告 to send (nor its letter to list)
    for name in DOCUMENTS if data.projects else [n for n in DOCUMENTS if n != DOCUMENTS[1]]:
        template = tdir / f"{name}.docx"
        if not template.exists():
            template = TEMPLATE_DIR / f"{name}.docx"
        elif templates:  # a department's edited copy: a regular file of sane size (a FIFO would block)
            from ..guard import check_input

            check_input(template)
        tell(f"{name}.docx")
        written.append(render(template, document_context(ctx, name), out / f"{name}.docx"))
        if template.parent != TEMPLATE_DIR and not data.projects:
            empty = empty_headings(written[-1])
            if empty:   # a department's own copy, made before the built-in one left the projects' part out
                line = (f"{name}.docx：这次只有部门整体支出绩效自评表，所用模板中"
                        f"{quoted_series(empty)}下没有内容。内置模板用 {{%p if projects %}} …… "
                        f"{{%p endif %}} 包住讲项目的部分，请照此修改自己的模板，或在 Word 中删去这些标题。")
                if notes is None:
                    print(f"警告：{line}", file=sys.stderr)
                else:
                    notes.append(line)
    if pdf:
        for p in list(written):
            tell(f"{p.stem}.pdf")
            written.append(to_pdf(p, out))
    tell(f"{CHECK_NAME}.docx")
    written.append(write_check_report(data, out / f"{CHECK_NAME}.docx"))
    return written
