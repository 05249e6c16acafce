"""Every table reached through a parent row keeps its parent's participant (revision 0023), on
both databases, whichever way its rows came in: the services and the demo builder's bulk paths
(the demo), an import of an export made before the column existed, a move to a team practice."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from recoverydesk.models import Base
from recoverydesk.services.practice.transfer import IOService, flatten


def child_tables() -> dict[str, tuple[str, str]]:
    """table -> (parent table, link) for every table whose participant_id is its parent's."""
    out = {}
    for table in Base.metadata.sorted_tables:
        column = table.c.get("participant_id")
        via = getattr(getattr(column, "default", None), "arg", None)
        if column is not None and hasattr(via, "parent_link"):
            out[table.name] = via.parent_link
    return out


def mismatches(store) -> dict[str, int]:
    """table -> rows whose participant_id is not their parent's (none is the rule)."""
    out = {}
    with store.read() as s:
        for table, (parent, link) in child_tables().items():
            wrong = s.execute(text(
                f"SELECT count(*) FROM {table} AS c LEFT JOIN {parent} AS p ON p.id = c.{link} "
                "WHERE p.participant_id IS NULL OR p.participant_id <> c.participant_id")).scalar()
            if wrong:
                out[table] = wrong
    return out


def counts(store) -> dict[str, int]:
    with store.read() as s:
        return {t: s.execute(text(f"SELECT count(*) FROM {t}")).scalar() for t in child_tables()}


def test_every_table_reached_through_a_parent_keeps_the_participant():
    """A table owned through a required link to a participant's record (not to participants
    itself) carries participant_id, filled from that parent (row-level security reads it)."""
    holders = {t.name for t in Base.metadata.sorted_tables if "participant_id" in t.c}
    through_parent = set()
    for table in Base.metadata.sorted_tables:
        if "participant_id" in table.c:
            continue
        if any(not fk.parent.nullable and fk.column.table.name in holders
               for fk in table.foreign_keys):
            through_parent.add(table.name)
    assert through_parent == set(), f"no participant_id on {sorted(through_parent)}"
    assert set(child_tables()) >= {"action_steps", "goal_domains", "goal_status_changes",
                                   "progress_notes", "session_goals", "star_scores",
                                   "wrap_items", "wrap_supporters", "invoice_lines",
                                   "agreement_items", "funding_periods",
                                   "referral_status_changes"}


def test_the_demo_fills_every_childs_participant(demo):
    store = demo._store
    assert mismatches(store) == {}
    filled = counts(store)
    for table in ("action_steps", "goal_domains", "goal_status_changes", "progress_notes",
                  "session_goals", "star_scores", "wrap_items", "wrap_supporters",
                  "referral_status_changes"):
        assert filled[table] > 0, table  # (the check above looked at real rows)


def test_an_export_from_before_the_column_imports_with_it_filled(demo, empty_store):
    doc = IOService(demo._store).export_data()
    children = child_tables()

    def strip(table: str, row: dict) -> None:
        if table in children:
            row.pop("participant_id", None)
        for key, value in row.items():
            if isinstance(value, list) and value and isinstance(value[0], dict):
                for child in value:
                    strip(key, child)

    for participant in doc["participants"]:
        strip("participants", participant)
    assert all("participant_id" not in r for t in children for r in flatten(doc).get(t, []))
    IOService(empty_store).import_data(doc)
    assert mismatches(empty_store) == {}
    assert counts(empty_store) == counts(demo._store)


def test_the_database_refuses_a_child_of_another_participants_parent(demo):
    with demo._store.read() as s:
        goal, owner = s.execute(text("SELECT id, participant_id FROM goals LIMIT 1")).one()
        other = s.execute(text("SELECT id FROM participants WHERE id <> :p LIMIT 1"),
                          {"p": owner}).scalar()
    insert = text("INSERT INTO action_steps (id, goal_id, participant_id, text, who, position, "
                  "version, created_at, updated_at) SELECT max(id) + 1, :g, :p, 'x', 'coach', 0, "
                  "1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM action_steps")
    with pytest.raises(IntegrityError, match="belongs to the participant of its goals row"), \
            demo._store.unit_of_work() as s:
        s.execute(insert, {"g": goal, "p": other})
    with pytest.raises(IntegrityError, match="belongs to the participant of its goals row"), \
            demo._store.unit_of_work() as s:
        s.execute(text("UPDATE action_steps SET participant_id = participant_id + 1 WHERE id = "
                       "(SELECT min(id) FROM action_steps)"))
