"""dump/load round trip is exact, and the JSON Schema file stays current."""

import json
from pathlib import Path

import pytest

from t2025tui.core.dump import dump_json, json_schema, load_data, parse_json
from t2025tui.core.errors import StoreError, ValidationError
from t2025tui.core.services import risks, workstreams

HOSTILE = [
    '=HYPERLINK("http://x","y")',
    "👩‍👩‍👧‍👦 team",
    "مرحبا \u202eevil\u202c",
    "007",
    "@SUM(1)",
    "+44 1642",
    "[bold]x[/]",
    "#N/A",
]


def test_round_trip_is_exact_with_hostile_text(store, tmp_path):
    for number, text in enumerate(HOSTILE, start=10):
        risks.create_risk(store, ref=f"0{number}", title=text, owner=text, actions=text + "\nsecond line")
    fcr = store.query_one("SELECT * FROM workstream WHERE code = 'FCR'")
    workstreams.set_commentary(store, fcr["id"], HOSTILE[0], expected_version=fcr["version"])
    first = dump_json(store)
    loaded = load_data(parse_json(first), tmp_path / "copy.db")
    try:
        assert dump_json(loaded) == first
        titles = {r["ref"]: r["title"] for r in loaded.query("SELECT ref, title FROM risk")}
        assert titles["010"] == HOSTILE[0] and titles["013"] == "007"
        assert loaded.scalar("SELECT baseline_date FROM milestone WHERE title LIKE 'FCR%'") == "2022-03-31"
    finally:
        loaded.close()


def test_load_refuses_invalid_json_with_a_clear_message(tmp_path):
    with pytest.raises(ValidationError, match=r"not valid JSON \(line 1"):
        parse_json("{not json", "pack.json")


def test_load_refuses_invalid_values_naming_the_field(store):
    data = json.loads(dump_json(store))
    data["milestones"][0]["forecast_date"] = "2023-02-29"
    with pytest.raises(
        ValidationError,
        match=r"milestones\[0\] \(ref FCR-M01\): forecast date: '2023-02-29' is not a real calendar date",
    ):
        parse_json(json.dumps(data))


def test_load_refuses_to_overwrite(store, seeded_db_path):
    with pytest.raises(StoreError, match="will not overwrite"):
        load_data(parse_json(dump_json(store)), seeded_db_path)


def test_json_schema_file_is_current():
    schema_file = Path(__file__).resolve().parents[2] / "schema" / "programme.schema.json"
    assert schema_file.read_text(encoding="utf-8") == json_schema(), (
        "schema/programme.schema.json is out of date; regenerate it with "
        'python -c "from t2025tui.core.dump import write_json_schema; write_json_schema()"'
    )
