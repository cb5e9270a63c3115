"""Every name a person types is checked by :mod:`diandian.free_text`, wherever it enters: account
display names and API key owners and labels too (they are shown in the console), not only the
names on orders and certificates."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from argon2 import PasswordHasher
from diandian import db
from diandian.accounts import MAX_ACCOUNT_NAME, Accounts
from diandian.apikeys import MAX_LABEL, ApiKeys
from diandian.errors import ValidationFailed
from diandian.free_text import MAX_ID

PASSWORD = "a long enough passphrase 42"


@pytest.fixture
def database(tmp_path: Path) -> Iterator[sa.Engine]:
    engine = db.connect(f"sqlite:///{tmp_path / 'd.db'}")
    db.upgrade(engine)
    yield engine
    engine.dispose()


def codes(exc: pytest.ExceptionInfo[ValidationFailed]) -> list[tuple[str, str]]:
    return [(p.path, p.code) for p in exc.value.problems]


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Lin\u202eevil", "control"),
        ("a\x1b[31mb", "control"),
        ("Lin\udcff", "not_utf8"),
        (123, "type"),
        ("x" * (MAX_ACCOUNT_NAME + 1), "too_long"),
        ("   ", "empty"),
    ],
)
def test_account_display_names_are_free_text(database: sa.Engine, name: object, code: str) -> None:
    accounts = Accounts(database, hasher=PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    with pytest.raises(ValidationFailed) as exc:
        accounts.sign_up("lin@example.org", PASSWORD, name)  # type: ignore[arg-type]
    assert codes(exc) == [("display_name", code)]
    # 100 characters once NFC-composed ('e' + combining acute is one character) are accepted
    made = accounts.sign_up("lin@example.org", PASSWORD, "e\u0301" * MAX_ACCOUNT_NAME)
    assert made.display_name == "é" * MAX_ACCOUNT_NAME


@pytest.mark.parametrize(
    ("owner", "label", "expected"),
    [
        (123, "", [("owner", "type")]),
        ("venue\x00a", "", [("owner", "control")]),
        ("o" * (MAX_ID + 1), "", [("owner", "too_long")]),
        ("venue-a", "front\u202edesk", [("label", "control")]),
        ("venue-a", "l" * (MAX_LABEL + 1), [("label", "too_long")]),
        ("", None, [("owner", "empty"), ("label", "type")]),
    ],
)
def test_api_key_owners_and_labels_are_free_text(
    database: sa.Engine,
    owner: object,
    label: object,
    expected: list[tuple[str, str]],
) -> None:
    keys = ApiKeys(database)
    with pytest.raises(ValidationFailed) as exc:
        keys.create(owner, ["footprints"], label=label)  # type: ignore[arg-type]
    assert codes(exc) == expected
    assert keys.list() == []
    with pytest.raises(ValidationFailed) as exc:
        keys.create("venue-a", ["footprints"], rate_per_minute="600")  # type: ignore[arg-type]
    assert codes(exc) == [("rate_per_minute", "out_of_range")]
