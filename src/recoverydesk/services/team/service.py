"""A team practice's coaches and who is assigned to whom (issue 20 item 3).

Who may see what is the database's business (row-level security, revision 0018): this service
only describes the team and lets the lead change it. Everything reads and writes as the coach
connected, so a coach's view holds only what the database lets them see.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from recoverydesk.models import Coach, Participant
from recoverydesk.services import audit
from recoverydesk.services.participants.types import display_name
from recoverydesk.services.team import roles
from recoverydesk.services.team.types import (
    FIELD_LABELS,
    AddedCoach,
    Assignment,
    CoachInfo,
    NewCoach,
    TeamError,
    TeamView,
    check_new_coach,
    normalise_role,
)
from recoverydesk.services.types import Changed, ChangeSet, NotFoundError, ValidationError
from recoverydesk.store.session import Store

NOT_A_TEAM = ("This practice is a file on this computer, not a team practice: it has one "
              "coach and no team to change.")


class TeamService:
    def __init__(self, store: Store):
        self._store = store

    @property
    def is_team(self) -> bool:
        return bool(getattr(self._store, "is_server", False))

    # -- reading ---------------------------------------------------------------------------
    def view(self) -> TeamView:
        if not self.is_team:
            return TeamView(is_team=False)
        with self._store.read() as s:
            me, lead = roles.who_am_i(s)
            return TeamView(True, me, lead, tuple(_coaches(s)), _unassigned(s),
                            _needing_coach(s))

    def coaches(self) -> list[CoachInfo]:
        if not self.is_team:
            return []
        with self._store.read() as s:
            return _coaches(s)

    def assignments(self) -> list[Assignment]:
        """Every participant this coach can see (a lead: all), with their coach."""
        if not self.is_team:
            return []
        with self._store.read() as s:
            rows = s.execute(select(Participant.id, Participant.given_name,
                                    Participant.family_name, Participant.preferred_name,
                                    Participant.coach_role, Coach.active)
                             .outerjoin(Coach, Coach.role == Participant.coach_role)
                             .where(Participant.archived.is_(False))
                             .order_by(Participant.family_name, Participant.given_name,
                                       Participant.id))
            return [Assignment(r.id, display_name(r.given_name, r.family_name,
                                                  r.preferred_name), r.coach_role or None,
                               r.active is not False)
                    for r in rows]

    # -- the lead's changes ------------------------------------------------------------------
    def add_coach(self, draft: NewCoach, password: str | None) -> Changed[AddedCoach]:
        """Make the coach's login (or take the server's existing one) a member of the coach
        group (and the lead group for a lead) and record them in the practice."""
        draft = check_new_coach(draft, password)
        with self._store.unit_of_work() as s:
            self._must_lead(s)
            if s.scalar(select(Coach.id).where(Coach.role == draft.role)) is not None:
                raise ValidationError.single(
                    "role", f"{draft.role} is already one of this practice's coaches.")
            if not password and not roles.login_exists(s, draft.role):
                raise ValidationError.single(
                    "password", f"{FIELD_LABELS['password']} is needed for a new login.")
            existed = roles.add_login(s, draft.role, password, draft.lead)
            row = Coach(role=draft.role, display_name=draft.display_name, lead=draft.lead,
                        active=True)
            s.add(row)
            s.flush()
            audit.record(s, "coach.added", "coach", row.id, None, "lead" if draft.lead else "")
            info = CoachInfo(row.role, row.display_name, row.lead, row.active, 0)
        return Changed(AddedCoach(info, existed), ChangeSet.of("coach"))

    def assign(self, participant_id: int, role: str | None) -> Changed[Assignment]:
        """Assign the participant to the coach ``role`` (None: to nobody, the lead's again)."""
        with self._store.unit_of_work() as s:
            self._must_lead(s)
            person = s.get(Participant, participant_id)
            if person is None:
                raise NotFoundError(f"There is no participant {participant_id}.")
            if role is not None:
                coach = s.scalar(select(Coach).where(Coach.role == role.strip()))
                if coach is None:
                    raise ValidationError.single(
                        "coach", f"{role} is not one of this practice's coaches (add them "
                        "first: recoverydesk team add-coach).")
                if not coach.active:
                    raise ValidationError.single(
                        "coach", f"{coach.display_name or coach.role} no longer works in the "
                        "practice.")
                role = coach.role
            person.coach_role = role
            s.flush()
            audit.record(s, "participant.assigned", "participant", person.id, person.id,
                         "coach_role")
            result = Assignment(person.id, display_name(person.given_name, person.family_name,
                                                        person.preferred_name), role)
        return Changed(result, ChangeSet.of("participant", "coach", participant_id=participant_id))

    def deactivate(self, role: str) -> Changed[CoachInfo]:
        """The coach can no longer sign in (their login NOLOGIN, out of the practice's groups:
        even a window they have open reads nothing more); their participants stay, assigned
        to them and listed as needing a coach until the lead reassigns them. Refuses the last
        lead and the lead connected (another lead must do it)."""
        return self._set_active(role, False)

    def reactivate(self, role: str) -> Changed[CoachInfo]:
        """A deactivated coach signs in again, with the participants still assigned to them."""
        return self._set_active(role, True)

    def _set_active(self, role: str, active: bool) -> Changed[CoachInfo]:
        with self._store.unit_of_work() as s:
            me = self._must_lead(s)
            coach = s.scalar(select(Coach).where(Coach.role == normalise_role(role)))
            if coach is None:
                raise ValidationError.single(
                    "coach", f"{role.strip()} is not one of this practice's coaches.")
            name = coach.display_name or coach.role
            if coach.active == active:
                state = "active" if active else "deactivated"
                raise ValidationError.single("coach", f"{name} is {state} already.")
            if not active and coach.role == me:
                raise ValidationError.single(
                    "coach", "You cannot deactivate yourself; another lead can.")
            if not active and coach.lead and not _other_active_lead(s, coach.role):
                raise ValidationError.single(
                    "coach", f"{name} is the practice's last lead: add another lead "
                    "(recoverydesk team add-coach --lead) before deactivating them.")
            audit.record(s, "coach.reactivated" if active else "coach.deactivated", "coach",
                         coach.id, None, coach.role)
            roles.set_active(s, coach.role, active)  # the server checks again, under a lock
            s.refresh(coach)
            info = CoachInfo(coach.role, coach.display_name, coach.lead, coach.active,
                             _count(s, coach.role))
        return Changed(info, ChangeSet.of("coach", "participant"))

    def _must_lead(self, s: Session) -> str:
        """The role connected, when it leads the practice; TeamError otherwise."""
        if not self.is_team:
            raise TeamError(NOT_A_TEAM)
        me, lead = roles.who_am_i(s)
        if not lead:
            raise TeamError(f"Only the practice lead can change the team; you are connected "
                            f"as {me}.")
        return me


def _coaches(s: Session) -> list[CoachInfo]:
    counts = {role: n for role, n in s.execute(
        select(Participant.coach_role, func.count())
        .where(Participant.coach_role.is_not(None)).group_by(Participant.coach_role))}
    rows = s.scalars(select(Coach).order_by(Coach.active.desc(), Coach.display_name, Coach.role))
    return [CoachInfo(c.role, c.display_name, c.lead, c.active, counts.get(c.role, 0))
            for c in rows]


def _unassigned(s: Session) -> int:
    return s.scalar(select(func.count()).select_from(Participant)
                    .where(Participant.coach_role.is_(None))) or 0


def _needing_coach(s: Session) -> int:
    """Participants (not archived) with nobody assigned or a deactivated coach."""
    gone = select(Coach.role).where(Coach.active.is_(False))
    return s.scalar(select(func.count()).select_from(Participant).where(
        Participant.archived.is_(False),
        Participant.coach_role.is_(None) | Participant.coach_role.in_(gone))) or 0


def _count(s: Session, role: str) -> int:
    return s.scalar(select(func.count()).select_from(Participant)
                    .where(Participant.coach_role == role)) or 0


def _other_active_lead(s: Session, role: str) -> bool:
    return s.scalar(select(Coach.id).where(Coach.lead.is_(True), Coach.active.is_(True),
                                           Coach.role != role).limit(1)) is not None
