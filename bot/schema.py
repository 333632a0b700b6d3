"""Every table of the product, gathered for migrations and tests (importing the model modules registers them)."""

from sqlmodel import SQLModel

from bot import models as bot_models
from domain import models as book_models
from domain.actions import models as action_models
from domain.files import models as file_models
from domain.workflows import models as workflow_models

# each module's tables register on SQLModel.metadata
MODEL_MODULES = (bot_models, book_models, workflow_models, action_models, file_models)
metadata = SQLModel.metadata
