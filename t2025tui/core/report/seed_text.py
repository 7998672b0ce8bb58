"""The embedded programme's report text: the March 2022 Audit Committee report's own words.

Source: `shared/seed/001_2d62b12c2581fba0.txt` (OCR'd). Only the narrative the records do
not hold is here; what the records hold (RAG and reasons, commentary, milestones, the
de-scoped and re-scoped projects, the 11 of 30, the finance table, the decisions) is written
by the report from them. OCR slips ("beenreviewed", "McMiillan") are corrected; nothing is
added. A line starting "- " is a bullet.
"""

from t2025tui.core.changes import Change

TEXT = {
    "committee": "Audit Committee",
    "title": "Service Improvement Programme (T2025) progress report",
    "report_of": "T/Chief Constable Helen McMillan",
    "purpose": (
        "The purpose of the report is to update members on the progress of the Cleveland Police "
        "Service Improvement Programme."
    ),
    "recommendations": "It is recommended that members note the contents of the report.",
    "background": (
        "Since the last report to the Audit Committee in September 2021 progress has been made on all "
        "workstreams within the T2025 programme, previously agreed last year. This provides a single "
        "overarching programme to cover all major change activity across the force.\n"
        "All Causes of Concern have been inspected by HMICFRS and the scale of change and progress has been "
        "recognised. A number of the recommendations signed off have since been submitted for closure. "
        "Detailed reporting for all recommendations is now progressed to the Audit Committee by Corporate "
        "Services. This report will cover the progress being made across the workstreams within the "
        "Programme.\n"
        "Feedback from the inspection has where relevant been progressed by the relevant teams and/or "
        "supported by the Change Programme within the scope of the workstreams.\n"
        "The table below confirms the programme that was agreed in August last year; this report will cover "
        "progress being made across the force core areas."
    ),
    "status": (
        "Considerable progress has been made and the current review of the change programme has allowed the "
        "force to review the capability and capacity of the enabling services functions aligned to each "
        "project. This has identified several gaps, some of which are impacted by vacancies in certain "
        "specialist roles that the Force continues to attempt to attract into. In some of the workstreams "
        "prioritisation has taken place with the relevant C/Supt and Chief Officer to mitigate this risk in "
        "the short term until the gaps have been addressed.\n"
        "Three out of the five workstreams are being impacted by this issue, including FCR, Resource "
        "Management and Integrated Offender Management; the detail of this is within the next section of "
        "the report."
    ),
    "finance": (
        "Linked to issues with resourcing, it has now been confirmed and reported in the February Long Term "
        "Financial Plan that the force will need to find efficiencies to balance the budget in the longer "
        "term. The change programme will therefore need to support this requirement. Financial options have "
        "been identified that provide some flexibility from 2021/22 to 2024/25 on savings requirements; "
        "therefore future efficiencies will need to be realised from 2024/25."
    ),
    "planning": (
        "In addition to workstream progress the programme has been reviewed in line with the Force Planning "
        "process, where all requirements for projects (existing and anything new) have been scored in "
        "accordance with the Corporate Risk Criteria to identify how these can be prioritised.\n"
        "Recommendations were presented at the Futures Board in relation to risk assessment, treatment of "
        "risk in terms of what the force will mitigate, tolerate and transfer, approaches to resourcing "
        "including potential gaps, and the work still to complete before the updated programme can be "
        "approved."
    ),
    "communication": (
        "Inspection feedback on the Causes of Concern from last year identified that the programme needed to "
        "improve attempts at developing more mechanisms for 2-way engagement with all teams. As a result, a "
        "range of options are now in place and working across all workstreams subject to their stage of "
        "development.\n"
        "The T2025 subsite went live in November supported by the first supervisor newsletter, this being "
        "designed to help all employees in focusing on the priorities for the current period rather than "
        "attempting to understand the programme in its entirety. The letter also includes questions and "
        "answers to the most popular feedback received, including any action taken to address it. The "
        "subsite includes the plans, progress reports, updates for PPOG and the latest news for the "
        "programme.\n"
        "The DCC conducted supervisor briefings which included a section on the change programme; the "
        "feedback from these sessions has been reviewed and where applicable included as part of workstream "
        "development within the current year or for future years.\n"
        "There has been a focused use of the Innovation tool Idea Drop, where the various workstreams have "
        "set challenges to the workforce to ask for feedback as to how improvements can be made. This "
        "included Raising Investigation Standards, Oracle Development and barriers to using surveys.\n"
        "Lessons learnt from previous stages in the programme identified that developing buy-in for change "
        "is being impacted by a number of factors such as stress, lack of development, capacity etc. The "
        "impact of this is that milestones take longer to achieve and there is high resistance or low "
        "capacity for change.\n"
        "To try and address this the programme is trialling a new method to assess the corporate health of a "
        "team as part of the initial stages of change, called the Corporate Health Check. The approach has "
        "been developed taking in a range of team measures such as sickness, overtime etc plus ratings that "
        "each team member provides on how engaged they feel. These ratings have been designed in line with "
        "the Best Companies Framework being progressed by the Organisational Development team. The outcome "
        "of this assessment provides the team with the information to confirm how they can engage and "
        "deliver change, including where wider support may be required, e.g. Force Ethics Lead, EDI team, "
        "Organisational Development, HR etc.\n"
        "The approach has been trialled within the Learning & Development project and the results are in the "
        "process of being reviewed to be shared with the management team. Key themes from the health check "
        "can be clearly identified, such as the level of engagement within the team itself, development "
        "opportunities and cause & effect across the numerical information and feedback.\n"
        "Work continues to be progressed with the Force Ethics lead to align change with the continued work "
        "to embed the Code of Ethics. Joined up approaches to developing solutions for change and engagement "
        "are in progress, plus plans to utilise the National Decision Making model within decisions for "
        "future projects."
    ),
    "implications_finance": (
        "All identified budget requirements for the workstreams are in progress; there is a wider risk that "
        "the required approaches to transformation will be unaffordable, already covered within the report."
    ),
    "implications_diversity": (
        "There are no diversity or equal opportunity implications arising from the content of this report. "
        "The Equality, Diversity and Inclusion Team continue to support the Service Improvement Programme in "
        "all aspects of their work."
    ),
    "implications_human_rights": (
        "There are no Human Rights Act implications arising from the content of this report."
    ),
    "implications_sustainability": "There are no sustainability implications arising from this report.",
    "implications_risk": (
        "The risks associated with the programme are outlined in detail within the bespoke risk register. "
        "Linkages have been made with the Force's overarching Corporate Risk Management Processes to ensure "
        "all relevant actions are being regularly reviewed, mitigated or ameliorated."
    ),
    "conclusions": (
        "The Force Change programme is currently at Red status with senior leaders working through the issues "
        "with resourcing and finance. The future programme will require ratifying with the new Chief "
        "Constable; therefore this will be presented at the next Committee meeting in line with the outcomes "
        "of the Force Planning Process.\n"
        "The Causes of Concern continue to be a focus for improvement, but now that the force is subject to "
        "an efficiency target and a new Police and Crime Plan has been approved, those projects that will "
        "find options to deliver on these will require prioritisation and sequencing."
    ),
    "appendix": "The full risk register is the SIT Risk Log V6 (March 2022).",
}

# Per workstream code: what its update in the report says beyond its RAG reason, commentary,
# milestones and projects (the Force Control Room and Resource Management updates say no more).
WORKSTREAM_TEXT = {
    "IOM": (
        "Whilst the issue of exploiting the use of civil orders is a national one, the Integrated Offender "
        "Management Working Group has prioritised those orders that are likely to be most required and aims "
        "to develop knowledge and skills to increase their volume and use.\n"
        "For these to improve will require upskilling and increased knowledge across front line teams, "
        "supported by line management to ensure time is prioritised to do these when competing with other "
        "high risk demands. In addition there will be additional demand into legal services in terms of "
        "preparing and applying for orders. The frontline aspects will therefore be further supported "
        "through the Change team providing coaching to these teams into the next financial year.\n"
        "The offender profiling using the Cambridge Harm Index identifies those offenders who are the most "
        "harmful across all areas of the Force. The successful tasking pilot will be rolled out to wider "
        "areas, improving transparency and timeliness of managing offender behaviour.\n"
        "The Specialist Operations project completes when the de-collaboration is finalised. Decisions on "
        "structures and resources have been progressed as part of the Force Planning Process."
    ),
    "VUL": (
        "As part of this workstream a range of feedback from the inspection last year has been addressed, "
        "including:\n"
        "- Engagement equipment for frontline teams has been confirmed, funding located and in progress for "
        "providing out to teams. This ranges from minor items such as leaflets to larger aspects such as a "
        "gazebo for events and an engagement van.\n"
        "- The quality assurance process has been developed and is in place for problem solving, with "
        "increased usage of technology already in place such as IMAP, which provides insight into crime "
        "hotspots.\n"
        "- Longer term training approaches have been developed and will start from April; these are based on "
        "previous visits recommended by HMICFRS to South Yorkshire and move the training to a 3-day "
        "interactive course.\n"
        "- Business cases for social media exploitation and the use of consumer insight data have been "
        "produced and approved.\n"
        "- Options for exploiting the national system of SOLH have been confirmed, plus a range of "
        "requirements for the development of the PCC app that continue to be fed into the OPCC.\n"
        "- All technology options will seek to enable a greater depth of understanding of communities and "
        "their issues, and develop the range of channels available for the public to contact the force, "
        "whilst improving how increases in demand can be more efficiently managed within the FCR. The "
        "implementation of these options will be progressed into the next financial year.\n"
        "The change activities for Missing people have been focused on the development of processes, "
        "management of risk and development of Niche (the force crime system).\n"
        "Missing From Home co-ordinators have been established within the Safeguarding team; it has been "
        "confirmed that the level of resourcing is currently not sufficient to meet the demand as identified "
        "within the demand profile. This requirement was progressed through the Force Management Process as "
        "part of a risk-based approach.\n"
        "Based on what is in place the change team has been working with the Missing from Home Co-ordinators "
        "to progress the following:\n"
        "- Production of trigger plans for repeat missing people that are now accessible by the FCR\n"
        "- Development of a Standard Operating Procedure, guidance, videos and SharePoint support materials\n"
        "- Completion of a peer review with other forces to compare processes and identify best "
        "practice/development areas; the recommendation from this is now being progressed by the MFH "
        "Co-ordinators\n"
        "- Review and recommendations for Concerns for Safety, including where work is required with "
        "partners to transfer the demand from the police\n"
        "- Implementation of the Niche 'Missing' module, which is on track for completion by the end of "
        "April. The module supports the process for Missing and improves the availability of information as "
        "the investigation progresses, including recording and tracking activity and adherence to the "
        "Victims Code.\n"
        "- Longer term training approaches are in the process of being confirmed, enabling the change work to "
        "close at the end of March\n"
        "- Continuing to support frontline teams in embedding the knowledge will however continue into the "
        "next financial year through coaching and de-brief sessions facilitated by the change team and line "
        "managers."
    ),
    "RIS": (
        "The options for frontline teams to improve standards have been developed, including the development "
        "of Crime Clinics with experienced detectives, briefings, and feedback sessions with the change team "
        "to identify options for improvement, and continued development of SharePoint materials for guidance "
        "and support. Longer term approaches to development have been impacted by resource availability in "
        "the Learning & Development team.\n"
        "There have been some improvements with supervisor checks and performance, but this is fluctuating "
        "and is not yet consistent; resource issues have also been reported in conducting audit work. The "
        "requirement for developing knowledge and skills will therefore continue to be supported by the "
        "change team into the next financial year.\n"
        "Review work has also been completed and recommendations were presented as part of the Victim "
        "Mapping Review. These are planned for completion by the end of the year except for those that "
        "require technology improvements; these will be subject to prioritisation for investment or "
        "resourcing.\n"
        "Changes that are in progress are small scale improvements informed by the review that can improve "
        "the accessibility victims have to information and improve how officers can communicate with them. "
        "Recommendations have also been identified to explore closer working or collaboration options with "
        "mental health workers and social services with the FCR."
    ),
}


def insert_report_text(change: Change, workstreams: dict[str | None, int]) -> None:
    """Add the report's words to the seed batch; `workstreams` maps codes to their ids.

    A file made at an older schema version (as the migration tests make) has no table for them.
    """
    if change.conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'report_text'").fetchone() is None:
        return
    for section, body in TEXT.items():
        change.insert("report_text", {"section": section, "body": body})
    for code, body in WORKSTREAM_TEXT.items():
        change.insert(
            "report_text", {"section": "workstream", "workstream_id": workstreams[code], "body": body}
        )
