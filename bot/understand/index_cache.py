"""The name index kept between processes, so a one-shot `zhangfang ask` on a large firm does not rebuild it.

Building the index (pinyin, aliases, fuzzy forms) costs about 0.3 ms per client — seconds at 10,000 clients —
while loading a pickled copy costs a tenth of that. The copy is a cache, never a source of truth: its file name
carries a digest of everything the index is built from (every client's id, name, short name, region and owner;
staff; industries; tags) and of the code that builds it, so any change to those gives a different name and a
fresh build. Small firms (< `MIN_CLIENTS`) build faster than a file can be checked and are never cached.

Files live in `ZHANGFANG_CACHE_DIR` (default `$XDG_CACHE_HOME/zhangfang`, else `~/.cache/zhangfang`), readable by
the owner only, written atomically; older copies for the same database are removed when a new one is written. A
copy that cannot be read (truncated, another Python) is rebuilt and replaced.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import logging
import os
import pickle
import tempfile
from functools import cache
from pathlib import Path

from sqlalchemy.orm import Session

from bot.understand.entities import EntityIndex, IndexSources, index_sources

log = logging.getLogger(__name__)
MIN_CLIENTS = 2000
FORMAT = 1


def load_index(session: Session, cache_dir: Path | None, database_key: str, min_clients: int = MIN_CLIENTS
               ) -> EntityIndex:
    """The index for the database behind `session`: a cached copy when one matches, else built (and cached)."""
    sources = index_sources(session)
    if cache_dir is None or len(sources[0]) < min_clients:
        return EntityIndex.from_sources(sources)
    path = cache_dir / f"names-{database_key}-{_digest(sources)}.pickle"
    index = _read(path)
    if index is None:
        index = EntityIndex.from_sources(sources)
        _write(path, index, database_key)
    return index


def database_key(url: str) -> str:
    """A short name for a database (its URL without the password), so firms sharing a cache dir don't mix."""
    from sqlalchemy.engine import make_url

    safe = make_url(url).render_as_string(hide_password=True)
    return hashlib.blake2b(safe.encode(), digest_size=8).hexdigest()


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "zhangfang"


def _digest(sources: IndexSources) -> str:
    h = hashlib.blake2b(digest_size=16)
    h.update(_code_version().encode())
    h.update(pickle.dumps(sources, protocol=5))
    return h.hexdigest()


@cache
def _code_version() -> str:
    """The source of the understanding package and pypinyin's version: a new release never reads an old copy."""
    from importlib.metadata import version

    h = hashlib.blake2b(digest_size=16)
    h.update(f"{FORMAT}:{version('pypinyin')}".encode())
    for source in sorted(Path(__file__).parent.glob("*.py")):
        h.update(source.read_bytes())
    return h.hexdigest()


def _read(path: Path) -> EntityIndex | None:
    enabled = gc.isenabled()
    gc.disable()  # unpickling ~300k objects: collections in the middle of it only slow it down
    try:
        with path.open("rb") as f:
            index = pickle.load(f)
        return index if isinstance(index, EntityIndex) else None
    except FileNotFoundError:
        return None
    except Exception as exc:  # a truncated or foreign copy is just a miss: rebuilt and replaced
        log.warning("name index cache %s unreadable (%s): rebuilding", path.name, type(exc).__name__)
        return None
    finally:
        if enabled:
            gc.enable()


def _write(path: Path, index: EntityIndex, key: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".names-", suffix=".tmp")  # created 0600
        with os.fdopen(fd, "wb") as f:
            pickle.dump(index, f, protocol=5)
        os.replace(tmp, path)
        for old in path.parent.glob(f"names-{key}-*.pickle"):
            if old != path:
                with contextlib.suppress(OSError):
                    old.unlink()
    except OSError as exc:  # a read-only or full disk: answering goes on with the built index
        log.warning("name index cache not written (%s)", type(exc).__name__)
