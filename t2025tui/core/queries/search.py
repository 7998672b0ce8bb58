"""Find anything: ranked full-text search over the index of `core/search_index.py`.

Any text a user types is safe: what reads as FTS5 query syntax (`"a phrase"`, `word*`, `a OR b`,
`NOT`, brackets) is used as such, and anything SQLite cannot parse (an unbalanced quote or
bracket, a lone `*` or `AND`, `FCR-M03`) searches its words instead. The words each match as the
start of a word, so results come while the last one is still being typed.

A hit in a change's reason finds the record the change was made to.
"""

import re
import sqlite3
import unicodedata
from dataclasses import dataclass

from t2025tui.core.search_index import BY_TABLE, INDEXED, IndexedTable
from t2025tui.core.store import Store, is_damage
from t2025tui.core.text import strip_controls

# The kinds of record a search can find, in the order `--kind` lists them.
KINDS = tuple(indexed.table for indexed in INDEXED if indexed.table != "change_log")
DEFAULT_LIMIT = 20
MAX_LIMIT = 500
MAX_QUERY = 500  # characters: more is not a search anyone types

_SNIPPET_CHARS = 90
_POOL = 3  # candidates described for each result wanted, before the best are kept
_CHANGE_ROWS = 200  # the newest change-log rows a search reads whose reason has the words
# A word this long matches the start of longer words. A single letter alone does not: every
# word starting with r, in a million reasons, costs a quarter of a second.
_PREFIX_FROM = 2
_SYNTAX = re.compile(r'["*()^:+{}]|\b(?:AND|OR|NOT|NEAR)\b')
_SURROGATE = re.compile("[\ud800-\udfff]")
_WORDS = re.compile(r"[^\W_]+")  # letters and digits: what the index keeps of a text

# kind -> SQL for each found record's ref and title (by id), as people name them elsewhere.
_NAMES: dict[str, str] = {
    "workstream": "SELECT id, code, name FROM workstream",
    "project": "SELECT p.id, COALESCE(w.code, ''), p.name FROM project p LEFT JOIN workstream w ON w.id = p.workstream_id",
    "milestone": "SELECT id, COALESCE(ref, ''), title FROM milestone",
    "risk": "SELECT id, ref, title FROM risk",
    "issue": "SELECT id, 'I' || id, title FROM issue",
    "action": "SELECT id, 'A' || id, title FROM action",
    "decision": (
        "SELECT d.id, COALESCE(b.meeting_date, 'no meeting') || '#' || d.position, d.title FROM decision d"
        " LEFT JOIN board_meeting b ON b.id = d.board_meeting_id"
    ),
    "lesson": "SELECT id, 'L' || id, lesson FROM lesson",
    "recommendation": "SELECT id, ref, text FROM recommendation",
    "note": (
        "SELECT n.id, COALESCE(w.code, '') || ' note ' || substr(n.created_at, 1, 10), n.text FROM note n"
        " LEFT JOIN workstream w ON w.id = n.workstream_id"
    ),
}
_ID_COLUMN = {"project": "p.id", "decision": "d.id", "note": "n.id"}


@dataclass(frozen=True)
class SearchHit:
    kind: str  # the record's kind (its table): workstream, milestone, risk, ...
    id: int
    ref: str  # how the record is named elsewhere (FCR-M03, R12, A3), or ""
    title: str
    found_in: str  # where the words were found, e.g. "title", "change reason, 2022-03-01"
    snippet: str  # the text around the words found
    marks: tuple[tuple[int, int], ...]  # (start, end) of each word found, in `snippet`
    exists: bool = True  # False: a change reason of a record since removed

    @property
    def marked_snippet(self) -> str:
        """The snippet with each word found in [brackets] (for the command line)."""
        out, at = [], 0
        for start, end in self.marks:
            out += [self.snippet[at:start], "[", self.snippet[start:end], "]"]
            at = end
        out.append(self.snippet[at:])
        return "".join(out)


def search(
    store: Store, text: str, *, kinds: tuple[str, ...] | None = None, limit: int = DEFAULT_LIMIT
) -> list[SearchHit]:
    """The records best matching `text` (best first, one hit per record, at most `limit`)."""
    limit = max(1, min(limit, MAX_LIMIT))
    wanted = KINDS if kinds is None else tuple(k for k in KINDS if k in kinds)
    cleaned = _clean(text)
    if not cleaned or not wanted:
        return []
    expressions = [cleaned] if _SYNTAX.search(cleaned) else []
    words = words_expression(cleaned)
    if words is not None:
        expressions.append(words)
    with store.lock:
        for expression in expressions:
            try:
                return _search(store, expression, wanted, limit)
            except sqlite3.Error as exc:  # a damaged file is reported (and refuses writes) as anywhere
                if not (isinstance(exc, sqlite3.OperationalError) and _is_query_error(exc)):
                    raise store._failed(exc) from exc
        return []


def words_expression(text: str) -> str | None:
    """`text` as an FTS5 query of its words: each space-separated part a phrase (so FCR-M03 finds
    the ref, not every FCR and every M03), matching the start of a word once it is two letters
    long (or is the word being typed after others); None if it has no words at all."""
    parts = []
    every = _clean(text).split()
    # An operator that did not parse ("narwhal AND", typed half-way) is no word to look for,
    # unless it is all there is.
    words = [part for part in every if part not in _OPERATORS] or every
    words = [part for part in words if _WORDS.search(part)]
    for number, part in enumerate(words):
        typing = number == len(words) - 1 and number > 0
        prefix = "*" if len(part) >= _PREFIX_FROM or typing else ""
        parts.append('"' + part.replace('"', '""') + '"' + prefix)
    return " ".join(parts) if parts else None


def _clean(text: str) -> str:
    return _SURROGATE.sub("", strip_controls(text or ""))[:MAX_QUERY].strip()


def _is_query_error(exc: sqlite3.OperationalError) -> bool:
    """SQLite's refusal of a query's syntax, not trouble with the file (reported as it is)."""
    lower = str(exc).lower()
    return not (is_damage(exc) or any(word in lower for word in ("locked", "busy", "disk", "i/o")))


@dataclass(frozen=True)
class _Candidate:
    rank: float
    kind: str
    id: int
    source: IndexedTable
    source_id: int  # the row in `source` that matched (the change-log row for a change reason)
    at: str = ""


def _search(store: Store, expression: str, kinds: tuple[str, ...], limit: int) -> list[SearchHit]:
    conn = store.conn
    found: list[_Candidate] = []
    for kind in kinds:
        indexed = BY_TABLE[kind]
        rows = conn.execute(
            f'SELECT rowid, rank FROM "{indexed.fts}" WHERE "{indexed.fts}" MATCH ? ORDER BY rank LIMIT ?',
            (expression, limit),
        ).fetchall()
        found += [_Candidate(rank, kind, row_id, indexed, row_id) for row_id, rank in rows]
    found += _change_reasons(conn, expression, kinds, limit)
    best: dict[tuple[str, int], _Candidate] = {}
    for candidate in sorted(found, key=lambda c: c.rank):
        best.setdefault((candidate.kind, candidate.id), candidate)
    # Records whose title (or ref, name) holds the words come first, then those found in an
    # owner, then the rest, and in each a field that is just the words first: bm25 scores of
    # different tables are not comparable on their own.
    described = _describe(conn, expression, list(best.values())[: limit * _POOL])
    described.sort(key=lambda weighed: -weighed[0])
    return [hit for _, hit in described[:limit]]


def _change_reasons(
    conn: sqlite3.Connection, expression: str, kinds: tuple[str, ...], limit: int
) -> list[_Candidate]:
    indexed = BY_TABLE["change_log"]
    marks = ", ".join("?" for _ in kinds)
    # Newest first: a word common in a million reasons would cost a second to rank them all, and
    # the latest reasons are the ones looked for. Ranked among the other hits by their own score.
    rows = conn.execute(
        f"SELECT f.rank, l.entity, l.entity_id, l.id, l.at FROM ("
        f"  SELECT rowid, rank FROM change_log_fts WHERE change_log_fts MATCH ? ORDER BY rowid DESC LIMIT ?"
        f") f JOIN change_log l ON l.id = f.rowid JOIN change_batch b ON b.id = l.batch_id"
        # The seed's reason (the source report) is on every record it made: no help in a search.
        f" WHERE l.entity IN ({marks}) AND b.action <> 'seed'",
        (expression, _CHANGE_ROWS, *kinds),
    ).fetchall()
    return [
        _Candidate(rank, kind, entity_id, indexed, row_id, at) for rank, kind, entity_id, row_id, at in rows
    ]


def _describe(
    conn: sqlite3.Connection, expression: str, chosen: list[_Candidate]
) -> list[tuple[float, SearchHit]]:
    """Each candidate as a hit (in the same order), with the weight of the column it was found in."""
    terms = _terms(expression)
    texts: dict[tuple[str, int], tuple[str, ...]] = {}
    by_source: dict[str, list[int]] = {}
    for candidate in chosen:
        by_source.setdefault(candidate.source.table, []).append(candidate.source_id)
    for table, ids in by_source.items():
        columns = ", ".join(f'"{c.name}"' for c in BY_TABLE[table].columns)
        extra = ", entity_label" if table == "change_log" else ""
        marks = ", ".join("?" for _ in ids)
        for row in conn.execute(f'SELECT id, {columns}{extra} FROM "{table}" WHERE id IN ({marks})', ids):
            texts[(table, row[0])] = tuple(value or "" for value in row[1:])
    names: dict[tuple[str, int], tuple[str, str]] = {}
    by_kind: dict[str, list[int]] = {}
    for candidate in chosen:
        by_kind.setdefault(candidate.kind, []).append(candidate.id)
    for kind, ids in by_kind.items():
        id_column = _ID_COLUMN.get(kind, "id")
        marks = ", ".join("?" for _ in ids)
        for row_id, ref, title in conn.execute(f"{_NAMES[kind]} WHERE {id_column} IN ({marks})", ids):
            names[(kind, row_id)] = (ref or "", title or "")
    hits: list[tuple[float, SearchHit]] = []
    for candidate in chosen:
        source = candidate.source
        row = texts.get((source.table, candidate.source_id))
        named = names.get((candidate.kind, candidate.id))
        if row is None or (named is None and source.table != "change_log"):
            continue  # removed between the two reads
        found_in, weight, snippet, spans = _where_found(source, row, terms)
        if source.table == "change_log":
            found_in = f"change reason, {candidate.at[:10]}"
        ref, title = named or ("", row[-1])  # a removed record: its name when the change was made
        hits.append(
            (
                weight,
                SearchHit(
                    kind=candidate.kind,
                    id=candidate.id,
                    ref=ref,
                    title=" ".join(title.split()),
                    found_in=found_in,
                    snippet=snippet,
                    marks=spans,
                    exists=named is not None,
                ),
            )
        )
    return hits


@dataclass(frozen=True)
class _Term:
    text: str  # folded (lower case, no accents), as the index compares words
    prefix: bool


_OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})


def _fold(word: str) -> str:
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _terms(expression: str) -> tuple[_Term, ...]:
    """The words of a query, to show where they were found (column names and operators left out)."""
    terms = []
    for match in _WORDS.finditer(expression):
        word, after = match.group(), expression[match.end() : match.end() + 2]
        quoted = expression.count('"', 0, match.start()) % 2 == 1
        if not quoted and (word in _OPERATORS or after.startswith(":")):
            continue
        terms.append(_Term(_fold(word), after.startswith("*") or after.startswith('"*')))
    return tuple(terms)


def _where_found(
    indexed: IndexedTable, row: tuple[str, ...], terms: tuple[_Term, ...]
) -> tuple[str, float, str, tuple[tuple[int, int], ...]]:
    """The heaviest column holding a word searched for (its label and weight), the text around
    the words, and where they are in it (the first column's text when no word shows, e.g. a
    search with NOT)."""
    order = sorted(range(len(indexed.columns)), key=lambda i: -indexed.columns[i].weight)
    for i in order:
        text = " ".join(row[i].split())
        words = [(m.start(), m.end()) for m in _WORDS.finditer(text) if _matches(m.group(), terms)]
        if words:
            # Every word of it was searched for (a name or ref given whole): first in its tier.
            whole = len(words) == len(_WORDS.findall(text))
            return (
                indexed.columns[i].label,
                indexed.columns[i].weight + (0.5 if whole else 0),
                *_window(text, words),
            )
    heaviest = indexed.columns[order[0]]
    return heaviest.label, heaviest.weight, *_window(" ".join(row[order[0]].split()), [])


def _matches(word: str, terms: tuple[_Term, ...]) -> bool:
    folded = _fold(word)
    return any(folded.startswith(t.text) if t.prefix else folded == t.text for t in terms)


def _window(text: str, words: list[tuple[int, int]]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """About `_SNIPPET_CHARS` of `text` around its first found word, with the words' places in it."""
    if len(text) <= _SNIPPET_CHARS:
        return text, tuple(words)
    first = words[0][0] if words else 0
    start = max(0, min(first - _SNIPPET_CHARS // 3, len(text) - _SNIPPET_CHARS))
    start = text.rfind(" ", 0, start) + 1 if start else 0  # begin on a word
    end = min(len(text), start + _SNIPPET_CHARS)
    lead = "..." if start else ""
    tail = "..." if end < len(text) else ""
    shift = len(lead) - start
    kept = tuple((a + shift, b + shift) for a, b in words if a >= start and b <= end)
    return lead + text[start:end] + tail, kept
