"""Untrusted files are refused before parsing, with one clear line, in bounded memory."""

import tracemalloc
import zipfile

import openpyxl
import pytest

from t2025tui.core.importers import safety
from t2025tui.core.importers.risk_log import preview_risks
from t2025tui.core.importers.safety import OLE_MAGIC, ImportRefused, check_file
from t2025tui.core.importers.updates import preview_updates
from tests.importers.builders import with_shared_strings

LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + "".join(
        f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n' for i in range(1, 10)
    )
    + "]>\n"
)


def _small_xlsx(path):
    wb = openpyxl.Workbook()
    wb.active.title = "Risks"
    wb.active.append(["Ref", "Title"])
    wb.active.append(["R-1", "A risk"])
    wb.save(path)
    return path


def _rewrite_part(source, target, part, transform):
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info.filename)
            new.writestr(info.filename, transform(data) if info.filename == part else data)
    return target


def _refused_in_bounded_memory(action, match, limit=30 * 1024 * 1024):
    tracemalloc.start()
    try:
        with pytest.raises(ImportRefused, match=match):
            action()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < limit, f"peak {peak:,} bytes"


def test_not_a_zip_is_refused(tmp_path):
    path = tmp_path / "risks.xlsx"
    path.write_bytes(b"this is a text file renamed to xlsx\n" * 10)
    with pytest.raises(ImportRefused, match=r"^risks.xlsx is not an Excel .xlsx workbook"):
        check_file(path)


def test_empty_and_missing_files_are_refused(tmp_path):
    (tmp_path / "empty.xlsx").write_bytes(b"")
    with pytest.raises(ImportRefused, match="empty.xlsx is empty"):
        check_file(tmp_path / "empty.xlsx")
    with pytest.raises(ImportRefused, match="no such file"):
        check_file(tmp_path / "missing.xlsx")


def test_truncated_workbook_is_refused(tmp_path):
    whole = _small_xlsx(tmp_path / "whole.xlsx").read_bytes()
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(ImportRefused, match="cut.xlsx is truncated or damaged"):
        check_file(cut)


def test_password_protected_workbook_is_refused(tmp_path):
    # An encrypted .xlsx is an OLE compound file whose directory names these streams.
    path = tmp_path / "locked.xlsx"
    path.write_bytes(
        OLE_MAGIC
        + b"\x00" * 504
        + "EncryptionInfo".encode("utf-16-le")
        + b"\x00" * 100
        + "EncryptedPackage".encode("utf-16-le")
        + b"\x00" * 1000
    )
    with pytest.raises(ImportRefused, match="locked.xlsx is password-protected .*remove the password"):
        check_file(path)


def test_old_xls_is_refused_with_how_to_convert(tmp_path):
    path = tmp_path / "SIT Risk Log.xls"
    path.write_bytes(OLE_MAGIC + b"\x00" * 504 + "Workbook".encode("utf-16-le") + b"\x00" * 1000)
    with pytest.raises(
        ImportRefused, match=r"old Excel 97-2003 \(.xls\).*save it as Excel Workbook \(.xlsx\)"
    ):
        check_file(path)


def test_ods_and_xlsb_are_refused(tmp_path):
    ods = tmp_path / "log.ods"
    with zipfile.ZipFile(ods, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    with pytest.raises(ImportRefused, match=r"OpenDocument \(.ods\)"):
        check_file(ods)
    xlsb = tmp_path / "log.xlsb"
    with zipfile.ZipFile(xlsb, "w") as archive:
        archive.writestr("xl/workbook.bin", b"\x00")
    with pytest.raises(ImportRefused, match=r"binary \(.xlsb\)"):
        check_file(xlsb)


def test_csv_is_accepted_for_risks_but_not_for_the_pack(store, tmp_path):
    path = tmp_path / "updates.csv"
    path.write_text("Code,RAG now\nFCR,Red\n", encoding="utf-8")
    assert check_file(path).kind == "csv"
    with pytest.raises(
        ImportRefused, match="updates.csv is a CSV file; this import needs the .xlsx workbook"
    ):
        preview_updates(store, path)
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"\xff\xfe\x00R\x00e\x00f")
    with pytest.raises(ImportRefused, match="not readable text"):
        check_file(binary)


def test_zip_bomb_is_refused_before_inflating(store, tmp_path):
    source = _small_xlsx(tmp_path / "source.xlsx")
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info.filename, old.read(info.filename))
        with new.open("xl/media/padding.bin", "w") as part:
            chunk = b"\x00" * (1024 * 1024)
            for _ in range(64):
                part.write(chunk)
    _refused_in_bounded_memory(
        lambda: preview_risks(store, bomb),
        r"bomb.xlsx was refused before reading: part xl/media/padding.bin is compressed "
        r"[\d,]+ to 1 \(limit 200 to 1\)",
    )


def test_declared_total_size_limit(monkeypatch, tmp_path):
    path = _small_xlsx(tmp_path / "big.xlsx")
    monkeypatch.setattr(safety, "MAX_TOTAL_UNCOMPRESSED", 1000)
    with pytest.raises(ImportRefused, match=r"big.xlsx was refused before reading: it would unpack to"):
        check_file(path)


@pytest.mark.parametrize("part", ["xl/worksheets/sheet1.xml", "xl/workbook.xml"])
def test_billion_laughs_is_refused_in_bounded_memory(store, tmp_path, part):
    source = _small_xlsx(tmp_path / "source.xlsx")

    def add_entities(data: bytes) -> bytes:
        body = data.decode("utf-8").split("?>", 1)[-1]
        body = (
            body.replace("<t>", "<t>&lol9;", 1)
            if "<t>" in body
            else body.replace("<sheets>", "<sheets>&lol9;")
        )
        return (LAUGHS + body).encode("utf-8")

    bomb = _rewrite_part(source, tmp_path / "laughs.xlsx", part, add_entities)
    _refused_in_bounded_memory(
        lambda: preview_risks(store, bomb),
        r"laughs.xlsx was refused: its part .* declares (a DTD or entities|entities or a DTD)",
    )


def test_shared_strings_with_a_dtd_are_refused(store, tmp_path):
    source = with_shared_strings(_small_xlsx(tmp_path / "inline.xlsx"), tmp_path / "source.xlsx")
    assert preview_risks(store, source).rows[0].label == "R-1"
    bomb = _rewrite_part(
        source,
        tmp_path / "strings.xlsx",
        "xl/sharedStrings.xml",
        lambda data: (LAUGHS + data.decode("utf-8").split("?>", 1)[-1]).encode("utf-8"),
    )
    with pytest.raises(ImportRefused, match="part xl/sharedStrings.xml declares a DTD"):
        preview_risks(store, bomb)


def test_xml_defences_are_checked_before_parsing(monkeypatch, store, tmp_path):
    import pyexpat

    monkeypatch.setattr(pyexpat, "version_info", (2, 2, 0))
    with pytest.raises(ImportRefused, match="cannot import safely"):
        preview_risks(store, _small_xlsx(tmp_path / "fine.xlsx"))
