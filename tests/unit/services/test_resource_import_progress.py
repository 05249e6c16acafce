"""A long resource import says how far it has got (rows checked, then rows saved) and stops on
Cancel with nothing added, even after every row was checked (issue 16, item 5)."""

from __future__ import annotations

import pytest

from recoverydesk.services.types import Cancelled, ChangeSet, Progress


def spreadsheet(tmp_path, rows: int):
    path = tmp_path / "directory.csv"
    lines = ["Name,Category,What it offers"]
    lines += [f"Group {i:03d},Recreation,Something to do on a weekday" for i in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_an_import_counts_rows_checked_then_saved(services, tmp_path):
    seen: list[tuple[int, int, str]] = []
    changed = services.resources.import_csv(
        spreadsheet(tmp_path, 260), progress=Progress(lambda d, t, text: seen.append((d, t, text)))
    )
    assert (changed.value.added, changed.value.updated) == (260, 0)
    assert changed.changes == ChangeSet.of("resource")
    assert {total for _d, total, _t in seen} == {520}  # each row checked, then saved
    done = [d for d, _t, _x in seen]
    assert done == sorted(done) and done[0] == 0 and done[-1] == 520
    assert any("Checking" in text for *_x, text in seen)
    assert any("Saving" in text for *_x, text in seen)


@pytest.mark.parametrize("stop_at", ["Checking", "Saving"])
def test_cancel_while_checking_or_saving_adds_nothing(services, tmp_path, stop_at):
    asked: list[str] = []

    def report(_done, _total, text):
        asked.append(text)

    def cancelled() -> bool:
        return any(stop_at in text for text in asked)

    with pytest.raises(Cancelled):
        services.resources.import_csv(spreadsheet(tmp_path, 260), progress=Progress(
            report, cancelled))
    assert services.resources.list(include_archived=True) == []
