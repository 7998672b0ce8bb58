"""The report from the embedded programme as at 15 March 2022 states every fact of the March
2022 Audit Committee report, in the committee report's structure and numbering."""

import re

from t2025tui.core.report.document import APPENDIX_TITLE, SECTION_TITLES
from t2025tui.core.report.seed_text import TEXT, WORKSTREAM_TEXT
from t2025tui.core.seed import FINANCE, REPORT_SURPLUS_DEFICIT, REPORT_TOTAL_PLANNED_EXPENDITURE

from .reading import all_text, document, flat, no_fields_or_links, section_paragraphs, shading_of


def test_sections_come_in_the_committee_report_order(report_path):
    headings = [p.text for p in document(report_path).paragraphs if p.style.name == "Heading 1"]
    assert headings == [f"{n}. {title}" for n, title in enumerate(SECTION_TITLES, start=1)] + [APPENDIX_TITLE]


def test_paragraphs_are_numbered_within_their_section_without_gaps(report_path):
    for number, title in enumerate(SECTION_TITLES, start=1):
        numbered = [p for p in section_paragraphs(report_path, f"{number}. {title}") if "\t" in p]
        assert numbered, f"section {number} has no numbered paragraphs"
        labels = [p.split("\t", 1)[0] for p in numbered]
        assert labels == [f"{number}.{n}" for n in range(1, len(labels) + 1)]


def test_title_block_and_the_marking_on_every_page(report_path):
    text = all_text(report_path)
    for fact in (
        "Cleveland Police",
        "Service Improvement Programme (T2025) progress report",
        "Report to Audit Committee",
        "Date 15 March 2022",
        "Report of T/Chief Constable Helen McMillan",
        "Protective marking OFFICIAL",
    ):
        assert fact in text
    doc = document(report_path)
    for section in doc.sections:
        assert section.header.paragraphs[0].text == "OFFICIAL"
        assert section.footer.paragraphs[-1].text.startswith("OFFICIAL")


def test_every_workstream_with_its_lead_and_rag_as_a_word_and_a_shaded_cell(report_path):
    expected = {
        "Force Control Room": ("DCC", "Amber", "FFD966"),
        "Resource Management": ("People Director", "Red", "FF9C9C"),
        "Vulnerability (Prevention/Engagement & Missing)": ("ACC", "Green", "A9D18E"),
        "Raising Investigation Standards": ("ACC", "Green", "A9D18E"),
        "Integrated Offender Management": ("ACC", "Amber", "FFD966"),
    }
    programme_table = next(
        t for t in document(report_path).tables if t.rows[0].cells[0].text.startswith("Delivery")
    )
    seen = {}
    for row in programme_table.rows[1:]:
        cells = row.cells
        seen[cells[0].text] = (cells[1].text, cells[2].text, shading_of(cells[2]))
    assert seen == expected
    headings = [p.text for p in document(report_path).paragraphs if p.style.name == "Heading 2"]
    assert headings[:5] == list(expected)


def test_the_facts_of_the_report(report_path):
    text = flat(all_text(report_path))
    facts = [
        # 3 Background
        "Since the last report to the Audit Committee in September 2021",
        "So far, a total of 11 out of the 30 recommendations have been signed off",
        "the programme that was agreed in August last year",
        "Serving the public and putting our communities at the heart of all we do",
        "Supporting our people",
        "FCMU/L&D Hub implementation",
        "Violence Reduction Unit (de-scoped)",
        "Facial Recognition Pilot",
        "HMCTS Common Platform",
        "Citizens in Policing model",
        # 4 Programme status
        "submitted at the Futures Board on 15 March 2022",
        "reporting Red as its overall status and overall risk management is reporting Red",
        "a number of issues that require wider support/senior direction",
        "briefing with the new Chief Constable",
        "Three out of the five workstreams are being impacted by this issue",
        "February Long Term Financial Plan",
        "future efficiencies will need to be realised from 2024/25",
        "scored in accordance with the Corporate Risk Criteria",
        "mitigate, tolerate and transfer",
        "Ratification with the new Chief Constable",
        "Confirmation of the resourcing approach",
        # 5 Workstream updates
        "Timescales readjusted; planned for completion by June 2022",
        "now forecast 30 June 2022",
        "Note: Baseline inferred, not stated",  # the report gives no original date: it says so
        "Force Crime Management Unit, Learning & Development Hub",
        "Violence Reduction Unit: de-scoped. The Home Office Special Grant bid",
        "Offender risk & Civil Orders, Family disclosure demand assessment: re-scoped",
        "not sufficiently accurate to calculate demand",
        "Cambridge Harm Index",
        "MATAC and DVPO cohorts",
        "Specialist Operations de-collaboration finalised: due 31 May 2022",
        "Niche 'Missing' module implemented: due 30 April 2022",
        "3-day interactive course",
        "only workstream that can be designed to release cashable savings",
        "Victim Mapping Review",
        # 6 Communication and engagement
        "The T2025 subsite went live in November",
        "Idea Drop",
        "Corporate Health Check",
        "trialled within the Learning & Development project",
        "Best Companies Framework",
        # 7 Implications
        "no Human Rights Act implications",
        "no sustainability implications",
        "Equality, Diversity and Inclusion Team",
        # 8 Conclusions: the report's 7.3, computed from the data
        "currently at Red status with senior leaders working through the issues",
        "Of the work planned for delivery in 2021/22, 2 of the 5 workstreams are on track, 2 will deliver by "
        "June 2022 and 1 will need to move activities into the coming year",
        "moving into the coming year: Resource Management",
        # Appendix
        "SIT Risk Log V6 (March 2022)",
        "T2025-R01",
    ]
    missing = [fact for fact in facts if fact not in text]
    assert missing == []


def test_every_report_text_section_is_printed_whole(report_path):
    text = flat(all_text(report_path))
    for body in [*TEXT.values(), *WORKSTREAM_TEXT.values()]:
        for line in body.split("\n"):
            line = line.removeprefix("- ")
            assert line in text, line[:60]


def test_finance_table_reproduces_the_report_figures_and_names_the_gap(report_path):
    table = next(
        t for t in document(report_path).tables if t.rows[0].cells[0].text == "Expenditure Plans & Funding"
    )
    rows = {row.cells[0].text: [c.text for c in row.cells[1:]] for row in table.rows[1:]}
    for line, _kind, amounts in FINANCE:
        assert rows[line] == [f"({-a:,})" if a < 0 else f"{a:,}" for a in amounts]
    assert rows["Total Planned Expenditure"] == [f"{a:,}" for a in REPORT_TOTAL_PLANNED_EXPENDITURE]
    gap_label = next(label for label in rows if label.startswith("Funding gap"))
    assert rows[gap_label] == [f"{a:,}" for a in REPORT_SURPLUS_DEFICIT]
    text = flat(all_text(report_path))
    assert "fully funded (balanced) in 2021/22, 2022/23 and 2023/24" in text
    assert "exceeds funding, a funding gap, by £1,545k in 2024/25 and £3,432k in 2025/26" in text


def test_nothing_is_left_unwritten_or_marked_placeholder(report_path):
    text = all_text(report_path)
    assert "Not yet written" not in text
    assert not re.search(r"^(Report to|Report of|Protective marking) Not set", text, re.MULTILINE)
    assert not re.search(r"placeholder|lorem|TODO", text, re.IGNORECASE)


def test_document_body_holds_no_fields_or_links(report_path):
    assert no_fields_or_links(report_path)
