"""a close that balances: cleared to zero, fridge temperatures

Revision ID: 7b4d9e3f5c26
Revises: 6a3c8d2e4b15
Create Date: 2026-12-01 01:30:00
"""

from alembic import op
import sqlalchemy as sa


revision = '7b4d9e3f5c26'
down_revision = '6a3c8d2e4b15'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('days', schema=None) as batch_op:
        batch_op.add_column(sa.Column('fridge_open_c', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('fridge_close_c', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('cleared_to_zero', sa.Boolean(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('days', schema=None) as batch_op:
        batch_op.drop_column('cleared_to_zero')
        batch_op.drop_column('fridge_close_c')
        batch_op.drop_column('fridge_open_c')
