"""What follows a finding's message where it is shown to a department: what the cell should be
(“应为“110””), or, for an instruction, what to do (“应写明未完全达到的指标及原因”) — unless the
message says so already.

Why one module: the 退回修改通知 and 清单 left out an 应为 the message had already given (“应写作
“=100%””, H4 “应写时限（……）或……”), while the marked copy's comment on the same cell still added
“（应为：…）” after it: two instructions for one cell, worded differently.
"""

from __future__ import annotations

import re

__all__ = ["is_instruction", "said_in", "says"]

# an 应为 that is something to do, not a value: “写明……”, “如实写明……”, “在说明中写明……”, “按……填写”,
# “按项目的实际效果设定效益指标”, “核对数量、单价与全年预算数（……）”. A rule whose 应为 is no value to type in words it so (“填写主管部门名称”, not
# “主管部门名称”): quoted as a value (“应为“主管部门名称””) it read as the text to write in the cell
_DO = re.compile(r"(?:(?:如实|逐方面|在[^，。“”]{1,12}中)?写明|核对|(?:按[^，。“”]{1,12})?(?:填写|设定))")
# the message gives its own instruction: “应写作“=100%””, “应写“≤365 天”之类”, “应归入……” (not “应写在”,
# “应写明”), “应填 0”, “应按本项目的任务和预算设定”, “请先把分值合计改为 100”; or the value's bound (“最高为 100”)
_OWN = re.compile(r"应(?:写(?![在明])|归入|填(?!写)|按)|请[^。；]*改为|最高为")
_WHERE = re.compile(r"应在[^，。]*中写明")   # where to write it: the message says it


def says(message: str, value: str) -> bool:
    """The message already gives the value (“表中总分为 97.75”): it is not repeated after it."""
    return bool(re.search(rf"(?<![\d.]){re.escape(value)}(?![\d.])", message))


def is_instruction(expected: str) -> bool:
    """``expected`` tells what to do (“写明……”), to be said “应写明……”, not quoted as a value."""
    return bool(_DO.match(expected))


def _asks_it(message: str, expected: str) -> bool:
    """The message already tells the department to do what ``expected`` says (“……请补上这一档的得分” and
    “补上 10%–20%（不含 10%，含 20%）一档的得分”)."""
    verb = expected[:2]
    return bool(re.fullmatch(r"[\u4e00-\u9fff]{2}", verb)) and f"请{verb}" in message


def said_in(message: str, expected: str) -> bool:
    """The message already says what the cell should be, or what to do: nothing follows it."""
    return ("应为" in message or bool(_OWN.search(message)) or says(message, expected)
            or (is_instruction(expected) and bool(_WHERE.search(message)))
            or _asks_it(message, expected))
