"""An API key's last use is recorded to the minute, without a write per request, and a form's
request id makes one key however often it is sent."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from diandian import db
from diandian.apikeys import ApiKeys, KeyAlreadyCreated, api_keys
from diandian.errors import ValidationFailed

START = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def keys(tmp_path) -> Iterator[tuple[ApiKeys, Clock]]:  # type: ignore[no-untyped-def]
    engine = db.connect(f"sqlite:///{tmp_path / 'd.db'}")
    db.upgrade(engine)
    clock = Clock()
    yield ApiKeys(engine, clock=clock), clock
    engine.dispose()


def test_last_use_is_written_at_most_once_a_minute(keys: tuple[ApiKeys, Clock]) -> None:
    store, clock = keys
    made = store.create("ada", ["footprints"], label="POS")
    assert store.get(made.key.key_id).last_used_at is None  # never used
    store.admit(made.secret)
    assert store.get(made.key.key_id).last_used_at == START
    clock.now = START + timedelta(seconds=59)
    store.admit(made.secret)
    assert store.get(made.key.key_id).last_used_at == START  # less than a minute: not written
    clock.now = START + timedelta(seconds=60)
    store.admit(made.secret)
    assert store.get(made.key.key_id).last_used_at == START + timedelta(seconds=60)


def test_one_request_id_makes_one_key_per_owner(keys: tuple[ApiKeys, Clock]) -> None:
    store, _ = keys
    first = store.create("ada", ["footprints"], label="POS", request_id="r1")
    with pytest.raises(KeyAlreadyCreated) as again:
        store.create("ada", ["orders"], label="other", request_id="r1")
    assert again.value.key == first.key
    assert store.create("bob", ["footprints"], request_id="r1").key.owner == "bob"
    assert len(store.list()) == 2
    # without a request id (the command line, the Python API) every call makes a key
    store.create("ada", ["footprints"])
    store.create("ada", ["footprints"])
    assert len(store.list("ada")) == 3


def test_a_bad_request_id_is_named_and_writes_nothing(keys: tuple[ApiKeys, Clock]) -> None:
    store, _ = keys
    for bad in ("x" * 65, "r\x00"):
        with pytest.raises(ValidationFailed) as refused:
            store.create("ada", ["footprints"], request_id=bad)
        assert [p.path for p in refused.value.problems] == ["request_id"]
    with db.read(store.database) as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(api_keys)).scalar_one() == 0
