"""What a column means once its contents are seen, and the user's own choice of meaning.

Headers say less than they seem to: "Mitigation Strategy" holds the actions in one log and only
Treat / Tolerate in another. So after the header row is matched, a column whose header could
mean either is classed by what it holds. Then the user may change any column's meaning for the
import (`--map-column "K=actions"`, `"Contingency=ignore"`, or the choice in the app's preview).
Every such decision becomes a note in the preview.
"""

from dataclasses import dataclass

from t2025tui.core.importers import values as conv
from t2025tui.core.importers.grid import Grid, is_blank
from t2025tui.core.importers.headers import ColumnUse, HeaderMatch, meaning_of, normalise
from t2025tui.core.importers.safety import ImportRefused

CONTENT_SAMPLE_ROWS = 500  # enough rows to see what a column holds, few enough to stay quick
RESPONSE_ONLY_WORDS = 3  # "Treat", "Tolerate (accept)": a response cell is a word or two, not a sentence


@dataclass(frozen=True)
class ContentRule:
    """Two fields a column may mean: the first when it holds only response words, else the second."""

    targets: tuple[str, str]


RISK_COLUMN_CONTENT = ContentRule(("response", "actions"))
# What a user may choose for a column of a risk log; "notes" keeps it in the notes block.
RISK_TARGETS: dict[str, str] = {
    "ref": "ref",
    "title": "title",
    "cause": "cause",
    "event": "event",
    "effect": "effect",
    "category": "category",
    "owner": "owner",
    "likelihood": "inherent_likelihood",
    "inherent likelihood": "inherent_likelihood",
    "impact": "inherent_impact",
    "inherent impact": "inherent_impact",
    "residual likelihood": "residual_likelihood",
    "residual impact": "residual_impact",
    "proximity": "proximity",
    "response": "response",
    "actions": "actions",
    "review date": "review_date",
    "status": "status",
    "workstream": "workstream",
    "notes": "notes",
    "keep": "notes+",
    "keep in notes": "notes+",
    "ignore": "ignored",
}


def column_values(grid: Grid, match: HeaderMatch, column: int) -> list:
    values = []
    for row in sorted(r for r in grid.rows if r > match.row)[:CONTENT_SAMPLE_ROWS]:
        value = grid.rows[row].get(column)
        if not is_blank(value):
            values.append(value)
    return values


def _is_response_word(value) -> bool:
    if not isinstance(value, str) or len(value.split()) > RESPONSE_ONLY_WORDS:
        return False
    try:
        return conv.to_response(value) is not None
    except conv.CellError:
        return False


def refine_columns(grid: Grid, match: HeaderMatch, rule: ContentRule) -> tuple[HeaderMatch, list[str]]:
    """Swap a response column holding sentences to the actions, and an actions (or unknown
    'mitigation ...') column holding only response words to the response, where that is free."""
    words_target, text_target = rule.targets
    taken = {use.target for use in match.columns}
    notes: list[str] = []
    uses = []
    for use in match.columns:
        candidate = use.target in rule.targets or (
            use.target == "notes+"
            and any(w in normalise(use.header) for w in ("mitigat", "treat", "strateg"))
        )
        values = column_values(grid, match, use.column) if candidate else []
        if not values:
            uses.append(use)
            continue
        holds_words = all(_is_response_word(v) for v in values)
        new = use.target
        if holds_words and use.target != words_target and words_target not in taken:
            new = words_target
        elif not holds_words and use.target in (words_target, "notes+") and text_target not in taken:
            new = text_target
        if new != use.target:
            kind = "only Treat / Tolerate / Transfer / Terminate words" if holds_words else "sentences"
            notes.append(f"{use.letter} {use.header!r} holds {kind}, so it is read as the {new}")
            taken.discard(use.target)
            taken.add(new)
            use = ColumnUse(use.column, use.header, new)
        uses.append(use)
    return HeaderMatch(match.sheet, match.row, tuple(uses)), notes


def apply_column_choices(
    match: HeaderMatch, choices: dict[str, str], targets: dict[str, str], file_name: str
) -> tuple[HeaderMatch, list[str]]:
    """The user's choices: column letter or header -> a meaning in `targets` (or 'ignore')."""
    if not choices:
        return match, []
    uses = list(match.columns)
    notes = []
    for key, meaning in choices.items():
        index = _column_index(uses, key)
        if index is None:
            letters = ", ".join(f"{use.letter} {use.header!r}" for use in uses)
            raise ImportRefused(
                f"{file_name}: --map-column {key}={meaning}: no column {key!r} in the header row "
                f"(its columns: {letters})."
            )
        target = targets.get(" ".join(meaning.lower().replace("_", " ").split()))
        if target is None:
            raise ImportRefused(
                f"{file_name}: --map-column {key}={meaning}: {meaning!r} is not a meaning; use one of "
                + ", ".join(sorted(targets))
                + "."
            )
        for other, use in enumerate(uses):
            if other != index and use.target == target and target not in ("notes+", "ignored"):
                uses[other] = ColumnUse(use.column, use.header, "notes+")
                notes.append(
                    f"{use.letter} {use.header!r} is kept in the notes ({target} was given to {key})"
                )
        old = uses[index]
        uses[index] = ColumnUse(old.column, old.header, target)
        notes.append(f"{old.letter} {old.header!r} -> {meaning_of(target)} (chosen)")
    return HeaderMatch(match.sheet, match.row, tuple(uses)), notes


def _column_index(uses: list[ColumnUse], key: str) -> int | None:
    wanted = key.strip()
    for index, use in enumerate(uses):
        if use.letter == wanted.upper():
            return index
    for index, use in enumerate(uses):
        if normalise(use.header) == normalise(wanted):
            return index
    return None


def three_point_fields(grid: Grid, match: HeaderMatch) -> frozenset[str]:
    """The score fields whose column is on a 3-point scale."""
    found = set()
    for use in match.columns:
        if use.target.endswith(("_likelihood", "_impact")) and conv.is_three_point(
            use.header, column_values(grid, match, use.column)
        ):
            found.add(use.target)
    return frozenset(found)
