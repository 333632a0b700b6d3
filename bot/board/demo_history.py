"""The demo's and test firms' workflow history (domain/workflows/history.py) with this App's templates."""

from __future__ import annotations

from bot.bootstrap import App


def add_workflow_history(app: App, months: int = 6) -> int:
    from bot.workflows.desk import workflow_templates
    from domain.workflows.history import add_history

    with app.session() as session:
        return add_history(session, workflow_templates(app), app.today(), months=months,
                           extra_dir=app.settings.tax_calendar_path)
