"""Every table of the product, gathered for migrations and tests (importing the model modules registers them)."""

from sqlmodel import SQLModel

import bot.models  # noqa: F401  (registers the tables)
import domain.models  # noqa: F401
import domain.workflows.models  # noqa: F401  (service workflows)

metadata = SQLModel.metadata
