"""Which nightly backups to keep: the newest backup of each of the last KEEP_DAILY days that have one, and of
each of the last KEEP_WEEKLY ISO weeks that have one (the rule restic calls --keep-daily / --keep-weekly).

Days and weeks are the firm's (its time zone). Counting the days that HAVE a backup, not calendar days back from
today, means a month without backups (the server was off) never empties the directory: the last good ones stay.
Only `nightly` archives are pruned; a backup taken by hand, or before a restore, stays until someone removes it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.backup.archive import parse_name

PRUNED_KIND = "nightly"


def select_kept(moments: Iterable[datetime], keep_daily: int, keep_weekly: int, tz: ZoneInfo) -> set[datetime]:
    ordered = sorted(set(moments), reverse=True)
    kept: set[datetime] = set(ordered[:1])  # the newest is never pruned
    days: set[object] = set()
    weeks: set[object] = set()
    for moment in ordered:
        local = moment.astimezone(tz).date()
        if local not in days and len(days) < keep_daily:
            days.add(local)
            kept.add(moment)
        week = local.isocalendar()[:2]
        if week not in weeks and len(weeks) < keep_weekly:
            weeks.add(week)
            kept.add(moment)
    return kept


def prune(directory: Path, keep_daily: int, keep_weekly: int, tz: ZoneInfo) -> list[Path]:
    """Delete the nightly archives in `directory` the policy does not keep; returns the deleted paths."""
    nightly: dict[datetime, Path] = {}
    for path in directory.glob("zhangfang-*.tar.gz"):
        parsed = parse_name(path)
        if parsed is not None and parsed[0] == PRUNED_KIND:
            nightly[parsed[1]] = path
    kept = select_kept(nightly, keep_daily, keep_weekly, tz)
    removed = []
    for moment, path in sorted(nightly.items()):
        if moment not in kept:
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed
