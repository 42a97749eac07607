"""How 农业农村局-2024.xlsx was made (session 63): LibreOffice, headless, doing to the shipped .xlsm template what a
county 农业农村局's 填报人 did in a spreadsheet program — sheets copied and renamed, protection taken off to merge
the 一级指标 cells, one sheet left with last year's 年度, 元 typed into the 万元 cells, 执行率 typed over its formula,
rows deleted and inserted by hand, a project with no money. The tests read the saved workbook; run this only to
make it again: ``python tests/data/clerk_s63/build.py`` (needs LibreOffice)."""
import sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from lo_basic import rebuild, typed_number, typed_text

UNIT = "某县农业农村局"

s, n = typed_text, typed_number

def head(year, name):
    b = n("A2", year) if year else ''
    return b + s("B3", name) + s("B4", UNIT) + s("F4", UNIT) + s("B5", "张某") + s("F5", "0311-1234567")

def ind(r, l1, l2, nm, tgt, act, w, sc=None, why=None):
    b = s(f"B{r}", l1) + s(f"C{r}", l2) + s(f"D{r}", nm) + s(f"E{r}", tgt) + s(f"F{r}", act) + n(f"G{r}", w)
    if sc is not None: b += n(f"H{r}", sc)
    if why: b += s(f"I{r}", why)
    return b

def sign(date="2025年3月10日", row=37):
    return s(f"E{row}", "李某") + s(f"G{row}", date) + s(f"I{row}", "0311-1234567")

body = '  first = sh.getName()\n'
for i, name in enumerate(["人居环境整治", "动物防疫", "农技推广培训"], 1):
    body += f'  doc.Sheets.copyByName(first, "{name}", {i})\n'
body += '  sh.setName("高标准农田")\n'
# ---- A: typed numbers, an amount typed as text, 完成值 words, merged 一级指标
body += '  sh.unprotect("")\n'
body += head(2024, "2024年高标准农田建设项目")
body += n("C7", 1200) + n("D7", 1200) + s("E7", "1150万元") + n("F7", 10)
body += n("C8", 1200) + n("D8", 1200) + n("E8", 1150)
body += s("B12", "新建高标准农田2万亩，提升耕地质量，增加粮食产能。") + s("F12", "新建高标准农田2.1万亩，已通过验收。")
body += ind(14, "产出指标", "数量指标", "新建高标准农田面积", "≥2万亩", "2.1万亩", 20)
body += ind(15, "产出指标", "质量指标", "工程验收合格率", "≥95%", "达标", 20, 20)
body += ind(16, "产出指标", "时效指标", "项目完成时间", "2024年12月底前", "2024年11月", 10)
body += ind(17, "产出指标", "成本指标", "亩均投资", "≤1500元/亩", "1480元/亩", 10)
body += ind(18, "效益指标", "经济效益指标", "亩均粮食增产", "≥50公斤", "55公斤", 10)
body += ind(19, "效益指标", "可持续影响指标", "工程设施使用年限", "≥15年", "15年", 10)
body += ind(20, "满意度指标", "服务对象满意度指标", "受益农户满意度", "≥90%", "95%", 10, 10)
body += sign()
body += '  sh.getCellRangeByName("B14:B17").merge(True)\n  sh.getCellRangeByName("B18:B19").merge(True)\n'
body += '  sh.protect("")\n'
# ---- B: copied from last year's workbook, year not changed; 元 typed in the 万元 cells
body += '  sh = doc.Sheets.getByName("人居环境整治")\n  sh.unprotect("")\n'
body += head(2023, "农村人居环境整治提升项目")
body += n("C7", 80) + n("D7", 80) + n("E7", 765000) + n("F7", 10)
body += n("C8", 80) + n("D8", 80) + n("E8", 765000)
body += s("B12", "完成农村户厕改造500户，村庄清洁行动全覆盖。") + s("F12", "完成户厕改造480户。")
body += ind(14, "产出指标", "数量指标", "农村户厕改造数量", "≥500户", "480户", 30, None, "部分农户外出务工，改造延期至次年。")
body += ind(15, "产出指标", "质量指标", "改厕验收合格率", "≥95%", "98%", 20, 20)
body += ind(16, "效益指标", "社会效益指标", "村庄清洁行动覆盖率", "100%", "100%", 20, 20)
body += ind(17, "满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "达标", 20, 20)
body += sign("2024年3月12日")
body += '  sh.protect("")\n'
# ---- C: rows deleted and inserted by hand, 执行率 typed over its formula
body += '  sh = doc.Sheets.getByName("动物防疫")\n  sh.unprotect("")\n'
body += head(2024, "动物防疫补助经费")
body += n("C7", 56) + n("D7", 60) + n("E7", 57) + n("F7", 10) + s("G7", "95%")
body += n("C8", 56) + n("D8", 60) + n("E8", 57)
body += s("B12", "强制免疫密度保持在90%以上，无区域性重大动物疫情。") + s("F12", "免疫密度95%，全年无重大动物疫情。")
body += ind(14, "产出指标", "数量指标", "强制免疫动物数量", "≥50万头（只）", "52万头（只）", 15)
body += ind(15, "产出指标", "数量指标", "病死畜禽无害化处理量", "≥2000头", "2100头", 10)
body += ind(16, "产出指标", "质量指标", "免疫密度", "≥90%", "95%", 15)
body += ind(17, "产出指标", "质量指标", "免疫抗体合格率", "≥70%", "85%", 10)
body += ind(18, "产出指标", "时效指标", "春秋防集中免疫完成时间", "6月底、11月底前", "按时完成", 10, 10)
body += ind(19, "效益指标", "社会效益指标", "重大动物疫情发生次数", "0次", "0次", 15)
body += ind(20, "满意度指标", "服务对象满意度指标", "养殖户满意度", "≥90%", "96%", 15)
body += '  sh.Rows.removeByIndex(16, 1)\n'          # row 17 (免疫抗体合格率) deleted
body += '  sh.Rows.insertByIndex(16, 1)\n'          # a row inserted above 时效 (now row 17)
body += ind(17, "产出指标", "成本指标", "每头份疫苗采购成本", "≤1.2元", "1.15元", 10)
body += '  sh.Rows.insertByIndex(19, 1)\n'          # another row, above 满意度 (now row 20)
body += ind(20, "效益指标", "可持续影响指标", "免疫档案建档率", "≥95%", "97%", 5)
body += n("G21", 10)
body += sign(row=38)
body += '  sh.protect("")\n'
# ---- D: a project with no budget of its own (no money this year)
body += '  sh = doc.Sheets.getByName("农技推广培训")\n  sh.unprotect("")\n'
body += head(2024, "基层农技推广体系改革与建设")
body += s("B12", "培训高素质农民300人次。") + s("F12", "培训320人次。")
body += ind(14, "产出指标", "数量指标", "培训人次", "≥300人次", "320人次", 40)
body += ind(15, "产出指标", "质量指标", "培训合格率", "≥90%", "“95%”", 30)
body += ind(16, "满意度指标", "服务对象满意度指标", "参训农民满意度", "≥90%", "满意", 30, 30)
body += sign()
body += '  sh.protect("")\n'
# ---- 设置
body += '  sh = doc.Sheets.getByName("设置")\n'
body += s("B2", UNIT) + s("B4", "县农业函〔2025〕8号") + s("B6", "《关于开展2024年度预算绩效自评工作的通知》")
body += s("B9", "李某") + s("B10", "0311-1234567") + s("B12", "nyj@example.gov.cn") + s("B13", "jxk@example.gov.cn")

if __name__ == "__main__":
    rebuild("项目支出绩效自评表.xlsm", Path(__file__).resolve().parent / "农业农村局-2024.xlsx", body)
    print("built")
