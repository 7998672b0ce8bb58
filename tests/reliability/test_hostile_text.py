"""Item 7: hostile text, through services, dump/load, export, import and the screen.

The rule under test (independent of the code that implements it): text is either refused with
a clear ValidationError naming the field, or stored exactly as typed minus control characters
(CR becomes LF; single-line fields join lines with a space), in Unicode NFC. From there it
survives dump/load unchanged, is exported as literal text (never a formula or an error cell),
imports back as the same text, and never reaches a terminal as a raw escape sequence.
"""

import json
import re
import sqlite3
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from t2025tui.core.errors import ValidationError
from t2025tui.core.services.risks import create_risk
from t2025tui.core.services.workstreams import add_note, set_commentary, update_workstream
from t2025tui.core.store import open_store
from tests.reliability.conftest import assert_clean_failure, digest, needs_app, run_t2025

CORPUS = [
    "👩‍👩‍👧‍👦 family 🏳️‍🌈 flag 👍🏽",
    "مرحبا بالعالم — עברית mixed with English",
    "invoice\u202egnp.exe\u202c right-to-left override",
    "zero\u200bwidth\u200cjoin\u200dand\ufeffBOM",
    "lone \ud800 surrogate",
    "tail surrogate \udfff",
    "NUL\x00inside",
    "ESC \x1b[31mred\x1b[0m and \x1b]0;PWNED\x07 title",
    "bell\x07 backspace\x08 form\x0cfeed vertical\x0btab",
    "C1 \x85 next line \x9b CSI",
    "line\u2028separator and paragraph\u2029separator",
    "[/]",
    "[bold]bold[/bold] [red]red[/]",
    "[link=https://example.org]click[/link] [@click=app.quit]quit[/]",
    "=1+1",
    '=HYPERLINK("http://evil.example","click")',
    "+44 1642 301234",
    "-2 days",
    "@SUM(A1:A9)",
    "\t=tab first",
    "\r=carriage return first",
    "#N/A",
    "#DIV/0!",
    "TRUE",
    "007",
    "1e5",
    "2022-03-15",
    "'quoted",
    "Robert'); DROP TABLE note;--",
    "%s %d {0} {name} $(whoami) `id`",
    "<script>alert(1)</script> &amp; <![CDATA[x]]>",
    "e\u0301 decomposed (NFD)",
    "x" * 100_000,
    "y" * 32_000,
    " ",
    "",
]
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def expected_stored(value: str, *, single_line: bool) -> str:
    """What the rule says is stored: controls removed, CR -> LF, NFC."""
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    text = CONTROL.sub("", text)
    if single_line:
        text = text.replace("\n", " ")
    return unicodedata.normalize("NFC", text)


def _has_surrogate(value: str) -> bool:
    return any(0xD800 <= ord(ch) <= 0xDFFF for ch in value)


def _try(action) -> ValidationError | None:
    try:
        action()
    except ValidationError as exc:
        return exc
    return None


def check_long_text(store, value: str) -> None:
    """Commentary (multi-line, up to 32,000 characters): refused clearly, or stored by the rule."""
    version = store.scalar("SELECT version FROM workstream WHERE id = 1")
    error = _try(lambda: set_commentary(store, 1, value, expected_version=version))
    expected = expected_stored(value, single_line=False)
    if error is not None:
        assert error.field == "commentary", error
        assert "\n" not in str(error) and str(error).startswith("commentary")
        assert _has_surrogate(value) or len(expected) > 32_000, f"refused a valid text: {error}"
        return
    assert not _has_surrogate(value) and len(expected) <= 32_000
    assert store.scalar("SELECT commentary FROM workstream WHERE id = 1") == expected


def check_short_text(store, value: str) -> None:
    """Workstream name (one line, required, up to 500 characters)."""
    version = store.scalar("SELECT version FROM workstream WHERE id = 2")
    error = _try(lambda: update_workstream(store, 2, name=value, expected_version=version))
    expected = expected_stored(value, single_line=True)
    if error is not None:
        assert error.field == "name", error
        assert _has_surrogate(value) or len(expected) > 500 or not expected.strip(), f"refused: {error}"
        return
    assert store.scalar("SELECT name FROM workstream WHERE id = 2") == expected


@pytest.mark.parametrize("value", CORPUS, ids=range(len(CORPUS)))
def test_corpus_through_services(value, store):
    check_long_text(store, value)
    check_short_text(store, value)
    note_error = _try(lambda: add_note(store, 3, value))
    if note_error is None:
        stored = store.scalar("SELECT text FROM note ORDER BY id DESC LIMIT 1")
        assert stored == expected_stored(value, single_line=False)
    else:
        assert note_error.field == "text"


# Every code point, surrogates included; short and long strings; bias to nasty characters.
NASTY = st.sampled_from(
    [
        "\x00",
        "\x1b",
        "\x07",
        "\r",
        "\n",
        "\t",
        "\u202e",
        "\u200d",
        "\ud800",
        "[",
        "]",
        "/",
        "=",
        "+",
        "-",
        "@",
        "#",
        "\x85",
        "\u0301",
        "e",
    ]
)
ANY_CHAR = st.characters(codec=None, exclude_categories=())
HOSTILE = st.text(st.one_of(ANY_CHAR, NASTY), max_size=60) | st.text(NASTY, min_size=1, max_size=30)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=HOSTILE)
def test_hypothesis_text_through_services(value, store):
    check_long_text(store, value)
    check_short_text(store, value)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.text(st.one_of(ANY_CHAR, NASTY), min_size=1, max_size=40))
def test_hypothesis_text_as_a_risk(value, store):
    """Risk ref and title are single-line; the ref is also unique. Refused or stored by the rule."""
    count = store.scalar("SELECT count(*) FROM risk")
    try:
        risk_id = create_risk(store, ref=f"H{count}-{value}", title=value)
    except ValidationError as exc:
        expected = expected_stored(value, single_line=True)
        assert exc.field in ("ref", "title") or "invalid character" in str(exc), exc
        assert _has_surrogate(value) or not expected.strip() or len(f"H{count}-") + len(expected) > 40
        return
    row = store.query_one("SELECT ref, title FROM risk WHERE id = ?", (risk_id,))
    assert row["title"] == expected_stored(value, single_line=True)


def _load_hostile(store) -> list[str]:
    """Put every storable corpus string into notes and risk causes; return what was stored."""
    stored = []
    for n, value in enumerate(CORPUS):
        if _has_surrogate(value) or not value.strip() or len(value) > 32_000:
            continue
        add_note(store, 1 + n % 5, value)
        create_risk(
            store,
            ref=f"HOSTILE-{n}",
            title=f"Hostile {n}",
            cause=value,
            owner=value[:500] if "\n" not in value else "owner",
        )
        stored.append(expected_stored(value, single_line=False))
    version = store.scalar("SELECT version FROM workstream WHERE id = 1")
    set_commentary(store, 1, "=1+1", expected_version=version)
    return stored


def test_dump_then_load_is_exact(store, tmp_path):
    _load_hostile(store)
    store.close()
    db = store.path
    first = tmp_path / "first.json"
    assert run_t2025("--db", db, "dump", "--out", first).returncode == 0
    copy = tmp_path / "copy" / "t2025.db"
    loaded = run_t2025("--db", copy, "load", first)
    assert loaded.returncode == 0, loaded.stderr
    second = tmp_path / "second.json"
    assert run_t2025("--db", copy, "dump", "--out", second).returncode == 0
    assert json.loads(first.read_text("utf-8")) == json.loads(second.read_text("utf-8"))


def test_export_writes_hostile_text_as_literal_text(store, tmp_path):
    stored = _load_hostile(store)
    store.close()
    pack = tmp_path / "pack.xlsx"
    result = run_t2025("--db", store.path, "export", "--out", pack)
    assert result.returncode == 0, result.stderr

    workbook = load_workbook(pack)
    text_cells = {}
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    assert sheet.title == "Finance", (
                        f"formula outside the finance sheet: {sheet.title}!{cell.coordinate}"
                    )
                    assert not str(cell.value).startswith(("=1+1", "=HYPERLINK", "=SUM(A1")), cell.value
                assert cell.data_type != "e", f"error cell at {sheet.title}!{cell.coordinate}: {cell.value}"
                if isinstance(cell.value, str):
                    text_cells.setdefault(cell.value, cell)
    for value in [
        "=1+1",
        '=HYPERLINK("http://evil.example","click")',
        "@SUM(A1:A9)",
        "#N/A",
        "+44 1642 301234",
        "-2 days",
        "007",
        "TRUE",
        "2022-03-15",
        "[/]",
        "y" * 32_000,
    ]:
        assert value in text_cells, f"{value[:40]!r} is not in the pack as literal text"
        assert text_cells[value].data_type == "s"
    assert text_cells["=1+1"].quotePrefix, "formula-looking text must keep its quote prefix"
    for value in stored:
        if len(value) <= 32_000 and not value.startswith(" "):
            assert CONTROL.sub("", value) in text_cells, f"{value[:40]!r} did not reach the pack exactly"


def test_import_of_hostile_risk_log_stores_text_exactly(store, tmp_path):
    """A CSV risk log full of hostile text: each row imported as the rule says, or clearly refused."""
    store.close()
    # Lone surrogates cannot be encoded in a UTF-8 file; a NUL marks a binary file (tested below).
    values = [v for v in CORPUS if len(v) < 2000 and not _has_surrogate(v) and "\x00" not in v]
    lines = ["Ref,Title,Cause,Owner"]
    for n, value in enumerate(values):
        lines.append(
            ",".join(
                [
                    '"' + part.replace('"', '""') + '"'
                    for part in (f"IMP-{n}", f"Imported {n}", value, "Risk owner")
                ]
            )
        )
    source = tmp_path / "risk log.csv"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_t2025("--db", store.path, "import", "risks", source, "--skip-invalid")
    assert "Traceback" not in result.stderr + result.stdout
    assert result.returncode == 0, result.stdout + result.stderr
    conn = sqlite3.connect(store.path)
    try:
        imported = dict(conn.execute("SELECT ref, cause FROM risk WHERE ref LIKE 'IMP-%'").fetchall())
    finally:
        conn.close()
    for n, value in enumerate(values):
        if f"IMP-{n}" in imported:
            assert imported[f"IMP-{n}"] == expected_stored(value, single_line=False).strip() or imported[
                f"IMP-{n}"
            ] == expected_stored(value, single_line=False), (value, imported[f"IMP-{n}"])
    assert len(imported) >= len(values) // 2, f"only {len(imported)} of {len(values)} rows imported"


def test_import_of_a_csv_with_nul_bytes_is_refused_cleanly(seeded_db_path, tmp_path):
    source = tmp_path / "risks.csv"
    source.write_bytes(b"Ref,Title\nR1,NUL\x00inside\n")
    before = digest(seeded_db_path)
    result = run_t2025("--db", seeded_db_path, "import", "risks", source)
    assert_clean_failure(result, expect="risks.csv")
    assert digest(seeded_db_path) == before


def _poison_database(db) -> None:
    """Write raw escapes straight into the file, as another tool might: the app must not pass them on."""
    conn = sqlite3.connect(db)
    conn.execute(
        "UPDATE workstream SET name = ?, commentary = ? WHERE id = 1",
        ("Force \x1b]0;PWNED\x07Control \x1b[31mRoom", "[bold]x[/] \x1b[2J cleared"),
    )
    conn.execute("UPDATE programme SET name = ? WHERE id = 1", ("T2025 \x1b[5mblink\x1b[0m [/]",))
    batch = conn.execute(
        "INSERT INTO change_batch (at, action, summary, reason) VALUES "
        "('2022-03-16T09:00:00+00:00', 'edit', 'Edit \x1b[5mblink\x1b[0m', '\x1b]0;PWNED\x07')"
    ).lastrowid
    conn.execute(
        "INSERT INTO change_log (batch_id, at, entity, entity_id, entity_label, action, field, old, new, reason)"
        " VALUES (?, '2022-03-16T09:00:00+00:00', 'workstream', 1, 'HISTROW \x1b[2J x', 'update',"
        " 'commentary', ?, ?, '[/] \x1b]0;PWNED\x07')",
        (batch, json.dumps("old \x1b[5mblink"), json.dumps("new \x1b[2J cleared")),
    )
    conn.commit()
    conn.close()


@pytest.mark.parametrize("command", ["summary", "history", "check"])
def test_cli_output_never_carries_raw_escapes(command, seeded_db_path):
    _poison_database(seeded_db_path)
    result = run_t2025("--db", seeded_db_path, command)
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout


@needs_app
def test_app_never_sends_stored_escapes_to_the_terminal(seeded_db_path):
    from tests.reliability.pty_app import PtyApp

    _poison_database(seeded_db_path)
    with PtyApp(seeded_db_path) as app:
        app.wait_for(lambda: b"Control" in app.output, 30, "the dashboard")
        app.pump(1.0)
        app.type("8")  # the history screen shows the change log, poisoned rows included
        app.pump(1.5)
        app.type("1")
        app.pump(0.5)
        code = app.quit()
    output = bytes(app.output)
    assert b"HISTROW" in output, "the history screen did not show the poisoned change-log row"
    assert b"PWNED" not in output or b"\x1b]0;PWNED" not in output, (
        "a stored OSC title sequence reached the terminal"
    )
    assert b"\x1b[2J cleared" not in output and b"\x1b[5mblink" not in output and b"\x1b[2J x" not in output
    assert b"Traceback" not in output and b"MarkupError" not in output
    assert code == 0


def test_hostile_text_survives_export_then_import_of_the_pack_unchanged(store, tmp_path):
    """The pack, returned untouched by the leads, must import as "nothing changed": each hostile
    commentary and reason went out as literal text and comes back as exactly the same text."""
    storable = [v for v in CORPUS if not _has_surrogate(v) and v.strip() and len(v) <= 32_000]
    store.close()
    for start in range(0, len(storable), 5):
        chunk = storable[start : start + 5]
        opened = open_store(store.path)
        try:
            for offset, value in enumerate(chunk):
                ws = 1 + offset
                version = opened.scalar("SELECT version FROM workstream WHERE id = ?", (ws,))
                set_commentary(opened, ws, value, expected_version=version)
        finally:
            opened.close()
        pack = tmp_path / f"pack{start}.xlsx"
        exported = run_t2025("--db", store.path, "export", "--out", pack)
        assert exported.returncode == 0, exported.stderr
        back = run_t2025("--db", store.path, "import", "updates", pack, "--dry-run")
        assert "Traceback" not in back.stdout + back.stderr
        summary = [line for line in back.stdout.splitlines() if " to change, " in line]
        assert summary and " 0 to change, " in summary[0] and " 0 invalid" in summary[0], (
            f"{[v[:30] for v in chunk]} did not come back unchanged:\n{back.stdout[-1500:]}"
        )


def test_import_of_hostile_xlsx_risk_log_keeps_formula_looking_text_literal(store, tmp_path):
    from openpyxl import Workbook

    store.close()
    values = [v for v in CORPUS if len(v) < 2000 and not _has_surrogate(v) and v.strip()]
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Risk Log"
    sheet.append(["Ref", "Title", "Cause", "Owner"])
    for n, value in enumerate(values, start=2):
        sheet.cell(row=n, column=1, value=f"XL-{n}")
        sheet.cell(row=n, column=2, value=f"Imported {n}")
        cause = sheet.cell(row=n, column=3)
        cause.value = CONTROL.sub("", value)  # openpyxl itself refuses control characters
        cause.data_type = "s"  # text, even when it starts with "=" (what Excel stores for '=1+1)
        sheet.cell(row=n, column=4, value="Risk owner")
    source = tmp_path / "risk log.xlsx"
    workbook.save(source)

    result = run_t2025("--db", store.path, "import", "risks", source)
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr
    conn = sqlite3.connect(store.path)
    try:
        imported = dict(conn.execute("SELECT ref, cause FROM risk WHERE ref LIKE 'XL-%'").fetchall())
    finally:
        conn.close()
    assert len(imported) == len(values)
    for n, value in enumerate(values, start=2):
        expected = expected_stored(CONTROL.sub("", value), single_line=False)
        assert imported[f"XL-{n}"] in (expected, expected.strip()), (value[:40], imported[f"XL-{n}"][:40])
    assert imported[f"XL-{2 + values.index('=1+1')}"] == "=1+1"
    assert imported[f"XL-{2 + values.index('#N/A')}"] == "#N/A"


@pytest.mark.parametrize(
    "args",
    [
        ["--db", "{tmp}/new\nline\x1b]0;PWNED\x07.db", "summary"],
        ["--db", "{db}", "import", "risks", "{tmp}/risk\x1b[2Jlog\n.csv"],
        ["--db", "{db}", "export", "--out", "{tmp}/no such\x1b[31m/pack.xlsx"],
    ],
)
def test_error_lines_stay_one_line_without_escapes_whatever_the_path(args, seeded_db_path, tmp_path):
    """File names are text from outside too: an error naming one is still one clean line."""
    argv = [a.replace("{tmp}", str(tmp_path)).replace("{db}", str(seeded_db_path)) for a in args]
    result = run_t2025(*argv)
    line = assert_clean_failure(result)
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr, line
