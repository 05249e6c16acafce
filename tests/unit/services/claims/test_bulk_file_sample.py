"""docs/claims-bulk-file-sample.csv, the picture of the bulk claim file the README points to
(the demo practice's NDIA-managed lines of one month, as `recoverydesk claims` wrote them),
still follows every rule of the portal's file: if the file's shape changes, write it again."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from recoverydesk.services.claims.bulk_file import HEADER
from recoverydesk.services.claims.types import CANCELLATION_REASONS, CLAIM_TYPES

SAMPLE = Path(__file__).resolve().parents[4] / "docs" / "claims-bulk-file-sample.csv"


def test_the_sample_bulk_file_keeps_the_portals_rules():
    data = SAMPLE.read_bytes()
    first = data.split(b"\r\n", 1)[0].decode("utf-8")
    assert first == ",".join(HEADER)  # one line, in order, no spaces after the commas
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))[1:]
    assert 10 < len(rows) <= 5000
    months = set()
    for row in rows:
        (registration, ndis, start, end, item, reference, quantity, hours, price, gst,
         authorised, approved, in_kind, claim_type, reason, abn) = row
        assert re.fullmatch(r"\d+", registration) and re.fullmatch(r"43\d{7}", ndis), row
        assert re.fullmatch(r"\d{4}/\d{2}/\d{2}", start) and start == end, row
        months.add(start[:7])
        assert re.fullmatch(r"07_\d{3}_0106_6_3", item), row
        assert re.fullmatch(r"[A-Za-z0-9/_-]{1,50}", reference), row
        assert re.fullmatch(r"\d+\.\d{2}", quantity) and hours == "", row
        assert re.fullmatch(r"\d+\.\d{2}", price) and gst == "P2", row
        assert authorised == approved == in_kind == "", row
        assert claim_type in CLAIM_TYPES, row
        assert (reason in CANCELLATION_REASONS) if claim_type == "CANC" else reason == "", row
        assert re.fullmatch(r"\d{11}", abn), row
    assert len(months) == 1
    assert len({r[5] for r in rows}) == len(rows)  # each line claimed once
