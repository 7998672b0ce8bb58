"""The report's editable text sections: which exist, where each goes, how each is edited.

The records hold the facts the app tracks (RAG, milestones, finance, ...); these hold the
narrative a committee report also needs and no record does. Each is one text in the
`report_text` table (schema/004_report_text.sql), edited through
`t2025tui.core.services.report_text`.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    where: str  # where the text appears in the report, for the edit screen and the docs
    single_line: bool = False


# In the order the report prints them. "workstream" is one text per workstream.
SECTIONS: tuple[Section, ...] = (
    Section("committee", "Committee", "title block", single_line=True),
    Section("title", "Report title", "title block", single_line=True),
    Section("report_of", "Report of", "title block", single_line=True),
    Section("purpose", "Purpose", "1 Purpose"),
    Section("recommendations", "Recommendations", "2 Recommendations"),
    Section(
        "background", "Background", "3 Background, before the recommendations count and the programme table"
    ),
    Section("status", "Programme status", "4, after the overall and risk status"),
    Section("finance", "Finance narrative", "4, before the finance table"),
    Section("planning", "Planning and prioritisation", "4, after the finance table, before the decisions"),
    Section("workstream", "Workstream update", "5, in the workstream's section after its RAG and commentary"),
    Section("communication", "Communication and engagement", "6 Communication and engagement"),
    Section("implications_finance", "Finance implications", "7 Implications: Finance"),
    Section(
        "implications_diversity",
        "Diversity and equal opportunities implications",
        "7 Implications: Diversity and Equal Opportunities",
    ),
    Section("implications_human_rights", "Human rights implications", "7 Implications: Human Rights Act"),
    Section("implications_sustainability", "Sustainability implications", "7 Implications: Sustainability"),
    Section("implications_risk", "Risk implications", "7 Implications: Risk"),
    Section("conclusions", "Conclusions", "8 Conclusions, before the conclusion computed from the data"),
    Section("appendix", "Appendix note", "Appendix, before the open risks"),
)
SECTION_KEYS = tuple(section.key for section in SECTIONS)
BY_KEY = {section.key: section for section in SECTIONS}
WORKSTREAM_SECTION = "workstream"
