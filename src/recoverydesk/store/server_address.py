"""The address of a team practice on a PostgreSQL server, read from the URL a coach types.

``postgresql://coach@host[:port]/practice[?sslmode=…&sslrootcert=…]`` (``postgres://`` too, and a
Unix socket as ``?host=/path`` or a percent-encoded path in place of the host). A password in the
URL is accepted for connecting but never kept on the address: ``ServerAddress`` has no field
for one, so ``.display`` (what settings and the window keep and show), ``repr`` and ``str``
cannot leak it. Plain Python (no SQLAlchemy, no psycopg): the CLI and the services read
addresses before any driver is imported.

TLS: a host that is not this computer needs ``sslmode=require`` or stronger (it is ``require``
when the URL does not say); an address that gives ``sslrootcert`` (the practice's CA
certificate) is checked with ``verify-full``. An address asking for less is refused in words.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, unquote

from recoverydesk.server_scheme import is_server_address
from recoverydesk.store.server_errors import ServerAddressError

DEFAULT_PORT = 5432
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}
# libpq's sslmode values from weakest to strongest.
SSL_MODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")
# What an address may carry after "?" (libpq's names); anything else is most likely a typo.
_KNOWN = {"host", "port", "dbname", "user", "sslmode", "sslrootcert", "sslcert", "sslkey",
          "password", "connect_timeout", "application_name"}
_EXAMPLE = "postgresql://coach@server/practice"


@dataclass(frozen=True)
class ServerAddress:
    """Where a team practice lives. ``host`` is None for the default local socket, a path for a
    Unix socket folder, else a host name or IP address.

    Built from parts (a form's fields) or by ``parse``, the same rules hold: the TLS mode is
    settled on construction (``require`` for a host not on this computer, ``verify-full``
    with a CA certificate), and an address asking for less raises ServerAddressError."""

    database: str
    user: str | None = None
    host: str | None = None
    port: int | None = None
    sslmode: str | None = None
    sslrootcert: str | None = None
    sslcert: str | None = None
    sslkey: str | None = None

    def __post_init__(self) -> None:
        if not self.database or not self.database.strip():
            raise ServerAddressError(
                "The address needs the practice's database name after the server, as in "
                f"{_EXAMPLE}.")
        if self.port is not None and not 0 < self.port < 65536:
            raise ServerAddressError(
                f"“{self.port}” is not a port number. A port is a number such as 5432 (or "
                "leave it out).")
        if self.host is not None and "," in self.host:
            raise ServerAddressError(
                "RecoveryDesk connects to one server at a time: give a single host in the "
                "address.")
        for name in ("database", "user", "host", "sslmode", "sslrootcert", "sslcert", "sslkey"):
            value = getattr(self, name)
            if isinstance(value, str):  # a form's field: spaces around it are not part of it,
                value = value.strip() or None  # and an empty one means "not given"
                object.__setattr__(self, name, value)
        mode = _ssl_mode(self.sslmode, self.host, self.sslrootcert)
        object.__setattr__(self, "sslmode", mode)  # frozen: settled once, here

    @classmethod
    def parse(cls, text: str) -> ServerAddress:
        """The address in ``text``; raises ServerAddressError in plain words when it is not one
        RecoveryDesk can use (including TLS weaker than a remote host needs)."""
        return parse_with_password(text)[0]

    # -- what it is ---------------------------------------------------------------------------
    @property
    def is_socket(self) -> bool:
        return self.host is None or self.host.startswith("/")

    @property
    def is_local(self) -> bool:
        """On this computer: a Unix socket, localhost, 127.0.0.1 or ::1."""
        return _is_local(self.host)

    @property
    def where(self) -> str:
        """Short words for the window: ``host/practice`` (``this computer/practice`` for a
        socket)."""
        host = "this computer" if self.is_socket else self.host
        if self.port and self.port != DEFAULT_PORT and not self.is_socket:
            host = f"{host}:{self.port}"
        return f"{host}/{self.database}"

    @property
    def display(self) -> str:
        """The address as a URL without any password: parsing it again gives this address, so
        it is what recent-practice lists and settings keep."""
        who = f"{quote(self.user, safe='')}@" if self.user else ""
        host = ""
        query: list[tuple[str, str]] = []
        if self.host is not None and not self.is_socket:
            host = f"[{self.host}]" if ":" in self.host else self.host
        elif self.host is not None:
            query.append(("host", self.host))
        if self.port is not None:
            if host:
                host = f"{host}:{self.port}"
            else:
                query.append(("port", str(self.port)))
        for name in ("sslmode", "sslrootcert", "sslcert", "sslkey"):
            value = getattr(self, name)
            if value is not None:
                query.append((name, value))
        tail = "&".join(f"{k}={quote(v, safe='/:')}" for k, v in query)
        return f"postgresql://{who}{host}/{quote(self.database, safe='')}" + (
            f"?{tail}" if tail else "")

    def connect_params(self) -> dict[str, object]:
        """libpq keywords for psycopg (no password: the store adds it, or libpq finds it in
        ``PGPASSWORD`` or ``~/.pgpass``)."""
        params: dict[str, object] = {"dbname": self.database}
        for name in ("user", "host", "port", "sslmode", "sslrootcert", "sslcert", "sslkey"):
            value = getattr(self, name)
            if value is not None:
                params[name] = value
        return params

    def __str__(self) -> str:
        return self.display

    def __repr__(self) -> str:
        return f"ServerAddress({self.display!r})"


def parse_with_password(text: str) -> tuple[ServerAddress, str | None]:
    """The address in ``text`` and the password the URL carried (None when it had none). Only
    the opener uses the password, once; it is never part of the address."""
    if not is_server_address(text):
        raise ServerAddressError(
            f"That is not the address of a team practice. It should look like {_EXAMPLE}.")
    scheme, _, rest = text.strip().partition("://")
    rest, _, query_text = rest.partition("?")
    rest = rest.split("#", 1)[0]
    netloc, slash, path = rest.partition("/")
    query = _query(query_text)
    userinfo, at, hostport = netloc.rpartition("@")
    user = password = None
    if at:
        name, colon, secret = userinfo.partition(":")
        user = unquote(name) or None
        password = unquote(secret) if colon else None
    host, port = _host_port(hostport)
    host = query.pop("host", None) or host
    port = _port(query.pop("port")) if "port" in query else port
    user = query.pop("user", None) or user
    password = query.pop("password", None) or password
    database = unquote(path).strip("/") or query.pop("dbname", None)
    query.pop("dbname", None)
    query.pop("connect_timeout", None)  # the store's own short timeout is used
    query.pop("application_name", None)  # always RecoveryDesk, so the server's lists show it
    address = ServerAddress(
        database=database or "", user=user, host=host or None, port=port,
        sslmode=query.get("sslmode"), sslrootcert=query.get("sslrootcert"),
        sslcert=query.get("sslcert"), sslkey=query.get("sslkey"),
    )
    return address, password


def _query(text: str) -> dict[str, str]:
    try:
        pairs = parse_qsl(text, keep_blank_values=True, strict_parsing=bool(text))
    except ValueError:
        raise ServerAddressError(
            "The part of the address after '?' could not be read. Use name=value pairs joined "
            "by '&', as in ?sslmode=verify-full&sslrootcert=/path/to/ca.crt.") from None
    unknown = sorted({k for k, _ in pairs} - _KNOWN)
    if unknown:
        raise ServerAddressError(
            f"The address has a setting RecoveryDesk does not know: {', '.join(unknown)}. "
            "Check its spelling, or leave it out.")
    return {k: v for k, v in pairs if v != ""}


def _host_port(text: str) -> tuple[str | None, int | None]:
    text = unquote(text)
    if not text:
        return None, None
    if text.startswith("/"):  # a percent-encoded socket folder
        return text, None
    if text.startswith("["):  # [IPv6]:port
        host, _, after = text[1:].partition("]")
        return host, _port(after[1:]) if after.startswith(":") else None
    host, colon, port = text.rpartition(":")
    if not colon:
        return text, None
    return host, _port(port)


def _port(text: str) -> int:
    if text.isdigit() and 0 < int(text) < 65536:
        return int(text)
    raise ServerAddressError(
        f"“{text}” is not a port number. A port is a number such as 5432 (or leave it out).")


def _is_local(host: str | None) -> bool:
    return host is None or host.startswith("/") or host.lower() in LOCAL_HOSTS


def _ssl_mode(asked: str | None, host: str | None, rootcert: str | None) -> str | None:
    if asked is not None and asked not in SSL_MODES:
        raise ServerAddressError(
            f"sslmode={asked} is not a TLS setting PostgreSQL knows. Use require, or "
            "verify-full with the practice's CA certificate (sslrootcert=…).")
    remote = not _is_local(host)
    weak = asked is not None and SSL_MODES.index(asked) < SSL_MODES.index("require")
    if weak and (remote or rootcert):
        why = (f"the server {host} is not on this computer" if remote
               else "the address gives a CA certificate to check the server with")
        raise ServerAddressError(
            f"The address asks for sslmode={asked}, but {why}, so the connection must be "
            "encrypted: RecoveryDesk will not send coaches' and participants' details "
            "unencrypted. Use sslmode=require, or sslmode=verify-full with the practice's CA "
            "certificate.")
    if rootcert:
        return "verify-full"
    if remote and asked is None:
        return "require"
    return asked
