"""The export's own error: one line saying what went wrong and what to do."""

from t2025tui.core.errors import T2025Error


class ExportError(T2025Error):
    """The pack could not be written; any earlier file at the path is untouched."""
