"""The user's own keys and theme, kept in the per-user config folder.

`keymap.txt` rebinds any binding by its id (F1 lists the ids beside the keys), one per line:

    # t2025 keys: <binding id> = <key>[,<key>...]
    dashboard.rag = R
    app.undo = ctrl+u,ctrl+z

A line that cannot be used is named in a one-line warning and the default keys stay. The
theme chosen from the command palette is remembered in `theme.txt` beside it. The folder is
`platformdirs.user_config_dir("t2025tui")`, or `$T2025_CONFIG_DIR` (tests point it elsewhere).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from t2025tui.core.errors import T2025Error

CONFIG_DIR_ENV = "T2025_CONFIG_DIR"
KEYMAP_FILE = "keymap.txt"
THEME_FILE = "theme.txt"
# Textual key names: letters, digits, f5, ctrl+shift+a, right_square_bracket, ...
KEY_NAME = re.compile(r"^[A-Za-z0-9_]+(\+[A-Za-z0-9_]+)*$")
BINDING_ID = re.compile(r"^[a-z_]+(\.[a-z_]+)+$")


def config_dir() -> Path:
    override = os.environ.get(CONFIG_DIR_ENV)
    return Path(override) if override else Path(platformdirs.user_config_dir("t2025tui"))


@dataclass
class Keymap:
    """Binding id -> keys, as read; `lines` says where each came from, for later warnings."""

    keys: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    path: Path | None = None

    def unknown_ids(self, known: Iterable[str]) -> list[str]:
        """A warning for each line naming a binding this app does not have (its keys are not used)."""
        known = set(known)
        found = []
        for binding_id in [b for b in self.keys if b not in known]:
            found.append(
                f"{self.path} line {self.lines[binding_id]}: no binding has the id {binding_id!r}; "
                "F1 lists the ids (line ignored)"
            )
            del self.keys[binding_id]
        return found


def read_keymap(path: Path | None = None) -> Keymap:
    """The keymap file's usable lines; a missing file is no keymap, not an error."""
    path = path or config_dir() / KEYMAP_FILE
    keymap = Keymap(path=path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return keymap
    except (OSError, UnicodeDecodeError) as exc:
        keymap.warnings.append(f"Could not read {path}: {exc}; the default keys are used")
        return keymap
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        problem = _line_problem(line)
        if problem:
            keymap.warnings.append(f"{path} line {number}: {problem} (line ignored, default keys kept)")
            continue
        binding_id, keys = (part.strip() for part in line.split("=", 1))
        keymap.keys[binding_id] = ",".join(key.strip() for key in keys.split(","))
        keymap.lines[binding_id] = number
    return keymap


def _line_problem(line: str) -> str:
    if "=" not in line:
        return "expected '<binding id> = <key>', e.g. 'dashboard.rag = R'"
    binding_id, keys = (part.strip() for part in line.split("=", 1))
    if not BINDING_ID.match(binding_id):
        return f"{binding_id!r} is not a binding id (such as dashboard.rag)"
    bad = [key for key in keys.split(",") if not KEY_NAME.match(key.strip())]
    if not keys.strip() or bad:
        shown = bad[0].strip() if bad else ""
        return f"{shown!r} is not a key name (use names such as R, ctrl+r, f5, right_square_bracket)"
    return ""


def _write_text(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def read_theme(path: Path | None = None) -> str | None:
    try:
        name = (path or config_dir() / THEME_FILE).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return name or None


def save_theme(name: str, path: Path | None = None) -> str | None:
    """Remember the theme; returns a one-line problem instead of raising (a theme is not worth it)."""
    from t2025tui.core.export.atomic_write import atomic_write

    target = path or config_dir() / THEME_FILE
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, lambda temp: _write_text(temp, name + "\n"), lambda _temp: None)
    except (OSError, T2025Error) as exc:
        return f"The theme could not be remembered: {exc}"
    return None
