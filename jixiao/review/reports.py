"""The departments' 自评报告 in the reviewer's inbox, read against their own forms (issue 19).

A department's mail or folder often holds its self-evaluation report (.docx, or .md/.txt)
beside the workbooks. ``inbox.gather`` finds those files with the workbooks (attachments of an
.eml and members of a .zip staged outside the inbox, never written into it); this module decides
whose report it is the way a reviewer would — the department of the forms that came in the same
folder, message or archive, else the department its path or title names — and runs the R rules of
``jixiao.reportcheck`` against exactly that department's counted forms. What it finds goes
where the reviewer looks: the department's counts and status, its 退回修改通知 (each finding
with the paragraph, the sentence quoted and the form cell it contradicts) and the JSON.

A document that is not a report (a 报送函, a 情况说明, last year's notice) is listed and left
alone rather than read for statements it does not make; a report that cannot be read is a
Chinese message naming the file, and the batch goes on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from ..reportcheck.document import SUFFIXES as REPORT_SUFFIXES
from ..errors import JixiaoError
from .inbox import InboxFile

__all__ = ["REPORT_SUFFIXES", "ReportCheck", "check_reports", "report_ask", "report_item_text"]

CONTAINERS = {".eml": "邮件", ".msg": "邮件", ".zip": "压缩包"}  # what a report came in with its workbooks, by the file in the inbox

# status of a report file, as the 文件清单 and the JSON show it
CHECKED, UNREADABLE, NOT_A_REPORT, NOT_CHECKED = "计入", "无法读取", "未计入", "未核对"


@dataclass
class ReportCheck:
    file: InboxFile
    department: str = ""
    status: str = CHECKED
    reason: str = ""
    title: str = ""
    forms: int = 0                                   # forms of the department it was read against
    findings: list[Any] = field(default_factory=list)  # jixiao Findings of the R rules

    def counts(self) -> dict[str, int]:
        return {s: sum(1 for f in self.findings if f.severity == s) for s in ("error", "warning", "info")}

    def to_dict(self) -> dict[str, Any]:
        c = self.counts()
        return {"file": self.file.shown, "status": self.status, "reason": self.reason, "title": self.title,
                "forms": self.forms, "errors": c["error"], "warnings": c["warning"], "hints": c["info"]}


# ----------------------------------------------------------------------------- whose report

def _together(rep: InboxFile, workbooks: list[InboxFile]) -> list[InboxFile]:
    """The workbooks that came with the report: the same message, else the same folder."""
    if rep.origin.suffix.lower() in CONTAINERS:
        return [w for w in workbooks if w.origin == rep.origin]
    return [w for w in workbooks if w.origin.parent == rep.origin.parent]


def _department(rep: InboxFile, title: str, workbooks: list[InboxFile], file_depts: dict[str, list[str]],
                names: dict[str, str], guess: Callable[[InboxFile], str], no_unit: str) -> tuple[str, str]:
    """(department, why not decided). The forms' own department when one came with the report;
    among several, the one the report's title or file name names; else its path, as for an
    unreadable workbook (``run.guess``). Never a guess between departments."""
    from .expected import norm

    near: list[str] = []
    for w in _together(rep, workbooks):
        for d in file_depts.get(str(w.path), []):
            if d != no_unit and d not in near:
                near.append(d)
    text = norm(title + rep.shown)
    if len(near) == 1:
        return near[0], ""
    if near:
        named = [d for d in near if norm(d) and norm(d) in text]
        if len(named) == 1:
            return named[0], ""
        return "", f"同一{CONTAINERS.get(rep.origin.suffix.lower(), '文件夹')}中有{len(near)}个单位的自评表" \
                   f"（{'、'.join(near)}），未能确定报告属于哪个单位，未核对"
    in_title = sorted({v for k, v in names.items() if k and k in norm(title)}, key=len, reverse=True)
    if len(in_title) == 1:
        return in_title[0], ""
    return guess(rep), ""


# ----------------------------------------------------------------------------- checking

def check_reports(reports: list[InboxFile], workbooks: list[InboxFile], batch: Any, result: Any,
                  item_dept: dict[int, str], file_depts: dict[str, list[str]], names: dict[str, str],
                  shown: Callable[[str], str], guess: Callable[[InboxFile], str], profile: Any,
                  no_unit: str) -> list[ReportCheck]:
    """Each report read, told apart from other documents, and checked against its department's forms."""
    from ..errors import JixiaoError
    from ..reportcheck import check_report, read_document
    from ..reportcheck.kind import is_report, title_of

    out: list[ReportCheck] = []
    for rep in reports:
        rc = ReportCheck(rep)
        out.append(rc)
        name = rep.shown.split(" › ")[-1]
        try:
            paragraphs, _tables = read_document(rep.path)
        except JixiaoError as exc:
            rc.status, rc.reason = UNREADABLE, _named(str(exc), rep)
        except Exception as exc:  # noqa: BLE001 - a damaged document is reported, the batch goes on
            rc.status, rc.reason = UNREADABLE, f"{rep.shown}：无法读取报告（{type(exc).__name__}）"
        if rc.status == UNREADABLE:
            rc.department = _department(rep, "", workbooks, file_depts, names, guess, no_unit)[0] or guess(rep)
            continue
        rc.title = title_of(paragraphs)
        ok, why = is_report(paragraphs, name)
        rc.department, undecided = _department(rep, rc.title, workbooks, file_depts, names, guess, no_unit)
        if not ok:
            rc.status, rc.reason = NOT_A_REPORT, why
            continue
        if undecided:
            rc.status, rc.reason = NOT_CHECKED, undecided
            continue
        items = [it for it in batch.forms if item_dept.get(id(it)) == rc.department]
        rc.forms = len(items)
        if not items:
            rc.status, rc.reason = NOT_CHECKED, f"没有读到{rc.department}的项目支出绩效自评表，报告未能核对"
            continue
        try:
            found = check_report(rep.path, items, profile, result.scores)
        except Exception as exc:  # noqa: BLE001 - never a traceback; the other reports are still checked
            rc.status, rc.reason = UNREADABLE, f"{rep.shown}：无法读取报告（{type(exc).__name__}）"
            continue
        rc.findings = [_shown_names(f, rep, items, shown) for f in found]
        n = sum(1 for f in rc.findings if f.severity != "info")
        rc.reason = f"与{rc.forms}张自评表核对，" + (f"{n}处与表不符" if n else "未发现与表不符")
    return out


def _named(message: str, rep: InboxFile) -> str:
    """A reader's message names the staged copy: name the file as the reviewer knows it."""
    return message.replace(str(rep.path), rep.shown)


def _shown_names(f: Any, rep: InboxFile, items: list[Any], shown: Callable[[str], str]) -> Any:
    """The report and the form cells under the names the reviewer knows (relative to the inbox)."""
    f.file = f.source = rep.shown
    for it in items:
        base = Path(it.file).name + " › "
        if f.against and f.against.startswith(base):
            new = shown(it.file) + " › " + f.against[len(base):]
            f.message = f.message.replace(f.against, new)
            f.against = new
            break
    return f


def finding_rows(checks: list[ReportCheck], groups: dict[str, str]) -> list[dict[str, Any]]:
    """The findings table's rows (``run._review``'s ``fdf``), one per report finding."""
    rows = []
    for rc in checks:
        for f in rc.findings:
            rows.append({"department": rc.department, "file": rc.file.shown, "path": str(rc.file.path),
                         "sheet": "", "cell": "", "project": f.project or "", "rule": f.rule,
                         "group": groups.get(f.rule, "report"), "severity": f.severity, "message": f.message,
                         "expected": f.expected, "found": f.found, "field": f.field,
                         "paragraph": f.paragraph, "quote": f.quote, "against": f.against or "",
                         "indicator": f.indicator or ""})
    return rows


def file_rows(checks: list[ReportCheck]) -> list[dict[str, Any]]:
    """The 文件清单's rows for the report files: checked, unreadable, or why not."""
    return [{"file": rc.file.shown, "origin": str(rc.file.origin),
             "departments": [rc.department] if rc.department else [], "path": str(rc.file.path),
             "status": rc.status if rc.status != NOT_CHECKED else NOT_A_REPORT,
             "reason": ("自评报告：" + rc.reason) if rc.status in (CHECKED, NOT_CHECKED) else rc.reason}
            for rc in checks]


# ----------------------------------------------------------------------------- the notice

def _inner(text: str) -> str:
    """A quotation inside “…”: its own quotation marks become ‘…’ (GB/T 15834)."""
    return str(text).replace("“", "‘").replace("”", "’")


def report_item_text(i: int, it: dict[str, Any]) -> str:
    """One numbered item of the 退回修改通知 for a report finding:
    自评报告“…”第6段“sentence”：what the report says, what the form says and its cell."""
    msg = str(it.get("message") or "")
    at, sep, rest = msg.partition("：")
    if not sep or not at.startswith("第"):
        at, rest = (f"第{it['paragraph']}段" if it.get("paragraph") else ""), msg
    rest = rest.rstrip("。")
    against = it.get("against") or ""
    if against and against not in rest:
        rest += f"（见{against}）"
    text = f"{i}．自评报告“{it.get('file', '')}”{at}“{_inner(it.get('quote') or '')}”：{rest}"
    from .notices import ending

    return ending(text, report_ask(it), bool(it.get("again")))


def report_ask(it: dict[str, Any]) -> str:
    """What the notice and its 清单 ask of a sentence of the 自评报告 that the forms contradict."""
    from .notices import VERIFY

    return VERIFY if it.get("severity") == "warning" else "请核实后改正报告或自评表"
