"""Exact text: what the user typed in Excel is what the app stores, or the import says why not."""

import pytest

from t2025tui.cli import main
from t2025tui.core.importers.risk_log import preview_risks
from t2025tui.core.importers.safety import ImportRefused
from tests.importers.builders import with_shared_strings, write_workbook

TYPED = {
    "R-1": "Line one\r\nLine two",  # a cell with a line break, as Windows Excel keeps it
    "R-2": "Literally _x0041_ in the text",  # looks like an escape, is not one
    "R-3": "Tab\there and an emoji 😀",
}


def _titles(store, path, field="title"):
    return {row.label: row.values[field] for row in preview_risks(store, path).rows}


def test_xlsxwriter_escapes_are_decoded_to_the_typed_text(store, tmp_path):
    rows = [["Ref", "Title", "Actions"], *[[ref, "A risk", text] for ref, text in TYPED.items()]]
    path = write_workbook(tmp_path / "escaped.xlsx", {"Risks": rows}, "xlsxwriter")
    import zipfile

    with zipfile.ZipFile(path) as archive:
        strings = archive.read("xl/sharedStrings.xml").decode()
    assert "_x000D_" in strings and "_x005F_x0041_" in strings  # the file really holds escapes
    titles = _titles(store, path, "actions")
    assert titles["R-2"] == TYPED["R-2"] and titles["R-3"] == TYPED["R-3"]
    assert titles["R-1"].replace("\r\n", "\n") == "Line one\nLine two"  # stored as the app keeps breaks
    assert "_x000D_" not in titles["R-1"]


def test_escapes_in_shared_and_inline_strings_are_decoded(store, tmp_path):
    rows = [
        ["Ref", "Title", "Cause"],
        ["E-1", "A", "First_x000A_second"],
        ["E-2", "B", "keep _x005F_x000D_ literally"],
    ]
    inline = write_workbook(tmp_path / "inline.xlsx", {"Risks": rows})
    shared = with_shared_strings(inline, tmp_path / "shared.xlsx")
    for path in (inline, shared):
        titles = _titles(store, path, "cause")
        assert titles == {"E-1": "First\nsecond", "E-2": "keep _x000D_ literally"}, path.name


def test_csv_with_bytes_that_are_not_utf8_after_the_first_mib_is_refused(store, tmp_path, capsys):
    path = tmp_path / "late.csv"
    filler = b"".join(b"R-%d,A plain risk title\n" % i for i in range(60_000))
    assert len(filler) > 1024 * 1024
    path.write_bytes(b"Ref,Title\n" + filler + "R-x,Caf\u00e9 in Windows-1252\n".encode("cp1252"))
    with pytest.raises(ImportRefused, match=r"late.csv is not UTF-8 text at byte [\d,]+ \(line 60,002\)"):
        preview_risks(store, path)
    db = tmp_path / "db.sqlite"
    from t2025tui.commands.init import create_programme

    create_programme(db).close()
    assert main(["--db", str(db), "import", "risks", str(path)]) == 1
    assert "save it again as 'CSV UTF-8" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('Ref,Title\nR-1,"Never closed\nR-2,Lost\n', r"line 3: a quoted cell .* never ends"),
        ('Ref,Title\nR-1,"Closed"then more\n', r"line 2: the quoting is broken"),
    ],
)
def test_csv_with_broken_quotes_is_refused_not_swallowed(store, tmp_path, text, message):
    path = tmp_path / "quotes.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ImportRefused, match=message):
        preview_risks(store, path)


def test_csv_text_is_kept_exactly(store, tmp_path):
    path = tmp_path / "fine.csv"
    path.write_text(
        'Ref,Title,Cause\nR-1,A,"Multi\nline, with ""quotes"""\nR-2,B,Café 😀\n', encoding="utf-8"
    )
    assert _titles(store, path, "cause") == {"R-1": 'Multi\nline, with "quotes"', "R-2": "Café 😀"}
