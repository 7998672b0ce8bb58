"""The whole programme as JSON (`t2025 dump`) and back into a new database (`t2025 load`).

The JSON's shape is `ProgrammeData`; `schema/programme.schema.json` is generated from it.
"""

import json
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pydantic

from t2025tui.core.changes import to_db
from t2025tui.core.errors import StoreError, ValidationError
from t2025tui.core.models import TABLE_DUMP_FIELDS, TABLE_MODELS, ProgrammeData
from t2025tui.core.store import Store, create_filled_store, memory_store
from t2025tui.core.text import escape_unsafe_in_json

SCHEMA_FILE = "programme.schema.json"


def dump_data(store: Store) -> ProgrammeData:
    values: dict = {"programme": store.query_one("SELECT * FROM programme WHERE id = 1")}
    if values["programme"] is None:
        raise StoreError("The database has no programme yet; create one with `t2025 init`.")
    # A file not yet migrated (read before open_store migrates it) lacks the newer tables.
    present = {row["name"] for row in store.query("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for table, field in TABLE_DUMP_FIELDS.items():
        values[field] = store.query(f"SELECT * FROM {table} ORDER BY id") if table in present else []
    return ProgrammeData.model_validate(values)


def dump_json(store: Store) -> str:
    # Escaped, so the dump can be printed to a terminal as it is and still loads to the same values.
    return escape_unsafe_in_json(dump_data(store).model_dump_json(indent=2))


# SQLite keeps integers in 64 bits; a larger id would fail half-way through a load.
_SMALLEST, _LARGEST = -(2**63), 2**63 - 1
_LABEL_FIELDS = ("ref", "code", "title", "name", "label")
SECTIONS = [name for name in ProgrammeData.model_fields]
SECTIONS_ADDED_IN_2 = frozenset({"key_messages"})
# The governance logs (schema 5) came after format 2 was set: a format-2 dump made before them
# has none of these sections, and loads with the logs empty.
SECTIONS_ADDED_IN_SCHEMA_5 = frozenset({"issues", "actions", "milestone_dependencies", "lessons"})


def _label(record: object) -> str:
    """How a user finds a record in their dump: by ref, code, title or name, else by id."""
    values = record if isinstance(record, dict) else getattr(record, "__dict__", {})
    for field in _LABEL_FIELDS:
        value = values.get(field)
        if isinstance(value, str) and value.strip():
            shown = value if len(value) <= 40 else value[:37] + "..."
            return f" ({field} {shown})"
    return f" (id {values['id']})" if isinstance(values.get("id"), int) else ""


def _where(records: object, section: str, index: int | None) -> str:
    """`risks[3] (ref R-07)`: the record's place in the file and how to recognise it."""
    if index is None:
        return section
    record = records[index] if isinstance(records, list) and 0 <= index < len(records) else None
    return f"{section}[{index}]{_label(record)}"


def _records(data: ProgrammeData, section: str) -> list:
    return [data.programme] if section == "programme" else list(getattr(data, section))


def _refuse(source: str, where: str, problem: str, field: str | None = None) -> ValidationError:
    return ValidationError(f"{source} cannot be loaded: {where}: {problem}. Nothing was created.", field)


def _missing_section(source: str, section: str) -> ValidationError:
    return ValidationError(
        f"{source} has no {section!r} section, so it is not a whole t2025 dump (cut short or "
        "edited?); a dump lists every section, empty ones as []. Nothing was created."
    )


def _pydantic_problem(raw: dict, exc: pydantic.ValidationError, source: str) -> ValidationError:
    error = exc.errors()[0]
    loc = list(error["loc"])
    if error["type"] == "missing" and len(loc) == 1:
        return _missing_section(source, str(loc[0]))
    message = str(error["msg"]).removeprefix("Value error, ")
    section = str(loc.pop(0)) if loc else "the file"
    index = loc.pop(0) if loc and isinstance(loc[0], int) else None
    field = ".".join(str(part) for part in loc) or None
    problem = f"{field.replace('_', ' ')}: {message}" if field else message
    return _refuse(
        source, _where(raw.get(section), section, index if isinstance(index, int) else None), problem, field
    )


def _timestamp_problem(value: object) -> str | None:
    if not isinstance(value, str):
        return "is not a timestamp"
    try:
        stamp = datetime.fromisoformat(value)
    except ValueError:
        return f"{value!r} is not a timestamp (write it as YYYY-MM-DDTHH:MM:SS+00:00)"
    if not 1900 <= stamp.year <= 9999:
        return f"{value!r} is not a plausible timestamp"
    return None


def _check_records(data: ProgrammeData, source: str) -> None:
    """What the models cannot see one record at a time: 64-bit integers, timestamps, ids used
    twice in a section."""
    for section in ["programme", *TABLE_DUMP_FIELDS.values()]:
        records = _records(data, section)
        seen: dict[int, int] = {}
        for index, record in enumerate(records):
            where = _where(records, section, None if section == "programme" else index)
            for field, value in record.model_dump().items():
                if (
                    isinstance(value, int)
                    and not isinstance(value, bool)
                    and not _SMALLEST <= value <= _LARGEST
                ):
                    raise _refuse(source, where, f"{field} {value} is too large", field)
                if field == "at" or field.endswith("_at"):
                    problem = _timestamp_problem(value)
                    if problem:
                        raise _refuse(source, where, f"{field} {problem}", field)
            record_id = getattr(record, "id", None)
            if isinstance(record_id, int):
                if record_id in seen:
                    raise _refuse(
                        source,
                        where,
                        f"id {record_id} is used twice in {section} (also by {section}[{seen[record_id]}])",
                        "id",
                    )
                seen[record_id] = index


def parse_json(text: str, source: str = "the file") -> ProgrammeData:
    """The dump in `text`, validated completely (every section there, every record valid), or a
    ValidationError naming the first record that is not, such as `risks[3] (ref R-07): ...`.
    References between records are checked by `load_data`, before anything is created."""
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValidationError(
            f"{source} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})."
        ) from None
    except RecursionError:
        raise ValidationError(
            f"{source} is nested too deeply to be a t2025 dump; nothing was created."
        ) from None
    if not isinstance(raw, dict):
        raise ValidationError(
            f"{source} is not a t2025 dump: it holds a JSON {type(raw).__name__}, not an object."
        )
    try:
        data = ProgrammeData.model_validate(raw)
    except pydantic.ValidationError as exc:
        raise _pydantic_problem(raw, exc, source) from None
    except RecursionError:
        raise ValidationError(
            f"{source} is nested too deeply to be a t2025 dump; nothing was created."
        ) from None
    # A format-1 dump (before schema 3) had no key_messages section; reading it makes one.
    # A dump made before schema 5 has none of its sections; one with some of them was cut short.
    before_schema_5 = not any(name in raw for name in SECTIONS_ADDED_IN_SCHEMA_5)
    required = [
        name
        for name in SECTIONS
        if (raw.get("format_version") != 1 or name not in SECTIONS_ADDED_IN_2)
        and not (before_schema_5 and name in SECTIONS_ADDED_IN_SCHEMA_5)
    ]
    missing = [name for name in required if name not in raw]
    if missing:
        raise _missing_section(source, missing[0])
    _check_records(data, source)
    return data


def _row(record: pydantic.BaseModel) -> dict:
    return {k: to_db(v) for k, v in record.model_dump().items()}


def _fill(data: ProgrammeData, source: str) -> Callable[[Store], None]:
    def fill(store: Store) -> None:
        with store.write() as conn:
            # References are checked once everything is in, so they can be named record by record.
            conn.execute("PRAGMA defer_foreign_keys = ON")
            for table in ["programme", *TABLE_DUMP_FIELDS]:
                section = "programme" if table == "programme" else TABLE_DUMP_FIELDS[table]
                records = _records(data, section)
                for index, record in enumerate(records):
                    row = _row(record)
                    if row.get("id") is None:
                        row.pop("id", None)
                    columns = ", ".join(row)
                    try:
                        conn.execute(
                            f"INSERT INTO {table} ({columns}) VALUES ({', '.join('?' for _ in row)})",
                            tuple(row.values()),
                        )
                    except (sqlite3.IntegrityError, OverflowError) as exc:
                        where = _where(records, section, None if table == "programme" else index)
                        raise _refuse(source, where, _constraint_problem(exc)) from None
            _check_references(conn, data, source)
            conn.execute("PRAGMA defer_foreign_keys = OFF")

    return fill


def _constraint_problem(exc: Exception) -> str:
    text = str(exc)
    if text.startswith("UNIQUE constraint failed: "):
        column = text.rsplit(".", 1)[-1]
        return f"its {column} is also another record's; each must be different"
    return f"refused by the database ({text})"


def _check_references(conn: sqlite3.Connection, data: ProgrammeData, source: str) -> None:
    problem = conn.execute("PRAGMA foreign_key_check").fetchone()
    if problem is None:
        return
    table, rowid, parent, fk_id = problem
    column = next(
        (row[3] for row in conn.execute(f"PRAGMA foreign_key_list({table})") if row[0] == fk_id),
        "a reference",
    )
    value = conn.execute(f"SELECT {column} FROM {table} WHERE rowid = ?", (rowid,)).fetchone()
    section = "programme" if table == "programme" else TABLE_DUMP_FIELDS.get(table, table)
    records = _records(data, section) if section in SECTIONS else []
    index = next((i for i, r in enumerate(records) if getattr(r, "id", None) == rowid), None)
    where = _where(records, section, index) if index is not None else f"{section} (id {rowid})"
    shown = value[0] if value else "?"
    raise _refuse(
        source, where, f"{column} {shown} points at no record in {TABLE_DUMP_FIELDS.get(parent, parent)}"
    )


def load_data(data: ProgrammeData, path: Path, source: str = "the dump") -> Store:
    """Create a new database at `path` holding exactly `data`, in one transaction.

    The whole load is rehearsed first in memory, so a dump that breaks a rule of the database
    (a broken reference, a duplicate code) is refused, naming the record, before anything is
    created at `path`."""
    fill = _fill(data, source)
    rehearsal = memory_store()
    try:
        fill(rehearsal)
    finally:
        rehearsal.close()
    return create_filled_store(path, fill)


def json_schema() -> str:
    return json.dumps(ProgrammeData.model_json_schema(), indent=2, ensure_ascii=False) + "\n"


def write_json_schema(folder: Path | None = None) -> Path:
    """Regenerate `schema/programme.schema.json` (run from a source checkout)."""
    target = (folder or Path(__file__).resolve().parents[2] / "schema") / SCHEMA_FILE
    target.write_text(json_schema(), encoding="utf-8")
    return target


assert set(TABLE_MODELS) - {"programme"} == set(TABLE_DUMP_FIELDS)
