"""What to do next in a programme being set up from nothing: the one step the dashboard (and
`t2025 init --empty`) suggests, in the order a programme manager builds a plan up to a pack."""

from dataclasses import dataclass

from t2025tui.core.store import Store


@dataclass(frozen=True)
class FirstStep:
    what: str  # the step in words
    action: str  # the app's action for it (the dashboard shows the key bound to it)
    command: str  # the same step on the command line


def _first_without_lead(store: Store) -> str | None:
    return store.scalar("SELECT code FROM workstream WHERE trim(lead) = '' ORDER BY position, id LIMIT 1")


def next_step(store: Store) -> FirstStep | None:
    """The first thing a new programme still lacks, or None once it has enough for a board pack."""
    count = {
        table: store.scalar(f"SELECT EXISTS (SELECT 1 FROM {table})")
        for table in ("objective", "workstream", "milestone", "board_meeting", "decision", "risk")
    }
    if not count["objective"]:
        return FirstStep(
            "Add a strategic objective the workstreams serve",
            "add_objective",
            't2025 add objective --title "..."',
        )
    if not count["workstream"]:
        return FirstStep(
            "Add a workstream with its code, name and lead",
            "add_workstream",
            't2025 add workstream --code DP --name "..." --lead "..."',
        )
    code = _first_without_lead(store)
    if code:
        return FirstStep(
            f"Give workstream {code} a lead", "edit_workstream", f't2025 set workstream {code} --lead "..."'
        )
    if not count["milestone"]:
        return FirstStep(
            "Add the workstreams' milestones with baseline dates",
            "add_milestone",
            't2025 add milestone --workstream CODE --title "..." --baseline YYYY-MM-DD',
        )
    if not count["board_meeting"]:
        return FirstStep("Add the next board meeting", "add_meeting", "t2025 add meeting --date YYYY-MM-DD")
    if not count["decision"]:
        return FirstStep(
            "Add a decision the board is asked to make",
            "add_decision",
            't2025 add decision --meeting YYYY-MM-DD --title "..."',
        )
    if not count["risk"]:
        return FirstStep(
            "Add a risk to the risk register", "add_risk", 't2025 add risk --ref R01 --title "..."'
        )
    if not store.scalar("SELECT EXISTS (SELECT 1 FROM workstream WHERE rag IS NOT NULL)"):
        return FirstStep(
            "Set each workstream's RAG", "set_rag", 't2025 set workstream CODE --rag Amber --reason "..."'
        )
    return None
