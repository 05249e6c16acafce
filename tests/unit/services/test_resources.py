import datetime as dt

import pytest
from sqlalchemy import func, select

from recoverydesk.models.resources import Resource
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.resources.csv_file import parse_csv, write_csv
from recoverydesk.services.resources.types import CsvImportError, ResourceDraft
from recoverydesk.services.types import ValidationError

TODAY = dt.date.today()
HEADER = "Name,Category,What it offers,Who is eligible,Cost,Phone,Website,Tags,Last checked\n"


def resource(services, **kw):
    base = {
        "name": "Seaview Housing Hub",
        "category": "housing",
        "offers": "Help finding a rental",
        "tags": "Rental, Youth ; rental",
    }
    base.update(kw)
    return services.resources.create(ResourceDraft(**base)).value


@pytest.fixture
def pid(services):
    return services.participants.create(ParticipantDraft(given_name="Minh")).value.id


def count_resources(store):
    with store.read() as s:
        return s.scalar(select(func.count()).select_from(Resource))


def test_create_cleans_tags_and_checks_fields(services):
    r = resource(services)
    assert r.tags == "rental, youth" and r.tag_list == ["rental", "youth"]
    assert r.category_label == "Housing"
    with pytest.raises(ValidationError) as err:
        resource(
            services,
            name="",
            category="pets",
            email="nope",
            last_checked=TODAY + dt.timedelta(days=2),
        )
    assert set(err.value.errors) == {"name", "category", "email", "last_checked"}


def test_search_and_filter(services):
    resource(services)
    resource(
        services,
        name="Coastal Jobs Club",
        category="employment",
        offers="Résumé help and mock interviews",
        tags="work",
    )
    resource(services, name="Harbour Peer Café", category="peer_support", offers="Drop-in", tags="")
    assert [r.name for r in services.resources.list("interviews")] == ["Coastal Jobs Club"]
    assert [r.name for r in services.resources.list(category="peer_support")] == [
        "Harbour Peer Café"
    ]
    assert [r.name for r in services.resources.list("rental youth")] == ["Seaview Housing Hub"]
    assert services.resources.category_counts()["housing"] == 1


def test_archived_resources_are_hidden_not_deleted(services):
    r = resource(services)
    services.resources.set_archived(r.id, True)
    assert services.resources.list() == []
    assert [x.id for x in services.resources.list(include_archived=True)] == [r.id]


def test_referral_history_is_kept_in_order(services, pid):
    r = resource(services)
    start = TODAY - dt.timedelta(days=30)
    ref = services.referrals.refer(pid, r.id, start, purpose="Find a unit near the beach").value
    assert ref.status == "suggested" and len(ref.history) == 1 and ref.is_open
    services.referrals.set_status(
        ref.id, "contacted", on=start + dt.timedelta(days=3), note="Rang together from the café"
    )
    done = services.referrals.set_status(ref.id, "closed", on=TODAY, outcome="Signed a lease").value
    assert [h.status for h in done.history] == ["suggested", "contacted", "closed"]
    assert done.history[1].note == "Rang together from the café"
    assert done.outcome == "Signed a lease" and not done.is_open
    assert services.referrals.of(pid)[0].history == done.history


def test_status_change_cannot_predate_the_referral(services, pid):
    r = resource(services)
    ref = services.referrals.refer(pid, r.id, TODAY - dt.timedelta(days=2)).value
    with pytest.raises(ValidationError):
        services.referrals.set_status(ref.id, "contacted", on=TODAY - dt.timedelta(days=5))
    assert len(services.referrals.get(ref.id).history) == 1


def test_cannot_refer_to_an_archived_resource(services, pid):
    r = resource(services)
    services.resources.set_archived(r.id, True)
    with pytest.raises(ValidationError):
        services.referrals.refer(pid, r.id, TODAY)


def test_open_referrals_show_on_the_overview(services, pid):
    r = resource(services)
    services.referrals.refer(pid, r.id, TODAY - dt.timedelta(days=40), status="contacted")
    lines = {line.heading: line for line in services.overview.lines(pid)}
    assert "1 open: Seaview Housing Hub (contacted)" in lines["Referrals"].text
    assert lines["Referrals"].attention  # not followed up in four weeks


def test_csv_round_trip(services, tmp_path, store):
    resource(
        services,
        name="Seaview Housing Hub, Inc.",
        last_checked=TODAY,
        offers='Rentals "near the beach"\nand bond loans',
        phone="02 5550 1234",
    )
    resource(services, name="Kāinga Weaving Circle", category="cultural", cost="Free")
    out = tmp_path / "dir.csv"
    assert services.resources.export_csv(out) == 2
    before = [r.to_draft() for r in services.resources.list()]
    for r in services.resources.list():
        services.resources.set_archived(r.id, True)
    result = services.resources.import_csv(out).value
    assert (result.added, result.updated) == (2, 0)
    assert [r.to_draft() for r in services.resources.list()] == before
    # Importing the same file again updates rather than duplicates.
    again = services.resources.import_csv(out).value
    assert (again.added, again.updated) == (0, 2)
    assert count_resources(store) == 4  # two archived originals + two imported


def test_bad_rows_are_reported_by_line_and_column_and_nothing_is_imported(
    services, tmp_path, store
):
    text = (
        HEADER
        + "Good Place,housing,Rooms,,,,,,2025-01-10\n"
        + "Bad Category,housng,Jobs,,,,,,\n"
        + '"Multi\nline name",health,,,,,,,\n'
        + ",legal,Free advice,,,,,,\n"
        + "Wrong Date,legal,,,,,,,31/31/2025\n"
    )
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CsvImportError) as err:
        services.resources.import_csv(path)
    where = [(p.line, p.column) for p in err.value.problems]
    assert where == [(3, 2), (6, 1), (7, 9)]
    message = str(err.value)
    assert message.startswith("Nothing was imported")
    assert "Line 3, column 2 (Category): “housng” is not a category" in message
    assert "Line 6, column 1 (Name)" in message
    assert "Line 7, column 9 (Last checked): “31/31/2025” is not a date" in message
    assert count_resources(store) == 0


def test_unknown_columns_and_missing_name_column_are_rejected():
    with pytest.raises(CsvImportError) as err:
        parse_csv(b"Title,Category,Fax\nX,housing,123\n")
    sentences = [p.sentence() for p in err.value.problems]
    assert sentences[0].startswith("Line 1, column 1 (Title)")
    assert sentences[1].startswith("Line 1, column 3 (Fax)")
    assert "needs a “Name” column" in sentences[2]


def test_too_many_values_and_duplicates_are_reported():
    data = b"Name,Category\nA,housing\nB,health,extra\nA,Housing\n"
    with pytest.raises(CsvImportError) as err:
        parse_csv(data)
    assert [(p.line, p.column) for p in err.value.problems] == [(3, 3), (4, 1)]
    assert "line 2" in err.value.problems[1].message


def test_reading_accepts_labels_aliases_and_day_first_dates():
    drafts = parse_csv(
        "\ufeffname,category,hours,Last checked\n"
        "Harbour Peer Café,Peer support,Mon-Fri 10-2,14/03/2025\n".encode()
    )
    assert drafts[0].category == "peer_support" and drafts[0].opening_hours == "Mon-Fri 10-2"
    assert drafts[0].last_checked == dt.date(2025, 3, 14)


def test_export_starts_with_friendly_header(services):
    resource(services)
    data = write_csv(services.resources.list()).decode("utf-8-sig")
    assert data.splitlines()[0].startswith("Name,Category,What it offers,Who is eligible")
    assert "Seaview Housing Hub,Housing" in data


def test_cli_import_and_export(tmp_practice, tmp_path, capsys):
    from recoverydesk.cli import main

    good = tmp_path / "good.csv"
    good.write_text("Name,Category,Cost\nHarbour Peer Café,peer support,Free\n", encoding="utf-8")
    assert main(["resources-import", str(good), "--db", str(tmp_practice)]) == 0
    assert "1 added" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_text("Name,Category\nX,pets\n", encoding="utf-8")
    assert main(["resources-import", str(bad), "--db", str(tmp_practice)]) == 2
    assert "Line 2, column 2 (Category)" in capsys.readouterr().err
    out = tmp_path / "out.csv"
    assert main(["resources-export", "--out", str(out), "--db", str(tmp_practice)]) == 0
    assert "Harbour Peer Café,Peer support" in out.read_text(encoding="utf-8-sig")
