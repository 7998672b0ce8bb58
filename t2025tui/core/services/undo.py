"""Undo and redo, as batches of their own in the change log.

Undo reverses the latest applied batch; repeated undo walks further back. Redo re-applies
the most recently undone batch. Each refuses, changing nothing, if a record it would touch
was changed since (for example in another window).
"""

from t2025tui.core.changes import Change, decode, label_of, now_iso
from t2025tui.core.errors import NothingToUndoError, StaleEditError
from t2025tui.core.store import Store


def _entries(store: Store, batch_id: int) -> list[dict]:
    return store.query("SELECT * FROM change_log WHERE batch_id = ? ORDER BY id", (batch_id,))


def _conflict(entry: dict, verb: str) -> StaleEditError:
    return StaleEditError(
        f"Cannot {verb}: {entry['entity_label']} was changed since (perhaps in another window). "
        "Nothing was changed."
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
        raise _conflict(entry, verb)
    change.conn.execute(
        f"UPDATE {table} SET {field} = ?, version = version + 1 WHERE id = ?", (value, row_id)
    )
    change.log(table, row_id, label_of(table, current), "update", field, expected, value)
    change.touched.append((table, row_id))


def _recreate(change: Change, entry: dict, row: dict) -> None:
    change.insert_raw(entry["entity"], row)


def _remove(change: Change, entry: dict, verb: str) -> None:
    exists = change.conn.execute(
        f"SELECT 1 FROM {entry['entity']} WHERE id = ?", (entry["entity_id"],)
    ).fetchone()
    if not exists:
        raise _conflict(entry, verb)
    change.delete(entry["entity"], entry["entity_id"], expected_version=None)


def _reverse(change: Change, entry: dict) -> None:
    old, new = decode(entry["old"]), decode(entry["new"])
    if entry["action"] == "update":
        _set_field(change, entry, new, old, "undo")
    elif entry["action"] == "create":
        _remove(change, entry, "undo")
    else:
        _recreate(change, entry, old)


def _repeat(change: Change, entry: dict) -> None:
    old, new = decode(entry["old"]), decode(entry["new"])
    if entry["action"] == "update":
        _set_field(change, entry, old, new, "redo")
    elif entry["action"] == "create":
        _recreate(change, entry, new)
    else:
        _remove(change, entry, "redo")


def _run(store: Store, *, undoing: bool) -> str:
    with store.write():
        if undoing:
            target = store.query_one(
                "SELECT batch_id FROM undo_stack WHERE undone = 0 ORDER BY batch_id DESC LIMIT 1"
            )
        else:
            target = store.query_one(
                "SELECT batch_id FROM undo_stack WHERE undone = 1 ORDER BY batch_id LIMIT 1"
            )
        if target is None:
            raise NothingToUndoError("Nothing to undo." if undoing else "Nothing to redo.")
        batch = store.query_one("SELECT * FROM change_batch WHERE id = ?", (target["batch_id"],))
        assert batch is not None  # change_log rows and undo_stack entries keep their batch (foreign key)
        verb = "Undo" if undoing else "Redo"
        change = Change(
            store,
            action=verb.lower(),
            summary=f"{verb}: {batch['summary']}",
            reason=batch["reason"],
            at=now_iso(),
            target_batch_id=batch["id"],
        )
        entries = _entries(store, batch["id"])
        for entry in reversed(entries) if undoing else entries:
            (_reverse if undoing else _repeat)(change, entry)
        store.conn.execute("UPDATE undo_stack SET undone = ? WHERE batch_id = ?", (int(undoing), batch["id"]))
        return change.summary


def undo(store: Store) -> str:
    """Reverse the latest change; returns a description such as 'Undo: Set RAG of FCR to Red'."""
    return _run(store, undoing=True)


def redo(store: Store) -> str:
    """Re-apply the most recently undone change."""
    return _run(store, undoing=False)


def can_undo(store: Store) -> bool:
    return store.scalar("SELECT EXISTS (SELECT 1 FROM undo_stack WHERE undone = 0)") == 1


def can_redo(store: Store) -> bool:
    return store.scalar("SELECT EXISTS (SELECT 1 FROM undo_stack WHERE undone = 1)") == 1
