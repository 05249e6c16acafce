"""The store for a team practice on a PostgreSQL server (issue 20 item 1): addresses, TLS rules,
passwords, opening and upgrading, units of work and reads, locking, errors in plain words.

Address tests need no server; the rest run on the throwaway server (``pg_cluster``)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time

import psycopg
import pytest
from sqlalchemy import text

from recoverydesk.store.errors import (
    NewerSchemaError,
    PracticeBusyError,
    PracticeFileError,
    PracticeLockedError,
)
from recoverydesk.store.migrate import current_revision, head_revision, revision_chain
from recoverydesk.store.server import ServerStore, open_server
from recoverydesk.store.server_address import ServerAddress, is_server_address
from recoverydesk.store.server_errors import (
    NotAPracticeDatabaseError,
    ServerAddressError,
    ServerConnectionLostError,
    ServerDatabaseMissingError,
    ServerLoginError,
    ServerNeedsUpgradeError,
    ServerTlsError,
    ServerUnreachableError,
    explain_connect_error,
)
from recoverydesk.store.session import Store

SECRET = "s3cret-Pa55"


# -- addresses (no server) -------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("postgresql://coach@host/practice", True),
    ("postgres://coach@host/practice", True),
    ("PostgreSQL://coach@host/practice", True),
    ("  postgresql://coach@host/practice  ", True),
    ("/home/coach/practice.rdk", False),
    ("practice.rdk", False),
    ("sqlite:///practice.rdk", False),
    ("postgresql:/nohost", False),
    (None, False),
])
def test_is_server_address(text, expected):
    assert is_server_address(text) is expected


def test_parse_a_plain_remote_address_requires_tls():
    address = ServerAddress.parse("postgresql://coach@db.example.org/practice")
    assert (address.user, address.host, address.port, address.database) == (
        "coach", "db.example.org", None, "practice")
    assert address.sslmode == "require"
    assert not address.is_local
    assert address.display == "postgresql://coach@db.example.org/practice?sslmode=require"
    assert address.where == "db.example.org/practice"


def test_parse_port_and_postgres_scheme():
    address = ServerAddress.parse("postgres://lead@db.example.org:6543/team")
    assert (address.port, address.database, address.user) == (6543, "team", "lead")
    assert address.where == "db.example.org:6543/team"


@pytest.mark.parametrize("text", [
    "postgresql://coach@localhost/practice",
    "postgresql://coach@127.0.0.1:5433/practice",
    "postgresql://coach@[::1]:5433/practice",
    "postgresql://coach@/practice",
    "postgresql://coach@/practice?host=/var/run/postgresql",
    "postgresql://coach@%2Fvar%2Frun%2Fpostgresql/practice",
])
def test_local_addresses_need_no_tls(text):
    address = ServerAddress.parse(text)
    assert address.is_local
    assert address.sslmode is None  # libpq's own default
    assert address.database == "practice"


def test_a_socket_address():
    address = ServerAddress.parse("postgresql://coach@/practice?host=/tmp/pg%20dir&port=5439")
    assert (address.host, address.port) == ("/tmp/pg dir", 5439)
    assert address.connect_params() == {
        "dbname": "practice", "user": "coach", "host": "/tmp/pg dir", "port": 5439}
    assert address.where == "this computer/practice"
    assert ServerAddress.parse("postgresql://coach@%2Ftmp%2Fsock/practice").host == "/tmp/sock"


def test_ipv6_remote_host():
    address = ServerAddress.parse("postgresql://coach@[2001:db8::5]:5433/practice")
    assert (address.host, address.port, address.sslmode) == ("2001:db8::5", 5433, "require")
    assert ServerAddress.parse(address.display) == address


@pytest.mark.parametrize("text", [
    "postgresql://coach@db.example.org/practice",
    "postgresql://coach@db.example.org:6543/practice?sslmode=verify-ca",
    "postgresql://coach@db.example.org/practice?sslrootcert=/etc/ca%20files/ca.crt",
    "postgresql://co%40ch@/my%20practice?host=/tmp/pg&port=5439",
    "postgresql://127.0.0.1:5439/practice",
    "postgresql://coach@localhost/practice?sslmode=disable",
])
def test_display_parses_back_to_the_same_address(text):
    address = ServerAddress.parse(text)
    assert ServerAddress.parse(address.display) == address
    assert str(address) == address.display


def test_a_ca_certificate_means_verify_full():
    for mode in ("", "&sslmode=require", "&sslmode=verify-ca", "&sslmode=verify-full"):
        address = ServerAddress.parse(
            f"postgresql://coach@db.example.org/practice?sslrootcert=/etc/ca.crt{mode}")
        assert address.sslmode == "verify-full"
        assert address.sslrootcert == "/etc/ca.crt"
    local = ServerAddress.parse("postgresql://coach@localhost/practice?sslrootcert=/etc/ca.crt")
    assert local.sslmode == "verify-full"


@pytest.mark.parametrize("mode", ["disable", "allow", "prefer"])
def test_a_remote_address_asking_for_less_than_require_is_refused(mode):
    with pytest.raises(ServerAddressError) as caught:
        ServerAddress.parse(f"postgresql://coach@db.example.org/practice?sslmode={mode}")
    message = str(caught.value)
    assert f"sslmode={mode}" in message and "db.example.org" in message
    assert "encrypted" in message and "sslmode=require" in message


def test_a_local_address_may_go_without_tls():
    address = ServerAddress.parse("postgresql://coach@127.0.0.1/practice?sslmode=disable")
    assert address.sslmode == "disable"


def test_the_tls_refusal_happens_before_connecting(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("connected although the address was refused")

    monkeypatch.setattr(psycopg, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    with pytest.raises(ServerAddressError, match="unencrypted"):
        open_server("postgresql://coach@db.example.org/practice?sslmode=prefer")


@pytest.mark.parametrize("text, words", [
    ("postgresql://coach@db.example.org/", "database name"),
    ("postgresql://coach@db.example.org", "database name"),
    ("postgresql://coach@db.example.org:54x2/practice", "port number"),
    ("postgresql://coach@db.example.org:70000/practice", "port number"),
    ("postgresql://coach@db.example.org/practice?sslmod=require", "sslmod"),
    ("postgresql://coach@db.example.org/practice?sslmode=strict", "sslmode=strict"),
    ("postgresql://coach@a.example.org,b.example.org/practice", "single host"),
    ("practice.rdk", "not the address of a team practice"),
])
def test_addresses_that_cannot_be_used_are_refused_in_words(text, words):
    with pytest.raises(ServerAddressError, match=words):
        ServerAddress.parse(text)


def test_a_password_in_the_url_is_accepted_but_never_kept():
    address = ServerAddress.parse(f"postgresql://coach:{SECRET}@db.example.org/practice")
    assert address.user == "coach"
    for shown in (address.display, repr(address), str(address), address.where,
                  repr(address.connect_params()), repr(ServerStore(address))):
        assert SECRET not in shown
    in_query = ServerAddress.parse(f"postgresql://coach@/practice?password={SECRET}")
    assert SECRET not in in_query.display + repr(in_query)


def test_stores_say_which_kind_they_are(tmp_practice):
    file_store = Store(tmp_practice)
    try:
        assert file_store.is_server is False
    finally:
        file_store.close()
    server = ServerStore("postgresql://coach@db.example.org/practice")
    assert server.is_server is True
    assert (server.encrypted, server.path, server.passphrase, server.key) == (
        False, None, None, None)
    assert server.is_open
    server.close()
    assert not server.is_open


@pytest.mark.parametrize("said, kind, words", [
    ("connection failed: FATAL:  the database system is starting up", ServerUnreachableError,
     "starting up"),
    ("connection failed: FATAL:  sorry, too many clients already", ServerUnreachableError,
     "no room"),
    ('connection failed: FATAL:  no pg_hba.conf entry for host "10.0.0.5", user "ann", '
     'database "practice", SSL encryption', ServerLoginError, "pg_hba.conf"),
    ("connection failed: SSL error: certificate verify failed", ServerTlsError, "vouches for"),
    ('connection failed: server certificate for "a.example.org" does not match host name '
     '"b.example.org"', ServerTlsError, "not for that host name"),
    ("failed to resolve host 'nowhere.invalid': [Errno -2] Name or service not known",
     ServerUnreachableError, "did not answer"),
    ("connection failed: timeout expired", ServerUnreachableError, "did not answer"),
])
def test_connection_errors_in_plain_words(said, kind, words):
    explained = explain_connect_error(psycopg.OperationalError(said), "db.example.org/p", "ann")
    assert isinstance(explained, kind)
    assert words in str(explained)
    assert "FATAL" not in str(explained) and "failed:" not in str(explained)


def test_other_errors_are_left_as_they_are():
    assert explain_connect_error(psycopg.OperationalError("x"), "db.example.org/p", "ann") is None


# -- on the server: opening -------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _revision(pg_cluster, database: str) -> str | None:
    with psycopg.connect(pg_cluster.dsn(database)) as conn:
        return conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]


def test_open_server_creates_the_schema_then_opens_it(pg_cluster):
    database = pg_cluster.new_database()
    url = pg_cluster.url(database)
    store, result = open_server(url)
    try:
        assert (result.created, result.upgraded_from, result.backup) == (True, None, None)
        assert store.coach == "postgres"
        assert store.is_server and store.is_open
        assert store.address.database == database
    finally:
        store.close()
    assert _revision(pg_cluster, database) == head_revision()
    again, result = open_server(url)
    again.close()
    assert (result.created, result.upgraded_from) == (False, None)


def test_open_server_upgrades_an_older_practice(pg_cluster):
    from sqlalchemy import create_engine

    from recoverydesk.store.migrate import upgrade_connection

    database = pg_cluster.new_database()
    older = revision_chain()[-4]
    engine = create_engine(pg_cluster.url(database))
    with engine.begin() as conn:
        upgrade_connection(conn, target=older)
    engine.dispose()
    store, result = open_server(pg_cluster.url(database))
    store.close()
    assert (result.created, result.upgraded_from) == (False, older)
    assert _revision(pg_cluster, database) == head_revision()


def test_a_server_newer_than_this_app_is_refused_untouched(pg_cluster, pg_template):
    database = pg_cluster.new_database(template=pg_template)
    pg_cluster.execute("UPDATE alembic_version SET version_num = '9999_future'", database)
    with pytest.raises(NewerSchemaError, match="newer version of RecoveryDesk"):
        open_server(pg_cluster.url(database))
    assert _revision(pg_cluster, database) == "9999_future"


def test_a_database_of_something_else_is_left_untouched(pg_cluster):
    database = pg_cluster.new_database()
    pg_cluster.execute("CREATE TABLE invoices_2019 (id int)", database)
    with pytest.raises(NotAPracticeDatabaseError, match="not a RecoveryDesk practice"):
        open_server(pg_cluster.url(database))
    with psycopg.connect(pg_cluster.dsn(database)) as conn:
        tables = conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'").fetchall()
    assert tables == [("invoices_2019",)]


def test_a_coach_cannot_upgrade_an_old_practice_and_is_told_who_can(pg_cluster, pg_template):
    database = pg_cluster.new_database(template=pg_template)
    role = f"coach_{database[-8:]}"
    pg_cluster.execute(f"CREATE ROLE {role} LOGIN")
    pg_cluster.execute(f"GRANT SELECT ON alembic_version TO {role}", database)
    older = revision_chain()[-2]
    pg_cluster.execute(f"UPDATE alembic_version SET version_num = '{older}'", database)
    with pytest.raises(ServerNeedsUpgradeError, match="practice lead") as caught:
        open_server(pg_cluster.url(database, user=role))
    assert "older version" in str(caught.value)
    assert _revision(pg_cluster, database) == older  # nothing half done


def test_a_coach_cannot_set_up_an_empty_database(pg_cluster):
    database = pg_cluster.new_database()
    role = f"coach_{database[-8:]}"
    pg_cluster.execute(f"CREATE ROLE {role} LOGIN")
    with pytest.raises(ServerNeedsUpgradeError, match="must open it first"):
        open_server(pg_cluster.url(database, user=role))


def test_a_role_without_access_is_told_to_ask_the_lead(pg_cluster, pg_template):
    database = pg_cluster.new_database(template=pg_template)
    role = f"stranger_{database[-8:]}"
    pg_cluster.execute(f"CREATE ROLE {role} LOGIN")
    pg_cluster.execute(f"REVOKE ALL ON alembic_version FROM {role}, PUBLIC", database)
    with pytest.raises(ServerLoginError, match="Ask the practice lead") as caught:
        open_server(pg_cluster.url(database, user=role))
    assert caught.value.needs_password is False


def test_an_unreachable_server_is_said_plainly_and_quickly(pg_cluster):
    port = _free_port()  # nothing listens there
    started = time.monotonic()
    with pytest.raises(ServerUnreachableError) as caught:
        open_server(f"postgresql://postgres@127.0.0.1:{port}/practice")
    assert time.monotonic() - started < 6
    message = str(caught.value)
    assert f"127.0.0.1:{port}/practice" in message and "did not answer" in message
    assert "psycopg" not in message and "failed:" not in message


def test_a_missing_database_is_said_plainly(pg_cluster):
    with pytest.raises(ServerDatabaseMissingError, match="no practice database called"):
        open_server(pg_cluster.url("no_such_practice"))


def test_an_unknown_coach_is_said_plainly(pg_cluster):
    with pytest.raises(ServerLoginError, match="no coach called “nobody_here”"):
        open_server(pg_cluster.url("postgres", user="nobody_here"))


# -- on the server: passwords -------------------------------------------------------------------
def _let_in(pg_cluster, role: str, store) -> str:
    """Let ``role`` read the practice's revision (the least opening needs); its database."""
    database = store.address.database
    pg_cluster.execute(f"GRANT SELECT ON alembic_version TO {role}", database)
    return database


def test_wrong_then_right_password(pg_cluster, pg_password_role, server_store):
    role, password = pg_password_role
    url = pg_cluster.url(_let_in(pg_cluster, role, server_store), role, tcp=True)
    assert ServerAddress.parse(url).is_local  # 127.0.0.1: no TLS needed

    with pytest.raises(ServerLoginError) as none_given:
        open_server(url)
    assert none_given.value.needs_password and "needs the password" in str(none_given.value)
    with pytest.raises(ServerLoginError) as wrong:
        open_server(url, password=SECRET)
    assert wrong.value.needs_password and "does not let" in str(wrong.value)
    assert SECRET not in str(wrong.value) + repr(wrong.value)
    assert SECRET not in "".join(str(e) for e in (wrong.value.__cause__, wrong.value.__context__))

    store, _ = open_server(url, password=password)
    try:
        assert store.coach == role
        assert password not in store.address.display + repr(store)
    finally:
        store.close()


def test_a_password_in_the_url_is_used_to_connect(pg_cluster, pg_password_role, server_store):
    role, password = pg_password_role
    database = _let_in(pg_cluster, role, server_store)
    store, _ = open_server(pg_cluster.url(database, role, password, tcp=True))
    try:
        assert store.coach == role
        assert password not in store.address.display
    finally:
        store.close()


def test_suspend_forgets_the_password_and_resume_checks_it(pg_cluster, pg_password_role,
                                                           server_store):
    role, password = pg_password_role
    store = ServerStore(pg_cluster.url(server_store.address.database, role, tcp=True), password)
    try:
        with store.read() as session:
            assert session.execute(text("SELECT current_user")).scalar_one() == role
        store.suspend()
        assert not store.is_open
        assert store._password is None
        with pytest.raises(PracticeLockedError), store.read() as session:
            session.execute(text("SELECT 1"))
        with pytest.raises(ServerLoginError) as caught:
            store.resume("not-it")
        assert caught.value.needs_password
        assert not store.is_open  # still locked
        with pytest.raises(PracticeLockedError), store.unit_of_work() as session:
            session.execute(text("SELECT 1"))
        store.resume(password)
        assert store.is_open
        with store.read() as session:
            assert session.execute(text("SELECT 1")).scalar_one() == 1
    finally:
        store.close()


def test_libpq_finds_the_password_itself(pg_cluster, pg_password_role, server_store, tmp_path,
                                         monkeypatch):
    role, password = pg_password_role
    url = pg_cluster.url(_let_in(pg_cluster, role, server_store), role, tcp=True)
    monkeypatch.setenv("PGPASSWORD", password)
    store, _ = open_server(url)
    store.close()
    monkeypatch.delenv("PGPASSWORD")
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"127.0.0.1:{pg_cluster.port}:*:{role}:{password}\n")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    store, _ = open_server(url)
    try:
        assert store.coach == role
        store.suspend()
        store.resume(None)  # unlocking also finds it there
        assert store.is_open
    finally:
        store.close()


# -- on the server: units of work and reads ---------------------------------------------------
@pytest.fixture
def scratch(server_store):
    with server_store.unit_of_work() as session:
        session.execute(text("CREATE TABLE scratch (n int PRIMARY KEY)"))
    return server_store


def _count(store) -> int:
    with store.read() as session:
        return session.execute(text("SELECT count(*) FROM scratch")).scalar_one()


def test_the_fixture_store_is_at_head(server_store):
    with server_store.read() as session:
        assert current_revision(session.connection()) == head_revision()
    assert server_store.coach == "postgres"


def test_unit_of_work_commits_and_rolls_back(scratch):
    with scratch.unit_of_work() as session:
        session.execute(text("INSERT INTO scratch VALUES (1)"))
    assert _count(scratch) == 1
    with pytest.raises(RuntimeError), scratch.unit_of_work() as session:
        session.execute(text("INSERT INTO scratch VALUES (2)"))
        raise RuntimeError("half way")
    assert _count(scratch) == 1


def test_read_never_writes(scratch):
    with pytest.raises(Exception, match="read-only transaction"), scratch.read() as session:
        session.execute(text("INSERT INTO scratch VALUES (5)"))
    assert _count(scratch) == 0
    for n in range(6):  # every pooled connection went back writable
        with scratch.read() as session:
            session.execute(text("SELECT 1"))
        with scratch.unit_of_work() as session:
            session.execute(text("INSERT INTO scratch VALUES (:n)"), {"n": n})
    assert _count(scratch) == 6


def test_translate_is_asked_as_for_a_file(scratch):
    class Plain(PracticeFileError):
        pass

    scratch.translate = lambda err: Plain("in words") if isinstance(err, KeyError) else None
    with pytest.raises(Plain), scratch.unit_of_work():
        raise KeyError("x")
    with pytest.raises(Plain), scratch.read():
        raise KeyError("x")


def test_a_connection_lost_mid_work_is_said_plainly_then_recovers(pg_cluster, scratch):
    lost = pytest.raises(ServerConnectionLostError, match="was lost")
    with lost, scratch.unit_of_work() as session:
        pid = session.execute(text("SELECT pg_backend_pid()")).scalar_one()
        session.execute(text("INSERT INTO scratch VALUES (1)"))
        pg_cluster.execute(f"SELECT pg_terminate_backend({pid})")
        session.execute(text("INSERT INTO scratch VALUES (2)"))
    assert _count(scratch) == 0  # nothing of it was saved, and the store carries on


def test_waiting_on_another_coach_too_long_is_busy(pg_cluster, scratch):
    with scratch.unit_of_work() as session:
        session.execute(text("INSERT INTO scratch VALUES (1)"))
    other = ServerStore(pg_cluster.url(scratch.address.database))
    try:
        with other.unit_of_work() as holder:
            holder.execute(text("UPDATE scratch SET n = 2"))  # holds the row
            busy = pytest.raises(PracticeBusyError, match="Try again")
            with busy, scratch.unit_of_work() as session:
                session.execute(text("SET LOCAL lock_timeout = '100ms'"))
                session.execute(text("UPDATE scratch SET n = 3"))
    finally:
        other.close()


# -- on a server that speaks TLS ----------------------------------------------------------------
def _openssl(folder, *args: str) -> None:
    subprocess.run(["openssl", *args], check=True, capture_output=True, cwd=folder)


def _make_certificates(folder) -> None:
    """A practice CA, a stranger CA, and a server certificate from the practice CA for
    127.0.0.1 only (so "localhost" does not match it)."""
    ec = ("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes")
    for name in ("ca", "stranger"):
        _openssl(folder, "req", "-x509", *ec, "-days", "2", "-subj", f"/CN=Test {name}",
                 "-keyout", f"{name}.key", "-out", f"{name}.crt")
    _openssl(folder, "req", *ec, "-subj", "/CN=127.0.0.1", "-keyout", "server.key",
             "-out", "server.csr")
    (folder / "san.ext").write_text("subjectAltName=IP:127.0.0.1\n")
    _openssl(folder, "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
             "-CAcreateserial", "-days", "2", "-extfile", "san.ext", "-out", "server.crt")


@pytest.fixture(scope="module")
def tls_cluster():
    """A server of its own with TLS on (the shared one stays plain for everyone else)."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make test certificates")
    from pg_cluster import ThrowawayCluster

    with ThrowawayCluster() as cluster:
        certs = cluster.folder / "certs"
        certs.mkdir()
        _make_certificates(certs)
        for name in ("server.key", "server.crt"):
            shutil.copy(certs / name, cluster.data / name)
            if os.geteuid() == 0:  # the server runs as postgres and must own its key
                shutil.chown(cluster.data / name, "postgres", "postgres")
        (cluster.data / "server.key").chmod(0o600)
        cluster.execute("ALTER SYSTEM SET ssl = on")
        cluster.execute("SELECT pg_reload_conf()")
        deadline = time.monotonic() + 10  # the server takes the new setting a moment later
        while time.monotonic() < deadline:
            with psycopg.connect(cluster.dsn()) as conn:
                if conn.execute("SHOW ssl").fetchone()[0] == "on":
                    break
            time.sleep(0.05)
        cluster.certs = certs
        yield cluster


def _tls_url(cluster, host: str, ca: str) -> str:
    return (f"postgresql://postgres@{host}:{cluster.port}/postgres"
            f"?sslrootcert={cluster.certs / ca}")


def test_verify_full_with_the_practice_ca_connects(tls_cluster):
    store = ServerStore(_tls_url(tls_cluster, "127.0.0.1", "ca.crt"))
    try:
        assert store.address.sslmode == "verify-full"
        with store.read() as session:
            assert session.execute(text(
                "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")).scalar_one()
    finally:
        store.close()


@pytest.mark.parametrize("host, ca", [("127.0.0.1", "stranger.crt"), ("localhost", "ca.crt")])
def test_a_certificate_not_vouched_for_is_refused_in_words(tls_cluster, host, ca):
    with pytest.raises(ServerTlsError, match="CA certificate vouches for") as caught:
        open_server(_tls_url(tls_cluster, host, ca))
    assert "SSL error" not in str(caught.value)


def test_a_missing_ca_file_is_said_before_connecting(tls_cluster, tmp_path):
    with pytest.raises(ServerTlsError, match="was not found"):
        open_server(f"postgresql://postgres@127.0.0.1:{tls_cluster.port}/postgres"
                    f"?sslrootcert={tmp_path / 'ca.crt'}")


def test_a_server_without_tls_is_refused_when_tls_is_asked(pg_cluster):
    with pytest.raises(ServerTlsError, match="does not offer an encrypted"):
        open_server(f"postgresql://postgres@127.0.0.1:{pg_cluster.port}/postgres"
                    "?sslmode=require")


# -- beside SQLAlchemy: a raw connection, a child program ---------------------------------------
def test_sessions_work_in_utc(server_store):
    with server_store.read() as session:
        assert session.execute(text("SHOW TimeZone")).scalar_one() == "UTC"


def test_connect_raw_listens_as_the_coach(server_store):
    listener = server_store.connect_raw()
    try:
        listener.execute("LISTEN recoverydesk_test")
        with server_store.unit_of_work() as session:
            session.execute(text("SELECT pg_notify('recoverydesk_test', 'hello')"))
        notices = list(listener.notifies(timeout=5, stop_after=1))
        assert [n.payload for n in notices] == ["hello"]
    finally:
        listener.close()
    server_store.suspend()
    with pytest.raises(PracticeLockedError):
        server_store.connect_raw()


def test_a_child_program_reaches_the_practice_as_the_coach(pg_cluster, pg_password_role,
                                                           server_store):
    role, password = pg_password_role
    url = pg_cluster.url(_let_in(pg_cluster, role, server_store), role, tcp=True)
    store = ServerStore(url, password)
    try:
        env = store.child_environment()
        assert env["PGPASSWORD"] == password and env["PGUSER"] == role
        psql = shutil.which("psql") or "/usr/lib/postgresql/15/bin/psql"
        clean = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        done = subprocess.run([psql, "-Atc", "SELECT current_user, current_setting('TimeZone')"],
                              env={**clean, **env}, capture_output=True, text=True, timeout=20)
        assert done.stdout.strip() == f"{role}|UTC", done.stderr
        store.suspend()
        with pytest.raises(PracticeLockedError):
            store.child_environment()
    finally:
        store.close()


def test_a_coach_of_the_practice_opens_it(pg_cluster, server_store):
    database = server_store.address.database
    role = f"coach_{database[-8:]}"
    pg_cluster.execute(f"CREATE ROLE {role} LOGIN IN ROLE recoverydesk_coach")
    store, result = open_server(pg_cluster.url(database, user=role))
    try:
        assert (result.created, result.upgraded_from) == (False, None)
        assert store.coach == role
    finally:
        store.close()
    older = revision_chain()[-2]
    pg_cluster.execute(f"UPDATE alembic_version SET version_num = '{older}'", database)
    with pytest.raises(ServerNeedsUpgradeError, match="must open it once with this version"):
        open_server(pg_cluster.url(database, user=role))


def test_connections_the_server_dropped_while_idle_are_replaced_quietly(pg_cluster, scratch):
    for _ in range(3):
        with scratch.unit_of_work() as session:
            session.execute(text("SELECT 1"))
    pg_cluster.execute(
        "SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity WHERE datname = "
        f"'{scratch.address.database}' AND application_name = 'RecoveryDesk'")
    with scratch.unit_of_work() as session:
        session.execute(text("INSERT INTO scratch VALUES (7)"))
    assert _count(scratch) == 1


def test_an_address_built_from_a_forms_fields_follows_the_same_rules():
    remote = ServerAddress(database=" practice ", user="ann", host="db.example.org ", port=5433,
                           sslrootcert="")
    assert (remote.database, remote.host, remote.sslmode, remote.sslrootcert) == (
        "practice", "db.example.org", "require", None)
    assert ServerAddress.parse(remote.display) == remote
    with_ca = ServerAddress(database="practice", host="db.example.org", sslrootcert="/ca.crt")
    assert with_ca.sslmode == "verify-full"
    local = ServerAddress(database="practice", host="", user="")
    assert (local.host, local.user, local.sslmode, local.is_local) == (None, None, None, True)
    with pytest.raises(ServerAddressError, match="unencrypted"):
        ServerAddress(database="practice", host="db.example.org", sslmode="prefer")
    with pytest.raises(ServerAddressError, match="database name"):
        ServerAddress(database="  ", host="db.example.org")
    with pytest.raises(ServerAddressError, match="port number"):
        ServerAddress(database="practice", host="db.example.org", port=0)
