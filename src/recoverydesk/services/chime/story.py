"""The recovery story's data: turning points the coach marks, and tagged moments per process
per quarter (the chart beside the timeline). The view and the PDF come later (issue 23)."""

from __future__ import annotations

from functools import cache

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import Session

from recoverydesk.models import ChimeTag, ChimeTurningPoint, Participant
from recoverydesk.services import audit
from recoverydesk.services.chime import targets
from recoverydesk.services.chime.types import (
    PROCESSES,
    TEXT_FIELDS,
    QuarterCounts,
    StoryDTO,
    StoryMoment,
    TagDTO,
    TurningPointDraft,
    TurningPointDTO,
    clean_turning_point,
    excerpt,
    quarter_of,
    quarters_between,
)
from recoverydesk.services.core_read import Read, core_rows, of_participant
from recoverydesk.services.types import ChangeSet, NotFoundError, ValidationError


def changes(participant_id: int) -> ChangeSet:
    return ChangeSet.of("chime_turning_point", participant_id=participant_id)


def quarters(tags: list[TagDTO]) -> QuarterCounts:
    """One moment per item and process: a note with two passages tagged Hope is one Hope
    moment of its quarter. Tags whose item has no date are left out."""
    moments = {(t.process, t.target_kind, t.target_id): quarter_of(t.moment_on)
               for t in tags if t.moment_on is not None}
    if not moments:
        return QuarterCounts((), {p: () for p in PROCESSES})
    span = quarters_between(min(moments.values()), max(moments.values()))
    index = {q: i for i, q in enumerate(span)}
    counts = {p: [0] * len(span) for p in PROCESSES}
    for (process, _kind, _ref), q in moments.items():
        counts[process][index[q]] += 1
    return QuarterCounts(tuple(span), {p: tuple(c) for p, c in counts.items()})


def item_texts(s: Session, tags: list[TagDTO]) -> dict[tuple[str, int], str]:
    """For items tagged whole: their first non-empty text (what the lane quotes)."""
    out: dict[tuple[str, int], str] = {}
    for kind in {t.target_kind for t in tags}:
        ids = [t.target_id for t in tags if t.target_kind == kind]
        for ref, target in targets.load(s, kind, ids).items():
            texts = [target.texts.get(f, "") for f in TEXT_FIELDS[kind]]
            out[(kind, ref)] = next((x for x in texts if x.strip()), "")
    return out


def story_of(tags: list[TagDTO], texts: dict[tuple[str, int], str],
             points: list[TurningPointDTO]) -> StoryDTO:
    lanes: dict[str, list[StoryMoment]] = {p: [] for p in PROCESSES}
    for t in tags:
        if t.moment_on is None:
            continue
        quoted = t.start is not None
        words = t.quote if quoted else excerpt(texts.get((t.target_kind, t.target_id), ""))
        lanes[t.process].append(StoryMoment(t.process, t.moment_on, t.target_kind,
                                            t.target_id, t.id, words, quoted, t.sub_theme))
    return StoryDTO({p: tuple(m) for p, m in lanes.items()}, tuple(points), quarters(tags))


def _dto(row) -> TurningPointDTO:
    """A turning point: the mapped object, or a row of its columns."""
    return TurningPointDTO(row.id, row.participant_id, row.marked_on, row.title, row.note,
                           row.tag_id)


def turning_points(s: Session, participant_id: int) -> list[TurningPointDTO]:
    rows = core_rows(s, *turning_points_read(participant_id)).all()
    return [_dto(r) for r in rows]


def turning_points_read(participant_id: int) -> Read:
    """The read ``turning_points`` makes."""
    return of_participant(_turning_points, participant_id)


@cache
def _turning_points() -> Select:
    """The participant's (``participant_id``) turning points in order: the columns ``_dto``
    reads."""
    p = ChimeTurningPoint
    return (select(p.id, p.participant_id, p.marked_on, p.title, p.note, p.tag_id)
            .where(p.participant_id == bindparam("participant_id"))
            .order_by(p.marked_on, p.id))


def _check_tag(s: Session, participant_id: int, tag_id: int | None) -> None:
    if tag_id is None:
        return
    tag = s.get(ChimeTag, tag_id)
    if tag is None or tag.participant_id != participant_id:
        raise ValidationError.single("tag_id", "Link the turning point to one of this "
                                     "participant's tagged moments, or to none.")


def mark(s: Session, participant_id: int, draft: TurningPointDraft) -> TurningPointDTO:
    d = clean_turning_point(draft)
    if s.get(Participant, participant_id) is None:
        raise NotFoundError("That participant is no longer there.")
    _check_tag(s, participant_id, d.tag_id)
    row = ChimeTurningPoint(participant_id=participant_id, marked_on=d.marked_on, title=d.title,
                            note=d.note, tag_id=d.tag_id)
    s.add(row)
    s.flush()
    audit.record(s, "chime.turning_point_marked", "chime_turning_point", row.id, participant_id)
    return _dto(row)


def _row(s: Session, point_id: int) -> ChimeTurningPoint:
    row = s.get(ChimeTurningPoint, point_id)
    if row is None:
        raise NotFoundError("That turning point is no longer there.")
    return row


def change(s: Session, point_id: int, draft: TurningPointDraft) -> TurningPointDTO:
    d = clean_turning_point(draft)
    row = _row(s, point_id)
    _check_tag(s, row.participant_id, d.tag_id)
    row.marked_on, row.title, row.note, row.tag_id = d.marked_on, d.title, d.note, d.tag_id
    s.flush()
    audit.record(s, "chime.turning_point_changed", "chime_turning_point", row.id,
                 row.participant_id)
    return _dto(row)


def remove(s: Session, point_id: int) -> int:
    row = _row(s, point_id)
    pid = row.participant_id
    audit.record(s, "chime.turning_point_removed", "chime_turning_point", row.id, pid)
    s.delete(row)
    return pid
