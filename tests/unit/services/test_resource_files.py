"""Resource import from the files coaches actually have: Excel's "Unicode text" (UTF-16, tabs),
semicolon CSV, cp1252, the app's own date style, and .xlsx directly; a resource listed twice
under two spellings of one category is reported, not silently merged (issue 15, item 11)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recoverydesk.services.resources.csv_file import parse_csv, parse_resources
from recoverydesk.services.resources.types import CsvImportError

TODAY = dt.date(2026, 11, 2)


def one(data: bytes):
    [draft] = parse_csv(data, TODAY)
    return draft


def test_excel_unicode_text_utf16_with_tabs_imports():
    text = "Name\tCategory\tWhat it offers\r\nZoë's Place\tHousing\tBeds, meals; showers\r\n"
    draft = one(text.encode("utf-16"))  # what Excel's "Unicode text" writes: BOM, UTF-16 LE
    assert draft.name == "Zoë's Place" and draft.category == "housing"
    assert draft.offers == "Beds, meals; showers"


def test_semicolon_separated_imports():
    data = "Name;Category;Phone\r\nCafé Connect;Peer support;02 9000 0000\r\n".encode("utf-8-sig")
    draft = one(data)
    assert (draft.name, draft.category, draft.phone) == ("Café Connect", "peer_support",
                                                          "02 9000 0000")


@pytest.mark.parametrize(
    ("written", "day"),
    [
        ("6 Sep 2026", dt.date(2026, 9, 6)),
        ("6 September 2026", dt.date(2026, 9, 6)),
        ("14/03/2025", dt.date(2025, 3, 14)),
        ("14-Mar-2025", dt.date(2025, 3, 14)),
        ("2025-03-14", dt.date(2025, 3, 14)),
    ],
)
def test_dates_in_the_apps_own_style_and_day_first(written, day):
    data = f"Name,Category,Last checked\nThe Shed,Recreation,{written}\n".encode()
    assert one(data).last_checked == day


def test_a_date_that_does_not_exist_is_reported():
    data = b"Name,Category,Last checked\nThe Shed,Recreation,31 Feb 2026\n"
    with pytest.raises(CsvImportError, match="“31 Feb 2026” is not a date"):
        parse_csv(data, TODAY)


def test_one_resource_under_two_spellings_of_a_category_is_reported():
    data = b"Name,Category\nPeer Cafe,Peer support\nOther cafe,Housing\nPEER  CAFE,PEER-SUPPORT\n"
    with pytest.raises(CsvImportError) as info:
        parse_csv(data, TODAY)
    message = str(info.value)
    assert "Line 4" in message and "already on line 2" in message
    assert "peer support" in message


def test_a_windows_western_file_imports_with_a_note():
    data = "Name,Category\nZoë's Place,Housing\n".encode("cp1252")
    parsed = parse_resources(data, TODAY)
    assert parsed.drafts[0].name == "Zoë's Place"
    assert "check that names with accents" in parsed.notes[0]


def xlsx(rows, extra_sheet=False) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Directory"
    for row in rows:
        sheet.append(row)
    if extra_sheet:
        book.create_sheet("Old")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_an_excel_workbook_imports_directly():
    data = xlsx(
        [
            ["Name", "Category", "Phone", "Last checked", "Cost"],
            ["Zoë's Place", "Housing", "02 9000 0000", dt.datetime(2026, 9, 6), 0],
            [None, None, None, None, None],
            ["The Shed", "recreation", None, dt.date(2025, 3, 14), 2.5],
        ],
        extra_sheet=True,
    )
    parsed = parse_resources(data, TODAY)
    first, second = parsed.drafts
    assert (first.name, first.category, first.last_checked, first.cost) == (
        "Zoë's Place", "housing", dt.date(2026, 9, 6), "0")
    assert (second.name, second.last_checked, second.cost) == ("The Shed",
                                                                dt.date(2025, 3, 14), "2.5")
    assert parsed.notes == ("Only the first sheet, “Directory”, was read.",)


def test_a_problem_in_a_workbook_names_its_row():
    data = xlsx([["Name", "Category"], ["A", "Housing"], ["B", "Spaceships"]])
    with pytest.raises(CsvImportError, match=r"Line 3, column 2 \(Category\): “Spaceships”"):
        parse_csv(data, TODAY)


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "older Excel workbook (.xls)"),
        (b"PK\x03\x04not really a workbook", "could not be opened"),
        (b"\xff\xfeN\x00a\x00m\x00\x00\xd8", "damaged"),
        (b"Name,Category\n\"Open quote,Housing\n", "Line 2: This row could not be read"),
        (b"", "empty"),
    ],
)
def test_files_that_cannot_be_read_are_refused_plainly(data, words):
    with pytest.raises(CsvImportError) as info:
        parse_csv(data, TODAY)
    assert words in str(info.value)


def test_the_service_imports_a_workbook_and_says_how_it_read_a_file(services, tmp_path):
    book = tmp_path / "directory.xlsx"
    book.write_bytes(xlsx([["Name", "Category"], ["Zoë's Place", "Housing"]]))
    assert services.resources.import_csv(book).value.added == 1
    legacy = tmp_path / "legacy.csv"
    legacy.write_bytes("Name,Category\nCafé Connect,Peer support\n".encode("cp1252"))
    result = services.resources.import_csv(legacy).value
    assert result.added == 1 and "accents" in result.sentence()
    assert {r.name for r in services.resources.list()} == {"Zoë's Place", "Café Connect"}


# -- any input: a success or the plain refusal, and nothing written on refusal -------------------

GOOD = "Name,Category,Phone,Last checked\nZoë's Place,Housing,02 9000 0000,6 Sep 2026\n"


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data(), how=st.sampled_from(["bytes", "mutated", "text"]))
def test_any_file_is_imported_or_refused_plainly_with_nothing_written(services, tmp_path,
                                                                       data, how):
    if how == "bytes":
        content = data.draw(st.binary(max_size=400))
    elif how == "text":
        alphabet = st.sampled_from(list(",;\t\"\n\r ") + ["Name", "Category", "Housing", "é",
                                                          "\0", "6 Sep 2026", "x"])
        text = "".join(data.draw(st.lists(alphabet, max_size=60)))
        content = text.encode(data.draw(st.sampled_from(["utf-8", "utf-16", "cp1252"])),
                              "replace")
    else:
        at = data.draw(st.integers(0, len(GOOD)))
        cut = data.draw(st.integers(0, 8))
        piece = data.draw(st.text(max_size=8))
        content = (GOOD[:at] + piece + GOOD[at + cut:]).encode("utf-8", "surrogatepass")
    source = tmp_path / "in.csv"
    source.write_bytes(content)
    before = services.resources.list(include_archived=True)
    try:
        services.resources.import_csv(source)
    except CsvImportError as err:
        str(err).encode("utf-8")
        assert services.resources.list(include_archived=True) == before


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_a_damaged_workbook_is_read_or_refused_plainly(data):
    good = WORKBOOK
    flips = data.draw(st.lists(st.tuples(st.integers(0, len(good) - 1), st.integers(0, 255)),
                               min_size=1, max_size=6))
    damaged = bytearray(good)
    for at, byte in flips:
        damaged[at] = byte
    cut = data.draw(st.integers(4, len(good)))
    try:
        parse_resources(bytes(damaged[:cut]), TODAY)
    except CsvImportError as err:
        str(err).encode("utf-8")


WORKBOOK = xlsx([["Name", "Category", "Last checked"], ["Zoë's Place", "Housing",
                                                         dt.datetime(2026, 9, 6)]])


def test_a_workbook_with_thousands_of_formatted_empty_rows_imports():
    import openpyxl
    from openpyxl.styles import Font

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "Category"])
    sheet.append(["The Shed", "Recreation"])
    for row in range(3, 25_000):  # formatting down the sheet, as a template often has
        sheet.cell(row=row, column=1).font = Font(bold=True)
    out = io.BytesIO()
    book.save(out)
    assert [d.name for d in parse_csv(out.getvalue(), TODAY)] == ["The Shed"]
