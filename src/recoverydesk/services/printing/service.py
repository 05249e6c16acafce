"""Gathers what the printed reports show from the other services into plain report data, and
renders the PDFs (``reports/``). Printing a plan records a plan version (the goals capability's
snapshot) unless the plan is unchanged since the latest version and its review is still ahead.

The conversions from service DTOs to report data live in ``report_parts``.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from recoverydesk.private_files import write_atomic
from recoverydesk.reports.data import PlanPackData, PracticeInfo, ReviewReportData, StrengthData
from recoverydesk.reports.plan_pack import build_plan_pack
from recoverydesk.reports.review import build_review_report
from recoverydesk.reports.story import build_story
from recoverydesk.services.claims.figures import review_funding
from recoverydesk.services.printing import period_parts as period
from recoverydesk.services.printing import report_parts as parts
from recoverydesk.services.printing.checks import plan_pack_notes
from recoverydesk.services.printing.story_parts import story_data
from recoverydesk.services.printing.types import PrintResult
from recoverydesk.services.reviews import planner as review_planner
from recoverydesk.services.reviews.types import (
    ReviewDTO,
    check_period,
    default_period,
)
from recoverydesk.services.types import Changed, ChangeSet, ValidationError

if TYPE_CHECKING:
    from recoverydesk.services.container import Services

DEFAULT_REVIEW_DAYS = 182


class PrintingService:
    def __init__(self, store, services: Services):
        self._store = store
        self._services = services

    # -- practice --------------------------------------------------------------------------
    def practice(self) -> PracticeInfo:
        d = self._services.settings.details()
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
        large_print: bool = False,
    ) -> PlanPackData:
        svc = self._services
        today = today or dt.date.today()
        p = svc.participants.get(participant_id)
        practice = self.practice()
        if agreed_on is None:
            latest = self._latest_version(participant_id)
            if latest is not None:
                agreed_on, next_review = latest.agreed_on, next_review or latest.review_date
                version_number = version_number or latest.number
            else:
                agreed_on = today
        name = p.preferred_name or p.given_name
        contacts = self._contacts(participant_id, today)
        by_id = {c.id: c for c in contacts}
        labels = dict(svc.goals.domains_for(participant_id))
        names = {c.id: c.name for c in contacts}
        wrap = svc.wrap.get(participant_id, today)
        return PlanPackData(
            practice=practice,
            preferred_name=name,
            full_name=p.full_name,
            agreed_on=agreed_on,
            next_review=next_review,
            version_number=version_number,
            strengths=tuple(StrengthData(s.category_label, s.text) for s in p.strengths),
            goals=tuple(
                parts.goal_data(g, practice, names, labels) for g in svc.goals.goals(participant_id)
            ),
            # The participant sees the radar (first against latest), not the trend charts.
            star=parts.star_summary(
                svc.star, participant_id, None, None, trend=False, large_print=large_print
            ),
            supporters=tuple(parts.supporter(c) for c in contacts),
            services=period.services_in_use(svc.referrals.of(participant_id)),
            wrap=parts.wrap_sections(wrap, by_id),
            crisis_card=parts.crisis_card(
                wrap, svc.wrap.crisis_card(participant_id, today), contacts, name
            ),
            ecomap_png=parts.ecomap_png(
                svc.network, participant_id, today, large_print=large_print
            ),
        )

    def plan_pack_pdf(
        self, participant_id: int, large_print: bool = False, today: dt.date | None = None
    ) -> PrintResult:
        """A preview of the plan pack exactly as it would print now (records nothing): with
        the version printing would reuse, or the number and dates of the one it would agree."""
        today = today or dt.date.today()
        reused = self._reusable_version(participant_id, today)
        if reused is not None:
            return self._render_plan(participant_id, today, reused, large_print)
        return self._render_plan(
            participant_id, today, None, large_print, self._next_number(participant_id)
        )

    def print_plan(
        self,
        participant_id: int,
        out: Path | None = None,
        large_print: bool = False,
        today: dt.date | None = None,
        record: bool = True,
    ) -> Changed[PrintResult]:
        """Render the plan pack (and write it to ``out``). With ``record`` the plan is kept as a
        plan version: the latest one when nothing has changed since, else a newly agreed one,
        recorded only once the PDF exists, so a failed write leaves no version behind."""
        today = today or dt.date.today()
        reused = self._reusable_version(participant_id, today) if record else None
        number = self._next_number(participant_id) if record and reused is None else None
        result = self._render_plan(participant_id, today, reused, large_print, number)
        if out is not None:
            _write(out, result.pdf)
        if record and reused is None:
            try:
                self._services.plans.agree(
                    participant_id,
                    self.suggested_review_date(participant_id, today),
                    "Printed for the participant",
                    on=today,
                )
            except BaseException:  # not recorded (a full disk): no pack naming a lost version
                if out is not None:
                    Path(out).unlink(missing_ok=True)
                raise
            changes = ChangeSet.of("plan_version", participant_id=participant_id)
        else:
            changes = ChangeSet()
        return Changed(replace(result, path=out), changes)

    def _next_number(self, participant_id: int) -> int:
        latest = self._latest_version(participant_id)
        return (latest.number if latest else 0) + 1

    def _render_plan(
        self,
        participant_id: int,
        today: dt.date,
        version,
        large_print: bool,
        number: int | None = None,
    ) -> PrintResult:
        """The plan pack as agreed in ``version``; without one, as it would be agreed today
        (numbered ``number`` when given)."""
        if version is not None:
            agreed_on, review, number = version.agreed_on, version.review_date, version.number
        else:
            agreed_on, review = today, self.suggested_review_date(participant_id, today)
        data = self.plan_pack_data(
            participant_id,
            today=today,
            agreed_on=agreed_on,
            next_review=review,
            version_number=number,
            large_print=large_print,
        )
        buf = io.BytesIO()
        pages = build_plan_pack(data, buf, large_print)
        plan_end = self._services.participants.get(participant_id).plan_end
        notes = plan_pack_notes(data, today, plan_end)
        return PrintResult(pages, buf.getvalue(), number, notes=notes)

    def _reusable_version(self, participant_id: int, today: dt.date):
        """The latest version, when the plan is unchanged since and its review is ahead."""
        latest = self._latest_version(participant_id)
        if (
            latest is not None
            and _review_ahead(latest.review_date, today)
            and _same_plan(latest.content, self._services.plans.current(participant_id))
        ):
            return latest
        return None

    def suggested_review_date(self, participant_id: int, today: dt.date) -> dt.date:
        """The next review: the latest agreed review date if still ahead, else the plan end if
        within a year, else six months on. Never today: a plan printed on its review day is
        the new plan, with a new review ahead."""
        latest = self._latest_version(participant_id)
        if latest is not None and latest.review_date and latest.review_date > today:
            return latest.review_date
        p = self._services.participants.get(participant_id)
        if p.plan_end and today < p.plan_end <= today + dt.timedelta(days=366):
            return p.plan_end
        return today + dt.timedelta(days=DEFAULT_REVIEW_DAYS)

    def _latest_version(self, participant_id: int):
        versions = self._services.plans.versions(participant_id)
        return versions[0] if versions else None

    # -- the agreed recovery story (issue 23) ----------------------------------------------
    def story_pdf(self, story_id: int, large_print: bool = False, out: Path | None = None
                  ) -> PrintResult:
        """An agreed Recovery story as a PDF (written to ``out`` too); records nothing."""
        data = story_data(self._services, self.practice(),
                          self._services.chime.stories.get(story_id))
        buf = io.BytesIO()
        pages = build_story(data, buf, large_print)
        if out is not None:
            _write(out, buf.getvalue())
        return PrintResult(pages, buf.getvalue(), None, out)

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
        svc = self._services
        today = today or dt.date.today()
        p = svc.participants.get(participant_id)
        practice = self.practice()
        contacts = self._contacts(participant_id, today)
        names = {c.id: c.name for c in contacts}
        labels = dict(svc.goals.domains_for(participant_id))
        sessions = list(svc.sessions.sessions(participant_id, start=start, end=end))
        worked = Counter(gid for s in sessions if s.status == "completed" for gid in s.goal_ids)
        all_goals = list(svc.goals.goals(participant_id))
        goals = tuple(
            parts.goal_data(g, practice, names, labels, start, end, worked.get(g.id, 0))
            for g in all_goals
            if parts.goal_in_period(g, start, end)
        )
        referrals = svc.referrals.of(participant_id, include_archived=True)
        informal, formal = parts.network_supports(contacts)  # grouped as on the eco-map
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
            supports=period.supports(sessions, start, end),
            goals=goals,
            star=parts.star_summary(svc.star, participant_id, start, end),
            informal_supports=informal,
            formal_supports=formal,
            referrals=period.referrals_in_period(
                referrals, start, end, {g.id: g.title for g in all_goals}
            ),
            ecomap_png=parts.ecomap_png(svc.network, participant_id, today, review=True),
            summary=review.summary if review else "",
            barriers_strategies=review.barriers_strategies if review else "",
            risks=review.risks if review else "",
            recommendations=review.recommendations if review else "",
            draft=draft,
            funding=review_funding(svc.claims, participant_id, end, today),
            **review_planner.planner_fields(
                review,
                [g for g in all_goals if parts.goal_in_period(g, start, end)],
                svc.participants.ndis_goals(participant_id),
                svc.wrap.get(participant_id, today),
                end,
            ),
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
        attach_story: bool = False,
    ) -> Changed[PrintResult]:
        """Render the plan-review report. With ``review_id`` the period and the coach's words
        come from that draft (and ``final`` marks it final); otherwise the participant's
        current draft is used when its period matches. ``attach_story``: their latest agreed
        Recovery story follows the report, when they have agreed one."""
        today = today or dt.date.today()
        reviews = self._services.reviews
        review = None
        if review_id is not None:
            review = reviews.get(review_id)
            if review.participant_id != participant_id:
                raise ValidationError.single("review", "That review belongs to someone else.")
        else:
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
            p = self._services.participants.get(participant_id)
            d_start, d_end = default_period(p.plan_start, today)
            start, end = start or d_start, end or d_end
        data = self.review_data(
            participant_id, start, end, review=review, draft=not final, today=today
        )
        agreed = self._services.chime.stories.latest(participant_id) if attach_story else None
        if agreed is not None:
            data = replace(data, recovery_story=story_data(self._services, data.practice, agreed))
        buf = io.BytesIO()
        pages = build_review_report(data, buf)
        pdf = buf.getvalue()
        if out is not None:
            _write(out, pdf)
        changes = ChangeSet()
        if final and review is not None and review_id is not None:
            changes = reviews.finalise(review.id).changes
        return Changed(PrintResult(pages, pdf, None, out), changes)

    # -- gathering -------------------------------------------------------------------------
    def _contacts(self, participant_id: int, today: dt.date) -> list:
        contacts = self._services.network.contacts(participant_id, today=today)
        return [c for c in contacts if not c.archived]


def _review_ahead(review_date: dt.date | None, today: dt.date) -> bool:
    return review_date is None or review_date > today


def _same_plan(snapshot: dict, current: dict) -> bool:
    """The agreed snapshot and the plan as it is now hold the same things. The review date is
    the version's own, not part of what was agreed; of the capabilities' parts (the WRAP
    summary...) only those both hold are compared, since which parts a snapshot has depends on
    which capabilities were loaded when it was taken. ``current`` goes through JSON as the
    stored snapshot did, so tuples and lists compare alike."""
    current = json.loads(json.dumps(current, ensure_ascii=False, sort_keys=True))
    skip = {"review_date", "parts"}
    if {k: v for k, v in snapshot.items() if k not in skip} != {
        k: v for k, v in current.items() if k not in skip
    }:
        return False
    old_parts, new_parts = snapshot.get("parts", {}), current.get("parts", {})
    return all(old_parts[k] == new_parts[k] for k in old_parts.keys() & new_parts.keys())


def _write(out: Path, pdf: bytes) -> None:
    write_atomic(out, pdf)  # owner-only, whole or not at all
