"""the day's prefixes and allergy extension; the kiosk pad's lock-out

Revision ID: 7c1e2a9d4b10
Revises: 5956ff58d2b8
Create Date: 2026-11-30 23:45:00
"""

from alembic import op
import sqlalchemy as sa
import kiosk.db.schema


revision = '7c1e2a9d4b10'
down_revision = '5956ff58d2b8'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('days', schema=None) as batch_op:
        batch_op.add_column(sa.Column('prefixes', sa.String(length=32), nullable=True))
        batch_op.add_column(
            sa.Column('allergy_extra_minutes', sa.Integer(), server_default='0', nullable=False)
        )
    with op.batch_alter_table('sites', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('pad_failures', sa.Integer(), server_default='0', nullable=False)
        )
        batch_op.add_column(
            sa.Column('pad_locked_until', kiosk.db.schema.UTCDateTime(timezone=True), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table('sites', schema=None) as batch_op:
        batch_op.drop_column('pad_locked_until')
        batch_op.drop_column('pad_failures')
    with op.batch_alter_table('days', schema=None) as batch_op:
        batch_op.drop_column('allergy_extra_minutes')
        batch_op.drop_column('prefixes')
