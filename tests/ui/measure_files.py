"""A measure template file with placeholder wording (not any questionnaire's), for the measures
screen's tests and live dialog cases. Plain module: import it, never from conftest."""

from __future__ import annotations

import json
from pathlib import Path

PROCESSES = ("connectedness", "hope", "identity", "meaning", "empowerment")


def write_template(folder: Path, key: str = "qpr-test", items: int = 6) -> Path:
    data = {
        "format": "recoverydesk-measure-template", "key": key,
        "name": "Process of recovery (test wording)",
        "source": "Typed in by the coach from their licensed copy (test)",
        "licence": "Used with the authors' permission (test)",
        "scale": {"min": 0, "max": 4,
                  "labels": ["Disagree strongly", "Disagree", "Neither", "Agree",
                             "Agree strongly"]},
        "items": [{"key": f"q{i}", "text": f"Placeholder statement {i} about recovery",
                   "process": PROCESSES[(i - 1) % 5]} for i in range(1, items + 1)],
        "scoring": {"method": "sum", "min_answered": max(1, items - 1)},
    }
    path = Path(folder) / f"{key}.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path
