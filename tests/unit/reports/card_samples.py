"""Long crisis plans for the crisis card tests (fictional people and services)."""

from __future__ import annotations

import datetime as dt

from recoverydesk.reports.data import CrisisCardData, SupporterData


def detailed_card() -> CrisisCardData:
    """A realistic, detailed crisis plan written with a coach over a few sessions."""
    return CrisisCardData(
        preferred_name="Marguerite",
        supporters=(
            SupporterData("Anh Nguyen", "Sister", "0411 222 333",
                          "Come over, sit with me and make a cup of tea. Stay the night if you can."),
            SupporterData("Dr Priya Ramanathan", "GP, Seaview Medical Centre", "08 8123 4567",
                          "Check my medication and talk to the mental health team"),
            SupporterData("Tomás Fitzgerald-Okafor", "Neighbour and friend", "0422 987 654",
                          "Feed Biscuit and walk him twice a day"),
            SupporterData("Seaview Community Mental Health", "Duty worker", "08 8000 4321",
                          "Ask for Jo or the duty worker; they know my plan"),
        ),
        not_involved=("My ex-partner Darren", "My uncle Kevin", "The church group leader"),
        warning_signs=(
            "Not sleeping for two nights in a row, pacing around the flat at night",
            "Stopping answering my phone or messages, even from Anh",
            "Not eating proper meals; living on toast and energy drinks",
            "Talking very fast and jumping from one idea to the next",
            "Spending money I don't have on things I don't need",
            "Believing the neighbours are talking about me through the walls",
            "Missing my appointments at the clinic or with my coach",
            "Leaving the flat untidy and not showering for days",
            "Getting angry quickly over small things",
            "Saying I am a burden to everyone",
        ),
        what_helps=(
            "A quiet room with the lights down and the radio on low",
            "Someone sitting with me without asking too many questions",
            "Going for a slow walk along the esplanade with Biscuit",
            "Having a warm shower and putting on clean clothes",
            "Reminding me that this has passed before and it will pass again",
            "Helping me make a simple meal like soup and toast",
            "Taking my medication at the same time each evening",
            "Texting rather than calling when I am overwhelmed",
        ),
        what_to_avoid=(
            "Raised voices or arguing with me about what is real",
            "Crowds, shopping centres and loud places",
            "Calling the police unless someone is in danger",
            "Talking about me as if I am not in the room",
            "Leaving me alone at night when I am not sleeping",
        ),
        medications=(
            "Sertraline 100 mg each morning",
            "Quetiapine 50 mg at night when needed",
            "Allergic to penicillin (rash and swelling)",
        ),
        preferred_facilities=("Seaview Community Mental Health", "Harbourside Hospital ward 4"),
        unwanted_facilities=("Northgate Private Clinic",),
        updated_on=dt.date(2026, 3, 14),
    )


def stress_card() -> CrisisCardData:
    """Far more than any card can hold on one page."""
    many = tuple(
        f"Warning sign number {i}: something I notice when things start going wrong for me"
        for i in range(40)
    )
    helps = tuple(f"Thing that helps number {i}, written out in my own words" for i in range(30))
    people = tuple(
        SupporterData(f"Supporter number {i}", "Friend", f"04{i:02d} 111 222", "Please visit me")
        for i in range(8)
    )
    return CrisisCardData(
        "Sam", supporters=people, warning_signs=many, what_helps=helps,
        what_to_avoid=helps[:12], medications=tuple(f"Medicine {i} 10 mg" for i in range(8)),
        updated_on=dt.date(2026, 3, 14),
    )
