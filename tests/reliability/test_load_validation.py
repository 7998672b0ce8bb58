"""`t2025 load` validates a dump completely before creating anything, and every refusal names the
record (`risks[3] (ref R-07): ...`): values, timestamps, missing sections, ids out of SQLite's
range or used twice, broken references, duplicate codes, absurd nesting. Nothing is created."""

import json

import pytest

from t2025tui.cli import main
from t2025tui.core.dump import SECTIONS, dump_json, load_data, parse_json
from t2025tui.core.errors import ValidationError
from t2025tui.core.models import TABLE_DUMP_FIELDS
from t2025tui.core.store import memory_store


@pytest.fixture(scope="module")
def dump_text(tmp_path_factory):
    """The seeded programme plus at least two records of every kind the seed has fewer of."""
    from t2025tui.commands.init import create_programme
    from t2025tui.core.services import board, health, milestones, workstreams

    store = create_programme(tmp_path_factory.mktemp("seed") / "t2025.db")
    try:
        for n in (1, 2):
            workstreams.add_note(store, 1, f"note {n}")
            milestone = store.query_one(
                "SELECT id, version FROM milestone ORDER BY id LIMIT 1 OFFSET ?", (n,)
            )
            milestones.rebaseline(
                store, milestone["id"], f"2023-0{n}-01", "scope agreed", expected_version=milestone["version"]
            )
            board.create_board_meeting(store, meeting_date=f"2022-0{n + 4}-15")
            check = health.create_health_check(store, team=f"Team {n}")
            health.add_rating(store, check, f"member {n}", 3)
        return dump_json(store)
    finally:
        store.close()


def _refused(tmp_path, data, match: str):
    target = tmp_path / "target" / "loaded.db"
    with pytest.raises(ValidationError, match=match) as raised:
        load_data(parse_json(json.dumps(data) if not isinstance(data, str) else data), target)
    assert not target.parent.exists() or list(target.parent.iterdir()) == [], "something was created"
    assert "Nothing was created" in str(raised.value) or "nothing was created" in str(raised.value)
    return str(raised.value)


def test_a_change_log_at_that_is_not_a_timestamp(dump_text, tmp_path):
    data = json.loads(dump_text)
    data["change_log"][3]["at"] = "yesterday-ish"
    _refused(tmp_path, data, r"change_log\[3\] \(id \d+\): at 'yesterday-ish' is not a timestamp")


@pytest.mark.parametrize("section", SECTIONS)
def test_every_missing_section_is_refused(section, dump_text, tmp_path):
    data = json.loads(dump_text)
    del data[section]
    _refused(tmp_path, data, f"no '{section}' section")


@pytest.mark.parametrize("section", list(TABLE_DUMP_FIELDS.values()))
def test_an_id_beyond_sqlite_in_any_section(section, dump_text, tmp_path):
    data = json.loads(dump_text)
    if not data[section]:
        pytest.skip(f"the seed has no {section}")
    data[section][0]["id"] = 2**70
    _refused(tmp_path, data, rf"{section}\[0\][^:]*: id {2**70} is too large")


@pytest.mark.parametrize("section", list(TABLE_DUMP_FIELDS.values()))
def test_an_id_used_twice_in_any_section(section, dump_text, tmp_path):
    data = json.loads(dump_text)
    if len(data[section]) < 2 or "id" not in data[section][0]:
        pytest.skip(f"the seed has fewer than two {section}")
    data[section][1]["id"] = data[section][0]["id"]
    _refused(
        tmp_path, data, rf"{section}\[1\][^:]*: id \d+ is used twice in {section} \(also by {section}\[0\]\)"
    )


def _references():
    """(section, column, parent table) for every foreign key of every table in the dump."""
    store = memory_store()
    try:
        for table, section in TABLE_DUMP_FIELDS.items():
            for fk in store.query(f"PRAGMA foreign_key_list({table})"):
                yield section, fk["from"], fk["table"]
    finally:
        store.close()


REFERENCES = list(_references())


@pytest.mark.parametrize(
    ("section", "column", "parent"), REFERENCES, ids=[f"{s}.{c}" for s, c, _ in REFERENCES]
)
def test_every_broken_reference_is_named(section, column, parent, dump_text, tmp_path):
    data = json.loads(dump_text)
    if not data[section]:
        pytest.skip(f"the seed has no {section}")
    # A record that already refers somewhere: one that may not (a model rule) is refused by that rule.
    index = next((i for i, r in enumerate(data[section]) if r.get(column) is not None), 0)
    data[section][index][column] = 987654
    _refused(tmp_path, data, rf"{section}\[{index}\][^:]*: {column} 987654 points at no record")


def test_a_duplicate_code_is_named(dump_text, tmp_path):
    data = json.loads(dump_text)
    data["workstreams"][1]["code"] = data["workstreams"][0]["code"]
    _refused(tmp_path, data, r"workstreams\[1\] \(code FCR\): its code is also another record's")


def test_an_invalid_value_names_the_record_by_its_ref(dump_text, tmp_path):
    data = json.loads(dump_text)
    data["risks"][0]["inherent_likelihood"] = 9
    message = _refused(tmp_path, data, r"risks\[0\] \(ref [^)]+\): inherent likelihood")
    assert data["risks"][0]["ref"] in message


def test_json_nested_100000_deep_is_one_clear_line(tmp_path, capsys):
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    target = tmp_path / "new.db"
    assert main(["--db", str(target), "load", str(deep)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("t2025: error:") and "nested too deeply" in err and err.count("\n") == 1
    assert not target.exists()


@pytest.mark.parametrize("text", ["[]", "42", '"a dump"', "null"])
def test_json_that_is_not_an_object(text, tmp_path):
    _refused_cli = pytest.raises(ValidationError, match="not a t2025 dump")
    with _refused_cli:
        parse_json(text)


def test_the_cli_refusal_is_one_line_and_creates_nothing(dump_text, tmp_path, capsys):
    data = json.loads(dump_text)
    data["milestones"][2]["project_id"] = 424242
    source = tmp_path / "edited.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    target = tmp_path / "out" / "new.db"
    assert main(["--db", str(target), "load", str(source)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "milestones[2]" in err and "project_id 424242" in err
    assert "FOREIGN KEY constraint failed" not in err
    assert not target.exists() and not (target.parent.exists() and any(target.parent.iterdir()))


def test_a_sound_dump_still_loads_exactly(dump_text, tmp_path):
    store = load_data(parse_json(dump_text), tmp_path / "copy.db")
    try:
        assert dump_json(store) == dump_text
    finally:
        store.close()


def test_a_format_1_dump_needs_no_key_messages_section_but_every_other(dump_text, tmp_path):
    """Format 1 (before schema 3) kept key messages in the programme, so it has no such section."""
    data = json.loads(dump_text)
    data["format_version"] = 1
    del data["key_messages"]
    del data["risks"]
    _refused(tmp_path, data, "no 'risks' section")
