"""appointments: the village lists (issue 17)

Revision ID: 9d2e4b7a1c58
Revises: 8c1f2a6d3e47
Create Date: 2026-12-01 03:00:00
"""

from alembic import op
import sqlalchemy as sa

from kiosk.db.schema import UTCDateTime


revision = '9d2e4b7a1c58'
down_revision = '8c1f2a6d3e47'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'appointments',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('site', sa.String(length=32), nullable=False),
        sa.Column('document_type', sa.String(length=24), nullable=False),
        sa.Column('id_number', sa.String(length=32), nullable=False),
        sa.Column('document_country', sa.String(length=3), server_default='', nullable=False),
        sa.Column('dose_number', sa.Integer(), nullable=False),
        sa.Column('document_suffix', sa.String(length=6), nullable=False),
        sa.Column('name', sa.String(length=100), nullable=False),
        sa.Column('phone', sa.String(length=32), nullable=False),
        sa.Column('village', sa.String(length=64), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('standby', sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column('token', sa.String(length=64), nullable=False),
        sa.Column('ticket_id', sa.Integer(), nullable=True),
        sa.Column('batch', sa.String(length=32), nullable=False),
        sa.Column('created_at', UTCDateTime(), nullable=False),
        sa.Column('updated_at', UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ['ticket_id'], ['tickets.id'], name=op.f('fk_appointments_ticket_id_tickets')
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_appointments')),
        sa.UniqueConstraint('token', name='uq_appointments_token'),
    )
    op.create_index(
        'uq_appointments_key',
        'appointments',
        ['site', 'document_type', 'id_number', 'document_country', 'dose_number'],
        unique=True,
    )
    op.create_index('ix_appointments_site_phone', 'appointments', ['site', 'phone'])
    op.create_index('ix_appointments_site_suffix', 'appointments', ['site', 'document_suffix'])
    op.create_index('ix_appointments_site_day', 'appointments', ['site', 'day', 'village'])


def downgrade() -> None:
    op.drop_index('ix_appointments_site_day', table_name='appointments')
    op.drop_index('ix_appointments_site_suffix', table_name='appointments')
    op.drop_index('ix_appointments_site_phone', table_name='appointments')
    op.drop_index('uq_appointments_key', table_name='appointments')
    op.drop_table('appointments')
