"""Earlier rounds of a review written into the same output folder.

A bureau reviews the inbox again after the departments resend, usually into the same
``复核结果`` folder. Writing over it left last round's files beside this round's: a department
that now passes kept its old 退回修改通知 and mail draft in its folder — ready to be sent by
mistake — and a renamed workbook left its old marked copy. So each run lists what it wrote
(``MANIFEST``, in the output folder), and the next run first moves exactly those files, as they
are (a notice the reviewer edited included), into ``历次复核/<when>/``. Nothing else in the
folder is touched: a file the run did not write is the reviewer's.

The manifest also keeps what each department was told (its status and the identity of each
item it was to fix, ``item_key``), so the next round can say what it did with it: the 台账
shows “上轮退回 12 处，已改 9 处”, and the new notice marks each point made last time and still
not put right — a department that resends the same mistakes is told so, item by item. A point gone is not
always one put right (``gone_why``): its form may have been deleted, or another department changed the form it
was copied from or shared a name with; “已改正” counts only the department's own, the rest is said apart.

It keeps, too, what each department sent (its files' contents, ``sent``): the bureau reruns the
whole inbox each time one department resends, and a department whose files are all as they were
has not answered yet. Its notice stands as it was drafted (``standing``: the same round, the same
sentence on the round before it, the same points marked), not a “第2次退回，已改正0处” for a
round that has not reached it; the 台账 says “上轮退回后尚未重新报送”.

A standing notice says what it said when it was sent, no more: a point it did not make then (``held``) cannot
come from the department's files, which are as they were — it comes from outside them: another department's
file (E1/E3, a form with the same indicators; E2, the same project name), a changed project list, a newer
jixiao. Such a point is held out of the notice, 清单, mail and marked copy (a department re-reading what it was
sent finds it unchanged) and shown to the reviewer instead: the 台账's 状态 and the console say “新问题 N 处，
未写入通知”, ``--json`` lists them (``last_round.held``). The manifest records the notice's points only, so
once the department sends again and a new notice is drafted, the held point is in it — as a new point. The
other way round, a point of the notice gone while its files are as they were (the other department put its
copied form right) is said to the reviewer: “通知所列 N 处已不存在” — and stays in the notice, 清单, mail and marked
copy, which say what was sent: the manifest keeps each item as the notice said it (``said``) and each finding as
its marked copy marked it (``copies``), and a standing notice is rebuilt from them (when only the keys were kept,
it was redrafted from this round's items, the gone point silently left out). Its 成文日期 stays the day it was drafted.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Sequence

from ..fileio import Moves, atomic_write_text
from ..mail import draft_date
from ..marker import MANIFEST  # one name: a folder's batch knows it as ours (``dedupe.screen_files``)

__all__ = ["ARCHIVE_DIR", "MANIFEST", "LastRound", "archive_previous", "as_told", "compare", "drafted_on", "folded_keys", "gone_sentence", "gone_why", "held_finding",
           "mailed_at", "mark_record", "marked_as_sent",
           "item_key", "kept_note", "own_basis", "resent_after_pass", "told_items",
           "mail_round", "notice_count", "read_last", "round_counts", "round_note", "round_sentence", "sent_before", "sent_contents", "sent_names", "write_manifest"]

ARCHIVE_DIR = "历次复核"


def item_key(it: dict[str, Any]) -> str:
    """What one item to fix is, the same from one round to the next: its rule, the project (as
    ``project_key`` reads it) and the cell — not the sheet, which a department may rename, nor the
    message, which holds the values it may half correct. A sentence of the 自评报告 is its quote;
    a file that could not be read, its name as the department sent it. A point on a form's 续表
    (``form_sheet``: the sheet its form starts on) has that sheet too: H15 of the 续表 is another cell
    than H15 of the form's first sheet, and the next round's H15 there was marked “上次已指出”."""
    kind, rule = str(it.get("kind") or ""), str(it.get("rule") or "")
    if kind == "report":
        parts = [kind, rule, str(it.get("quote") or "")]
    elif kind == "unreadable":
        parts = [kind, rule, _sent_name(str(it.get("file") or "")), str(it.get("sheet") or ""), str(it.get("cell") or "")]
    else:
        parts = [kind, rule, _project_key(str(it.get("project") or "")), str(it.get("cell") or "")]
        if it.get("form_sheet") and it.get("sheet") != it.get("form_sheet"):  # on a 续表: a first sheet's keeps its key
            parts.append("续表" + str(it.get("sheet")))
    return "\x1f".join(parts)


def folded_keys(it: dict[str, Any]) -> list[str]:
    """The ``item_key`` of each finding ``it`` took in (``core.findings.fold``): same cell, another rule.
    D11 on a 总分 says what D7 would; the next round's D7 there, alone once a score is put right, is the
    point made last time, not a new one."""
    return [item_key({**it, "rule": code}) for code in it.get("folded") or ()]


# What of a department's own material a cross-form rule reads (``own_basis``): the indicators of the form the point is
# on (E1, E3: the same indicators as another department's project), the form's project name (E2: a name another
# department's form has too; the point's key holds it), its forms' figures and its own 汇总表 (E4: the 汇总表 against
# the forms' sums). A point of such a rule gone while that material is as it was cannot be the department's
# correction: another department's form changed (``compare``'s ``gone_others``).
CROSS_READS = {"E1": "indicators", "E3": "indicators", "E2": "names", "E4": "figures"}
SUMMARY_RULE = "E4"   # its points are on the department's own 汇总表, not on a form


def own_basis(forms: Sequence[Any], tables: Sequence[str] = ()) -> dict[str, Any]:
    """Fingerprints of what ``CROSS_READS`` names, over a department's counted ``forms`` and its own 汇总表
    workbooks (``tables``: paths): "indicators", each project's (its key ->; two forms of one name, both), and
    "figures", all its forms' and tables' at once. The manifest keeps them (``write_manifest``), the next round's
    ``gone_why`` asks whether they changed. Sorted, so that the order the forms were read in does not count."""
    from ..checking.rules.memo import squeezed

    def digest(parts: list[str]) -> str:
        return hashlib.sha256("\x1e".join(sorted(parts)).encode()).hexdigest()[:16]

    keys = [_project_key(str(getattr(f, "project", "") or "")) for f in forms]
    indicators: dict[str, list[str]] = {}
    for k, f in zip(keys, forms):
        indicators.setdefault(k, []).append("\x1f".join(
            f"{squeezed(getattr(i, 'name', ''))}\x1c{squeezed(getattr(i, 'target', ''))}"
            for i in getattr(f, "indicators", None) or ()))
    figures = []
    for k, f in zip(keys, forms):
        funds = getattr(f, "funds", None)
        cols = [funds.column(c) if funds is not None else None for c in ("annual", "executed")]
        figures.append(repr((k, getattr(f, "total_score", None), getattr(f, "grade", None), *cols)))
    cache: dict[str, str] = {}
    for t in tables:
        try:
            figures.append("table\x1f" + _digest(t, cache))
        except OSError:
            figures.append("table\x1f" + t)
    return {"indicators": {k: digest(v) for k, v in indicators.items()}, "figures": digest(figures)}


def gone_why(key: str, before: dict[str, Any], dept: Any) -> str:
    """Why a point of last round's notice (its ``item_key``) is gone now: "withdrawn" — the form it was on is not
    among the department's counted forms now (neither its project nor its sheet: the form or its sheet was deleted,
    or not sent again), or the 汇总表 or 自评报告 it was on is not sent again; "others" — a cross-form rule's point
    (``CROSS_READS``) while what that rule reads of the department's own material is as it was: another
    department's form changed (the form it was copied from, the project of the same name, the forms its 汇总表
    sums); else "corrected", the department put it right. The notice's “已改正N处” counts only the last."""
    parts = key.split("\x1f")
    kind, rule = parts[0], parts[1] if len(parts) > 1 else ""
    if kind == "report":
        return "corrected" if getattr(dept, "reports", None) else "withdrawn"
    if kind != "finding":
        return "corrected"
    if rule == SUMMARY_RULE:
        if not getattr(dept, "summary_tables", None):
            return "withdrawn"
    else:
        said = {item_key(it): str(it.get("form_sheet") or it.get("sheet") or "") for it in before.get("said") or ()}
        keys: set[str] = getattr(dept, "form_keys", set())
        sheets: set[str] = getattr(dept, "form_sheets", set())
        # its form is gone (neither its project nor its sheet is counted now) and no form came in its place: a
        # form under a new name on a renamed sheet may be this one renamed (E2 put right), not one withdrawn
        was: list[tuple[str, str]] = [(str(a), str(b)) for a, b in before.get("forms") or ()] or list(said.items())
        old_keys, old_sheets = {k.split("\x1f")[2] if "\x1f" in k else k for k, _ in was}, {sh for _, sh in was}
        came = [k for k, sh in getattr(dept, "form_ids", ()) if k not in old_keys and sh not in old_sheets]
        if parts[2] not in keys and said.get(key) not in sheets and not came:
            return "withdrawn"
    reads = CROSS_READS.get(rule)
    then, now = before.get("own") or {}, getattr(dept, "own", None) or {}
    if reads == "figures":   # the 汇总表 against the forms it sums, some of them maybe another department's
        return "others" if then.get("figures") and then.get("figures") == now.get("figures") else "corrected"
    if not reads or key not in set(before.get("elsewhere") or ()):   # the other form was its own: its change
        return "corrected"
    if reads == "names":   # the name is in the key, which is gone: the other department renamed or dropped its form
        return "others" if parts[2] in getattr(dept, "form_keys", set()) else "corrected"
    mine, had = (now.get("indicators") or {}).get(parts[2]), (then.get("indicators") or {}).get(parts[2])
    return "others" if had and had == mine else "corrected"


def is_point(it: dict[str, Any], counted_forms: int) -> bool:
    """Whether an item is one of the points the 台账's 须修改 and 请核实 columns count (its 清单's 类别,
    ``notices.category``): not a project not sent (未报项目), nor, beside forms that count, a form not
    counted (未计入), nor a hint."""
    from .notices import ASKS_ZH, category   # notices imports this module: not at the top

    return category(it, counted_forms) in (ASKS_ZH["change"], ASKS_ZH["verify"])


@lru_cache(maxsize=8192)
def _project_key(name: str) -> str:
    """``expected.project_key``, once per name: a county's notices repeat a few hundred projects."""
    from .expected import project_key

    return project_key(name)


@lru_cache(maxsize=8192)
def _sent_name(shown: str) -> str:
    from .notices import sent_name   # notices imports this module: not at the top

    return sent_name(shown)


@dataclass
class LastRound:
    """The previous review into the same folder, as its manifest kept it."""

    when: _dt.datetime
    number: int                                   # 1 for the first review
    departments: dict[str, dict[str, Any]] = field(default_factory=dict)  # name -> status, returned, items, folded


def read_last(outdir: Path) -> LastRound | None:
    """The previous round, or None (no manifest, one from before rounds were kept, or unreadable)."""
    try:
        data = json.loads((outdir / MANIFEST).read_text(encoding="utf-8"))
        when = _dt.datetime.fromisoformat(str(data["when"]))
        depts = data.get("departments")
        if not isinstance(depts, dict):
            return None
        number = int(data.get("round") or 1)
        clean = {str(k): {"status": v["status"], "items": [str(x) for x in v["items"]],
                          "returned": v.get("returned") if type(v.get("returned")) is int else 0,
                          **({"returns": v["returns"]} if type(v.get("returns")) is int else {}),
                          **({"no_form": True} if v.get("no_form") is True else {}),
                          "folded": {str(a): [str(x) for x in b] for a, b in v["folded"].items() if isinstance(b, list)}
                          if isinstance(v.get("folded"), dict) else {},
                          **({"points": [str(x) for x in v["points"]]} if isinstance(v.get("points"), list) else {}),
                          **_own_kept(v),
                          **({"elsewhere": [str(x) for x in v["elsewhere"]]} if isinstance(v.get("elsewhere"), list) else {}),
                          **_notice_kept(v), **_said_kept(v)}
                 for k, v in depts.items()   # a hand-edited manifest: what does not fit is left out
                 if isinstance(v, dict) and isinstance(v.get("items"), list) and isinstance(v.get("status"), str)}
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return LastRound(when, number, clean)


def _own_kept(v: dict[str, Any]) -> dict[str, Any]:
    """A record's ``own`` (``own_basis``) and ``elsewhere`` where they fit (a hand-edited manifest: left out)."""
    out: dict[str, Any] = {}
    own = v.get("own")
    if (isinstance(own, dict) and isinstance(own.get("figures"), str) and isinstance(own.get("indicators"), dict)
            and all(isinstance(x, str) for x in own["indicators"].values())):
        out["own"] = {"figures": own["figures"], "indicators": {str(a): b for a, b in own["indicators"].items()}}
    if isinstance(v.get("elsewhere"), list):
        out["elsewhere"] = [str(x) for x in v["elsewhere"]]
    if isinstance(v.get("forms"), list) and all(isinstance(x, list) and len(x) == 2 for x in v["forms"]):
        out["forms"] = [(str(a), str(b)) for a, b in v["forms"]]
    return out


# what a round's notice said of the round before it (``Department.last_round`` then): the keys and their types
_TOLD: dict[str, tuple[type, ...]] = {"status": (str, type(None)), "items": (int,), "fixed": (int, type(None)),
                                      "again": (int,), "new": (int,), "returned": (int,)}
# … and what a record of a later session may add (an int each): a standing notice says what it said (``round_sentence``)
_TOLD_MORE = ("returns", "corrected", "gone_others", "gone_withdrawn", "points", "points_corrected", "points_again",
              "points_gone_others", "points_gone_withdrawn", "missing_sent", "missing_again")


def _notice_kept(v: dict[str, Any]) -> dict[str, Any]:
    """What a department's record says of what it sent and of the notice it was drafted: ``sent``
    (its files' contents), ``round`` (the review its notice was drafted in), ``told`` (that notice's
    word on the round before it) and ``marked`` (the points it marked “上次已指出”); only those kept
    and fitting (a record from before they were kept has none: its department is compared as then)."""
    out: dict[str, Any] = {}
    if isinstance(v.get("sent"), list):
        out["sent"] = sorted({str(x) for x in v["sent"]})
    if isinstance(v.get("names"), list):   # … and by the 文件清单's names (``sent_names``)
        out["names"] = sorted({str(x) for x in v["names"]})
    if isinstance(v.get("resent_same"), list):   # its standing notice answered with the same file again (``compare``)
        out["resent_same"] = sorted({str(x) for x in v["resent_same"]})
    resent = v.get("resent")   # it passed, and what it sent again was not all counted (``resent_after_pass``)
    if isinstance(resent, list) and all(isinstance(x, dict) and isinstance(x.get("file"), str)
                                        and isinstance(x.get("counted"), bool) for x in resent):
        out["resent"] = [{"file": x["file"], "counted": x["counted"], "reason": str(x.get("reason") or "")}
                         for x in resent]
        if _rfc2822(v.get("resent_mailed")):   # its 情况告知 draft's Date:, kept as a standing notice's mail's is
            out["resent_mailed"] = v["resent_mailed"]
    if type(v.get("round")) is int and v["round"] >= 1:
        out["round"] = v["round"]
    told = v.get("told")
    if isinstance(told, dict) and all(type(told.get(k)) is not bool and isinstance(told.get(k), t)
                                      for k, t in _TOLD.items()):
        out["told"] = {k: told[k] for k in _TOLD} | {k: told[k] for k in _TOLD_MORE if type(told.get(k)) is int}
    if isinstance(v.get("marked"), list):
        out["marked"] = [str(x) for x in v["marked"]]
    try:   # the day its notice was dated (its 成文日期): a standing notice keeps it
        out["drafted"] = _dt.date.fromisoformat(str(v["drafted"])).isoformat()
    except (KeyError, ValueError, TypeError):
        pass
    if _rfc2822(v.get("mailed")):   # its mail draft's Date: header, which a standing notice's mail keeps too
        out["mailed"] = v["mailed"]
    verify = v.get("verify")   # it passed, and was sent a 核实事项通知: its round, day and mail's Date (``compare``)
    if isinstance(verify, dict) and type(verify.get("round")) is int and _rfc2822(verify.get("mailed")):
        try:
            out["verify"] = {"round": verify["round"], "drafted": _dt.date.fromisoformat(str(verify["drafted"])).isoformat(),
                             "mailed": verify["mailed"]}
        except (KeyError, ValueError, TypeError):
            pass
    return out


def _said_kept(v: dict[str, Any]) -> dict[str, Any]:
    """What a department's record keeps of its notice's words: ``said``, each item as the notice, 清单 and mail
    said it (in their order), and ``copies``, each marked copy's findings as marked (its file as the department
    sent it -> the findings, ``mark_record``) — so that a standing notice is rebuilt as it was sent, a point gone
    meanwhile included (``compare``). Only what fits; a record from before they were kept has neither."""
    out: dict[str, Any] = {}
    said = v.get("said")
    if isinstance(said, list) and all(isinstance(x, dict) and isinstance(x.get("message"), str) for x in said):
        out["said"] = [dict(x) for x in said]
    if isinstance(v.get("answered"), list):
        out["answered"] = [str(x) for x in v["answered"]]
    copies = v.get("copies")
    if isinstance(copies, dict) and all(isinstance(fs, list) and all(isinstance(f, dict) and _is_mark(f) for f in fs)
                                        for fs in copies.values()):
        out["copies"] = {str(k): [dict(f) for f in fs] for k, fs in copies.items()}
    return out


_MARK_KEYS = ("rule", "severity", "field", "message", "expected", "found", "sheet", "cell", "project", "form")
_SEVERITIES = ("error", "warning", "info")


def _is_mark(f: dict[str, Any]) -> bool:
    return (all(isinstance(f.get(k), str) for k in ("rule", "message", "sheet", "cell"))
            and f.get("severity") in _SEVERITIES)


def _plain(v: Any) -> Any:
    """A value as JSON keeps it and gives it back the same: a number or text as it is, anything else its text."""
    if v is None or isinstance(v, (str, bool, int, float)):
        return v
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    return str(v)


def mark_record(f: Any) -> dict[str, Any]:
    """A finding as a marked copy shows it, for the manifest: a standing notice's copy marks what this one did."""
    src = f.source or ""   # “file#sheet” or “file#sheet@L3”: the form, by which the 校验结果 names it
    return {**{k: _plain(getattr(f, k)) for k in _MARK_KEYS if k != "form"},
            "form": src.rpartition("#")[2] if "#" in src else "",
            # a formula total's 应为, marked again as such (``core.findings.formula_expected``); absent otherwise
            **({"expected_is_formula": True} if getattr(f, "expected_is_formula", False) else {})}


def marked_as_sent(dept: Any, shown: str, path: str) -> list[Any] | None:
    """The findings ``dept``'s standing notice's marked copy of the file ``shown`` (read from ``path``) marked when
    it was drafted (``mark_record``), to mark them again, a point gone since included; None where it has no
    standing notice or its record kept no such copy (a new notice, or a record from before they were kept)."""
    kept = getattr(dept, "standing", None)
    fs = ((kept or {}).get("copies") or {}).get(shown)
    if fs is None:
        return None
    from ..core.findings import Finding

    return [Finding(str(f["rule"]), str(f["severity"]), str(f.get("field") or ""), str(f["message"]),
                    expected=f.get("expected"), found=f.get("found"), file=path, sheet=str(f["sheet"]),
                    cell=str(f["cell"]), project=f.get("project"),
                    source=f"{path}#{f['form']}" if f.get("form") else None,
                    expected_is_formula=f.get("expected_is_formula") is True) for f in fs]


def _rfc2822(value: Any) -> bool:
    from email.utils import parsedate_to_datetime

    try:
        return isinstance(value, str) and parsedate_to_datetime(value) is not None
    except (ValueError, TypeError):
        return False


def compare(dept: Any, last: LastRound | None, sent: Sequence[str] | None = None,
            names: Sequence[str] | None = None) -> None:
    """What ``dept`` did with last round's points: each item gets ``again`` (made last time too),
    the department ``last_round`` (its status then, how many points, how many are gone, how many
    are still there, how many are new; ``fixed`` None where nothing could be read this time;
    ``resubmitted``: whether what it sent — ``sent``, its files' contents, ``sent_contents`` —
    differs from last round's, True where either is not known).

    A department returned last time whose files are all as they were has not answered yet: its
    notice stands (``standing``: the round it was drafted in, its word on the round before it,
    the points it marked; ``as_told``), and ``last_round`` says what the comparison finds. So does the 催报 of a
    department that has still sent nothing while the same projects are due from it, and (``verify_kept``) the
    核实事项通知 of one that passed again with the same points to verify."""
    for it in dept.items:
        it["again"] = False
    dept.standing = None
    dept.verify_kept = None
    if last is None:
        return
    before = last.departments.get(dept.name)
    if before is None:
        dept.last_round = {"status": None, "items": 0, "fixed": None, "again": 0, "new": len(dept.items),
                           "returned": 0, "returns": 0, "resubmitted": True}
        return
    old = set(before["items"])
    inside = before.get("folded") or {}   # an item's key -> the keys of the findings it took in
    said = old | {k for keys in inside.values() for k in keys}   # every point made, taken in or not
    now: set[str] = set()
    for it in dept.items:
        keys = [item_key(it), *folded_keys(it)]
        it["again"] = any(k in said for k in keys)
        now.update(keys)
    # a point is gone when neither it nor what it took in is still there; put right by the department, or gone
    # for another reason (``gone_why``: another department's form changed, its form was not sent again)
    gone = {k: gone_why(k, before, dept) for k in old | set(before.get("points", ()))
            if k not in now and not any(x in now for x in inside.get(k, ()))}
    fixed = sum(1 for k in old if k in gone)
    readable = dept.status in ("通过", "退回修改")
    # the points as the 台账's 须修改 and 请核实 columns count them (``is_point``): last round's, those of them put
    # right, this round's made last round and not — a project not sent, a form not counted said apart
    old_points = set(before.get("points", before["items"]))   # a record from before points were kept: its items
    points_fixed = sum(1 for k in old_points if k in gone)

    def why(keys: set[str], reason: str) -> int | None:
        return sum(1 for k in keys if gone.get(k) == reason) if readable else None
    made = old_points | {x for k in old_points for x in inside.get(k, ())}
    points = [it for it in dept.items if is_point(it, getattr(dept, "forms", 0))]
    carried = sum(1 for it in points if any(k in made for k in (item_key(it), *folded_keys(it))))
    dept.last_round = {"status": before["status"], "items": len(before["items"]),
                       # 无法读取 then for a workbook holding no form (a budget table): said “不是自评表” (``round_note``)
                       "no_form": bool(before.get("no_form")),
                       "fixed": fixed if readable else None,
                       "again": sum(1 for it in dept.items if it["again"]),
                       "new": sum(1 for it in dept.items if not it["again"]),
                       "returned": before["returned"], "returns": before.get("returns", before["returned"]),
                       "resubmitted": sent is None or "sent" not in before or sorted(set(sent)) != before["sent"],
                       "points": len(old_points), "points_fixed": points_fixed if readable else None,
                       "points_again": carried, "points_new": len(points) - carried,
                       # of those gone, put right by the department; gone as another department's form changed; gone
                       # with its form (or sheet) not sent again: fixed = corrected + gone_others + gone_withdrawn
                       "corrected": why(old, "corrected"), "gone_others": why(old, "others"),
                       "gone_withdrawn": why(old, "withdrawn"), "points_corrected": why(old_points, "corrected"),
                       "points_gone_others": why(old_points, "others"),
                       "points_gone_withdrawn": why(old_points, "withdrawn"),
                       # the projects its notice said were not sent: sent now, and not yet (said apart from the points)
                       "missing_sent": sum(1 for k in old if k.startswith("missing\x1f") and k in gone) if readable else None,
                       "missing_again": sum(1 for it in dept.items if it.get("kind") == "missing" and it["again"])}
    if (before["status"] == "未报送" == dept.status and not dept.last_round["resubmitted"]
            and {item_key(it) for it in dept.items} == old):
        # still nothing sent, and the same projects due: its 催报 stands as it was issued — its date, its mail's Date,
        # its round and count (a rerun over the same inbox dated it anew and made it “第2次催报”, then “第3次”, while
        # the department had been sent one). A changed 催报 (other projects due) is a new one, dated today.
        dept.standing = {"round": before.get("round") or last.number, "told": before.get("told"), "marked": [],
                         "drafted": before.get("drafted"), "mailed": before.get("mailed")}
    elif (before["status"] == "通过" == dept.status and not dept.last_round["resubmitted"] and "verify" in before
            and {item_key(it) for it in dept.items} == old):
        # passed again, its files as they were and the same points to verify: its 核实事项通知 stands as sent — its
        # round, date and mail's Date (``write.verify_notice``), as a standing return's and 催报's do
        dept.verify_kept = dict(before["verify"])
    elif (not dept.last_round["resubmitted"] and sent and before["status"] in ("退回修改", "无法读取")
            and dept.status not in ("通过", "未报送")):
        # nothing new since the notice it was sent: that notice stands (a department that has sent
        # nothing, 未报送 again, keeps its 催报 above while the projects due from it are the same)
        dept.standing = {"round": before.get("round") or last.number, "told": before.get("told"),
                         "marked": before.get("marked") or [], "drafted": before.get("drafted"),
                         "mailed": before.get("mailed"),
                         # what it said, word for word: a point gone since (another department put its form right) is
                         # still in what it was sent
                         **{k: before[k] for k in ("said", "copies", "answered", "elsewhere") if k in before}}
        # files under names it had not sent, their contents all sent before (``names``, ``sent_names``): it did answer,
        # with the same file again (changes never saved) — not “尚未重新报送”, which had the reviewer tell it it sent nothing
        # … and once said so, said so at each rerun while that notice stands: a third run over the same inbox named the
        # file it had sent again among those sent before and said it “尚未重新报送” again (``write_manifest``)
        if names is not None and "names" in before and (same := sorted(
                (set(names) - set(before["names"])) | (set(before.get("resent_same") or ()) & set(names)))):
            dept.last_round["resent_same"] = same
        # a point it was not told, though it sent nothing new (another department's file made it): the reviewer's
        held = [it for it in dept.items if not it["again"]]
        if held:
            dept.standing["held"] = [item_key(it) for it in held]
            dept.last_round["held"] = [{k: it.get(k, "") for k in ("rule", "severity", "project", "file", "sheet",
                                                                     "cell", "message")} for it in held]
        if held or "said" in dept.standing:
            from .notices import ask_counts   # notices imports this module: not at the top

            # the 台账's 须修改 and 请核实 are the notice's (its lead sentence): the held points apart, a gone one in
            dept.to_change, dept.to_verify = ask_counts(told_items(dept), getattr(dept, "forms", 0))


def as_told(dept: Any) -> Any:
    """The department as its notice, 清单 and mail tell it: ``dept`` itself, or — where its notice of an
    earlier round stands (``compare``) — a copy with that notice's word on the round before it and the
    points it marked “上次已指出”, so that they say what they said then."""
    kept = getattr(dept, "standing", None)
    if not kept:
        return dept
    marked = set(kept["marked"])
    return replace(dept, last_round=kept["told"], items=[{**it, "again": item_key(it) in marked} for it in told_items(dept)])


def told_items(dept: Any) -> list[dict[str, Any]]:
    """``dept``'s items but those its standing notice holds out (``compare``: points it was not told, arising
    from outside its files while it sent nothing): what its notice, 清单 and the manifest list. Where the record kept
    what the notice said (``said``), that, word for word and in its order: a point gone since — another department
    put right the form it had copied — was left out of the notice redrafted from this round's items, though the
    department had been sent it."""
    kept = getattr(dept, "standing", None) or {}
    if "said" in kept:
        return [dict(it) for it in kept["said"]]
    held = set(kept.get("held") or ())
    return [it for it in dept.items if item_key(it) not in held] if held else dept.items


def held_finding(dept: Any, f: Any) -> bool:
    """Whether the finding ``f`` is one of the points ``dept``'s standing notice holds out (``told_items``):
    not marked in the copy sent with that notice."""
    held = (getattr(dept, "standing", None) or {}).get("held")
    if not held:
        return False
    from ..core.findings import source_sheet

    it = {"kind": "finding", "rule": f.rule, "project": f.project or "", "cell": f.cell or "", "sheet": f.sheet or "",
          "form_sheet": source_sheet(f.source) or f.sheet or ""}
    return item_key(it) in set(held)


def drafted_on(dept: Any) -> _dt.date | None:
    """The 成文日期 of ``dept``'s standing notice (``compare``): the day it was drafted, not the day of this rerun —
    a notice redrafted the next day was dated anew, so the one sent and the one in the folder differed. None
    for a new notice (dated today) and for a record from before the day was kept."""
    kept = getattr(dept, "standing", None)
    return _dt.date.fromisoformat(kept["drafted"]) if kept and kept.get("drafted") else None


def mailed_at(dept: Any) -> str | None:
    """The ``Date:`` of ``dept``'s standing notice's mail draft, as first written: the draft the reviewer may already
    have sent, written again word for word, was dated at each rerun (the mail program shows that date; two reruns'
    drafts differed by it alone). None for a new notice (dated now) and for a record from before it was kept."""
    kept = getattr(dept, "standing", None)
    return str(kept["mailed"]) if kept and kept.get("mailed") else None


def mail_round(dept: Any, number: int) -> int:
    """The round the department's mail names (“…-第2轮.docx”): this review's ``number``, or the one
    its standing notice was drafted in."""
    kept = getattr(dept, "standing", None)
    return int(kept["round"]) if kept else number


def _digest(path: str, cache: dict[str, str]) -> str:
    if path not in cache:
        h = hashlib.sha256()
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        cache[path] = h.hexdigest()
    return cache[path]


def sent_contents(rv: Any) -> dict[str, list[str]]:
    """What each department sent, as its files' contents (sha-256, sorted, once each): every file the
    文件清单 gives it — counted, set aside, unreadable, its 自评报告. A workbook read from a conversion
    (not the same bytes each time) is its inbox file's (the .et, or the message or archive it came in)
    with its name; so is a file nothing could be taken out of."""
    out: dict[str, set[str]] = {}
    for whose, _name, key in _file_keys(rv):
        out.setdefault(whose, set()).add(key)
    return {k: sorted(v) for k, v in out.items()}


def sent_names(rv: Any) -> dict[str, list[str]]:
    """What each department sent, by the 文件清单's names (sorted, once each): the manifest keeps them beside the
    contents (``sent_contents``), so that a file sent again unchanged under another name is told apart from
    nothing sent (``compare``'s ``resent_same``)."""
    out: dict[str, set[str]] = {}
    for row in rv.files:
        for whose in row.get("departments") or []:
            out.setdefault(str(whose), set()).add(str(row.get("file") or ""))
    return {k: sorted(v) for k, v in out.items()}


def sent_before(rv: Any, last: LastRound | None) -> None:
    """Each department's files (by their 文件清单 name) that it sent, as they are, in the round before (``sent``):
    ``Department.sent_before``. A workbook of them replaced whole by its resubmission is the course of the round —
    the department was returned it and sent it again — and its notice does not explain it (``replaced_note``);
    the 台账 and 文件清单 still list it. A standing notice's are those of the round it was drafted in (``answered``).
    Also the files come since the round before (``Review._new_files``), which the 文件清单 marks."""
    if last is None:
        return
    keys: dict[str, dict[str, str]] = {}
    for whose, name, key in _file_keys(rv):
        keys.setdefault(whose, {})[name] = key
        # … and the files come since (the 文件清单's “第2轮新收到”): a department's not among what it sent then, all
        # of one not in the round before; none where that round's record did not keep what was sent
        rec = last.departments.get(whose)
        if rec is None or ("sent" in rec and key not in rec["sent"]) or ("names" in rec and name not in rec["names"]):
            rv._new_files.add(name)   # a name not sent before is come too, its content the same (``resent_same``)
    for d in rv.departments:
        kept = getattr(d, "standing", None)
        if kept:   # its notice stands: the files it did not explain then (a second rerun added the 说明 back)
            d.sent_before = set(kept.get("answered") or ())
            continue
        before = set((last.departments.get(d.name) or {}).get("sent") or ())
        if before:
            d.sent_before = {name for name, key in keys.get(d.name, {}).items() if key in before}


def resent_after_pass(rv: Any, last: LastRound | None = None) -> None:
    """A department that passed the round before and sent files again anyway (a correction it chose to make): its
    ``last_round["resent"]``, each new file (by its 文件清单 name) with whether it counted and why not. 交通运输局
    passed round 1 and sent a 修改稿 whose 年度 was mistyped 2021: round 2 said “通过 / 上轮通过”, counted the old
    form in the 汇总表 and said nothing of the new one but a line of the 文件清单 — the reviewer could not see that
    the correction was not taken, nor tell the department, which believed it was (``round_note``, ``kept_note``,
    ``resent_text``). A department returned the round before is told of its files not counted in its new notice."""
    for d in rv.departments:
        lr = getattr(d, "last_round", None)
        if not lr or lr.get("status") != "通过" or getattr(d, "standing", None):
            continue
        rows = [f for f in rv.files if d.name in (f.get("departments") or []) and f.get("file") in rv._new_files]
        if rows:
            lr["resent"] = [{"file": str(f["file"]), "counted": f.get("status") == "计入",
                             "reason": "" if f.get("status") == "计入" else str(f.get("reason") or "")} for f in rows]
            continue
        # nothing new since a round that told it its resend was not counted: that word stands at a rerun, as a standing
        # notice does — a third run over the same inbox said “上轮通过” alone, counted it nowhere, and moved the
        # 情况告知 draft not yet sent into 历次复核 (its files are as they were: counted or not as then)
        before = ((last.departments.get(d.name) or {}) if last is not None else {}).get("resent")
        now = {str(f.get("file")): f.get("status") == "计入" for f in rv.files if d.name in (f.get("departments") or [])}
        if before and d.status == "通过" and all(now.get(f["file"]) is f["counted"] for f in before):
            lr["resent"] = [dict(f) for f in before]
            lr["resent_kept"] = True
            d.resent_mailed = (last.departments.get(d.name) or {}).get("resent_mailed") if last is not None else None


def resent_aside(dept: Any) -> list[dict[str, Any]]:
    """The files ``dept`` sent again after passing (``resent_after_pass``) that are not counted."""
    return [f for f in (getattr(dept, "last_round", None) or {}).get("resent") or () if not f["counted"]]


def kept_note(rv: Any) -> dict[str, str]:
    """The 文件清单's word on a file counted from the round before, by its name, where the department that sent it
    passed then and none of what it sent again counts (``resent_after_pass``): the 汇总表 still takes this one."""
    out: dict[str, str] = {}
    for d in rv.departments:
        resent = (getattr(d, "last_round", None) or {}).get("resent") or []
        if not resent or any(f["counted"] for f in resent):
            continue
        # a rerun's, its word of the round it came in kept (``resent_kept``): that round is not known, not this one
        when = "" if d.last_round.get("resent_kept") else f"第{rv.round}轮"
        for f in rv.files:
            if d.name in (f.get("departments") or []) and f.get("status") == "计入" and f.get("file") not in rv._new_files:
                out[str(f["file"])] = f"{when}重新报送的文件未计入，仍计入此表"
    return out


def _file_keys(rv: Any) -> list[tuple[str, str, str]]:
    """(department, file as the 文件清单 names it, its content's key) for every file the 文件清单 gives a
    department (``sent_contents``)."""
    cache: dict[str, str] = {}
    out: list[tuple[str, str, str]] = []
    for row in rv.files:
        whose = [str(w) for w in row.get("departments") or []]
        if not whose:
            continue
        path, origin, name = str(row.get("path") or ""), str(row.get("origin") or ""), str(row.get("file") or "")
        read = rv._by_path.get(path)
        key = content_key(path, origin, name, read is not None and read.converted, cache)
        out.extend((w, name, key) for w in whose)
    return out


def content_key(path: str, origin: str, name: str, converted: bool, cache: dict[str, str]) -> str:
    """One file's content as the manifest's ``sent`` keeps it (``sent_contents``): its bytes' sha-256; a
    workbook read from a conversion (not the same bytes each time), or a file taken out of a message or an
    archive and not kept, is its inbox file's with its name; without either, its name."""
    try:
        if path and not converted and os.path.isfile(path):
            return _digest(path, cache)
        if origin and os.path.isfile(origin):
            return hashlib.sha256(f"{_digest(origin, cache)}\x1f{name}".encode()).hexdigest()
    except OSError:
        pass
    return hashlib.sha256(name.encode()).hexdigest()


def round_note(dept: Any) -> str:
    """The 台账's word on a department against the previous round (“上轮退回 13 处，已改 9 处”);
    "" in a first round."""
    lr = getattr(dept, "last_round", None)
    if not lr:
        return ""
    if lr["status"] is None:
        return "上轮未列入"
    # its status then as the 台账 said it (``Department.status_said``): a department that had sent a budget table for
    # its form was “不是自评表”, and round 2 called it “上轮无法读取” — the file the reviewer had opened
    from ..errors import NO_FORM

    was = NO_FORM if lr.get("no_form") else lr["status"]
    if getattr(dept, "standing", None):  # nothing new since its notice: not a round it has had
        held = f"，新问题 {len(lr['held'])} 处，未写入通知" if lr.get("held") else ""   # ``compare``
        # a point of its notice gone though its files are as they were: another department's file changed (E1)
        gone = lr.get("points_fixed", lr["fixed"]) or 0
        gone_said = f"，通知所列 {gone} 处已不存在" if gone else ""
        if lr.get("resent_same"):   # it sent its file again, unchanged (``compare``)
            return ("上轮退回后重新发来的文件与上轮相同" if lr["status"] == "退回修改"
                    else f"上轮{was}，重新发来的文件与上轮相同") + held + gone_said
        if lr["status"] == "未报送":   # its 催报 stands (``compare``): it was reminded once, and has sent nothing since
            return "上轮已催报，仍未报送"
        return ("上轮退回后尚未重新报送" if lr["status"] == "退回修改" else f"上轮{was}，尚未重新报送") \
            + held + gone_said
    if lr["status"] != "退回修改":
        resent = lr.get("resent") or []   # it passed, and sent files again anyway (``resent_after_pass``)
        if not resent:
            return f"上轮{was}"
        aside = sum(1 for f in resent if not f["counted"])
        if not aside:
            return f"上轮{was}，重新报送 {len(resent)} 个文件，已计入"
        if aside == len(resent):
            return f"上轮{was}，重新报送 {aside} 个文件，未计入，仍用原表"
        return f"上轮{was}，重新报送 {len(resent)} 个文件，{aside} 个未计入"
    # the points the 须修改 and 请核实 columns count, last round's and this one's: 上轮 − 已改 + 新增 is their sum now
    # (the items' counts took in a project not sent and a form of another year, which those columns leave out)
    # 已改 is what the department put right; a point gone otherwise (another department's form changed, its form not
    # sent again: ``gone_why``) is “不再适用”, so that 上轮退回 − 已改 − 不再适用 + 新增 is still their sum
    points, fixed, new = (lr.get("points", lr["items"]), lr.get("points_fixed", lr["fixed"]),
                          lr.get("points_new", lr["new"]))
    if not points:   # returned for a project not sent (a form of another year) alone: no point to have put right
        return "上轮退回" + (f"，新增 {new} 处" if new and fixed is not None else "")
    if fixed is None:
        return f"上轮退回 {points} 处"
    corrected = lr.get("points_corrected", fixed)
    moot = fixed - corrected
    return (f"上轮退回 {points} 处，已改 {corrected} 处" + (f"，{moot} 处不再适用" if moot else "")
            + (f"，新增 {new} 处" if new else ""))


GONE_SAID = {"others": "其他单位报送的表已修改", "withdrawn": "所在的表本次未报送"}


def gone_sentence(others: int, withdrawn: int) -> str:
    """The notice's word on the points of the last notice gone for another reason than the department's correction
    (``gone_why``), after “已改正N处”: “；另有1处因其他单位报送的表已修改，不再列入”; "" where none is."""
    said = [(n, GONE_SAID[k]) for k, n in (("others", others), ("withdrawn", withdrawn)) if n]
    if not said:
        return ""
    if len(said) == 1:
        return f"；另有{said[0][0]}处因{said[0][1]}，不再列入"
    return f"；另有{others + withdrawn}处不再列入（" + "，".join(f"{n}处因{why}" for n, why in said) + "）"


def notice_count(dept: Any) -> str:
    """Which return (“第2次退回”) or 催报 (“第2次催报”) the department's notice says it is, "" where it says
    none (a first one; a department that passes). ``round_sentence`` opens with it and the 台账's 状态 column
    shows it (of ``as_told(dept)``: a standing notice's own), so the two never differ.

    A notice on files that could not be read (无法读取) was a return too: the next one says it is the 2nd. With
    nothing read this time either (a second budget table for its form, a workbook locked again) it is still a
    return, and which one; a department that now sent nothing is reminded (a 催报), and says no count. The
    returns count the 退回修改通知, not the 催报 before them (a department reminded, then returned: its 1st)."""
    lr = getattr(dept, "last_round", None)
    if lr and lr["status"] == "未报送" and dept.status == "未报送":
        return f"第{lr['returned'] + 1}次催报"
    if not lr or lr["status"] not in ("退回修改", "无法读取") or dept.status not in ("退回修改", "无法读取"):
        return ""
    if lr["fixed"] is None and dept.status != "无法读取":
        return ""
    return f"第{lr.get('returns', lr['returned']) + 1}次退回"


def round_sentence(dept: Any) -> str:
    """The notice's sentence for a department returned before whose forms were read this time:
    which time this is (``notice_count``), how many of the points it was sent are put right, how many are not;
    for one whose files could not be read (or held no form) again, which time alone; for one that has still
    sent nothing, which 催报 this is."""
    count = notice_count(dept)
    if not count:
        return ""
    lr = dept.last_round
    if count.endswith("催报") or lr["fixed"] is None:   # nothing read this time: nothing counted as put right
        return f"这是{count}。"
    # 已改正: what the department put right, not a point gone as another department's form changed or its form was
    # not sent again (``gone_why``): those are said apart
    # counted as that notice's lead counted them (“未报项目1个，须修改1处，请核实5处”) and the 台账 counts them
    # (``is_point``): its points, a project not sent said apart — “上次通知所列7处中，已改正1处” took in the project
    # sent since, while the 台账 said “上轮退回 6 处，已改 0 处” (a record from before s65 kept no points: its items)
    points = "points" in lr and "points_corrected" in lr
    total, corrected, again = ((lr["points"], lr["points_corrected"], lr.get("points_again", lr["again"])) if points
                               else (lr["items"], lr.get("corrected", lr["fixed"]), lr["again"]))
    text = f"这是{count}。"
    if total:
        text += f"上次通知所列{total}处中，已改正{corrected}处"
        if again:
            text += f"，仍有{again}处未改正（已在相应条目末尾注明“上次已指出”）"
        text += gone_sentence(*((lr.get("points_gone_others") or 0, lr.get("points_gone_withdrawn") or 0) if points
                                else (lr.get("gone_others") or 0, lr.get("gone_withdrawn") or 0))) + "。"
    sent, unsent = (lr.get("missing_sent") or 0, lr.get("missing_again") or 0) if points else (0, 0)
    if sent and unsent:
        text += f"上次通知所列未报送的{sent + unsent}个项目中，已补报{sent}个，仍有{unsent}个未报送。"
    elif sent:
        text += f"上次通知所列未报送的{sent}个项目已补报。"
    return text


def round_counts(rv: Any, depts: Sequence[Any]) -> dict[str, int] | None:
    """The departments counted against the previous review into this folder, as their rows' 状态 (``round_note``)
    say them: of those not passed then (``not_passed``), how many pass now, how many have sent nothing since their
    notice (``waiting``: “尚未重新报送”) and how many sent their file again unchanged (``resent_same``: “重新发来的文件
    与上轮相同”, not waiting); of those passed then (``passed``), how many sent files again (``resent``: “重新报送 N 个
    文件”) and how many of those have some file not counted (``resent_aside``). The 台账's head line and the console
    say them (``returned_now_pass``), ``--json`` gives them (``totals["against_last"]``): one count, said three ways.
    None in a first round."""
    if rv.round < 2 or rv.last_when is None:
        return None
    back = [d for d in depts if d.last_round and d.last_round["status"] not in (None, "通过")]
    # (a standing 催报 is no return answered late: “尚未重新报送” counts returns, ``compare``)
    standing = [d for d in back if getattr(d, "standing", None) and d.status != "未报送"]
    # a standing notice's department that sent its file again unchanged (``resent_same``) is said apart, as its 状态 is
    same = sum(1 for d in standing if d.last_round.get("resent_same"))
    passed = [d for d in depts if d.last_round and d.last_round["status"] == "通过"]
    resent = [d for d in passed if d.last_round.get("resent")]
    return {"not_passed": len(back), "now_pass": sum(1 for d in back if d.status == "通过"),
            "waiting": len(standing) - same, "resent_same": same, "passed": len(passed), "resent": len(resent),
            "resent_aside": sum(1 for d in resent if resent_aside(d))}


def returned_now_pass(rv: Any, depts: Sequence[Any]) -> str:
    """The word on the previous review into this folder: when, and how many of the departments returned
    then pass now -- one sentence for the 复核台账's head line and the console ("" in a first round); then, where
    departments that passed then sent files again, how many, and how many of them have a file not counted (the
    head line said nothing of them, while their rows said “上轮通过，重新报送 1 个文件，未计入，仍用原表”)."""
    n = round_counts(rv, depts)
    if n is None or rv.last_when is None:
        return ""
    from ..core.dates import cn_time

    return (f"上轮（{cn_time(rv.last_when)}）未通过的 {n['not_passed']} 个单位中，{n['now_pass']} 个本轮通过"
            + (f"，{n['waiting']} 个尚未重新报送" if n["waiting"] else "")
            + (f"，{n['resent_same']} 个重新发来的文件与上轮相同" if n["resent_same"] else "")
            + (f"；上轮通过的 {n['passed']} 个单位中，{n['resent']} 个重新报送了文件" if n["resent"] else "")
            + (f"，其中 {n['resent_aside']} 个有文件未计入" if n["resent_aside"] else ""))


def write_manifest(outdir: Path, written: list[Path], departments: Sequence[Any] = (), number: int = 1,
                   sent: dict[str, list[str]] | None = None,
                   copies: dict[str, dict[str, list[dict[str, Any]]]] | None = None,
                   names: dict[str, list[str]] | None = None) -> None:
    """What this run wrote below ``outdir`` (relative paths), and when; which round it was, and
    each department's status and items (``item_key``) for the next round's ``compare``, what it
    sent (``sent_contents``) and what its notice said (its round, its word on the round before,
    the points it marked: a standing notice's carried on)."""
    rel = sorted({str(p.resolve().relative_to(outdir.resolve())) for p in written
                  if p.exists() and p.resolve().is_relative_to(outdir.resolve())})
    depts = {}
    for d in departments:
        lr = getattr(d, "last_round", None) or {}
        kept = getattr(d, "standing", None)
        # how many notices it has had: a standing one is not another
        returned = int(lr.get("returned") or 0) + (d.status != "通过" and not kept)
        # … and how many of them were returns for changes (a 催报 is a notice, not a return: ``round_sentence``)
        returns = int(lr.get("returns", lr.get("returned")) or 0) + (d.status in ("退回修改", "无法读取") and not kept)
        told = told_items(d)   # a standing notice's points: one it held out is new when a notice makes it
        depts[d.name] = {"status": d.status, "returned": returned, "returns": returns,
                         # 无法读取 for a workbook holding no form: the next round says “上轮不是自评表” (``round_note``)
                         **({"no_form": True} if getattr(d, "no_form", False) else {}),
                         "items": [item_key(it) for it in told],
                         "points": [item_key(it) for it in told if is_point(it, d.forms)],
                         "folded": {item_key(it): folded_keys(it) for it in told if it.get("folded")},
                         "round": kept["round"] if kept else number,
                         "told": kept["told"] if kept else ({k: lr[k] for k in (*_TOLD, *_TOLD_MORE) if k in lr} if lr else None),
                         "marked": kept["marked"] if kept else [item_key(it) for it in d.items if it.get("again")],
                         "drafted": (kept or {}).get("drafted") or _dt.date.today().isoformat()}
        if d.status in ("退回修改", "无法读取"):   # a notice that may stand (``compare``): its words, to rebuild it
            depts[d.name]["said"] = [{k: _plain(v) for k, v in it.items() if k != "again"} for it in told]
            if marked := (copies or {}).get(d.name):
                depts[d.name]["copies"] = marked
            if answered := (kept or {}).get("answered") or getattr(d, "sent_before", None):   # ``sent_before``
                depts[d.name]["answered"] = sorted(answered)
        if kept and (same := lr.get("resent_same")):   # its standing notice answered by the same file again (``compare``)
            depts[d.name]["resent_same"] = list(same)
        if getattr(d, "resent_mail", None) and lr.get("resent"):   # told its resend was not counted: said at a rerun
            depts[d.name]["resent"] = lr["resent"]
            if mailed_on := draft_date(d.resent_mail):
                depts[d.name]["resent_mailed"] = mailed_on
        if getattr(d, "verify_notice", None):   # its 核实事项通知: kept as sent while nothing in it changes (``compare``)
            v = getattr(d, "verify_kept", None) or {}
            depts[d.name]["verify"] = {"round": v.get("round") or number,
                                       "drafted": v.get("drafted") or _dt.date.today().isoformat(),
                                       "mailed": v.get("mailed") or draft_date(d.verify_mail)}
        if own := getattr(d, "own", None):   # what cross-form rules read of its material (``own_basis``, ``gone_why``)
            depts[d.name]["own"] = own
        if ids := getattr(d, "form_ids", None):   # its forms counted, [project key, sheet] (``gone_why``)
            depts[d.name]["forms"] = [list(x) for x in ids]
        other = set(getattr(d, "elsewhere", ())) | set((kept or {}).get("elsewhere") or ())   # a standing notice's too
        if elsewhere := [item_key(it) for it in told if item_key(it) in other]:
            depts[d.name]["elsewhere"] = elsewhere
        mailed = (kept or {}).get("mailed") or (draft_date(d.mail) if getattr(d, "mail", None) else None)
        if mailed:
            depts[d.name]["mailed"] = mailed
        if sent is not None:
            depts[d.name]["sent"] = sent.get(d.name, [])
        if names is not None:
            depts[d.name]["names"] = names.get(d.name, [])
    atomic_write_text(outdir / MANIFEST, json.dumps({"when": _dt.datetime.now().isoformat(timespec="seconds"),
                                                     "round": number, "written": rel, "departments": depts},
                                                    ensure_ascii=False, separators=(",", ":"), default=str))
    # compact: a notice that may stand keeps its words and its copy's marks (``said``, ``copies``), ~110 KB a
    # department of 10 forms; indented, the 500-form county's manifest was 10.9 MB, written and read every round


def archive_previous(outdir: Path, keep_manifest: bool = False, moves: Moves | None = None) -> Path | None:
    """Move the files the previous run listed into ``历次复核/<when>/`` (relative paths kept);
    the folder they went to, or None when there was no previous run (or it left nothing).
    A manifest that cannot be read is left alone with everything else; ``keep_manifest``: the
    manifest too, for the new round's to replace (``write_manifest``). ``moves``: the round's own
    (``fileio.Moves``), all undone should one of its files be open (a rename, never a copy: a copy
    of the open file was left in 历次复核 and the file itself where it was)."""
    manifest = outdir / MANIFEST
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
        when = _dt.datetime.fromisoformat(str(data["when"]))
        written = [str(x) for x in data["written"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    target = outdir / ARCHIVE_DIR / when.strftime("%Y%m%d-%H%M%S")
    k = 2
    while target.exists():
        target = target.with_name(f"{when:%Y%m%d-%H%M%S}-{k}")
        k += 1
    moved = False
    top = outdir.resolve()
    own = moves is None
    moves = moves or Moves(outdir)
    try:
        for rel in written:
            src = outdir / rel
            if not src.resolve().is_relative_to(top) or rel.split(os.sep)[0] == ARCHIVE_DIR or not src.is_file():
                continue  # a hand-edited manifest pointing elsewhere, or a file already gone
            moves.move(src, target / rel)
            moved = True
            parent = src.parent
            while parent.resolve() != top and parent.is_dir() and not any(parent.iterdir()):
                parent.rmdir()  # a department folder emptied by the move
                parent = parent.parent
    finally:
        if own:
            moves.close()
    if not keep_manifest:
        manifest.unlink(missing_ok=True)
    return target if moved else None
