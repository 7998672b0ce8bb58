"""Add a dependency between two milestones (this one needs that one done first), named by ref."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from t2025tui.core.errors import NotFoundError, ValidationError
from t2025tui.core.queries.refs import Candidate, resolve
from t2025tui.core.store import Store
from t2025tui.tui.modals.form import Field, Form

REF_HINT = "a milestone ref (e.g. FCR-M01) or exact title, in any workstream"


@dataclass(frozen=True)
class NewDependency:
    milestone: str
    needs: str
    notes: str


class DependencyForm(Form[NewDependency]):
    FOCUS = "needs"

    def __init__(self, milestone_ref: str = ""):
        self.milestone_ref = milestone_ref
        self.title_text = f"{milestone_ref} needs ..." if milestone_ref else "New dependency"
        if not milestone_ref:
            self.FOCUS = "milestone"
        super().__init__()

    def fields(self) -> list[Field]:
        return [
            Field(
                "milestone",
                "Milestone",
                value=self.milestone_ref,
                required=True,
                what="the milestone",
                hint=REF_HINT,
            ),
            Field("needs", "Needs first", required=True, what="the milestone it needs", hint=REF_HINT),
            Field("notes", "Notes", value=""),
        ]

    def build(self, values: dict[str, Any]) -> NewDependency:
        return NewDependency(values["milestone"], values["needs"], values["notes"])


def _milestone(store: Store, name: str, field: str) -> Candidate:
    """The milestone a form names, or a refusal shown beside `field` (with the close matches)."""
    try:
        return resolve(store, "milestone", name)
    except (NotFoundError, ValidationError) as exc:
        raise ValidationError(str(exc), field) from None


def add_from_form(store: Store, new: NewDependency) -> str:
    """Save the form's dependency; the confirmation says when it is at risk from the start."""
    from t2025tui.core.queries.governance import flagged_by
    from t2025tui.core.services.dependencies import add_dependency

    first = _milestone(store, new.milestone, "milestone")
    needed = _milestone(store, new.needs, "needs")
    try:
        add_dependency(store, first.id, needed.id, notes=new.notes)
    except ValidationError as exc:  # a loop, or itself: shown beside what it needs
        raise ValidationError(str(exc), "needs") from None
    added = f"{first.shown} now needs {needed.shown}"
    if any(row["milestone_id"] == first.id for row in flagged_by(store, needed.id)):
        added += f": dependency at risk ({needed.shown} is forecast after it)"
    return added


class DependencyNotesForm(Form[str]):
    """A dependency's notes: the milestones themselves are changed by removing it and adding another."""

    def __init__(self, row: dict):
        self.row = row
        self.title_text = f"{row['milestone_ref']} needs {row['needs_ref']}"
        super().__init__()

    def fields(self) -> list[Field]:
        return [Field("notes", "Notes", value=self.row["notes"])]

    def build(self, values: dict[str, Any]) -> str:
        return values["notes"]
