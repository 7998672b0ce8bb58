"""The pack's table rows are written by its own row writer (export/sheet.py), not openpyxl's
cell by cell one: the pack must come out the same, byte for byte in every sheet, whatever the
text holds (markup characters, line breaks, spaces at either end, emoji, formula-like text,
dates, numbers and blank cells)."""

import zipfile

import pytest

from t2025tui.core.export import export_pack
from t2025tui.core.export import sheet as sheet_module
from t2025tui.core.services import milestones, risks

AWKWARD = [
    "  leading spaces",
    "trailing spaces  ",
    "a & b < c > d \"quoted\" 'single'",
    "line\r\nbreak and\rreturn",
    "new\nlines\n\n",
    "tab\there",
    "emoji 🚓 and ü, 中文",
    "=1+1",
    "-1",
    "#N/A",
    "]]> and <![CDATA[ x ]]>",
    " ",
]


@pytest.fixture
def awkward_store(store):
    fcr = store.query_one("SELECT id FROM workstream WHERE code = 'FCR'")
    made = []
    for index, _title in enumerate(AWKWARD):
        milestone_id = milestones.create_milestone(
            store,
            workstream_id=fcr["id"],
            title=f"awkward {index}",
            baseline_date="2022-04-01",
            forecast_date="2022-05-09",
        )
        risk = risks.create_risk(store, ref=f"AWK-{index}", title=f"awkward {index}")
        made.append((milestone_id, risk))
    # The services tidy what they are given (spaces at the ends, control characters); a file
    # edited by another tool may hold anything, so the text is put in directly.
    with store.write() as conn:
        for title, (milestone_id, _risk) in zip(AWKWARD, made, strict=True):
            conn.execute(
                "UPDATE milestone SET title = ?, owner = ? WHERE id = ?", (title, title, milestone_id)
            )
        for index, title in enumerate(AWKWARD):
            conn.execute("UPDATE risk SET title = ?, owner = ? WHERE ref = ?", (title, title, f"AWK-{index}"))
    return store


def _members(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        # The document's creation time is the one part two exports always differ in.
        return {name: archive.read(name) for name in archive.namelist() if name != "docProps/core.xml"}


def test_the_row_writer_writes_what_openpyxl_would(awkward_store, tmp_path, monkeypatch):
    own = tmp_path / "own.xlsx"
    written = []
    call = sheet_module._RowWriter.__call__

    def counting(self, xf, row, row_idx):
        written.append(all(cell.__class__ is sheet_module.SharedStyleCell for cell in row) and bool(row))
        call(self, xf, row, row_idx)

    monkeypatch.setattr(sheet_module._RowWriter, "__call__", counting)
    export_pack(awkward_store, own)
    assert sum(written) > 100  # the table rows went through the pack's own writer

    def openpyxl_only(self, xf, row, row_idx):
        self.openpyxl_write_row(xf, row, row_idx)

    monkeypatch.setattr(sheet_module._RowWriter, "__call__", openpyxl_only)
    theirs = tmp_path / "openpyxl.xlsx"
    export_pack(awkward_store, theirs)

    mine, reference = _members(own), _members(theirs)
    assert list(mine) == list(reference)
    generated = [name for name in mine if mine[name] != reference[name]]
    # The Summary states when the pack was generated, to the minute: allow only that sheet to
    # differ, and only if the two exports straddled a minute.
    for name in generated:
        assert name == "xl/worksheets/sheet1.xml", name
        assert len(mine[name]) == len(reference[name])
    sheets = [name for name in mine if name.startswith("xl/worksheets/sheet")]
    assert len(sheets) >= 10
    for text in (
        "a &amp; b &lt; c &gt; d",
        "line\nbreak and\nreturn",
        "emoji &#128659; and &#252;",  # written as character references
        'xml:space="preserve"',
    ):
        assert any(text.encode() in mine[name] for name in sheets), text
