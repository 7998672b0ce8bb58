"""Records named the way people name them: a workstream by its code, a milestone by its ref, a
meeting by its date. An unknown or ambiguous name is refused with the close matches listed."""

import difflib
from dataclasses import dataclass

from t2025tui.core.errors import NotFoundError, ValidationError
from t2025tui.core.store import Store
from t2025tui.core.text import has_lone_surrogate


@dataclass(frozen=True)
class Candidate:
    id: int
    names: tuple[str, ...]  # every name the record answers to; the first is how it is shown
    version: int

    @property
    def shown(self) -> str:
        return self.names[0]


# kind -> (SQL giving id, version and the names in order, what the name is, in words)
_CANDIDATES: dict[str, tuple[str, str]] = {
    "objective": (
        "SELECT id, version, CAST(position AS TEXT), title FROM objective ORDER BY position, id",
        "its number or its title",
    ),
    "workstream": (
        "SELECT id, version, code, name FROM workstream ORDER BY position, id",
        "its code or name",
    ),
    "project": (
        "SELECT p.id, p.version, COALESCE(w.code || '/', '') || p.name, p.name FROM project p"
        " LEFT JOIN workstream w ON w.id = p.workstream_id ORDER BY p.position, p.id",
        "its name, or CODE/name where two workstreams have one of that name",
    ),
    "milestone": (
        "SELECT id, version, ref, title FROM milestone ORDER BY id",
        "its ref (e.g. FCR-M03) or title",
    ),
    "meeting": ("SELECT id, version, meeting_date FROM board_meeting ORDER BY meeting_date", "its date"),
    "decision": (
        "SELECT d.id, d.version, COALESCE(b.meeting_date, 'no meeting') || '#' || d.position, d.title"
        " FROM decision d LEFT JOIN board_meeting b ON b.id = d.board_meeting_id"
        " ORDER BY b.meeting_date, d.position, d.id",
        "DATE#N (its meeting's date and number) or its title",
    ),
    "key-message": (
        "SELECT id, version, CAST(ROW_NUMBER() OVER (ORDER BY position, id) AS TEXT), text FROM key_message",
        "its number in the list",
    ),
    "risk": ("SELECT id, version, ref, title FROM risk ORDER BY ref", "its ref"),
    "recommendation": ("SELECT id, version, ref FROM recommendation ORDER BY ref", "its ref"),
    "finance-line": (
        "SELECT MIN(id), MAX(version), line FROM finance_line GROUP BY line ORDER BY MIN(position), line",
        "its line name",
    ),
    "health-check": ("SELECT id, version, team FROM health_check ORDER BY id", "its team"),
    "action": (
        "SELECT id, version, 'A' || id, title FROM action ORDER BY id",
        "A<number> (e.g. A3) or its title",
    ),
    "issue": (
        "SELECT id, version, 'I' || id, title FROM issue ORDER BY id",
        "I<number> (e.g. I2) or its title",
    ),
    "lesson": (
        "SELECT id, version, 'L' || id, lesson FROM lesson ORDER BY id",
        "L<number> (e.g. L1) or its lesson",
    ),
    "dependency": (
        "SELECT d.id, d.version, m.ref || ' needs ' || n.ref FROM milestone_dependency d"
        " JOIN milestone m ON m.id = d.milestone_id JOIN milestone n ON n.id = d.needs_milestone_id"
        " ORDER BY m.ref, n.ref",
        '"REF needs REF" (e.g. "FCR-M02 needs RM-M01")',
    ),
    "health-measure": (
        "SELECT m.id, m.version, c.team || '/' || m.name, m.name FROM health_measure m"
        " JOIN health_check c ON c.id = m.health_check_id ORDER BY c.id, m.id",
        "its name, or TEAM/name",
    ),
}

KINDS = tuple(_CANDIDATES)

# Kinds with a unique, indexed name: a name given exactly is one index seek, not a read of every
# record (a quarter of a second for 100,000 milestones).
_EXACT: dict[str, str] = {
    "milestone": "SELECT id, version, ref, title FROM milestone WHERE ref = ?",
    "workstream": "SELECT id, version, code, name FROM workstream WHERE code = ?",
    "risk": "SELECT id, version, ref, title FROM risk WHERE ref = ?",
    "recommendation": "SELECT id, version, ref FROM recommendation WHERE ref = ?",
    "meeting": "SELECT id, version, meeting_date FROM board_meeting WHERE meeting_date = ?",
}


def candidates(store: Store, kind: str) -> list[Candidate]:
    sql, _ = _CANDIDATES[kind]
    found = []
    for row in store.conn.execute(sql).fetchall():
        names = tuple(str(name) for name in row[2:] if name not in (None, ""))
        found.append(Candidate(row[0], names, row[1]))
    return found


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def resolve(store: Store, kind: str, name: str) -> Candidate:
    """The one record of `kind` called `name`: exactly, else ignoring case and spacing. Never by a
    start of a name (`remove milestone FCR` must not find FCR-M01). Raises NotFoundError, listing
    the close matches, or ValidationError when the name is ambiguous."""
    wanted = name.strip()
    if has_lone_surrogate(wanted):  # undecodable bytes in a command line arrive as these
        raise ValidationError(
            f"the {kind.replace('-', ' ')} name contains an invalid character; retype it", "ref"
        )
    if kind in _EXACT:
        with store.lock:
            row = store.conn.execute(_EXACT[kind], (wanted,)).fetchone()
        if row is not None:
            return Candidate(row[0], tuple(str(n) for n in row[2:] if n not in (None, "")), row[1])
    with store.lock:
        every = candidates(store, kind)
    for match in (
        lambda c: wanted in c.names,
        lambda c: _fold(wanted) in (_fold(n) for n in c.names),
    ):
        found = [c for c in every if match(c)]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            shown = ", ".join(c.shown for c in found[:8])
            raise ValidationError(
                f"{name!r} matches {len(found)} {plural(kind)} ({shown}); give one exactly", "ref"
            )
    label = kind.replace("-", " ")
    close = difflib.get_close_matches(wanted, [n for c in every for n in c.names], n=5, cutoff=0.5)
    hint = f"; did you mean {', '.join(dict.fromkeys(close))}?" if close else ""
    if not every:
        hint = f"; there are no {plural(kind)} yet (t2025 add {kind} ...)"
    raise NotFoundError(
        f"no {label} {name!r} (name it by {_CANDIDATES[kind][1]}){hint} See: t2025 list {kind}"
    )


def plural(kind: str) -> str:
    label = kind.replace("-", " ")
    return label[:-1] + "ies" if label.endswith("y") else label + "s"
