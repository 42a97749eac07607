"""Units as departments write them in 年度指标值 and 实际完成值, and how one converts into another.

The vocabulary ``values`` reads a cell with — each alias with its canonical unit, its dimension and its scale —
and the two conversions the scorer needs between cells written in different units: time spans (``time_factor``)
and counts per period (``per_factor``). Words only, no parsing: ``values`` does that.
"""

from __future__ import annotations

RATIO_WORDS = ("%", "百分比", "比率", "比例", "百分点")

# What is counted, as departments write it after its counter (“18个乡镇”, “5家企业”, “3座桥梁”, “800名学生”):
# the unit as written, not text after it (C10 asked for “800 名” alone); the count is the counter's (名 is 人).
# A noun not listed here is still text after the counter (C10).
_COUNTED_NOUNS = ("乡镇", "乡镇(街道)", "镇", "乡", "村", "行政村", "自然村", "社区", "村(社区)", "街道", "项目", "部门",
                  "站点", "网点", "点位", "基地", "合作社", "企业", "园区", "小区", "学校", "医院", "卫生院", "卫生室",
                  "示范点", "示范村", "安置点", "服务站", "服务点", "服务中心", "机构", "养老机构", "医疗机构", "定点医疗机构",
                  "敬老院", "养老院", "幼儿园", "农家书屋", "文化站", "文化室", "景区", "片区", "试点", "监测点", "监测站",
                  "脱贫村", "家庭农场", "经营主体", "市场主体", "标段", "子项目", "班级", "门店", "商户",
                  "监控点", "平台", "中心", "村民小组", "单位", "科室", "网格", "窗口", "诊所", "药店", "社会组织",
                  "养殖场", "种植基地", "场所", "场馆", "公厕", "品牌", "产品", "案例", "课题")
_PEOPLE = ("学生", "学员", "教师", "老师", "医生", "医务人员", "干部", "职工", "员工", "工作人员", "志愿者", "儿童",
           "幼儿", "老人", "老年人", "患者", "群众", "农民", "村民", "居民", "残疾人", "困难群众", "退役军人", "参保人员",
           "人员", "人才", "专家", "护林员", "保洁员", "网格员", "劳动力")
COUNTED_BY = {"个": _COUNTED_NOUNS, "家": _COUNTED_NOUNS, "名": _PEOPLE, "位": _PEOPLE,
              "所": ("学校", "幼儿园", "医院", "卫生院", "小学", "中学", "中小学", "学院", "养老院", "敬老院"),
              "座": ("桥梁", "桥", "水库", "公厕", "厕所", "水厂", "泵站", "塘坝", "山塘", "房屋", "大棚", "温室",
                     "蓄水池", "基站", "变电站", "厂房"),
              "条": ("道路", "公路", "河道", "河流", "线路", "渠道", "沟渠", "巷道", "街巷", "管网", "管线", "步道"),
              "处": ("景点", "隐患点", "点位", "地块", "场所", "设施"),
              "台": ("设备", "机械", "农机", "电脑", "计算机", "空调", "服务器", "仪器"),
              "辆": ("车", "车辆", "校车", "救护车", "公交车", "垃圾车", "执法车", "消防车"),
              "户": ("农户", "脱贫户", "贫困户", "困难户", "低保户", "特困户", "监测户", "住户", "家庭", "困难家庭", "居民"),
              "项": ("课题", "专利", "标准", "制度", "任务", "工程", "活动", "成果", "措施", "政策", "课程", "技术"),
              "篇": ("论文", "报告", "文章", "稿件", "信息", "简报"), "起": ("案件", "事故", "事件", "投诉", "纠纷"),
              "期": ("培训班", "培训", "简报", "节目"), "套": ("系统", "设备", "软件", "教材", "课桌椅", "桌椅", "装备"),
              "盏": ("路灯", "太阳能路灯", "灯"), "眼": ("机井", "井"), "株": ("树苗", "苗木", "树木"),
              "头": ("牛", "猪", "生猪", "奶牛", "肉牛"), "只": ("羊", "鸡", "家禽")}

# alias -> (canonical unit, dimension, scale to canonical)
UNITS: dict[str, tuple[str, str, float]] = {
    "元": ("万元", "money", 1e-4), "千元": ("万元", "money", 0.1), "万元": ("万元", "money", 1.0),
    "万": ("万元", "money", 1.0), "亿元": ("万元", "money", 1e4), "亿": ("万元", "money", 1e4),
    **{w: ("%", "ratio", 1.0) for w in RATIO_WORDS}, "个百分点": ("%", "ratio", 1.0), "‰": ("%", "ratio", 0.1),
    "天": ("天", "time", 1.0), "日": ("天", "time", 1.0), "周": ("周", "time", 1.0),
    "个月": ("月", "time", 1.0), "月": ("月", "time", 1.0), "年": ("年", "time", 1.0),
    "小时": ("小时", "time", 1.0),
    "人": ("人", "count:人", 1.0), "名": ("人", "count:人", 1.0), "位": ("人", "count:人", 1.0),
    "人次": ("人次", "count:人次", 1.0), "万人": ("人", "count:人", 1e4),
    "万人次": ("人次", "count:人次", 1e4),
    "个": ("个", "count:个", 1.0), "家": ("个", "count:个", 1.0),
    "次": ("次", "count:次", 1.0), "次数": ("次", "count:次", 1.0),
    **{w: c for w, c in (  # a unit vocabulary, so "110 公里" is never read as "110 公" + text (issue 14)
        ("公里", ("米", "length", 1e3)), ("千米", ("米", "length", 1e3)), ("米", ("米", "length", 1.0)),
        ("平方公里", ("平方米", "area", 1e6)), ("平方米", ("平方米", "area", 1.0)), ("平米", ("平方米", "area", 1.0)),
        ("公顷", ("平方米", "area", 1e4)), ("亩", ("亩", "count:亩", 1.0)),
        ("立方米", ("立方米", "volume", 1.0)), ("万立方米", ("立方米", "volume", 1e4)), ("立方", ("立方米", "volume", 1.0)),
        ("吨", ("吨", "weight", 1.0)), ("公斤", ("吨", "weight", 1e-3)), ("千克", ("吨", "weight", 1e-3)),
        ("人天", ("人天", "count:人天", 1.0)), ("人日", ("人天", "count:人天", 1.0)),   # 培训 “500人天”: person-days
        ("件次", ("件次", "count:件次", 1.0)), ("户次", ("户次", "count:户次", 1.0)), ("批次", ("批次", "count:批次", 1.0)),
        ("个单位", ("个", "count:个", 1.0)), ("台套", ("台套", "count:台套", 1.0)), ("台次", ("台次", "count:台次", 1.0)),
        ("工作日", ("工作日", "time", 1.0)), ("个工作日", ("工作日", "time", 1.0)), ("分钟", ("分钟", "time", 1.0)),
        ("户", ("户", "count:户", 1.0)), ("册", ("册", "count:册", 1.0)), ("期", ("期", "count:期", 1.0)),
        ("万册", ("册", "count:册", 1e4)), ("万份", ("份", "count:份", 1e4)), ("份", ("份", "count:份", 1.0)),
        ("万户", ("户", "count:户", 1e4)), ("万亩", ("亩", "count:亩", 1e4)), ("所", ("所", "count:所", 1.0)),
        # “场” and “场次”, “批” and “批次” count the same sessions, batches (“≥4场次” against “5场” was C6's
        # “请核对是否同一计量单位” and the written score kept); 人次, 台次 are not 人, 台
        ("项", ("项", "count:项", 1.0)), ("场", ("场", "count:场", 1.0)), ("场次", ("场", "count:场", 1.0)),
        ("批", ("批次", "count:批次", 1.0)),
        # concentrations and noise, as environmental indicators are written (“≤35微克/立方米”, “32μg/m³”)
        *((w, ("微克/立方米", "concentration", 1.0)) for w in ("微克/立方米", "μg/m3", "ug/m3")),
        *((w, ("微克/立方米", "concentration", 1e3)) for w in ("毫克/立方米", "mg/m3")),
        *((w, ("毫克/升", "concentration:liquid", 1.0)) for w in ("毫克/升", "mg/L", "mg/l")),
        *((w, ("分贝", "sound", 1.0)) for w in ("分贝", "dB(A)", "dB", "db")),
        # the symbols as ``normalize`` (NFKC) leaves them: ㎡ and m² are “m2”, ㎞ “km”, ㎏ “kg”
        ("km2", ("平方米", "area", 1e6)), ("m2", ("平方米", "area", 1.0)), ("m3", ("立方米", "volume", 1.0)),
        ("hm2", ("平方米", "area", 1e4)),     # 公顷 (hm²)
        ("km", ("米", "length", 1e3)), ("m", ("米", "length", 1.0)), ("cm", ("米", "length", 1e-2)),
        ("mm", ("米", "length", 1e-3)), ("kg", ("吨", "weight", 1e-3)), ("min", ("分钟", "time", 1.0)),
    )},
}
# what is counted after its counter (``COUNTED_BY``), in the counter's unit: “800名学生” is 800 人
COUNTED = {f"{c}{n}": UNITS.get(c, (c, f"count:{c}", 1.0)) for c, nouns in COUNTED_BY.items() for n in nouns}
UNITS.update(COUNTED)
# a symbol unit as a message says it: “5200㎡” is “5200 平方米”, not “5200 m2” (what NFKC leaves of ㎡)
SYMBOL_WORDS = {"km2": "平方公里", "hm2": "公顷", "m2": "平方米", "m3": "立方米", "km": "公里", "m": "米", "cm": "厘米", "mm": "毫米",
                 "kg": "千克", "min": "分钟", "μg/m3": "微克/立方米", "ug/m3": "微克/立方米", "mg/m3": "毫克/立方米",
                 "mg/L": "毫克/升", "mg/l": "毫克/升", "dB(A)": "分贝", "dB": "分贝", "db": "分贝"}
# What else is counted per period as a count is (“300吨/日”, “5公里/年”) and what money is spent a unit of
# (“万元/公里”, “元/㎡”): amounts of a thing.
AMOUNT_DIMS = frozenset(("weight", "length", "area", "volume"))
# The thing money is spent a unit of, one word whichever way it is written: “万元/km” and “万元/千米” are
# “万元/公里” (they were two units, C6 and the written score kept), “元/㎡” is “元/平方米” (it was “元/m” and
# text “2”, “元/平方米” “元/平方” and text “米”).
THING_WORDS = {**{w: s for w, s in SYMBOL_WORDS.items() if UNITS[w][1] in AMOUNT_DIMS},
               "千米": "公里", "平米": "平方米", "立方": "立方米", "公斤": "千克"}
# The unit words a filler writes, longest first: what ``values`` reads and the checker's unit rules know.
MONEY_PER = {"元": 1.0, "万元": 1e4, "千元": 1e3, "亿元": 1e8}
DAYS = {"天": 1.0, "周": 7.0, "月": 30.0, "年": 365.0, "小时": 1 / 24, "工作日": 7 / 5, "分钟": 1 / 1440}
UNIT_WORDS = tuple(sorted(UNITS, key=len, reverse=True))
THING_UNITS = tuple(w for w in UNIT_WORDS if UNITS[w][1] in AMOUNT_DIMS)   # longest first, as UNIT_WORDS
# UNIT_WORDS by their first character, longest first: a text is tried against the few its start may be, not
# against all 170 (the reader asks this of every number; issue #18)
UNITS_BY_FIRST = {c: tuple(w for w in UNIT_WORDS if w[0] == c) for c in {w[0] for w in UNIT_WORDS}}

# A period a count is written per: alias -> (period, length). Months and days are two scales: 12 次/年
# is exactly 1 次/月 and 1 次/周 is 7 次 a 7 天, but a month is no whole number of weeks or days.
PERIODS: dict[str, tuple[str, tuple[str, float]]] = {
    "年": ("年", ("月", 12.0)), "半年": ("半年", ("月", 6.0)), "季度": ("季度", ("月", 3.0)), "季": ("季度", ("月", 3.0)),
    "月": ("月", ("月", 1.0)), "周": ("周", ("天", 7.0)), "天": ("天", ("天", 1.0)), "日": ("天", ("天", 1.0)),
}
PERIOD_ALT = "半年|季度|年|季|月|周|天|日"


def per_factor(frm: str | None, to: str | None) -> float | None:
    """What one count per ``frm`` is per ``to``: 年 → 月 is 1/12 (12 次/年 is 1 次/月); None where the
    periods are not on one scale (月 and 周) or only one of the two is a period — but a count with no
    period on a form of a year is that year's: “12次/年” against “≥12次” is 12 against 12."""
    if frm == to or {frm, to} == {None, "年"}:
        return 1.0
    if frm is None or to is None:
        return None
    (fs, fl), (ts, tl) = PERIODS[frm][1], PERIODS[to][1]
    return tl / fl if fs == ts else None


def per_year(per: str | None) -> float | None:
    """How many of a period ``per`` a year has — 月 12, 季度 4, 半年 2, 年 or none 1 —, to total a cost written
    per period (“300元/人/月”) over a form's year; None for a period of days (周, 天): how many of them the
    money was spent for is not said."""
    if per is None:
        return 1.0
    scale, length = PERIODS[per][1]
    return 12.0 / length if scale == "月" else None


MONTHS = {"月": 1.0, "年": 12.0}


def time_factor(frm: str | None, to: str | None) -> float | None:
    """How many ``to`` one ``frm`` is, to compare time spans written in different units: 年 and 月 exactly
    (1 年 is 12 个月 — through days, 365 against 12 × 30, “1年” against “≤12个月” was 1.39 % over and lost
    0.14 of 10 points), others through days (月 = 30, 年 = 365, 工作日 = 7/5 天); None for a unit not known."""
    if frm in MONTHS and to in MONTHS:
        return MONTHS[frm] / MONTHS[to]
    f, t = DAYS.get(frm or ""), DAYS.get(to or "")
    return None if f is None or not t else f / t
