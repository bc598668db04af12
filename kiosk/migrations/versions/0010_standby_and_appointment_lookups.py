"""a standby name as long as a person's; the ticket of an appointment and of a standby entry indexed

Revision ID: b5d8f2a0c314
Revises: a4c7e1f9b203
Create Date: 2026-12-01 03:45:00
"""

from alembic import op
import sqlalchemy as sa


revision = 'b5d8f2a0c314'
down_revision = 'a4c7e1f9b203'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('standby', schema=None) as batch_op:
        batch_op.alter_column(
            'name', existing_type=sa.String(length=64), type_=sa.String(length=100),
            existing_nullable=False,
        )
    op.create_index('ix_standby_ticket', 'standby', ['ticket_id'], unique=False)
    op.create_index('ix_appointments_ticket', 'appointments', ['ticket_id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_appointments_ticket', table_name='appointments')
    op.drop_index('ix_standby_ticket', table_name='standby')
    with op.batch_alter_table('standby', schema=None) as batch_op:
        batch_op.alter_column(
            'name', existing_type=sa.String(length=100), type_=sa.String(length=64),
            existing_nullable=False,
        )
