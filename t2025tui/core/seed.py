"""The embedded default: the T2025 programme as the Audit Committee report states it.

Source: Cleveland Police, Audit Committee progress report on the Service Improvement
Programme (T2025), March 2022, reporting the Futures Board of 15 March 2022
(`shared/seed/001_2d62b12c2581fba0.txt`, OCR'd text). Every value below is stated in the
report; where the app needs a value the report does not state, it is left blank, or the
record says in its notes that it is a placeholder or an inference and from what.
"""

from t2025tui.core.changes import edit
from t2025tui.core.report.seed_text import insert_report_text
from t2025tui.core.store import Store

STATUS_DATE = "2022-03-15"
SEED_AT = "2022-03-15T00:00:00+00:00"
SOURCE = "Audit Committee progress report, Service Improvement Programme (T2025), March 2022"
END_OF_YEAR = "2022-03-31"
INFERRED_BASELINE = (
    "Baseline inferred, not stated: report 7.3 counts this among the work planned for delivery "
    "in 2021/22, which ends 31 March 2022."
)

PROGRAMME = {
    "id": 1,
    "name": "T2025 Service Improvement Programme",
    "organisation": "Cleveland Police",
    "rag_scale": 3,
    "overall_rag": "Red",
    "overall_rag_reason": (
        "Reporting Red due to a number of issues that require wider support/senior direction; "
        "senior leaders are working through the issues with resourcing and finance."
    ),
    "risk_rag": "Red",
    "risk_rag_reason": (
        "Mainly due to work in progress to review the scale of change against organisational and "
        "operational risks and affordability; the full programme will require briefing with the new "
        "Chief Constable and is therefore subject to further ratification."
    ),
    "reporting_period": "2021/22 (Futures Board, 15 March 2022)",
    "status_date": STATUS_DATE,
    "financial_year_end": END_OF_YEAR,
    "source": SOURCE,
    "marking": "OFFICIAL",  # as the report is marked
}

KEY_MESSAGES = [
    "Progress has been made on all workstreams since the Audit Committee of September 2021.",
    "11 of the 30 HMICFRS recommendations have been signed off, a number of these since submitted for closure.",
    "Capability and capacity gaps in enabling services, some due to vacancies in specialist roles, "
    "affect three of the five workstreams (FCR, Resource Management, Integrated Offender Management).",
    "The February Long Term Financial Plan confirms the force will need to find efficiencies to "
    "balance the budget in the longer term; future efficiencies will need to be realised from 2024/25.",
    "The Violence Reduction Unit has been de-scoped after the Home Office Special Grant bid was rejected.",
]

OBJECTIVES = [
    (
        "Serving the public and putting our communities at the heart of all we do",
        "OCR of the programme table garbles the word after 'our'; 'communities' is a reading of it.",
    ),
    ("Recognising and preventing crime and antisocial behaviour and tackling criminality", ""),
    (
        "Caring for and safeguarding vulnerable victims",
        "OCR of the programme table splits this objective; its first words are a reading of it.",
    ),
    ("Supporting our people", ""),
]

# code, name, lead, RAG, RAG reason, commentary
WORKSTREAMS = [
    (
        "FCR",
        "Force Control Room",
        "DCC",
        "Amber",
        "Slippage in implementing the technology requirements: competing demands within the IT team, where "
        "high risk work for the wider force has necessitated a higher priority. Timescales readjusted; "
        "planned for completion by June 2022.",
        "The wider scope of the workstream is on track, including the progression of the Force Crime "
        "Management Unit, Learning & Development Hub and tweaks to the shift pattern following the review "
        "conducted last year.",
    ),
    (
        "RM",
        "Resource Management",
        "People Director",
        "Red",
        "Availability of resources has resulted in elements of the workstream being re-prioritised to focus "
        "on business design aspects such as end to end process mapping and demand analysis.",
        "As Is process maps and data requirements completed and now being developed into To Be processes, "
        "which will provide a list of business requirements. Some are expected to be larger scale and need "
        "technology investment and potential transfer of responsibilities across teams. This is the only "
        "workstream that can be designed to release cashable savings in the longer term, so it continues "
        "to be a priority.",
    ),
    (
        "VUL",
        "Vulnerability (Prevention/Engagement & Missing)",
        "ACC",
        "Green",
        "On track for all the required activities to be completed by the end of March 2022.",
        "Engagement equipment confirmed and funded; problem-solving quality assurance in place; longer term "
        "training (3-day interactive course) starts from April; business cases for social media exploitation "
        "and consumer insight data approved; Missing From Home co-ordinators established (resourcing not yet "
        "sufficient for the demand profile); trigger plans, SOP and peer review completed; Niche 'Missing' "
        "module on track for the end of April.",
    ),
    (
        "RIS",
        "Raising Investigation Standards",
        "ACC",
        "Green",
        "On track for all the required activities to be completed by the end of March 2022, although some "
        "issues have been reported with resourcing for sustaining change into the longer term.",
        "Crime Clinics with experienced detectives, briefings and feedback sessions developed; supervisor "
        "checks improving but not yet consistent; Victim Mapping Review recommendations planned for "
        "completion by the end of the year except those that require technology improvements.",
    ),
    (
        "IOM",
        "Integrated Offender Management",
        "ACC",
        "Amber",
        "Changes in scope: the Violence Reduction Unit has been de-scoped and the civil orders demand "
        "assessment re-scoped.",
        "Offender profiling using the Cambridge Harm Index completed and being embedded into the Force "
        "Tasking Process. A tasking pilot for the MATAC and DVPO cohorts has been successful and will be "
        "rolled out to wider areas. Specialist Operations project on track to complete at the end of May.",
    ),
]

OCR_TABLE = "Placement in the programme table is read from OCR'd text."

# workstream code (None for IT & enabling / BAU), grouping, name, status, reason
PROJECTS = [
    ("FCR", "delivery", "FCMU/L&D Hub implementation", "active", ""),
    ("FCR", "delivery", "FCR technology requirements", "active", ""),
    ("FCR", "delivery", "Resourcing/shift pattern validation", "active", ""),
    ("RM", "delivery", "Oracle Programme", "active", ""),
    ("RM", "delivery", "L&D Review", "active", ""),
    ("VUL", "delivery", "MFH - Accreditation and Niche", "active", ""),
    ("VUL", "delivery", "Engagement (vulnerable communities)", "active", ""),
    ("VUL", "delivery", "Problem solving & prevention embedding (Community Safety)", "active", ""),
    ("VUL", "delivery", "IT Exploitation - Social Media, ECINS, Imap, SOLH", "active", ""),
    ("VUL", "delivery", "Vulnerability Desk - multi agency", "active", ""),
    ("RIS", "delivery", "Victims First & Victim journey", "active", ""),
    ("RIS", "delivery", "Raising Investigative standards", "active", ""),
    ("RIS", "delivery", "PHT shift pattern", "active", ""),
    ("RIS", "delivery", "Night detectives", "active", ""),
    ("IOM", "delivery", "IOM developments - Niche, Custody, Restorative justice", "active", ""),
    (
        "IOM",
        "delivery",
        "Offender risk & Civil Orders, Family disclosure demand assessment",
        "re-scoped",
        "The requirement to demand assess the scale and use of civil remedies has been re-scoped because the "
        "required data is not sufficiently accurate to calculate demand. The IOM Working Group has prioritised "
        "DVPOs, Stalking Protection Orders, Sexual Harm Prevention Orders, Sexual Risk Orders and Criminal "
        "Behaviour Orders.",
    ),
    (
        "IOM",
        "delivery",
        "Violence Reduction Unit",
        "de-scoped",
        "The Home Office Special Grant bid for Serious Violence funding was rejected (funding could not be used "
        "for 'Business as Usual' requirements); the additional funding and resourcing requirements were "
        "considered in the Force Planning process and are unaffordable in most areas. Business areas will "
        "progress improvement where possible unless the funding options change; the OPCC continues to lobby "
        "for VRU funding.",
    ),
    ("IOM", "delivery", "Cleveland Specialist Operations/CDSOU review (de-collaboration)", "active", ""),
    (None, "delivery", "Facial Recognition Pilot", "active", ""),
    (None, "it_enabling", "SharePoint", "active", ""),
    (None, "it_enabling", "Legal Case Management System", "active", ""),
    (None, "it_enabling", "PCC Complaints model", "active", ""),
    (None, "it_enabling", "IT Resilience and Refresh programme", "active", ""),
    (None, "it_enabling", "HMCTS Common Platform", "active", ""),
    (None, "it_enabling", "Emergency Services Network", "active", ""),
    (None, "it_enabling", "Enabling Services Review", "active", ""),
    (None, "bau", "Leadership, promotion & succession", "active", ""),
    (None, "bau", "Citizens in Policing model", "active", ""),
    (None, "bau", "Attraction strategy, entry & recruitment", "active", ""),
    (None, "bau", "Organisational engagement", "active", ""),
]

# workstream, project name or None, title, owner, baseline, forecast, actual, notes
MILESTONES = [
    (
        "FCR",
        "FCR technology requirements",
        "FCR technology requirements implemented",
        "DCC",
        END_OF_YEAR,
        "2022-06-30",
        None,
        INFERRED_BASELINE,
        "Competing demands within the IT team: high risk work for the wider force took a higher priority; "
        "timescales readjusted to June 2022.",
    ),
    (
        "VUL",
        None,
        "Vulnerability workstream activities for 2021/22 complete",
        "ACC",
        END_OF_YEAR,
        END_OF_YEAR,
        None,
        "",
        "",
    ),
    (
        "VUL",
        "IT Exploitation - Social Media, ECINS, Imap, SOLH",
        "Longer term engagement training (3-day interactive course) starts",
        "ACC",
        "2022-04-01",
        "2022-04-01",
        None,
        "Report: 'will start from April'.",
        "",
    ),
    (
        "VUL",
        "MFH - Accreditation and Niche",
        "Niche 'Missing' module implemented",
        "ACC",
        "2022-04-30",
        "2022-04-30",
        None,
        "Report: on track for completion by the end of April.",
        "",
    ),
    (
        "RIS",
        None,
        "Raising Investigation Standards activities for 2021/22 complete",
        "ACC",
        END_OF_YEAR,
        END_OF_YEAR,
        None,
        "",
        "",
    ),
    (
        "IOM",
        "Cleveland Specialist Operations/CDSOU review (de-collaboration)",
        "Specialist Operations de-collaboration finalised",
        "ACC",
        "2022-05-31",
        "2022-05-31",
        None,
        "Report: on track to complete at the end of May.",
        "",
    ),
    (
        "RM",
        None,
        "Resource Management To Be processes and business requirements",
        "People Director",
        END_OF_YEAR,
        None,
        None,
        INFERRED_BASELINE + " Report 7.3: activities will need to move into the coming year due to a lack of "
        "resource; no new date is stated.",
        "Activities moving into the coming year due to a lack of resource (report 7.3).",
    ),
]

RISK_NOTE = (
    "Described in the report's narrative; the SIT Risk Log V6 (March 2022) appendix is not "
    "reproduced, so scores, owners and dates are left blank rather than invented."
)

# ref, title, cause, event, effect, response, actions, workstream code
RISKS = [
    (
        "T2025-R01",
        "Scale of change against organisational and operational risk and affordability",
        "Programme scope agreed in August 2021 before the force's efficiency requirement was confirmed.",
        "The scale of change cannot be delivered within organisational and operational risk appetite or budget.",
        "Overall risk management reports Red; programme needs re-scoping and re-sequencing.",
        "Treat",
        "Review the scale of change through the Force Planning process, scoring all project "
        "requirements against the Corporate Risk Criteria.",
        None,
    ),
    (
        "T2025-R02",
        "Capability and capacity gaps in enabling services",
        "Vacancies in certain specialist roles that the force continues to attempt to attract into.",
        "Enabling services cannot support the projects aligned to them.",
        "Three of five workstreams impacted (FCR, Resource Management, Integrated Offender Management).",
        "Treat",
        "Prioritisation with the relevant C/Supt and Chief Officer in the short term until the gaps "
        "are addressed.",
        None,
    ),
    (
        "T2025-R03",
        "Efficiencies required to balance the budget in the longer term",
        "February Long Term Financial Plan: the force needs to find efficiencies.",
        "Change programme has to deliver savings as well as improvement.",
        "Future efficiencies need to be realised from 2024/25; planned deficits from 2024/25.",
        "Treat",
        "Financial options identified provide some flexibility from 2021/22 to 2024/25.",
        "RM",
    ),
    (
        "T2025-R04",
        "Programme not yet ratified by the new Chief Constable",
        "A new Chief Constable is in post.",
        "The programme requires briefing and further ratification.",
        "Scope and sequencing may change.",
        None,
        "Present to the next Committee meeting in line with the outcomes of the Force Planning Process.",
        None,
    ),
    (
        "T2025-R05",
        "Resourcing for sustaining change into the longer term",
        "Resource availability in the Learning & Development team and for audit work.",
        "Improvements (e.g. supervisor checks) are not sustained.",
        "Standards fluctuate; change team support continues into the next financial year.",
        "Treat",
        "Change team continues to support knowledge and skills development.",
        "RIS",
    ),
    (
        "T2025-R06",
        "Low capacity and resistance to change",
        "Stress, lack of development and capacity (lessons learnt from earlier stages).",
        "Buy-in for change is not developed.",
        "Milestones take longer to achieve.",
        "Treat",
        "Trial of the Corporate Health Check; alignment with the Code of Ethics.",
        None,
    ),
    (
        "T2025-R07",
        "Violence Reduction Unit funding",
        "Home Office Special Grant bid rejected.",
        "No funding for a Violence Reduction Unit.",
        "VRU de-scoped from Integrated Offender Management.",
        "Tolerate",
        "OPCC continues discussions with the Home Office and lobbying for VRU funding.",
        "IOM",
    ),
]

SIGNED_OFF = 11
TOTAL_RECOMMENDATIONS = 30
RECOMMENDATION_NOTE = (
    "Placeholder: the report states only that 11 of the 30 HMICFRS recommendations have been signed off "
    "(some since submitted for closure). This recommendation's reference, text, owner and dates are not "
    "in the report; replace them from the force's recommendation tracker."
)

YEARS = ("2021/22", "2022/23", "2023/24", "2024/25", "2025/26")
# line, kind, amounts per year in GBP 000s with the report's signs (credits negative)
FINANCE = [
    ("Funding from the OPCC", "funding", (-145_045, -151_315, -157_512, -158_350, -161_450)),
    ("Police Pay & Allowances", "expenditure", (82_585, 85_425, 89_380, 91_655, 95_295)),
    ("Staff Pay & Allowances", "expenditure", (35_261, 37_098, 38_996, 38_819, 39_907)),
    ("Non-Pay Expenditure", "expenditure", (27_777, 29_174, 29_518, 29_803, 30_062)),
    ("Savings Target", "savings", (-578, -382, -382, -382, -382)),
]
# The report's own derived rows, which the data must reproduce exactly.
REPORT_TOTAL_PLANNED_EXPENDITURE = (145_045, 151_315, 157_512, 159_895, 164_882)
REPORT_SURPLUS_DEFICIT = (0, 0, 0, 1_545, 3_432)

DECISIONS = [
    "Review the outcomes of the FMS risk assessment in line with the programme and resourcing priorities",
    "Scoping and sequencing of the workstreams for the next 3 years (subject to resources being in place)",
    "Confirmation of the resourcing approach",
    "Ratification with the new Chief Constable",
]

# The report's resourcing issues, each only where it states one: (workstream, title, description).
ISSUES = [
    *(
        (
            code,
            "Vacancies in specialist roles",
            "The Force continues to attempt to attract into vacant specialist roles; three of the five "
            "workstreams (FCR, Resource Management and Integrated Offender Management) are impacted. "
            "Prioritisation has taken place with the relevant C/Supt and Chief Officer in the short term "
            "until the gaps have been addressed.",
        )
        for code in ("FCR", "RM", "IOM")
    ),
    (
        "VUL",
        "Missing From Home co-ordinators: resourcing not sufficient for demand",
        "The level of resourcing is not sufficient to meet the demand identified within the demand "
        "profile; progressed through the Force Management Process as part of a risk-based approach.",
    ),
    (
        "RIS",
        "Resourcing for sustaining change into the longer term",
        "Longer term approaches to development have been impacted by resource availability in the "
        "Learning & Development team; resource issues have also been reported in conducting audit work.",
    ),
]

# The report's lesson learnt from previous stages of the programme.
LESSONS = [
    {
        "lesson": "Developing buy-in for change is impacted by stress, lack of development and capacity",
        "what_happened": "Milestones take longer to achieve and there is high resistance or capacity for change.",
        "next_time": "Assess the corporate health of a team in the initial stages of change: the programme is "
        "trialling the Corporate Health Check.",
    }
]


def seed_t2025(store: Store) -> None:
    """Fill an empty database with the T2025 programme, as one seed batch in the history."""
    with edit(
        store,
        "Embedded T2025 programme (as at 15 March 2022)",
        reason=SOURCE,
        action="seed",
        at=SEED_AT,
        undoable=False,
    ) as change:
        change.insert("programme", PROGRAMME)
        for position, text in enumerate(KEY_MESSAGES, start=1):
            change.insert("key_message", {"position": position, "text": text})
        for position, (title, notes) in enumerate(OBJECTIVES, start=1):
            change.insert("objective", {"position": position, "title": title, "notes": notes})
        codes: dict[str | None, int] = {}
        for position, (code, name, lead, rag, reason, commentary) in enumerate(WORKSTREAMS, start=1):
            codes[code] = change.insert(
                "workstream",
                {
                    "code": code,
                    "name": name,
                    "lead": lead,
                    "rag": rag,
                    "rag_reason": reason,
                    "commentary": commentary,
                    "position": position,
                },
            )
        projects = {}
        for position, (project_code, grouping, name, status, status_reason) in enumerate(PROJECTS, start=1):
            projects[name] = change.insert(
                "project",
                {
                    "workstream_id": codes.get(project_code) if project_code else None,
                    "grouping": grouping,
                    "name": name,
                    "status": status,
                    "status_reason": status_reason,
                    "notes": OCR_TABLE,
                    "position": position,
                },
            )
        refs: dict[str, int] = {}
        for code, project, title, owner, baseline, forecast, actual, notes, change_reason in MILESTONES:
            refs[code] = refs.get(code, 0) + 1
            change.insert(
                "milestone",
                {
                    "ref": f"{code}-M{refs[code]:02d}",
                    "workstream_id": codes[code],
                    "project_id": projects.get(project) if project else None,
                    "title": title,
                    "owner": owner,
                    "baseline_date": baseline,
                    "forecast_date": forecast,
                    "actual_date": actual,
                    "notes": notes,
                    "last_change_reason": change_reason,
                },
            )
        for ref, title, cause, event, effect, response, actions, risk_code in RISKS:
            change.insert(
                "risk",
                {
                    "ref": ref,
                    "title": title,
                    "cause": cause,
                    "event": event,
                    "effect": effect,
                    "response": response,
                    "actions": actions,
                    "workstream_id": codes.get(risk_code) if risk_code else None,
                    "notes": RISK_NOTE,
                },
            )
        for number in range(1, TOTAL_RECOMMENDATIONS + 1):
            change.insert(
                "recommendation",
                {
                    "ref": f"HMICFRS-{number:02d}",
                    "source_report": "HMICFRS inspection (Causes of Concern)",
                    "kind": "recommendation",
                    "status": "Signed off" if number <= SIGNED_OFF else "Open",
                    "notes": RECOMMENDATION_NOTE,
                },
            )
        for position, (line, kind, amounts) in enumerate(FINANCE, start=1):
            for year, amount in zip(YEARS, amounts, strict=False):
                change.insert(
                    "finance_line",
                    {"line": line, "kind": kind, "year": year, "amount": amount, "position": position},
                )
        board = change.insert(
            "board_meeting",
            {
                "meeting_date": "2022-03-15",
                "title": "Futures Board",
                "notes": "Latest progress report submitted; programme reporting Red.",
            },
        )
        for position, title in enumerate(DECISIONS, start=1):
            change.insert(
                "decision",
                {
                    "board_meeting_id": board,
                    "title": title,
                    "position": position,
                    "notes": "Presented to the Futures Board of 15 March 2022.",
                },
            )
        check = change.insert(
            "health_check",
            {
                "team": "Learning & Development",
                "status": "Trial; results being reviewed before sharing with the management team",
                "themes": "Level of engagement within the team itself; development opportunities; cause & effect "
                "across the numerical information and feedback.",
                "notes": "Corporate Health Check trialled within the Learning & Development project. Ratings are "
                "designed in line with the Best Companies Framework. The report gives no figures, so measures "
                "are listed without values.",
            },
        )
        for measure in ("Sickness", "Overtime"):
            change.insert("health_measure", {"health_check_id": check, "name": measure})
        insert_report_text(change, codes)
        for code, title, description in ISSUES:
            change.insert(
                "issue",
                {"workstream_id": codes[code], "title": title, "description": description},
            )
        for lesson in LESSONS:
            change.insert("lesson", lesson)
