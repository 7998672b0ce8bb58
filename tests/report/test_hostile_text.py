"""Text from the database goes into the document literally: no field codes, no hyperlinks, no
markup, control characters removed; very long text is kept whole and wraps in place."""

import pytest

from t2025tui.core.report import export_report
from t2025tui.core.services import workstreams
from t2025tui.core.services.report_text import set_report_text

from .conftest import AS_OF
from .reading import all_text, document, flat, no_fields_or_links

HOSTILE = [
    '=HYPERLINK("http://evil.example/x","click")',
    "{ PAGE }",
    '{ INCLUDETEXT "C:\\\\secrets.txt" }',
    "https://evil.example/phish",
    "mailto:someone@example.org",
    '<w:fldSimple w:instr="PAGE"/></w:t></w:r><w:hyperlink r:id="rId1">',
    "]]><!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>&e;",
    "[/] [bold]markup[/bold]",
    "@SUM(1+1)",
]
CONTROL = "bell\x07 escape\x1b[31m vertical\x0b form\x0c nul\x00 del\x7f c1\x85 end"


def _fcr(store):
    return store.query_one("SELECT * FROM workstream WHERE code = 'FCR'")


def _assert_no_fields_or_links(out):
    assert no_fields_or_links(out)


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_commentary_is_printed_literally(store, tmp_path, text):
    fcr = _fcr(store)
    workstreams.set_commentary(store, fcr["id"], text, expected_version=fcr["version"])
    out = tmp_path / "r.docx"
    export_report(store, out)
    assert text in flat(all_text(out))
    _assert_no_fields_or_links(out)


@pytest.mark.parametrize("section", ["purpose", "title", "report_of", "implications_risk"])
def test_hostile_report_text_is_printed_literally(store, tmp_path, section):
    current = store.query_one("SELECT version FROM report_text WHERE section = ?", (section,))
    body = " ".join(HOSTILE)
    set_report_text(store, section, body, expected_version=current["version"])
    out = tmp_path / "r.docx"
    export_report(store, out)
    assert body in flat(all_text(out))
    _assert_no_fields_or_links(out)


def test_control_characters_that_reached_the_file_are_removed(store, tmp_path):
    """Written by another program (the services would have cleaned it): the report still opens."""
    with store.write() as conn:
        conn.execute(
            "UPDATE workstream SET commentary = ?, name = ? WHERE code = 'FCR'", (CONTROL, "FCR\x1b]0;x\x07")
        )
        conn.execute(
            "UPDATE report_text SET body = ? WHERE section = 'purpose'",
            ("Purpose \ufffe\uffff with non-characters",),
        )
    out = tmp_path / "r.docx"
    export_report(store, out)
    text = all_text(out)
    assert "bell escape[31m vertical form nul del c1 end" in text
    assert "FCR]0;x" in text
    assert "Purpose with non-characters" in text
    for char in "\x07\x1b\x0b\x0c\x00\x7f\x85":
        assert char not in text


def test_a_very_long_commentary_is_kept_whole_and_wraps(store, tmp_path):
    fcr = _fcr(store)
    long = " ".join(f"word{n}" for n in range(3_000)) + " " + "x" * 3_000  # also one unbroken run
    workstreams.set_commentary(store, fcr["id"], long, expected_version=fcr["version"])
    out = tmp_path / "r.docx"
    export_report(store, out, as_of=None)
    paragraphs = [p for p in document(out).paragraphs if "word2999" in p.text]
    assert len(paragraphs) == 1 and paragraphs[0].text.endswith("x" * 3_000)
    # A body paragraph, not a table cell that would widen: Word and LibreOffice wrap it.
    assert paragraphs[0].style.name == "Normal"
    # Tables have fixed column widths, so long cell text wraps inside its column.
    for table in document(out).tables:
        assert all(column.width for column in table.columns)


def test_hostile_risk_and_project_names_in_tables(store, tmp_path):
    with store.write() as conn:
        conn.execute("UPDATE risk SET title = ? WHERE ref = 'T2025-R01'", (HOSTILE[0],))
        conn.execute("UPDATE project SET name = ? WHERE name = 'SharePoint'", (HOSTILE[3],))
    out = tmp_path / "r.docx"
    export_report(store, out, as_of=AS_OF)
    text = all_text(out)
    assert HOSTILE[0] in text and HOSTILE[3] in text
    _assert_no_fields_or_links(out)
