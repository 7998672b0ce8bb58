"""The programme's settings as one read model: what the pack, the report, the web view and the
settings screen show (marking, key messages, status date, RAG scale, tolerances, risk bands)."""

from datetime import date

from pydantic import BaseModel, ConfigDict

from t2025tui.core.errors import StoreError
from t2025tui.core.queries.status import status_date
from t2025tui.core.store import Store

# The IPA's delivery confidence assessment, as each level is defined for a programme board.
RAG_DEFINITIONS_5 = {
    "Green": "Successful delivery on time, budget and quality appears highly likely; no major "
    "outstanding issues threaten delivery.",
    "Amber/Green": "Successful delivery appears probable; constant attention is needed so that risks "
    "do not become major issues threatening delivery.",
    "Amber": "Successful delivery appears feasible, but significant issues already exist that need "
    "management attention; they appear resolvable at this stage.",
    "Amber/Red": "Successful delivery is in doubt, with major risks or issues apparent in a number of "
    "key areas; urgent action is needed to address them.",
    "Red": "Successful delivery appears unachievable: major issues, which at this stage do not appear "
    "to be manageable or resolvable. The programme may need re-baselining or its viability reassessed.",
}
RAG_DEFINITIONS_3 = {
    "Green": "On track: delivery to time, cost and quality is expected.",
    "Amber": "At risk: issues need management attention but appear resolvable.",
    "Red": "Off track: delivery is not expected without intervention or re-planning.",
}


class KeyMessageItem(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: int
    position: int
    text: str
    version: int = 1  # for a stale-edit check when the message is edited or removed


class ProgrammeSettings(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    organisation: str
    reporting_period: str
    status_date: date | None  # None: "follow today"
    today: date  # the status date when fixed, else the calendar's
    rag_scale: int  # 3, or 5 for the IPA delivery confidence scale
    default_tolerance_days: int
    band_amber_min: int  # a risk score from this is Amber
    band_red_min: int  # a risk score from this is Red
    marking: str  # the protective marking printed on the pack and reports, e.g. OFFICIAL
    user_name: str  # blank: T2025_USER, else the login name
    key_messages: list[KeyMessageItem]
    version: int  # the programme row's, for a stale-edit check

    @property
    def follows_today(self) -> bool:
        return self.status_date is None

    @property
    def rag_levels(self) -> tuple[str, ...]:
        from t2025tui.core.rag import RAG_3, RAG_5

        return RAG_5 if self.rag_scale == 5 else RAG_3

    @property
    def rag_definitions(self) -> dict[str, str]:
        return RAG_DEFINITIONS_5 if self.rag_scale == 5 else RAG_DEFINITIONS_3

    @property
    def key_message_texts(self) -> list[str]:
        return [message.text for message in self.key_messages]


def key_messages(store: Store) -> list[KeyMessageItem]:
    rows = store.query("SELECT id, position, text, version FROM key_message ORDER BY position, id")
    return [KeyMessageItem(**row) for row in rows]


def programme_settings(store: Store) -> ProgrammeSettings:
    row = store.query_one("SELECT * FROM programme WHERE id = 1")
    if row is None:
        raise StoreError("The database has no programme yet; create one with `t2025 init`.")
    fixed = row["status_date"]
    return ProgrammeSettings(
        name=row["name"],
        organisation=row["organisation"],
        reporting_period=row["reporting_period"],
        status_date=date.fromisoformat(fixed) if fixed else None,
        today=status_date(store),
        rag_scale=row["rag_scale"],
        default_tolerance_days=row["default_tolerance_days"],
        band_amber_min=row["band_amber_min"],
        band_red_min=row["band_red_min"],
        marking=row["marking"],
        user_name=row["user_name"],
        key_messages=key_messages(store),
        version=row["version"],
    )


def programme_today(store: Store) -> date:
    """The programme's today (see queries.status.status_date)."""
    return status_date(store)


def status_date_notice(
    settings: ProgrammeSettings | date | None,
    calendar_today: date | None = None,
    *,
    change_with: str = "Change it in the settings (or: t2025 settings --status-date today).",
    short: bool = False,
) -> str | None:
    """What the dashboard header says when the status date (the settings', or the date given) is
    fixed in the past, else None; `change_with` says how to change it, `short` leaves out why it matters."""
    fixed = settings.status_date if isinstance(settings, ProgrammeSettings) else settings
    if fixed is None:
        return None
    calendar_today = calendar_today or date.today()
    if fixed >= calendar_today:
        return None
    if short:  # one line of an 80-column screen
        return f"Status date fixed in the past ({fixed.isoformat()}): {change_with}"
    return (
        f"Status date fixed at {fixed.isoformat()}, in the past: statuses and 'today' count "
        f"from it. {change_with}"
    )
