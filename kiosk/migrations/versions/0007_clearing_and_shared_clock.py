"""clearing to zero: the standby list; a training database's shared clock

Revision ID: 8c1f2a6d3e47
Revises: 7b4d9e3f5c26
Create Date: 2026-12-01 02:50:00
"""

from alembic import op
import sqlalchemy as sa

from kiosk.db.schema import UTCDateTime


revision = '8c1f2a6d3e47'
down_revision = '7b4d9e3f5c26'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'standby',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('site', sa.String(length=32), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('name', sa.String(length=64), nullable=False),
        sa.Column('phone', sa.String(length=32), nullable=False),
        sa.Column('note', sa.String(length=200), nullable=True),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('ticket_id', sa.Integer(), nullable=True),
        sa.Column('added_at', UTCDateTime(), nullable=False),
        sa.Column('added_by', sa.String(length=64), nullable=False),
        sa.Column('updated_at', UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ['ticket_id'], ['tickets.id'], name=op.f('fk_standby_ticket_id_tickets')
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_standby')),
    )
    op.create_index('ix_standby_site_day', 'standby', ['site', 'day'], unique=False)
    with op.batch_alter_table('sites', schema=None) as batch_op:
        batch_op.add_column(sa.Column('clock_offset_seconds', sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('sites', schema=None) as batch_op:
        batch_op.drop_column('clock_offset_seconds')
    op.drop_index('ix_standby_site_day', table_name='standby')
    op.drop_table('standby')
