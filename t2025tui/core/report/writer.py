"""Putting text into a Word document safely, in the document's own styles.

Everything from the database goes in as the text of a run, never as XML: Word and LibreOffice
show it literally (no field codes, no hyperlinks). Characters XML cannot hold (control
characters, lone surrogates, U+FFFE/U+FFFF) are removed first; tabs and newlines stay.
"""

import re

from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from t2025tui.core.text import strip_controls

# Fill colours as the pack uses them (core/export/cells.py): readable black text, printable.
RAG_FILLS = {
    "Red": "FF9C9C",
    "Amber/Red": "FFB97A",
    "Amber": "FFD966",
    "Amber/Green": "D9E98A",
    "Green": "A9D18E",
}
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")
NUMBER_INDENT = Cm(1.25)
BULLET_PREFIXES = ("- ", "* ", "• ")


def literal(value: object) -> str:
    """Text as the document will hold it."""
    if value is None:
        return ""
    return _NOT_XML.sub("", strip_controls(str(value)))


def lines_of(body: str) -> list[str]:
    """A multi-line text's paragraphs: one a line, blank lines dropped."""
    return [line.strip() for line in literal(body).split("\n") if line.strip()]


class Writer:
    """Adds paragraphs and tables to one document in its styles, numbering paragraphs per section."""

    def __init__(self, doc: Document, table_style: str | None):
        self.doc = doc
        self.table_style = table_style
        self.section = 0
        self.paragraph = 0
        self._ids: dict[str, str | None] = {}

    def style(self, name: str, fallback: str = "Normal") -> str | None:
        """A style the document has: `name`, else `fallback`, else none (the document default)."""
        for candidate in (name, fallback):
            if self._style_id(candidate) is not None:
                return candidate
        return None

    def _style_id(self, name: str) -> str | None:
        # python-docx looks a style name up by scanning every style, per paragraph: a report of
        # thousands of lines spent most of its time there. Each name is looked up once.
        if name not in self._ids:
            try:
                self._ids[name] = self.doc.styles[name].style_id
            except KeyError:
                self._ids[name] = None
        return self._ids[name]

    def paragraph_in(self, style: str | None) -> Paragraph:
        paragraph = self.doc.add_paragraph()
        style_id = self._style_id(style) if style else None
        if style_id:
            paragraph._p.style = style_id
        return paragraph

    def heading(self, text: str, level: int = 1, *, numbered: bool = True) -> Paragraph:
        if level == 1 and numbered:
            self.section += 1
            self.paragraph = 0
            text = f"{self.section}. {text}"
        paragraph = self.paragraph_in(self.style(f"Heading {level}"))
        paragraph.add_run(literal(text))
        return paragraph

    def plain(self, text: str, *, style: str = "Normal", bold: bool = False) -> Paragraph:
        paragraph = self.paragraph_in(self.style(style))
        run = paragraph.add_run(literal(text))
        run.bold = bold or None
        return paragraph

    def numbered(self, text: str, *, lead: str = "") -> Paragraph:
        """A paragraph numbered in its section as committee reports number them (5.1, 5.2, ...)."""
        self.paragraph += 1
        paragraph = self.paragraph_in(self.style("Normal"))
        fmt = paragraph.paragraph_format
        fmt.left_indent = NUMBER_INDENT
        fmt.first_line_indent = -NUMBER_INDENT
        fmt.tab_stops.add_tab_stop(NUMBER_INDENT)
        paragraph.add_run(f"{self.section}.{self.paragraph}\t")
        if lead:
            paragraph.add_run(literal(lead)).bold = True
        paragraph.add_run(literal(text))
        return paragraph

    def bullet(self, text: str, *, lead: str = "") -> Paragraph:
        style = self.style("List Bullet", "Normal")
        paragraph = self.paragraph_in(style)
        paragraph.paragraph_format.left_indent = NUMBER_INDENT + Cm(0.63)
        if style != "List Bullet":
            paragraph.add_run("• ")
        if lead:
            paragraph.add_run(literal(lead)).bold = True
        paragraph.add_run(literal(text))
        return paragraph

    def text_section(self, body: str) -> int:
        """An editable text: each line a numbered paragraph, "- " lines bullets under it."""
        count = 0
        for line in lines_of(body):
            if line.startswith(BULLET_PREFIXES):
                self.bullet(line[2:].strip())
            else:
                self.numbered(line)
            count += 1
        return count

    def table(self, header: list[str], widths: list[float] | None = None) -> Table:
        table = self.doc.add_table(rows=1, cols=len(header))
        if self.table_style:
            table.style = self.table_style
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            cell_text(cell, text, bold=True)
        _repeat_header(table)
        if widths:
            set_widths(table, widths)
        return table

    def row(self, table: Table, values: list[object], *, bold: bool = False) -> list[_Cell]:
        cells = table.add_row().cells  # python-docx gives each new cell its column's width
        for cell, value in zip(cells, values, strict=True):
            cell_text(cell, value, bold=bold)
        return cells

    def gap(self) -> None:
        self.paragraph_in(self.style("Normal"))


def cell_text(cell: _Cell, value: object, *, bold: bool = False, align_right: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(literal(value))
    if bold:
        run.bold = True
    if align_right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def rag_cell(cell: _Cell, rag: str | None, unset: str = "Not set") -> None:
    """The RAG as a word in a cell shaded in its colour (`unset`, unshaded, when there is none)."""
    cell_text(cell, rag or unset, bold=bool(rag))
    cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    fill = RAG_FILLS.get(rag or "")
    if fill:
        shading = OxmlElement("w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:color"), "auto")
        shading.set(qn("w:fill"), fill)
        cell._tc.get_or_add_tcPr().append(shading)


def set_widths(table: Table, widths: list[float]) -> None:
    """Fixed column widths in cm, so long text wraps in its column instead of widening it (the
    grid for LibreOffice, each cell for Word)."""
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)


def _repeat_header(table: Table) -> None:
    """The header row repeats at the top of every page a long table runs onto."""
    properties = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    properties.append(repeat)


def page_number_field(paragraph: Paragraph) -> None:
    """'Page N' in a footer: the report's own field, never made from database text."""
    paragraph.add_run("Page ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def small(paragraph: Paragraph, size: float = 9) -> None:
    for run in paragraph.runs:
        run.font.size = Pt(size)
