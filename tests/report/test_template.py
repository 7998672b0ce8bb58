"""--template: the force's own Word document gives the report its styles (headings, body,
table style, page set-up); an unusable template is refused in one line and writes nothing."""

import zipfile

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.shared import Cm, Pt, RGBColor

from t2025tui.core.export import ExportError
from t2025tui.core.report import export_report

from .conftest import AS_OF
from .reading import document, paragraphs


def _house_style(path, *, drop_list_bullet: bool = False):
    doc = docx.Document()
    doc.styles["Normal"].font.name = "Arial"
    doc.styles["Normal"].font.size = Pt(12)
    heading = doc.styles["Heading 1"]
    heading.font.name = "Georgia"
    heading.font.color.rgb = RGBColor(0x00, 0x33, 0x66)
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(1.5)
    section.header.paragraphs[0].text = "Cleveland Police crest"
    doc.add_paragraph("Template body text that must not appear in the report")
    doc.add_table(rows=1, cols=2).style = "Light Grid Accent 1"
    if drop_list_bullet:
        doc.styles.element.remove(doc.styles["List Bullet"].element)
    doc.save(str(path))
    return path


def test_house_styles_page_set_up_and_table_style_are_used(store, tmp_path):
    template = _house_style(tmp_path / "house.docx")
    out = tmp_path / "r.docx"
    result = export_report(store, out, as_of=AS_OF, template=template)
    assert result.template == template
    doc = document(out)
    assert doc.styles["Normal"].font.name == "Arial"
    assert doc.styles["Normal"].font.size == Pt(12)
    assert doc.styles["Heading 1"].font.name == "Georgia"
    assert doc.styles["Heading 1"].font.color.rgb == RGBColor(0x00, 0x33, 0x66)
    section = doc.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert section.left_margin == docx.Document(str(template)).sections[0].left_margin
    assert {t.style.name for t in doc.tables} == {"Light Grid Accent 1"}
    assert "Template body text that must not appear in the report" not in paragraphs(out)
    header = [p.text for p in section.header.paragraphs]
    assert header[0] == "OFFICIAL" and "Cleveland Police crest" in header
    assert "1. Purpose" in paragraphs(out)


def test_without_a_template_a_clean_default(store, tmp_path):
    out = tmp_path / "r.docx"
    export_report(store, out, as_of=AS_OF)
    doc = document(out)
    assert {t.style.name for t in doc.tables} == {"Table Grid"}
    assert doc.sections[0].orientation == WD_ORIENT.PORTRAIT


def test_a_template_missing_styles_still_gives_a_report(store, tmp_path):
    template = _house_style(tmp_path / "sparse.docx", drop_list_bullet=True)
    out = tmp_path / "r.docx"
    export_report(store, out, as_of=AS_OF, template=template)
    assert any(p.startswith("• Ratification with the new Chief Constable") for p in paragraphs(out))


def _not_docx(tmp_path):
    path = tmp_path / "styles.docx"
    path.write_text("not a document")
    return path


def _old_doc(tmp_path):
    path = tmp_path / "styles.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    return path


def _spreadsheet(tmp_path):
    path = tmp_path / "styles.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return path


def _damaged(tmp_path):
    path = tmp_path / "styles.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<not-closed")
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda tmp: tmp / "missing.docx", "no such file"),
        (lambda tmp: tmp, "is a folder"),
        (_not_docx, "is not a Word .docx document"),
        (_old_doc, "is not a Word .docx document"),
        (_spreadsheet, "not a Word document"),
        (_damaged, "could not be read as a Word document"),
    ],
)
def test_an_unusable_template_is_refused_and_nothing_is_written(store, tmp_path, make, message):
    out = tmp_path / "out" / "r.docx"
    out.parent.mkdir()
    with pytest.raises(ExportError, match=message):
        export_report(store, out, as_of=AS_OF, template=make(tmp_path))
    assert list(out.parent.iterdir()) == []
