"""Every kind of record `t2025 add/set/remove/list` know: its flags and the service calls behind
each verb. Imported only when one of those commands runs (it pulls in the services' models)."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import get_args

from t2025tui.commands.plan_fields import Flag, Given, values_for
from t2025tui.core.errors import ValidationError
from t2025tui.core.models import (
    ActionStatus,
    DecisionOutcome,
    IssuePriority,
    IssueStatus,
    ProjectGrouping,
    ProjectStatus,
    RecommendationKind,
)
from t2025tui.core.queries.refs import Candidate, resolve
from t2025tui.core.rag import RAG_5
from t2025tui.core.services import (
    actions,
    board,
    dependencies,
    finance,
    health,
    issues,
    key_messages,
    lessons,
    milestones,
    objectives,
    projects,
    recommendations,
    risks,
    workstreams,
)
from t2025tui.core.store import Store


def _choices(literal) -> tuple[str, ...]:
    return tuple(get_args(literal))


# A service that changes one field with a reason of its own: (store, id, value, reason, *, expected_version).
StatusService = Callable[..., dict]


@dataclass
class Kind:
    """One kind of record and the services behind each verb.

    Most kinds are the same but for the services they call: `set` is `update` (or `status`'s
    service when its field is given: a RAG, a status), `remove` is `removal`, `list` is
    `list_sql`. A kind whose verb does more names its own function in `custom_set`,
    `custom_remove` or `custom_rows`."""

    name: str
    flags: dict[str, Flag]
    required: tuple[str, ...]  # flags `add` needs
    add: Callable[[Store, dict, Given], str]
    label: str  # how a message names one: "Objective", "Board meeting"
    update: Callable[..., dict] | None = None
    status: tuple[str, StatusService] | None = None  # (column, service)
    removal: Callable[..., object] | None = None
    list_sql: str = ""
    removed_as: str = ""  # the name in "Removed ...", when not the label's
    name_on_remove: bool = False  # "Removed action A3: Chase HR" rather than "Removed action A3"
    custom_set: Callable[[Store, Candidate, dict, str, Given], str] | None = None
    custom_remove: Callable[[Store, Candidate, str, int | None], str] | None = None
    custom_rows: Callable[[Store], list[dict]] | None = None
    # Flags whose change is a change of its own (a slip, a RAG, a status): one at a time.
    own_change: tuple[str, ...] = ()
    moves: str = ""  # the kind --move-to names when removing one others depend on
    example: str = ""

    def set(self, store: Store, found: Candidate, values: dict, reason: str, given: Given) -> str:
        if self.custom_set is not None:
            return self.custom_set(store, found, values, reason, given)
        if self.status is not None and self.status[0] in values:
            column, service = self.status
            diff = service(store, found.id, values[column], reason, expected_version=found.version)
        else:
            assert self.update is not None
            diff = self.update(store, found.id, expected_version=found.version, reason=reason, **values)
        return f"{self.label} {found.shown}: {describe(diff)}"

    def remove(self, store: Store, found: Candidate, reason: str, move_to: int | None) -> str:
        if self.custom_remove is not None:
            return self.custom_remove(store, found, reason, move_to)
        assert self.removal is not None
        moving = {"move_to": move_to} if self.moves else {}
        self.removal(store, found.id, reason, expected_version=found.version, **moving)
        text = f"Removed {self.removed_as or self.label.lower()} {found.shown}"
        if self.name_on_remove:
            text += f": {found.names[-1]}"
        return text + moved_note(store, self.name, move_to)

    def rows(self, store: Store) -> list[dict]:
        if self.custom_rows is not None:
            return self.custom_rows(store)
        return store.query(self.list_sql)


def _open_or_closed(close: Callable[..., dict], reopen: Callable[..., dict]) -> StatusService:
    """A status of Open/Closed, each way its own service."""

    def change(store, row_id, status, reason, *, expected_version):
        service = close if status == "Closed" else reopen
        return service(store, row_id, reason, expected_version=expected_version)

    return change


def _flags(*flags: Flag) -> dict[str, Flag]:
    return {flag.name: flag for flag in flags}


def moved_note(store, kind: str, move_to: int | None) -> str:
    if move_to is None:
        return ""
    return f"; what depended on it now belongs to {resolve_shown(store, kind, move_to)}"


def describe(diff: dict) -> str:
    if not diff:
        return "nothing to change (the values given are the ones it has)"
    parts = []
    for column, (old, new) in diff.items():
        parts.append(f"{column.replace('_', ' ')} {_shown(old)} -> {_shown(new)}")
    return "; ".join(parts)


def _shown(value) -> str:
    if value is None or value == "":
        return "(none)"
    text = str(value)
    return text if len(text) <= 50 else text[:47] + "..."


def one_own_change(kind: Kind, values: dict) -> None:
    """A slip, a RAG, a status or a move carries its own reason: refused beside other fields."""
    own = {kind.flags[name].column: name for name in kind.own_change}
    given_own = [own[column] for column in values if column in own]
    if given_own and len(values) > 1:
        raise ValidationError(
            f"--{given_own[0]} is a change of its own, with its own reason: set it alone, then the other "
            f"fields in another command (each of {', '.join('--' + name for name in kind.own_change)} goes alone)"
        )


# Objectives -------------------------------------------------------------------------------
def _objective_add(store, values, given):
    new_id = objectives.create_objective(store, **values)
    position = store.scalar("SELECT position FROM objective WHERE id = ?", (new_id,))
    return f"Added objective {position}: {values['title']}"


# Workstreams ------------------------------------------------------------------------------
def _workstream_add(store, values, given):
    if values.get("rag") and given.common.get("reason"):
        values["rag_reason"] = given.common["reason"]
    if values.get("position") is None:
        values["position"] = (store.scalar("SELECT MAX(position) FROM workstream") or 0) + 1
    workstreams.create_workstream(store, **values)
    return f"Added workstream {values['code']}: {values['name']}"


# Projects ---------------------------------------------------------------------------------
def _project_add(store, values, given):
    if values.get("status") and given.common.get("reason"):
        values["status_reason"] = given.common["reason"]
    projects.create_project(store, **values)
    return f"Added project {values['name']}"


# Milestones -------------------------------------------------------------------------------
def _milestone_add(store, values, given):
    if "project_id" in values and "workstream_id" not in values and values["project_id"] is not None:
        values["workstream_id"] = store.scalar(
            "SELECT workstream_id FROM project WHERE id = ?", (values["project_id"],)
        )
    new_id = milestones.create_milestone(store, **values)
    ref = store.scalar("SELECT ref FROM milestone WHERE id = ?", (new_id,))
    return ref


def _milestone_set(store, found, values, reason, given):
    version = found.version
    if "forecast_date" in values:
        diff = milestones.set_forecast(
            store, found.id, values["forecast_date"], reason, expected_version=version
        )
    elif "actual_date" in values:
        if values["actual_date"] is None:
            diff = milestones.reopen(store, found.id, reason, expected_version=version)
        else:
            diff = milestones.mark_done(
                store, found.id, values["actual_date"], reason, expected_version=version
            )
    elif "baseline_date" in values:
        diff = milestones.rebaseline(
            store, found.id, values["baseline_date"], reason, expected_version=version
        )
    elif "descoped" in values:
        diff = milestones.set_descoped(
            store, found.id, values["descoped"] == "yes", reason, expected_version=version
        )
    elif "workstream_id" in values or "project_id" in values:
        moved = {k: values.pop(k) for k in ("workstream_id", "project_id") if k in values}
        if values:
            raise ValidationError("a move is a change of its own: give --workstream/--project alone")
        diff = milestones.move_milestone(
            store,
            found.id,
            workstream_id=moved.get("workstream_id"),
            project_id=moved.get("project_id"),
            clear_project="project_id" in moved and moved["project_id"] is None,
            reason=reason,
            expected_version=version,
        )
    else:
        diff = milestones.update_milestone(store, found.id, expected_version=version, reason=reason, **values)
    return f"Milestone {found.shown}: {describe(diff)}" + affects_note(diff)


def affects_note(diff) -> str:
    """What a slip puts at risk, named: "; dependency at risk: FCR-M02 (forecast 2022-05-01)"."""
    affected = getattr(diff, "affects", None)
    if not affected:
        return ""
    named = ", ".join(
        f"{row['milestone_ref']} (forecast {row['milestone_date'] or 'none'})" for row in affected
    )
    return f"; dependency at risk: {named} now waits on this milestone past its own forecast"


# Board meetings and decisions ---------------------------------------------------------------
def _meeting_add(store, values, given):
    board.create_board_meeting(store, **values)
    return (
        f"Added board meeting {values['meeting_date'].isoformat()}: {values.get('title') or 'Futures Board'}"
    )


def _meeting_set(store, found, values, reason, given):
    if "meeting_date" in values and store.scalar(
        "SELECT 1 FROM board_meeting WHERE meeting_date = ? AND id <> ?",
        (values["meeting_date"].isoformat(), found.id),
    ):
        raise ValidationError(
            f"--date: a board meeting on {values['meeting_date'].isoformat()} already exists"
        )
    diff = board.update_board_meeting(
        store, found.id, expected_version=found.version, reason=reason, **values
    )
    return f"Board meeting {found.shown}: {describe(diff)}"


def _decision_add(store, values, given):
    new_id = board.create_decision(store, **values)
    return f"Added decision {resolve_shown(store, 'decision', new_id)}: {values['title']}"


def resolve_shown(store, kind, row_id) -> str:
    from t2025tui.core.queries.refs import candidates

    return next(c.shown for c in candidates(store, kind) if c.id == row_id)


# Key messages -----------------------------------------------------------------------------
def _message_add(store, values, given):
    key_messages.add_key_message(store, values["text"], position=values.get("position"))
    return f"Added key message: {values['text']}"


def _message_set(store, found, values, reason, given):
    if "position" in values:
        if len(values) > 1:
            raise ValidationError(
                "--position moves the message: give it alone, then --text in another command"
            )
        key_messages.move_key_message(store, found.id, values["position"])
        return f"Key message moved to number {values['position']}"
    diff = key_messages.update_key_message(
        store, found.id, expected_version=found.version, text=values["text"], reason=reason
    )
    return f"Key message {found.shown}: {describe(diff)}"


# Risks ------------------------------------------------------------------------------------
def _risk_add(store, values, given):
    status = values.pop("status", None)
    risks.create_risk(store, reason=given.common.get("reason", ""), **values)
    if status == "Closed":
        raise ValidationError("a new risk is Open; add it, then close it with a reason")
    return f"Added risk {values['ref']}: {values['title']}"


# Recommendations --------------------------------------------------------------------------
def _recommendation_add(store, values, given):
    if values.get("status") not in (None, "Open"):
        raise ValidationError("a new recommendation is Open; add it, then move its status a step at a time")
    values.pop("status", None)
    recommendations.create_recommendation(store, **values)
    return f"Added recommendation {values['ref']}"


# Finance lines ----------------------------------------------------------------------------
def _amounts(given: Given) -> dict[str, int]:
    amounts: dict[str, int] = {}
    for raw in given.lists.get("amount", []):
        year, sep, amount = raw.partition("=")
        year = year.strip()
        if not sep:
            raise ValidationError(f"--amount {raw!r}: write it as YEAR=AMOUNT, e.g. --amount 2022/23=150")
        if year in amounts:
            raise ValidationError(f"--amount: {year} is given twice; give each year once")
        try:
            amounts[year] = int(amount.strip().replace(",", ""))
        except ValueError:
            raise ValidationError(
                f"--amount {raw!r}: the amount must be a whole number of GBP 000s"
            ) from None
    return amounts


def _finance_add(store, values, given):
    amounts = _amounts(given)
    if not amounts:
        raise ValidationError(
            "add finance-line needs at least one --amount YEAR=AMOUNT, e.g. --amount 2022/23=150"
        )
    finance.add_finance_line(store, values["line"], values["kind"], amounts)
    return f"Added finance line {values['line']} ({', '.join(amounts)})"


def _finance_set(store, found, values, reason, given):
    amounts = _amounts(given)
    if amounts and values:
        raise ValidationError("set --amount alone, then --line or --kind in another command")
    if amounts:
        finance.set_finance_amounts(store, found.shown, amounts, reason)
        return f"Finance line {found.shown}: " + ", ".join(f"{y} = {a}" for y, a in amounts.items())
    if not values:
        raise ValidationError("nothing to set: give --amount YEAR=AMOUNT, --line or --kind")
    finance.rename_finance_line(store, found.shown, values.get("line", found.shown), kind=values.get("kind"))
    return f"Finance line {found.shown}: changed"


def _finance_remove(store, found, reason, move_to):
    finance.remove_finance_line(store, found.shown, reason)
    return f"Removed finance line {found.shown} (every year)"


def _finance_list(store):
    rows = store.query("SELECT line, kind, year, amount FROM finance_line ORDER BY position, line, year")
    lines: dict[str, dict] = {}
    for row in rows:
        entry = lines.setdefault(row["line"], {"line": row["line"], "kind": row["kind"]})
        entry[row["year"]] = row["amount"]
    return list(lines.values())


# Health-check measures --------------------------------------------------------------------
def _measure_add(store, values, given):
    check = values.pop("health_check_id", None)
    if check is None:
        check = store.scalar("SELECT id FROM health_check ORDER BY id LIMIT 1")
        if check is None or store.scalar("SELECT COUNT(*) FROM health_check") > 1:
            raise ValidationError("--team: name the health check's team the measure belongs to")
    health.add_measure(store, check, values["name"], values.get("value"), values.get("unit", ""))
    return f"Added health-check measure {values['name']}"


# Actions ----------------------------------------------------------------------------------
def _action_add(store, values, given):
    new_id = actions.create_action(store, reason=given.common.get("reason", ""), **values)
    return f"Added action A{new_id}: {values['title']}"


# Issues -----------------------------------------------------------------------------------
def _issue_add(store, values, given):
    reason = given.common.get("reason", "")
    risk_id = values.pop("risk_id", None)
    if risk_id is not None:
        new_id = issues.issue_from_risk(store, risk_id, reason, **values)
        risk_ref = store.scalar("SELECT ref FROM risk WHERE id = ?", (risk_id,))
        title = store.scalar("SELECT title FROM issue WHERE id = ?", (new_id,))
        return f"Added issue I{new_id}: {title} (risk {risk_ref} has happened: closed, its history kept)"
    if "title" not in values:
        raise ValidationError(
            'add issue needs --title (or --from-risk REF); e.g. t2025 add issue --title "No analyst" --owner DCC'
        )
    new_id = issues.create_issue(store, reason=reason, **values)
    return f"Added issue I{new_id}: {values['title']}"


# Lessons ----------------------------------------------------------------------------------
def _lesson_add(store, values, given):
    new_id = lessons.create_lesson(store, reason=given.common.get("reason", ""), **values)
    return f"Added lesson L{new_id}: {values['lesson']}"


# Dependencies -----------------------------------------------------------------------------
def _dependency_add(store, values, given):
    dependencies.add_dependency(
        store,
        values["milestone_id"],
        values["needs_milestone_id"],
        notes=values.get("notes", ""),
        reason=given.common.get("reason", ""),
    )
    refs = dict(
        store.conn.execute(
            "SELECT id, ref FROM milestone WHERE id IN (?, ?)",
            (values["milestone_id"], values["needs_milestone_id"]),
        ).fetchall()
    )
    added = f"Added dependency: {refs[values['milestone_id']]} needs {refs[values['needs_milestone_id']]}"
    if store.scalar(
        "SELECT 1 FROM dependency_at_risk WHERE milestone_id = ? AND needs_id = ?",
        (values["milestone_id"], values["needs_milestone_id"]),
    ):
        added += f" (dependency at risk: {refs[values['needs_milestone_id']]} is forecast after it)"
    return added


def _dependency_set(store, found, values, reason, given):
    if set(values) - {"notes"}:
        raise ValidationError(
            "only --notes can be changed; remove the dependency and add the new one instead"
        )
    diff = dependencies.update_dependency(
        store, found.id, expected_version=found.version, reason=reason, notes=values.get("notes", "")
    )
    return f"Dependency {found.shown}: {describe(diff)}"


RAG_FLAG = Flag(
    "rag", "rag", "choice", RAG_5, help="Red, Amber, Green (5-point scale: also Amber/Red, Amber/Green)"
)

KINDS: dict[str, Kind] = {
    "objective": Kind(
        "objective",
        _flags(Flag("title", "title"), Flag("notes", "notes"), Flag("position", "position", "int")),
        ("title",),
        _objective_add,
        label="Objective",
        update=objectives.update_objective,
        removal=objectives.remove_objective,
        name_on_remove=True,
        list_sql="SELECT position, title, notes FROM objective ORDER BY position, id",
        moves="objective",
        example='t2025 add objective --title "Supporting our people"',
    ),
    "workstream": Kind(
        "workstream",
        _flags(
            Flag("code", "code"),
            Flag("name", "name"),
            Flag("lead", "lead"),
            Flag("objective", "objective_id", "ref", ref="objective"),
            Flag("position", "position", "int"),
            Flag("commentary", "commentary"),
            RAG_FLAG,
        ),
        ("code", "name"),
        _workstream_add,
        label="Workstream",
        update=workstreams.update_workstream,
        status=("rag", workstreams.set_workstream_rag),
        removal=workstreams.remove_workstream,
        list_sql=(
            "SELECT w.code, w.name, w.lead, w.rag, o.position AS objective, w.position,"
            " (SELECT COUNT(*) FROM milestone m WHERE m.workstream_id = w.id) AS milestones"
            " FROM workstream w LEFT JOIN objective o ON o.id = w.objective_id ORDER BY w.position, w.id"
        ),
        own_change=("rag",),
        moves="workstream",
        example='t2025 add workstream --code DP --name "Digital Policing" --lead "Supt Hale"',
    ),
    "project": Kind(
        "project",
        _flags(
            Flag("workstream", "workstream_id", "ref", ref="workstream"),
            Flag("name", "name"),
            Flag(
                "group",
                "grouping",
                "choice",
                _choices(ProjectGrouping),
                aliases={"IT & enabling": "it_enabling", "it": "it_enabling", "it-enabling": "it_enabling"},
            ),
            Flag("status", "status", "choice", _choices(ProjectStatus)),
            Flag("notes", "notes"),
            Flag("position", "position", "int"),
        ),
        ("name",),
        _project_add,
        label="Project",
        update=projects.update_project,
        status=("status", projects.set_project_status),
        removal=projects.remove_project,
        list_sql=(
            'SELECT w.code AS workstream, p.name, p.grouping AS "group", p.status, p.status_reason,'
            " (SELECT COUNT(*) FROM milestone m WHERE m.project_id = p.id) AS milestones"
            " FROM project p LEFT JOIN workstream w ON w.id = p.workstream_id ORDER BY w.position, p.position, p.id"
        ),
        own_change=("status",),
        moves="project",
        example='t2025 add project --workstream DP --name "Body-worn video"',
    ),
    "milestone": Kind(
        "milestone",
        _flags(
            Flag("workstream", "workstream_id", "ref", ref="workstream"),
            Flag("project", "project_id", "ref", ref="project"),
            Flag("title", "title"),
            Flag("owner", "owner"),
            Flag("baseline", "baseline_date", "date"),
            Flag("forecast", "forecast_date", "date"),
            Flag("actual", "actual_date", "date"),
            Flag("tolerance", "tolerance_days", "int"),
            Flag("notes", "notes"),
            Flag("descoped", "descoped", "choice", ("yes", "no")),
        ),
        ("title",),
        _milestone_add,
        label="Milestone",
        custom_set=_milestone_set,
        removal=milestones.remove_milestone,
        list_sql=(
            "SELECT m.ref, m.title, w.code AS workstream, m.project_name AS project, m.owner,"
            " m.baseline_date AS baseline, m.forecast_date AS forecast, m.actual_date AS actual,"
            " m.tolerance_days AS tolerance, m.slippage_days AS slippage, m.status"
            " FROM milestone_status m JOIN workstream w ON w.id = m.workstream_id ORDER BY w.position, m.ref"
        ),
        own_change=("forecast", "actual", "baseline", "descoped"),
        example='t2025 add milestone --workstream DP --title "Devices issued" --baseline 2022-05-31',
    ),
    "meeting": Kind(
        "meeting",
        _flags(Flag("date", "meeting_date", "date"), Flag("title", "title"), Flag("notes", "notes")),
        ("date",),
        _meeting_add,
        label="Board meeting",
        custom_set=_meeting_set,
        removal=board.remove_board_meeting,
        list_sql=(
            "SELECT b.meeting_date AS date, b.title, b.notes,"
            " (SELECT COUNT(*) FROM decision d WHERE d.board_meeting_id = b.id) AS decisions"
            " FROM board_meeting b ORDER BY b.meeting_date"
        ),
        moves="meeting",
        example='t2025 add meeting --date 2022-04-12 --title "Futures Board"',
    ),
    "decision": Kind(
        "decision",
        _flags(
            Flag("meeting", "board_meeting_id", "ref", ref="meeting"),
            Flag("title", "title"),
            Flag("ask", "ask", help="what the board is asked to decide"),
            Flag("owner", "owner"),
            Flag("due", "due_date", "date"),
            Flag("outcome", "outcome", "choice", (*_choices(DecisionOutcome), "none"), aliases={"": "none"}),
            Flag("notes", "notes"),
        ),
        ("title",),
        _decision_add,
        label="Decision",
        update=board.update_decision,
        removal=board.remove_decision,
        list_sql=(
            "SELECT COALESCE(b.meeting_date, 'no meeting') || '#' || d.position AS ref, d.title, d.ask, d.owner,"
            " d.due_date AS due, d.outcome, d.notes FROM decision d"
            " LEFT JOIN board_meeting b ON b.id = d.board_meeting_id ORDER BY b.meeting_date, d.position, d.id"
        ),
        example='t2025 add decision --meeting 2022-04-12 --title "Approve the revised plan" --owner DCC',
    ),
    "key-message": Kind(
        "key-message",
        _flags(Flag("text", "text"), Flag("position", "position", "int")),
        ("text",),
        _message_add,
        label="Key message",
        custom_set=_message_set,
        removal=key_messages.remove_key_message,
        name_on_remove=True,
        list_sql=(
            "SELECT ROW_NUMBER() OVER (ORDER BY position, id) AS number, text FROM key_message ORDER BY position, id"
        ),
        example='t2025 add key-message --text "Two workstreams are on track"',
    ),
    "risk": Kind(
        "risk",
        _flags(
            Flag("ref", "ref"),
            Flag("title", "title"),
            Flag("cause", "cause"),
            Flag("event", "event"),
            Flag("effect", "effect"),
            Flag("category", "category"),
            Flag("owner", "owner"),
            Flag("inherent-likelihood", "inherent_likelihood", "int"),
            Flag("inherent-impact", "inherent_impact", "int"),
            Flag("residual-likelihood", "residual_likelihood", "int"),
            Flag("residual-impact", "residual_impact", "int"),
            Flag("proximity", "proximity"),
            Flag(
                "response",
                "response",
                "choice",
                ("Tolerate", "Treat", "Transfer", "Terminate"),
                aliases={"mitigate": "Treat"},
            ),
            Flag("actions", "actions"),
            Flag("review", "review_date", "date"),
            Flag("workstream", "workstream_id", "ref", ref="workstream"),
            Flag("notes", "notes"),
            Flag("status", "status", "choice", ("Open", "Closed")),
        ),
        ("ref", "title"),
        _risk_add,
        label="Risk",
        update=risks.update_risk,
        status=("status", _open_or_closed(risks.close_risk, risks.reopen_risk)),
        removal=risks.remove_risk,
        list_sql=(
            "SELECT ref, title, owner, workstream_name AS workstream, residual_score, residual_band, response,"
            " review_date AS review, status FROM risk_scored ORDER BY ref"
        ),
        own_change=("status",),
        example='t2025 add risk --ref T2025-R08 --title "Supplier delay" --owner DCC',
    ),
    "recommendation": Kind(
        "recommendation",
        _flags(
            Flag("ref", "ref"),
            Flag("source-report", "source_report"),
            Flag("source-date", "source_date", "date"),
            Flag("kind", "kind", "choice", _choices(RecommendationKind)),
            Flag("text", "text"),
            Flag("owner", "owner"),
            Flag("workstream", "workstream_id", "ref", ref="workstream"),
            Flag("target", "target_date", "date"),
            Flag("evidence", "evidence"),
            Flag("notes", "notes"),
            Flag(
                "status",
                "status",
                "choice",
                (
                    "Open",
                    "In progress",
                    "Submitted for closure",
                    "Signed off",
                    "Closed",
                    "No longer relevant",
                ),
            ),
        ),
        ("ref",),
        _recommendation_add,
        label="Recommendation",
        update=recommendations.update_recommendation,
        status=("status", recommendations.set_recommendation_status),
        removal=recommendations.remove_recommendation,
        list_sql=(
            "SELECT r.ref, r.kind, r.status, r.owner, w.code AS workstream, r.target_date AS target, r.text"
            " FROM recommendation r LEFT JOIN workstream w ON w.id = r.workstream_id ORDER BY r.ref"
        ),
        own_change=("status",),
        example='t2025 set recommendation HMICFRS-12 --status "In progress"',
    ),
    "finance-line": Kind(
        "finance-line",
        _flags(
            Flag("line", "line"),
            Flag("kind", "kind", "choice", ("funding", "expenditure", "savings")),
            Flag(
                "amount",
                "amount",
                repeat=True,
                help="YEAR=AMOUNT in GBP 000s, e.g. 2022/23=150; repeat per year",
            ),
        ),
        ("line", "kind"),
        _finance_add,
        label="Finance line",
        custom_set=_finance_set,
        custom_remove=_finance_remove,
        custom_rows=_finance_list,
        example='t2025 add finance-line --line "Digital" --kind expenditure --amount 2022/23=150',
    ),
    "health-measure": Kind(
        "health-measure",
        _flags(
            Flag("team", "health_check_id", "ref", ref="health-check", help="the health check's team"),
            Flag("name", "name"),
            Flag("value", "value", "float"),
            Flag("unit", "unit"),
        ),
        ("name",),
        _measure_add,
        label="Measure",
        update=health.update_measure,
        removal=health.remove_measure,
        removed_as="health-check measure",
        list_sql=(
            "SELECT c.team, m.name, m.value, m.unit FROM health_measure m JOIN health_check c ON c.id = m.health_check_id"
            " ORDER BY c.id, m.id"
        ),
        example='t2025 add health-measure --name "Sickness" --value 3.2 --unit "days per person"',
    ),
    "action": Kind(
        "action",
        _flags(
            Flag("title", "title"),
            Flag("owner", "owner"),
            Flag("due", "due_date", "date"),
            Flag("status", "status", "choice", _choices(ActionStatus)),
            Flag("workstream", "workstream_id", "ref", ref="workstream"),
            Flag("risk", "risk_id", "ref", ref="risk"),
            Flag("issue", "issue_id", "ref", ref="issue"),
            Flag("decision", "decision_id", "ref", ref="decision"),
            Flag(
                "meeting", "board_meeting_id", "ref", ref="meeting", help="the board meeting it was raised at"
            ),
            Flag("notes", "notes"),
        ),
        ("title",),
        _action_add,
        label="Action",
        update=actions.update_action,
        status=("status", actions.set_action_status),
        removal=actions.remove_action,
        name_on_remove=True,
        list_sql=(
            "SELECT 'A' || a.id AS ref, a.title, a.owner, a.due_date AS due, a.status,"
            " CASE WHEN a.status = 'Open' AND a.due_date < (SELECT today FROM status_date) THEN 'overdue' ELSE '' END"
            " AS flag, w.code AS workstream, a.status_reason AS reason FROM action a"
            " LEFT JOIN workstream w ON w.id = a.workstream_id ORDER BY a.status <> 'Open', a.due_date IS NULL,"
            " a.due_date, a.id"
        ),
        own_change=("status",),
        example='t2025 add action --title "Confirm the resourcing approach" --owner DCC --due 2022-04-30 --workstream FCR',
    ),
    "issue": Kind(
        "issue",
        _flags(
            Flag("title", "title"),
            Flag("description", "description"),
            Flag("owner", "owner"),
            Flag("priority", "priority", "choice", _choices(IssuePriority)),
            Flag("status", "status", "choice", _choices(IssueStatus)),
            Flag("raised", "raised_date", "date"),
            Flag("workstream", "workstream_id", "ref", ref="workstream"),
            Flag(
                "from-risk",
                "risk_id",
                "ref",
                ref="risk",
                help="the risk that has happened: it is closed (history kept) and the issue takes its fields",
            ),
            Flag("notes", "notes"),
        ),
        (),
        _issue_add,
        label="Issue",
        update=issues.update_issue,
        status=("status", _open_or_closed(issues.close_issue, issues.reopen_issue)),
        removal=issues.remove_issue,
        name_on_remove=True,
        list_sql=(
            "SELECT 'I' || i.id AS ref, i.title, i.owner, i.priority, i.status, i.raised_date AS raised,"
            " i.closed_date AS closed, w.code AS workstream, r.ref AS from_risk FROM issue i"
            " LEFT JOIN workstream w ON w.id = i.workstream_id LEFT JOIN risk r ON r.id = i.risk_id"
            " ORDER BY i.status <> 'Open', i.id"
        ),
        own_change=("status",),
        example='t2025 add issue --title "No analyst for demand work" --owner "People Director" --workstream RM',
    ),
    "lesson": Kind(
        "lesson",
        _flags(
            Flag("lesson", "lesson"),
            Flag("what-happened", "what_happened"),
            Flag("next-time", "next_time", help="what to do next time"),
            Flag("workstream", "workstream_id", "ref", ref="workstream"),
            Flag("date", "lesson_date", "date"),
        ),
        ("lesson",),
        _lesson_add,
        label="Lesson",
        update=lessons.update_lesson,
        removal=lessons.remove_lesson,
        list_sql=(
            "SELECT 'L' || l.id AS ref, l.lesson, l.what_happened, l.next_time, w.code AS workstream,"
            " l.lesson_date AS date FROM lesson l LEFT JOIN workstream w ON w.id = l.workstream_id ORDER BY l.id"
        ),
        example='t2025 add lesson --lesson "Book IT time early" --next-time "Agree IT priorities at the start"',
    ),
    "dependency": Kind(
        "dependency",
        _flags(
            Flag("milestone", "milestone_id", "ref", ref="milestone", help="the milestone that waits"),
            Flag(
                "needs",
                "needs_milestone_id",
                "ref",
                ref="milestone",
                help="the milestone it needs done first",
            ),
            Flag("notes", "notes"),
        ),
        ("milestone", "needs"),
        _dependency_add,
        label="Dependency",
        custom_set=_dependency_set,
        removal=dependencies.remove_dependency,
        list_sql=(
            "SELECT m.ref AS milestone, n.ref AS needs, mw.code AS workstream, nw.code AS needs_workstream,"
            " COALESCE(m.forecast_date, m.baseline_date) AS forecast, COALESCE(n.forecast_date, n.baseline_date)"
            " AS needs_forecast, CASE WHEN EXISTS (SELECT 1 FROM dependency_at_risk r WHERE r.dependency_id = d.id)"
            " THEN 'dependency at risk' ELSE '' END AS flag, d.notes FROM milestone_dependency d"
            " JOIN milestone m ON m.id = d.milestone_id JOIN milestone n ON n.id = d.needs_milestone_id"
            " JOIN workstream mw ON mw.id = m.workstream_id JOIN workstream nw ON nw.id = n.workstream_id"
            " ORDER BY m.ref, n.ref"
        ),
        example="t2025 add dependency --milestone FCR-M02 --needs RM-M01",
    ),
}


def check_required(kind: Kind, given: Given) -> None:
    missing = [name for name in kind.required if name not in given.values]
    if missing:
        raise ValidationError(
            f"add {kind.name} needs {', '.join('--' + m for m in missing)}; e.g. {kind.example}"
        )


def read_values(store: Store, kind: Kind, given: Given) -> dict:
    values = values_for(store, given, kind.flags)
    if "outcome" in values and values["outcome"] == "none":
        values["outcome"] = None
    return values


def find(store: Store, kind: Kind, name: str) -> Candidate:
    return resolve(store, kind.name, name)
