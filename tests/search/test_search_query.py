"""The search query: finds records by any of their words and by the reasons of their changes,
ranked and explained; any text a user types is safe; the index follows every edit and undo."""

import pytest

from t2025tui.core.queries.search import KINDS, search, words_expression
from t2025tui.core.search_index import INDEXED
from t2025tui.core.services import milestones, risks
from t2025tui.core.services.undo import undo


def ws_id(store, code):
    return store.scalar("SELECT id FROM workstream WHERE code = ?", (code,))


def found(store, text, **kw):
    return [(hit.kind, hit.id) for hit in search(store, text, **kw)]


def new_milestone(store, title="Xylophone rehearsal", **fields):
    return milestones.create_milestone(store, workstream_id=ws_id(store, "FCR"), title=title, **fields)


def test_every_seeded_record_is_found_by_its_title_words(store):
    for kind, sql in (
        ("workstream", "SELECT id, name FROM workstream"),
        ("milestone", "SELECT id, title FROM milestone"),
        ("risk", "SELECT id, title FROM risk"),
        ("project", "SELECT id, name FROM project"),
    ):
        for row_id, title in store.conn.execute(sql).fetchall():
            assert (kind, row_id) in found(store, title, limit=500), (kind, title)


def test_a_title_match_is_ranked_above_a_match_in_the_notes(store):
    in_title = new_milestone(store, "Quokka census")
    in_notes = new_milestone(store, "Something else", notes="mentions a quokka once among many other words")
    assert found(store, "quokka")[:2] == [("milestone", in_title), ("milestone", in_notes)]


def test_a_word_in_a_change_reason_finds_the_record_changed(store):
    milestone_id = new_milestone(store, "Go live")
    version = store.scalar("SELECT version FROM milestone WHERE id = ?", (milestone_id,))
    milestones.set_forecast(
        store, milestone_id, "2030-01-31", "Zanzibar supplier insolvency", expected_version=version
    )
    # set_forecast keeps the reason on the milestone too; a later change moves it off there
    version = store.scalar("SELECT version FROM milestone WHERE id = ?", (milestone_id,))
    milestones.set_forecast(store, milestone_id, "2030-02-28", "Another month", expected_version=version)
    hits = search(store, "zanzibar")
    assert [(h.kind, h.id) for h in hits] == [("milestone", milestone_id)]
    assert hits[0].found_in.startswith("change reason, ")
    assert hits[0].title == "Go live"
    assert hits[0].snippet[slice(*hits[0].marks[0])] == "Zanzibar"


def test_a_hit_says_where_the_word_was_found_and_marks_it(store):
    risk_id = risks.create_risk(store, ref="R900", title="Loss of staff", cause="The wombat migration season")
    (hit,) = search(store, "wombat")
    assert (hit.kind, hit.id, hit.ref, hit.found_in) == ("risk", risk_id, "R900", "cause")
    assert hit.marked_snippet == "The [wombat] migration season"


def test_words_match_as_prefixes_and_without_accents(store):
    milestone_id = new_milestone(store, "Résumé of procurement")
    assert ("milestone", milestone_id) in found(store, "procur")
    assert ("milestone", milestone_id) in found(store, "resume")


def test_a_ref_with_a_hyphen_finds_that_record_first(store):
    ref, milestone_id = store.conn.execute("SELECT ref, id FROM milestone ORDER BY id LIMIT 1").fetchone()
    assert found(store, ref)[0] == ("milestone", milestone_id)


def test_kinds_and_limit_narrow_the_results(store):
    for n in range(5):
        new_milestone(store, f"Platypus {n}")
    risks.create_risk(store, ref="R901", title="Platypus risk")
    assert {kind for kind, _ in found(store, "platypus")} == {"milestone", "risk"}
    assert {kind for kind, _ in found(store, "platypus", kinds=("risk",))} == {"risk"}
    assert len(found(store, "platypus", limit=3)) == 3


@pytest.mark.parametrize(
    "text",
    [
        '"',
        '"unbalanced quote',
        "(((",
        "(FCR",
        "FCR)",
        "*",
        "**",
        "-",
        "--x",
        "AND",
        "OR OR",
        "NOT",
        "a AND",
        "NEAR(",
        "title:",
        "nosuchcolumn:word",
        ":",
        "^",
        "{ref}: x",
        "+",
        "\x00\x1b[31m",
        "\ud800 lone surrogate",
        "'; DROP TABLE milestone; --",
        "x" * 5000,
        "",
        "   ",
        "🙂",
    ],
)
def test_hostile_text_never_raises(store, text):
    hits = search(store, text)
    assert isinstance(hits, list)
    assert store.scalar("SELECT COUNT(*) FROM milestone") > 0


def test_text_of_bad_syntax_searches_its_words(store):
    milestone_id = new_milestone(store, "Narwhal tagging")
    for text in (
        '"narwhal',
        "(narwhal",
        "narwhal)",
        "narwhal AND",
        "NOT narwhal tagging",
        "narwhal -",
        "*narwhal",
    ):
        assert ("milestone", milestone_id) in found(store, text), text


def test_query_syntax_works_where_it_parses(store):
    a = new_milestone(store, "Kestrel nesting")
    b = new_milestone(store, "Osprey nesting")
    assert set(found(store, "kestrel OR osprey")) >= {("milestone", a), ("milestone", b)}
    assert ("milestone", b) not in found(store, "nesting NOT osprey")
    assert found(store, '"kestrel nesting"') == [("milestone", a)]


def test_the_words_expression_quotes_every_part():
    assert words_expression('FCR-M03 "x') == '"FCR-M03"* """x"*'
    assert words_expression("r") == '"r"'  # one letter alone: that word, not every word in r
    assert words_expression("supplier d") == '"supplier"* "d"*'  # the word being typed
    assert words_expression("* - ()") is None


def test_the_index_follows_create_edit_remove_and_undo(store):
    milestone_id = new_milestone(store, "Albatross launch")
    assert found(store, "albatross") == [("milestone", milestone_id)]
    version = store.scalar("SELECT version FROM milestone WHERE id = ?", (milestone_id,))
    milestones.update_milestone(store, milestone_id, title="Pelican launch", expected_version=version)
    assert found(store, "albatross") == []
    assert found(store, "pelican") == [("milestone", milestone_id)]
    undo(store)  # the edit
    assert found(store, "albatross") == [("milestone", milestone_id)]
    assert found(store, "pelican") == []
    version = store.scalar("SELECT version FROM milestone WHERE id = ?", (milestone_id,))
    milestones.remove_milestone(
        store, milestone_id, "Cancelled by the cormorant board", expected_version=version
    )
    assert found(store, "albatross") == []
    (removed,) = search(store, "cormorant")  # the removal's reason still finds what was removed
    assert (removed.kind, removed.id, removed.exists) == ("milestone", milestone_id, False)
    assert "Albatross launch" in removed.title
    undo(store)  # the removal
    assert ("milestone", milestone_id) in found(store, "albatross")
    # A change of dates only leaves the index alone (its trigger watches the indexed columns).
    version = store.scalar("SELECT version FROM milestone WHERE id = ?", (milestone_id,))
    milestones.update_milestone(store, milestone_id, tolerance_days=30, expected_version=version)
    assert ("milestone", milestone_id) in found(store, "albatross")
    for indexed in INDEXED:
        store.conn.execute(f"INSERT INTO {indexed.fts}({indexed.fts}, rank) VALUES ('integrity-check', 1)")


def test_every_kind_is_searchable(store):
    assert set(KINDS) == {
        "workstream",
        "project",
        "milestone",
        "risk",
        "issue",
        "action",
        "decision",
        "lesson",
        "recommendation",
        "note",
    }
