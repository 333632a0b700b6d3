"""workflow stage window index for on-time rates

One covering range read of a window's stages by due date (domain/workflows/stats.py: on-time rate by stage and
by person) instead of reading every stage row; the instances closed in a window (cycle times) by status and
closing date.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 02:44:16.621633
"""

from alembic import op

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None

COLUMNS = ['due_on', 'status', 'done_on', 'assignee_id', 'client_id', 'instance_id', 'key', 'position', 'name_zh',
           'name_en']


def upgrade() -> None:
    op.create_index('ix_workflow_stage_due_window', 'workflow_stage', COLUMNS, unique=False)
    op.create_index('ix_workflow_instance_closed', 'workflow_instance', ['status', 'closed_on'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_workflow_instance_closed', table_name='workflow_instance')
    op.drop_index('ix_workflow_stage_due_window', table_name='workflow_stage')
