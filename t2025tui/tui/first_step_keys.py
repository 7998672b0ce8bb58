"""The keys that take each first step of a programme being set up (core/queries/first_steps.py),
for the dashboard's "Next: ..." line: binding ids, pressed in turn, found in the app's bindings
and its screens' (so a keymap's own keys are the ones named)."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import Any

from textual.binding import Binding

STEP_KEYS: dict[str, tuple[str, ...]] = {
    "add_objective": ("dashboard.objectives", "objectives.add"),
    "add_workstream": ("dashboard.add",),
    "edit_workstream": ("dashboard.edit",),
    "add_milestone": ("app.milestones", "milestones.add"),
    "add_meeting": ("dashboard.new_board",),
    "add_decision": ("app.logs", "decisions.new"),
    "add_risk": ("app.risks", "risks.new"),
    "set_rag": ("dashboard.rag",),
}
# Screens opened over another (not by a number key), whose keys a step may need.
PUSHED_SCREENS = ("t2025tui.tui.screens.objectives:ObjectivesScreen",)


@dataclass(frozen=True)
class StepKey:
    binding: Binding
    until: str = ""  # a key shared by several screens (9): the one to press it until


def _owners() -> list[tuple[Any, str, int]]:
    """(class with BINDINGS, its screen's title, how many screens share its number key)."""
    from t2025tui.tui.app import T2025App
    from t2025tui.tui.registry import SCREENS

    sharing = [entry.key for entry in SCREENS.values()]
    owners: list[tuple[Any, str, int]] = [(T2025App, "", 0)]
    owners += [(entry.load(), entry.title, sharing.count(entry.key)) for entry in SCREENS.values()]
    for path in PUSHED_SCREENS:
        module, name = path.split(":")
        owners.append((getattr(import_module(module), name), "", 0))
    return owners


def keys_for(action: str) -> list[StepKey] | None:
    """The keys for a first step, or None when some key of it is not in the app (yet)."""
    path = STEP_KEYS.get(action)
    if not path:
        return None
    found: list[tuple[Binding, str, int]] = []
    owners = _owners()
    for binding_id in path:
        match = next(
            (
                (binding, title, shared)
                for owner, title, shared in owners
                for binding in owner.BINDINGS
                if isinstance(binding, Binding) and binding.id == binding_id
            ),
            None,
        )
        if match is None:
            return None
        found.append(match)
    keys = []
    for index, (binding, _, _) in enumerate(found):
        after = found[index + 1] if index + 1 < len(found) else None
        # A number key that several screens share (9) is pressed until the one wanted shows.
        until = after[1] if after is not None and after[2] > 1 else ""
        keys.append(StepKey(binding, until))
    return keys
