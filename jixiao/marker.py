"""The mark jixiao leaves in the workbooks it derives from forms (标注副本, 汇总表, 复核台账).

Those files hold copies of the forms; read back as returned workbooks they would count
every project twice. So each carries a custom document property ``jixiao-output`` naming
its kind, and ``cp:lastModifiedBy`` = ``jixiao``. A marked file that a person has since
saved in Excel or WPS (lastModifiedBy changed) is a department's work again, not ours:
``own_output`` then returns None and the file is read like any other. So is one whose 应用程序
(``docProps/app.xml``) names a program other than jixiao's writers: LibreOffice, with no user name
set (its default), keeps the lastModifiedBy it found, and a 标注副本 the reviewer sent back, corrected
and saved there, was left out of the next round as “本工具生成的校验标注副本”.

Reading the mark needs no spreadsheet library: it is two small XML parts of the zip (``docprops``).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

from .docprops import PACKAGE_ERRORS, PART_LIMIT, property_part

MARK = "jixiao-output"
AUTHOR = "jixiao"
KINDS = {"annotated": "校验标注副本", "summary": "绩效自评情况汇总表", "ledger": "复核台账",
         "notice": "退回修改清单", "final": "定稿", "manifest": "复核清单"}
# the record ``review`` keeps in its output folder of what it wrote and said (``review.rounds``): no workbook
# to mark, it is known by its name; a folder's batch leaves it out as it does the workbooks beside it
# (``summarize`` of the review's folder read it as a form: “表单数据不符合 form.schema.json：字段 when……”)
MANIFEST = ".jixiao-复核清单.json"
SKIPPED = {"annotated", "summary", "ledger", "notice"}  # a 定稿 copy is what a department sends
# what each skipped output is, and what to give a command instead when it is named alone
ABOUT = {"annotated": ("校验时写出的各表副本", "请给出被校验的原工作簿"),
         "summary": ("汇总的结果", "请给出所汇总的自评表工作簿，或存放它们的文件夹"),
         "ledger": ("复核的结果", "请给出各单位报送的自评表工作簿，或收件夹"),
         "notice": ("复核的结果", "请给出各单位报送的自评表工作簿，或收件夹"),
         "manifest": ("复核的记录", "请给出各单位报送的自评表工作簿，或收件夹")}


def mark_openpyxl(wb: Any, kind: str) -> None:
    """Set (or replace) the mark on an openpyxl workbook before it is saved."""
    from openpyxl.packaging.custom import StringProperty

    props = wb.custom_doc_props
    for p in [p for p in props if p.name == MARK]:
        props.props.remove(p)
    props.append(StringProperty(name=MARK, value=kind))
    wb.properties.lastModifiedBy = AUTHOR


def mark_xlsxwriter(wb: Any, kind: str, title: str = "") -> None:
    """The same mark on an XlsxWriter workbook (call before close)."""
    # XlsxWriter writes the author as lastModifiedBy too: it must be AUTHOR for ``own_output``
    wb.set_properties({"title": title, "author": AUTHOR, "comments": KINDS.get(kind, kind)})
    wb.set_custom_property(MARK, kind)


_PROP = re.compile(r'<property[^>]*name="' + re.escape(MARK) + r'"[^>]*>.*?<vt:lpwstr[^>]*>([^<]*)</vt:lpwstr>', re.S)
_BY = re.compile(r"<cp:lastModifiedBy>([^<]*)</cp:lastModifiedBy>")
_APP = re.compile(r"<Application>([^<]*)</Application>")
_REVISION = re.compile(r"<cp:revision>([^<]*)</cp:revision>")
_CREATOR = re.compile(r"<dc:creator[^>]*>([^<]*)</dc:creator>")
_CREATED = re.compile(r"<dcterms:created[^>]*>([^<]*)</dcterms:created>")
_MODIFIED = re.compile(r"<dcterms:modified[^>]*>([^<]*)</dcterms:modified>")
# what jixiao's writers put in 应用程序: openpyxl's own (“Microsoft Excel Compatible / Openpyxl 3.1.5”) and
# XlsxWriter's “Microsoft Excel” (which Excel writes too; Excel always changes lastModifiedBy)
_OUR_APPS = re.compile(r".*Openpyxl.*|Microsoft Excel", re.I)
# what python-docx's default package (every report and notice jixiao writes) has as 应用程序
_DOCX_APP = "Microsoft Macintosh Word"


def read_mark(path: str | Path) -> tuple[str | None, str | None]:
    """(kind, who saved it last) of a workbook: lastModifiedBy, or the 应用程序 where that is not one of
    jixiao's writers (a program saved it since, whatever lastModifiedBy says); (None, None) for anything
    without the mark."""
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            if "docProps/custom.xml" not in names:
                return None, None
            if any(z.getinfo(n).file_size > PART_LIMIT for n in ("docProps/custom.xml", "docProps/core.xml")
                   if n in names):
                return None, None  # no real properties part is this big: not ours (the reader checks it)
            m = _PROP.search(property_part(z, "docProps/custom.xml") or "")
            if not m:
                return None, None
            by = _BY.search(property_part(z, "docProps/core.xml") or "")
            app_xml = property_part(z, "docProps/app.xml") or "" if "docProps/app.xml" in names else ""
            app = _APP.search(app_xml)
            if app and not _OUR_APPS.fullmatch(app.group(1).strip()):
                return m.group(1), app.group(1).strip()   # saved by another program since: not ours
            return m.group(1), by.group(1) if by else None
    except PACKAGE_ERRORS:  # a damaged package (e.g. an unknown compression method): not ours;
        return None, None   # the reader that opens it next reports why, located


def own_output(path: str | Path) -> str | None:
    """The kind of jixiao output ``path`` is, if it is one nobody has edited since; else None."""
    kind, by = read_mark(path)
    if kind in SKIPPED and (by or "") == AUTHOR:
        return kind
    return None


def own_aside(kind: str) -> str:
    """Why a folder's batch leaves one of our outputs out (a 复核台账 holds no form: not “内含各表的副本”)."""
    what = ABOUT[kind][0] if kind in ABOUT else ""
    return f"本工具生成的{KINDS.get(kind, kind)}" + (f"（{what}）" if what else "") + "，不计入"


def named_alone(path: str | Path, kind: str, doing: str) -> str:
    """What a command says of one of its own outputs (``own_output``) named as its only input: a folder
    leaves such a file out without a word, named alone nothing would be left to ``doing``."""
    what, instead = ABOUT[kind]
    return f"{path}：这是本工具写出的{KINDS[kind]}（{what}），不能用来{doing}；{instead}"


def without_forms(path: str | Path) -> str | None:
    """What ``path`` is when it is one of our outputs that holds no 自评表 (a 复核台账, a 退回修改清单,
    the review's 汇总表 — also once a person has saved it), and what to give instead; None otherwise."""
    kind, _by = read_mark(path)
    if kind not in ABOUT:
        return None
    what, instead = ABOUT[kind]
    return f"这是本工具写出的{KINDS[kind]}（{what}），其中没有自评表；{instead}"


def untouched_output(path: str | Path) -> bool:
    """Whether the existing file ``path`` is a workbook one of jixiao's writers produced that no program
    has saved since, so that writing over it loses nobody's work: its 应用程序 is jixiao's openpyxl writer
    (``fill``, ``import``, ``calc``, the 校验标注副本, the 汇总表), or XlsxWriter's “Microsoft Excel” with
    ``jixiao`` as 最后修改者 (the 复核台账 and 退回修改清单). Excel, WPS and LibreOffice rewrite 应用程序 or
    最后修改者 on every save: a workbook a 填报人 filled in, or a 汇总表 the reviewer corrected, is not
    untouched. The 定稿 carries no mark of the tool (it is the department's own workbook): its
    “Microsoft Excel” was written with its 创建时间 and 修改时间 the same second and its 作者 as
    最后修改者 and no list of its sheets in app.xml (``finalize``, through openpyxl); every program's save
    sets 修改时间 (and 最后修改者) anew, and Excel, WPS and XlsxWriter list the sheets (a workbook another
    program wrote in one go is not taken for a 定稿). A report (.docx) jixiao writes is at 修订号 1, its
    创建时间 and 修改时间 the same second (``reports.docxwrite.set_properties``) and its 应用程序 python-docx's
    “Microsoft Macintosh Word”: Word counts every save in 修订号 and sets 修改时间; LibreOffice leaves a
    document it did not open for editing at 修订号 1 with its times as they were, but writes its own name
    as 应用程序 (a report a 填报人 opened and saved there was taken for untouched and written over). An
    empty file holds no work; anything else (another format, a damaged package) is kept. The 定稿's PDF and mail
    draft: ``_untouched_pdf``, ``mail.untouched_draft``."""
    try:
        size = Path(path).stat().st_size
        if size == 0:
            return True
        with open(path, "rb") as f:
            head = f.read(5)
        if head == b"%PDF-":
            return size <= PDF_LIMIT and _untouched_pdf(Path(path).read_bytes())
        if Path(path).suffix.lower() == ".eml":
            from .mail import untouched_draft

            return size <= PDF_LIMIT and untouched_draft(Path(path).read_bytes())
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            if any(z.getinfo(n).file_size > PART_LIMIT for n in ("docProps/app.xml", "docProps/core.xml")
                   if n in names):
                return False
            app_xml = property_part(z, "docProps/app.xml") or "" if "docProps/app.xml" in names else ""
            app = _APP.search(app_xml)
            core = property_part(z, "docProps/core.xml") or "" if "docProps/core.xml" in names else ""
            by = _BY.search(core)
            if "word/document.xml" in names:
                rev, created, modified = _REVISION.search(core), _CREATED.search(core), _MODIFIED.search(core)
                return (rev is not None and rev.group(1).strip() == "1" and app is not None
                        and app.group(1).strip() == _DOCX_APP and created is not None and modified is not None
                        and created.group(1) == modified.group(1))
    except (*PACKAGE_ERRORS, OSError):
        return False
    written_by = app.group(1).strip() if app else ""
    if re.fullmatch(r".*Openpyxl.*", written_by, re.I):
        return True
    if written_by != "Microsoft Excel":
        return False
    if (by.group(1) if by else "") == AUTHOR:
        return True
    if "TitlesOfParts" in app_xml:  # Excel, WPS and XlsxWriter list the sheets there; openpyxl (the 定稿) does not
        return False
    created, modified, creator = _CREATED.search(core), _MODIFIED.search(core), _CREATOR.search(core)
    return (created is not None and modified is not None and created.group(1) == modified.group(1)
            and (by.group(1) if by else "") == (creator.group(1) if creator else ""))


PDF_LIMIT = 256 * 2**20   # a 定稿's PDF is some hundred KB; anything far larger is not one to read through
_PDF_STRING = rb"(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>)"
_PDF_INFO = {key: re.compile(rb"/" + key.encode() + rb"\s*" + _PDF_STRING, re.S)
             for key in ("Producer", "CreationDate", "ModDate")}
_PDF_OBJECT = re.compile(rb"\d+\s+\d+\s+obj\b")
_PDF_WRITERS = ("LibreOffice", "Microsoft")   # the 定稿's PDF: LibreOffice's export, or Excel's (the add-in)


def _untouched_pdf(data: bytes) -> bool:
    """Whether a PDF is one of the 定稿's as its writer left it: LibreOffice's or Excel's export (its
    制作程序, Producer), with no object after its first ``%%EOF`` (a PDF reader that signs, stamps or
    annotates it — Acrobat, Foxit, WPS — appends a revision holding them; Office's own PDFs end in a
    second, empty cross-reference section, which adds none) and modified only when created (a program
    that saves it whole, or a revision, writes a ModDate of its own: the last one counts). A PDF
    exported from a workbook by hand is taken for one: it holds nothing a person wrote into the PDF."""
    end = data.find(b"%%EOF")
    if end < 0 or _PDF_OBJECT.search(data, end):
        return False
    found = {key: list(rx.finditer(data)) for key, rx in _PDF_INFO.items()}
    producer, created, modified = (_pdf_text(ms[-1].group(1)) if ms else None for ms in found.values())
    if producer is None or not any(w in producer for w in _PDF_WRITERS):
        return False
    return modified is None or modified == created


def _pdf_text(token: bytes) -> str:
    """A PDF string as text: ``<FEFF…>`` (UTF-16, as LibreOffice writes it) or ``(…)`` with its escapes
    (“\\256” for Excel's ®), in UTF-16 where it starts so."""
    if token.startswith(b"<"):
        raw = bytes.fromhex(re.sub(rb"\s", b"", token[1:-1]).decode("ascii"))
    else:
        raw = re.sub(rb"\\([0-7]{1,3}|.)", lambda m: bytes([int(m.group(1), 8) & 0xFF]) if m.group(1)[:1].isdigit()
                     else {b"n": b"\n", b"r": b"\r", b"t": b"\t"}.get(m.group(1), m.group(1)), token[1:-1], flags=re.S)
    if raw.startswith(b"\xfe\xff"):
        return raw[2:].decode("utf-16-be", "replace")
    return raw.decode("latin-1")
