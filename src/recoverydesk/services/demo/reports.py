"""Demo practice details, so printed demo plans and reports carry a (fictional) practice."""

from __future__ import annotations

from sqlalchemy.orm import Session

from recoverydesk.models.settings import PracticeSetting
from recoverydesk.services.demo import DemoContext

DETAILS = {
    "practice.practice_name": "Saltwater Recovery Coaching",
    "practice.coach_name": "Mei Tanaka",
    "practice.abn": "53 004 085 616",
    "practice.phone": "0400 555 019",
    "practice.email": "mei@saltwater-coaching.example",
}


def generate(session: Session, ctx: DemoContext) -> None:
    session.add_all(PracticeSetting(key=k, value=v) for k, v in DETAILS.items())
