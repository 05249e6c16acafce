"""Open the demo practice: the window's progress bar counts the participants as the demo is
written (the opener hands the Op's Progress to the demo generator)."""

from __future__ import annotations

from recoverydesk.app import Opener
from recoverydesk.services.types import Progress


def test_the_demo_is_written_with_one_step_per_participant(tmp_path):
    steps: list[tuple[int, int]] = []
    opened = Opener(interactive=False).create_demo_on_worker(
        tmp_path / "demo.rdk", Progress(lambda done, total, _text: steps.append((done, total))))
    try:
        total = steps[-1][1]
        assert total > 0
        assert [done for done, _ in steps] == list(range(total + 1))
        assert {t for _, t in steps} == {total}
        assert len(opened.caseload) == total
    finally:
        opened.services.close()
