"""The resource directory as CSV, so a coach can bring a spreadsheet in and take it out.

Reading is all or nothing: every row is checked first, and any problem is reported by line and
column in plain words (``CsvImportError``); only a clean file reaches the database, in one
transaction (see ``ResourceService.import_drafts``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path

from recoverydesk import dates
from recoverydesk.models.resources import Resource
from recoverydesk.services.resources.table_file import MAX_BYTES, TableReadError, read_table
from recoverydesk.services.resources.types import (
    CATEGORY_LABELS,
    FIELD_LABELS,
    CsvImportError,
    CsvProblem,
    ResourceDraft,
    ResourceDTO,
    clean_resource,
)
from recoverydesk.services.stored_text import fit
from recoverydesk.services.types import NO_PROGRESS, Progress, ValidationError

# field -> the header we write (friendly in a spreadsheet); reading accepts either.
HEADERS = FIELD_LABELS
ALIASES = {
    "offers": ["what_it_offers", "services", "description", "offers"],
    "eligibility": ["who_is_eligible", "eligible", "eligibility"],
    "opening_hours": ["hours", "opening_hours", "open"],
    "website": ["web", "url", "site", "website"],
    "last_checked": ["last_checked", "checked", "last_checked_date", "date_checked"],
    "tags": ["tags", "keywords"],
}
PROGRESS_EVERY = 100  # rows between progress reports while checking


def _key(header: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", header.strip().casefold()).strip("_")


LABEL_KEYS = {_key(label): key for key, label in CATEGORY_LABELS.items()}
HEADER_LOOKUP: dict[str, str] = {}
for _field, _label in HEADERS.items():
    HEADER_LOOKUP[_field] = _field
    HEADER_LOOKUP[_key(_label)] = _field
for _field, _names in ALIASES.items():
    for _name in _names:
        HEADER_LOOKUP[_name] = _field


_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[\s\-/.]+([A-Za-z]{3,9})\.?[\s\-/.,]+(\d{4})$")


def parse_date(text: str) -> dt.date:
    """2025-03-14, 14/3/2025, 14/03/25 (Australian day-first order), or the app's own style:
    6 Sep 2026, 6 September 2026, 14-Mar-2025."""
    text = " ".join(text.split())
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    named = _DAY_MONTH_YEAR.match(text)
    if named:  # month names spelt here, not by strptime, which follows the machine's locale
        day, word, year = named.groups()
        months = [i for i, m in enumerate(dates.MONTHS, 1) if m.casefold().startswith(
            word.casefold()) and (len(word) >= 3)]
        if len(months) == 1:
            return dt.date(int(year), months[0], int(day))  # ValueError for 31 Feb
    raise ValueError(text)


def category_key(text: str) -> str:
    """ "Peer support", "PEER-SUPPORT" and "peer_support" are one category: its key."""
    key = _key(text)
    return LABEL_KEYS.get(key, key)


@dataclass(frozen=True)
class ParsedResources:
    drafts: list[ResourceDraft]
    notes: tuple[str, ...] = ()  # how the file was read, worth a look (an encoding guessed)


def read_resources_file(
    path: Path, today: dt.date | None = None, progress: Progress = NO_PROGRESS
) -> ParsedResources:
    """The resources in a CSV or .xlsx file, all checked; else CsvImportError."""
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as err:
        raise CsvImportError(
            [CsvProblem(1, None, "", f"The file could not be read ({err.strerror or err}).")]
        ) from err
    return parse_resources(data, today, progress)


def parse_csv(data: bytes, today: dt.date | None = None) -> list[ResourceDraft]:
    """Check every row and return drafts, or raise CsvImportError listing every problem."""
    return parse_resources(data, today).drafts


def parse_resources(
    data: bytes, today: dt.date | None = None, progress: Progress = NO_PROGRESS
) -> ParsedResources:
    """CSV (any common encoding and separator) or .xlsx bytes: checked drafts and notes.
    ``progress`` counts the rows checked out of twice the rows (the import saves them next)."""
    try:
        table = read_table(data)
    except TableReadError as err:
        raise CsvImportError([CsvProblem(err.line, None, "", err.message)]) from err
    rows = [(line, values) for line, values in table.rows if any(v.strip() for v in values)]
    if not rows:
        raise CsvImportError([CsvProblem(1, None, "", "The file is empty.")])
    header_line, header = rows[0]
    columns = _Columns.read(header_line, header)
    problems: list[CsvProblem] = []
    drafts: list[ResourceDraft] = []
    seen: dict[tuple[str, str], int] = {}
    body = rows[1:]
    for done, (line, values) in enumerate(body):
        if done % PROGRESS_EVERY == 0:
            progress.step(done, 2 * len(body), "Checking the rows…")
        draft, row_problems = _read_row(columns, line, values, today)
        if draft is not None and not row_problems:
            ident = (" ".join(draft.name.split()).casefold(), draft.category)
            if ident in seen:
                row_problems.append(CsvProblem(
                    line,
                    *columns.where("name"),
                    f"“{draft.name.strip()}” is already on line {seen[ident]} with the "
                    f"same category ({CATEGORY_LABELS.get(draft.category, '').lower()}). "
                    "Keep one of the two rows.",
                ))
            else:
                seen[ident] = line
        problems.extend(row_problems)
        if draft is not None:
            drafts.append(draft)
    if problems:
        raise CsvImportError(problems)
    if not drafts:
        raise CsvImportError(
            [CsvProblem(header_line + 1, None, "", "There are no resources below the header row.")]
        )
    return ParsedResources(drafts, table.notes)


@dataclass(frozen=True)
class _Columns:
    """The header row: which field each column holds (None for a blank header)."""

    header: list[str]
    fields: list[str | None]

    @classmethod
    def read(cls, line: int, header: list[str]) -> _Columns:
        """The header's fields, or CsvImportError for an unknown, repeated or missing column."""
        problems: list[CsvProblem] = []
        fields: list[str | None] = []
        for i, name in enumerate(header, start=1):
            field = HEADER_LOOKUP.get(_key(name)) if name.strip() else None
            if name.strip() and field is None:
                problems.append(CsvProblem(
                    line, i, name.strip(),
                    "This column is not one RecoveryDesk knows. The columns are: "
                    + ", ".join(HEADERS.values()) + ".",
                ))
            elif field is not None and field in fields:
                problems.append(
                    CsvProblem(line, i, name.strip(), "This column appears twice in the header.")
                )
            fields.append(field)
        if "name" not in fields:
            problems.append(CsvProblem(
                line, None, "",
                "The header row needs a “Name” column (the first row should hold the column "
                "names).",
            ))
        if problems:
            raise CsvImportError(problems)
        return cls(header, fields)

    def position(self, field: str) -> int | None:
        return self.fields.index(field) if field in self.fields else None

    def where(self, field: str) -> tuple[int | None, str]:
        """The 1-based column of ``field`` and its header as written (None, "" when absent)."""
        i = self.position(field)
        return (None, "") if i is None else (i + 1, self.header[i].strip())


def _read_row(
    columns: _Columns, line: int, values: list[str], today: dt.date | None
) -> tuple[ResourceDraft | None, list[CsvProblem]]:
    """One row as a draft, with what is wrong with it (no draft when its values are not
    under the header's columns)."""
    width = len(columns.fields)
    if len(values) > width and any(v.strip() for v in values[width:]):
        return None, [CsvProblem(
            line, width + 1, "",
            f"This row has {len(values)} values but the header names {width} "
            "columns. A comma inside a value needs the value in double quotes.",
        )]
    row = {f: (values[i].strip() if i < len(values) else "")
           for i, f in enumerate(columns.fields) if f}
    problems: list[CsvProblem] = []
    checked = None
    if row.get("last_checked"):
        try:
            checked = parse_date(row["last_checked"])
        except ValueError:
            problems.append(CsvProblem(
                line, *columns.where("last_checked"),
                f"“{row['last_checked']}” is not a date. Write it like 2025-03-14 or 14/03/2025.",
            ))
    text = {key: row.get(key, "") for key in HEADERS if key not in ("category", "last_checked")}
    draft = ResourceDraft(
        **text, category=category_key(row.get("category", "") or "other"), last_checked=checked
    )
    try:
        fit(Resource, clean_resource(draft, today), FIELD_LABELS)  # as saving it will check
    except ValidationError as err:
        for field, message in err.errors.items():
            if field == "category":
                message = (
                    f"“{row.get('category', '')}” is not a category. Use one of: "
                    + ", ".join(label.lower() for label in CATEGORY_LABELS.values())
                    + "."
                )
            elif field == "name":
                message = "The name is empty; every resource needs a name."
            problems.append(CsvProblem(line, *columns.where(field), message))
    return draft, problems


def write_csv(rows: list[ResourceDTO]) -> bytes:
    """UTF-8 with a byte-order mark, so spreadsheet programs show accents correctly."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADERS.values())
    for r in rows:
        writer.writerow(
            [
                r.name,
                r.category_label,
                r.offers,
                r.eligibility,
                r.cost,
                r.address,
                r.phone,
                r.email,
                r.website,
                r.opening_hours,
                r.tags,
                r.last_checked.isoformat() if r.last_checked else "",
                r.notes,
            ]
        )
    return out.getvalue().encode("utf-8-sig")
