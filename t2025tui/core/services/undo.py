"""Undo and redo of one's own changes, as batches of their own in the change log.

Whose changes may be undone is the caller's to say (`Mine`): the batches one window saved,
or every batch recorded under one name (the command line: yours). Undo reverses the latest
of those still applied; repeated undo walks further back. Redo re-applies what one's own
latest undo reversed, and only until one makes a new edit. Another person's change is undone
only when named and confirmed (`undo_question` gives the question to ask). Each refuses,
changing nothing, if a record it would touch was changed since, and says by whom and when.
"""

import json
from dataclasses import dataclass

from t2025tui.core.changes import Change, decode, label_of, now_iso, remember_written
from t2025tui.core.errors import NothingToUndoError, StaleEditError, T2025Error
from t2025tui.core.store import Store
from t2025tui.core.text import column_words
from t2025tui.core.who import editor_name

REVERSING = ("undo", "redo")


class OthersChangeError(T2025Error):
    """The change asked for was made by someone else, and undoing it was not confirmed.

    The message is the question to confirm; `who`, `at` and `what` are its parts."""

    def __init__(self, question: str, *, who: str, at: str, what: str):
        super().__init__(question)
        self.who, self.at, self.what = who, at, what


@dataclass(frozen=True)
class Mine:
    """Whose changes an undo or redo may take: a window's own batch ids, or one person's name."""

    batch_ids: frozenset[int] | None = None
    who: str | None = None

    def clause(self, column: str = "b") -> tuple[str, tuple]:
        if self.batch_ids is not None:
            return f"{column}.id IN (SELECT value FROM json_each(?))", (json.dumps(sorted(self.batch_ids)),)
        return f"{column}.who = ?", (self.who or "",)

    def named(self) -> str:
        return f"yours ({self.who})" if self.batch_ids is None else "this window's"

    def owns(self, batch: dict) -> bool:
        if self.batch_ids is not None:
            return batch["id"] in self.batch_ids
        return batch["who"] == (self.who or "")


def yours(store: Store) -> Mine:
    """Every change recorded under the name this run records (see core/who.py)."""
    return Mine(who=editor_name(store.conn))


def _entries(store: Store, batch_id: int) -> list[dict]:
    return store.query("SELECT * FROM change_log WHERE batch_id = ? ORDER BY id", (batch_id,))


def _when(at: str) -> str:
    return at[:16].replace("T", " ")


def _changed_since(change: Change, entry: dict, verb: str, field: str | None) -> StaleEditError:
    """Why the record cannot be put back: the last change to it, by whom and when."""
    what = f"the {field.replace('_', ' ')} of " if field else ""
    last = change.store.query_one(
        "SELECT l.at, b.who FROM change_log l JOIN change_batch b ON b.id = l.batch_id"
        " WHERE l.entity = ? AND l.entity_id = ? AND l.id > ?"
        + (" AND (l.field = ? OR l.action != 'update')" if field else "")
        + " ORDER BY l.id DESC LIMIT 1",
        (entry["entity"], entry["entity_id"], entry["id"], *((field,) if field else ())),
    )
    since = f" by {last['who'] or 'unknown'} at {_when(last['at'])}" if last else ""
    return StaleEditError(
        f"Cannot {verb}: {what}{entry['entity_label']} was changed since{since}. Nothing was changed."
    )


def _set_field(change: Change, entry: dict, expected, value, verb: str) -> None:
    table, row_id, field = entry["entity"], entry["entity_id"], entry["field"]
    current = change.row(table, row_id)
    if field not in current:  # a field an upgrade since moved (e.g. the key messages in schema 3)
        raise StaleEditError(
            f"Cannot {verb}: {entry['entity_label']}'s {field.replace('_', ' ')} is no longer kept that way "
            "since t2025 was upgraded. Nothing was changed."
        )
    if current[field] != expected:
        raise _changed_since(change, entry, verb, field)
    change.conn.execute(
        f"UPDATE {table} SET {field} = ?, version = version + 1 WHERE id = ?", (value, row_id)
    )
    change.log(table, row_id, label_of(table, current), "update", field, expected, value)
    change.touched.append((table, row_id))


def _recreate(change: Change, entry: dict, row: dict, verb: str) -> None:
    taken = change.conn.execute(f"SELECT 1 FROM {entry['entity']} WHERE id = ?", (row["id"],)).fetchone()
    if taken:
        raise _changed_since(change, entry, verb, None)
    change.insert_raw(entry["entity"], row)


def _remove(change: Change, entry: dict, as_made: dict, verb: str) -> None:
    """Delete a record only as it was made (or restored): later edits to it would be lost."""
    found = change.conn.execute(f"SELECT * FROM {entry['entity']} WHERE id = ?", (entry["entity_id"],))
    row = found.fetchone()
    if row is None:
        raise _changed_since(change, entry, verb, None)
    current = dict(zip([c[0] for c in found.description], row, strict=False))
    if any(current.get(k) != v for k, v in as_made.items() if k not in ("id", "version")):
        raise _changed_since(change, entry, verb, None)
    change.delete(entry["entity"], entry["entity_id"], expected_version=None)


def _reverse(change: Change, entry: dict) -> None:
    old, new = decode(entry["old"]), decode(entry["new"])
    if entry["action"] == "update":
        _set_field(change, entry, new, old, "undo")
    elif entry["action"] == "create":
        _remove(change, entry, new, "undo")
    else:
        _recreate(change, entry, old, "undo")


def _repeat(change: Change, entry: dict) -> None:
    old, new = decode(entry["old"]), decode(entry["new"])
    if entry["action"] == "update":
        _set_field(change, entry, old, new, "redo")
    elif entry["action"] == "create":
        _recreate(change, entry, new, "redo")
    else:
        _remove(change, entry, old, "redo")


def what_changed(batch: dict, entries: list[dict]) -> str:
    """The record and the change, e.g. 'commentary of Resource Management'."""
    summary = batch["summary"]
    records = {(e["entity"], e["entity_id"]) for e in entries}
    if len(records) != 1 or not entries:
        return summary
    first = entries[0]
    label = first["entity_label"]
    generic = summary.startswith("Edit")  # "Edit commentary", "Edit Resource Management"
    if label and label in summary and not generic:
        return summary
    if all(e["action"] == "update" for e in entries):
        fields = [e["field"] for e in entries]
        shown = [f for f in fields if not f.endswith("reason")] or fields
        words = [column_words(f) for f in dict.fromkeys(shown)]
        return f"{' and '.join(words)} of {label}"
    kind = first["entity"].replace("_", " ")
    return f"{'new' if first['action'] == 'create' else 'removal of'} {kind} {label}"


def _batch(store: Store, batch_id: int) -> dict:
    batch = store.query_one("SELECT * FROM change_batch WHERE id = ?", (batch_id,))
    assert batch is not None  # change_log rows and undo_stack entries keep their batch (foreign key)
    return batch


def _undo_target(store: Store, mine: Mine, batch_id: int | None, confirmed: bool) -> dict:
    if batch_id is None:
        where, params = mine.clause()
        found = store.query_one(
            "SELECT u.batch_id FROM undo_stack u JOIN change_batch b ON b.id = u.batch_id"
            # By b.id, so the change_batch_who index (schema 6) gives the newest without a sort.
            f" WHERE u.undone = 0 AND {where} ORDER BY b.id DESC LIMIT 1",
            params,
        )
        if found is None:
            raise NothingToUndoError(f"Nothing of {mine.named()} to undo.")
        return _batch(store, found["batch_id"])
    batch = store.query_one("SELECT * FROM change_batch WHERE id = ?", (batch_id,))
    if batch is None:
        raise NothingToUndoError(f"There is no change {batch_id}; `t2025 history` lists the changes.")
    state = store.query_one("SELECT undone FROM undo_stack WHERE batch_id = ?", (batch_id,))
    if state is None:
        raise NothingToUndoError(
            f"Change {batch_id} ({batch['summary']}) cannot be undone"
            + (f"; it is itself an {batch['action']}." if batch["action"] in REVERSING else ".")
        )
    if state["undone"]:
        raise NothingToUndoError(f"Change {batch_id} ({batch['summary']}) is already undone.")
    if not mine.owns(batch) and not confirmed:
        what = what_changed(batch, _entries(store, batch_id))
        raise OthersChangeError(
            undo_question(store, batch_id), who=batch["who"] or "unknown", at=_when(batch["at"]), what=what
        )
    return batch


def undo_check(store: Store, mine: Mine, batch_id: int) -> str | None:
    """Before undoing change `batch_id`: None if it is `mine`'s, else the question to confirm
    (who made it, when, what); NothingToUndoError if it cannot be undone. Reads only."""
    try:
        _undo_target(store, mine, batch_id, confirmed=False)
    except OthersChangeError as exc:
        if mine.batch_ids is not None and exc.who == editor_name(store.conn):
            return f"Undo your change of {exc.at}, made in another window: {exc.what}?"
        return str(exc)
    return None


def undo_question(store: Store, batch_id: int) -> str:
    """The question to confirm before undoing someone else's change: who made it, when, what."""
    batch = _batch(store, batch_id)
    what = what_changed(batch, _entries(store, batch_id))
    return f"Undo {batch['who'] or 'unknown'}'s change of {_when(batch['at'])}: {what}?"


def _redo_target(store: Store, mine: Mine) -> dict:
    """What one's own latest undo reversed, if nothing of one's own was edited since."""
    where, params = mine.clause()
    last_edit = store.scalar(
        f"SELECT COALESCE(MAX(b.id), 0) FROM change_batch b WHERE {where} AND b.action NOT IN ('undo', 'redo')",
        params,
    )
    found = store.query_one(
        "SELECT b.target_batch_id FROM change_batch b JOIN undo_stack u ON u.batch_id = b.target_batch_id"
        f" WHERE {where} AND b.action = 'undo' AND b.id > ? AND u.undone = 1 ORDER BY b.id DESC LIMIT 1",
        (*params, last_edit),
    )
    if found is None:
        raise NothingToUndoError(f"Nothing of {mine.named()} to redo.")
    return _batch(store, found["target_batch_id"])


def _run(store: Store, *, undoing: bool, mine: Mine, batch_id: int | None, confirmed: bool) -> str:
    with store.write():
        batch = _undo_target(store, mine, batch_id, confirmed) if undoing else _redo_target(store, mine)
        verb = "Undo" if undoing else "Redo"
        entries = _entries(store, batch["id"])
        change = Change(
            store,
            action=verb.lower(),
            summary=f"{verb}: {what_changed(batch, entries)}",
            reason=batch["reason"],
            at=now_iso(),
            target_batch_id=batch["id"],
        )
        for entry in reversed(entries) if undoing else entries:
            (_reverse if undoing else _repeat)(change, entry)
        store.conn.execute("UPDATE undo_stack SET undone = ? WHERE batch_id = ?", (int(undoing), batch["id"]))
    remember_written(store, change._batch_id)
    return change.summary


def undo(
    store: Store, mine: Mine | None = None, *, batch_id: int | None = None, confirmed: bool = False
) -> str:
    """Reverse your latest change (default: every change under your name), or change `batch_id`
    (someone else's only with `confirmed`); returns the notice, e.g. 'Undo: commentary of RM'."""
    return _run(store, undoing=True, mine=mine or yours(store), batch_id=batch_id, confirmed=confirmed)


def redo(store: Store, mine: Mine | None = None) -> str:
    """Re-apply what your latest undo reversed."""
    return _run(store, undoing=False, mine=mine or yours(store), batch_id=None, confirmed=False)


def can_undo(store: Store, mine: Mine | None = None) -> bool:
    where, params = (mine or yours(store)).clause()
    return bool(
        store.scalar(
            "SELECT EXISTS (SELECT 1 FROM undo_stack u JOIN change_batch b ON b.id = u.batch_id"
            f" WHERE u.undone = 0 AND {where})",
            params,
        )
    )


def can_redo(store: Store, mine: Mine | None = None) -> bool:
    try:
        _redo_target(store, mine or yours(store))
    except NothingToUndoError:
        return False
    return True
