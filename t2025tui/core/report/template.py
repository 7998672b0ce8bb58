"""The document the report is written into: the force's own Word file (its styles, table style,
page set-up, headers and footers kept, its body emptied), or python-docx's clean default."""

import zipfile
from pathlib import Path

import docx
from docx.document import Document
from docx.oxml.ns import qn

from t2025tui.core.export.errors import ExportError

MAX_TEMPLATE_BYTES = 50 * 1024 * 1024  # a house-style document with logos is a few MiB
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # what its parts may claim to unpack to (zip bombs)
DEFAULT_TABLE_STYLE = "Table Grid"


def open_document(template: Path | None) -> tuple[Document, str | None]:
    """The document to write into, and the table style to use in it."""
    if template is None:
        doc = docx.Document()
        return doc, _named(doc, DEFAULT_TABLE_STYLE)
    _refuse_unusable(template)
    try:
        doc = docx.Document(str(template))
    except Exception as exc:  # python-docx raises many kinds on a damaged file
        raise ExportError(
            f"--template {template} could not be read as a Word document ({type(exc).__name__}); "
            "save it again from Word as .docx and retry."
        ) from None
    style = _first_table_style(doc) or _named(doc, DEFAULT_TABLE_STYLE)
    _empty_body(doc)
    return doc, style


def _first_table_style(doc: Document) -> str | None:
    """The house table style: the style of the template's first styled table."""
    for table in doc.element.body.iter(qn("w:tbl")):
        style = table.find(f"{qn('w:tblPr')}/{qn('w:tblStyle')}")
        if style is not None:
            for candidate in doc.styles:
                if candidate.style_id == style.get(qn("w:val")):
                    return candidate.name
    return None


def _named(doc: Document, name: str) -> str | None:
    try:
        return doc.styles[name].name
    except KeyError:
        return None


def _refuse_unusable(template: Path) -> None:
    if not template.exists():
        raise ExportError(f"--template {template}: no such file. Check the path and try again.")
    if not template.is_file():
        raise ExportError(f"--template {template} is a folder; give the path of a Word .docx file.")
    if template.stat().st_size > MAX_TEMPLATE_BYTES:
        raise ExportError(f"--template {template} is over 50 MiB; use a smaller house-style document.")
    try:
        with zipfile.ZipFile(template) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        raise ExportError(
            f"--template {template} is not a Word .docx document (an old .doc, or damaged); "
            "open it in Word or LibreOffice, save it as Word Document (.docx) and retry."
        ) from None
    if "word/document.xml" not in {info.filename for info in infos}:
        raise ExportError(
            f"--template {template} is a zip file but not a Word document (no word/document.xml)."
        )
    if sum(info.file_size for info in infos) > MAX_UNPACKED_BYTES:
        raise ExportError(f"--template {template} claims to unpack to over 200 MiB; it was not opened.")


def _empty_body(doc: Document) -> None:
    """Remove the template's own content; its final section properties (page set-up) stay."""
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
