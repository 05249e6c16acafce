"""paths.private_folder: missing folders are made owner-only; existing ones are left alone."""

from __future__ import annotations

import os
import stat
import sys

import pytest

from recoverydesk.paths import private_folder


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_missing_levels_are_made_owner_only_and_existing_ones_left_alone(tmp_path):
    tmp_path.chmod(0o755)
    target = tmp_path / "share" / "RecoveryDesk"
    assert private_folder(target) == target
    for level in (target, target.parent):
        assert stat.S_IMODE(os.stat(level).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(tmp_path).st_mode) == 0o755
    assert private_folder(target) == target  # twice is fine
