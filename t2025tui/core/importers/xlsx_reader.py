"""Reading .xlsx sheets into `Grid`s, safely and fast.

openpyxl's reader (with defusedxml's pure-Python parser) needs about two seconds for 10,000
rows of 15 columns, so the big parts are streamed through expat with DTDs and entities refused
(`sheet_parser`); the small parts (workbook, relationships, styles, properties) are parsed with
defusedxml. The archive has already passed `safety.check_file`, and zipfile never inflates a
part beyond its declared size.
"""

import csv
import io
import math
import re
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from xml.etree.ElementTree import ParseError

from t2025tui.core.importers.grid import ErrorValue, Formula, Grid
from t2025tui.core.importers.safety import ImportRefused, reads_file, require_safe_xml
from t2025tui.core.importers.sheet_parser import MAX_COLUMNS, MAX_ROWS, read_shared_strings, read_sheet

REL_NAMESPACES = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://purl.oclc.org/ooxml/officeDocument/relationships",
)
PACKAGE_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
SMALL_PART_LIMIT = 16 * 1024 * 1024

BUILTIN_DATE_FORMATS = set(range(14, 23)) | set(range(27, 37)) | set(range(45, 48)) | set(range(50, 59))
_FORMAT_NOISE = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.')
EXCEL_1900 = datetime(1899, 12, 30)
EXCEL_1904 = datetime(1904, 1, 1)


def _small_part(archive: zipfile.ZipFile, part: str, file_name: str):
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    info = archive.getinfo(part)
    if info.file_size > SMALL_PART_LIMIT:
        raise ImportRefused(
            f"{file_name}: part {part} is unreasonably large; save the workbook again from Excel."
        )
    try:
        return fromstring(archive.read(part))
    except DefusedXmlException:
        raise ImportRefused(
            f"{file_name} was refused: its part {part} declares entities or a DTD "
            "(a possible XML bomb). Save a fresh copy from Excel."
        ) from None
    except ParseError as exc:
        raise ImportRefused(f"{file_name} is damaged: {part} is not valid XML ({exc}).") from None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


class Workbook:
    """The sheets of one .xlsx file, read on demand."""

    def __init__(self, path: Path):
        require_safe_xml()
        self.path = Path(path)
        self.file_name = self.path.name
        self._open()

    @reads_file
    def _open(self) -> None:
        self.archive = zipfile.ZipFile(self.path)
        try:
            self._read_structure()
        except BaseException:
            self.archive.close()
            raise

    def close(self) -> None:
        self.archive.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _read_structure(self) -> None:
        workbook = _small_part(self.archive, "xl/workbook.xml", self.file_name)
        targets, self._shared_path, styles_path = self._relationships()
        self.epoch = EXCEL_1900
        self.sheets: list[tuple[str, str, bool]] = []  # name, part, hidden
        for element in workbook.iter():
            name = _local(element.tag)
            if name == "workbookPr" and element.get("date1904") in ("1", "true"):
                self.epoch = EXCEL_1904
            elif name == "sheet":
                rel_id = next(
                    (element.get(f"{{{ns}}}id") for ns in REL_NAMESPACES if element.get(f"{{{ns}}}id")), None
                )
                part = targets.get(rel_id) if rel_id else None
                if part and part in self.archive.NameToInfo:
                    self.sheets.append(
                        (element.get("name", ""), part, element.get("state", "visible") != "visible")
                    )
        if not self.sheets:
            raise ImportRefused(f"{self.file_name} has no worksheets to import.")
        self._date_styles = self._read_date_styles(styles_path)
        self._shared: list[str] | None = None

    def _relationships(self) -> tuple[dict[str, str], str | None, str | None]:
        rels_part = "xl/_rels/workbook.xml.rels"
        if rels_part not in self.archive.NameToInfo:
            raise ImportRefused(
                f"{self.file_name} is damaged: it has no {rels_part}; save it again from Excel."
            )
        rels = _small_part(self.archive, rels_part, self.file_name)
        targets, shared, styles = {}, None, None
        for rel in rels.iter(f"{{{PACKAGE_REL_NS}}}Relationship"):
            target = rel.get("Target", "")
            part = target.lstrip("/") if target.startswith("/") else "xl/" + target
            targets[rel.get("Id")] = part
            kind = rel.get("Type", "")
            if kind.endswith("/sharedStrings"):
                shared = part
            elif kind.endswith("/styles"):
                styles = part
        return targets, shared, styles

    def _read_date_styles(self, styles_path: str | None) -> frozenset[int]:
        """Indexes of cell styles whose number format shows a date."""
        if not styles_path or styles_path not in self.archive.NameToInfo:
            return frozenset()
        styles = _small_part(self.archive, styles_path, self.file_name)
        custom = {}
        for element in styles.iter():
            if _local(element.tag) == "numFmt":
                custom[_format_id(element.get("numFmtId"))] = element.get("formatCode", "")
        dated = set()
        for element in styles.iter():
            if _local(element.tag) == "cellXfs":
                for index, xf in enumerate(x for x in element if _local(x.tag) == "xf"):
                    format_id = _format_id(xf.get("numFmtId"))
                    if format_id in custom:
                        if is_date_format(custom[format_id]):
                            dated.add(index)
                    elif format_id in BUILTIN_DATE_FORMATS:
                        dated.add(index)
        return frozenset(dated)

    @reads_file
    def core_property(self, name: str) -> str | None:
        """A document property from docProps/core.xml ('title', 'created', ...), as text."""
        part = "docProps/core.xml"
        if part not in self.archive.NameToInfo:
            return None
        for element in _small_part(self.archive, part, self.file_name).iter():
            if _local(element.tag) == name and element.text:
                return element.text.strip()
        return None

    def created(self) -> datetime | None:
        """When the workbook was first written (UTC), if it says."""
        text = self.core_property("created")
        if not text:
            return None
        try:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return None
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)

    @reads_file
    def custom_property(self, name: str) -> str | None:
        """A custom document property's value as text (docProps/custom.xml), if present."""
        part = "docProps/custom.xml"
        if part not in self.archive.NameToInfo:
            return None
        for element in _small_part(self.archive, part, self.file_name).iter():
            if _local(element.tag) == "property" and element.get("name") == name:
                for value in element:
                    return (value.text or "").strip()
        return None

    @property
    def sheet_names(self) -> list[str]:
        return [name for name, _, _ in self.sheets]

    @reads_file
    def shared_strings(self) -> list[str]:
        if self._shared is None:
            self._shared = []
            if self._shared_path and self._shared_path in self.archive.NameToInfo:
                self._shared = self._read_shared(self._shared_path)
        return self._shared

    def _read_shared(self, part: str) -> list[str]:
        with self.archive.open(part) as stream:
            return read_shared_strings(stream, self.file_name, part)

    @reads_file
    def read(self, name: str) -> Grid:
        for sheet_name, part, hidden in self.sheets:
            if sheet_name == name:
                grid = Grid(sheet_name, hidden=hidden)
                shared = self.shared_strings()
                with self.archive.open(part) as stream:
                    return read_sheet(
                        stream, grid, shared=shared, number=self._number, file_name=self.file_name, part=part
                    )
        raise ImportRefused(
            f"{self.file_name} has no sheet named {name!r}; its sheets are: " + ", ".join(self.sheet_names)
        )

    def _number(self, raw: str, style: str | None):
        try:
            number = float(raw)
        except ValueError:
            return raw
        if not math.isfinite(number):
            return ErrorValue("#NUM!")  # Excel never stores NaN or infinity; show it as its error
        if (
            style is not None
            and style.isascii()
            and style.isdigit()
            and len(style) <= 9
            and int(style) in self._date_styles
        ):
            return excel_date(number, self.epoch)
        return int(number) if number.is_integer() and abs(number) < 2**53 else number


def _format_id(text: str | None) -> int:
    """A number-format id; one that is not a number (Excel never writes it) means General (0)."""
    text = (text or "0").strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 9 else 0


def is_date_format(code: str) -> bool:
    """True when an Excel number format shows a date or time (d, m, y, h or s outside quotes)."""
    if not code or code.lower() == "general":
        return False
    stripped = _FORMAT_NOISE.sub("", code)
    return bool(re.search(r"[dmyhs]", stripped, re.IGNORECASE))


def excel_date(serial: float, epoch: datetime = EXCEL_1900):
    """An Excel serial number as a date (or a datetime when it carries a time of day)."""
    try:
        moment = epoch + timedelta(days=serial)
    except (OverflowError, ValueError):
        return serial
    if moment.hour == moment.minute == moment.second == 0 and moment.microsecond == 0:
        return moment.date()
    return moment


def read_csv(path: Path, max_bytes: int = 50 * 1024 * 1024) -> Grid:
    """A CSV file (UTF-8, comma, semicolon or tab separated) as a one-sheet grid of text.

    Text is never altered: bytes that are not UTF-8 anywhere in the file, a quote that never
    closes, or a cell longer than any field the app holds refuse the file, naming the line."""
    name = Path(path).name
    raw = Path(path).read_bytes()
    if len(raw) > max_bytes:
        raise ImportRefused(f"{name} is over {max_bytes // (1024 * 1024)} MiB; split it into smaller files.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ImportRefused(
            f"{name} is not UTF-8 text at byte {exc.start:,} (line {line:,}), so its text would be "
            "altered; save it again as 'CSV UTF-8 (Comma delimited)' and import that."
        ) from None
    sample = text[:20_000]
    try:
        # Only the separator is taken from the sniffer: its guesses about quoting are unreliable,
        # and Excel always quotes the same way.
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    grid = Grid(Path(path).stem)
    reader = csv.reader(io.StringIO(text), csv.excel, delimiter=delimiter, strict=True)
    try:
        for row_number, row in enumerate(reader, start=1):
            if row_number > MAX_ROWS:
                raise ImportRefused(f"{name} has more than {MAX_ROWS:,} rows; split it into smaller files.")
            # Excel runs a CSV cell starting with "=" as a formula; flag it rather than store it.
            cells: dict[int, object] = {
                column: Formula(value.strip()[1:]) if value.lstrip().startswith("=") else value
                for column, value in enumerate(row[:MAX_COLUMNS], start=1)
                if value.strip()
            }
            if cells:
                grid.rows[row_number] = cells
    except csv.Error as exc:
        raise ImportRefused(f"{name} line {reader.line_num:,}: {_csv_problem(str(exc))}") from None
    return grid


def _csv_problem(error: str) -> str:
    if "field larger than field limit" in error:
        return (
            f"a cell holds more than {csv.field_size_limit() // 1024} KiB of text, longer than any "
            "field the app holds; shorten it and import again."
        )
    if "unexpected end of data" in error or "EOF" in error:
        return (
            'a quoted cell (starting with ") never ends, so the rest of the file would be read as '
            "one cell; close the quote and import again."
        )
    return (
        f'the quoting is broken ({error}); a quote inside a quoted cell must be doubled (""). '
        "Save it again from Excel as 'CSV UTF-8'."
    )
