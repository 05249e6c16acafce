"""Sample report data for the report tests, built by hand (reports are pure: no database)."""

from __future__ import annotations

import datetime as dt
import io

from recoverydesk.reports.data import (
    CrisisCardData,
    DomainChange,
    GoalData,
    MonthSupport,
    NoteData,
    PlanPackData,
    PracticeInfo,
    ReferralData,
    ReviewReportData,
    ServiceData,
    StarSummary,
    StatusEventData,
    StepData,
    StrengthData,
    SupporterData,
    SupportsData,
    WrapPart,
    WrapSection,
)

PRACTICE = PracticeInfo(
    "Saltwater Recovery Coaching", "Mei Tanaka", "12 345 678 901", "0400 111 222"
)
DOMAINS = [
    "Managing mental health",
    "Physical health and self-care",
    "Living skills",
    "Social networks",
    "Work",
    "Relationships",
    "Addictive behaviour",
    "Responsibilities",
    "Identity and self-esteem",
    "Trust and hope",
]


def tiny_png() -> bytes:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(4, 3), dpi=50)
    fig.add_subplot().plot([1, 2, 3], [2, 5, 7])
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def goal(i: int, steps: int = 3, status: str = "active") -> GoalData:
    day = dt.date(2026, 3, 1)
    return GoalData(
        title=f"Goal number {i}: walk to the beach with my dog Biscuit",
        status=status.replace("_", " ").capitalize(),
        status_key=status,
        why_it_matters="Being outside helps me feel calm.",
        specific="Walk along the esplanade three mornings a week.",
        measure="Three walks a week for a month.",
        target_date=dt.date(2026, 9, 30),
        domains=("Physical health and self-care",),
        steps=tuple(
            StepData(
                f"Step {j} of goal {i}: buy a lead",
                "Me" if j % 2 else "Mei",
                day + dt.timedelta(days=7 * j),
                day if j == 1 else None,
            )
            for j in range(1, steps + 1)
        ),
        history=(StatusEventData(dt.date(2026, 1, 10), "Active", "We agreed this together."),),
        progress_notes=(NoteData(dt.date(2026, 4, 2), "Walked twice this week, felt good."),),
        sessions_worked=3,
    )


def plan_data(**overrides) -> PlanPackData:
    card = CrisisCardData(
        preferred_name="Zoë",
        supporters=(
            SupporterData("Nguyễn Thị Lan", "Sister", "0411 222 333",
                          "Sit with me and make a cup of tea"),
            SupporterData("Dr O'Brien-Ngata", "GP, Seaview Medical", "08 8123 4567"),
        ),
        not_involved=("My uncle Kevin",),
        warning_signs=("Not sleeping for two nights", "Stopping answering my phone"),
        what_helps=("A quiet room", "Someone to sit with me"),
        what_to_avoid=("Raised voices",),
        medications=("Sertraline 50 mg each morning",),
        preferred_facilities=("Seaview Community Mental Health",),
        updated_on=dt.date(2026, 3, 14),
    )
    base = dict(
        practice=PRACTICE,
        preferred_name="Zoë",
        full_name="Zoë Nguyễn O'Brien-Ngata",
        agreed_on=dt.date(2026, 3, 14),
        next_review=dt.date(2026, 9, 14),
        version_number=2,
        strengths=(
            StrengthData("Skills and talents", "Great cook"),
            StrengthData("Relationships", "Close to my sister Lan"),
        ),
        goals=(goal(1), goal(2, 5), goal(3, 0, "achieved")),
        star=StarSummary(
            "Recovery Star",
            dt.date(2025, 6, 1),
            dt.date(2026, 3, 1),
            3,
            tuple(DomainChange(d, 3 + i % 3, 5 + i % 4) for i, d in enumerate(DOMAINS)),
            tiny_png(),
            tiny_png(),
        ),
        supporters=(SupporterData("Nguyễn Thị Lan", "Sister", "0411 222 333", emergency=True),),
        services=(
            ServiceData("Seaview Clubhouse", "Peer support", "08 8000 1111", "Tuesday lunch group"),
        ),
        wrap=(
            WrapSection("Wellness toolbox", (WrapPart("", ("Music", "Cooking")),)),
            WrapSection(
                "Triggers",
                (
                    WrapPart("What might set me off", ("Loud crowds",)),
                    WrapPart("What I'll do", ("Step outside",)),
                ),
            ),
        ),
        crisis_card=card,
    )
    base.update(overrides)
    return PlanPackData(**base)


def review_data(**overrides) -> ReviewReportData:
    base = dict(
        practice=PRACTICE,
        full_name="Zoë Nguyễn O'Brien-Ngata",
        preferred_name="Zoë",
        period_start=dt.date(2025, 9, 1),
        period_end=dt.date(2026, 2, 28),
        prepared_on=dt.date(2026, 3, 2),
        ndis_number="431234567",
        date_of_birth=dt.date(1990, 5, 17),
        plan_start=dt.date(2025, 3, 1),
        plan_end=dt.date(2026, 3, 31),
        supports=SupportsData(
            24,
            36.5,
            30.0,
            6.5,
            2,
            1,
            120.4,
            300,
            (
                MonthSupport(dt.date(2025, 9, 1), 4, 6, 5, 1),
                MonthSupport(dt.date(2025, 10, 1), 4, 6.5, 6.5, 0),
            ),
            (("Recovery Star", 3), ("WRAP", 5)),
            (("Café", 10),),
        ),
        goals=(goal(1), goal(2, status="achieved")),
        star=StarSummary(
            "Recovery Star",
            dt.date(2025, 9, 3),
            dt.date(2026, 2, 20),
            2,
            tuple(DomainChange(d, 3, 3 + i % 4) for i, d in enumerate(DOMAINS)),
            tiny_png(),
            tiny_png(),
        ),
        informal_supports=(SupporterData("Nguyễn Thị Lan", "Sister"),),
        referrals=(
            ReferralData(
                "Seaview Clubhouse",
                "Peer support",
                dt.date(2025, 10, 2),
                "Meet people",
                "Attending",
                "Goes most Tuesdays",
                "Goal number 1",
            ),
        ),
        summary="Zoë has grown in confidence.",
        barriers_strategies="Transport costs: we found a concession card.",
        risks="No new risks noted.",
        recommendations="Continue recovery coaching at 1.5 hours a week.",
    )
    base.update(overrides)
    return ReviewReportData(**base)


def non_embedded_fonts(reader) -> list[str]:
    """Names of fonts a PDF uses without embedding them (should be none)."""
    bad = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if "/FontDescriptor" in font:
                descriptor = font["/FontDescriptor"]
            elif "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            else:
                bad.append(str(font["/BaseFont"]))
                continue
            if "/FontFile2" not in descriptor.get_object():
                bad.append(str(font["/BaseFont"]))
    return bad
