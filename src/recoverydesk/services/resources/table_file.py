"""A spreadsheet a coach hands us, as rows of text: CSV in whatever shape Excel, LibreOffice or
Numbers saved it, or an Excel workbook (.xlsx) directly.

- Encoding: a byte-order mark decides (UTF-8, or UTF-16 as Excel's "Unicode text" writes);
  without one, UTF-8, else Windows' Western encoding (cp1252) with a note to check accents.
- Separator: comma, semicolon (Excel where a comma is the decimal mark) or tab ("Unicode
  text"), found from the header row with ``csv.Sniffer``.
- .xlsx: the first sheet, read with openpyxl in read-only mode; dates become 2025-03-14.

Nothing here knows what the columns mean (``csv_resources`` does). A file that cannot be read
raises ``TableReadError`` with the line and a plain sentence.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
from dataclasses import dataclass

MAX_BYTES = 20 * 1024 * 1024  # a directory of thousands of services is well under 1 MB
MAX_ROWS = 20_000
MAX_COLUMNS = 100
_ZIP = b"PK\x03\x04"
_OLD_EXCEL = b"\xd0\xcf\x11\xe0"


class TableReadError(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass(frozen=True)
class TableText:
    rows: list[tuple[int, list[str]]]  # (line or row number as the coach sees it, values)
    notes: tuple[str, ...] = ()


def read_table(data: bytes) -> TableText:
    if len(data) > MAX_BYTES:
        raise TableReadError(1, f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB, far "
                                "more than a resource list holds.")
    if data.startswith(_ZIP):
        return _read_xlsx(data)
    if data.startswith(_OLD_EXCEL):
        raise TableReadError(1, "This is an older Excel workbook (.xls). In Excel, choose "
                                "File > Save As and pick “Excel Workbook (.xlsx)” or CSV.")
    text, notes = decode(data)
    return TableText(_csv_rows(text), notes)


def decode(data: bytes) -> tuple[str, tuple[str, ...]]:
    """The text of ``data`` and any note about how it was read."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), ()
        except UnicodeDecodeError as err:
            raise TableReadError(1, "The file is saved as Unicode (UTF-16) text, but part of it "
                                    "is damaged. Save it again from the spreadsheet.") from err
    try:
        return data.decode("utf-8-sig"), ()
    except UnicodeDecodeError:
        pass
    note = ("The file was not saved as UTF-8, so it was read as Windows (Western) text: "
            "check that names with accents came through right.")
    return data.decode("cp1252", errors="replace"), (note,)


def delimiter(text: str) -> str:
    """The separator the header row uses: comma, semicolon or tab."""
    header = text.lstrip("\r\n").split("\n", 1)[0]
    try:
        found = csv.Sniffer().sniff(header, delimiters=",;\t").delimiter
    except csv.Error:
        found = max(",;\t", key=header.count) if any(c in header for c in ",;\t") else ","
    return found


def _csv_rows(text: str) -> list[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter(text), strict=True)
    rows: list[tuple[int, list[str]]] = []
    line = 1
    while True:
        start = line
        try:
            values = next(reader)
        except StopIteration:
            return rows
        except csv.Error as err:
            raise TableReadError(start, _csv_problem(err)) from err
        line = reader.line_num + 1
        rows.append((start, values))
        if len(rows) > MAX_ROWS:
            raise TableReadError(start, f"The file has more than {MAX_ROWS:,} rows.")


def _csv_problem(err: csv.Error) -> str:
    if "NUL" in str(err):
        return "This row holds a character that is not text. Save the file again as CSV."
    return ("This row could not be read: a value in double quotes is not closed, or has "
            "something straight after its closing quote.")


def _read_xlsx(data: bytes) -> TableText:
    import openpyxl  # on first use: most imports are CSV

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as err:  # a third-party parser on a file from anywhere: any failure
        raise TableReadError(1, "The file looks like an Excel workbook but could not be "
                                "opened. Open it in Excel and save it again.") from err
    try:
        if not book.worksheets:
            raise TableReadError(1, "The workbook has no sheets.")
        sheet = book.worksheets[0]
        notes = ()
        if len(book.worksheets) > 1:
            notes = (f"Only the first sheet, “{sheet.title}”, was read.",)
        rows = []
        try:
            for number, values in enumerate(
                sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS), start=1
            ):
                if not any(v not in (None, "") for v in values):
                    continue  # formatted but empty rows can run to the sheet's end
                if len(rows) >= MAX_ROWS:
                    raise TableReadError(number, f"The sheet has more than {MAX_ROWS:,} rows.")
                rows.append((number, [_cell(v) for v in values]))
        except TableReadError:
            raise
        except Exception as err:  # damaged sheet data
            raise TableReadError(len(rows) + 1, "This row of the workbook could not be read. "
                                                "Open it in Excel and save it again.") from err
        return TableText(rows, notes)
    finally:
        book.close()


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
