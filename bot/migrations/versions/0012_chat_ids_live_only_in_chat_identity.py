"""chat ids live only in chat_identity

Revision ID: 0012
Revises: 0011
The platform id columns of staff (slack_id, wecom_id, dingtalk_id) and contact (wecom_external_id, dingtalk_id,
slack_id) become chat identities (domain/identities.py) and are dropped. An id already bound keeps its binding;
staff are copied before contacts, so an id written on both sheets stays with the staff member (as it resolved
before); an id written on two rows goes to the lowest id. Downgrade brings the columns back, filled with each
person's earliest identity per platform, and keeps the identities (the old code reads both).

SQLite drops the columns in place (ALTER TABLE … DROP COLUMN, SQLite ≥ 3.35) rather than by copying the tables:
staff and contact are referenced by other tables, and with foreign keys enforced a copy-and-rename would break them.
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

STAFF = (("slack_id", "slack"), ("wecom_id", "wecom"), ("dingtalk_id", "dingtalk"))
CONTACT = (("wecom_external_id", "wecom"), ("dingtalk_id", "dingtalk"), ("slack_id", "slack"))
OWNERS = (("staff", "staff_id", STAFF), ("contact", "contact_id", CONTACT))


def upgrade() -> None:
    with op.batch_alter_table('chat_identity', schema=None) as batch_op:
        batch_op.create_index('ix_chat_identity_staff', ['staff_id', 'platform'], unique=False)
        batch_op.create_index('ix_chat_identity_contact', ['contact_id', 'platform'], unique=False)

    for table, owner, columns in OWNERS:
        for column, platform in columns:
            op.execute(f"INSERT INTO chat_identity (platform, user_id, {owner}, created_at) "
                       f"SELECT '{platform}', t.{column}, MIN(t.id), CURRENT_TIMESTAMP FROM {table} t "
                       f"WHERE t.{column} IS NOT NULL AND t.{column} <> '' AND NOT EXISTS (SELECT 1 FROM "
                       f"chat_identity c WHERE c.platform = '{platform}' AND c.user_id = t.{column}) "
                       f"GROUP BY t.{column}")
    for table, _, columns in OWNERS:
        with op.batch_alter_table(table, schema=None, recreate='never') as batch_op:
            for column, _ in columns:
                batch_op.drop_index(f'ix_{table}_{column}')
                batch_op.drop_column(column)


def downgrade() -> None:
    for table, owner, columns in OWNERS:
        with op.batch_alter_table(table, schema=None, recreate='never') as batch_op:
            for column, _ in columns:
                batch_op.add_column(sa.Column(column, sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True))
                batch_op.create_index(f'ix_{table}_{column}', [column], unique=False)
        for column, platform in columns:
            op.execute(f"UPDATE {table} SET {column} = (SELECT c.user_id FROM chat_identity c "
                       f"WHERE c.{owner} = {table}.id AND c.platform = '{platform}' "
                       f"AND length(c.user_id) <= 100 ORDER BY c.created_at, c.id LIMIT 1)")

    with op.batch_alter_table('chat_identity', schema=None) as batch_op:
        batch_op.drop_index('ix_chat_identity_contact')
        batch_op.drop_index('ix_chat_identity_staff')
