"""Gathers what the printed reports show from the other services into plain report data, and
renders the PDFs (``reports/``). Printing a plan records a plan version (the goals capability's
snapshot) unless the plan is unchanged since the last agreed version.

Each capability's part is optional: when a service is not there (or has nothing), its section
says so plainly rather than failing the whole document.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

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
from recoverydesk.services.errors import ValidationError
from recoverydesk.services.reviews import ReviewDTO, check_period

if TYPE_CHECKING:
    from recoverydesk.services import Services

GOAL_STATUS_LABELS = {
    "active": "Active",
    "paused": "Paused",
    "reframed": "Reframed",
    "achieved": "Achieved",
    "let_go": "Let go",
}
DEFAULT_REVIEW_DAYS = 182


@dataclass(frozen=True)
class PrintResult:
    pages: int
    pdf: bytes
    version_number: int | None = None
    path: Path | None = None


class PrintingService:
    def __init__(self, store, services: Services):
        self._store = store
        self._services = services

    def _svc(self, name: str):
        return getattr(self._services, name, None)

    # -- practice --------------------------------------------------------------------------
    def practice(self) -> PracticeInfo:
        settings = self._svc("settings")
        if settings is None:
            return PracticeInfo()
        d = settings.details()
        return PracticeInfo(d.practice_name, d.coach_name, d.abn, d.phone, d.email)

    # -- plan pack -------------------------------------------------------------------------
    def plan_pack_data(
        self,
        participant_id: int,
        *,
        today: dt.date | None = None,
        agreed_on: dt.date | None = None,
        next_review: dt.date | None = None,
        version_number: int | None = None,
    ) -> PlanPackData:
        today = today or dt.date.today()
        p = self._services.participants.get(participant_id)
        practice = self.practice()
        if agreed_on is None:
            latest = self._latest_version(participant_id)
            if latest is not None:
                agreed_on, next_review = latest.agreed_on, next_review or latest.review_date
                version_number = version_number or latest.number
            else:
                agreed_on = today
        contacts = self._contacts(participant_id, today)
        names = {c.id: c.name for c in contacts}
        goals = tuple(self._goal(g, practice, names) for g in self._goals(participant_id))
        return PlanPackData(
            practice=practice,
            preferred_name=p.preferred_name or p.given_name,
            full_name=p.full_name,
            agreed_on=agreed_on,
            next_review=next_review,
            version_number=version_number,
            strengths=tuple(StrengthData(s.category_label, s.text) for s in p.strengths),
            goals=goals,
            star=self._star(participant_id, trend=False),  # the participant sees the radar
            supporters=tuple(
                SupporterData(c.name, c.role, c.phone, emergency=c.emergency_contact)
                for c in contacts
            ),
            services=self._services_in_use(participant_id),
            wrap=self._wrap(participant_id, today),
            crisis_card=self._crisis_card(participant_id, p.preferred_name or p.given_name, today),
        )

    def plan_pack_pdf(
        self, participant_id: int, large_print: bool = False, today: dt.date | None = None
    ) -> PrintResult:
        """A preview of the plan pack as it would print now (records nothing)."""
        from recoverydesk.reports.plan_pack import build_plan_pack

        today = today or dt.date.today()
        data = self.plan_pack_data(
            participant_id,
            today=today,
            agreed_on=today,
            next_review=self.suggested_review_date(participant_id, today),
        )
        buf = io.BytesIO()
        pages = build_plan_pack(data, buf, large_print)
        return PrintResult(pages, buf.getvalue())

    def print_plan(
        self,
        participant_id: int,
        out: Path | None = None,
        large_print: bool = False,
        today: dt.date | None = None,
        record: bool = True,
    ) -> PrintResult:
        """Render the plan pack; with ``record``, agree a plan version first (or reuse the latest
        one when nothing has changed since), so what was printed is kept."""
        from recoverydesk.reports.plan_pack import build_plan_pack

        today = today or dt.date.today()
        version = self.record_plan_version(participant_id, today) if record else None
        if version is not None:
            data = self.plan_pack_data(
                participant_id,
                today=today,
                agreed_on=version.agreed_on,
                next_review=version.review_date,
                version_number=version.number,
            )
        else:
            data = self.plan_pack_data(
                participant_id,
                today=today,
                agreed_on=today,
                next_review=self.suggested_review_date(participant_id, today),
            )
        buf = io.BytesIO()
        pages = build_plan_pack(data, buf, large_print)
        pdf = buf.getvalue()
        if out is not None:
            _write(out, pdf)
        return PrintResult(pages, pdf, version.number if version else None, out)

    def record_plan_version(self, participant_id: int, today: dt.date | None = None):
        plans = self._svc("plans")
        if plans is None or not hasattr(plans, "agree"):
            return None
        today = today or dt.date.today()
        latest = self._latest_version(participant_id)
        if latest is not None and (latest.review_date is None or latest.review_date >= today):
            try:
                unchanged = not plans.compare(latest.id)
            except Exception:  # a comparison problem never stops printing
                unchanged = False
            if unchanged:
                return latest
        return plans.agree(
            participant_id,
            self.suggested_review_date(participant_id, today),
            "Printed for the participant",
            on=today,
        )

    def suggested_review_date(self, participant_id: int, today: dt.date) -> dt.date:
        """The next review: the latest agreed review date if still ahead, else the plan end if
        within a year, else six months on."""
        latest = self._latest_version(participant_id)
        if latest is not None and latest.review_date and latest.review_date >= today:
            return latest.review_date
        p = self._services.participants.get(participant_id)
        if p.plan_end and today < p.plan_end <= today + dt.timedelta(days=366):
            return p.plan_end
        return today + dt.timedelta(days=DEFAULT_REVIEW_DAYS)

    def _latest_version(self, participant_id: int):
        plans = self._svc("plans")
        if plans is None or not hasattr(plans, "versions"):
            return None
        versions = plans.versions(participant_id)
        return versions[0] if versions else None

    # -- review report ---------------------------------------------------------------------
    def review_data(
        self,
        participant_id: int,
        start: dt.date,
        end: dt.date,
        *,
        review: ReviewDTO | None = None,
        draft: bool = False,
        today: dt.date | None = None,
    ) -> ReviewReportData:
        check_period(start, end)
        today = today or dt.date.today()
        p = self._services.participants.get(participant_id)
        practice = self.practice()
        contacts = self._contacts(participant_id, today)
        names = {c.id: c.name for c in contacts}
        sessions = self._sessions(participant_id, start, end)
        worked = Counter(gid for s in sessions if s.status == "completed" for gid in s.goal_ids)
        goals = []
        goal_titles = {}
        for g in self._goals(participant_id):
            goal_titles[g.id] = g.title
            if not _goal_in_period(g, start, end):
                continue
            goals.append(self._goal(g, practice, names, start, end, worked.get(g.id, 0)))
        return ReviewReportData(
            practice=practice,
            full_name=p.full_name,
            preferred_name=p.preferred_name or p.given_name,
            period_start=start,
            period_end=end,
            prepared_on=today,
            ndis_number=p.ndis_number,
            date_of_birth=p.date_of_birth,
            plan_start=p.plan_start,
            plan_end=p.plan_end,
            supports=self._supports(participant_id, start, end, sessions),
            goals=tuple(goals),
            star=self._star(participant_id, start, end),
            informal_supports=tuple(
                SupporterData(c.name, c.role) for c in contacts if not c.formal
            ),
            referrals=self._referrals(participant_id, start, end, goal_titles),
            summary=review.summary if review else "",
            barriers_strategies=review.barriers_strategies if review else "",
            risks=review.risks if review else "",
            recommendations=review.recommendations if review else "",
            draft=draft,
        )

    def review_report(
        self,
        participant_id: int,
        start: dt.date | None = None,
        end: dt.date | None = None,
        out: Path | None = None,
        *,
        review_id: int | None = None,
        final: bool = True,
        today: dt.date | None = None,
    ) -> PrintResult:
        """Render the plan-review report. With ``review_id`` the period and the coach's words
        come from that draft (and ``final`` marks it final); otherwise the participant's
        current draft is used when its period matches."""
        from recoverydesk.reports.review import build_review_report

        today = today or dt.date.today()
        reviews = self._svc("reviews")
        review = None
        if review_id is not None and reviews is not None:
            review = reviews.get(review_id)
            if review.participant_id != participant_id:
                raise ValidationError.single("review", "That review belongs to someone else.")
        elif reviews is not None:
            current = reviews.current(participant_id)
            if (
                current is not None
                and (start is None or start == current.period_start)
                and (end is None or end == current.period_end)
            ):
                review = current
        if review is not None:
            start, end = start or review.period_start, end or review.period_end
        if start is None or end is None:
            from recoverydesk.services.reviews import default_period

            p = self._services.participants.get(participant_id)
            d_start, d_end = default_period(p.plan_start, today)
            start, end = start or d_start, end or d_end
        data = self.review_data(
            participant_id, start, end, review=review, draft=not final, today=today
        )
        buf = io.BytesIO()
        pages = build_review_report(data, buf)
        pdf = buf.getvalue()
        if out is not None:
            _write(out, pdf)
        if final and review is not None and review_id is not None and reviews is not None:
            reviews.finalise(review.id)
        return PrintResult(pages, pdf, None, out)

    # -- gathering -------------------------------------------------------------------------
    def _goals(self, participant_id: int) -> list:
        goals = self._svc("goals")
        if goals is None:
            return []
        return list(goals.goals(participant_id))

    def _domain_labels(self, participant_id: int | None = None) -> dict[str, str]:
        goals = self._svc("goals")
        try:
            pairs = goals.domains_for(participant_id) if goals is not None else []
        except Exception:
            pairs = []
        return dict(pairs)

    def _goal(
        self,
        g,
        practice: PracticeInfo,
        contact_names: dict[int, str],
        start: dt.date | None = None,
        end: dt.date | None = None,
        sessions_worked: int = 0,
    ) -> GoalData:
        labels = self._domain_labels(getattr(g, "participant_id", None))

        def who(step) -> str:
            kind = getattr(step, "who", "")
            if kind == "participant":
                return "Me"
            if kind == "coach":
                return practice.coach_name or "My coach"
            cid = getattr(step, "contact_id", None)
            return contact_names.get(cid, "A supporter") if cid else "A supporter"

        def in_period(day: dt.date | None) -> bool:
            return (
                day is not None and (start is None or day >= start) and (end is None or day <= end)
            )

        history = []
        for h in getattr(g, "history", ()):
            if end is not None and h.changed_on > end:
                continue
            label = GOAL_STATUS_LABELS.get(h.to_status, h.to_status)
            if h.from_status is None:
                label = "Goal set"
            history.append(StatusEventData(h.changed_on, label, h.reason))
        notes = [
            NoteData(
                n.noted_on,
                n.text
                + (
                    f" (progress {n.progress}%)" if getattr(n, "progress", None) is not None else ""
                ),
            )
            for n in getattr(g, "progress_notes", ())
            if start is None or in_period(n.noted_on)
        ]
        measure = g.measure
        if getattr(g, "target", ""):
            measure = f"{measure} (target: {g.target})" if measure else g.target
        return GoalData(
            title=g.title,
            status=GOAL_STATUS_LABELS.get(g.status, g.status),
            status_key=g.status,
            why_it_matters=g.why_it_matters,
            specific=g.specific,
            measure=measure,
            target_date=g.target_date,
            domains=tuple(labels.get(k, k.replace("_", " ").capitalize()) for k in g.domains),
            steps=tuple(StepData(s.text, who(s), s.due_on, s.done_on) for s in g.steps),
            history=tuple(history),
            progress_notes=tuple(notes),
            sessions_worked=sessions_worked,
        )

    def _contacts(self, participant_id: int, today: dt.date) -> list:
        network = self._svc("network")
        if network is None:
            return []
        return [c for c in network.contacts(participant_id, today=today) if not c.archived]

    def _services_in_use(self, participant_id: int) -> tuple[ServiceData, ...]:
        resources = self._svc("resources")
        if resources is None:
            return ()
        out = []
        for r in resources.referrals(participant_id):
            if r.status in ("declined", "closed"):
                continue
            out.append(
                ServiceData(
                    r.resource_name,
                    _category(r.resource_category),
                    r.resource_phone,
                    r.purpose,
                    r.status_label,
                )
            )
        return tuple(out)

    def _referrals(
        self, participant_id: int, start: dt.date, end: dt.date, goal_titles: dict[int, str]
    ) -> tuple[ReferralData, ...]:
        resources = self._svc("resources")
        if resources is None:
            return ()
        out = []
        for r in resources.referrals(participant_id, include_archived=True):
            if r.referred_on > end or r.last_changed < start:
                continue
            status, outcome = r.status_label, r.outcome
            past = [h for h in r.history if h.changed_on <= end]
            if past and past[-1].status != r.status:
                status, outcome = past[-1].status_label, ""
            out.append(
                ReferralData(
                    r.resource_name,
                    _category(r.resource_category),
                    r.referred_on,
                    r.purpose,
                    status,
                    outcome,
                    goal_titles.get(r.goal_id, "") if r.goal_id else "",
                )
            )
        return tuple(out)

    def _sessions(self, participant_id: int, start: dt.date, end: dt.date) -> list:
        sessions = self._svc("sessions")
        if sessions is None:
            return []
        return list(sessions.sessions(participant_id, start=start, end=end))

    def _supports(
        self, participant_id: int, start: dt.date, end: dt.date, rows: list
    ) -> SupportsData:
        sessions = self._svc("sessions")
        if sessions is None:
            return SupportsData()
        from recoverydesk.services.sessions import LOCATION_LABELS, TOOL_LABELS, summarise

        summary = summarise(rows, start, end)
        done = [r for r in rows if r.status == "completed"]
        places = Counter(LOCATION_LABELS.get(r.location_kind, r.location_kind) for r in done)
        return SupportsData(
            sessions=summary.completed,
            hours=summary.hours,
            face_to_face_hours=summary.face_to_face_hours,
            other_hours=summary.other_hours,
            cancelled=summary.cancelled,
            no_show=summary.no_show,
            travel_km=summary.travel_km,
            travel_minutes=summary.travel_minutes,
            by_month=tuple(
                MonthSupport(m.month, m.sessions, m.hours, m.face_to_face_hours, m.other_hours)
                for m in summary.by_month
            ),
            tools=tuple(
                (TOOL_LABELS.get(k, k), n)
                for k, n in sorted(summary.tools.items(), key=lambda kv: -kv[1])
            ),
            places=tuple(places.most_common()),
        )

    def _wrap(self, participant_id: int, today: dt.date) -> tuple[WrapSection, ...]:
        wrap = self._svc("wrap")
        if wrap is None:
            return ()
        plan = wrap.get(participant_id, today)
        sections = []
        for sec in plan.sections:
            parts = []
            for part in sec.parts:
                if part.is_people:
                    items = tuple(
                        " · ".join(
                            x for x in (person.name, person.role, person.phone, person.note) if x
                        )
                        for person in part.people
                    )
                else:
                    items = tuple(i.text for i in part.items)
                if items:
                    parts.append(WrapPart(part.title, items))
            if parts:
                sections.append(WrapSection(sec.title, tuple(parts)))
        return tuple(sections)

    def _crisis_card(self, participant_id: int, name: str, today: dt.date) -> CrisisCardData | None:
        wrap = self._svc("wrap")
        if wrap is None:
            return None
        card = wrap.crisis_card(participant_id, today)
        if card.is_empty:
            return None
        return CrisisCardData(
            preferred_name=card.preferred_name or name,
            supporters=tuple(
                SupporterData(x.name, x.role, x.phone, x.note) for x in card.supporters
            ),
            not_involved=card.not_involved,
            warning_signs=card.warning_signs,
            what_helps=card.what_helps + card.treatments_help + card.home_care,
            what_to_avoid=card.what_to_avoid,
            medications=card.medications,
            preferred_facilities=card.preferred_facilities,
            unwanted_facilities=card.unwanted_facilities,
            updated_on=card.last_reviewed,
        )

    def _star(
        self,
        participant_id: int,
        start: dt.date | None = None,
        end: dt.date | None = None,
        trend: bool = True,
    ) -> StarSummary | None:
        star = self._svc("star")
        if star is None or not hasattr(star, "chart_data"):
            return None
        return star_summary(star, participant_id, start, end, trend)


def star_summary(
    star, participant_id: int, start: dt.date | None, end: dt.date | None, trend: bool = True
) -> StarSummary | None:
    """First and latest readings in the period (all readings without one), with the radar
    (first against latest) and the trend over every reading in the period."""
    in_period = [
        r
        for r in star.readings(participant_id)
        if (start is None or _day(r) >= start) and (end is None or _day(r) <= end)
    ]
    if not in_period:
        return None
    template, readings = star.chart_data(participant_id, [r.id for r in in_period])
    readings = sorted(readings, key=_day)
    if not readings:
        return None
    first, latest = readings[0], readings[-1]
    pair = [latest] if len(readings) == 1 else [first, latest]
    radar = trend_png = None
    try:
        from recoverydesk.charts import star as charts

        radar = charts.figure_to_png(charts.radar_figure(template, pair), dpi=130)
        if trend and len(readings) > 1:
            trend_png = charts.figure_to_png(charts.trend_figure(template, readings), dpi=110)
    except ImportError:  # the charts are not there: the table still tells the story
        pass
    two = len(readings) > 1
    domains = tuple(
        DomainChange(label, _score(first, key) if two else None, _score(latest, key))
        for key, label in _template_domains(template)
    )
    return StarSummary(
        getattr(template, "name", "Recovery Star"),
        _day(first),
        _day(latest),
        len(readings),
        domains,
        radar,
        trend_png,
    )


def _day(reading) -> dt.date:
    for name in ("taken_on", "date", "read_on", "on"):
        value = getattr(reading, name, None)
        if isinstance(value, dt.date):
            return value
    raise AttributeError("a star reading without a date")


def _template_domains(template) -> list[tuple[str, str]]:
    out = []
    for d in getattr(template, "domains", ()):
        if isinstance(d, tuple):
            out.append((d[0], d[1]))
        else:
            out.append((getattr(d, "key", ""), getattr(d, "label", str(d))))
    return out


def _score(reading, key: str) -> float | None:
    scores = getattr(reading, "scores", {})
    if isinstance(scores, dict):
        value = scores.get(key)
    else:
        value = next(
            (
                getattr(s, "score", None)
                for s in scores
                if getattr(s, "domain_key", getattr(s, "key", None)) == key
            ),
            None,
        )
    return None if value is None else float(value)


def _goal_in_period(g, start: dt.date, end: dt.date) -> bool:
    if g.started_on > end:
        return False
    if g.status in ("active", "paused"):
        return True
    last = max((h.changed_on for h in g.history), default=g.started_on)
    return last >= start


def _category(key: str) -> str:
    from recoverydesk.services.resources import CATEGORY_LABELS

    return CATEGORY_LABELS.get(key, key)


def _write(out: Path, pdf: bytes) -> None:
    out = Path(out)
    tmp = out.with_name(out.name + ".part")
    tmp.write_bytes(pdf)
    tmp.replace(out)
