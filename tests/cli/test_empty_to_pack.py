"""From nothing to a board pack on the command line alone, as a real `t2025` process: an empty
programme, its settings, an objective, two workstreams with leads, projects, milestones, a
meeting with a decision, a key message, a risk and a RAG change, then the export, which holds
what was typed."""

from tests.cli.helpers import process
from tests.export.reading import calamine_rows


def t2025(db, *argv) -> str:
    result = process("--db", db, *argv, timeout=120)
    assert result.returncode == 0 and result.stderr == "", (argv, result.stdout, result.stderr)
    return result.stdout


def cells(path, sheet) -> set[str]:
    return {str(value) for row in calamine_rows(path, sheet) for value in row if value not in ("", None)}


def test_an_empty_programme_becomes_a_pack_holding_what_was_typed(tmp_path):
    db, pack = tmp_path / "horizon.db", tmp_path / "pack.xlsx"
    assert "First: add a strategic objective" in t2025(
        db, "init", "--empty", "--name", "Op Horizon", "--organisation", "Anyshire Police"
    )
    t2025(
        db,
        "settings",
        "--status-date",
        "2022-04-01",
        "--period",
        "2022/23 Q1",
        "--marking",
        "OFFICIAL-SENSITIVE",
    )
    t2025(db, "add", "objective", "--title", "Keeping people safe")
    t2025(
        db,
        "add",
        "workstream",
        "--code",
        "DP",
        "--name",
        "Digital Policing",
        "--lead",
        "Supt Hale",
        "--objective",
        "1",
    )
    t2025(db, "add", "workstream", "--code", "CR", "--name", "Control Room", "--lead", "Ch Insp Rowe")
    t2025(db, "add", "project", "--workstream", "DP", "--name", "Body-worn video")
    t2025(db, "add", "project", "--workstream", "CR", "--name", "Call triage")
    ref = t2025(
        db, "add", "milestone", "--workstream", "DP", "--project", "Body-worn video", "--title", "Devices issued",
        "--owner", "Insp Hale", "--baseline", "2022-05-31", "--forecast", "2022-05-31",
    ).strip()  # fmt: skip
    assert ref == "DP-M01"
    t2025(
        db,
        "add",
        "milestone",
        "--project",
        "Call triage",
        "--title",
        "Triage live",
        "--baseline",
        "2022-06-30",
    )
    t2025(db, "add", "meeting", "--date", "2022-04-12", "--title", "Futures Board")
    t2025(
        db,
        "add",
        "decision",
        "--meeting",
        "2022-04-12",
        "--title",
        "Approve the revised plan",
        "--owner",
        "DCC",
    )
    t2025(db, "add", "key-message", "--text", "Body-worn video is on track for May")
    t2025(db, "add", "risk", "--ref", "R01", "--title", "Supplier capacity", "--owner", "Supt Hale")
    t2025(db, "set", "workstream", "DP", "--rag", "Green")
    t2025(db, "set", "workstream", "CR", "--rag", "Amber")
    t2025(db, "set", "milestone", "DP-M01", "--forecast", "2022-06-14", "--reason", "Supplier delay")
    t2025(db, "export", "--out", str(pack))

    summary = cells(pack, "Summary")
    for typed in (
        "Op Horizon",
        "Body-worn video is on track for May",
        "Approve the revised plan",
        "Digital Policing",
    ):
        assert any(typed in cell for cell in summary), f"{typed!r} is not on the Summary sheet"
    milestones = cells(pack, "Milestones")
    assert {"Devices issued", "Triage live", "Supplier delay"} <= milestones
    assert "Supplier capacity" in cells(pack, "Risks")
