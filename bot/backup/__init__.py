"""Backups of the client book: `take_backup` (a consistent copy while the server runs), `restore_backup`,
`verify_backup` and the nightly retention policy (`prune`). The archive format is in bot/backup/archive.py."""

from bot.backup.archive import BackupError, Manifest
from bot.backup.retention import prune, select_kept
from bot.backup.service import BackupResult, restore_backup, take_backup, verify_backup

__all__ = ["BackupError", "BackupResult", "Manifest", "prune", "restore_backup", "select_kept", "take_backup",
           "verify_backup"]
