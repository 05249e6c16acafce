"""The NDIS bulk payment request file for the provider portal: a CSV with exactly the portal's
header, every rule checked on every line before anything is written (a line that breaks one is
named with the reason, and nothing is written), a file name of at most 20 characters, and more
than 5,000 rows split over numbered files."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Sequence
from pathlib import Path

from recoverydesk.private_files import write_atomic
from recoverydesk.services.claims.types import (
    CANCELLATION_REASONS,
    CLAIM_TYPES,
    GST_CODES,
    ClaimDetails,
    ClaimLineRow,
    check_abn,
    check_claim_reference,
    check_ndis_number,
    check_support_number,
    claim_deadline,
    format_centi,
    past_deadline,
)
from recoverydesk.services.types import ValidationError

HEADER = (
    "RegistrationNumber", "NDISNumber", "SupportsDeliveredFrom", "SupportsDeliveredTo",
    "SupportNumber", "ClaimReference", "Quantity", "Hours", "UnitPrice", "GSTCode",
    "AuthorisedBy", "ParticipantApproved", "InKindFundingProgram", "ClaimType",
    "CancellationReason", "ABN of Support Provider",
)

MAX_ROWS_PER_FILE = 5000
MAX_FILE_NAME = 20  # characters, with .csv


class BulkFileError(ValidationError):
    """The claim file was not written: ``problems`` names each line that breaks a rule."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        shown = problems[:5] + ([f"... and {len(problems) - 5} more."] if len(problems) > 5 else [])
        super().__init__({"out": "Nothing was written. " + " ".join(shown)})


# The price limit of an item on a day (None: no list in force has it).
LimitOf = Callable[[str, dt.date], "int | None"]


def practice_problems(details: ClaimDetails) -> list[str]:
    problems = []
    if not details.registration_number.isdigit():
        problems.append("The practice's NDIS registration number is missing or not digits "
                        "(Settings, claim details).")
    if not check_abn(details.abn):
        problems.append("The practice's ABN is missing or not a valid 11-digit ABN.")
    if details.gst_code not in GST_CODES:
        problems.append(f"'{details.gst_code}' is not a GST code the portal knows.")
    return problems


def line_problems(line: ClaimLineRow, today: dt.date, limit_of: LimitOf) -> list[str]:
    """Every rule this line breaks, in plain words (empty: it may be claimed)."""
    why = []
    if not line.management:
        why.append("how the participant's plan is managed is not recorded yet")
    elif line.management != "ndia":
        why.append("the participant's plan is not NDIA-managed (invoice them instead)")
    if not check_ndis_number(line.ndis_number):
        why.append("the participant has no 9-digit NDIS number")
    if line.status != "ready":
        why.append(f"it is {line.status}, not ready to claim")
    if not check_support_number(line.support_number):
        why.append(f"'{line.support_number}' is not a support item number")
    if not check_claim_reference(line.claim_reference):
        why.append("its claim reference is not 1-50 letters, digits, / _ or -")
    if line.quantity_centi <= 0:
        why.append("the quantity is not above 0")
    if line.unit_price_cents <= 0:
        why.append("the unit price is not above $0")
    limit = limit_of(line.support_number, line.support_date)
    if limit is None:
        why.append(f"no price list in force on {line.support_date} has {line.support_number}")
    elif line.unit_price_cents > limit:
        why.append(f"${format_centi(line.unit_price_cents)} is above the price limit "
                   f"${format_centi(limit)}")
    if line.claim_type not in CLAIM_TYPES:
        why.append(f"'{line.claim_type}' is not a claim type")
    if line.claim_type == "CANC" and line.cancellation_reason not in CANCELLATION_REASONS:
        why.append("a short-notice cancellation needs its reason")
    if line.claim_type != "CANC" and line.cancellation_reason:
        why.append("only a short-notice cancellation has a cancellation reason")
    if line.support_date > today:
        why.append("the support is in the future")
    if past_deadline(line.support_date, today):
        why.append(f"it is past the two-year claim deadline ({claim_deadline(line.support_date)})")
    return why


def describe(line: ClaimLineRow) -> str:
    return (f"Line {line.claim_reference} ({line.participant_name}, {line.support_date}, "
            f"{line.support_number})")


def file_names(out: Path, rows: int) -> list[Path]:
    """``out`` itself, or out-1.csv, out-2.csv ... for more than 5,000 rows."""
    parts = max(1, -(-rows // MAX_ROWS_PER_FILE))
    if parts == 1:
        return [out]
    return [out.with_name(f"{out.stem}-{n}{out.suffix}") for n in range(1, parts + 1)]


def name_problems(out: Path, rows: int) -> list[str]:
    if out.suffix.lower() != ".csv":
        return [f"The claim file's name should end in .csv, not '{out.name}'."]
    too_long = [p.name for p in file_names(out, rows) if len(p.name) > MAX_FILE_NAME]
    if too_long:
        return [f"The portal takes file names of at most {MAX_FILE_NAME} characters with .csv; "
                f"'{too_long[0]}' has {len(too_long[0])}."]
    return []


def _date(day: dt.date, style: str) -> str:
    return day.strftime("%Y/%m/%d" if style == "slash" else "%Y-%m-%d")


def row_of(line: ClaimLineRow, details: ClaimDetails) -> list[str]:
    day = _date(line.support_date, details.date_style)
    return [
        details.registration_number, line.ndis_number or "", day, day, line.support_number,
        line.claim_reference, format_centi(line.quantity_centi), "",
        format_centi(line.unit_price_cents), details.gst_code, "", "", "", line.claim_type,
        line.cancellation_reason, details.abn,
    ]


def render(rows: Sequence[Sequence[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def check_all(out: Path, lines: Sequence[ClaimLineRow], details: ClaimDetails, today: dt.date,
              limit_of: LimitOf) -> None:
    """Raise BulkFileError naming every problem; return quietly when the file may be written."""
    problems = practice_problems(details) + name_problems(out, len(lines))
    if not lines:
        problems.append("There are no lines ready to claim in that period.")
    for line in lines:
        why = line_problems(line, today, limit_of)
        if why:
            problems.append(f"{describe(line)}: {'; '.join(why)}.")
    if problems:
        raise BulkFileError(problems)


def write_bulk(out: Path, lines: Sequence[ClaimLineRow], details: ClaimDetails, today: dt.date,
               limit_of: LimitOf) -> list[Path]:
    """Check everything, then write the file(s), each whole or not at all."""
    check_all(out, lines, details, today, limit_of)
    ordered = sorted(lines, key=lambda r: (r.support_date, r.participant_name, r.id))
    paths = file_names(out, len(ordered))
    contents = [render([row_of(line, details) for line in
                        ordered[n * MAX_ROWS_PER_FILE:(n + 1) * MAX_ROWS_PER_FILE]])
                for n in range(len(paths))]
    for path, data in zip(paths, contents, strict=True):
        write_atomic(path, data)
    return paths
