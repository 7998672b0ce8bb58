"""Refusing a file before any parser sees it.

A spreadsheet from outside is untrusted. It is looked at byte by byte first: what kind of file
it really is (whatever its name says), whether the archive is whole, and how big its parts
claim to be once unpacked. Python's zipfile never inflates a part beyond the size it declares,
so refusing excessive declared sizes and ratios bounds the memory any later step can use.
"""

import functools
import os
import stat
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import ParamSpec, TypeVar

from t2025tui.core.errors import T2025Error

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Compound File: .xls, or an encrypted .xlsx
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
# An encrypted (password-protected) OOXML file is a Compound File holding these streams.
ENCRYPTION_MARKERS = ("EncryptionInfo".encode("utf-16-le"), "EncryptedPackage".encode("utf-16-le"))
ENCRYPTION_SCAN_BYTES = 1 << 20

MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_TOTAL_UNCOMPRESSED = 200 * 1024 * 1024
MAX_PART_UNCOMPRESSED = 150 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed, checked for parts over RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024  # small parts may compress very well without being a threat
MAX_ENTRIES = 5000


class ImportRefused(T2025Error):
    """The file cannot be imported as it is; the message says why and what to do."""


# What reading a damaged or doctored file raises, from zipfile, zlib, expat, the codecs and the
# number conversions of the readers. A file from outside may raise any of them anywhere.
DAMAGE_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    NotImplementedError,
    EOFError,
    ValueError,
    LookupError,
    OverflowError,
    UnicodeError,
    RecursionError,
)
SAVE_AGAIN = "save it again from Excel, or copy it again if it came by email or download"


@contextmanager
def damage_is_refused(file_name: str, where: str = "") -> Iterator[None]:
    """Turn the errors of reading a damaged file into one line: what is damaged, what to do."""
    try:
        yield
    except ImportRefused:
        raise
    except DAMAGE_ERRORS as exc:
        part = f" ({where}: {_short(exc)})" if where else f" ({_short(exc)})"
        raise ImportRefused(f"{file_name} is damaged{part}; {SAVE_AGAIN}.") from None


P = ParamSpec("P")
R = TypeVar("R")


def reads_file(method: Callable[P, R]) -> Callable[P, R]:
    """A reader's method whose damage errors become `damage_is_refused`'s message."""

    @functools.wraps(method)
    def guarded(*args: P.args, **kwargs: P.kwargs) -> R:
        owner = args[0]
        with damage_is_refused(getattr(owner, "file_name", "the file")):
            return method(*args, **kwargs)

    return guarded


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "..."


@dataclass(frozen=True)
class CheckedFile:
    path: Path
    kind: str  # "xlsx" or "csv"


def check_file(path: Path) -> CheckedFile:
    """Decide whether `path` may be parsed, or raise ImportRefused with one clear line."""
    path = Path(path)
    name = path.name
    if not path.exists():
        raise ImportRefused(f"{path}: no such file. Check the path and try again.")
    if path.is_dir():
        raise ImportRefused(f"{path} is a folder; give the path of an .xlsx file.")
    try:
        status = os.stat(path)
    except OSError as exc:
        raise ImportRefused(f"{path} cannot be read: {exc.strerror}.") from None
    if not stat.S_ISREG(status.st_mode):
        # Opening a FIFO, a device or a process substitution would wait for ever or never end.
        raise ImportRefused(
            f"{path} is not a regular file (a pipe, device or socket); save the spreadsheet "
            "as a file and import that."
        )
    try:
        size = status.st_size
        with open(path, "rb") as handle:
            head = handle.read(ENCRYPTION_SCAN_BYTES)
    except OSError as exc:
        raise ImportRefused(f"{path} cannot be read: {exc.strerror}.") from None
    if size == 0:
        raise ImportRefused(f"{name} is empty (0 bytes); save the spreadsheet again and retry.")
    if size > MAX_FILE_BYTES:
        raise ImportRefused(
            f"{name} is {size // (1024 * 1024)} MiB; files over "
            f"{MAX_FILE_BYTES // (1024 * 1024)} MiB are not imported."
        )
    if head.startswith(OLE_MAGIC):
        if any(marker in head for marker in ENCRYPTION_MARKERS):
            raise ImportRefused(
                f"{name} is password-protected (encrypted). Open it in Excel, remove the password "
                "(File > Info > Protect Workbook > Encrypt with Password, clear it), save, and import again."
            )
        raise ImportRefused(
            f"{name} is an old Excel 97-2003 (.xls) workbook. Open it in Excel or LibreOffice and "
            "save it as Excel Workbook (.xlsx), then import that file."
        )
    if head.startswith(ZIP_MAGICS):
        _check_archive(path, name)
        return CheckedFile(path, "xlsx")
    if path.suffix.lower() in (".csv", ".txt") and _looks_like_text(head):
        return CheckedFile(path, "csv")
    if path.suffix.lower() == ".csv":
        raise ImportRefused(
            f"{name} is not readable text (CSV files must be UTF-8 or plain ASCII); "
            "save it again as 'CSV UTF-8'."
        )
    raise ImportRefused(
        f"{name} is not an Excel .xlsx workbook (nor a CSV file). "
        "Save the spreadsheet as Excel Workbook (.xlsx) and import that."
    )


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # The scan may end in the middle of a character; anything earlier is a real failure.
        return exc.start >= len(head) - 3
    return True


def _check_archive(path: Path, name: str) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except zipfile.BadZipFile:
        raise ImportRefused(
            f"{name} is truncated or damaged (its zip directory is missing or broken); "
            "save it again from Excel, or copy it again if it came by email or download."
        ) from None
    except (OSError, ValueError, RuntimeError) as exc:
        raise ImportRefused(f"{name} cannot be opened as a workbook: {exc}.") from None
    names = {info.filename for info in infos}
    if "mimetype" in names and "content.xml" in names:
        raise ImportRefused(
            f"{name} is an OpenDocument (.ods) spreadsheet. Open it in LibreOffice "
            "or Excel and save it as Excel Workbook (.xlsx), then import that."
        )
    if "xl/workbook.bin" in names:
        raise ImportRefused(
            f"{name} is an Excel binary (.xlsb) workbook. Save it as Excel Workbook "
            "(.xlsx), then import that."
        )
    if "xl/workbook.xml" not in names:
        raise ImportRefused(
            f"{name} is a zip archive but not an Excel workbook (no xl/workbook.xml). "
            "Save the spreadsheet as Excel Workbook (.xlsx)."
        )
    if len(infos) > MAX_ENTRIES:
        raise ImportRefused(
            f"{name} holds {len(infos):,} parts, more than any real workbook "
            f"({MAX_ENTRIES:,} allowed); it was not opened."
        )
    total = 0
    for info in infos:
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise ImportRefused(
                f"{name} is damaged or not from Excel: its part {info.filename} uses compression "
                f"method {info.compress_type}, which Excel never writes; {SAVE_AGAIN}."
            )
        if info.flag_bits & 0x1:
            raise ImportRefused(f"{name} has encrypted parts; remove the password in Excel and save again.")
        total += info.file_size
        if info.file_size > MAX_PART_UNCOMPRESSED:
            raise _too_big(name, f"part {info.filename} would unpack to {_mib(info.file_size)}")
        if info.file_size > RATIO_FLOOR:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > MAX_RATIO:
                raise _too_big(
                    name,
                    f"part {info.filename} is compressed {ratio:,.0f} to 1 "
                    f"(limit {MAX_RATIO} to 1), the mark of a zip bomb",
                )
    if total > MAX_TOTAL_UNCOMPRESSED:
        raise _too_big(name, f"it would unpack to {_mib(total)} (limit {_mib(MAX_TOTAL_UNCOMPRESSED)})")


def _mib(size: int) -> str:
    return f"{size / (1024 * 1024):,.0f} MiB"


def _too_big(name: str, why: str) -> ImportRefused:
    return ImportRefused(
        f"{name} was refused before reading: {why}. "
        "If it is a genuine workbook, copy just the needed sheet into a new file."
    )


def require_safe_xml() -> None:
    """Refuse to parse anything unless the XML defences are really in place.

    The small workbook parts (workbook, relationships, styles) are parsed with defusedxml. The
    big parts (sheets, shared strings) are streamed through expat with handlers that refuse any
    DTD, entity declaration or external entity (what defusedxml does), and expat 2.4.1+ limits
    entity amplification on its own as a second line. Raising here, rather than `assert`,
    keeps the check when Python runs with -O.
    """
    import pyexpat

    try:
        import defusedxml.ElementTree  # noqa: F401
    except ImportError:
        raise ImportRefused(
            "cannot import safely: the defusedxml package is missing; "
            "reinstall t2025tui (pip install t2025tui)."
        ) from None
    if pyexpat.version_info < (2, 4, 1):
        raise ImportRefused(
            "cannot import safely: this Python's XML parser (expat "
            f"{pyexpat.EXPAT_VERSION}) is too old to resist entity bombs; upgrade Python."
        )
