"""The statement cache: one build per key, bounded, and keys that tell client filters apart."""

from __future__ import annotations

from domain.facts.built import StatementCache, filter_key
from domain.queries import ClientFilter


def test_a_key_is_built_once_and_the_cache_stays_bounded() -> None:
    cache, builds = StatementCache(size=2), []

    def build(name: str):
        return lambda: builds.append(name) or name

    assert cache.get("a", build("a")) == "a"
    assert cache.get("a", build("a again")) == "a"
    assert builds == ["a"]
    cache.get("b", build("b"))
    cache.get("c", build("c"))  # full: emptied, then kept
    assert cache.get("a", build("a rebuilt")) == "a rebuilt"
    assert builds == ["a", "b", "c", "a rebuilt"]


def test_filters_that_build_different_conditions_have_different_keys() -> None:
    assert filter_key(None) is None
    filters = [ClientFilter(), ClientFilter(client_ids=[1]), ClientFilter(client_ids=[2]), ClientFilter(owner_ids=[1]),
               ClientFilter(regions=["上海"])]
    keys = {filter_key(f) for f in filters}
    assert len(keys) == 5
    assert filter_key(ClientFilter(client_ids=[1])) == filter_key(ClientFilter(client_ids=[1]))
