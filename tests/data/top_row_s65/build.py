"""How the workbooks of this folder were made (session 65): LibreOffice, headless, doing to the shipped templates
what a 填报人 does who needs one more indicator at the TOP of the indicator table: fills the form, then inserts a
row right under the indicator table's header (above the first indicator row) and types the new indicator there.
A range such as ``SUM(G14:G33)`` is moved down by a row inserted on its first row, not widened: the template's
total formulas, group subtotals and conditional formats all leave the new row out. The tests read the saved
workbooks; run this only to make them again: ``python tests/data/top_row_s65/build.py`` (needs LibreOffice).

- 项目表-插在第一个指标上方.xlsx: the 教育局 form of tests/data/clerk_s64 (seven indicators, rows 14–20), a row
  inserted above row 14, the eighth indicator (5 分) typed in it: 总分 on row 35 sums G15:G34 / H15:H34.
- 部门整体-插在第一个指标上方.xlsx: the zizhou 部门整体 form as ``jixiao fill`` writes it, a row inserted above
  row 11 (投入/预算配置's first row), a 2-分 indicator typed in it with its 一级/二级 names (投入, 预算配置: the
  merged cells below it are not the row's), 重点支出安排率 lowered from 5 分 to 3 (its 得分 with it) to keep 预算配置 at 15.
- 评价表-插在第一个指标上方.xlsx (and …-未写指标名.xlsx, the new row's 一级/二级 names left blank): the shipped 评价表 template filled as tests/data/clerk_s64's 评价表 (13 三级指标,
  rows 8–20), a row inserted above row 8, a 5-分 三级指标 typed in it with its 一级/二级 names (项目决策, 绩效目标),
  目标内容 lowered from 10 to 5 to keep 绩效目标 at 10."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from lo_basic import rebuild, run_basic, typed_number, typed_text

HERE = Path(__file__).resolve().parent
s, n = typed_text, typed_number
UNIT = "某县教育局"


def ind(r, l1, l2, nm, tgt, act, w, sc):
    return (s(f"B{r}", l1) + s(f"C{r}", l2) + s(f"D{r}", nm) + s(f"E{r}", tgt) + s(f"F{r}", act)
            + n(f"G{r}", w) + n(f"H{r}", sc))


PROJECT = n("A2", 2024) + s("B3", "2024年家庭经济困难学生资助") + s("B4", UNIT) + s("F4", UNIT)
PROJECT += s("B5", "王某") + s("F5", "0311-7654321")
PROJECT += n("C7", 350) + n("D7", 360) + n("E7", 342) + n("F7", 10)
PROJECT += n("C8", 350) + n("D8", 360) + n("E8", 342)
PROJECT += s("B12", "资助家庭经济困难学生2000人次。") + s("F12", "资助2010人次，资金按时足额发放。")
PROJECT += ind(14, "产出指标", "数量指标", "资助学生人次", "≥2000人次", "2010人次", 15, 15)
PROJECT += ind(15, "产出指标", "质量指标", "资助对象识别准确率", "=100%", "100%", 10, 10)
PROJECT += ind(16, "产出指标", "时效指标", "资金发放及时率", "=100%", "100%", 10, 10)
PROJECT += ind(17, "产出指标", "成本指标", "生均资助标准", "≤2000元/人", "1800元/人", 15, 15)
PROJECT += ind(18, "效益指标", "社会效益指标", "因贫辍学学生数", "≤0人", "0人", 10, 10)
PROJECT += ind(19, "效益指标", "可持续影响指标", "资助政策知晓率", "≥90%", "92%", 15, 15)
PROJECT += ind(20, "满意度指标", "服务对象满意度指标", "受助学生满意度", "≥90%", "93%", 10, 10)
PROJECT += s("E37", "赵某") + s("G37", "2025年3月10日") + s("I37", "0311-7654321")
PROJECT += '  sh.Rows.insertByIndex(13, 1)\n'     # above row 14: the 总分's G14:G33 moves down to G15:G34
PROJECT += ind(14, "产出指标", "数量指标", "资助育人活动场次", "≥10场", "9场", 5, 4.5)
PROJECT += s("I14", "一场活动因天气取消，未能补办。")

DEPT = ('  sh.Rows.insertByIndex(10, 1)\n'    # above row 11: the 总分's H11:H30 moves down to H12:H31
        + s("A11", "投入") + s("C11", "预算配置") + s("E11", "预算编制规范性")
        + s("F11", "按规定时间和要求编制部门预算，计2分；每有一项不符扣0.5分。") + n("H11", 2) + n("I11", 2)
        + n("H14", 3) + n("I14", 3))

# the 评价表 of tests/data/clerk_s64/build.py's ``EVAL`` (no row inserted above 总计), 目标内容 5 of 5 now
EVAL = (n("A2", 2024) + s("D3", "2024年农村饮水安全巩固提升工程") + s("D4", "某县水利局") + s("I4", "某县水务服务中心")
        + s("D5", "某某会计师事务所") + s("I5", "2025年3月20日") + n("D6", 300) + n("H6", 285))
EVAL += "".join(n(f"J{r}", v) for r, v in zip(range(8, 21), (5, 5, 4, 10, 5, 9, 5, 10, 7, 6, 6, 9, 9)))
EVAL += s("K9", "立项依据不充分") + s("K10", "未经集体决策")
EVAL += s("K13", "组织分工不明确") + s("K16", "部分工程质量验收延迟") + s("K17", "两处工程延期完工")
EVAL += s("K19", "受益人口低于预期") + s("K20", "满意度 92%")
EVAL += n("I8", 5) + '  sh.Rows.insertByIndex(7, 1)\n'    # above row 8: I8:I20 moves down to I9:I21
EVAL += (s("A8", "项目决策") + s("D8", "绩效目标") + s("G8", "目标明确性") + s("H8", "目标明确、细化量化得满分")
         + n("I8", 5) + n("J8", 4) + s("K8", "个别目标未细化量化"))
EVAL += s("D23", "部分工程建设进度滞后。") + s("D24", "加强工程进度管理。")


# 评价表-插在第一个指标上方-未写指标名.xlsx: the same, the new row's 一级/二级 names left blank (A8, D8): a group of
# its own as read, outside 项目决策 and 绩效目标 (their 分值 20 and 10 are then three 三级 分值 too many: V2, V3)
EVAL_NO_NAMES = EVAL.replace(s("A8", "项目决策") + s("D8", "绩效目标"), "")


def build_dept() -> None:
    import subprocess
    import tempfile

    root = HERE.parents[2]
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "部门整体.xlsx"
        subprocess.run([sys.executable, "-m", "jixiao", "fill", str(root / "jixiao/samples/zizhou-2023/department.json"),
                        "-o", str(src)], check=True, cwd=root)
        run_basic(src, HERE / "部门整体-插在第一个指标上方.xlsx", DEPT, Path(tmp) / "profile")


if __name__ == "__main__":
    rebuild("项目支出绩效自评表.xlsx", HERE / "项目表-插在第一个指标上方.xlsx", PROJECT)
    build_dept()
    rebuild("项目支出绩效评价表.xlsx", HERE / "评价表-插在第一个指标上方.xlsx", EVAL)
    rebuild("项目支出绩效评价表.xlsx", HERE / "评价表-插在第一个指标上方-未写指标名.xlsx", EVAL_NO_NAMES)
    print("built")
