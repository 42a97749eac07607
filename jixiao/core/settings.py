"""The workbook's settings: what the forms do not hold but the documents and email need.

A department keeps them on a small 设置 sheet in its workbook (two columns: 项目 | 内容)
or in a YAML/JSON file; every field has a sensible default, and the documents mark the
places still to be written by hand with 【待填写】.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from ..errors import JixiaoError, ProfileError

SETTINGS_SHEET = "设置"
TODO = "【待填写】"

# field -> (label on the 设置 sheet, default, help shown beside it)
FIELDS: dict[str, tuple[str, Any, str]] = {
    "unit": ("单位名称", None, "报送单位全称；留空时取自评表的实施单位"),
    "year": ("年度", None, "预算年度；留空时取自评表的年度"),
    "doc_no": ("文号", None, "报送函文号，如 厂医保函〔2023〕5号"),
    "addressee": ("主送机关", "县财政局", "报送函的主送机关"),
    "notice": ("来文", None, "所依据的通知，如《关于开展2022年度预算绩效自评工作的通知》"),
    "signer": ("落款单位", None, "报送函落款；留空时同单位名称"),
    "date": ("成文日期", None, "如 2023年3月1日；留空时取自评表的填报日期"),
    "contact": ("联系人", None, "报送函中的联系人"),
    "phone": ("联系电话", None, "报送函中的联系电话"),
    "profile": ("评分方案", None, "留空为 财预〔2020〕10号；可写 60%规则、偏差扣分、执行率封顶、优≥80，用+连接"),
    "email_from": ("发件邮箱", None, "定稿邮件的发件人，如 ybj@example.gov.cn"),
    "email_to": ("收件邮箱", None, "财政局绩效科的收件邮箱，多个用分号隔开"),
    "problems": ("存在的问题", None, "报告“存在的问题”部分的补充文字（可留空，由校验结果和偏差原因生成）"),
    "measures": ("整改措施", None, "报告“整改措施和建议”部分的文字"),
    "others": ("其他说明", None, "报告“其他需要说明的问题”部分的文字"),
    # a department keeping its 部门整体支出绩效自评表 in the template's own workbook: 生成报告 and 定稿 read that
    # workbook too, so that the one 报送函 and the one mail list and carry both (``reports.sent.partner_books``)
    "partners": ("一并报送的工作簿", None, "部门整体支出绩效自评表在另一个工作簿中时写它的文件名，"
                 "如 部门整体支出绩效自评表.xlsx（同一文件夹中）"),
}
LABEL_TO_FIELD = {label: key for key, (label, _d, _h) in FIELDS.items()}
# what people also write on the 设置 sheet for the email's addresses
LABEL_TO_FIELD.update({"发件人": "email_from", "收件人": "email_to", "发件地址": "email_from", "收件地址": "email_to"})


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)

    unit: str | None = None
    year: int | None = None
    doc_no: str | None = None
    addressee: str | None = "县财政局"
    notice: str | None = None
    signer: str | None = None
    date: str | None = None
    contact: str | None = None
    phone: str | None = None
    profile: str | None = None
    email_from: str | None = None
    email_to: str | None = None
    problems: str | None = None
    measures: str | None = None
    others: str | None = None
    partners: str | None = None

    def get(self, key: str) -> str:
        """The value, or the 【待填写】 mark where a document needs it written by hand."""
        v = getattr(self, key)
        return TODO if v in (None, "") else str(v)


def _coerce(key: str, value: Any) -> Any:
    if value in (None, ""):
        return None
    if key == "year":   # 2023, 2023.0, “2023年”, “2023年度”, “二〇二三年”: the one reading of a year cell
        from .dates import year_in

        return year_in(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def from_mapping(data: dict[str, Any], source: str) -> Settings:
    """Accept keys as field names or as the Chinese labels of the 设置 sheet."""
    clean: dict[str, Any] = {}
    for k, v in data.items():
        key = LABEL_TO_FIELD.get(str(k).strip(), str(k).strip())
        if key not in FIELDS:
            raise JixiaoError(f"{source}：未知的设置项“{k}”；可用的有 " + "、".join(l for l, _d, _h in FIELDS.values()),
                              file=source)
        clean[key] = _coerce(key, v)
    try:
        return Settings(**{k: v for k, v in clean.items() if v is not None})
    except ValidationError as exc:  # pragma: no cover - all fields are optional text
        raise JixiaoError(f"{source}：设置有误：{exc}", file=source) from None


def load_mapping_file(path: str | Path, what: str) -> Any:
    """A settings file decoded: YAML (.yaml/.yml) or JSON; ``what`` names it in the Chinese errors
    (设置文件, 校验规则设置文件). The 设置 and the 校验规则 files are read through this one function."""
    from ..guard import read_text
    from ..guard.jsonsafe import load_json_file, yaml_error_zh

    p = Path(path)
    suffix = p.suffix.lower()
    if suffix in (".xlsx", ".xlsm", ".xls", ".et", ".docx", ".doc", ".wps", ".pdf"):  # said before it is read
        sheet = ("；工作簿“设置”工作表中的设置不用另行指定，命令读取所给工作簿自己的“设置”工作表"
                 if suffix in (".xlsx", ".xlsm", ".xls", ".et") else "")
        raise JixiaoError(f"{p}：{what}应为 YAML（.yaml/.yml）或 JSON（.json）文本文件{sheet}", file=str(p))
    if p.suffix.lower() not in (".yaml", ".yml"):
        return load_json_file(p, what, max_bytes=16 * 2**20)  # never ``open`` a FIFO: it would block (issue #13)
    text = read_text(p, what=what, max_bytes=16 * 2**20)
    import yaml

    try:
        return yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise JixiaoError(f"{p}：{what}不是合法的 YAML（{yaml_error_zh(exc)}）", file=str(p)) from None


def load_settings_file(path: str | Path) -> Settings:
    data = load_mapping_file(path, "设置文件")
    if not isinstance(data, dict):
        raise JixiaoError(f"{path}：设置文件应为“项目: 内容”的映射", file=str(path))
    return from_mapping(data, str(path))


def settings_sheet_rows(path: str | Path) -> list[list[Any]] | None:
    """The values of a workbook's 设置 sheet (from A1), or None: no such sheet, or not a workbook
    (a file the readers cannot open has no settings; the readers report it themselves)."""
    from .. import guard
    from ..errors import JixiaoError

    if Path(path).suffix.lower() not in (".xlsx", ".xlsm", ".xls", ".et"):
        return None
    try:  # checked first, then read in a child with memory and time limits, like any input (``guard``)
        guard.check_workbook(Path(path))
        if not _may_have_settings_sheet(Path(path)):  # no child to start for a workbook without one (issue #18)
            return None
        rows: list[list[Any]] | None = guard.run_limited(_settings_rows, str(path), name=guard._show(path))
    except JixiaoError:
        return None
    return rows


def _may_have_settings_sheet(path: Path) -> bool:
    """False only when an .xlsx/.xlsm's workbook.xml (the list of its sheets, already vetted by
    ``guard``) cannot name a 设置 sheet: neither the name in UTF-8, nor a character reference,
    nor another encoding. Anything unusual is left to the engine, as before."""
    import zipfile

    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return True
    try:
        with zipfile.ZipFile(path) as z:
            xml = z.read("xl/workbook.xml")
    except Exception:  # noqa: BLE001 - not a plain package: the engine decides, in its child
        return True
    head = xml[:200].lower()
    foreign = b"\x00" in xml or (b"encoding=" in head and b"utf-8" not in head)
    return foreign or b"&#" in xml or SETTINGS_SHEET.encode("utf-8") in xml


def read_settings_sheet(path: str | Path) -> Settings | None:
    """The 设置 sheet of a workbook (column A label, column B value), or None if it has none."""
    rows = settings_sheet_rows(path)
    return None if rows is None else settings_from_rows(rows, f"{path}#{SETTINGS_SHEET}")


def settings_from_rows(rows: list, source: str) -> Settings:
    """Settings from the 设置 sheet's rows (column A label, column B value), wherever they
    were read (a saved file, or the workbook open in Excel)."""
    data = {}
    for row in rows or []:
        if row is not None and len(row) >= 2 and str(row[0]).strip() in LABEL_TO_FIELD:
            data[str(row[0]).strip()] = row[1]
    return from_mapping(data, source)


def profile_tried(settings: Settings, rows: list | None) -> Settings:
    """``settings`` once its 评分方案 is known to be one: an unknown one (“六十分规则”) is an error naming
    the 设置 sheet's cell and what may be written there — every button scores by it, and it said only
    “未知的评分方案或选项”, with the command line's ASCII names, not where the 填报人 had written it."""
    if not settings.profile:
        return settings
    from .profiles import DEFAULT_NAME, get_profile, options_zh

    try:
        get_profile(settings.profile)
    except JixiaoError:
        label = FIELDS["profile"][0]
        row = next((i for i, r in enumerate(rows or [], 1) if r and str(r[0] or "").strip() == label), None)
        where = f"“{SETTINGS_SHEET}”工作表{f' B{row}' if row else ''}（{label}）"
        raise ProfileError(f"{where}写的是“{settings.profile}”，不是可用的评分方案。请清空这一格（按 {DEFAULT_NAME} 评分），"
                          f"或写 {DEFAULT_NAME} 再用“+”接上选项：{'、'.join(options_zh())}"
                          f"（如 {DEFAULT_NAME}+{options_zh()[0]}），然后再点一次。") from None
    return settings


def _settings_rows(path: str) -> list[list[Any]] | None:
    """The 设置 sheet's values (run in a child with limits: ``guard.run_limited``)."""
    from .. import guard
    from ..guard import sanitize
    from ..reading.workbook import engine_open

    try:
        wb = engine_open(path)  # an .xls named .xlsx read as what it is
    except Exception:  # noqa: BLE001 - a workbook calamine cannot open has no 设置 sheet to read
        return None
    try:
        if SETTINGS_SHEET not in wb.sheet_names:
            return None
        ws = wb.get_sheet_by_name(SETTINGS_SHEET)
        guard.check_dimensions(ws, guard._show(path), SETTINGS_SHEET)
        rows = ws.to_python(skip_empty_area=False)
    finally:
        wb.close()
    sanitize.clean_rows(rows)
    return rows


# what a message says where the workbook has no 设置 sheet to fill in (a form written by ``fill``, a copy
# that lost it): where to get one, not “填写 in the 设置 sheet” the 填报人 cannot find
NO_SETTINGS_SHEET = f"工作簿中没有“{SETTINGS_SHEET}”工作表，请从自评表模板中把“{SETTINGS_SHEET}”工作表复制到本工作簿后填写"


# The 设置 sheet is the documents' and the mail's settings, no form: printed with the forms (a workbook
# printed whole: Excel's 打印整个工作簿, LibreOffice's PDF), it was a page of its own and the forms'
# 第 N 页，共 M 页 counted it. Its print area is one empty cell right of its table: a page with nothing on
# it, which LibreOffice leaves out and does not count (its 不输出空白页, on by default) and Excel leaves out
# of a job (a blank last page); a sheet with no print area of its own is printed whole by both.
SETTINGS_PRINT_AREA = "$E$1"


def settings_sheet_spec(settings: Settings | None = None):
    """The 设置 sheet as a plan edit (for templates and the 生成报告/定稿 buttons)."""
    from ..excel.fit import row_height
    from ..excel.plan import SheetSpec

    s = settings or Settings()
    widths: dict[str, float] = {"A": 14, "B": 48, "C": 56}
    spec = SheetSpec(SETTINGS_SHEET, widths=widths)
    spec.cells.update({"A1": "项目", "B1": "内容", "C1": "说明"})
    spec.styles["A1:C1"] = "header"
    for i, (key, (label, _default, help_text)) in enumerate(FIELDS.items(), start=2):
        spec.cells[f"A{i}"] = label
        v = getattr(s, key)
        spec.cells[f"B{i}"] = "" if v is None else v
        spec.cells[f"C{i}"] = help_text
        # a row as tall as its wrapped text: a file carries no auto-fit, and a two-line 说明 (评分方案)
        # at the default height was printed over the row above it
        spec.heights[i] = row_height((spec.cells[f"{c}{i}"], w) for c, w in widths.items())
    spec.styles[f"A2:C{len(FIELDS) + 1}"] = "body"
    spec.print_area = SETTINGS_PRINT_AREA
    return spec
