"""The whole programme as JSON (`t2025 dump`) and back into a new database (`t2025 load`).

The JSON's shape is `ProgrammeData`; `schema/programme.schema.json` is generated from it.
"""

import json
from pathlib import Path

import pydantic

from t2025tui.core.changes import first_error, to_db
from t2025tui.core.errors import StoreError, ValidationError
from t2025tui.core.models import TABLE_DUMP_FIELDS, TABLE_MODELS, ProgrammeData
from t2025tui.core.store import Store, create_filled_store

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
    return dump_data(store).model_dump_json(indent=2)


def parse_json(text: str, source: str = "the file") -> ProgrammeData:
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValidationError(
            f"{source} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})."
        ) from None
    try:
        return ProgrammeData.model_validate(raw)
    except pydantic.ValidationError as exc:
        error = first_error(exc)
        raise ValidationError(f"{source} is not a t2025 programme: {error}", error.field) from None


def _row(record: pydantic.BaseModel) -> dict:
    return {k: to_db(v) for k, v in record.model_dump().items()}


def load_data(data: ProgrammeData, path: Path) -> Store:
    """Create a new database at `path` holding exactly `data`, in one transaction."""

    def fill(store: Store) -> None:
        with store.write() as conn:
            tables = ["programme", *TABLE_DUMP_FIELDS]
            for table in tables:
                records = (
                    [data.programme] if table == "programme" else getattr(data, TABLE_DUMP_FIELDS[table])
                )
                for record in records:
                    row = _row(record)
                    if row.get("id") is None:
                        row.pop("id", None)
                    columns = ", ".join(row)
                    conn.execute(
                        f"INSERT INTO {table} ({columns}) VALUES ({', '.join('?' for _ in row)})",
                        tuple(row.values()),
                    )
            problems = conn.execute("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise ValidationError(
                    f"the file refers to missing records ({problems[0][0]} row {problems[0][1]})."
                )

    return create_filled_store(path, fill)


def json_schema() -> str:
    return json.dumps(ProgrammeData.model_json_schema(), indent=2, ensure_ascii=False) + "\n"


def write_json_schema(folder: Path | None = None) -> Path:
    """Regenerate `schema/programme.schema.json` (run from a source checkout)."""
    target = (folder or Path(__file__).resolve().parents[2] / "schema") / SCHEMA_FILE
    target.write_text(json_schema(), encoding="utf-8")
    return target


assert set(TABLE_MODELS) - {"programme"} == set(TABLE_DUMP_FIELDS)
