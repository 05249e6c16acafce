"""A fingerprint of what goes into the frozen app: the package's source, the migrations and the
resources. scripts/package writes it beside the build (dist/RecoveryDesk.stamp); the frozen-app
test compares it with the working tree, so it never judges a build made from other sources.

    python packaging/source_stamp.py        prints the fingerprint
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PARTS = ("src/recoverydesk", "migrations", "resources", "packaging/recoverydesk.spec",
         "packaging/entry_console.py", "packaging/entry_gui.py")


def source_stamp(root: Path = ROOT) -> str:
    digest = hashlib.sha256()
    for part in PARTS:
        base = root / part
        files = [base] if base.is_file() else sorted(base.rglob("*"))
        for path in files:
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                digest.update(path.relative_to(root).as_posix().encode())
                digest.update(b"\0")
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


if __name__ == "__main__":
    print(source_stamp())
    sys.exit(0)
