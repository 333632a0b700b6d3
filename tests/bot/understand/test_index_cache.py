"""The name index kept between processes (bot/understand/index_cache.py)."""

from __future__ import annotations

import logging
import pickle
from collections.abc import Callable
from pathlib import Path

from bot.bootstrap import App
from bot.understand.entities import EntityIndex
from bot.understand.index_cache import database_key, load_index
from domain.models import Client
from tests.small_firm import build_small_firm


def _files(cache: Path) -> list[Path]:
    return sorted(cache.glob("names-*.pickle"))


def test_a_matching_copy_is_read_instead_of_built(make_app: Callable[..., App], tmp_path: Path) -> None:
    app = make_app()
    build_small_firm(app)
    cache = tmp_path / "cache"
    with app.session() as session:
        built = load_index(session, cache, "k", min_clients=1)
        [copy] = _files(cache)
        assert built.client_names and (copy.stat().st_mode & 0o777) == 0o600
        # Put a different index under the same name: a read (not a build) is what returns it.
        stand_in = EntityIndex.from_names(clients=[(1, "北京标记公司", None, None)])
        copy.write_bytes(pickle.dumps(stand_in))
        assert load_index(session, cache, "k", min_clients=1).client_names == {1: "北京标记公司"}


def test_a_new_client_gives_a_new_copy_and_the_old_is_removed(make_app: Callable[..., App], tmp_path: Path) -> None:
    app = make_app()
    build_small_firm(app)
    cache = tmp_path / "cache"
    with app.session() as session:
        load_index(session, cache, "k", min_clients=1)
        [first] = _files(cache)
        owner = session.query(Client).first().owner_id  # type: ignore[union-attr]
        session.add(Client(name="苏州新来客户有限公司", owner_id=owner))
        session.flush()
        index = load_index(session, cache, "k", min_clients=1)
        [second] = _files(cache)
        assert second != first and "苏州新来客户有限公司" in index.client_names.values()


def test_an_unreadable_copy_is_rebuilt(make_app: Callable[..., App], tmp_path: Path, caplog) -> None:
    app = make_app()
    build_small_firm(app)
    cache = tmp_path / "cache"
    with app.session() as session:
        expected = load_index(session, cache, "k", min_clients=1).client_names
        [copy] = _files(cache)
        copy.write_bytes(b"not a pickle")
        with caplog.at_level(logging.WARNING):
            assert load_index(session, cache, "k", min_clients=1).client_names == expected
        assert "unreadable" in caplog.text
        assert pickle.loads(copy.read_bytes()).client_names == expected  # replaced by a good copy


def test_small_firms_and_no_cache_dir_write_nothing(make_app: Callable[..., App], tmp_path: Path) -> None:
    app = make_app()
    build_small_firm(app)
    cache = tmp_path / "cache"
    with app.session() as session:
        assert load_index(session, cache, "k").client_names  # 14 clients < MIN_CLIENTS
        assert load_index(session, None, "k", min_clients=1).client_names
    assert not cache.exists()


def test_an_unwritable_cache_dir_still_answers(make_app: Callable[..., App], tmp_path: Path) -> None:
    app = make_app()
    build_small_firm(app)
    blocked = tmp_path / "file"
    blocked.write_text("a file where the cache dir should be")
    with app.session() as session:
        assert load_index(session, blocked / "cache", "k", min_clients=1).client_names


def test_database_key_hides_the_password() -> None:
    with_pw = database_key("postgresql+psycopg://u:secret@h/db")
    assert with_pw == database_key("postgresql+psycopg://u:other@h/db")
    assert with_pw != database_key("postgresql+psycopg://u:secret@h/other")
