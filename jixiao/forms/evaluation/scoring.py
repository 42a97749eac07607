"""Scoring the 项目支出绩效评价表: Σ 得分, the grade, and the sums per 一级/二级 指标.

An evaluation is scored by hand indicator by indicator; what can be recomputed is the
arithmetic around it: each 一级/二级 指标's 得分 is the sum of its 三级 得分, the 综合得分
(总计) the sum of all 三级 得分, the grade its band (90/80/60, as for the self-evaluation).
The functions here are the Python twins of the sheet's formulas (``layout.COMPUTED``):
a blank cell counts as nothing, a range with no number shows blank, as ``COUNT``/``SUM``
do. Nothing here imports openpyxl.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Iterable

from ...core.grades import DEFAULT_BANDS, grade
from ...core.numbers import cell_number
from .model import EvalForm

__all__ = ["EvalScore", "LevelScore", "level_groups", "reviewed_scores", "score_eval_form", "twin_sum"]

BANDS = DEFAULT_BANDS  # 90（含）以上 优, 80（含）–90 良, 60（含）–80 中, 60 以下 差 (the sample's own note)


def twin_sum(values: Iterable[Any]) -> float | int | None:
    """``IF(COUNT(r)=0,"",SUM(r))``: blank where the range holds no number."""
    nums = [v for v in map(cell_number, values) if v is not None]
    return round(sum(nums), 10) if nums else None


def level_groups(form: EvalForm, attr: str) -> list[tuple[str, list[int]]]:
    """Runs of consecutive indicators with the same 一级 (``attr="level1"``) or the same
    一级 and 二级 (``"level2"``): (name, indicator indexes), in order, as the sheet merges them."""
    out: list[tuple[str, list[int]]] = []
    prev: Any = object()
    for i, ind in enumerate(form.indicators):
        key = ind.level1 if attr == "level1" else (ind.level1, ind.level2)
        if out and key == prev:
            out[-1][1].append(i)
        else:
            out.append((getattr(ind, attr), [i]))
        prev = key
    return out


@dataclass
class LevelScore:
    """One 一级 or 二级 指标: its 分值 as written, Σ of its 三级 分值 and 得分."""

    level: int
    name: str
    weight: float | int | None       # as written on the form
    weight_sum: float | int | None   # Σ 三级 分值
    score: float | int | None        # Σ 三级 得分


@dataclass
class EvalScore:
    """The reviewed score: Σ 三级 得分 and its grade, beside what the form says."""

    project: str
    year: int
    total: float | int
    grade: str
    total_weight: float | int | None
    deducted: float | int
    written_total: float | int | None
    written_grade: str | None
    levels: list[LevelScore] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"form": "evaluation", **asdict(self)}


def reviewed_scores(form: EvalForm) -> list[float | int | None]:
    """Each 三级 得分 as the review counts it: within 0..分值 (a score above its 分值 is V6's mistake, and
    counts its 分值, as the 部门整体 form's review keeps a score), blank as blank."""
    return [None if i.score is None else i.score if i.weight is None else max(0, min(i.score, i.weight))
            for i in form.indicators]


def score_eval_form(form: EvalForm, profile: Any = None) -> EvalScore:
    """Σ 得分 as reviewed (``reviewed_scores``; blank counts 0), its grade, and the sums per level as
    the sheet's formulas show them (the scores as written)."""
    inds = form.indicators
    total = twin_sum(reviewed_scores(form)) or 0
    tree: list[tuple[int, int, LevelScore]] = []   # (first indicator, level, …): each 一级 before its 二级
    for lv, attr, declared in ((1, "level1", form.level1_weights), (2, "level2", form.level2_weights)):
        for name, idx in level_groups(form, attr):
            tree.append((idx[0], lv, LevelScore(lv, name, declared.get(name), twin_sum(inds[i].weight for i in idx),
                                                twin_sum(inds[i].score for i in idx))))
    levels = [ls for _first, _lv, ls in sorted(tree, key=lambda t: (t[0], t[1]))]
    deducted = round(sum((i.weight - i.score) for i in inds
                         if i.weight is not None and i.score is not None and i.score < i.weight), 10)
    return EvalScore(form.project, form.year, total, grade(total, BANDS) or "差",
                     twin_sum(i.weight for i in inds), deducted, form.total_score, form.grade, levels)


score_form = score_eval_form  # the name FormKind looks for (forms.base.DEFAULT_PARTS)
