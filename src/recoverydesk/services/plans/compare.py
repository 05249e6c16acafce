"""What changed between two plan snapshots (or a snapshot and the plan as it is now), as plain
sentences a participant understands, under plain headings. Pure: snapshots in, words out."""

from __future__ import annotations

import datetime as dt

from recoverydesk.dates import short_date
from recoverydesk.services.goals.types import STATUS_LABELS, WHO_LABELS
from recoverydesk.services.plans.types import CHANGE_GROUPS


def _date(text: str | None) -> dt.date | None:
    return None if not text else dt.date.fromisoformat(text)


def describe_changes(old: dict, new: dict) -> list[str]:
    """Plain sentences for the differences between two snapshots."""
    return [line for _group, lines in describe_changes_grouped(old, new) for line in lines]


def describe_changes_grouped(old: dict, new: dict) -> list[tuple[str, list[str]]]:
    """The differences between two snapshots as plain sentences under headings (Goals, Steps,
    Strengths and supports, Wellness plan, Review); only headings with something to say are
    returned."""
    old_goals = {g["id"]: g for g in old.get("goals", [])}
    new_goals = {g["id"]: g for g in new.get("goals", [])}
    groups = {
        "Goals": _goal_lines(old_goals, new_goals),
        "Steps": [line for gid, g in new_goals.items()
                  for line in _step_lines(old_goals.get(gid, {}), g)],
        "Strengths and supports": _people_lines(old, new),
        "Wellness plan": _wrap_lines(old, new),
        "Review": _review_lines(old, new),
    }
    out = [(name, groups[name]) for name in CHANGE_GROUPS if groups[name]]
    if not out:
        out = [("", ["Nothing has changed in the plan since this version."])]
    return out


def _goal_lines(old_goals: dict[int, dict], new_goals: dict[int, dict]) -> list[str]:
    """Status changes first, then new goals (not those a reframe made), then rewordings, new
    target dates and progress of the goals still open."""
    titles = {
        **{k: g["title"] for k, g in old_goals.items()},
        **{k: g["title"] for k, g in new_goals.items()},
    }
    out = [
        _status_sentence(g["title"], old_goals[gid]["status"], g, titles)
        for gid, g in new_goals.items()
        if gid in old_goals and old_goals[gid]["status"] != g["status"]
    ]
    reframed_into = {g.get("reframed_to_id") for g in new_goals.values()
                     if g["id"] in old_goals}
    out += [f"New goal: “{g['title']}”." for gid, g in new_goals.items()
            if gid not in old_goals and gid not in reframed_into]
    for gid, g in new_goals.items():
        if gid in old_goals:
            out += _goal_edits(old_goals[gid], g)
    return out


def _goal_edits(before: dict, g: dict) -> list[str]:
    title, out = g["title"], []
    if before["title"] != title:
        out.append(f"“{before['title']}” is now worded as “{title}”.")
    if g["status"] not in ("active", "paused"):
        return out
    if before.get("target_date") != g.get("target_date") and g.get("target_date"):
        out.append(f"“{title}” now aims for {short_date(_date(g['target_date']))}.")
    progress = g.get("latest_progress")
    if before.get("latest_progress") != progress and progress is not None:
        out.append(f"“{title}” is now about {progress}% of the way there.")
    return out


def _step_lines(before_goal: dict, g: dict) -> list[str]:
    """Steps done, new steps and steps taken off one goal (none for a goal reframed or let
    go: its story is told by the status sentence)."""
    if g["status"] in ("reframed", "let_go"):
        return []
    before_steps = {st["id"]: st for st in before_goal.get("steps", [])}
    done, added = [], []
    for st in g.get("steps", []):
        prev = before_steps.get(st["id"])
        if st.get("done_on") and (prev is None or not prev.get("done_on")):
            done.append(st["text"])
        elif prev is None:
            who = WHO_LABELS.get(st["who"], st["who"]).lower()
            due = f", by {short_date(_date(st['due_on']))}" if st.get("due_on") else ""
            added.append(f"{st['text']} ({who}{due})")
    out = []
    if done:
        head = "Step done" if len(done) == 1 else "Steps done"
        out.append(f"{head} for “{g['title']}”: {'; '.join(done)}.")
    if added:
        head = "New step" if len(added) == 1 else "New steps"
        out.append(f"{head} for “{g['title']}”: {'; '.join(added)}.")
    now_ids = {st["id"] for st in g.get("steps", [])}
    out += [f"A step was taken off “{g['title']}”: {st['text']}."
            for sid, st in before_steps.items() if sid not in now_ids]
    return out


def _people_lines(old: dict, new: dict) -> list[str]:
    old_strengths = {x["text"] for x in old.get("strengths", [])}
    out = [f"New strength noticed: {x['text']}." for x in new.get("strengths", [])
           if x["text"] not in old_strengths]
    old_supports = {x["id"] for x in old.get("supports", [])}
    out += [f"{x['name']} ({x['role']}) is now part of the support network."
            for x in new.get("supports", []) if x["id"] not in old_supports]
    new_supports = {x["id"] for x in new.get("supports", [])}
    out += [f"{x['name']} is no longer listed as a support."
            for x in old.get("supports", []) if x["id"] not in new_supports]
    return out


def _wrap_lines(old: dict, new: dict) -> list[str]:
    old_wrap = (old.get("parts") or {}).get("wrap") or {}
    new_wrap = (new.get("parts") or {}).get("wrap") or {}
    if not (isinstance(old_wrap, dict) and isinstance(new_wrap, dict)):
        return []
    was, now = old_wrap.get("started_parts"), new_wrap.get("started_parts")
    if now is None or was is None or now == was:
        return []
    return [f"The wellness plan (WRAP) now has {now} of {new_wrap.get('total_parts', now)} "
            f"parts filled in (it had {was})."]


def _review_lines(old: dict, new: dict) -> list[str]:
    if new.get("review_date") and old.get("review_date") != new.get("review_date"):
        return [f"The next review is planned for {short_date(_date(new['review_date']))}."]
    return []


def _status_sentence(title: str, was: str, g: dict, titles: dict[int, str]) -> str:
    now = g["status"]
    reason = (g.get("last_reason") or "").strip().rstrip(".")
    because = f" ({reason})" if reason else ""
    if now == "achieved":
        return f"Achieved: “{title}”{because}."
    if now == "reframed":
        to = titles.get(g.get("reframed_to_id"), "a new goal")
        return f"“{title}” was reframed as “{to}”{because}."
    if now == "let_go":
        return f"“{title}” was let go{because}."
    if now == "paused":
        return f"“{title}” is on hold for now{because}."
    if now == "active" and was == "paused":
        return f"“{title}” is back on{because}."
    return f"“{title}” is now {STATUS_LABELS.get(now, now).lower()}{because}."
