"""The nightly backup inside `zhangfang serve`: take one (kind `nightly`), then prune by the retention policy.
A failure is logged and leaves every earlier backup in place; the next night tries again."""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from bot.backup.archive import BackupError
from bot.backup.retention import prune
from bot.backup.service import BackupResult, take_backup
from bot.bootstrap import App

log = logging.getLogger(__name__)


def nightly_backup(app: App, now: datetime | None = None) -> BackupResult | None:
    settings = app.settings
    try:
        result = take_backup(app, Path(settings.backup_dir), kind="nightly", now=now)
    except (BackupError, OSError) as exc:
        log.error("nightly backup failed: %s", exc)
        return None
    except Exception:
        log.exception("nightly backup failed")
        return None
    removed = prune(result.path.parent, settings.backup_keep_daily, settings.backup_keep_weekly, settings.tz)
    log.info("nightly backup %s (%.1f s, %d rows); pruned %d old backups", result.path.name, result.seconds,
             sum(result.manifest.tables.values()), len(removed))
    return result
