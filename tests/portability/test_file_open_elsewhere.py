"""Replacing a pack (or any file t2025 writes) that Excel has open fails on Windows with a
sharing violation: one line says to close it or use another name, the old file stays as it was,
no temporary file is left, and the app offers the next free name."""

import os

import pytest
from textual.app import App
from textual.widgets import Input, Label

from t2025tui.cli import main
from t2025tui.core.atomic_file import next_free_name, write_atomically
from t2025tui.tui.modals.export import ExportModal


def _listing(folder):
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize(
    "command, name, program, verb",
    [
        ("export", "Futures Board pack.xlsx", "in Excel", "export"),
        ("dump", "programme.json", "in the program that has it open", "save"),
    ],
)
def test_a_file_open_in_another_program_is_left_as_it_was_with_one_line_saying_what_to_do(
    command, name, program, verb, seeded_db_path, tmp_path, capsys, like_windows, open_in_excel
):
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / name
    assert main(["--db", str(seeded_db_path), command, "--out", str(target)]) == 0
    before, listing = target.read_bytes(), _listing(folder)
    capsys.readouterr()
    open_in_excel(target)
    code = main(["--db", str(seeded_db_path), command, "--out", str(target)])
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    free = next_free_name(target).name
    assert err.splitlines() == [
        f"t2025: error: {target} is open in another program: close {name} {program}, "
        f"or {verb} under another name (such as {free}). The file was left as it was."
    ]
    assert target.read_bytes() == before
    assert _listing(folder) == listing, "a temporary file was left behind"


def test_a_brief_hold_by_a_virus_scanner_is_waited_out(seeded_db_path, tmp_path, capsys, open_in_excel):
    target = tmp_path / "pack.xlsx"
    attempts = open_in_excel(target, times=2)
    assert main(["--db", str(seeded_db_path), "export", "--out", str(target)]) == 0
    assert attempts[target] == 3 and target.stat().st_size > 0
    assert _listing(tmp_path) == sorted(["data", "home", "pack.xlsx"])


def test_other_permission_errors_are_not_taken_for_a_file_in_use(tmp_path, monkeypatch):
    def refused(src, dst):
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr(os, "replace", refused)
    with pytest.raises(PermissionError):
        write_atomically(tmp_path / "notes.txt", lambda temp: temp.write_text("x"))
    assert _listing(tmp_path) == ["home"]


def test_next_free_name_skips_names_already_taken(tmp_path):
    pack = tmp_path / "futures-board-pack-2022-03-15.xlsx"
    assert next_free_name(pack).name == "futures-board-pack-2022-03-15-2.xlsx"
    (tmp_path / "futures-board-pack-2022-03-15-2.xlsx").write_bytes(b"")
    assert next_free_name(pack).name == "futures-board-pack-2022-03-15-3.xlsx"


class Host(App):
    def __init__(self, store):
        super().__init__()
        self.store = store
        self.result = None

    def on_mount(self) -> None:
        self.push_screen(ExportModal(self.store), callback=self.finished)

    def finished(self, result) -> None:
        self.result = result


async def test_the_app_offers_the_next_free_name_and_enter_exports_there(
    store, tmp_path, like_windows, open_in_excel
):
    target = tmp_path / "pack.xlsx"
    target.write_bytes(b"the pack the board is reading")
    open_in_excel(target)
    app = Host(store)
    async with app.run_test(size=(120, 40)) as pilot:
        app.screen.query_one("#field-path", Input).value = str(target)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ExportModal)
        error = str(app.screen.query_one("#error-path", Label).render())
        assert "close pack.xlsx in Excel" in error and "Press enter to export as pack-2.xlsx" in error
        assert app.screen.query_one("#field-path", Input).value == str(tmp_path / "pack-2.xlsx")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert app.result == f"Pack written to {tmp_path / 'pack-2.xlsx'}"
    assert target.read_bytes() == b"the pack the board is reading"


@pytest.mark.parametrize(
    "name, why",
    [
        ("board: March.xlsx", "Windows does not allow ':'"),
        ('pack "final".xlsx', "Windows does not allow '\"'"),
        ("what?.json", "Windows does not allow '?'"),
        ("CON.xlsx", "Windows keeps the name CON for a device"),
        ("lpt1.db", "Windows keeps the name lpt1 for a device"),
        ("pack.xlsx.", "drops a space or full stop at the end"),
    ],
)
def test_names_windows_cannot_hold_are_refused_there_before_anything_is_written(name, why, tmp_path):
    from t2025tui.core.errors import ValidationError

    with pytest.raises(ValidationError) as refused:
        write_atomically(tmp_path / name, lambda temp: temp.write_text("x"), windows=True)
    message = str(refused.value)
    assert message.startswith(f"{name} cannot be used as a file name: ") and why in message
    assert message.endswith(". Choose another name.")
    assert _listing(tmp_path) == ["home"]


@pytest.mark.parametrize(
    "name", ["Futures Board pack 15-03-2022.xlsx", "Équipe – pack (v2).xlsx", "console.xlsx"]
)
def test_ordinary_names_are_fine_on_windows(name, tmp_path):
    write_atomically(tmp_path / name, lambda temp: temp.write_text("x"), windows=True)
    assert (tmp_path / name).read_text() == "x"
