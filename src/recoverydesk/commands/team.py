"""team add-coach, assign, deactivate, reactivate, list: a team practice's coaches (issue 20
item 3).

Only for a team practice (``--db postgresql://lead@host/practice``); adding, deactivating and
reactivating coaches and assigning participants is the practice lead's. The new coach's
password is typed at a prompt (twice, never echoed) or read from the first line of stdin with
``--password-stdin``; it is never an argument, so it stays out of the shell's history and the
process list.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from recoverydesk.commands import UsageError, add_db_argument, open_existing
from recoverydesk.dates import plural
from recoverydesk.services.team.types import active_change_sentence

NOBODY = ("nobody", "none", "-")


def register(sub: argparse._SubParsersAction) -> None:
    team = sub.add_parser("team", help="a team practice's coaches: add, deactivate or "
                          "reactivate one, assign participants, list them (the practice lead)")
    # The same plain-words parser as the top level (cli._Parser), for the team's own commands.
    commands = team.add_subparsers(dest="team_command", metavar="TEAM_COMMAND",
                                   parser_class=type(team), required=True)

    add = commands.add_parser("add-coach", help="add a coach: a login on the practice's server")
    add.add_argument("role", metavar="ROLE", help="their login name, for example kim_lee")
    add.add_argument("--name", required=True, help="their name as people see it")
    add.add_argument("--lead", action="store_true", help="they lead the practice too")
    add.add_argument("--password-stdin", action="store_true",
                     help="read the new login's password from the first line of stdin")
    add_db_argument(add)
    add.set_defaults(func=run_add_coach, command="team add-coach")

    assign = commands.add_parser("assign", help="assign a participant to a coach")
    assign.add_argument("participant", metavar="PARTICIPANT", help="their id or name")
    assign.add_argument("role", metavar="ROLE",
                        help="the coach's login name, or 'nobody' (back to the lead)")
    add_db_argument(assign)
    assign.set_defaults(func=run_assign, command="team assign")

    for name, func, words in (
            ("deactivate", run_deactivate, "a coach who leaves: they can no longer sign in "
             "(their participants stay, listed as needing a coach)"),
            ("reactivate", run_reactivate, "a deactivated coach signs in again")):
        switch = commands.add_parser(name, help=words)
        switch.add_argument("role", metavar="ROLE", help="the coach's login name")
        add_db_argument(switch)
        switch.set_defaults(func=func, command=f"team {name}")

    listing = commands.add_parser("list", help="the practice's coaches and their caseloads")
    add_db_argument(listing)
    listing.set_defaults(func=run_list, command="team list")


def _new_password(args) -> str | None:
    if args.password_stdin:
        line = sys.stdin.readline().rstrip("\r\n")
        if not line:
            raise UsageError("--password-stdin found no password on the first line of stdin.")
        return line
    if not sys.stdin.isatty():
        return None  # a login the server already has needs none; a new one is refused
    first = getpass.getpass(f"Password for the new login {args.role}: ")
    if getpass.getpass("The same password again: ") != first:
        raise UsageError("The two passwords were not the same; nothing was changed.")
    return first


def run_add_coach(args) -> int:
    from recoverydesk.services.team.types import NewCoach

    services = open_existing(args, writes=True)
    try:
        password = _new_password(args)
        added = services.team.add_coach(NewCoach(args.role, args.name, args.lead),
                                        password).value
    finally:
        services.close()
    print(added.sentence())
    return 0


def run_assign(args) -> int:
    services = open_existing(args, writes=True)
    try:
        person = services.participants.resolve(args.participant)
        role = None if args.role.strip().lower() in NOBODY else args.role
        done = services.team.assign(person.id, role).value
    finally:
        services.close()
    who = done.coach_role or "nobody (the lead's to assign)"
    print(f"{done.name} is now assigned to {who}.")
    return 0


def run_deactivate(args) -> int:
    return _switch(args, active=False)


def run_reactivate(args) -> int:
    return _switch(args, active=True)


def _switch(args, *, active: bool) -> int:
    services = open_existing(args, writes=True)
    try:
        team = services.team
        coach = (team.reactivate if active else team.deactivate)(args.role).value
    finally:
        services.close()
    print(active_change_sentence(coach))
    return 0


def run_list(args) -> int:
    from recoverydesk.services.team.service import NOT_A_TEAM

    services = open_existing(args)
    try:
        view = services.team.view()
        waiting = [a for a in services.team.assignments() if a.needs_coach] \
            if view.needing_coach else []
    finally:
        services.close()
    if not view.is_team:
        raise UsageError(NOT_A_TEAM)
    print(f"You are {view.me}{', the practice lead' if view.i_lead else ''}.")
    if not view.coaches:
        print("No coaches yet: add one with 'recoverydesk team add-coach'.")
    width = max((len(c.label) for c in view.coaches), default=0)
    for c in view.coaches:
        kind = "lead " if c.lead else "coach"
        gone = "  (no longer in the practice)" if not c.active else ""
        print(f"  {c.label:<{width}}  {kind}  {plural(c.participants, 'participant')}{gone}")
    if waiting:
        names = {c.role: c.label for c in view.coaches}
        print(f"Needing a coach: {plural(len(waiting), 'participant')}.")
        for a in waiting:
            why = f"{names.get(a.coach_role, a.coach_role)} was deactivated" \
                if a.coach_role else "nobody assigned yet"
            print(f"  {a.name}  ({why})")
    return 0
