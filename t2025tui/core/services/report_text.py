"""The committee report's editable text sections (purpose, background, implications, ...).

Each section is one row of `report_text`, made the first time it is given words, so a
programme that never writes a report carries none. Every save is one logged, undoable edit.
"""

from t2025tui.core.changes import edit
from t2025tui.core.errors import StaleEditError, ValidationError
from t2025tui.core.report.sections import BY_KEY, SECTION_KEYS, WORKSTREAM_SECTION
from t2025tui.core.store import Store


def report_texts(store: Store) -> list[dict]:
    """Every section with its text (blank when never written), in report order; the workstream
    update once per workstream. Each row: section, title, where, single_line, workstream_id,
    workstream (its name), workstream_code, body, id and version (None until first saved)."""
    saved = {(row["section"], row["workstream_id"]): row for row in store.query("SELECT * FROM report_text")}
    rows = []
    for key in SECTION_KEYS:
        section = BY_KEY[key]
        owners = (
            store.query("SELECT id, name, code FROM workstream ORDER BY position, id")
            if key == WORKSTREAM_SECTION
            else [{"id": None, "name": "", "code": None}]
        )
        for owner in owners:
            row = saved.get((key, owner["id"]), {})
            rows.append(
                {
                    "section": key,
                    "title": section.title,
                    "where": section.where,
                    "single_line": section.single_line,
                    "workstream_id": owner["id"],
                    "workstream": owner["name"],
                    "workstream_code": owner["code"],
                    "body": row.get("body", ""),
                    "id": row.get("id"),
                    "version": row.get("version"),
                }
            )
    return rows


def report_text(store: Store, section: str, workstream_id: int | None = None) -> str:
    """One section's text ("" when never written)."""
    found = store.scalar(
        "SELECT body FROM report_text WHERE section = ? AND COALESCE(workstream_id, 0) = ?",
        (section, workstream_id or 0),
    )
    return found or ""


def set_report_text(
    store: Store,
    section: str,
    body: str,
    *,
    workstream_id: int | None = None,
    expected_version: int | None,
    reason: str = "",
) -> dict:
    """Save one section's text; returns {field: (old, new)} of what changed.

    `expected_version` is the version the editor read (None when the section had no row yet):
    a save over a text changed meanwhile in another window is refused.
    """
    if section not in BY_KEY:
        raise ValidationError(
            f"unknown report section {section!r}; choose one of {', '.join(SECTION_KEYS)}", "section"
        )
    title = BY_KEY[section].title
    if BY_KEY[section].single_line and "\n" in body.strip():
        body = " ".join(body.split())
    with edit(store, f"Edit report text: {title}", reason=reason) as change:
        if workstream_id is not None:
            name = change.conn.execute(
                "SELECT name FROM workstream WHERE id = ?", (workstream_id,)
            ).fetchone()
            if name is None:
                raise ValidationError(f"workstream {workstream_id} no longer exists", "workstream_id")
            change.summary = f"Edit report text: {title} ({name[0]})"
        current = change.conn.execute(
            "SELECT id FROM report_text WHERE section = ? AND COALESCE(workstream_id, 0) = ?",
            (section, workstream_id or 0),
        ).fetchone()
        if current is None:
            if expected_version is not None:
                raise _stale(title)
            values = {"section": section, "workstream_id": workstream_id, "body": body}
            if not body.strip():
                return {}
            change.insert("report_text", values)
            return {"body": ("", change.row("report_text", change.touched[-1][1])["body"])}
        if expected_version is None:
            raise _stale(title)
        return change.update("report_text", current[0], {"body": body}, expected_version=expected_version)


def _stale(title: str) -> StaleEditError:
    return StaleEditError(
        f"The report text '{title}' was changed in another window since you opened it; it has been "
        "reloaded. Make your change again."
    )
