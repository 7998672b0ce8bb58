"""Finding the header row of a table and what each of its columns means.

People put title blocks, logos, merged banners and blank rows above the table, and name the
columns in their own words. Each row near the top is scored by how many known column names it
holds; the best one is the header. Names are compared after normalising (lower case, brackets
such as "(1-5)" and punctuation removed). The tables below are data; the README lists them.
"""

import re
from dataclasses import dataclass

from t2025tui.core.importers.grid import Grid, column_letter

HEADER_SCAN_ROWS = 60
MAX_HEADER_TEXT = 80

# Risk register: field -> the column names that mean it.
RISK_COLUMNS: dict[str, tuple[str, ...]] = {
    "ref": (
        "ref",
        "risk ref",
        "risk id",
        "id",
        "risk no",
        "risk number",
        "no",
        "number",
        "reference",
        "risk reference",
        "#",
        "ref no",
        "risk #",
    ),
    "title": (
        "title",
        "risk title",
        "risk",
        "risk name",
        "name",
        "risk description",
        "description",
        "summary",
        "risk summary",
        "risk event description",
    ),
    "cause": ("cause", "causes", "risk cause", "trigger", "triggers"),
    "event": ("event", "risk event"),
    "effect": ("effect", "effects", "consequence", "consequences", "risk effect", "impact description"),
    "category": ("category", "risk category", "type", "risk type", "area", "theme"),
    "owner": ("owner", "risk owner", "responsible", "lead", "accountable", "responsible officer"),
    "likelihood": ("likelihood", "l", "probability", "p", "prob"),
    "impact": ("impact", "i", "severity"),
    "proximity": ("proximity", "timescale", "timeframe", "time frame"),
    "response": (
        "response",
        "treatment",
        "risk response",
        "response strategy",
        "strategy",
        "approach",
        "4ts",
        "4 ts",
        "risk treatment",
        "treatment type",
        "response type",
    ),
    "actions": (
        "actions",
        "action",
        "mitigating actions",
        "mitigating action",
        "mitigation",
        "mitigations",
        "mitigation actions",
        "controls",
        "control measures",
        "action plan",
        "treatment actions",
        "actions to mitigate",
        "mitigation plan",
        "existing controls",
        "further actions",
        "mitigation strategy",
        "mitigation prevention",
        "prevention",
        "mitigating actions controls",
    ),
    "review_date": (
        "review date",
        "next review",
        "next review date",
        "date of next review",
        "review",
        "review by",
        "date for review",
    ),
    "status": ("status", "risk status", "open closed", "state"),
    "workstream": ("workstream", "work stream", "delivery priority", "workstream code"),
    "notes": (
        "notes",
        "note",
        "comments",
        "comment",
        "remarks",
        "update",
        "latest update",
        "progress",
        "progress update",
    ),
    # Calculated in the app from likelihood x impact; the sheet's own figures are not imported.
    "derived": (
        "score",
        "risk score",
        "rating",
        "risk rating",
        "rag",
        "band",
        "l x i",
        "lxi",
        "l i",
        "l*i",
        "total",
        "overall score",
        "risk level",
        "level",
        "rag status",
    ),
}
# Words in a header (or in a merged banner above it) that say which assessment a score is.
QUALIFIERS: dict[str, tuple[str, ...]] = {
    "inherent": ("inherent", "gross", "pre mitigation", "original", "initial", "untreated", "before"),
    "residual": (
        "residual",
        "net",
        "current",
        "post mitigation",
        "after",
        "revised",
        "treated",
        "controlled",
        "target",
    ),
}
SCORED = ("likelihood", "impact")
# When a second column claims a field already taken, it means the next field in this list.
SECOND_CHOICE = {
    "inherent_likelihood": "residual_likelihood",
    "inherent_impact": "residual_impact",
    "title": "event",
}

_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_PUNCTUATION = re.compile(r"[^\w#* ]+")


def meaning_of(target: str) -> str:
    if target == "notes+":
        return "kept in the notes"
    if target == "derived":
        return "ignored (the app calculates it)"
    if target == "ignored":
        return "not imported"
    return target.replace("_", " ")


@dataclass(frozen=True)
class ColumnUse:
    column: int
    header: str
    target: str  # a field name, "notes+" (kept in the notes), or "derived" (ignored)

    @property
    def letter(self) -> str:
        return column_letter(self.column)

    def describe(self) -> str:
        return f"{self.letter} {self.header!r} -> {meaning_of(self.target)}"


@dataclass(frozen=True)
class HeaderMatch:
    sheet: str
    row: int
    columns: tuple[ColumnUse, ...]

    def field_columns(self) -> dict[str, int]:
        return {
            use.target: use.column
            for use in self.columns
            if use.target not in ("notes+", "derived", "ignored")
        }

    def extra_columns(self) -> list[ColumnUse]:
        return [use for use in self.columns if use.target == "notes+"]


def normalise(text: str) -> str:
    text = str(text).lower().replace("\n", " ")
    text = _BRACKETS.sub(" ", text)
    text = re.sub(r"[/_\-.:]", " ", text)
    text = _PUNCTUATION.sub(" ", text)
    return " ".join(text.split())


def _lookup(words: str, table: dict[str, tuple[str, ...]]) -> str | None:
    for field, names in table.items():
        if words in names:
            return field
    return None


def _qualifier(words: str) -> tuple[str | None, str]:
    """Split 'inherent risk likelihood' into ('inherent', 'likelihood')."""
    for which, phrases in QUALIFIERS.items():
        for phrase in phrases:
            pattern = rf"(^| ){re.escape(phrase)}( |$)"
            if re.search(pattern, words):
                rest = " ".join(re.sub(pattern, " ", words).split())
                rest = re.sub(r"^risk ", "", rest)
                return which, rest
    return None, words


def classify(header: str, banner: str = "", table: dict[str, tuple[str, ...]] = RISK_COLUMNS) -> str | None:
    """The field a header names (scores become inherent_/residual_ when qualified), or None."""
    words = normalise(header)
    if not words or len(words) > MAX_HEADER_TEXT:
        return None
    field = _lookup(words, table)
    if field is None and "/" in str(header):
        # "Milestone / Deliverable": alternatives that all name one field name it.
        named = {classify(part, banner, table) for part in str(header).split("/") if part.strip()}
        named.discard(None)
        if len(named) == 1:
            return named.pop()
    if field is not None and field not in SCORED:
        return field
    which, rest = _qualifier(words)
    if which is None and banner:
        which, _ = _qualifier(normalise(banner))
        rest = words
    base = field or _lookup(rest, table) or _lookup(re.sub(r"^risk ", "", rest), table)
    if base in SCORED:
        return f"{which or 'inherent'}_{base}" if which else base
    if base == "derived":
        return "derived"
    return base if which is None else None


def _score_row(grid: Grid, row: int, table) -> int:
    cells = grid.row_view(row)
    found = {classify(value, table=table) for value in cells.values() if isinstance(value, str)}
    found.discard(None)
    return len(found)


def find_header(
    grid: Grid, table: dict[str, tuple[str, ...]] = RISK_COLUMNS, required: tuple[str, ...] = ("ref",)
) -> HeaderMatch | None:
    """The best header row in the first rows of the sheet, with every column's meaning."""
    best_row, best_score = None, 1
    for row in range(1, min(HEADER_SCAN_ROWS, grid.max_row) + 1):
        score = _score_row(grid, row, table)
        if score > best_score:
            best_row, best_score = row, score
    if best_row is None:
        return None
    match = map_columns(grid, best_row, table)
    fields = match.field_columns()
    if not any(name in fields for name in required):
        return None
    return match


def map_columns(grid: Grid, row: int, table: dict[str, tuple[str, ...]] = RISK_COLUMNS) -> HeaderMatch:
    cells = grid.row_view(row)
    banners = grid.row_view(row - 1) if row > 1 else {}
    if len({str(value) for value in banners.values()}) < 2:
        # One value across the row is a title banner (say "Current risks"), not group labels.
        banners = {}
    taken: set[str] = set()
    uses = []
    for column in sorted(cells):
        value = cells[column]
        header = " ".join(str(value).split())
        if not header:
            continue
        banner = banners.get(column)
        field = classify(header, banner if isinstance(banner, str) else "", table)
        if field in SCORED:
            field = f"inherent_{field}"
        while field in taken and field in SECOND_CHOICE:
            field = SECOND_CHOICE[field]
        if field is None or (field in taken and field != "derived"):
            field = "notes+"
        taken.add(field)
        uses.append(ColumnUse(column, header, field))
    return HeaderMatch(grid.name, row, tuple(uses))
