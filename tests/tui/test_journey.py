"""From nothing to a board pack with the keyboard alone: `t2025 init --empty`, then the app's
keys for every step (settings, the plan, a board meeting, a risk, export), ending in a pack that
holds what was typed."""

from datetime import date
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


def rows_of(pack: Path, sheet: str) -> list[list]:
    """The sheet's rows with their blank cells left out."""
    return [[cell for cell in row if cell not in ("", None)] for row in calamine_rows(pack, sheet)]


def workstream_row(rows: list[list], code: str) -> list:
    return next(row for row in rows if row and row[0] == code)


def next_step(app) -> str:
    return str(app.screen.query_one("#first-step", Static).render())


async def test_the_whole_journey_with_the_plan_and_a_decision(tmp_path: Path):
    """The journey the issue asks for, keys only: also an objective, two workstreams with leads,
    a project, milestones, a decision and a RAG change."""
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

            # The plan: an objective (o, then n), two workstreams with leads (a), a project
            # (workstream detail's A) and milestones (3, then n), the dashboard naming each next step.
            await pilot.press("1")
            await settle(pilot)
            assert next_step(app) == "Next: add a strategic objective the workstreams serve: press o, then n."
            await pilot.press("o")
            await settle(pilot)
            await pilot.press("n")
            await pilot.pause()
            await type_text(pilot, "Protect vulnerable people")
            await save(pilot)
            await pilot.press("escape")
            await settle(pilot)
            assert next_step(app) == "Next: add a workstream with its code, name and lead: press a."
            for code, name, lead in (
                ("DP", "Digital Policing", "Supt Hale"),
                ("RM", "Resource Management", ""),
            ):
                await pilot.press("a")
                await pilot.pause()
                await type_text(pilot, code)
                await pilot.press("tab")
                await type_text(pilot, name)
                await pilot.press("tab")
                await type_text(pilot, lead)
                await pilot.press("tab", "space")  # the objective's list opens
                await pilot.pause()
                await pilot.press("down", "enter")  # the objective chosen
                await pilot.pause()
                await save(pilot)
            # The second was left without a lead: the dashboard says so, and e on it gives one.
            assert next_step(app) == "Next: give workstream RM a lead: press e."
            await pilot.press("j", "e")
            await pilot.pause()
            await pilot.press("tab", "tab")
            await fill(pilot, "People Director")
            await save(pilot)
            assert next_step(app).startswith(
                "Next: add the workstreams' milestones with baseline dates: press 3, then n"
            )
            await pilot.press("k", "enter")  # Digital Policing, in workstream detail
            await settle(pilot)
            await pilot.press("A")
            await pilot.pause()
            await type_text(pilot, "Body-worn video")
            await save(pilot)
            await pilot.press("3")
            await settle(pilot)
            for placement_steps, title, baseline in (
                (1, "Devices issued", "2022-05-31"),
                (0, "Training done", "2022-06-30"),
            ):
                await pilot.press("n")
                await pilot.pause()
                await type_text(pilot, title)
                await pilot.press("tab")
                await type_text(pilot, "Insp Hale")
                await pilot.press("tab")
                await type_text(pilot, baseline)
                if placement_steps:  # into the project: the placement's list, down to it
                    for key in (
                        "shift+tab",
                        "shift+tab",
                        "shift+tab",
                        "space",
                        *["down"] * placement_steps,
                        "enter",
                    ):
                        await pilot.press(key)
                        await pilot.pause()
                await save(pilot)

            # A board meeting (b) and a decision (n) on the decision log (9, to the Decision log).
            await pilot.press("1")
            await settle(pilot)
            assert next_step(app) == "Next: add the next board meeting: press b."
            await pilot.press("9")
            await settle(pilot)
            while type(app.screen).__name__ != "DecisionsLogScreen":
                await pilot.press("9")
                await settle(pilot)
            await pilot.press("b")
            await pilot.pause()
            await fill(pilot, "2022-05-10")
            await save(pilot)
            await pilot.press("n")
            await pilot.pause()
            await pilot.press("tab")
            await type_text(pilot, "Approve the revised plan")
            await pilot.press("tab", "tab")
            await type_text(pilot, "DCC")
            await pilot.press("tab")
            await type_text(pilot, "2022-05-31")
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

            # A RAG change on the dashboard (r, a, the reason).
            await pilot.press("1")
            await settle(pilot)
            assert next_step(app) == "Next: set each workstream's RAG: press r."
            await pilot.press("g", "r")
            await pilot.pause()
            await pilot.press("a")
            await type_text(pilot, "Supplier delay on the devices")
            await save(pilot)
            assert not app.screen.query_one("#first-step", Static).display  # enough for a pack

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

    summary = rows_of(pack, "Summary")
    flat = [cell for row in summary for cell in row]
    assert "Futures Board progress pack: Change Programme — Durham Constabulary" in flat
    assert "2022/23 Q1" in flat
    assert any(str(cell).startswith("30 April 2022") for cell in flat)
    assert any("10 May 2022" in str(cell) for cell in flat)  # the board meeting
    assert "• Body-worn video roll-out is on track" in flat
    assert "OFFICIAL-SENSITIVE" in openpyxl_sheet(pack, "Summary").oddHeader.center.text
    risks = rows_of(pack, "Risks")
    risk = next(row for row in risks if "R01" in row)
    assert "Supplier cannot deliver the devices" in risk and "DCC" in risk
    assert [cell for cell in flat if cell in ("1. Approve the revised plan", "DCC", "31 May 2022")][:3] == [
        "1. Approve the revised plan",
        "DCC",
        "31 May 2022",
    ]
    workstreams = rows_of(pack, "Workstreams")
    assert workstream_row(workstreams, "DP")[:4] == ["DP", "Digital Policing", "Supt Hale", "Amber"]
    assert "Supplier delay on the devices" in workstream_row(workstreams, "DP")
    assert workstream_row(workstreams, "RM")[:3] == ["RM", "Resource Management", "People Director"]
    milestones = rows_of(pack, "Milestones")

    # Each milestone where it was put, with its owner and baseline (and, where the pack has a
    # Ref column, the ref it was given).
    def has_row(*cells) -> bool:
        return any(set(cells) <= set(row) for row in milestones)

    assert has_row("Digital Policing", "Body-worn video", "Devices issued", "Insp Hale", date(2022, 5, 31))
    assert has_row("Digital Policing", "Training done", "Insp Hale", date(2022, 6, 30))
    # Everything after the name was given is recorded as made by that person.
    reopened = open_store(db)
    try:
        whos = {
            row["who"] for row in reopened.query("SELECT who FROM change_batch WHERE summary LIKE '%risk%'")
        }
        assert whos == {"Insp Hale"}
    finally:
        reopened.close()
