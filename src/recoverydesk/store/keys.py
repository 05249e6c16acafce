"""SQLCipher keys derived once per file instead of at every connection.

SQLCipher 4 turns a passphrase into the file's key with PBKDF2-HMAC-SHA512, 256,000 rounds, over
the 16-byte random salt that starts the file: about 0.2 s, on purpose, so guessing is slow. It
does that at every connection, and opening, backing up or restoring a practice takes several.
A :class:`Passphrase` does the same derivation itself, once per salt, and hands SQLCipher the
result as a raw key with its salt (``x'<64 hex key><32 hex salt>'``), which skips the rounds
and is exactly the key the passphrase gives that file. A wrong passphrase gives a wrong key
and is refused just the same.

New files (backups, re-keyed copies) take a salt the passphrase already has a key for, so every
copy of a practice opens with one derivation; each file is still encrypted with page-random IVs
under that key, and it opens with the passphrase alone, like any SQLCipher file.

The derived keys live only in memory, inside the Passphrase; ``forget()`` drops them with the
passphrase (the Store does so when the window locks or the practice closes). When this SQLCipher
does not derive keys as verified here (another major version or other defaults), SQLCipher is
given the passphrase itself, as before.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import tempfile
from pathlib import Path

from recoverydesk.store.errors import PracticeLockedError

KDF_ITERATIONS = 256_000
KEY_BYTES = 32
SALT_BYTES = 16
# The SQLCipher 4 defaults the derivation below matches (checked once per process).
V4_DEFAULTS = {
    "PRAGMA cipher_default_kdf_iter = 256000;",
    "PRAGMA cipher_default_page_size = 4096;",
    "PRAGMA cipher_default_use_hmac = 1;",
    "PRAGMA cipher_default_plaintext_header_size = 0;",
    "PRAGMA cipher_default_hmac_algorithm = HMAC_SHA512;",
    "PRAGMA cipher_default_kdf_algorithm = PBKDF2_HMAC_SHA512;",
}
# SQLCipher itself takes a key shaped like x'<hex>' as raw key material, and SQL cannot carry a
# NUL: such passphrases go to SQLCipher unchanged, so they mean what they always meant.
_AS_IS = re.compile(r"[xX]'[0-9a-fA-F]*'|.*\x00.*", re.DOTALL)


def derive_key(text: str, salt: bytes, iterations: int = KDF_ITERATIONS) -> bytes:
    """The key SQLCipher 4 derives from passphrase ``text`` for a file starting with ``salt``."""
    return hashlib.pbkdf2_hmac("sha512", text.encode("utf-8"), salt, iterations, KEY_BYTES)


def keyspec(key: bytes, salt: bytes) -> str:
    return f"x'{key.hex()}{salt.hex()}'"


def file_salt(path: Path | str) -> bytes | None:
    """The salt an encrypted file starts with (None for a file not yet written)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(SALT_BYTES)
    except OSError:
        return None  # SQLite says what is wrong with the file when it opens it
    return head if len(head) == SALT_BYTES else None


@functools.cache
def raw_keys_match_sqlcipher() -> bool:
    """True when this SQLCipher derives keys as :func:`derive_key` does: the version and the
    defaults, then a real round trip on a throwaway file with a cheap iteration count (a file
    keyed with a passphrase by SQLCipher must open with our raw key)."""
    import sqlcipher3.dbapi2 as sqlite

    try:
        probe = sqlite.connect(":memory:")
        try:
            version = probe.execute("PRAGMA cipher_version").fetchone()[0]
            defaults = {r[0] for r in probe.execute("PRAGMA cipher_default_settings")}
        finally:
            probe.close()
        if not str(version).startswith("4.") or defaults != V4_DEFAULTS:
            return False
        with tempfile.TemporaryDirectory(prefix="recoverydesk-keycheck-") as folder:
            path = os.path.join(folder, "check.db")
            made = sqlite.connect(path)
            made.execute("PRAGMA key = 'check passphrase, café'")
            made.execute("PRAGMA kdf_iter = 2")
            made.execute("CREATE TABLE t (x)")
            made.commit()
            made.close()
            salt = file_salt(path)
            opened = sqlite.connect(path)
            try:
                opened.execute("PRAGMA cipher_log_level = NONE")
                spec = keyspec(derive_key("check passphrase, café", salt, 2), salt)
                opened.execute(f"PRAGMA key = \"{spec}\"")
                opened.execute("PRAGMA kdf_iter = 2")
                opened.execute("SELECT count(*) FROM t").fetchone()
            finally:
                opened.close()
    except (sqlite.Error, OSError, TypeError):
        return False
    return True


class Passphrase:
    """A passphrase and the keys derived from it, one per file salt."""

    __slots__ = ("_text", "_keys")

    def __init__(self, text: str):
        if not text:
            raise ValueError("an empty passphrase")
        self._text: str | None = text
        self._keys: dict[bytes, bytes] = {}

    def __repr__(self) -> str:
        return "Passphrase(<hidden>)"

    @property
    def text(self) -> str:
        if self._text is None:
            raise PracticeLockedError("The practice is locked. Unlock it to carry on.")
        return self._text

    def key_for(self, path: Path | str) -> str:
        """What ``PRAGMA key`` (or ``ATTACH ... KEY``) takes to open the file at ``path``, or to
        make it when it does not exist yet."""
        text = self.text
        if _AS_IS.fullmatch(text) or not raw_keys_match_sqlcipher():
            return text
        salt = file_salt(path) or self._salt_for_new_file()
        key = self._keys.get(salt)
        if key is None:
            key = self._keys[salt] = derive_key(text, salt)
        return keyspec(key, salt)

    def _salt_for_new_file(self) -> bytes:
        return next(iter(self._keys), None) or os.urandom(SALT_BYTES)

    @property
    def derived(self) -> int:
        """How many keys this passphrase has derived (one per salt)."""
        return len(self._keys)

    def forget(self) -> None:
        """Drop the passphrase and every key derived from it; any later use is refused."""
        self._keys.clear()
        self._text = None


def as_passphrase(secret: str | Passphrase | None) -> Passphrase | None:
    """One Passphrase for a whole operation, so its connections share the derived keys."""
    if secret is None or secret == "":
        return None
    return secret if isinstance(secret, Passphrase) else Passphrase(secret)
