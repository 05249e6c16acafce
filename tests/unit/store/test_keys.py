"""Keys derived once per file: exactly SQLCipher's own derivation, checked against files that
sqlcipher3 keys itself with the passphrase (and the other way round), never kept past a lock."""

from __future__ import annotations

import hashlib

import pytest
import sqlcipher3.dbapi2 as sqlite

from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.practice import backups
from recoverydesk.services.practice import passphrase as practice_passphrase
from recoverydesk.services.practice.opening import open_services
from recoverydesk.services.practice.types import PracticeLockedError as LockedInWords
from recoverydesk.store import crypto, keys
from recoverydesk.store.backup import verify_file
from recoverydesk.store.engine import DatabaseError, connect_raw
from recoverydesk.store.errors import PracticeLockedError
from recoverydesk.store.keys import Passphrase, derive_key, file_salt, raw_keys_match_sqlcipher

WORDS = "tea by the lagoon, l'après-midi"  # a quote and non-ASCII letters, as a coach may type


def sqlcipher_connect(path, text):
    """A connection keyed the plain SQLCipher way: the passphrase itself, SQLCipher derives."""
    conn = sqlite.connect(str(path))
    conn.isolation_level = None
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute("PRAGMA key = '" + text.replace("'", "''") + "'")
    return conn


def make_sqlcipher_file(path, text):
    conn = sqlcipher_connect(path, text)
    conn.execute("CREATE TABLE t (x TEXT)")
    conn.execute("INSERT INTO t VALUES ('Wilhelmina')")
    conn.close()


def test_this_sqlcipher_derives_keys_as_we_do():
    # Without this the fast path is never taken and the tests below prove only the fallback.
    assert raw_keys_match_sqlcipher()
    assert sqlite.connect(":memory:").execute("PRAGMA cipher_version").fetchone()[0][:2] == "4."


def test_a_raw_key_opens_a_file_sqlcipher_keyed_with_the_passphrase(tmp_path):
    path = tmp_path / "made-by-sqlcipher.db"
    make_sqlcipher_file(path, WORDS)
    key = Passphrase(WORDS)
    spec = key.key_for(path)
    assert spec.startswith("x'") and len(spec) == 2 + 64 + 32 + 1 and WORDS not in spec
    assert spec[2 + 64:-1] == file_salt(path).hex()
    conn = connect_raw(path, key)
    assert conn.execute("SELECT x FROM t").fetchone() == ("Wilhelmina",)
    conn.close()
    assert key.derived == 1


def test_a_file_made_with_a_raw_key_opens_with_the_passphrase_alone(tmp_path):
    path = tmp_path / "made-by-us.db"
    conn = connect_raw(path, Passphrase(WORDS))
    conn.execute("CREATE TABLE t (x TEXT)")
    conn.execute("INSERT INTO t VALUES ('Zebrowski')")
    conn.close()
    conn = sqlcipher_connect(path, WORDS)
    assert conn.execute("SELECT x FROM t").fetchone() == ("Zebrowski",)
    conn.close()
    assert b"Zebrowski" not in path.read_bytes()


def test_a_wrong_passphrase_gives_a_wrong_key_and_is_refused(tmp_path):
    path = tmp_path / "p.db"
    make_sqlcipher_file(path, WORDS)
    before = path.read_bytes()
    for wrong in ("tea by the lagoon, l'apres-midi", WORDS + " ", "x"):
        with pytest.raises(DatabaseError):
            connect_raw(path, Passphrase(wrong), readonly=True)
    assert path.read_bytes() == before
    plain = tmp_path / "plain.db"
    connect_raw(plain).execute("CREATE TABLE t (x)")
    with pytest.raises(DatabaseError):
        connect_raw(plain, Passphrase(WORDS))  # a key never "opens" a plain file either


def test_the_key_is_exactly_pbkdf2_sha512_over_the_files_salt(tmp_path):
    path = tmp_path / "p.db"
    make_sqlcipher_file(path, WORDS)
    salt = path.read_bytes()[:16]
    expected = hashlib.pbkdf2_hmac("sha512", WORDS.encode("utf-8"), salt, 256_000, 32)
    assert derive_key(WORDS, salt) == expected
    assert Passphrase(WORDS).key_for(path) == f"x'{expected.hex()}{salt.hex()}'"


def test_a_passphrase_shaped_like_a_raw_key_goes_to_sqlcipher_unchanged(tmp_path):
    odd = "x'" + "ab" * 32 + "'"  # SQLCipher reads this as a raw key, not a passphrase
    path = tmp_path / "odd.db"
    make_sqlcipher_file(path, odd)
    assert Passphrase(odd).key_for(path) == odd
    connect_raw(path, odd, readonly=True).close()


def test_without_a_matching_sqlcipher_the_passphrase_itself_is_used(tmp_path, monkeypatch):
    monkeypatch.setattr(keys, "raw_keys_match_sqlcipher", lambda: False)
    path = tmp_path / "p.db"
    make_sqlcipher_file(path, WORDS)
    key = Passphrase(WORDS)
    assert key.key_for(path) == WORDS and key.derived == 0
    connect_raw(path, key, readonly=True).close()


def add_someone(services):
    return services.participants.create(
        ParticipantDraft(given_name="Wilhelmina", family_name="Zebrowski")
    ).value


def test_an_open_practice_derives_its_key_once_and_its_backups_share_it(tmp_practice):
    crypto.encrypt_in_place(tmp_practice, WORDS)
    services = open_services(tmp_practice, passphrase=WORDS)
    add_someone(services)
    store = services._store
    with store.read(), store.read(), store.read():  # three pooled connections at once
        pass
    row = services.practice.backup_now()
    assert store.key.derived == 1
    assert file_salt(row.path) == file_salt(tmp_practice)
    services.close()
    # the backup is an ordinary SQLCipher file: the passphrase alone opens it
    conn = sqlcipher_connect(row.path, WORDS)
    assert conn.execute("SELECT family_name FROM participants").fetchone() == ("Zebrowski",)
    conn.close()


def test_locking_and_closing_drop_the_derived_keys(tmp_practice):
    crypto.encrypt_in_place(tmp_practice, WORDS)
    services = open_services(tmp_practice, passphrase=WORDS)
    store = services._store
    held = store.key
    assert held.derived == 1
    services.practice.lock()
    assert store.key is None and store.passphrase is None
    assert held.derived == 0
    with pytest.raises(PracticeLockedError):
        held.key_for(tmp_practice)  # nothing left to derive from either
    with pytest.raises(LockedInWords):  # the service layer's words for the same
        services.participants.list()
    services.practice.unlock(WORDS)
    assert [p.family_name for p in services.participants.list()] == []
    again = store.key
    assert again is not held and again.derived == 1
    services.close()
    assert again.derived == 0 and store.key is None


def test_rekeying_with_raw_keys_then_opening_with_passphrases(tmp_practice):
    services = open_services(tmp_practice)
    add_someone(services)
    services.practice.backup_now()
    services.close()
    practice_passphrase.encrypt_practice(tmp_practice, WORDS)
    practice_passphrase.change_passphrase(tmp_practice, WORDS, "second words, quite long")
    [row] = backups.list_backups(tmp_practice)
    for path in (tmp_practice, row.path):
        assert verify_file(path, WORDS)  # the old passphrase no longer opens anything
        conn = sqlcipher_connect(path, "second words, quite long")
        assert conn.execute("SELECT count(*) FROM participants").fetchone() == (1,)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        conn.close()
        assert b"Zebrowski" not in path.read_bytes()
