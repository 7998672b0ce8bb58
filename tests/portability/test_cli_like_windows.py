"""Every `t2025` command gives the same results and messages with the Unix-only parts taken
away (as on Windows) as it does on Linux, in folders with spaces, non-ASCII names and long paths."""

import json
import os
import re

import pytest

from t2025tui.cli import main
from tests.importers.builders import messy_risk_log

FOLDERS = {
    "spaces": "Programme Office/Futures Board packs",
    "non-ASCII": "Équipe PMO – Überprüfung/Ωmega ✓",
    "URI characters": "PMO #3 (50% done)/what? & why",
    # Over Windows' old 260-character limit once tmp_path is in front.
    "long": "/".join(["a folder whose name is long enough to matter"] * 6),
}


def session(base, capsys) -> list[tuple[int, str, str]]:
    """What a programme manager does from the command line, from a new database to an import."""
    base.mkdir(parents=True)
    db = str(base / "t2025.db")
    risk_log = messy_risk_log(base / "SIT Risk Log V6 March 2022.xlsx", invalid_row=False)
    steps = [
        ["init", "--db", db],
        ["--db", db, "summary"],
        ["--db", db, "check"],
        ["--db", db, "history", "--limit", "3"],
        ["--db", db, "export", "--out", str(base / "Futures Board pack.xlsx")],
        ["--db", db, "export", "--out", str(base / "Futures Board pack.xlsx")],  # replaces it
        ["--db", db, "dump", "--out", str(base / "programme dump.json")],
        ["--db", db, "backup", "--out", str(base / "backups" / "copy of t2025.db")],
        ["--db", str(base / "restored.db"), "load", str(base / "programme dump.json")],
        ["--db", db, "import", "risks", str(risk_log)],
        ["--db", db, "summary"],
        ["--db", db, "init"],  # refused: already exists
        ["--db", str(base / "missing.db"), "summary"],  # refused: no database
    ]
    results = []
    for argv in steps:
        code = main(argv)
        out, err = capsys.readouterr()
        results.append((code, _neutral(out, base), _neutral(err, base)))
    return results


def _neutral(text: str, base) -> str:
    """The same session in two folders at two moments: remove the folder and the clock."""
    text = text.replace(str(base), "<base>")
    return re.sub(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:?\d{2}|Z)?", "<time>", text)


@pytest.mark.parametrize("folder", FOLDERS.values(), ids=FOLDERS.keys())
def test_every_command_gives_the_same_results_and_messages_as_on_linux(folder, tmp_path, capsys, request):
    on_linux = session(tmp_path / "linux" / folder, capsys)
    request.getfixturevalue("like_windows")
    like_windows = session(tmp_path / "windows" / folder, capsys)
    assert like_windows == on_linux
    codes = [code for code, _, _ in like_windows]
    assert codes == [0] * 11 + [1, 1], like_windows
    base = tmp_path / "windows" / folder
    assert (base / "Futures Board pack.xlsx").stat().st_size > 0
    assert json.loads((base / "programme dump.json").read_text(encoding="utf-8"))
    assert (base / "backups" / "copy of t2025.db").exists() and (base / "restored.db").exists()
    assert "Imported SIT Risk Log V6 March 2022.xlsx" in like_windows[9][1]
    assert like_windows[-1][2].startswith("t2025: error: No database at <base>/missing.db")


def test_every_command_waits_out_a_scanner_holding_each_new_file_for_a_moment(
    tmp_path, capsys, monkeypatch, request
):
    """Windows Defender and indexers open a new file briefly: the first replace of every file
    then fails with a sharing violation, and the results are still the same as on Linux."""
    from tests.portability.conftest import sharing_violation

    folder = FOLDERS["spaces"]
    on_linux = session(tmp_path / "linux" / folder, capsys)
    request.getfixturevalue("like_windows")
    monkeypatch.setattr("t2025tui.core.atomic_file.RETRY_DELAYS", (0.0, 0.0, 0.0))
    real_replace, refused = os.replace, []

    def held_once(src, dst, *args, **kwargs):
        if dst not in refused:
            refused.append(dst)
            raise sharing_violation(dst)
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", held_once)
    assert session(tmp_path / "windows" / folder, capsys) == on_linux
    assert len(refused) == 5  # the pack, the dump, the backup, two new databases
