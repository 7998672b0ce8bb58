"""The pack printed: readable text, a footer on the page, the marking on every page, and a
bounded number of pages however large the programme."""

import pytest

from t2025tui.core.export import export_pack
from tests.export.printing import (
    HAVE_SOFFICE,
    estimated_text_points,
    open_pack,
    pdf_pages,
    render_pdf,
    smallest_text_points,
)


def _many_milestones(store, count: int) -> None:
    fcr = store.scalar("SELECT id FROM workstream WHERE code = 'FCR'")
    with store.write() as conn:
        conn.executemany(
            "INSERT INTO milestone (workstream_id, title, owner, baseline_date, forecast_date)"
            " VALUES (?, ?, 'DCC', '2022-01-01', ?)",
            [
                (fcr, f"Generated milestone {n}", "2022-02-01" if n % 3 else "2022-06-01")
                for n in range(count)
            ],
        )


def test_margins_leave_room_for_the_footer_and_header(pack_path):
    for ws in open_pack(pack_path).worksheets:
        margins = ws.page_margins
        assert margins.bottom - margins.footer >= 0.3, ws.title
        assert margins.top - margins.header >= 0.3, ws.title
        assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text, ws.title


def test_protective_marking_heads_every_page(pack_path):
    for ws in open_pack(pack_path).worksheets:
        assert "OFFICIAL" in ws.oddHeader.center.text, ws.title
        assert "OFFICIAL" in ws.oddFooter.left.text, ws.title


def test_print_settings_keep_text_at_8_points_or_more(pack_path):
    for ws in open_pack(pack_path).worksheets:
        assert estimated_text_points(ws) >= 8, ws.title


def test_a_long_register_prints_only_its_first_page_and_says_where_the_rest_is(store, tmp_path):
    _many_milestones(store, 600)
    out = tmp_path / "pack.xlsx"
    export_pack(store, out)
    ws = open_pack(out)["Milestones"]
    area = ws.print_area[0] if isinstance(ws.print_area, list) else ws.print_area
    last_row = int(area.rsplit("$", 1)[-1])
    assert 20 < last_row < 60  # one page of rows, not 600
    note = ws["A4"].value
    assert note.startswith("On paper: the first page of this list")
    assert "All 6" in note and "milestones" in note and "on screen" in note
    assert estimated_text_points(ws) >= 8


@pytest.mark.skipif(not HAVE_SOFFICE, reason="LibreOffice and poppler-utils are not installed")
def test_libreoffice_prints_the_embedded_pack_readably_in_eighteen_pages(pack_path, tmp_path):
    pdf = render_pdf(pack_path, tmp_path)
    pages = pdf_pages(pdf)
    assert len(pages) <= 18
    assert smallest_text_points(pdf) >= 8
    assert all("OFFICIAL" in page for page in pages)
    assert all(f"of {len(pages)}" in page for page in pages)  # the footer is on the page


@pytest.mark.skipif(not HAVE_SOFFICE, reason="LibreOffice and poppler-utils are not installed")
def test_libreoffice_prints_a_large_programme_in_under_thirty_pages(store, tmp_path):
    _many_milestones(store, 3000)
    with store.write() as conn:  # ten workstreams: the Summary's grid is twice as long
        conn.executemany(
            "INSERT INTO workstream (code, name, lead, rag, rag_reason, position) VALUES (?, ?, 'ACC', 'Amber', ?, ?)",
            [
                (f"W{n}", f"Generated workstream number {n} with a long name", "Staffing gaps " * 8, 10 + n)
                for n in range(5)
            ],
        )
    out = tmp_path / "big.xlsx"
    export_pack(store, out)
    pdf = render_pdf(out, tmp_path)
    assert len(pdf_pages(pdf)) < 30
    assert smallest_text_points(pdf) >= 8
