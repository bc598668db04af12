"""the day's desks

Revision ID: 3d5f0b8e9a21
Revises: 7c1e2a9d4b10
Create Date: 2026-12-01 00:05:00
"""

from alembic import op
import sqlalchemy as sa


revision = '3d5f0b8e9a21'
down_revision = '7c1e2a9d4b10'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('days', schema=None) as batch_op:
        batch_op.add_column(sa.Column('desks', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('days', schema=None) as batch_op:
        batch_op.drop_column('desks')
