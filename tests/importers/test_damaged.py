"""Damaged and hostile files: one clear line (CLI and app), in bounded memory and time.

Each kind of damage a tester found is a class: the file is refused with a message saying it is
damaged (or what exactly is wrong) and how to fix it, never "unexpected error"."""

import os
import struct
import sys
import zipfile
from datetime import date

import openpyxl
import pytest

from t2025tui.cli import main
from t2025tui.core.export import export_pack
from tests.importers.builders import with_shared_strings


def _good(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Risks"
    ws.append(["Ref", "Title", "Review date"])
    for i in range(40):
        ws.append([f"R-{i}", "A risk that is long enough to compress " * 5, date(2022, 3, 31)])
    path = tmp_path / "good.xlsx"
    wb.save(path)
    return path


def _rewrite(source, target, part, transform):
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info.filename)
            new.writestr(info.filename, transform(data) if info.filename == part else data)
    return target


def _entry(raw: bytes, name: str) -> tuple[int, int, int]:
    """(local header offset, central directory header offset, compressed size) of a part."""
    with zipfile.ZipFile(_bytes_path(raw)) as archive:
        info = archive.getinfo(name)
    central = raw.rfind(b"PK\x01\x02", 0, raw.rfind(name.encode()))
    return info.header_offset, central, info.compress_size


def _bytes_path(raw):
    import io

    return io.BytesIO(raw)


SHEET = "xl/worksheets/sheet1.xml"


def flipped_byte(raw):
    local, _, size = _entry(raw, SHEET)
    data = bytearray(raw)
    name_length, extra_length = struct.unpack_from("<HH", raw, local + 26)
    data[local + 30 + name_length + extra_length + size // 2] ^= 0xFF
    return bytes(data)


def bad_crc(raw):
    local, central, _ = _entry(raw, SHEET)
    data = bytearray(raw)
    data[local + 14] ^= 0x01
    data[central + 16] ^= 0x01
    return bytes(data)


def unsupported_method(raw):
    local, central, _ = _entry(raw, SHEET)
    data = bytearray(raw)
    struct.pack_into("<H", data, local + 8, 99)
    struct.pack_into("<H", data, central + 10, 99)
    return bytes(data)


def local_header_disagrees(raw):
    local, _, _ = _entry(raw, SHEET)
    data = bytearray(raw)
    data[local + 30] = ord("Q")  # the name in the local header is no longer the directory's
    return bytes(data)


PART_DAMAGE = {
    "NaN in a date cell": (SHEET, lambda x: x.replace(b"<v>44651</v>", b"<v>NaN</v>", 1)),
    "infinity in a number cell": (SHEET, lambda x: x.replace(b"<v>44651</v>", b"<v>1e999</v>", 1)),
    "non-numeric number-format id": (
        "xl/styles.xml",
        lambda x: x.replace(b'numFmtId="164"', b'numFmtId="x"'),
    ),
    "unknown XML encoding (sheet)": (SHEET, lambda x: b'<?xml version="1.0" encoding="x-klingon"?>' + x),
    "unknown XML encoding (workbook)": (
        "xl/workbook.xml",
        lambda x: b'<?xml version="1.0" encoding="x-klingon"?>' + x.split(b"?>", 1)[-1],
    ),
    "non-ASCII digit in a row index": (SHEET, lambda x: x.replace(b'<row r="2"', '<row r="²"'.encode(), 1)),
    "non-ASCII digit in a cell reference": (
        SHEET,
        lambda x: x.replace(b'r="A2"', '<c r="A²"'.encode()[3:], 1),
    ),
    "huge style index": (SHEET, lambda x: x.replace(b' s="1"', b' s="' + b"9" * 5000 + b'"', 1)),
    "merge range with a huge row": (
        SHEET,
        lambda x: x.replace(
            b"</sheetData>",
            b'</sheetData><mergeCells><mergeCell ref="A1:B99999999999999999999"/></mergeCells>',
        ),
    ),
}
ZIP_DAMAGE = {
    "flipped byte in a compressed part": flipped_byte,
    "bad CRC": bad_crc,
    "unsupported compression method": unsupported_method,
    "local header disagrees with the directory": local_header_disagrees,
}


def _cli(db, *args):
    return main(["--db", str(db), "import", *args])


def _assert_one_clear_line(capsys, code, *, words=("damaged",)):
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1, err
    assert len(err) == 1 and err[0].startswith("t2025: error: "), err
    assert "unexpected" not in err[0] and "Traceback" not in err[0]
    assert any(word in err[0] for word in words), err[0]
    return err[0]


@pytest.mark.parametrize("damage", list(ZIP_DAMAGE))
def test_a_damaged_archive_gets_the_damaged_message(seeded_db_path, tmp_path, capsys, damage):
    path = tmp_path / "damaged.xlsx"
    path.write_bytes(ZIP_DAMAGE[damage](_good(tmp_path).read_bytes()))
    line = _assert_one_clear_line(capsys, _cli(seeded_db_path, "risks", str(path)))
    assert "save it again" in line


@pytest.mark.parametrize("damage", list(PART_DAMAGE))
def test_a_damaged_part_gets_a_clear_message(seeded_db_path, tmp_path, capsys, damage):
    part, transform = PART_DAMAGE[damage]
    path = _rewrite(_good(tmp_path), tmp_path / "damaged.xlsx", part, transform)
    code = _cli(seeded_db_path, "risks", str(path))
    if code == 0:  # read as far as it makes sense: the damaged value itself is refused or left out
        capsys.readouterr()
        return
    _assert_one_clear_line(capsys, code, words=("damaged", "not a date", "invalid row"))


def test_a_non_ascii_digit_in_a_shared_string_index(seeded_db_path, tmp_path, capsys):
    shared = with_shared_strings(_good(tmp_path), tmp_path / "shared.xlsx")
    path = _rewrite(
        shared, tmp_path / "damaged.xlsx", SHEET, lambda x: x.replace(b"<v>0</v>", "<v>٣</v>".encode(), 1)
    )
    code = _cli(seeded_db_path, "risks", str(path))
    out = capsys.readouterr()
    assert "unexpected" not in out.err and code in (0, 1)


def test_a_csv_field_over_128_kib_is_refused_or_read_whole(seeded_db_path, tmp_path, capsys):
    path = tmp_path / "long.csv"
    path.write_text("Ref,Title,Notes\nR-1,Long," + "x" * (200 * 1024) + "\n", encoding="utf-8")
    code = _cli(seeded_db_path, "risks", str(path), "--dry-run")
    line = _assert_one_clear_line(capsys, code, words=("long.csv",))
    assert "line 2" in line and "KiB" in line


def test_a_huge_number_in_the_pack_property_gets_a_clear_message(store, seeded_db_path, tmp_path, capsys):
    pack = export_pack(store, tmp_path / "pack.xlsx") or tmp_path / "pack.xlsx"
    for value in (b"9" * 400, b"1e308", b"-5", b"NaN"):
        path = _rewrite(
            tmp_path / "pack.xlsx",
            tmp_path / "odd.xlsx",
            "docProps/custom.xml",
            lambda x, value=value: __import__("re").sub(
                rb"<vt:i4>\d+</vt:i4>", b"<vt:i4>" + value + b"</vt:i4>", x
            ),
        )
        code = _cli(seeded_db_path, "updates", str(path), "--dry-run")
        out = capsys.readouterr()
        assert "unexpected" not in out.err, (value, out.err)
        assert code in (0, 1)
    del pack


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a Unix thing")
def test_a_fifo_is_refused_at_once(seeded_db_path, tmp_path, capsys):
    fifo = tmp_path / "risks.xlsx"
    os.mkfifo(fifo)
    line = _assert_one_clear_line(
        capsys, _cli(seeded_db_path, "risks", str(fifo)), words=("not a regular file",)
    )
    assert "risks.xlsx" in line


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero here")
def test_a_device_is_refused_at_once(seeded_db_path, capsys):
    _assert_one_clear_line(capsys, _cli(seeded_db_path, "risks", "/dev/zero"), words=("not a regular file",))


def test_hidden_sheets_are_said_to_be_skipped(store, tmp_path):
    from t2025tui.core.importers.risk_log import preview_risks

    wb = openpyxl.Workbook()
    wb.active.title = "Register"
    wb.active.append(["Ref", "Title"])
    wb.active.append(["H-1", "Visible"])
    hidden = wb.create_sheet("Old risks")
    hidden.append(["Ref", "Title"])
    hidden.append(["H-2", "Hidden"])
    hidden.sheet_state = "hidden"
    path = tmp_path / "hidden.xlsx"
    wb.save(path)
    preview = preview_risks(store, path)
    assert [row.label for row in preview.rows] == ["H-1"]
    assert any(w.where == "Old risks" and "hidden sheet, not read" in w.message for w in preview.warnings)
    assert [row.label for row in preview_risks(store, path, sheet="Old risks").rows] == ["H-2"]


del sys
