"""Streaming the big workbook parts (sheets, shared strings) through expat, defensively.

The parser refuses any DTD, entity declaration or external entity the moment it sees one (as
defusedxml does), and without a DTD an entity reference is simply an error. The part is read in
chunks, so memory follows the cells kept, not the file. Handlers are closures over local state:
this runs once per XML element, some half a million times for a 10,000-row log.
"""

import contextlib
import pyexpat
import re

from t2025tui.core.importers.grid import ErrorValue, Formula, Grid
from t2025tui.core.importers.safety import ImportRefused

MAIN_NAMESPACES = (
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "http://purl.oclc.org/ooxml/spreadsheetml/main",
)
MAX_ROWS = 200_000
MAX_COLUMNS = 256
MAX_INDEX_DIGITS = 9
# Cells (filled or not) in one sheet: a 10,000-row register has about 160,000. Beyond this a
# small compressed part could still cost gigabytes and minutes, so it is refused.
MAX_CELLS = 2_000_000
MAX_CELL_TEXT = 256 * 1024  # characters; Excel holds 32,767 in a cell
TEXT_BUFFER = 8192  # expat's buffer_size: the longest piece of text one data call receives
MAX_TEXT_CHUNKS = MAX_CELL_TEXT // TEXT_BUFFER
_CELL_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d{1,9})$", re.ASCII)
MAX_MERGED = 20_000  # ranges; real sheets have dozens, and each is looked at for every header row


def _names(local: str) -> frozenset[str]:
    return frozenset(f"{ns} {local}" for ns in MAIN_NAMESPACES)


CELL, VALUE, FORMULA, ROW = _names("c"), _names("v"), _names("f"), _names("row")
TEXT, INLINE, PHONETIC, MERGE, ITEM = (
    _names("t"),
    _names("is"),
    _names("rPh"),
    _names("mergeCell"),
    _names("si"),
)


class XmlBomb(Exception):
    """Raised from a handler: the part declares a DTD or entities."""


def _refuse(*_args) -> None:
    raise XmlBomb()


def _parser():
    parser = pyexpat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True
    parser.buffer_size = TEXT_BUFFER
    parser.StartDoctypeDeclHandler = _refuse
    parser.EntityDeclHandler = _refuse
    parser.ExternalEntityRefHandler = _refuse
    parser.SetParamEntityParsing(pyexpat.XML_PARAM_ENTITY_PARSING_NEVER)
    return parser


def _run(parser, stream, file_name: str, part: str) -> None:
    try:
        parser.ParseFile(stream)
    except XmlBomb:
        raise ImportRefused(
            f"{file_name} was refused: its part {part} declares a DTD or entities (a possible 'billion "
            "laughs' XML bomb), which Excel never writes. Save a fresh copy from Excel."
        ) from None
    except pyexpat.ExpatError as exc:
        raise ImportRefused(
            f"{file_name} is damaged: {part} is not valid XML ({exc}). Save it again from Excel."
        ) from None


_COLUMNS: dict[str, int] = {}


_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


def unescape_ooxml(text: str) -> str:
    """Excel writes characters XML cannot hold (a carriage return, say) as `_x000D_`, and a
    literal `_x` sequence as `_x005F_x...`; read both back as the text the user typed."""
    if "_x" not in text:
        return text
    text = _ESCAPED.sub(lambda match: chr(int(match.group(1), 16)), text)
    if any("\ud800" <= char <= "\udfff" for char in text):
        # An escaped surrogate pair is one character; a lone half cannot be stored at all.
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return text


def _index(text: str) -> int:
    """A row or string number as Excel writes it: ASCII digits, nothing else (int() would also
    take '٣', and any digit string however long)."""
    if not (text.isascii() and text.isdigit() and len(text) <= MAX_INDEX_DIGITS):
        raise ValueError(f"{text[:20]!r} is not a row or string number")
    return int(text)


def column_of(reference: str) -> int:
    """'AB12' -> 28."""
    letters = reference.rstrip("0123456789")
    column = _COLUMNS.get(letters)
    if column is None:
        if not (letters.isascii() and letters.replace("$", "").isalpha()) or len(letters) > 5:
            raise ValueError(f"{reference[:20]!r} is not a cell reference")
        column = 0
        for char in letters.upper().lstrip("$"):
            column = column * 26 + (ord(char) - 64)
        _COLUMNS[letters] = column
    return column


def parse_range(ref: str) -> tuple[int, int, int, int] | None:
    corners = []
    for part in ref.split(":")[:2]:
        match = _CELL_REF.match(part)
        if not match:
            return None
        corners.append((int(match.group(2)), column_of(match.group(1))))
    if len(corners) == 1:
        corners.append(corners[0])
    (r1, c1), (r2, c2) = corners
    top, left = min(r1, r2), min(c1, c2)
    if top > MAX_ROWS or left > MAX_COLUMNS:
        return None  # wholly outside what is read
    # Clipped to what is read, so a range over a whole sheet costs no more than the cells kept.
    return top, left, min(max(r1, r2), MAX_ROWS), min(max(c1, c2), MAX_COLUMNS)


def read_shared_strings(stream, file_name: str, part: str) -> list[str]:
    strings: list[str] = []
    parts: list[str] = []
    collecting = False
    phonetic = False

    def start(name, _attrs):
        nonlocal collecting, phonetic, parts
        if name in TEXT:
            collecting = not phonetic
        elif name in ITEM:
            parts = []
        elif name in PHONETIC:
            phonetic = True

    def data(text):
        if collecting:
            parts.append(text)

    def end(name):
        nonlocal collecting, phonetic
        if name in TEXT:
            collecting = False
        elif name in ITEM:
            strings.append(unescape_ooxml("".join(parts)))
        elif name in PHONETIC:
            phonetic = False

    parser = _parser()
    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, data
    _run(parser, stream, file_name, part)
    return strings


def read_sheet(stream, grid: Grid, *, shared: list[str], number, file_name: str, part: str) -> Grid:
    """Fill `grid` from a worksheet part. `number(raw, style)` turns a numeric cell into a
    number or, for a date-formatted cell, a date."""
    rows = grid.rows
    cells: dict[int, object] = {}
    row_number = 0
    column = 0
    kind = style = raw = formula = None
    inline: list[str] | None = None
    texts: list[str] = []
    collecting = False
    phonetic = False
    too_many_rows = False
    cells_left = MAX_CELLS
    # Closure copies of the tag sets: looked up once per element, half a million times.
    cell_tags, value_tags, formula_tags, text_tags = CELL, VALUE, FORMULA, TEXT
    inline_tags, row_tags, phonetic_tags, merge_tags = INLINE, ROW, PHONETIC, MERGE

    def start(name, attrs):
        nonlocal cells, row_number, column, kind, style, raw, formula, inline, texts, collecting, phonetic
        nonlocal too_many_rows, cells_left
        if name in cell_tags:
            cells_left -= 1
            if cells_left < 0:
                raise ImportRefused(
                    f"{file_name}: sheet {grid.name!r} has more than {MAX_CELLS:,} cells, more than "
                    "any register; copy the table you need into a new workbook and import that."
                )
            ref = attrs.get("r")
            column = column_of(ref) if ref else column + 1
            kind = attrs.get("t")
            style = attrs.get("s")
            raw = formula = inline = None
        elif name in value_tags or name in formula_tags:
            texts = []
            collecting = True
        elif name in text_tags:
            if not phonetic:
                texts = []
                collecting = True
        elif name in inline_tags:
            inline = []
        elif name in row_tags:
            ref = attrs.get("r")
            row_number = _index(ref) if ref else row_number + 1
            column = 0
            if row_number > MAX_ROWS:
                too_many_rows = True
                raise StopParsing()
            cells = {}
            rows[row_number] = cells
        elif name in phonetic_tags:
            phonetic = True
        elif name in merge_tags:
            merged = parse_range(attrs.get("ref", ""))
            if merged:
                if len(grid.merged) >= MAX_MERGED:
                    raise ImportRefused(
                        f"{file_name}: sheet {grid.name!r} has more than {MAX_MERGED:,} merged ranges; "
                        "unmerge the cells (Home > Merge & Center > Unmerge Cells) and save again."
                    )
                grid.merged.append(merged)

    def data(text):
        if collecting:
            texts.append(text)
            # expat hands over buffered text in chunks of at most buffer_size characters, so
            # counting chunks bounds a cell's text without summing lengths for every call.
            if len(texts) > MAX_TEXT_CHUNKS:
                raise ImportRefused(
                    f"{file_name}: a cell of sheet {grid.name!r} holds more than "
                    f"{MAX_CELL_TEXT // 1024:,} KiB of text, far more than Excel allows in a cell; "
                    "the file is damaged or not from Excel."
                )

    def end(name):
        nonlocal raw, formula, collecting, phonetic
        if name in value_tags:
            raw = "".join(texts)
            collecting = False
        elif name in cell_tags:
            if column > MAX_COLUMNS:
                return
            if kind == "s":
                value = shared[_index(raw)] if raw and _index(raw) < len(shared) else None
            elif kind == "inlineStr":
                value = unescape_ooxml("".join(inline)) if inline else None
            elif kind == "str":
                value = unescape_ooxml(raw) if raw else raw
            elif kind == "b":
                value = None if raw is None else raw.strip() in ("1", "true")
            elif kind == "e":
                value = ErrorValue(raw or "#ERROR")
            elif kind == "d":
                value = iso_datetime(raw)
            else:
                value = number(raw, style) if raw else None
            if formula is not None:
                cells[column] = Formula(formula, value)
            elif value is not None and (value.__class__ is not str or value.strip()):
                # A blank or spaces-only cell is simply absent: "in cells" means "has a value".
                cells[column] = value
        elif name in text_tags:
            if collecting:
                collecting = False
                if inline is not None:
                    inline.append("".join(texts))
        elif name in formula_tags:
            formula = "".join(texts)
            collecting = False
        elif name in phonetic_tags:
            phonetic = False

    parser = _parser()
    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, data
    with contextlib.suppress(StopParsing):
        _run(parser, stream, file_name, part)
    if too_many_rows:
        raise ImportRefused(
            f"{file_name}: sheet {grid.name!r} has more than {MAX_ROWS:,} rows; split it into smaller files."
        )
    for number_of_row in [r for r, found in rows.items() if not found]:
        del rows[number_of_row]
    return grid


class StopParsing(Exception):
    """Raised from a handler to stop reading a sheet that is over the row limit."""


def iso_datetime(raw: str | None):
    from datetime import datetime

    if not raw:
        return None
    try:
        moment = datetime.fromisoformat(raw.rstrip("Z"))
    except ValueError:
        return raw
    return moment.date() if moment.time() == datetime.min.time() else moment
