"""Pydantic models of every record kind, and of the whole programme as dumped to JSON.

These models are the one place values are validated: services build them before any write,
`load` builds them from JSON, and `schema/programme.schema.json` is generated from them.
"""

from datetime import date
from typing import Annotated, Final, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    model_validator,
)

from t2025tui.core.dates import parse_iso_date
from t2025tui.core.report.sections import SECTION_KEYS, WORKSTREAM_SECTION
from t2025tui.core.text import LONG_TEXT_MAX, SHORT_TEXT_MAX, clean_text


def _text_validator(max_length: int, single_line: bool):
    def validate(value: object) -> str:
        if value is None:
            return ""
        if not isinstance(value, str):
            raise ValueError(f"must be text, not {type(value).__name__}")
        return clean_text(value, max_length=max_length, single_line=single_line)

    return BeforeValidator(validate)


def _required(value: str) -> str:
    if not value.strip():
        raise ValueError("is required; it cannot be blank")
    return value


def _at_most(limit: int) -> AfterValidator:
    def check(value: str) -> str:
        if len(value) > limit:
            raise ValueError(f"is {len(value)} characters long; the limit is {limit}")
        return value

    return AfterValidator(check)


ShortText = Annotated[str, _text_validator(SHORT_TEXT_MAX, single_line=True)]
RequiredText = Annotated[ShortText, AfterValidator(_required)]
LongText = Annotated[str, _text_validator(LONG_TEXT_MAX, single_line=False)]
IsoDate = Annotated[
    date,
    BeforeValidator(parse_iso_date),
    PlainSerializer(lambda d: d.isoformat(), return_type=str),
]

Rag = Literal["Red", "Amber/Red", "Amber", "Amber/Green", "Green"]

ProjectGrouping = Literal["delivery", "it_enabling", "bau"]
ProjectStatus = Literal["active", "complete", "de-scoped", "re-scoped", "on hold"]
RiskResponse = Literal["Tolerate", "Treat", "Transfer", "Terminate"]
RiskStatus = Literal["Open", "Closed"]
RecommendationKind = Literal["cause of concern", "recommendation", "area for improvement"]
RecommendationStatus = Literal[
    "Open", "In progress", "Submitted for closure", "Signed off", "Closed", "No longer relevant"
]
FinanceKind = Literal["funding", "expenditure", "savings"]
DecisionOutcome = Literal["Agreed", "Deferred", "Rejected", "Noted"]
ActionStatus = Literal["Open", "Done", "Dropped"]
IssuePriority = Literal["High", "Medium", "Low"]
IssueStatus = Literal["Open", "Closed"]
Score = Annotated[int, Field(ge=1, le=5, strict=True)]
FinancialYear = Annotated[str, Field(pattern=r"^\d{4}/\d{2}$")]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    id: int | None = None
    version: int = Field(default=1, ge=1)


class Programme(Record):
    name: RequiredText
    organisation: ShortText = ""
    rag_scale: Literal[3, 5] = 3
    overall_rag: Rag | None = None
    overall_rag_reason: LongText = ""
    risk_rag: Rag | None = None
    risk_rag_reason: LongText = ""
    reporting_period: ShortText = ""
    status_date: IsoDate | None = None  # None: statuses are judged at the calendar's today
    financial_year_end: IsoDate | None = None
    band_amber_min: int = Field(default=5, ge=2, le=25)
    band_red_min: int = Field(default=15, ge=2, le=25)
    source: LongText = ""
    default_tolerance_days: int = Field(default=14, ge=0, le=3650, strict=True)
    marking: Annotated[RequiredText, _at_most(60)] = "OFFICIAL"
    user_name: ShortText = ""

    @model_validator(mode="after")
    def _bands_in_order(self):
        if self.band_amber_min >= self.band_red_min:
            raise ValueError(
                f"risk bands: Amber must start below Red (Amber from {self.band_amber_min}, "
                f"Red from {self.band_red_min})"
            )
        return self


class KeyMessage(Record):
    position: int = 0
    text: Annotated[LongText, AfterValidator(_required)]


class Objective(Record):
    position: int = 0
    title: RequiredText
    notes: LongText = ""


class Workstream(Record):
    code: Annotated[RequiredText, _at_most(20)]
    name: RequiredText
    lead: ShortText = ""
    objective_id: int | None = None
    rag: Rag | None = None
    rag_reason: LongText = ""
    commentary: LongText = ""
    position: int = 0


class Project(Record):
    workstream_id: int | None = None
    grouping: ProjectGrouping = "delivery"
    name: RequiredText
    status: ProjectStatus = "active"
    status_reason: LongText = ""
    notes: LongText = ""
    position: int = 0


class Milestone(Record):
    workstream_id: int
    project_id: int | None = None
    title: RequiredText
    owner: ShortText = ""
    baseline_date: IsoDate | None = None
    forecast_date: IsoDate | None = None
    actual_date: IsoDate | None = None
    tolerance_days: int = Field(default=14, ge=0, le=3650)
    descoped: bool = False
    last_change_reason: LongText = ""
    notes: LongText = ""
    # Stable and unique, e.g. FCR-M03; left None, the database gives the next of its workstream.
    ref: Annotated[RequiredText, _at_most(40)] | None = None


class BaselineChange(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: int | None = None
    milestone_id: int
    baseline_date: IsoDate | None = None
    replaced_at: str
    reason: RequiredText


class Risk(Record):
    ref: Annotated[RequiredText, _at_most(40)]
    title: RequiredText
    cause: LongText = ""
    event: LongText = ""
    effect: LongText = ""
    category: ShortText = ""
    owner: ShortText = ""
    inherent_likelihood: Score | None = None
    inherent_impact: Score | None = None
    residual_likelihood: Score | None = None
    residual_impact: Score | None = None
    proximity: ShortText = ""
    response: RiskResponse | None = None
    actions: LongText = ""
    review_date: IsoDate | None = None
    status: RiskStatus = "Open"
    workstream_id: int | None = None
    notes: LongText = ""


class Recommendation(Record):
    ref: Annotated[RequiredText, _at_most(40)]
    source_report: ShortText = ""
    source_date: IsoDate | None = None
    kind: RecommendationKind = "recommendation"
    text: LongText = ""
    owner: ShortText = ""
    workstream_id: int | None = None
    status: RecommendationStatus = "Open"
    target_date: IsoDate | None = None
    evidence: LongText = ""
    notes: LongText = ""


class FinanceLine(Record):
    line: RequiredText
    kind: FinanceKind
    year: FinancialYear
    amount: int = Field(strict=True, ge=-1_000_000_000, le=1_000_000_000)
    position: int = 0


class HealthCheck(Record):
    team: RequiredText
    check_date: IsoDate | None = None
    status: ShortText = ""
    themes: LongText = ""
    notes: LongText = ""


class HealthMeasure(Record):
    health_check_id: int
    name: RequiredText
    value: float | None = None
    unit: ShortText = ""


class HealthRating(Record):
    health_check_id: int
    member: RequiredText
    rating: int = Field(ge=1, le=10, strict=True)
    comment: LongText = ""


class BoardMeeting(Record):
    meeting_date: IsoDate
    title: RequiredText = "Futures Board"
    notes: LongText = ""


class Decision(Record):
    board_meeting_id: int | None = None
    title: RequiredText
    ask: LongText = ""  # what the board is asked to decide
    owner: ShortText = ""
    due_date: IsoDate | None = None
    outcome: DecisionOutcome | None = None  # None: not decided yet
    notes: LongText = ""
    position: int = 0


class Note(Record):
    workstream_id: int | None = None
    created_at: str
    text: Annotated[LongText, AfterValidator(_required)]


class Issue(Record):
    """A risk that has happened, or a problem now (migration 005)."""

    title: RequiredText
    description: LongText = ""
    owner: ShortText = ""
    priority: IssuePriority | None = None  # None: not yet prioritised
    status: IssueStatus = "Open"
    raised_date: IsoDate | None = None
    closed_date: IsoDate | None = None
    workstream_id: int | None = None
    risk_id: int | None = None  # the risk it was before it happened
    notes: LongText = ""


class Action(Record):
    title: RequiredText
    owner: ShortText = ""
    due_date: IsoDate | None = None
    status: ActionStatus = "Open"
    status_reason: LongText = ""
    workstream_id: int | None = None
    risk_id: int | None = None
    issue_id: int | None = None
    decision_id: int | None = None
    board_meeting_id: int | None = None  # the meeting it was raised at
    notes: LongText = ""


class MilestoneDependency(Record):
    """`milestone_id` needs `needs_milestone_id` done first."""

    milestone_id: int
    needs_milestone_id: int
    notes: LongText = ""

    @model_validator(mode="after")
    def _not_itself(self) -> "MilestoneDependency":
        if self.milestone_id == self.needs_milestone_id:
            raise ValueError("a milestone cannot depend on itself")
        return self


class Lesson(Record):
    lesson: RequiredText
    what_happened: LongText = ""
    next_time: LongText = ""
    workstream_id: int | None = None
    lesson_date: IsoDate | None = None


class ReportText(Record):
    """One editable text of the committee report (t2025tui/core/report/sections.py)."""

    section: str
    workstream_id: int | None = None
    body: LongText = ""

    @model_validator(mode="after")
    def _known_section(self) -> "ReportText":
        if self.section not in SECTION_KEYS:
            raise ValueError(f"section must be one of {', '.join(SECTION_KEYS)}")
        if (self.section == WORKSTREAM_SECTION) != (self.workstream_id is not None):
            raise ValueError("a workstream update needs its workstream, and only it has one")
        return self


class ChangeBatch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: int
    at: str
    action: Literal["edit", "undo", "redo", "import", "seed"]
    summary: str
    reason: str = ""
    target_batch_id: int | None = None
    who: str = ""


class ChangeEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: int
    batch_id: int
    at: str
    entity: str
    entity_id: int
    entity_label: str = ""
    action: Literal["create", "update", "delete"]
    field: str = ""
    old: str | None = None
    new: str | None = None
    reason: str = ""


DUMP_FORMAT: Final = "t2025tui-programme"
DUMP_FORMAT_VERSION: Final = 2


def _upgrade_dump_v1(raw: dict) -> dict:
    """A dump made before schema 3: key messages were one text of lines, a decision had a text
    and a status (Pending: not decided), milestones had no ref (the database gives them one)."""
    raw = dict(raw)
    programme = dict(raw.get("programme") or {})
    lines = str(programme.pop("key_messages", "") or "").splitlines()
    raw["programme"] = programme
    raw.setdefault(
        "key_messages",
        [{"position": n, "text": text.strip()} for n, text in enumerate(filter(str.strip, lines), start=1)],
    )
    decisions = []
    for decision in raw.get("decisions") or []:
        decision = dict(decision)
        decision.setdefault("title", decision.pop("text", ""))
        status = decision.pop("status", "Pending")
        decision.setdefault("outcome", None if status == "Pending" else status)
        decisions.append(decision)
    raw["decisions"] = decisions
    # Refs as migration 003 gives them, so a large old dump is not numbered a row at a time.
    codes = {w.get("id"): w.get("code") for w in raw.get("workstreams") or [] if isinstance(w, dict)}
    counts: dict = {}
    milestones = []
    for milestone in sorted(raw.get("milestones") or [], key=lambda m: m.get("id") or 0):
        milestone = dict(milestone)
        code = codes.get(milestone.get("workstream_id"))
        if code and not milestone.get("ref"):
            counts[code] = counts.get(code, 0) + 1
            milestone["ref"] = f"{code}-M{counts[code]:02d}"
        milestones.append(milestone)
    raw["milestones"] = milestones
    raw["change_batches"] = [
        {"who": (batch.get("reason") or "unknown") if batch.get("action") == "seed" else "unknown", **batch}
        for batch in raw.get("change_batches") or []
    ]
    raw["format_version"] = DUMP_FORMAT_VERSION
    return raw


class ProgrammeData(BaseModel):
    """The whole programme, as `t2025 dump` writes it and `t2025 load` reads it."""

    model_config = ConfigDict(extra="forbid")

    format: Literal["t2025tui-programme"] = DUMP_FORMAT
    format_version: Literal[1, 2] = DUMP_FORMAT_VERSION
    programme: Programme
    key_messages: list[KeyMessage] = []
    objectives: list[Objective] = []
    workstreams: list[Workstream] = []
    projects: list[Project] = []
    milestones: list[Milestone] = []
    baseline_history: list[BaselineChange] = []
    risks: list[Risk] = []
    recommendations: list[Recommendation] = []
    finance_lines: list[FinanceLine] = []
    health_checks: list[HealthCheck] = []
    health_measures: list[HealthMeasure] = []
    health_ratings: list[HealthRating] = []
    board_meetings: list[BoardMeeting] = []
    decisions: list[Decision] = []
    notes: list[Note] = []
    report_texts: list[ReportText] = []
    issues: list[Issue] = []
    actions: list[Action] = []
    milestone_dependencies: list[MilestoneDependency] = []
    lessons: list[Lesson] = []
    change_batches: list[ChangeBatch] = []
    change_log: list[ChangeEntry] = []

    @model_validator(mode="before")
    @classmethod
    def _upgrade(cls, raw):
        if isinstance(raw, dict) and raw.get("format_version") == 1:
            return _upgrade_dump_v1(raw)
        return raw


# Table name -> model, in an order that satisfies foreign keys on insert.
TABLE_MODELS: dict[str, type[BaseModel]] = {
    "programme": Programme,
    "key_message": KeyMessage,
    "objective": Objective,
    "workstream": Workstream,
    "project": Project,
    "milestone": Milestone,
    "baseline_history": BaselineChange,
    "risk": Risk,
    "recommendation": Recommendation,
    "finance_line": FinanceLine,
    "health_check": HealthCheck,
    "health_measure": HealthMeasure,
    "health_rating": HealthRating,
    "board_meeting": BoardMeeting,
    "decision": Decision,
    "note": Note,
    "report_text": ReportText,
    "issue": Issue,
    "action": Action,
    "milestone_dependency": MilestoneDependency,
    "lesson": Lesson,
    "change_batch": ChangeBatch,
    "change_log": ChangeEntry,
}

# Table name -> ProgrammeData field holding its rows.
TABLE_DUMP_FIELDS: dict[str, str] = {
    "key_message": "key_messages",
    "objective": "objectives",
    "workstream": "workstreams",
    "project": "projects",
    "milestone": "milestones",
    "baseline_history": "baseline_history",
    "risk": "risks",
    "recommendation": "recommendations",
    "finance_line": "finance_lines",
    "health_check": "health_checks",
    "health_measure": "health_measures",
    "health_rating": "health_ratings",
    "board_meeting": "board_meetings",
    "decision": "decisions",
    "note": "notes",
    "report_text": "report_texts",
    "issue": "issues",
    "action": "actions",
    "milestone_dependency": "milestone_dependencies",
    "lesson": "lessons",
    "change_batch": "change_batches",
    "change_log": "change_log",
}
