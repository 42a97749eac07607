"""The list of projects a department should report (--expected): e.g. the budget approval list.

Any workbook (or a .csv, as lists are often exported) whose first sheet with a 项目名称 header also has a department column:
实施单位 (or 单位/部门 …) and, optionally, 主管部门, 年度 and 预算 (万元). Rows above the
header (a title) and blank rows are passed over.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import JixiaoError

UNIT_HEADS = ("实施单位", "预算单位", "单位名称", "单位", "部门名称", "部门")
_TOTAL = re.compile(r"[（(]?(?:合计|小计|总计|共计|总合计)[）)]?(?:[:：].{0,20})?")  # “合计”, “小计：民政局”, “（合计）”
# a column of the department's address: the 催报 and 退回 drafts of one that did not send by mail go there
EMAIL_HEADS = ("联系邮箱", "电子邮箱", "邮箱", "电子邮件", "邮件地址", "邮箱地址", "email", "e-mail")


def norm(s: object) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(s or "")))


# A county's place name before a department's own: “大厂回族自治县”, “大厂县”, “县”, “中共大厂县”(委…).
# 市 and 区 are also the first characters of 市场…/区域…; a 开发区 or 工业园区 is no place but a body.
_PLACE = re.compile(r"(?:中共)?([\u4e00-\u9fff]{0,8}?)(?:自治县|自治旗|县|区|市|旗)(?![场域级])")
_NOT_PLACE = ("开发", "高新", "园", "经济", "工业", "示范", "新区", "管委", "局", "办", "院", "委", "中心", "站", "所")


def department_key(name: object) -> str:
    """A department's name without the county it belongs to (and without a budget list's “（本级）”),
    so that “大厂回族自治县水务局”, “大厂县水务局”, “县水务局” and “县水务局（本级）” are one
    department (the forms and the approval list each write it their own way); the short forms every
    county writes (“卫健局”, “发改局”, “人社局”, “住建局”) are the full name's (``_SHORT``)."""
    body = _body(name)
    m = _STEM.fullmatch(body)
    if m and m.group(1) in _SHORT:
        return _SHORT[m.group(1)] + (m.group(2) if m.group(2) != "委员会" else "委")
    return body[:-3] + "委" if body.endswith("委员会") else body


def _body(name: object) -> str:
    """The department's own name, as written, after its place: a tail of the name as written."""
    n = re.sub(r"[（(]?本级[）)]?$", "", norm(name))  # a budget list's “县教育局（本级）”: its own budget, the same body
    for _ in range(3):  # 北京市 › 丰台区 › 医疗保障局
        m = _PLACE.match(n)
        if not m or any(w in m.group(1) for w in _NOT_PLACE) or len(n) - m.end() < 2:
            break
        n = n[m.end():]
    return n


# The short and the official forms of departments' names, as counties write them on forms and lists:
# a stem, then 局/委/委员会/办 (“应急管理局” stays itself: only a stem written whole is replaced).
_SHORT = {"卫健": "卫生健康", "卫生健康": "卫生健康", "发改": "发展和改革", "发展改革": "发展和改革",
          "人社": "人力资源和社会保障", "人力资源社会保障": "人力资源和社会保障", "住建": "住房和城乡建设",
          "住房城乡建设": "住房和城乡建设", "市场监管": "市场监督管理", "医保": "医疗保障", "应急": "应急管理",
          "交通": "交通运输", "工信": "工业和信息化", "工业信息化": "工业和信息化", "科技": "科学技术",
          "城管": "城市管理", "文旅": "文化和旅游", "文化旅游": "文化和旅游", "教体": "教育和体育",
          "民宗": "民族宗教事务", "农业农村": "农业农村", "退役军人": "退役军人事务"}
_STEM = re.compile(r"(.+?)(局|委员会|委|办公室|办)")


def placed(name: object) -> bool:
    """Whether a department's name begins with its place (“县司法局”, “大厂县医疗保障局”, “中共大厂县委宣传部”):
    a name of one county's body, not a short one many counties' departments share (“医保局”, “民政局”)."""
    return _body(name) != re.sub(r"[（(]?本级[）)]?$", "", norm(name))


def _place(name: object) -> str:
    """The place a department's name starts with, reduced to what tells two places apart:
    “大厂回族自治县” → “大厂回族”, “县” → “”, “北京市丰台区” → “北京丰台”."""
    n = norm(name)
    return re.sub(r"自治|[县区市旗州省]|中共", "", n[:len(n) - len(_body(n))])


def same_place(a: object, b: object) -> bool:
    """Whether two spellings can be one county's: one names no place (“县水务局”), or one place
    name holds the other (“大厂县” in “大厂回族自治县”, “丰台区” in “北京市丰台区”) — not
    丰台区 and 海淀区 of one city."""
    pa, pb = _place(a), _place(b)
    return pa in pb or pb in pa


_YEAR = re.compile(r"^(?:(?:19|20)\d{2}|二[〇零][一二三四五六七八九〇零]{2})年度?")


def project_key(name: object) -> str:
    """A project's name as the approval list and a form both mean it: without the year in front
    (“2022年度城乡医疗救助资金”) or a closing “项目”, which one side writes and the other not."""
    n = _YEAR.sub("", norm(name))
    return n[:-2] if n.endswith("项目") and len(n) > 4 else n


def likeness(a: str, b: str, key: Callable[[str], str] = project_key) -> float:
    """How alike two names are, from 0 to 1: difflib's ratio of their ``key``s, 0 where the numbers
    in them differ (文号, years, dates, “二期”-like counts written as digits). Project names here
    (``near_names``); the 三级指标 names of a 自评表 and its 绩效目标表 too (rule T1, a renamed indicator)."""
    from difflib import SequenceMatcher

    ka, kb = key(a), key(b)
    if re.findall(r"\d+", ka) != re.findall(r"\d+", kb):
        return 0.0  # “…冀财社(2021)159 号” and “…(2021)164 号”: two funds under one long formula of words
    return SequenceMatcher(None, ka, kb, autojunk=False).ratio()


def near_names(missing: list[str], received: list[str], cutoff: float = 0.75) -> dict[str, str]:
    """Missing project -> the received project whose name is near it (“医疗保障服务经费” on the list,
    “医疗保障服务项目经费” on the form): each the other's best match, and alike by ``cutoff`` at least
    (``likeness`` of the ``project_key`` names, whose numbers — 文号, years, dates — must be the
    same). A hint for the department, never a match: the
    project stays 未报 until the form carries the approved name."""
    out: dict[str, str] = {}
    for m in missing:
        scored = sorted(((likeness(m, r), r) for r in received), reverse=True)
        if not scored or scored[0][0] < cutoff:
            continue
        best = scored[0][1]
        back = max(missing, key=lambda x: likeness(x, best))
        if back == m:
            out[m] = best
    return out


def spellings(official: list[str], seen: list[str]) -> dict[str, str]:
    """norm(spelling) -> the department's name, for each spelling in ``seen`` that names one of
    ``official`` (the approval list's names) by ``department_key`` in a ``same_place`` — only where
    exactly one fits, never a guess between two. With no list, the spellings of one key in the forms become the
    one written most often (the longest on a tie)."""
    out: dict[str, str] = {}
    if official:
        by_key: dict[str, list[str]] = {}
        for o in dict.fromkeys(official):
            by_key.setdefault(department_key(o), []).append(o)
        exact = {norm(o) for o in official}
        for s in seen:
            fits = [o for o in by_key.get(department_key(s), []) if same_place(o, s)]
            if norm(s) not in exact and len(fits) == 1:
                out[norm(s)] = fits[0]
        return out
    groups: dict[str, dict[str, int]] = {}
    for s in seen:
        if norm(s):
            counts = groups.setdefault(department_key(s), {})
            counts[s.strip()] = counts.get(s.strip(), 0) + 1
    for counts in groups.values():
        if len({norm(k) for k in counts}) > 1:
            best = max(counts, key=lambda k: (counts[k], len(k)))
            out.update({norm(k): best for k in counts if norm(k) != norm(best) and same_place(k, best)})
    return out


def named_department(name: object, names: dict[str, str], among: Iterable[str] | None = None) -> str | None:
    """The department a name written somewhere (a file's or a folder's name, the unit a 汇总表 is typed
    for) is, where that is certain: the one its spelling is (``names``: norm(spelling) -> department, as
    the forms and the list give them), else the one of ``among`` (default: the departments of ``names``)
    with its ``department_key`` in a ``same_place`` (“医保局” for 子洲县医疗保障局); None where none fits, or
    two do (“县民政局” beside 丰台区民政局 and 海淀区民政局) — never a guess between departments."""
    if not norm(name):
        return None
    if norm(name) in names:
        return names[norm(name)]
    key = department_key(name)
    fits = {d for d in (names.values() if among is None else among) if department_key(d) == key and same_place(d, name)}
    return fits.pop() if len(fits) == 1 else None


@dataclass
class Expected:
    file: str
    # department -> {normalised project name: project name as written}
    projects: dict[str, dict[str, str]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # normalised department -> as written
    emails: dict[str, list[str]] = field(default_factory=dict)  # normalised department -> its addresses, in order
    email_head: str | None = None  # the head of its address column (“联系邮箱”) as written; None: it has none

    def due(self, dept: str) -> dict[str, str]:
        return self.projects.get(norm(dept), {})

    def addresses(self, dept: str) -> list[str]:
        return self.emails.get(norm(dept), [])

    def owner(self, projects: list[str]) -> str | None:
        """The one listed department whose projects these are (``project_key``), as the list writes
        it; None where none of them is on the list, or they are on it under two departments. Forms
        that spell their department so that no listed name fits (“县卫健局” for the list's
        “县卫生健康局”, a renamed body) are that department's where the list says whose projects they carry."""
        keys = {project_key(p) for p in projects if norm(p)}
        owners = [d for d, listed in self.projects.items() if any(project_key(k) in keys for k in listed)]
        return self.names[owners[0]] if len(owners) == 1 else None


def _col(ref_row: int, col: int) -> str:
    s = ""
    col += 1
    while col:
        col, r = divmod(col - 1, 26)
        s = chr(65 + r) + s
    return f"{s}{ref_row + 1}"


def _csv_rows(path: Path) -> list[list[str]]:
    """A CSV list as rows: UTF-8 (with or without BOM), or GB18030 as Excel and WPS save “CSV” on a
    Chinese Windows."""
    import csv
    import io

    from ..guard import read_text

    text = read_text(path, what="项目清单", gbk=True)
    reader = csv.reader(io.StringIO(text.replace("\0", "")))
    try:
        return list(reader)
    except csv.Error:  # a field over the csv module's limit (131,072 characters)
        raise JixiaoError(f"{path}：项目清单第 {reader.line_num} 行不是可读的 CSV（一格的文字过长）",
                          file=str(path)) from None


def _tables(path: Path) -> Iterator[tuple[str, list[list[Any]]]]:
    """(sheet, rows) of the list: each sheet of a workbook, or the one table of a .csv (sheet "")."""
    if path.suffix.lower() == ".csv":
        yield "", _csv_rows(path)
        return
    from ..guard import check_workbook, engine_error_zh

    check_workbook(path)  # a regular file, a sane package: calamine would block on a FIFO, unkillable
    from ..reading.workbook import engine_open, markup_kind

    if markup_kind(path):  # the budget system's “导出 Excel”: a web page named .xls; LibreOffice reads it
        yield from _converted_tables(path)
        return
    try:
        wb = engine_open(path)    # a #SPILL! of a list made with UNIQUE or FILTER: read, not “无法打开”
    except Exception as exc:  # noqa: BLE001 - calamine's errors are its own types; said in Chinese
        raise JixiaoError(f"{path}：项目清单无法打开（{engine_error_zh(exc)}；应为 .xlsx/.xls 工作簿或 .csv）",
                          file=str(path)) from None
    for sheet in wb.sheet_names:
        yield sheet, _merged_filled(wb.get_sheet_by_name(sheet), str(path), sheet)


def _merged_filled(ws: Any, file: str, sheet: str) -> list[list[Any]]:
    """A sheet's rows with each merged range's value in every cell of it (``SheetGrid``): a list that
    merges one department's name down over its projects (most lists typed by hand do) names it on
    each row. Merges within the workbook limits (``guard.check_merges``)."""
    from ..guard import check_merges
    from ..reading.grid import SheetGrid

    rows = ws.to_python(skip_empty_area=False)
    try:
        merges = ws.merged_cell_ranges or []
    except Exception:  # noqa: BLE001 - a format calamine keeps no merges for: the values as they are
        merges = []
    if not merges:
        return rows
    check_merges(merges, file, sheet)
    grid = SheetGrid(rows, merges, file, sheet)
    return [[grid.raw(r, c) if grid.merged(r, c) else v for c, v in enumerate(row)] for r, row in enumerate(rows)]


def _converted_tables(path: Path) -> Iterator[tuple[str, list[list[Any]]]]:
    """The tables of a list saved as a web page or as Excel 2003 XML, through an .xlsx LibreOffice
    writes (gone afterwards)."""
    import tempfile

    import python_calamine as pc

    from ..excel.office import convert
    from ..reading.workbook import markup_kind, markup_said

    with tempfile.TemporaryDirectory(prefix="jixiao-list-") as tmp:
        try:
            out = convert(path, "xlsx", Path(tmp))
        except (JixiaoError, OSError):
            raise JixiaoError(f"{path}：项目清单{markup_said(markup_kind(path) or '网页（HTML）')}（扩展名为 {path.suffix}），"
                              f"需要 LibreOffice 才能读取：请安装 LibreOffice，或在 Excel 中打开后另存为 .xlsx",
                              file=str(path)) from None
        wb = pc.CalamineWorkbook.from_path(str(out))
        tables = [(sheet, _merged_filled(wb.get_sheet_by_name(sheet), str(path), sheet)) for sheet in wb.sheet_names]
        wb.close()
    yield from tables


def _head(v: object) -> str:
    """A column head without what lists add to it: “项目名称（全称）”, “实施单位(部门)”, “*项目名称”."""
    return re.sub(r"[（(][^）)]*[）)]$", "", norm(v)).lstrip("*＊")


def read_expected(path: str | Path, by: str = "实施单位", year: int | None = None) -> Expected:
    from ..mail import listed_addresses  # here: dedupe reads this module's spellings, and summarize needs no email

    path = Path(path)
    for sheet, rows in _tables(path):
        where = f"工作表“{sheet}”" if sheet else ""
        for r, row in enumerate(rows[:20]):
            heads = [_head(v) for v in row]
            if "项目名称" not in heads:
                continue
            pcol = heads.index("项目名称")
            ucol = next((heads.index(h) for h in UNIT_HEADS if h in heads), None)
            acol = heads.index("主管部门") if "主管部门" in heads else None
            ycol = next((i for i, h in enumerate(heads) if h in ("年度", "预算年度")), None)
            ecol = next((i for i, h in enumerate(heads) if h.lower() in EMAIL_HEADS), None)
            dcol = acol if by == "主管部门" and acol is not None else ucol if ucol is not None else acol
            if dcol is None:
                raise JixiaoError(f"{path}：{where}第 {r + 1} 行有“项目名称”，但没有“实施单位”或“主管部门”列",
                                  file=str(path))
            out = Expected(str(path), email_head=str(row[ecol]).strip() if ecol is not None else None)
            for rr in range(r + 1, len(rows)):
                vals = rows[rr]
                get = lambda c: vals[c] if c is not None and c < len(vals) else None  # noqa: E731
                name, dept = get(pcol), get(dcol)
                if not norm(name) or (not norm(dept) and _TOTAL.fullmatch(norm(name))):
                    continue  # a blank row, or the list's 合计/小计 row
                if not norm(dept):
                    raise JixiaoError(f"{path}：{where}{_col(rr, dcol)} 单元格：项目“{name}”没有填写单位",
                                      file=str(path))
                y = get(ycol)
                if year and y not in (None, "") and re.search(r"\d{4}", str(y)) and str(year) not in str(y):
                    continue  # another year's approval
                out.names.setdefault(norm(dept), str(dept).strip())
                out.projects.setdefault(norm(dept), {})[norm(name)] = str(name).strip()
                if ecol is not None and norm(get(ecol)):
                    good, bad = listed_addresses(get(ecol))
                    if bad:
                        raise JixiaoError(f"{path}：{where}{_col(rr, ecol)} 单元格：“{bad[0][:60]}”不是邮箱地址"
                                          "（多个地址用分号隔开）", file=str(path))
                    known = out.emails.setdefault(norm(dept), [])
                    known += [a for a in good if a not in known]
            return out
    raise JixiaoError(f"{path}：项目清单中没有找到“项目名称”表头（应有“项目名称”和“实施单位”两列）", file=str(path))
