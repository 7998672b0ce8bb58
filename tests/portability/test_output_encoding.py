"""Output redirected to a file or pipe on Windows uses the ANSI code page (cp1252): every
command still prints every character, as UTF-8, and an error line naming a folder such as
"Ωmega" is still one clear line, never a UnicodeEncodeError."""

import io
import sys

from t2025tui.cli import main


class Console(io.TextIOWrapper):
    """A console in an old code page that cannot show every character."""

    def isatty(self) -> bool:
        return True


def _streams(monkeypatch, kind=io.TextIOWrapper, encoding="cp1252"):
    raw_out, raw_err = io.BytesIO(), io.BytesIO()
    out, err = kind(raw_out, encoding=encoding), kind(raw_err, encoding=encoding)
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)

    def read() -> tuple[bytes, bytes]:
        sys.stdout.flush()
        sys.stderr.flush()
        return raw_out.getvalue(), raw_err.getvalue()

    return read


def test_redirected_output_is_utf8_and_carries_every_character(tmp_path, monkeypatch):
    read = _streams(monkeypatch)
    folder = tmp_path / "Ωmega → PMO"
    db = str(folder / "t2025.db")
    assert main(["--db", db, "init", "--empty", "--name", "Ωmega → 2026"]) == 0
    assert main(["--db", db, "summary"]) == 0
    assert main(["--db", str(folder / "missing.db"), "summary"]) == 1
    out, err = read()
    assert "Created an empty programme 'Ωmega → 2026'" in out.decode("utf-8")
    assert "Ωmega → 2026" in out.decode("utf-8").split("\n", 1)[1]
    assert err.decode("utf-8").splitlines() == [
        f"t2025: error: No database at {folder / 'missing.db'}. Create one with: "
        f"t2025 init --db {folder / 'missing.db'}"
    ]


def test_a_console_that_lacks_a_character_shows_a_stand_in_instead_of_failing(tmp_path, monkeypatch):
    read = _streams(monkeypatch, kind=Console, encoding="cp437")
    db = str(tmp_path / "t2025.db")
    assert main(["--db", db, "init", "--empty", "--name", "Ωmega → 2026"]) == 0
    assert main(["--db", db, "summary"]) == 0
    out, err = read()
    assert err == b""
    assert "Ωmega ? 2026" in out.decode("cp437")  # Ω is in cp437; the arrow is not
