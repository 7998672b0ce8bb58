"""Remove a record: a reason (kept in the history with the record's last values), and where
what depends on it should go; never a silent cascade."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from t2025tui.tui.modals.form import Field, Form


@dataclass(frozen=True)
class Removal:
    reason: str
    move_to: Any = None  # where the dependants go; None: none named (refused if there are any)


class RemoveForm(Form[Removal]):
    """`depending` names what points at the record ("3 projects and 1 milestone"); with it, the
    form offers `move_choices` to move them to, and the service refuses a removal without one.
    `goes_with` names what is removed with it (a milestone's dependency links and baselines)."""

    FOCUS = "reason"
    REFUSAL_FIELD = "reason"

    def __init__(
        self,
        what: str,
        label: str,
        *,
        depending: str = "",
        move_choices: tuple[tuple[str, Any], ...] = (),
        goes_with: str = "",
    ):
        self.what = what
        self.depending = depending
        self.move_choices = move_choices
        self.title_text = f"Remove {what} {label}"
        if depending and move_choices:
            self.intro_text = (
                f"It has {depending}: choose the {what} they move to, or the removal is refused. "
                "ctrl+z undoes the removal."
            )
        elif depending:
            self.intro_text = (
                f"It has {depending} and there is no other {what} to move them to: "
                "the removal will be refused."
            )
        elif goes_with:
            self.intro_text = (
                f"Its links go with it ({goes_with}); ctrl+z brings it back with them, and the "
                "history keeps its last values and the reason."
            )
        else:
            self.intro_text = "ctrl+z undoes it; the history keeps its last values and the reason."
        super().__init__()

    def fields(self) -> list[Field]:
        fields = [Field("reason", "Reason", required=True, what="a reason")]
        if self.depending and self.move_choices:
            fields.append(Field("move_to", "Move them to", "choice", choices=self.move_choices))
        return fields

    def build(self, values: dict[str, Any]) -> Removal:
        return Removal(values["reason"], values.get("move_to"))
