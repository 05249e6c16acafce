"""CHIME use cases: suggest recovery tags from the words of a note, goal, step or WRAP item;
accept, change and remove tags (nothing is tagged without the coach); the cue list in use;
turning points and the participant's tags over time (services/chime/story.py); measures loaded
from a template file (services/chime/measures.py). Every write returns ``Changed``.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import Session

from recoverydesk.models import ChimeProcess, ChimeTag, PracticeSetting
from recoverydesk.services import audit
from recoverydesk.services.chime import cuebook, moments, story, targets
from recoverydesk.services.chime.measures import (
    MeasureService,
    readings_in,
    readings_read,
    templates_in,
    templates_read,
)
from recoverydesk.services.chime.story_agreement import StoryAgreements, history_in, history_read
from recoverydesk.services.chime.story_types import StoryTabDTO
from recoverydesk.services.chime.types import (
    PROCESSES,
    QUOTE_MAX,
    SUB_THEMES,
    TARGET_LABELS,
    TEXT_FIELDS,
    CueBook,
    MomentSuggestion,
    QuarterCounts,
    StoryDTO,
    Suggestion,
    TagDraft,
    TagDTO,
    TurningPointDraft,
    TurningPointDTO,
    anchor,
    suggest,
)
from recoverydesk.services.core_read import Read, core_rows, read_ahead
from recoverydesk.services.types import Changed, ChangeSet, NotFoundError, ValidationError
from recoverydesk.store.session import Store

COACH_NAME_KEY = "practice.coach_name"  # the practice details' coach name (services/settings)


def tag_changes(participant_id: int) -> ChangeSet:
    return ChangeSet.of("chime_tag", participant_id=participant_id)


class ChimeService:
    def __init__(self, store: Store):
        self._store = store
        self.measures = MeasureService(store)
        self.stories = StoryAgreements(store, self.story)  # agreed recovery stories

    # -- the cue list ----------------------------------------------------------------------

    def cue_book(self) -> tuple[CueBook, bool]:
        """The cue list suggestions come from, and whether it is the coach's own file."""
        with self._store.read() as s:
            return cuebook.in_use(s)

    def load_cues(self, path: Path) -> Changed[CueBook]:
        """Use the coach's cue file from now on (CueFileError, in plain words, if unusable)."""
        book, text = cuebook.read_cue_file(path)
        with self._store.unit_of_work() as s:
            _put_setting(s, cuebook.SETTING_KEY, text)
            audit.record(s, "chime.cues_loaded", "practice_settings", None, None, book.name)
        return Changed(book, ChangeSet.of("chime_cues"))

    def use_shipped_cues(self) -> Changed[CueBook]:
        with self._store.unit_of_work() as s:
            _put_setting(s, cuebook.SETTING_KEY, "")
        return Changed(cuebook.bundled(), ChangeSet.of("chime_cues"))

    # -- suggestions -----------------------------------------------------------------------

    def suggest(self, target_kind: str, target_id: int) -> list[Suggestion]:
        """What the words of one item suggest, less what the coach has already tagged there
        (the same process on the whole item, or on a passage overlapping the suggestion)."""
        with self._store.read() as s:
            book, _own = cuebook.in_use(s)
            target = targets.one(s, target_kind, target_id)
            tags = _tags_on(s, target_kind, target_id)
            found = suggest(book, target.texts, target_kind, target_id)
            return [g for g in found if not any(moments.covered(t, g) for t in tags)]

    def suggestions_for(self, participant_id: int) -> list[MomentSuggestion]:
        """What all of a participant's notes, goals, steps and WRAP items suggest (less what
        is tagged already), newest first, with each item's day and title."""
        with self._store.read() as s:
            book, _own = cuebook.in_use(s)
            return moments.for_participant(s, book, participant_id)

    # -- tags ------------------------------------------------------------------------------

    def accept(self, draft: TagDraft, accepted_by: str = "") -> Changed[TagDTO]:
        """The coach's tag: a process (and sub-theme) on an item or a passage of one of its
        texts; the passage's words are kept with it."""
        with self._store.unit_of_work() as s:
            dto = accept_in(s, draft, accepted_by)
        return Changed(dto, tag_changes(dto.participant_id))

    def accept_many(self, drafts: list[TagDraft], accepted_by: str = ""
                    ) -> Changed[list[TagDTO]]:
        """Several of the coach's tags at once, all or none (the moments they ticked)."""
        with self._store.unit_of_work() as s:
            done = [accept_in(s, d, accepted_by) for d in drafts]
        changes = ChangeSet.of("chime_tag")
        for pid in {t.participant_id for t in done}:
            changes = changes | tag_changes(pid)
        return Changed(done, changes)

    def change(self, tag_id: int, process: str, sub_theme: str = "") -> Changed[TagDTO]:
        """Another process or sub-theme for the same item or passage."""
        _check_process(process, sub_theme)
        with self._store.unit_of_work() as s:
            row = _tag_row(s, tag_id)
            if (row.process, row.sub_theme) != (process, sub_theme):
                row.process, row.sub_theme = ChimeProcess(process), sub_theme
                audit.record(s, "chime.tag_changed", "chime_tag", row.id, row.participant_id,
                             process)
            s.flush()
            kind, ref = targets.kind_of(row)
            dto = _dto(row, targets.one(s, kind, ref))
        return Changed(dto, tag_changes(dto.participant_id))

    def remove(self, tag_id: int) -> Changed[None]:
        with self._store.unit_of_work() as s:
            row = _tag_row(s, tag_id)
            pid = row.participant_id
            audit.record(s, "chime.tag_removed", "chime_tag", row.id, pid, row.process)
            s.delete(row)
        return Changed(None, tag_changes(pid) | ChangeSet.of("chime_turning_point",
                                                            participant_id=pid))

    def tags_of(self, participant_id: int, target_kind: str | None = None,
                target_id: int | None = None, process: str | None = None) -> list[TagDTO]:
        """A participant's tags (of one item, or one process), oldest moment first; each
        passage where it is now in its text (``types.anchor``)."""
        with self._store.read() as s:
            return _tags_in(s, participant_id, target_kind, target_id, process)

    # -- the story: turning points and moments over time -----------------------------------

    def quarters(self, participant_id: int) -> QuarterCounts:
        """Tagged moments per process per quarter (an item tagged twice with one process is one
        moment of it), from the first tagged quarter to the latest."""
        return story.quarters(self.tags_of(participant_id))

    def story(self, participant_id: int) -> StoryDTO:
        """The Recovery story view's data: each process's moments in the participant's words,
        the turning points, and the moments per quarter."""
        tags = self.tags_of(participant_id)
        with self._store.read() as s:
            found = story.item_texts(s, [t for t in tags if t.start is None])
            points = story.turning_points(s, participant_id)
        return story.story_of(tags, found, points)

    def story_tab(self, participant_id: int) -> StoryTabDTO:
        """The Recovery story tab's reads in one: the story, the stories agreed, the measure
        readings (and the measures' templates when there are any)."""
        with self._store.read() as s:
            # (the measures' templates too: unread when there is no reading, a small read)
            read_ahead(s, [_tags_read(participant_id), story.turning_points_read(participant_id),
                           readings_read(participant_id), templates_read(),
                           history_read(participant_id)])
            tags = _tags_in(s, participant_id)
            found = story.item_texts(s, [t for t in tags if t.start is None])
            told = story.story_of(tags, found, story.turning_points(s, participant_id))
            readings = readings_in(s, participant_id)
            return StoryTabDTO(told, history_in(s, participant_id), readings,
                               templates_in(s) if readings else [])

    def turning_points(self, participant_id: int) -> list[TurningPointDTO]:
        with self._store.read() as s:
            return story.turning_points(s, participant_id)

    def mark_turning_point(self, participant_id: int, draft: TurningPointDraft
                           ) -> Changed[TurningPointDTO]:
        with self._store.unit_of_work() as s:
            dto = story.mark(s, participant_id, draft)
        return Changed(dto, story.changes(participant_id))

    def change_turning_point(self, point_id: int, draft: TurningPointDraft
                             ) -> Changed[TurningPointDTO]:
        with self._store.unit_of_work() as s:
            dto = story.change(s, point_id, draft)
        return Changed(dto, story.changes(dto.participant_id))

    def remove_turning_point(self, point_id: int) -> Changed[None]:
        with self._store.unit_of_work() as s:
            pid = story.remove(s, point_id)
        return Changed(None, story.changes(pid))


# -- helpers -----------------------------------------------------------------------------------


def accept_in(s: Session, draft: TagDraft, accepted_by: str, audited: bool = True,
              at: dt.datetime | None = None) -> TagDTO:
    """Accept one tag inside an open unit of work (the service; the demo, not audited and on
    its own clock ``at``)."""
    _check_process(draft.process, draft.sub_theme)
    target = targets.one(s, draft.target_kind, draft.target_id)
    field, start, end, quote = _passage(target, draft)
    for tag in _tags_on(s, draft.target_kind, draft.target_id):
        if (tag.process == draft.process and tag.field == field
                and (tag.start, tag.end) == (start, end)):
            raise ValidationError.single(
                "process", f"This is already tagged {PROCESSES[draft.process]}.")
    who = accepted_by.strip() or _coach_name(s)
    row = ChimeTag(participant_id=target.participant_id, process=draft.process,
                   sub_theme=draft.sub_theme, field=field, start=start, end=end, quote=quote,
                   cue=draft.cue[:100], accepted_by=who[:200],
                   accepted_at=at or dt.datetime.now(dt.UTC))
    if at is not None:
        row.created_at = row.updated_at = at
    setattr(row, targets.COLUMN[draft.target_kind], draft.target_id)
    s.add(row)
    s.flush()
    if audited:
        audit.record(s, "chime.tag_accepted", "chime_tag", row.id, target.participant_id,
                     draft.process)
    return _dto(row, target)


def _check_process(process: str, sub_theme: str) -> None:
    if process not in PROCESSES:
        raise ValidationError.single("process", "Choose one of the five recovery processes.")
    if sub_theme and sub_theme not in SUB_THEMES[process]:
        raise ValidationError.single(
            "sub_theme", f"That is not a sub-theme of {PROCESSES[process]}.")


def _passage(target: targets.Target, d: TagDraft) -> tuple[str, int | None, int | None, str]:
    label = TARGET_LABELS[d.target_kind].lower()
    if d.start is None and d.end is None:
        if d.field and d.field not in TEXT_FIELDS[d.target_kind]:
            raise ValidationError.single("field", f"A {label} has no text called {d.field}.")
        return "", None, None, ""
    if d.start is None or d.end is None or not d.field:
        raise ValidationError.single("start", "A passage needs its text, a start and an end.")
    if d.field not in TEXT_FIELDS[d.target_kind]:
        raise ValidationError.single("field", f"A {label} has no text called {d.field}.")
    text = target.texts[d.field]
    if not 0 <= d.start < d.end <= len(text):
        raise ValidationError.single("start", "The passage is not inside the text any more.")
    quote = text[d.start:d.end]
    if not quote.strip():
        raise ValidationError.single("start", "Highlight some words to tag.")
    if len(quote) > QUOTE_MAX:
        raise ValidationError.single(
            "start", f"Tag a shorter passage (at most {QUOTE_MAX} characters), or the whole note.")
    return d.field, d.start, d.end, quote


def _tags_on(s: Session, kind: str, ref: int) -> list[ChimeTag]:
    column = getattr(ChimeTag, targets.COLUMN[kind])
    return list(s.scalars(select(ChimeTag).where(column == ref)))


def _tag_row(s: Session, tag_id: int) -> ChimeTag:
    row = s.get(ChimeTag, tag_id)
    if row is None:
        raise NotFoundError("That recovery tag is no longer there.")
    return row


def _coach_name(s: Session) -> str:
    row = s.get(PracticeSetting, COACH_NAME_KEY)
    return (row.value.strip() if row is not None else "") or "the coach"


def _put_setting(s: Session, key: str, value: str) -> None:
    row = s.get(PracticeSetting, key)
    if row is None:
        s.add(PracticeSetting(key=key, value=value))
    else:
        row.value = value


def _dto(row: ChimeTag, target: targets.Target) -> TagDTO:
    start, end, state = anchor(target.texts.get(row.field, ""), row.quote, row.start, row.end)
    return TagDTO(row.id, row.participant_id, target.kind, target.id, str(row.process),
                  row.sub_theme, row.field, start, end, row.quote, state, row.cue,
                  row.accepted_by, row.accepted_at, target.moment_on)


def _tags_read(participant_id: int, target_kind: str | None = None,
               target_id: int | None = None, process: str | None = None) -> Read:
    params = {"participant_id": participant_id, "target_id": target_id, "process": process}
    return _tags_query(target_kind, process is not None), params


def _tags_in(s: Session, participant_id: int, target_kind: str | None = None,
             target_id: int | None = None, process: str | None = None) -> list[TagDTO]:
    """``ChimeService.tags_of`` in a session the caller holds."""
    # Rows of the tags' columns, not mapped objects: their names are the attributes read.
    rows = core_rows(s, *_tags_read(participant_id, target_kind, target_id, process)).all()
    found = targets.of_tags(s, rows)
    out = [_dto(r, found[targets.kind_of(r)]) for r in rows]
    return sorted(out, key=lambda t: (t.moment_on or dt.date.min, t.id))


@cache
def _tags_query(target_kind: str | None, by_process: bool) -> Select:
    """A participant's (``participant_id``) tags by id, of one item when ``target_kind`` names
    its kind (``target_id``), of one ``process`` when ``by_process``."""
    q = select(ChimeTag.__table__).where(ChimeTag.participant_id == bindparam("participant_id"))
    if target_kind is not None:
        q = q.where(getattr(ChimeTag, targets.COLUMN[target_kind]) == bindparam("target_id"))
    if by_process:
        q = q.where(ChimeTag.process == bindparam("process"))
    return q.order_by(ChimeTag.id)
