"""Backups: `backup [DIR]` (a consistent copy while the server runs) and `restore FILE` (after confirmation)."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from bot.backup.archive import BackupError
from bot.commands.common import console, fail, load_app
from bot.texts import t

CONFIRM_WORDS = ("恢复", "restore")


def say(key: str, **values: object) -> None:
    """One line in each language, as the rest of the command line speaks."""
    for locale in ("zh", "en"):
        console.print(t(locale, f"backup.{key}", **values), highlight=False, soft_wrap=True)


def backup(
    directory: Path | None = typer.Argument(None, help="Where to write it (default ZHANGFANG_BACKUP_DIR)."),
    files_dir: Path | None = typer.Option(None, "--files-dir", help="Also include this directory of files."),
    as_json: bool = typer.Option(False, "--json", help="Print the manifest as JSON."),
) -> None:
    """Take a consistent, verified backup of the database while the server runs · 备份."""
    from bot.backup import take_backup

    app = load_app()
    try:
        result = take_backup(app, directory, files_dir=files_dir)
    except (BackupError, OSError) as exc:
        fail(str(exc), code=1)
    manifest = result.manifest
    if as_json:
        print(json.dumps({"path": str(result.path), "seconds": round(result.seconds, 3),
                          "manifest": json.loads(manifest.to_json())}, ensure_ascii=False))
        return
    say("taken", path=result.path, rows=sum(manifest.tables.values()), tables=len(manifest.tables),
        files=manifest.files or 0, seconds=f"{result.seconds:.1f}")


def restore(
    file: Path = typer.Argument(..., help="A backup archive written by `zhangfang backup`."),
    yes: bool = typer.Option(False, "--yes", help="Do not ask for confirmation."),
    files_dir: Path | None = typer.Option(None, "--files-dir", help="Restore the backup's files here."),
    safety_backup: bool = typer.Option(True, "--safety-backup/--no-safety-backup",
                                       help="Back up the current database before replacing it (default on)."),
) -> None:
    """Replace the configured database with a backup, then migrate it to this version · 恢复备份."""
    from bot.backup import restore_backup, verify_backup

    app = load_app()
    try:
        manifest = verify_backup(file)
    except BackupError as exc:
        fail(str(exc), code=1)
    say("about", path=file, backend=manifest.backend, revision=manifest.revision, created=manifest.created_at,
        rows=sum(manifest.tables.values()), files=manifest.files or 0)
    say("warning", database=app.engine.url.render_as_string(hide_password=True), directory=app.settings.backup_dir)
    if not yes:
        answer = typer.prompt(f"{t('zh', 'backup.confirm_prompt')} · {t('en', 'backup.confirm_prompt')}",
                              default="", show_default=False)
        if answer.strip().lower() not in CONFIRM_WORDS:
            say("cancelled")
            raise typer.Exit(1)
    try:
        result = restore_backup(app, file, files_dir=files_dir, safety=safety_backup)
    except (BackupError, OSError) as exc:
        fail(str(exc), code=1)
    if result.safety is not None:
        say("safety", path=result.safety)
    if result.files_moved_to is not None:
        say("files_moved", path=result.files_moved_to)
    say("restored", rows=sum(result.manifest.tables.values()))


def register(app: typer.Typer) -> None:
    app.command("backup")(backup)
    app.command("restore")(restore)
