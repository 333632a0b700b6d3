"""The nightly retention policy, by time travel: a backup every night for months (and gaps, and extra backups in a
day) leaves the newest of each of the last 7 days with a backup and of each of the last 4 weeks with one."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.backup import prune, select_kept
from bot.backup.archive import archive_name, parse_name
from bot.backup.nightly import nightly_backup

SHANGHAI = ZoneInfo("Asia/Shanghai")


def night(day: date, hour: int = 2, minute: int = 30) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=SHANGHAI).astimezone(UTC)


def touch(directory: Path, kind: str, moment: datetime) -> Path:
    path = directory / archive_name(kind, moment)
    path.write_bytes(b"x")
    return path


def kept_days(directory: Path) -> list[date]:
    found = (parse_name(p) for p in directory.iterdir())
    return sorted(m.astimezone(SHANGHAI).date() for m in (f[1] for f in found if f and f[0] == "nightly"))


def test_ninety_nights_leave_seven_daily_and_four_weekly(tmp_path: Path) -> None:
    start = date(2026, 9, 1)
    for offset in range(90):  # each night: a backup, then the prune the scheduler runs after it
        touch(tmp_path, "nightly", night(start + timedelta(days=offset)))
        prune(tmp_path, 7, 4, SHANGHAI)
    last = start + timedelta(days=89)  # Sunday 2026-11-29
    daily = [last - timedelta(days=i) for i in range(7)]  # 11-23 (Mon) … 11-29 (Sun): all of ISO week 48
    weekly = [date(2026, 11, 29), date(2026, 11, 22), date(2026, 11, 15), date(2026, 11, 8)]  # Sundays: newest
    assert kept_days(tmp_path) == sorted(set(daily) | set(weekly))


def test_a_month_without_backups_does_not_empty_the_directory(tmp_path: Path) -> None:
    for day in range(1, 11):
        touch(tmp_path, "nightly", night(date(2026, 10, day)))
    touch(tmp_path, "nightly", night(date(2026, 12, 20)))  # the server was off for two months
    prune(tmp_path, 7, 4, SHANGHAI)
    assert kept_days(tmp_path) == [date(2026, 10, d) for d in (4, 5, 6, 7, 8, 9, 10)] + [date(2026, 12, 20)]


def test_only_the_newest_of_a_day_is_kept_and_other_kinds_are_never_pruned(tmp_path: Path) -> None:
    manual = touch(tmp_path, "manual", night(date(2026, 1, 1)))
    safety = touch(tmp_path, "pre-restore", night(date(2026, 1, 2)))
    other = tmp_path / "notes.txt"
    other.write_text("keep me")
    for hour in (1, 3, 23):
        touch(tmp_path, "nightly", night(date(2026, 11, 20), hour))  # 23:00 Shanghai is still the 20th locally
    removed = prune(tmp_path, 7, 4, SHANGHAI)
    assert len(removed) == 2
    assert manual.exists() and safety.exists() and other.exists()
    assert [parse_name(p)[1] for p in tmp_path.glob("zhangfang-nightly-*")] == [night(date(2026, 11, 20), 23)]


def test_policy_counts_firm_local_days() -> None:
    moments = [datetime(2026, 11, 20, 15, 30, tzinfo=UTC), datetime(2026, 11, 20, 16, 30, tzinfo=UTC)]
    assert len(select_kept(moments, 7, 0, SHANGHAI)) == 2  # 23:30 and 00:30 in Shanghai: two days
    assert len(select_kept(moments, 7, 0, ZoneInfo("UTC"))) == 1


def test_nightly_job_takes_a_real_backup_and_prunes(make_app, tmp_path: Path) -> None:
    backups = tmp_path / "nightly"
    app = make_app(backup_dir=str(backups), backup_keep_daily=2, backup_keep_weekly=1)
    for day in (1, 2, 3, 4):
        result = nightly_backup(app, now=night(date(2026, 11, day)))
        assert result is not None
    assert kept_days(backups) == [date(2026, 11, 3), date(2026, 11, 4)]


def test_nightly_job_failure_keeps_earlier_backups(make_app, tmp_path: Path, caplog) -> None:
    backups = tmp_path / "nightly"
    app = make_app(backup_dir=str(backups))
    assert nightly_backup(app, now=night(date(2026, 11, 1))) is not None
    app.engine.dispose()
    if app.engine.dialect.name == "sqlite":
        Path(app.engine.url.database).unlink()  # the database file is gone
        Path(str(app.engine.url.database) + "-wal").unlink(missing_ok=True)
    else:
        app.settings.backup_dir = str(tmp_path / "a-file")
        (tmp_path / "a-file").write_text("not a directory")
    assert nightly_backup(app, now=night(date(2026, 11, 2))) is None
    assert "nightly backup failed" in caplog.text
    assert kept_days(backups) == [date(2026, 11, 1)]
