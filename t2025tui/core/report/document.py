"""Writing the Audit Committee progress report (.docx) from a consistent snapshot of the data.

The structure is the committee report's: a title block, then 1 Purpose, 2 Recommendations,
3 Background, 4 programme status and finance, 5 one part per workstream, 6 communication and
engagement, 7 implications, 8 conclusions, and an appendix of open risks; paragraphs numbered
within their section (5.1, 5.2, ...). Facts come from the records, narrative from the report
text sections (core/report/sections.py); nothing else is written.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from t2025tui.core.export.atomic_write import atomic_write
from t2025tui.core.export.context import long_date
from t2025tui.core.export.errors import ExportError
from t2025tui.core.queries.finance import format_gbp000
from t2025tui.core.report import data as report_data
from t2025tui.core.report.data import ReportData, WorkstreamUpdate
from t2025tui.core.report.template import open_document
from t2025tui.core.report.writer import Writer, literal, page_number_field, rag_cell, small
from t2025tui.core.store import Store
from t2025tui.core.timetravel import as_of_store, later_changes, snapshot_store

SECTION_TITLES = (
    "Purpose",
    "Recommendations",
    "Background",
    "Programme status",
    "Workstream updates",
    "Programme communication and engagement",
    "Implications",
    "Conclusions",
)
APPENDIX_TITLE = "Appendix: open risks"
IMPLICATIONS = (
    ("implications_finance", "Finance"),
    ("implications_diversity", "Diversity and Equal Opportunities"),
    ("implications_human_rights", "Human Rights Act"),
    ("implications_sustainability", "Sustainability"),
    ("implications_risk", "Risk"),
)
DEFAULT_SINCE_MONTHS = 3  # a committee meets about quarterly
MAX_LISTED = 12  # milestones a list of a workstream's update shows; the rest are counted
MAX_RISKS = 40  # open risks the appendix lists, worst first; the rest are counted by band
NOT_WRITTEN = "Not yet written: add this section's text on the app's Report text screen (key t)."
PROJECT_GROUPS = (
    ("delivery", "Other delivery projects"),
    ("it_enabling", "IT programme & enabling projects"),
    ("bau", "BAU (large scale) development"),
)

Progress = Callable[[int, int, str], None]
STEPS = ("Reading the programme", "Writing the report", "Saving", "Checking", "Done")


@dataclass(frozen=True)
class ReportResult:
    path: Path
    as_of: date
    since: date
    template: Path | None
    time_travelled: bool
    workstreams: int


def write_report(
    store: Store,
    out: Path | str,
    *,
    as_of: date | None = None,
    since: date | None = None,
    template: Path | str | None = None,
    progress: Progress | None = None,
    today: date | None = None,
) -> ReportResult:
    """Write the report for the programme as it stood at the end of `as_of` (default: today),
    covering the period after the end of `since` (default: three months before `as_of`).

    Raises ExportError (a T2025Error) with one clear line; an earlier file at `out` is kept
    byte-identical whatever fails.
    """
    out = Path(out)
    if out.suffix.lower() != ".docx":
        raise ExportError(
            f"{out} does not end in .docx; the report is a Word document, so give a .docx name."
        )
    if out.is_dir():
        raise ExportError(f"{out} is a folder; give a file name ending in .docx inside it.")
    template_path = Path(template).expanduser() if template is not None else None
    report = progress or (lambda done, total, what: None)
    total = len(STEPS) - 1
    report(0, total, STEPS[0])
    as_of = as_of or today or date.today()
    since = since or report_data.add_months(as_of, -DEFAULT_SINCE_MONTHS)
    if since > as_of:
        raise ExportError(
            f"--since {since.isoformat()} is after --as-of {as_of.isoformat()}; "
            "give a since date on or before the as-of date."
        )
    doc, table_style = open_document(template_path)
    rewind = later_changes(store, as_of) > 0
    snapshot = as_of_store(store, as_of) if rewind else snapshot_store(store)
    try:
        found = report_data.read_report_data(snapshot, as_of, since)
    finally:
        snapshot.close()
    report(1, total, STEPS[1])
    build(doc, found, table_style)

    def write(temp: Path) -> None:
        report(2, total, STEPS[2])
        doc.save(str(temp))

    def check(temp: Path) -> None:
        report(3, total, STEPS[3])
        _check(temp)

    atomic_write(out, write, check)
    report(total, total, STEPS[-1])
    return ReportResult(out, as_of, since, template_path, rewind, len(found.updates))


def build(doc: Document, found: ReportData, table_style: str | None) -> None:
    w = Writer(doc, table_style)
    _properties(doc, found)
    _marking(doc, found.marking)
    _title_block(w, found)
    _text_part(w, SECTION_TITLES[0], found.text.get("purpose", ""))
    _text_part(w, SECTION_TITLES[1], found.text.get("recommendations", ""))
    _background(w, found)
    _programme_status(w, found)
    _workstream_updates(w, found)
    _text_part(w, SECTION_TITLES[5], found.text.get("communication", ""))
    _implications(w, found)
    _conclusions(w, found)
    _appendix(w, found)


def _properties(doc: Document, found: ReportData) -> None:
    props = doc.core_properties
    name = found.programme.get("name") or "Programme"
    props.title = _property(found.text.get("title") or f"{name} progress report")
    props.subject = _property(f"{name}: progress as at {found.as_of.isoformat()}")
    props.author = "t2025tui"
    props.last_modified_by = "t2025tui"
    props.category = _property(found.marking)
    props.keywords = "Audit Committee; progress report; RAG; milestones; risks; finance"
    props.comments = _property(found.programme.get("organisation") or "")
    now = datetime.now().replace(microsecond=0)
    props.created = now
    props.modified = now
    props.revision = 1


def _property(text: str) -> str:
    """Document properties hold at most 255 characters (python-docx refuses more)."""
    return literal(text)[:255]


def _marking(doc: Document, marking: str) -> None:
    """The protective marking at the top and foot of every page (first and even pages too)."""
    text = literal(marking)
    for section in doc.sections:
        pairs = [(section.header, section.footer)]
        if section.different_first_page_header_footer:
            pairs.append((section.first_page_header, section.first_page_footer))
        if doc.settings.odd_and_even_pages_header_footer:
            pairs.append((section.even_page_header, section.even_page_footer))
        for header, footer in pairs:
            header.is_linked_to_previous = False
            footer.is_linked_to_previous = False
            top = _first_empty_or_new(header.paragraphs, header.add_paragraph)
            top.add_run(text).bold = True
            top.alignment = WD_ALIGN_PARAGRAPH.CENTER
            foot = footer.add_paragraph()
            foot.add_run(f"{text}    ").bold = True
            page_number_field(foot)
            foot.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _first_empty_or_new(paragraphs, add):
    if paragraphs and not paragraphs[0].text.strip() and len(paragraphs) == 1:
        return paragraphs[0]
    if paragraphs:
        return paragraphs[0].insert_paragraph_before()
    return add()


def _title_block(w: Writer, found: ReportData) -> None:
    organisation = found.programme.get("organisation") or ""
    name = found.programme.get("name") or "the programme"
    title = found.text.get("title") or f"{name} progress report"
    if organisation:
        w.plain(organisation, style="Subtitle", bold=True)
    w.plain(title, style="Title")
    table = w.table(["Report to", found.text.get("committee") or "Not set"], widths=[4.5, 11.5])
    rows = [
        ("Date", long_date(found.as_of)),
        ("Report of", found.text.get("report_of") or "Not set"),
        ("Protective marking", found.marking),
        (
            "Period covered",
            f"Changes after {long_date(found.since)} up to the end of {long_date(found.as_of)}; "
            f"milestones due by {long_date(found.horizon)}",
        ),
    ]
    for label, value in rows:
        cells = w.row(table, [label, value])
        cells[0].paragraphs[0].runs[0].bold = True
    w.gap()


def _text_part(w: Writer, title: str, body: str) -> None:
    w.heading(title)
    _text_or_note(w, body)


def _text_or_note(w: Writer, body: str) -> None:
    if not w.text_section(body):
        w.plain(NOT_WRITTEN, style="Normal").runs[0].italic = True


def _background(w: Writer, found: ReportData) -> None:
    w.heading(SECTION_TITLES[2])
    w.text_section(found.text.get("background", ""))
    counts = found.recommendations
    if counts.get("total"):
        sentence = (
            f"So far, a total of {counts.get('Signed off', 0)} out of the {counts['total']} "
            "recommendations have been signed off"
        )
        submitted = counts.get("Submitted for closure", 0)
        if submitted:
            sentence += f", and {submitted} more submitted for closure"
        w.numbered(sentence + ".")
    moved = _period_summary(found)
    if moved:
        w.numbered(moved)
    _programme_table(w, found)


def _period_summary(found: ReportData) -> str:
    """What moved in the period, when anything did (nothing is claimed when nothing moved)."""
    completed = sum(len(u.completed) for u in found.updates)
    slips = sum(1 for u in found.updates for m in u.slipped if m["slip_logged"])
    moves = [
        f"{u.row['name']} from {u.rag_at_since} to {u.row['rag']}"
        for u in found.updates
        if u.rag_at_since and u.row["rag"] and u.rag_at_since != u.row["rag"]
    ]
    parts = []
    if completed:
        parts.append(f"{completed} milestone{'s' if completed != 1 else ''} completed")
    if slips:
        parts.append(f"{slips} milestone forecast{'s were' if slips != 1 else ' was'} moved later")
    if moves:
        parts.append("RAG changed for " + "; ".join(moves))
    if not parts:
        return ""
    return f"Since {long_date(found.since)}: " + ", ".join(parts) + "."


def _programme_table(w: Writer, found: ReportData) -> None:
    w.plain("The programme: strategic objectives, delivery priorities and projects", bold=True)
    if found.objectives:
        objectives = w.table(["Strategic objectives"], widths=[16])
        for objective in found.objectives:
            w.row(objectives, [objective["title"]])
        w.gap()
    table = w.table(
        ["Delivery priority (programme)", "Lead", "RAG", "Delivery projects"], widths=[4.5, 3, 2, 6.5]
    )
    for update in found.updates:
        projects = found.workstream_projects.get(update.row["id"], [])
        cells = w.row(table, [update.row["name"], update.row["lead"] or "Not set", "", ""])
        rag_cell(cells[2], update.row["rag"])
        _project_lines(cells[3], projects)
    others = [(label, found.projects.get(group, [])) for group, label in PROJECT_GROUPS]
    if any(projects for _, projects in others):
        w.gap()
        more = w.table(["Other projects", "Projects"], widths=[4.5, 11.5])
        for label, projects in others:
            if projects:
                cells = w.row(more, [label, ""])
                _project_lines(cells[1], projects)
    w.gap()


def _project_lines(cell, projects: list[dict]) -> None:
    names = [p["name"] + ("" if p["status"] == "active" else f" ({p['status']})") for p in projects]
    paragraph = cell.paragraphs[0]
    for number, name in enumerate(names):
        if number:
            paragraph = cell.add_paragraph()
        paragraph.add_run(literal(name))


def _programme_status(w: Writer, found: ReportData) -> None:
    w.heading(SECTION_TITLES[3])
    programme = found.programme
    board = found.last_board
    if board:
        w.numbered(
            f"The latest progress report was submitted at the {board['title']} on "
            f"{long_date(date.fromisoformat(board['meeting_date']))}."
        )
    else:
        w.numbered(f"No Futures Board is recorded on or before {long_date(found.as_of)}.")
    w.numbered(
        f"The programme is reporting {programme.get('overall_rag') or 'no RAG'} as its overall status and "
        f"overall risk management is reporting {programme.get('risk_rag') or 'no RAG'}, for the reasons "
        "below. The open risks are listed in the Appendix."
    )
    table = w.table(["", "Status", "Why"], widths=[4, 2.5, 9.5])
    for label, which in (("Overall programme status", "overall"), ("Overall risk management", "risk")):
        cells = w.row(table, [label, "", programme.get(f"{which}_rag_reason") or "No reason recorded"])
        rag_cell(cells[1], programme.get(f"{which}_rag"))
    w.gap()
    w.text_section(found.text.get("status", ""))
    w.text_section(found.text.get("finance", ""))
    _finance(w, found)
    w.text_section(found.text.get("planning", ""))
    if board and found.decisions:
        w.numbered(
            f"Decisions put to the {board['title']} of {long_date(date.fromisoformat(board['meeting_date']))}:"
        )
        for decision in found.decisions:
            details = [
                f"outcome: {decision['outcome']}" if decision["outcome"] else "outcome: awaited",
                f"owner: {decision['owner']}" if decision["owner"] else "",
                f"due {long_date(date.fromisoformat(decision['due_date']))}" if decision["due_date"] else "",
            ]
            text = decision["title"] + (f". {decision['ask']}" if decision["ask"] else "")
            w.bullet(f"{text} ({'; '.join(d for d in details if d)})")


def _finance(w: Writer, found: ReportData) -> None:
    table_data = found.finance
    years = table_data["years"]
    if not years:
        return
    w.plain("Expenditure Plans & Funding (£000s)", bold=True)
    width = 16 / (len(years) + 2)
    widths = [width * 2] + [width] * len(years)
    table = w.table(["Expenditure Plans & Funding", *[f"{y} £000's" for y in years]], widths=widths)
    for line in table_data["lines"]:
        cells = w.row(table, [line["line"], *[format_gbp000(line["amounts"].get(y)) for y in years]])
        _right(cells[1:])
    totals = w.row(
        table,
        [
            "Total Planned Expenditure",
            *[format_gbp000(table_data["total_planned_expenditure"][y]) for y in years],
        ],
        bold=True,
    )
    _right(totals[1:])
    # Stored as expenditure plus savings plus funding (a credit): above zero, spending exceeds
    # funding. The report printed that as "surplus / (deficit)", which reads as a surplus.
    gap = w.row(
        table,
        [
            "Funding gap: planned expenditure above funding (a surplus in brackets)",
            *[format_gbp000(table_data["surplus_deficit"][y]) for y in years],
        ],
        bold=True,
    )
    _right(gap[1:])
    for row in table.rows:
        for cell in row.cells:
            small(cell.paragraphs[0])
    w.gap()
    w.numbered(_gap_words(years, table_data["surplus_deficit"]))


def _gap_words(years: list[str], gaps: dict[str, int]) -> str:
    balanced = [y for y in years if gaps[y] == 0]
    short = [f"£{gaps[y]:,}k in {y}" for y in years if gaps[y] > 0]
    spare = [f"£{-gaps[y]:,}k in {y}" for y in years if gaps[y] < 0]
    parts = []
    if balanced:
        parts.append(f"Planned expenditure is fully funded (balanced) in {_joined(balanced)}")
    if short:
        parts.append(f"planned expenditure exceeds funding, a funding gap, by {_joined(short)}")
    if spare:
        parts.append(f"funding exceeds planned expenditure, a surplus, by {_joined(spare)}")
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."


def _joined(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _right(cells) -> None:
    for cell in cells:
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _workstream_updates(w: Writer, found: ReportData) -> None:
    w.heading(SECTION_TITLES[4])
    if not found.updates:
        w.plain("The programme has no workstreams yet.")
    for update in found.updates:
        _workstream(w, update, found)


def _workstream(w: Writer, update: WorkstreamUpdate, found: ReportData) -> None:
    row = update.row
    w.heading(row["name"], level=2)
    table = w.table(["Lead", "RAG", f"At {long_date(found.since)}"], widths=[6, 4, 6])
    before = update.rag_at_since
    if before is None:  # the workstream (or the whole record) began after that day
        then = "Not recorded then"
    elif before == row["rag"]:
        then = f"{before} (unchanged)"
    else:
        then = f"{before} (changed)"
    cells = w.row(table, [row["lead"] or "Not set", "", then])
    rag_cell(cells[1], row["rag"])
    w.gap()
    reason = row["rag_reason"].strip()
    w.numbered(
        f"The workstream is reporting {row['rag'] or 'no RAG'} status" + (f": {reason}" if reason else ".")
    )
    w.text_section(row["commentary"])
    w.text_section(update.text)
    for project in update.scope_changes:
        why = project["status_reason"].strip()
        w.numbered(
            f"{project['name']}: {project['status']}" + (f". {why}" if why else "."), lead="Scope change: "
        )
    for milestone in update.descoped:
        why = milestone["logged_reason"] or milestone["last_change_reason"]
        by = f" (by {milestone['logged_by']})" if milestone["logged_by"] else ""
        w.numbered(f"{milestone['title']}{by}" + (f": {why}" if why else ""), lead="Milestone de-scoped: ")
    _milestone_list(w, "Completed in the period", update.completed, _completed_words)
    _milestone_list(w, f"Due by {long_date(found.horizon)}", update.due, lambda m: _due_words(m, found.as_of))
    _milestone_list(w, "Slipped", update.slipped, _slipped_words, worst_first=True)
    if update.notes:
        w.numbered("", lead="Notes in the period:")
        for note in update.notes:
            w.bullet(note["text"], lead=f"{long_date(date.fromisoformat(note['created_at'][:10]))}: ")


def _milestone_list(
    w: Writer, title: str, milestones: list[dict], words, *, worst_first: bool = False
) -> None:
    """At most MAX_LISTED milestones a list (the most slipped first for slips); the rest counted,
    so a programme of thousands of milestones still gives a paper a committee can read."""
    if not milestones:
        return
    w.numbered("", lead=f"{title} ({len(milestones)}):" if len(milestones) > MAX_LISTED else f"{title}:")
    shown = milestones
    if worst_first:  # no new date at all first, then the longest slips
        shown = sorted(milestones, key=lambda m: (m["forecast_date"] is not None, -(m["slippage_days"] or 0)))
    for milestone in shown[:MAX_LISTED]:
        w.bullet(words(milestone), lead=f"{milestone['title']}: ")
    if len(milestones) > MAX_LISTED:
        w.bullet(
            f"and {len(milestones) - MAX_LISTED:,} more; every milestone is listed in the Futures Board pack."
        )


def _day(value: str | None) -> str:
    return long_date(date.fromisoformat(value)) if value else "no date set"


def _completed_words(milestone: dict) -> str:
    return f"completed {_day(milestone['actual_date'])}"


def _due_words(milestone: dict, as_of: date) -> str:
    overdue = milestone["forecast_date"] <= as_of.isoformat()
    return f"due {_day(milestone['forecast_date'])}" + (
        " (overdue)" if overdue else f" ({milestone['status']})"
    )


def _slipped_words(milestone: dict) -> str:
    baseline = _day(milestone["baseline_date"])
    if milestone["forecast_date"]:
        moved = f"planned for {baseline}, now forecast {_day(milestone['forecast_date'])}"
        days = milestone.get("slippage_days")
        if days:
            moved += f" ({days} days later)"
    else:
        moved = f"planned for {baseline}; no new date set"
    why = (milestone.get("logged_reason") or milestone.get("last_change_reason") or "").strip()
    # The notes say what a date rests on (the embedded baselines are inferred, and say so).
    notes = (milestone.get("notes") or "").strip()
    by = milestone.get("logged_by") or ""
    return _sentences(
        moved, f"Why: {why}" if why else "", f"Moved by {by}" if by else "", f"Note: {notes}" if notes else ""
    )


def _sentences(*parts: str) -> str:
    """Parts joined as sentences, without doubling a full stop the text already has."""
    text = ""
    for part in (p.strip() for p in parts if p.strip()):
        text = f"{text}{'' if not text else ' ' if text.endswith(('.', '!', '?')) else '. '}{part}"
    return text


def _implications(w: Writer, found: ReportData) -> None:
    w.heading(SECTION_TITLES[6])
    for key, title in IMPLICATIONS:
        w.heading(title, level=2)
        _text_or_note(w, found.text.get(key, ""))


def _conclusions(w: Writer, found: ReportData) -> None:
    w.heading(SECTION_TITLES[7])
    w.text_section(found.text.get("conclusions", ""))
    groups = found.outlook
    named = []
    for key, label in (
        ("on track", "on track"),
        ("later", "delivering later"),
        ("next year", "moving into the coming year"),
    ):
        if groups.get(key):
            named.append(f"{label}: {', '.join(r['name'] for r in groups[key])}")
    detail = f" ({'; '.join(named)})" if named else ""
    w.numbered(found.conclusion[:-1] + detail + "." if found.conclusion.endswith(".") else found.conclusion)


def _appendix(w: Writer, found: ReportData) -> None:
    w.heading(APPENDIX_TITLE, numbered=False)
    for line in literal(found.text.get("appendix", "")).split("\n"):
        if line.strip():
            w.plain(line.strip())
    if not found.risks:
        w.plain("No open risks are recorded.")
        return
    if len(found.risks) > MAX_RISKS:
        bands: dict[str, int] = {}
        for risk in found.risks:
            band = risk["residual_band"] or risk["inherent_band"] or "not scored"
            bands[band] = bands.get(band, 0) + 1
        counts = ", ".join(f"{bands[b]:,} {b}" for b in ("Red", "Amber", "Green", "not scored") if b in bands)
        w.plain(
            f"The {MAX_RISKS} highest scored of the {len(found.risks):,} open risks ({counts}); every risk "
            "is in the risk register and the Futures Board pack's risk log."
        )
    table = w.table(
        ["Ref", "Risk", "Score", "Band", "Owner", "Response"], widths=[2.2, 6.3, 1.5, 2, 2.5, 1.5]
    )
    for risk in found.risks[:MAX_RISKS]:
        score = risk["residual_score"] or risk["inherent_score"]
        band = risk["residual_band"] or risk["inherent_band"]
        cells = w.row(
            table,
            [
                risk["ref"],
                risk["title"],
                str(score) if score else "Not scored",
                "",
                risk["owner"] or "Not recorded",
                risk["response"] or "Not set",
            ],
        )
        rag_cell(cells[3], band, unset="Not scored")
        for cell in cells:
            small(cell.paragraphs[0])


def _check(path: Path) -> None:
    """The saved file must open in python-docx with its sections in place."""
    try:
        doc = docx.Document(str(path))
    except Exception as exc:  # any failure to read back means the file is not fit to replace another
        raise ExportError(
            f"The report was written damaged ({type(exc).__name__}); nothing was replaced."
        ) from None
    headings = {p.text for p in doc.paragraphs}
    missing = [t for t in SECTION_TITLES if not any(h.endswith(f". {t}") for h in headings)]
    if missing:
        raise ExportError(
            f"The report failed its check after saving (no {missing[0]}); nothing was replaced."
        )
