"""Any text at all goes into a cell as that text (cleaned), never as a formula or error value."""

import io
import zipfile

import openpyxl
from hypothesis import given, settings
from hypothesis import strategies as st

from t2025tui.core.export.cells import EXCEL_CELL_MAX, put_formula, put_text, safe_text

FORMULA_LIKE = st.sampled_from(["=", "+", "-", "@", "#N/A", "#REF!", "=SUM(A1:A2)", "\t=1", "'=1", "=\x0b1"])
TEXT = st.one_of(st.text(max_size=60), st.builds(lambda a, b: a + b, FORMULA_LIKE, st.text(max_size=30)))


def _round_trip(texts: list[str]) -> tuple[list, str]:
    wb = openpyxl.Workbook()
    ws = wb.active
    for row, text in enumerate(texts, start=1):
        put_text(ws, row, 1, text)
    buffer = io.BytesIO()
    wb.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    buffer.seek(0)
    back = openpyxl.load_workbook(buffer).active
    return [back.cell(row=r, column=1) for r in range(1, len(texts) + 1)], xml


@settings(max_examples=60, deadline=None)
@given(st.lists(TEXT, min_size=1, max_size=8))
def test_text_round_trips_as_text(texts):
    cells, xml = _round_trip(texts)
    assert "<f>" not in xml
    for text, cell in zip(texts, cells, strict=False):
        expected = safe_text(text)
        if not expected:
            assert cell.value is None  # blank, not an empty string cell
            continue
        assert cell.value == expected
        assert cell.data_type == "s"
        assert cell.quotePrefix == expected.startswith(("=", "+", "-", "@"))


def test_safe_text_limits_and_cleans():
    assert safe_text("a\x00b\x1bc\x7fd\x9fe") == "abcde"
    assert safe_text("line one\r\nline two") == "line one\nline two"
    assert safe_text("lone \ud800 surrogate") == "lone \ufffd surrogate"
    assert len(safe_text("x" * 100_000)) == EXCEL_CELL_MAX
    assert len(safe_text("x" * EXCEL_CELL_MAX)) == EXCEL_CELL_MAX  # exactly at the limit: kept whole
    emoji = safe_text("😀" * 20_000)  # 40,000 UTF-16 units, as Excel counts them
    assert len(emoji.encode("utf-16-le")) // 2 <= EXCEL_CELL_MAX
    assert emoji.endswith("[cut: longer than Excel allows in a cell]") and "\ufffd" not in emoji
    assert safe_text(None) == "" and safe_text(42) == "42"


def test_put_formula_refuses_anything_but_cell_arithmetic():
    ws = openpyxl.Workbook().active
    put_formula(ws, 1, 1, "=SUM(B2:B5)+B1")
    for bad in ['=HYPERLINK("http://x","y")', "=cmd|' /C calc'!A0", "SUM(A1)", '=A1&"x"']:
        try:
            put_formula(ws, 2, 1, bad)
        except ValueError:
            continue
        raise AssertionError(f"accepted {bad!r}")
