"""The published copy follows the live file: edits appear, damage is refused, servers share files."""

import os
import sqlite3
from pathlib import Path

from t2025tui.core.migrations import bundled_migrations
from t2025tui.core.services.milestones import set_forecast
from t2025tui.core.services.programme import update_programme
from t2025tui.core.services.risks import update_risk
from t2025tui.core.services.workstreams import set_workstream_rag
from t2025tui.core.store import create_store, open_store
from tests.publish.conftest import wait_until


def _status(server) -> dict:
    return {row["item"]: row for row in server.rows("/t2025/programme_status")}


def _worsen_vulnerability(db) -> None:
    store = open_store(db)
    try:
        version = store.scalar("SELECT version FROM workstream WHERE code = 'VUL'")
        set_workstream_rag(store, 3, "Red", "Missing module delayed", expected_version=version)
    finally:
        store.close()


def test_an_edit_saved_while_serving_appears_after_the_refresh(seeded_db_path, start_server):
    server = start_server(seeded_db_path)
    vulnerability = "Vulnerability (Prevention/Engagement & Missing)"
    assert _status(server)[vulnerability]["rag"] == "Green"
    store = open_store(seeded_db_path)  # held open as the app would be, while it saves
    try:
        version = store.scalar("SELECT version FROM workstream WHERE id = 3")
        set_workstream_rag(store, 3, "Red", "Missing module delayed", expected_version=version)
        row = wait_until(
            lambda: (s := _status(server)[vulnerability])["rag"] == "Red" and s, "the new RAG is served"
        )
        assert (row["at_last_board"], row["trend"]) == ("Green", "worse")

        milestone = store.query_one("SELECT id, version FROM milestone WHERE title LIKE 'FCR technology%'")
        set_forecast(
            store, milestone["id"], "2022-07-29", "Supplier delay", expected_version=milestone["version"]
        )
        risk = store.query_one("SELECT id, version FROM risk WHERE ref = 'T2025-R02'")
        update_risk(
            store,
            risk["id"],
            expected_version=risk["version"],
            residual_likelihood=4,
            residual_impact=4,
            inherent_likelihood=5,
            inherent_impact=4,
        )
    finally:
        store.close()
    changes = wait_until(
        lambda: [r for r in server.rows("/t2025/changes_since_last_board") if r["change"] == "Slip"],
        "the slip is listed since the last board",
    )
    assert (changes[0]["days"], changes[0]["was"], changes[0]["now"]) == (29, "2022-06-30", "2022-07-29")
    assert changes[0]["reason"] == "Supplier delay" and changes[0]["workstream"] == "Force Control Room"
    moves = [r for r in server.rows("/t2025/changes_since_last_board") if r["change"] == "RAG move"]
    assert (moves[0]["was"], moves[0]["now"], moves[0]["item"]) == ("Green", "Red", vulnerability)
    risks = wait_until(lambda: server.rows("/t2025/red_and_amber_risks"), "risks served")
    assert (risks[0]["ref"], risks[0]["band"], risks[0]["residual_score"]) == ("T2025-R02", "Red", 16)
    late = server.rows("/t2025/late_and_at_risk_milestones")
    assert late[0]["slippage_days"] == 120


def test_two_servers_on_one_file_do_not_clash(seeded_db_path, start_server):
    first = start_server(seeded_db_path)
    second = start_server(seeded_db_path)
    assert first.url != second.url
    assert first.snapshot_folders() and second.snapshot_folders()
    _worsen_vulnerability(seeded_db_path)
    for server in (first, second):
        wait_until(
            lambda s=server: _status(s)["Vulnerability (Prevention/Engagement & Missing)"]["rag"] == "Red",
            "both refresh",
        )
    first.stop()  # stopping one removes its own snapshot ...
    assert not first.snapshot_folders()
    assert second.process.poll() is None and second.snapshot_folders()  # ... and leaves the other's

    assert _status(second)["Programme (overall)"]["rag"] == "Red"


def test_a_live_file_that_becomes_damaged_is_refused_and_the_last_good_copy_served(
    seeded_db_path, start_server
):
    server = start_server(seeded_db_path)
    assert len(server.rows("/t2025/risk")) == 7
    seeded_db_path.with_name("t2025.db-wal").unlink(missing_ok=True)
    seeded_db_path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)  # replaced by a damaged file
    wait_until(lambda: "damaged" in "".join(server.stderr), "the damage is reported")
    assert "t2025: warning:" in "".join(server.stderr)
    assert "last good" in "".join(server.stderr)
    assert len(server.rows("/t2025/risk")) == 7


def test_a_live_file_replaced_by_a_newer_version_is_refused(seeded_db_path, start_server):
    server = start_server(seeded_db_path)
    conn = sqlite3.connect(seeded_db_path)
    conn.execute("PRAGMA user_version = 999")
    conn.commit()
    conn.close()
    wait_until(lambda: "newer version" in "".join(server.stderr), "the newer schema is refused")
    assert _status(server)["Force Control Room"]["rag"] == "Amber"


def test_a_live_file_replaced_by_another_copy_is_followed(seeded_db_path, tmp_path, start_server):
    server = start_server(seeded_db_path)
    assert _status(server)["Force Control Room"]["rag"] == "Amber"
    newer = tmp_path / "newer-copy.db"
    newer.write_bytes(seeded_db_path.read_bytes())
    for suffix in ("-wal", "-shm"):
        if Path(f"{seeded_db_path}{suffix}").exists():
            Path(f"{newer}{suffix}").write_bytes(Path(f"{seeded_db_path}{suffix}").read_bytes())
    _worsen_vulnerability(newer)
    conn = sqlite3.connect(newer)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    os.replace(newer, seeded_db_path)  # as a scheduled copy from the laptop would arrive
    wait_until(
        lambda: _status(server)["Vulnerability (Prevention/Engagement & Missing)"]["rag"] == "Red",
        "the replacing file is served",
    )


def test_an_older_schema_is_served_by_migrating_the_copy_never_the_live_file(tmp_path, start_server):
    old = tmp_path / "old.db"
    create_store(old, migrations=bundled_migrations()[:1]).close()
    server = start_server(old)
    assert server.url, "".join(server.stderr)
    assert server.get("/t2025/programme_status.json").status == 200
    assert server.get("/t2025/milestone_status.json").status == 200
    conn = sqlite3.connect(f"{old.resolve().as_uri()}?mode=ro", uri=True)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'workstream_figures'").fetchall()
    conn.close()


def test_a_renamed_programme_shows_in_every_pages_title_after_the_refresh(seeded_db_path, start_server):
    server = start_server(seeded_db_path)
    store = open_store(seeded_db_path)
    try:
        version = store.scalar("SELECT version FROM programme WHERE id = 1")
        update_programme(store, expected_version=version, name="T2025 <Change> Programme")
    finally:
        store.close()

    def served_page():
        text = server.get("/t2025").text
        return text if "T2025 &lt;Change&gt; Programme" in text else None

    page = wait_until(served_page, "the new name is served")
    assert "<Change>" not in page  # shown as text, never as markup
    assert "Read-only copy of T2025 &lt;Change&gt; Programme" in server.get("/t2025/risk").text


def test_a_new_marking_is_on_every_page_and_header_after_the_refresh(seeded_db_path, start_server):
    server = start_server(seeded_db_path)
    store = open_store(seeded_db_path)
    try:
        version = store.scalar("SELECT version FROM programme WHERE id = 1")
        update_programme(store, expected_version=version, marking="OFFICIAL-SENSITIVE")
    finally:
        store.close()
    wait_until(
        lambda: server.get("/t2025").headers["x-protective-marking"] == "OFFICIAL-SENSITIVE",
        "the new marking is served",
    )
    for path in ("/", "/t2025", "/t2025/risk", "/t2025/programme_status", "/no-such-page"):
        assert server.get(path).text.count('<p class="t2025-marking">OFFICIAL-SENSITIVE</p>') == 2
