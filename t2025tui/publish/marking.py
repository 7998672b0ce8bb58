"""The protective marking printed on every published page."""

from t2025tui.core.queries.settings import ProgrammeSettings

DEFAULT_MARKING = "OFFICIAL"  # the embedded report's marking, and the settings' default


def protective_marking(settings: ProgrammeSettings | None) -> str:
    """The programme's marking setting, on one line; OFFICIAL if there is no programme yet or
    the marking is blank (a file edited by another tool): a page is never shown unmarked."""
    marking = settings.marking if settings is not None else ""
    return " ".join(marking.split()) or DEFAULT_MARKING
