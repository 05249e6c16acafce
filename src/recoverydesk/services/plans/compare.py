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
    Strengths and supports, Review); only headings with something to say are returned."""
    groups: dict[str, list[str]] = {name: [] for name in CHANGE_GROUPS}
    goals_out, steps_out = groups["Goals"], groups["Steps"]
    old_goals = {g["id"]: g for g in old.get("goals", [])}
    new_goals = {g["id"]: g for g in new.get("goals", [])}
    titles = {
        **{k: g["title"] for k, g in old_goals.items()},
        **{k: g["title"] for k, g in new_goals.items()},
    }
    for gid, g in new_goals.items():
        before = old_goals.get(gid)
        if before is not None and before["status"] != g["status"]:
            goals_out.append(_status_sentence(g["title"], before["status"], g, titles))
    for gid, g in new_goals.items():
        if gid in old_goals:
            continue
        became = [
            o for o in old_goals.values() if new_goals.get(o["id"], {}).get("reframed_to_id") == gid
        ]
        if not became:
            goals_out.append(f"New goal: “{g['title']}”.")
    for gid, g in new_goals.items():
        before = old_goals.get(gid)
        if before is None:
            continue
        title = g["title"]
        if before["title"] != title:
            goals_out.append(f"“{before['title']}” is now worded as “{title}”.")
        if g["status"] not in ("active", "paused"):
            continue
        if before.get("target_date") != g.get("target_date") and g.get("target_date"):
            goals_out.append(f"“{title}” now aims for {short_date(_date(g['target_date']))}.")
        if (
            before.get("latest_progress") != g.get("latest_progress")
            and g.get("latest_progress") is not None
        ):
            goals_out.append(f"“{title}” is now about {g['latest_progress']}% of the way there.")
    for gid, g in new_goals.items():
        if g["status"] in ("reframed", "let_go"):
            continue  # its story is told by the status sentence
        before_steps = {st["id"]: st for st in old_goals.get(gid, {}).get("steps", [])}
        done, added = [], []
        for st in g.get("steps", []):
            prev = before_steps.get(st["id"])
            if st.get("done_on") and (prev is None or not prev.get("done_on")):
                done.append(st["text"])
            elif prev is None:
                who = WHO_LABELS.get(st["who"], st["who"]).lower()
                due = f", by {short_date(_date(st['due_on']))}" if st.get("due_on") else ""
                added.append(f"{st['text']} ({who}{due})")
        if done:
            head = "Step done" if len(done) == 1 else "Steps done"
            steps_out.append(f"{head} for “{g['title']}”: {'; '.join(done)}.")
        if added:
            head = "New step" if len(added) == 1 else "New steps"
            steps_out.append(f"{head} for “{g['title']}”: {'; '.join(added)}.")
        now_ids = {st["id"] for st in g.get("steps", [])}
        for sid, st in before_steps.items():
            if sid not in now_ids:
                steps_out.append(f"A step was taken off “{g['title']}”: {st['text']}.")
    people = groups["Strengths and supports"]
    old_strengths = {x["text"] for x in old.get("strengths", [])}
    for x in new.get("strengths", []):
        if x["text"] not in old_strengths:
            people.append(f"New strength noticed: {x['text']}.")
    old_supports = {x["id"] for x in old.get("supports", [])}
    for x in new.get("supports", []):
        if x["id"] not in old_supports:
            people.append(f"{x['name']} ({x['role']}) is now part of the support network.")
    new_supports = {x["id"] for x in new.get("supports", [])}
    for x in old.get("supports", []):
        if x["id"] not in new_supports:
            people.append(f"{x['name']} is no longer listed as a support.")
    old_wrap = (old.get("parts") or {}).get("wrap") or {}
    new_wrap = (new.get("parts") or {}).get("wrap") or {}
    if isinstance(old_wrap, dict) and isinstance(new_wrap, dict):
        was, now = old_wrap.get("started_parts"), new_wrap.get("started_parts")
        if now is not None and was is not None and now != was:
            groups["Wellness plan"].append(
                f"The wellness plan (WRAP) now has {now} of {new_wrap.get('total_parts', now)} "
                f"parts filled in (it had {was})."
            )
    if new.get("review_date") and old.get("review_date") != new.get("review_date"):
        groups["Review"].append(
            f"The next review is planned for {short_date(_date(new['review_date']))}."
        )
    out = [(name, lines) for name, lines in groups.items() if lines]
    if not out:
        out = [("", ["Nothing has changed in the plan since this version."])]
    return out


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
