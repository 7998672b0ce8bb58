"""Opening an import file once it has passed the safety checks: its sheets, read on demand."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from t2025tui.core.importers.grid import Grid
from t2025tui.core.importers.safety import ImportRefused, check_file
from t2025tui.core.importers.xlsx_reader import Workbook, read_csv


class CsvSource:
    """A CSV file seen as a workbook with one sheet named after the file."""

    def __init__(self, path: Path):
        self.path = path
        self.file_name = path.name
        self.grid = read_csv(path)
        self.sheet_names = [self.grid.name]

    def read(self, name: str) -> Grid:
        if name != self.grid.name:
            raise ImportRefused(f"{self.file_name} is a CSV file with one table; leave out --sheet.")
        return self.grid

    def visible(self) -> list[str]:
        return self.sheet_names

    # A CSV file has no document properties.
    def created(self):
        return None

    def custom_property(self, name: str) -> str | None:
        return None

    def core_property(self, name: str) -> str | None:
        return None


class XlsxSource:
    def __init__(self, workbook: Workbook):
        self.workbook = workbook
        self.file_name = workbook.file_name
        self.sheet_names = workbook.sheet_names

    def read(self, name: str) -> Grid:
        return self.workbook.read(name)

    def visible(self) -> list[str]:
        return [name for name, _, hidden in self.workbook.sheets if not hidden]

    def created(self):
        return self.workbook.created()

    def custom_property(self, name: str) -> str | None:
        return self.workbook.custom_property(name)

    def core_property(self, name: str) -> str | None:
        return self.workbook.core_property(name)


@contextmanager
def open_source(path: Path, *, allow_csv: bool = True) -> Iterator[CsvSource | XlsxSource]:
    checked = check_file(Path(path))
    if checked.kind == "csv":
        if not allow_csv:
            raise ImportRefused(
                f"{checked.path.name} is a CSV file; this import needs the .xlsx workbook "
                "(the Futures Board pack)."
            )
        yield CsvSource(checked.path)
        return
    with Workbook(checked.path) as workbook:
        yield XlsxSource(workbook)
