"""Turning the paths a user gives into forms: JSON files, workbooks, or folders of them.

Every command that takes ``PATH…`` goes through here, so they all accept the same inputs
and report unreadable ones the same way: the batch goes on with the other files and the
problems are returned, each naming its file (and sheet and cell where there is one).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import JixiaoError, NotAFormError
from .model import Form, load_form
from .reader import WORKBOOK_SUFFIXES, SheetForm, read_workbook


@dataclass
class Loaded:
    """One form and where it came from."""

    form: Form
    file: str
    sheet: str | None = None
    sheet_form: SheetForm | None = None

    @property
    def source(self) -> str:
        return f"{self.file}#{self.sheet}" if self.sheet else self.file

    def cell(self, path: str) -> str | None:
        return self.sheet_form.cell(path) if self.sheet_form else None


@dataclass
class Batch:
    forms: list[Loaded] = field(default_factory=list)
    problems: list[JixiaoError] = field(default_factory=list)
    files: int = 0


def expand(paths: list[str | Path]) -> list[Path]:
    """Folders become the JSON forms and workbooks below them, sorted; files stay."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(q for q in p.rglob("*") if q.is_file()
                              and (q.suffix.lower() in WORKBOOK_SUFFIXES or q.suffix.lower() == ".json")
                              and not q.name.startswith(("~$", ".~"))))
        else:
            out.append(p)
    return out


def load_one(path: Path) -> tuple[list[Loaded], list[JixiaoError]]:
    if path.suffix.lower() == ".json":
        return [Loaded(load_form(path), str(path))], []
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        res = read_workbook(path)
        return [Loaded(sf.form, sf.file, sf.sheet, sf) for sf in res.forms], list(res.problems)
    raise NotAFormError(f"{path}：既不是表单 JSON，也不是工作簿（.xlsx/.xlsm/.xls）", file=str(path))


def load_all(paths: list[str | Path]) -> Batch:
    batch = Batch()
    for p in expand(paths):
        batch.files += 1
        try:
            forms, problems = load_one(p)
        except JixiaoError as exc:
            batch.problems.append(exc)
            continue
        batch.forms.extend(forms)
        batch.problems.extend(problems)
    return batch
