"""The settings of one deployment, read from ``DIANDIAN_*`` environment variables and CLI flags.

:class:`Settings` is the only place where configuration is parsed. Each field names its
environment variable and its command-line flag, so ``diandian serve --public-url ...``,
``DIANDIAN_PUBLIC_URL=...`` and ``Settings(public_url=...)`` are the same setting::

    settings = Settings.load()                                 # environment, then defaults
    settings = Settings.load(flags={"database_url": "sqlite:///x.db"})   # a flag wins
    platform = Platform(settings)

A flag given on the command line wins over the environment, which wins over the default.
Every value is checked when the settings are built: a bad one raises
:class:`~diandian.errors.ValidationFailed` naming the field and where it came from.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any

import attrs

from .errors import Problem, ValidationFailed
from .text import LANGUAGES

ENV_PREFIX = "DIANDIAN_"
DEFAULT_DATABASE_URL = "sqlite:///diandian.db"


def default_home(environ: Mapping[str, str]) -> Path:
    """``$DIANDIAN_HOME``, else ``$XDG_DATA_HOME/diandian``, else ``~/.local/share/diandian``.

    Nothing is created here; the key ring creates its folder owner-only when first used.
    """
    if environ.get("DIANDIAN_HOME"):
        return Path(environ["DIANDIAN_HOME"])
    if environ.get("XDG_DATA_HOME"):
        return Path(environ["XDG_DATA_HOME"]) / "diandian"
    return Path.home() / ".local" / "share" / "diandian"


@attrs.frozen
class Settings:
    """Everything a :class:`~diandian.platform.Platform` is built from.

    Fields (environment variable; flag):

    - ``database_url`` (``DIANDIAN_DATABASE_URL``; ``--database-url``): SQLAlchemy URL of the
      ledger, certificates and scenes; ``postgresql://`` means psycopg 3.
    - ``home`` (``DIANDIAN_HOME``): the data folder: signing keys, cached trust, the issued
      status list.
    - ``key_folder`` (``DIANDIAN_KEY_FOLDER``; ``--key-folder``): the signing key ring
      (default ``home/keys``).
    - ``public_url`` (``DIANDIAN_PUBLIC_URL``; ``--public-url``): the base URL visitors reach;
      door posters point there.
    - ``issuer`` (``DIANDIAN_ISSUER``; ``--issuer``): named in every certificate; the base URL of
      the server that publishes the keys.
    - ``offset_provider`` / ``payment_provider`` (``DIANDIAN_OFFSET_PROVIDER`` /
      ``DIANDIAN_PAYMENT_PROVIDER``; ``--offset-provider`` / ``--payment``): provider names
      among those the plugins register (``ledger`` and ``sandbox`` by default).
    - ``language`` (``DIANDIAN_LANGUAGE``; ``--lang``): ``en`` or ``zh-CN``.
    - ``status_valid_days`` (``DIANDIAN_STATUS_VALID_DAYS``; ``--valid-days``): how long a
      signed status list may be relied on.
    - ``api_rate_per_minute`` (``DIANDIAN_API_RATE_PER_MINUTE``): requests per minute a new
      ``/api/v1`` key may make (600 by default; ``diandian apikey create --rate`` per key).
    - ``cors_origins`` (``DIANDIAN_CORS_ORIGINS``): browser origins allowed to call ``/api/v1``,
      comma separated (none by default).
    - ``remote_url``, ``remote_api_key``, ``remote_timeout`` (``DIANDIAN_REMOTE_URL``, ...): the
      central server the ``remote`` offset provider buys from, its API key, and the seconds
      each request may take.
    """

    database_url: str = DEFAULT_DATABASE_URL
    home: Path | None = None
    key_folder: Path | None = None
    public_url: str = "http://127.0.0.1:8000"
    issuer: str = "diandian:local"
    offset_provider: str = "ledger"
    payment_provider: str = "sandbox"
    language: str = "en"
    status_valid_days: float = 7.0
    api_rate_per_minute: int = 600
    cors_origins: tuple[str, ...] = ()
    remote_url: str = ""
    remote_api_key: str = attrs.field(default="", repr=False)
    remote_timeout: float = 10.0

    # --- derived ---------------------------------------------------------------------------

    @property
    def data_home(self) -> Path:
        """:attr:`home`, or the per-user default; not created here."""
        return self.home if self.home is not None else default_home(os.environ)

    @property
    def keys_path(self) -> Path:
        return self.key_folder if self.key_folder is not None else self.data_home / "keys"

    @property
    def status_valid_for(self) -> timedelta:
        return timedelta(days=self.status_valid_days)

    # --- reading ---------------------------------------------------------------------------

    @staticmethod
    def env_name(field: str) -> str:
        """The environment variable of a field: ``database_url`` -> ``DIANDIAN_DATABASE_URL``."""
        return ENV_PREFIX + field.upper()

    @classmethod
    def load(
        cls,
        environ: Mapping[str, str] | None = None,
        flags: Mapping[str, object] | None = None,
        flag_names: Mapping[str, str] | None = None,
    ) -> Settings:
        """Settings from ``flags`` (``None`` values mean "not given"), then ``environ`` (default
        :data:`os.environ`), then the defaults. ``flag_names`` (``{"status_valid_days":
        "--valid-days"}``) is how a bad flag's value is said to come from the command line.

        Raises :class:`ValidationFailed` naming every bad field (``database_url``, ``language``,
        ``status_valid_days``, ...) and its source.
        """
        env = os.environ if environ is None else environ
        given = {k: v for k, v in (flags or {}).items() if v is not None}
        unknown = sorted(set(given) - {f.name for f in attrs.fields(cls)})
        if unknown:
            raise ValidationFailed.single(unknown[0], "unknown", "is not a setting", what="settings")
        values: dict[str, Any] = {}
        sources: dict[str, str] = {}
        problems: list[Problem] = []
        for field in attrs.fields(cls):
            if field.name in given:
                raw = given[field.name]
                source = (flag_names or {}).get(field.name, f"the command line ({field.name})")
            elif env.get(cls.env_name(field.name)):
                raw, source = env[cls.env_name(field.name)], f"${cls.env_name(field.name)}"
            elif field.name == "home":
                raw, source = default_home(env), "default"
            else:
                continue
            sources[field.name] = source
            try:
                values[field.name] = _convert(field.name, raw)
            except ValueError as exc:
                problems.append(Problem(field.name, "invalid", f"{exc} (from {source})"))
        if problems:
            raise ValidationFailed(problems, what="settings")
        settings = cls(**values)
        try:
            settings.check()
        except ValidationFailed as failed:  # say where each bad value came from
            raise ValidationFailed(
                [
                    attrs.evolve(p, message=f"{p.message} (from {sources[p.path]})")
                    if p.path in sources
                    else p
                    for p in failed.problems
                ],
                what=failed.what,
            ) from None
        return settings

    def check(self) -> None:
        """Raise :class:`ValidationFailed` naming each field that cannot work."""
        problems: list[Problem] = []
        problems.extend(_database_url_problems(self.database_url))
        if self.language not in LANGUAGES:
            problems.append(Problem("language", "unknown", f"must be one of {', '.join(LANGUAGES)}"))
        if not self.status_valid_days > 0:
            problems.append(Problem("status_valid_days", "not_positive", "must be more than 0"))
        if not 1 <= self.api_rate_per_minute <= 1_000_000:
            problems.append(Problem("api_rate_per_minute", "out_of_range", "must be 1 to 1000000"))
        if not self.remote_timeout > 0:
            problems.append(Problem("remote_timeout", "not_positive", "must be more than 0"))
        problems.extend(
            Problem("cors_origins", "format", f"{origin!r} is not an origin such as https://shop.example.org")
            for origin in self.cors_origins
            if origin != "*" and not origin.startswith(("http://", "https://"))
        )
        for name in ("issuer", "offset_provider", "payment_provider", "public_url"):
            if not str(getattr(self, name)).strip():
                problems.append(Problem(name, "empty", "must not be empty"))
        if problems:
            raise ValidationFailed(problems, what="settings")


def _database_url_problems(url: str) -> list[Problem]:
    """Why ``url`` names no database this process can open: a dialect SQLAlchemy does not know,
    or a SQLite file in a folder that does not exist (SQLite makes the file, not its folder)."""
    if "://" not in url:
        return [Problem("database_url", "format", "must be a URL such as sqlite:///diandian.db")]
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    from .db import normalise_url

    scheme = url.partition("://")[0]
    try:
        parsed = make_url(normalise_url(url))
        dialect = parsed.get_dialect()
    except ArgumentError as exc:  # NoSuchModuleError too: an unknown dialect or driver
        why = (
            "cannot be read as a URL"
            if "Could not parse" in str(exc)
            else "is not a database SQLAlchemy knows"
        )
        return [Problem("database_url", "unknown_dialect", f"{scheme!r} {why} (sqlite://, postgresql://)")]
    try:
        dialect.import_dbapi()
    except ImportError as exc:
        extra = " (pip install 'diandian[postgres]')" if dialect.name == "postgresql" else ""
        why = f"{scheme!r} needs the driver {exc.name}, which is not installed{extra}"
        return [Problem("database_url", "no_driver", why)]
    database = parsed.database
    if dialect.name == "sqlite" and database and database != ":memory:" and not parsed.query.get("uri"):
        folder = Path(database).parent  # as SQLite reads it: no ~, relative to the working folder
        if not folder.is_dir():
            return [
                Problem("database_url", "no_folder", f"no folder {folder} for the SQLite file {database}")
            ]
    return []


def _convert(name: str, raw: object) -> object:
    if name in ("home", "key_folder"):
        return Path(str(raw)).expanduser()
    if name in ("status_valid_days", "remote_timeout"):
        try:
            return float(str(raw))
        except ValueError:
            raise ValueError(f"{raw!r} is not a number") from None
    if name == "api_rate_per_minute":
        try:
            return int(str(raw))
        except ValueError:
            raise ValueError(f"{raw!r} is not a whole number") from None
    if name == "cors_origins":
        parts = raw.split(",") if isinstance(raw, str) else list(raw)  # type: ignore[call-overload]
        return tuple(str(p).strip().rstrip("/") for p in parts if str(p).strip())
    return str(raw).strip()
