"""What kind of file is this, judged from its first bytes, before anything tries to open it?

A plain practice starts with "SQLite format 3\\0". An encrypted one (SQLCipher) starts with 16
random bytes of salt and looks, byte for byte, like random noise: so a file that is neither
plain SQLite nor text may be a locked practice, or may be nothing of ours. Text (a note saved
under the wrong name) is plainly not a practice, and a file whose first bytes were overwritten
while the rest of its header is still SQLite's is a damaged practice.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from recoverydesk.store.migrate import SQLITE_MAGIC


class FileKind(Enum):
    MISSING = "missing"
    EMPTY = "empty"
    SQLITE = "sqlite"  # a plain SQLite file (a practice, or another program's database)
    TEXT = "text"  # readable text: not a practice
    DAMAGED = "damaged"  # SQLite's header with its first bytes overwritten
    OPAQUE = "opaque"  # an encrypted practice, or bytes that are not ours: cannot tell


def file_kind(path: Path) -> FileKind:
    path = Path(path)
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except FileNotFoundError:
        return FileKind.MISSING
    except IsADirectoryError:
        return FileKind.MISSING
    if not head:
        return FileKind.EMPTY
    if head[:16] == SQLITE_MAGIC:
        return FileKind.SQLITE
    if _sqlite_header_fields(head):
        return FileKind.DAMAGED
    if _is_text(head):
        return FileKind.TEXT
    return FileKind.OPAQUE


def _sqlite_header_fields(head: bytes) -> bool:
    """The fixed values of SQLite's header after its name: a page size that is a power of two
    from 512 to 65536 and the payload fractions 64, 32, 32 (an encrypted file matches this by
    chance about once in 10^9)."""
    if len(head) < 100:
        return False
    size = int.from_bytes(head[16:18], "big")
    size = 65536 if size == 1 else size
    return 512 <= size <= 65536 and size & (size - 1) == 0 and head[21:24] == b"\x40\x20\x20"


def _is_text(head: bytes) -> bool:
    """UTF-8 (or ASCII) text with no control characters but tab, CR and LF: a cut-off last
    character is forgiven."""
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as err:
        if err.start < len(head) - 4:
            return False
        text = head[: err.start].decode("utf-8")
    text = text.lstrip("\ufeff")
    return all(ch.isprintable() or ch in "\t\r\n" for ch in text)


def not_a_practice(path: Path, kind: FileKind, passphrase_given: bool) -> str | None:
    """One plain sentence for a file that cannot be a practice (or may be a locked one), or
    None when the file should be opened normally."""
    name = Path(path).name
    if kind is FileKind.TEXT:
        return f"{name} is a text file, not a RecoveryDesk practice. It was left untouched."
    if kind is FileKind.DAMAGED:
        return (
            f"{name} is a damaged practice: its first bytes were overwritten. It was left "
            "untouched; restore the newest backup ('recoverydesk restore')."
        )
    if kind is FileKind.OPAQUE:
        if passphrase_given:
            return (
                f"That passphrase does not open {name}, or it is not a RecoveryDesk practice. "
                "It was left untouched."
            )
        return (
            f"{name} is either locked with a passphrase (set RECOVERYDESK_PASSPHRASE to it) "
            "or is not a RecoveryDesk practice. It was left untouched."
        )
    return None
