"""Which workstream a cell means, the way people write it in their own spreadsheets.

A risk log or tracker names workstreams by code (`FCR`), full name, a shortened name
(`Vulnerability`, `Resource Mgmt`) or initials (`IOM`); case and punctuation do not matter.
Words such as `Programme` or `Cross-cutting` (and a blank cell) mean the programme itself, with
no workstream. A name that is ambiguous or unknown is an error that names the close workstreams;
the user can map it for the whole import (`--map-workstream "Old name=FCR"`).
"""

import difflib
import re
from dataclasses import dataclass

from t2025tui.core.importers.values import CellError

PROGRAMME_WORDS = frozenset(
    {
        "programme",
        "program",
        "programme wide",
        "programme level",
        "whole programme",
        "cross cutting",
        "crosscutting",
        "corporate",
        "all",
        "all workstreams",
        "force wide",
        "forcewide",
        "general",
        "n a",
        "na",
        "none",
    }
)
# Small words left out of initials: "Vulnerability (Prevention/Engagement & Missing)" is VPEM.
FILLER = frozenset({"and", "of", "the", "for", "in", "on", "to", "a", "an"})
PROGRAMME_TARGETS = frozenset({"", "programme", "none", "(programme)", "programme-level"})


def words_of(text: str) -> list[str]:
    return re.sub(r"[^\w]+", " ", str(text).lower()).split()


def key_of(text: str) -> str:
    return " ".join(words_of(text))


def _abbreviates(short: str, word: str) -> bool:
    """'mgmt' abbreviates 'management': same first letter, its letters in order."""
    if word.startswith(short):
        return True
    if not short or short[0] != word[0]:
        return False
    letters = iter(word)
    return all(char in letters for char in short)


@dataclass(frozen=True)
class Workstream:
    id: int
    code: str
    name: str

    @property
    def words(self) -> list[str]:
        return words_of(self.name)

    def initials(self) -> str:
        return "".join(word[0] for word in self.words if word not in FILLER)

    def shortened_by(self, typed: list[str]) -> bool:
        """The typed words shorten this workstream's name, word by word from the start."""
        mine = [word for word in self.words if word not in FILLER]
        typed = [word for word in typed if word not in FILLER]
        if not typed or len(typed) > len(mine):
            return False
        return all(_abbreviates(short, word) for short, word in zip(typed, mine, strict=False))


class WorkstreamMatcher:
    def __init__(self, rows: list[dict], mapping: dict[str, str] | None = None):
        self.all = [Workstream(row["id"], row["code"], row["name"]) for row in rows]
        self.codes = ", ".join(ws.code for ws in self.all)
        self.mapping: dict[str, int | None] = {}
        for old, target in (mapping or {}).items():
            self.mapping[key_of(old)] = self.target_of(old, target)

    def target_of(self, old: str, target: str) -> int | None:
        """The workstream a --map-workstream target names (None: the programme)."""
        if target.strip().lower() in PROGRAMME_TARGETS:
            return None
        found = self._exact(key_of(target))
        if found is None:
            raise CellError(
                f"--map-workstream {old}={target}: {target!r} is not a workstream code or name "
                f"(codes: {self.codes}; or 'Programme' for programme-level)"
            )
        return found.id

    def _exact(self, key: str) -> Workstream | None:
        for ws in self.all:
            if key in (key_of(ws.code), key_of(ws.name)):
                return ws
        return None

    def match(self, value: str) -> tuple[int | None, str | None]:
        """(workstream id or None for the programme, a note saying how it was read or None)."""
        key = key_of(value)
        if key in self.mapping:
            target = self.mapping[key]
            return target, f"workstream {value!r} mapped to {self._name(target)} for this import"
        if not key or key in PROGRAMME_WORDS or key.replace(" ", "") in PROGRAMME_WORDS:
            return None, (f"workstream {value!r} read as programme-level (no workstream)" if key else None)
        exact = self._exact(key)
        if exact is not None:
            return exact.id, None
        typed = key.split()
        compact = key.replace(" ", "")
        candidates = [ws for ws in self.all if ws.shortened_by(typed) or ws.initials() == compact]
        if len(candidates) == 1:
            found = candidates[0]
            return found.id, f"workstream {value!r} read as {found.code} ({found.name})"
        example = self.all[0].code if self.all else "CODE"
        hint = f'or map it for the whole import with --map-workstream "{value.strip()}={example}"'
        if candidates:
            names = ", ".join(f"{ws.code} ({ws.name})" for ws in candidates)
            raise CellError(f"workstream {value.strip()!r} could be any of {names}; use a code, {hint}")
        close = self.close_to(key)
        near = f" (closest: {', '.join(close)})" if close else ""
        raise CellError(
            f"workstream {value.strip()!r} is not known{near}; use a code ({self.codes}) or a name, {hint}"
        )

    def close_to(self, key: str) -> list[str]:
        labels = {key_of(ws.name): ws for ws in self.all} | {key_of(ws.code): ws for ws in self.all}
        found = difflib.get_close_matches(key, list(labels), n=3, cutoff=0.5)
        seen: list[str] = []
        for label in found:
            text = f"{labels[label].code} ({labels[label].name})"
            if text not in seen:
                seen.append(text)
        return seen

    def _name(self, workstream_id: int | None) -> str:
        if workstream_id is None:
            return "the programme (no workstream)"
        ws = next(ws for ws in self.all if ws.id == workstream_id)
        return f"{ws.code} ({ws.name})"


def parse_mapping(pairs: list[str] | None, what: str = "--map-workstream") -> dict[str, str]:
    """['Old name=FCR', ...] -> {'Old name': 'FCR'}; a pair without '=' is refused."""
    mapping: dict[str, str] = {}
    for pair in pairs or []:
        for item in _split_pairs(pair):
            old, sep, new = item.partition("=")
            if not sep or not old.strip():
                raise CellError(f'{what} {item!r} is not OLD=NEW (for example "Resource Mgmt=RM")')
            mapping[old.strip()] = new.strip()
    return mapping


def _split_pairs(text: str) -> list[str]:
    """One pair per option on the command line; in the app's box, pairs separated by ';' or new lines."""
    return [part.strip() for part in re.split(r"[;\n]", text) if part.strip()]
