"""From nothing to a board pack with the keyboard alone: `t2025 init --empty`, then the app's
keys for every step (settings, the plan, a board meeting, a risk, export), ending in a pack that
holds what was typed."""

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Static

from t2025tui import cli
from t2025tui.core.store import open_store
from t2025tui.tui.app import T2025App
from t2025tui.tui.modals.dialog import Dialog
from t2025tui.tui.modals.form import Form
from tests.export.reading import calamine_rows, openpyxl_sheet
from tests.tui.conftest import notifications, settle, type_text

SETTING_ROWS = ("name", "organisation", "reporting_period", "status_date", "rag_scale", "tolerance", "bands")
SETTING_ROWS += ("marking", "user_name")


async def fill(pilot: Pilot, text: str) -> None:
    """Replace what the focused box holds, as keys: to the start, delete to the end, type."""
    await pilot.press("home", "ctrl+k")
    await type_text(pilot, text)


async def save(pilot: Pilot) -> None:
    await pilot.press("enter")
    await settle(pilot)
    assert not isinstance(pilot.app.screen, Form), pilot.app.screen.errors  # saved, not refused


async def set_setting(pilot: Pilot, row: str, text: str) -> None:
    await pilot.press("g", *["j"] * SETTING_ROWS.index(row), "e")
    await pilot.pause()
    await fill(pilot, text)
    await save(pilot)


def next_step(app) -> str:
    return str(app.screen.query_one("#first-step", Static).render())


async def test_from_an_empty_file_to_a_pack_with_the_keys_alone(tmp_path: Path):
    db = tmp_path / "t2025.db"
    pack = tmp_path / "board-pack.xlsx"
    created = cli.main(
        [
            "--db",
            str(db),
            "init",
            "--empty",
            "--name",
            "Change Programme",
            "--organisation",
            "Durham Constabulary",
        ]
    )
    assert created == 0
    store = open_store(db)
    try:
        app = T2025App(store, poll_seconds=0)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            assert next_step(app).startswith("Next: add a strategic objective")

            # Settings (0): period, status date, marking, who is typing; a key message.
            await pilot.press("0")
            await settle(pilot)
            await set_setting(pilot, "reporting_period", "2022/23 Q1")
            await set_setting(pilot, "status_date", "2022-04-30")
            await set_setting(pilot, "marking", "OFFICIAL-SENSITIVE")
            await set_setting(pilot, "user_name", "Insp Hale")
            await pilot.press("n")
            await pilot.pause()
            await type_text(pilot, "Body-worn video roll-out is on track")
            await save(pilot)

            # The board meeting, from the dashboard (b).
            await pilot.press("1")
            await settle(pilot)
            await pilot.press("b")
            await pilot.pause()
            await fill(pilot, "2022-05-10")
            await save(pilot)

            # A risk (4, then n): ref, title, owner and its scores.
            await pilot.press("4")
            await settle(pilot)
            await pilot.press("n")
            await pilot.pause()
            await type_text(pilot, "R01")
            await pilot.press("tab")
            await type_text(pilot, "Supplier cannot deliver the devices")
            await pilot.press(*["tab"] * 5)  # cause, event, effect, category, to the owner
            await type_text(pilot, "DCC")
            for score in ("4", "4", "3", "4"):  # inherent, then residual, likelihood and impact
                await pilot.press("tab")
                await type_text(pilot, score)
            await save(pilot)

            # Export (ctrl+e), to a path typed in the dialog.
            await pilot.press("ctrl+e")
            await pilot.pause()
            await fill(pilot, str(pack))
            await pilot.press("enter")
            for _ in range(100):
                await settle(pilot)
                if not isinstance(app.screen, Dialog):  # the export dialog closes when the pack is written
                    break
                await pilot.pause(0.1)
            assert any("Pack written to" in note for note in notifications(app))
    finally:
        store.close()

    summary = [[cell for cell in row if cell not in ("", None)] for row in calamine_rows(pack, "Summary")]
    flat = [cell for row in summary for cell in row]
    assert "Futures Board progress pack: Change Programme — Durham Constabulary" in flat
    assert "2022/23 Q1" in flat
    assert any(str(cell).startswith("30 April 2022") for cell in flat)
    assert any("10 May 2022" in str(cell) for cell in flat)  # the board meeting
    assert "• Body-worn video roll-out is on track" in flat
    assert "OFFICIAL-SENSITIVE" in openpyxl_sheet(pack, "Summary").oddHeader.center.text
    risks = [[cell for cell in row if cell not in ("", None)] for row in calamine_rows(pack, "Risks")]
    risk = next(row for row in risks if "R01" in row)
    assert "Supplier cannot deliver the devices" in risk and "DCC" in risk
    # Everything after the name was given is recorded as made by that person.
    reopened = open_store(db)
    try:
        whos = {
            row["who"] for row in reopened.query("SELECT who FROM change_batch WHERE summary LIKE '%risk%'")
        }
        assert whos == {"Insp Hale"}
    finally:
        reopened.close()
