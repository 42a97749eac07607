"""What a cell's comment holds, line by line: 校验's marks, 计算's suggested score, and what
a person wrote there (the 填报人's own note, a department's explanation).

Both buttons and the bureau's annotated copies write comments on cells people also comment
on. Writing ours must not wipe theirs, and taking a mark away must leave the rest: a comment
is read as lines, each line one of three parts, and each writer replaces only its own part
(``merged``, ``without_marks``). Both appliers (openpyxl for files, xlwings in Excel) call
these, so the rule is the same in the copy and in the open workbook.
"""

from __future__ import annotations

import re

from ..core.numbers import score_text

MARK_TAG = "〔规则 "  # every line a 校验 writes ends with it (``annotation_plan``): how its own are told apart
SUGGESTED = "建议得分"  # how the line 计算 writes begins: "建议得分 8.24：<basis>"

MARK, SUGGESTION, OWN = "mark", "suggestion", "own"
_ORDER = (MARK, SUGGESTION, OWN)   # ours first (what the button just said), the person's words after
_SUGGESTION = re.compile(rf"{SUGGESTED} -?[0-9][0-9.e+-]*(?: 分)?：")   # “ 分” since s61; a line written before has none


def part_of(line: str) -> str:
    """Which part of a comment ``line`` is."""
    if MARK_TAG in line:
        return MARK
    if _SUGGESTION.match(line):
        return SUGGESTION
    return OWN


def _parts(text: str | None) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {p: [] for p in _ORDER}
    for line in (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        out[part_of(line)].append(line)
    own = out[OWN]
    while own and not own[0].strip():
        own.pop(0)
    while own and not own[-1].strip():
        own.pop()
    return out


def _join(parts: dict[str, list[str]]) -> str | None:
    text = "\n".join(line for p in _ORDER for line in parts[p])
    return text if text.strip() else None


def merged(old: str | None, new: str) -> str:
    """The comment after writing ``new`` on a cell whose comment is ``old``: the parts ``new``
    holds replace the same parts of ``old`` (a new 校验 replaces the last one's marks, a new
    suggestion the last suggestion); every other line of ``old`` stays, after ours."""
    theirs, ours = _parts(old), _parts(new)
    for p in _ORDER:
        if ours[p]:
            theirs[p] = ours[p]
    return _join(theirs) or new


def without_marks(old: str | None) -> str | None:
    """The comment with 校验's marks taken away (the cell was put right); ``None`` when nothing
    else was in it, and the comment goes."""
    parts = _parts(old)
    parts[MARK] = []
    return _join(parts)


def has_marks(text: str | None) -> bool:
    return bool(text) and MARK_TAG in str(text)


def suggestion_note(score: float, basis: str) -> str:
    """The line 计算 puts in the comment of a score it filled in (“建议得分 18.57 分：…”, the score as every
    message writes one, ``core.numbers.score_text``); ``is_suggestion`` reads it back."""
    return f"{SUGGESTED} {score_text(score)}：{basis.replace(chr(10), ' ')}"


def suggestion_of(note: str | None) -> str | None:
    """The suggestion line in a comment, if it holds one."""
    lines = _parts(note)[SUGGESTION]
    return lines[0] if lines else None


def is_suggestion(note: str | None, score: float) -> bool:
    """Whether a cell holding ``score`` still holds what 计算 put there: its comment still has
    the suggestion for that very score (the 填报人 changed neither), whatever else a 校验 or
    the 填报人 added to the comment since."""
    line = suggestion_of(note)
    # a workbook 计算 filled before the “分” was written (“建议得分 18.57：…”) is still its suggestion
    return line is not None and line.startswith((f"{SUGGESTED} {score_text(score)}：", f"{SUGGESTED} {score:g}："))
