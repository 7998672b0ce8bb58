"""--as-of rebuilds the programme as it stood; --since frames what the period lists. Edits are
made through the services, as the app and the CLI make them."""

from datetime import date, timedelta

import pytest

from t2025tui.core.export import ExportError
from t2025tui.core.report import export_report
from t2025tui.core.services import milestones, workstreams
from t2025tui.core.services.report_text import report_texts, set_report_text

from .conftest import AS_OF
from .reading import all_text, document, flat, section_paragraphs

TODAY = date.today()
UPDATES = "5. Workstream updates"


def _milestone(store, title_start: str) -> dict:
    return store.query_one("SELECT * FROM milestone WHERE title LIKE ?", (title_start + "%",))


def _workstream(store, code: str) -> dict:
    return store.query_one("SELECT * FROM workstream WHERE code = ?", (code,))


@pytest.fixture
def edited(store):
    """Today: FCR worsens to Red, the Niche module is done, Specialist Operations slips a month,
    the purpose is reworded and a note is added to Integrated Offender Management."""
    fcr = _workstream(store, "FCR")
    workstreams.set_workstream_rag(
        store, fcr["id"], "Red", "Supplier failed to deliver", expected_version=fcr["version"]
    )
    niche = _milestone(store, "Niche")
    milestones.mark_done(store, niche["id"], TODAY - timedelta(days=1), expected_version=niche["version"])
    specops = _milestone(store, "Specialist Operations")
    milestones.shift_forecast(
        store, specops["id"], 30, "Vetting backlog", expected_version=specops["version"]
    )
    purpose = next(r for r in report_texts(store) if r["section"] == "purpose")
    set_report_text(store, "purpose", "A reworded purpose.", expected_version=purpose["version"])
    workstreams.add_note(store, _workstream(store, "IOM")["id"], "Tasking roll-out agreed")
    return store


def test_as_of_the_board_shows_the_programme_before_later_edits(edited, tmp_path):
    out = tmp_path / "march.docx"
    result = export_report(edited, out, as_of=AS_OF)
    assert result.time_travelled
    text = flat("\n".join(section_paragraphs(out, UPDATES)))
    assert "The workstream is reporting Amber status: Slippage in implementing" in text
    assert "Niche 'Missing' module implemented: due 30 April 2022" in text
    assert "Specialist Operations de-collaboration finalised: due 31 May 2022" in text
    assert "Vetting backlog" not in text and "Tasking roll-out agreed" not in text
    assert section_paragraphs(out, "1. Purpose")[0].endswith(
        "Cleveland Police Service Improvement Programme."
    )


def test_a_report_today_lists_what_moved_in_the_period(edited, tmp_path):
    out = tmp_path / "today.docx"
    export_report(edited, out, as_of=TODAY, since=TODAY - timedelta(days=30))
    text = flat("\n".join(section_paragraphs(out, UPDATES)))
    assert "The workstream is reporting Red status: Supplier failed to deliver" in text
    assert "DCC Red Amber (changed)" in all_text(out)
    assert f"Niche 'Missing' module implemented: completed {_long(TODAY - timedelta(days=1))}" in text
    assert (
        "Specialist Operations de-collaboration finalised: planned for 31 May 2022, now forecast 30 June 2022 "
        "(30 days later). Why: Vetting backlog"
    ) in text
    assert f"{_long(TODAY)}: Tasking roll-out agreed" in text
    background = flat("\n".join(section_paragraphs(out, "3. Background")))
    assert (
        "1 milestone completed, 1 milestone forecast was moved later, RAG changed for Force Control Room from Amber to Red"
        in background
    )
    assert section_paragraphs(out, "1. Purpose") == ["1.1\tA reworded purpose."]


def test_since_after_the_edits_leaves_them_out_of_the_period(edited, tmp_path):
    out = tmp_path / "later.docx"
    export_report(edited, out, as_of=TODAY, since=TODAY)
    text = flat("\n".join(section_paragraphs(out, UPDATES)))
    assert "Completed in the period" not in text
    assert "Tasking roll-out agreed" not in text
    assert "Vetting backlog" not in text
    assert "DCC Red Red (unchanged)" in all_text(out)  # FCR's RAG at the start of the period is today's


def test_since_after_as_of_is_refused_and_writes_nothing(store, tmp_path):
    out = tmp_path / "r.docx"
    with pytest.raises(ExportError, match="--since 2022-04-01 is after --as-of 2022-03-15"):
        export_report(store, out, as_of=AS_OF, since=date(2022, 4, 1))
    assert not out.exists()


def test_ten_thousand_milestones_list_only_the_period(store, tmp_path):
    """Only milestones completed, due or slipped in the period reach the report."""
    fcr = _workstream(store, "FCR")["id"]
    with store.write() as conn:
        conn.executemany(
            "INSERT INTO milestone (workstream_id, title, baseline_date, forecast_date, actual_date) VALUES (?, ?, ?, ?, ?)",
            [
                (fcr, f"Far future {n}", "2030-01-01", "2030-01-01", None)
                if n % 2
                else (fcr, f"Long done {n}", "2019-01-01", "2019-01-01", "2019-01-01")
                for n in range(10_000)
            ],
        )
    out = tmp_path / "big.docx"
    export_report(store, out, as_of=AS_OF)
    text = flat("\n".join(section_paragraphs(out, UPDATES)))
    assert "Far future" not in text and "Long done" not in text
    assert "FCR technology requirements implemented: planned for 31 March 2022" in text


def _long(day: date) -> str:
    return f"{day.day} {day.strftime('%B %Y')}"


def test_long_lists_show_the_worst_and_count_the_rest(store, tmp_path):
    fcr = _workstream(store, "FCR")["id"]
    with store.write() as conn:
        conn.executemany(
            "INSERT INTO milestone (workstream_id, title, baseline_date, forecast_date) VALUES (?, ?, ?, ?)",
            [
                (fcr, f"Slipped {n}", "2022-04-01", f"2022-{5 + n // 28:02d}-{1 + n % 28:02d}")
                for n in range(30)
            ],
        )
        conn.executemany(
            "INSERT INTO risk (ref, title, inherent_likelihood, inherent_impact) VALUES (?, ?, ?, ?)",
            [(f"X-{n:02d}", f"Extra risk {n}", 1 + n % 5, 1 + n // 10 % 5) for n in range(50)],
        )
    out = tmp_path / "long.docx"
    export_report(store, out, as_of=AS_OF)
    text = flat(all_text(out))
    assert "Slipped (31):" in text  # the 30 added and the technology requirements
    assert "Slipped 29: planned for 1 April 2022, now forecast 2 June 2022" in text  # the longest slip shown
    assert "Slipped 0:" not in text  # the shortest, counted only
    assert "and 19 more; every milestone is listed in the Futures Board pack." in text
    assert "The 40 highest scored of the 57 open risks" in text
    assert "T2025-R01" not in text  # unscored, so after the 40 scored


def test_the_marking_setting_heads_every_page_and_as_of_shows_the_earlier_one(store, tmp_path):
    from t2025tui.core.services.programme import get_programme, update_programme

    version = get_programme(store)["version"]
    update_programme(store, expected_version=version, marking="OFFICIAL-SENSITIVE")
    today, march = tmp_path / "today.docx", tmp_path / "march.docx"
    export_report(store, today)
    export_report(store, march, as_of=AS_OF)
    for out, marking in ((today, "OFFICIAL-SENSITIVE"), (march, "OFFICIAL")):
        for section in document(out).sections:
            assert section.header.paragraphs[0].text == marking
            assert section.footer.paragraphs[-1].text.startswith(marking)
        assert f"Protective marking {marking}" in all_text(out)
