"""Item 6: the app under a real pseudo-terminal survives SIGTERM and SIGHUP mid-session.

`t2025` runs on a pty (as in a terminal emulator); the test types a note into it, waits until
the note is in the database (a confirmed edit), opens a form so the session is mid-task, then
sends the signal. The app must leave the alternate screen (ESC[?1049l), exit with 128+n, print
no traceback, and the confirmed note must still be in the file.
"""

import os
import signal
import subprocess
import time

import pytest

from tests.reliability.conftest import PYTHON, needs_app
from tests.reliability.pty_app import PtyApp, note_saved

LEAVE_ALT_SCREEN = b"\x1b[?1049l"
ENTER_ALT_SCREEN = b"\x1b[?1049h"


@needs_app
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_signal_mid_session_restores_terminal_and_keeps_confirmed_edits(sig, seeded_db_path):
    with PtyApp(seeded_db_path) as app:
        app.wait_for(
            lambda: b"Force Control Room" in app.output or b"Force Control" in app.output, 30, "the dashboard"
        )
        assert ENTER_ALT_SCREEN in app.output
        note = f"confirmed before {sig.name}"
        app.type("n")
        app.pump(0.5)
        app.type(note)
        app.type("\r")
        app.wait_for(lambda: note_saved(seeded_db_path, note), 15, "the note to be saved")
        app.pump(0.3)
        app.type("c")  # open the commentary form: the signal arrives mid-task
        app.pump(0.5)
        app.type("unsaved words")
        mark = len(app.output)
        os.kill(app.process.pid, sig)
        code = app.finish()
    after_signal = bytes(app.output[mark:])
    assert code == 128 + sig, f"exit code {code}, expected {128 + sig}"
    assert LEAVE_ALT_SCREEN in after_signal, "the terminal was left in the alternate screen"
    assert b"Traceback" not in app.output
    assert note_saved(seeded_db_path, note), "a confirmed edit was lost"
    check = subprocess.run(
        [PYTHON, "-m", "t2025tui", "--db", str(seeded_db_path), "check"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert check.returncode == 0, check.stdout + check.stderr


TERM_MOMENTS = 8


def test_sigterm_during_export_or_dump_leaves_no_partial_or_temporary_file(seeded_db_path, tmp_path):
    """`t2025 export` / `dump --out` stopped by SIGTERM at seeded moments: the output is either
    complete or absent, no temporary file is left beside it, and the exit code is 143 (or 0 if
    it had already finished)."""
    import random
    import zipfile

    from tests.reliability.test_disk_full import _make_pack_large

    _make_pack_large(seeded_db_path)  # a pack that takes long enough to be interrupted
    rng = random.Random(143)
    interrupted = 0
    for run in range(TERM_MOMENTS):
        out = tmp_path / f"out{run}"
        out.mkdir()
        target = out / ("pack.xlsx" if run % 2 == 0 else "programme.json")
        command = ["export", "--out", str(target)] if run % 2 == 0 else ["dump", "--out", str(target)]
        child = subprocess.Popen(
            [PYTHON, "-m", "t2025tui", "--db", str(seeded_db_path), *command],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        # Aim at the write itself: wait for the temporary file to appear, then a seeded moment more.
        deadline = time.monotonic() + 30
        while child.poll() is None and time.monotonic() < deadline and not list(out.glob(".*.tmp")):
            time.sleep(0.001)
        time.sleep(rng.uniform(0.0, 0.01 if run < 4 else 0.15 if run % 2 == 0 else 0.03))
        child.send_signal(signal.SIGTERM)
        _, err = child.communicate(timeout=60)
        names = [p.name for p in out.iterdir()]
        assert names in ([], [target.name]), f"run {run} left {names}"
        # -15: the signal came after `main` had returned (the work was done): the default action.
        assert child.returncode in (0, 128 + signal.SIGTERM) or (
            child.returncode == -signal.SIGTERM and names
        ), (child.returncode, err)
        assert "Traceback" not in err, err
        interrupted += child.returncode == 128 + signal.SIGTERM
        if names and target.suffix == ".xlsx":
            assert zipfile.ZipFile(target).testzip() is None
    assert interrupted > 0, "no SIGTERM arrived while the command was still running"


def test_a_signal_that_a_library_turns_into_another_error_still_exits_as_the_signal(
    seeded_db_path, tmp_path, monkeypatch, capsys
):
    """openpyxl converts values under a bare `except:`, so the exit a SIGTERM raises there comes
    out as a TypeError: the export still stops as signalled (143), leaving nothing behind, and
    says nothing about an "unexpected error"."""
    from t2025tui import cli
    from t2025tui.core.export import workstreams_sheet

    def interrupted(wb, ctx):
        try:
            cli._raise_exit(signal.SIGTERM, None)  # the handler, as the signal would run it
        except:  # noqa: E722  # as openpyxl's _convert does
            raise TypeError("expected <class 'openpyxl.worksheet.cell_range.MultiCellRange'>") from None

    monkeypatch.setattr(workstreams_sheet, "write", interrupted)
    out = tmp_path / "out"
    out.mkdir()
    code = cli.main(["--db", str(seeded_db_path), "export", "--out", str(out / "pack.xlsx")])
    assert code == 128 + signal.SIGTERM
    assert list(out.iterdir()) == []
    assert "unexpected error" not in capsys.readouterr().err
    # The next run in the same process is not taken for a signalled one.
    monkeypatch.setattr(workstreams_sheet, "write", lambda wb, ctx: (_ for _ in ()).throw(TypeError("boom")))
    assert cli.main(["--db", str(seeded_db_path), "export", "--out", str(out / "pack.xlsx")]) == 2
