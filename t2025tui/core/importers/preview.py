"""What an import would do, row by row, before anything is written.

The CLI prints it, the app's modal shows it, and `apply.apply_preview` writes exactly it.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from t2025tui.core.importers.headers import ColumnUse

ACTIONS = ("create", "update", "unchanged", "invalid", "conflict")


@dataclass(frozen=True)
class Problem:
    where: str  # "Risks!F12", the cell to look at in Excel
    message: str  # "likelihood 7 is not 1-5"

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass
class RowPlan:
    action: str  # one of ACTIONS
    entity: str  # table: risk, workstream, milestone, recommendation
    label: str  # what a person calls it: a ref, a code, a title
    where: str  # "Risks row 12"
    entity_id: int | None = None
    version: int | None = None  # the record's version when previewed
    values: dict = field(default_factory=dict)  # create: the new row; update: field -> new value
    old: dict = field(default_factory=dict)  # update: field -> value now in the database
    reason: str = ""
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    read: dict[str, object] = field(default_factory=dict)  # field -> the cell's value as read
    key: str = ""  # a record to create that other rows of the import point at ("workstream:...")
    links: dict[str, str] = field(default_factory=dict)  # field -> key of a record this import creates
    display: dict[str, str] = field(default_factory=dict)  # field -> how to show its stored value

    def describe(self) -> list[str]:
        head = f"{self.where}: {self.entity.replace('_', ' ')} {self.label}"
        if self.action == "create":
            lines = [f"+ create {head}"]
            for name, cell in self.read.items():
                shown = self.display.get(name, self.values.get(name))
                lines.append(f"    {_field(name)}: {_as_read(_typed(cell), shown)}")
            return lines
        if self.action == "update":
            lines = [f"~ change {head}"]
            for name, new in self.values.items():
                stored = self.display.get(name, new)
                typed = _typed(self.read[name]) if name in self.read else None
                was = f" (read {_shown(typed)})" if typed is not None and typed != _plain(stored) else ""
                lines.append(f"    {_field(name)}: {_shown(self.old.get(name))} -> {_shown(stored)}{was}")
            return lines
        if self.action == "conflict":
            return [f"! conflict {head}: " + "; ".join(p.message for p in self.problems)]
        if self.action == "invalid":
            return [f"x invalid {head}"] + [f"    {problem}" for problem in self.problems]
        return []


@dataclass(frozen=True)
class SheetUse:
    sheet: str
    header_row: int
    columns: tuple[ColumnUse, ...]
    notes: tuple[str, ...] = ()  # how columns were read: by content, by the user's choice, 3-point

    def describe(self) -> list[str]:
        lines = [f"Sheet {self.sheet!r}: header row {self.header_row}"]
        lines += [f"    {use.describe()}" for use in self.columns]
        lines += [f"    note: {note}" for note in self.notes]
        return lines


@dataclass
class Preview:
    kind: str  # "risks" or "updates"
    file_name: str
    sheets: list[SheetUse] = field(default_factory=list)
    rows: list[RowPlan] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def invalid(self) -> list[RowPlan]:
        return [row for row in self.rows if row.action == "invalid"]

    @property
    def to_write(self) -> list[RowPlan]:
        return [row for row in self.rows if row.action in ("create", "update")]

    def nothing_to_write(self) -> str:
        """Why an import with nothing valid to write writes nothing."""
        conflicts = self.count("conflict")
        if conflicts:
            return (
                f"Nothing imported from {self.file_name}: {conflicts} row(s) in conflict with changes made in "
                "the app since the export; make those changes in the app."
            )
        return f"Nothing imported from {self.file_name}: the database already holds everything in it."

    def summary(self) -> str:
        parts = [
            f"{self.count(a)} {word}"
            for a, word in (
                ("create", "to create"),
                ("update", "to change"),
                ("unchanged", "unchanged"),
                ("invalid", "invalid"),
                ("conflict", "in conflict"),
            )
        ]
        return f"{self.file_name}: " + ", ".join(parts)

    def lines(
        self, *, show_mapping: bool = True, limit: int | None = None, problems_first: bool = False
    ) -> list[str]:
        """The preview as text. Invalid and conflicting rows are always listed in full; creates
        and changes beyond `limit` are counted rather than listed. `problems_first` puts the
        rows that need attention at the top (a small window shows them without scrolling)."""
        out: list[str] = []
        rows = self.rows
        if problems_first:
            rows = [r for r in rows if r.action in ("invalid", "conflict")] + [
                r for r in rows if r.action not in ("invalid", "conflict")
            ]
            out.append(self.summary())
        if show_mapping:
            for sheet in self.sheets:
                out += sheet.describe()
        listed = hidden = 0
        for row in rows:
            described = row.describe()
            if not described:
                continue
            if limit is not None and listed >= limit and row.action in ("create", "update"):
                hidden += 1
                continue
            out += described
            out += [f"    warning: {warning}" for warning in row.warnings]
            listed += row.action in ("create", "update")
        if hidden:
            out.append(f"... and {hidden} more rows to create or change (not listed)")
        out += [f"warning: {warning}" for warning in self.warnings]
        out.append(self.summary())
        return out


def _field(name: str) -> str:
    return name.removesuffix("_id").replace("_", " ")


def _typed(cell) -> str:
    """A cell as the user typed it, for the preview's 'High' -> 4."""
    if isinstance(cell, str):
        return cell.strip()
    if isinstance(cell, datetime):
        return cell.date().isoformat() if cell.time() == datetime.min.time() else cell.isoformat(" ")
    if isinstance(cell, date):
        return cell.isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


def _plain(value) -> str:
    return "" if value is None else str(value)


def _as_read(typed: str, stored) -> str:
    """'High' -> 4 when reading changed the value; just the value when it did not."""
    if typed == _plain(stored):
        return _shown(stored)
    return f"{_shown(typed)} -> {_shown(stored)}"


def _shown(value) -> str:
    if value is None or value == "":
        return "(blank)"
    text = str(value).replace("\n", " ")
    return repr(text[:60] + "…") if len(text) > 60 else repr(text)
