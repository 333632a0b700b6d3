"""The `zhangfang` command (Typer). Each group of commands lives in bot/commands/ and registers itself here."""

from __future__ import annotations

import sys

import typer

from bot.commands import answers, audit, backups, demo, exporting, platforms, scheduling, setup, workflows

COMMAND_MODULES = (setup, demo, answers, platforms, scheduling, workflows, audit, exporting, backups)


def build() -> typer.Typer:
    app = typer.Typer(
        name="zhangfang",
        help="账房 Zhangfang — the client book behind your firm's chat bot.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
    )
    @app.callback()
    def _root() -> None:
        """账房 Zhangfang — the client book behind your firm's chat bot."""

    for module in COMMAND_MODULES:
        module.register(app)
    return app


def main() -> None:
    try:
        build()()
    except KeyboardInterrupt:
        sys.exit(130)
