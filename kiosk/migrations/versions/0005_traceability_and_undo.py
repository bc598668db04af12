"""traceability codes, record slips, undone doses, coded reasons

Revision ID: 6a3c8d2e4b15
Revises: 5e2b7c9d1f04
Create Date: 2026-12-01 01:00:00
"""

from alembic import op
import sqlalchemy as sa

from kiosk.db.schema import UTCDateTime


revision = '6a3c8d2e4b15'
down_revision = '5e2b7c9d1f04'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('tickets', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reason_code', sa.String(length=32), nullable=True))
    with op.batch_alter_table('doses', schema=None) as batch_op:
        batch_op.add_column(sa.Column('trace_listed', sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column('token', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('voided_at', UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('void_reason', sa.String(length=200), nullable=True))
        batch_op.drop_constraint('uq_doses_site_person_id', type_='unique')
        batch_op.create_unique_constraint(op.f('uq_doses_token'), ['token'])
    op.create_index('ix_doses_site_trace_code', 'doses', ['site', 'trace_code'], unique=False)
    op.create_index(
        'uq_doses_person_number',
        'doses',
        ['site', 'person_id', 'family', 'dose_number'],
        unique=True,
        sqlite_where=sa.text('voided_at IS NULL'),
        postgresql_where=sa.text('voided_at IS NULL'),
    )
    op.create_table(
        'lot_boxes',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('site', sa.String(length=32), nullable=False),
        sa.Column('lot_id', sa.Integer(), nullable=False),
        sa.Column('code', sa.String(length=64), nullable=False),
        sa.Column('doses', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ['lot_id'], ['lots.id'], name=op.f('fk_lot_boxes_lot_id_lots')
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_lot_boxes')),
        sa.UniqueConstraint('site', 'lot_id', 'code', name='uq_lot_boxes_site_lot_code'),
    )
    op.create_index('ix_lot_boxes_site_code', 'lot_boxes', ['site', 'code'], unique=False)
    with op.batch_alter_table('adverse_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('recorded_by', sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('adverse_events', schema=None) as batch_op:
        batch_op.drop_column('recorded_by')
    op.drop_index('ix_lot_boxes_site_code', table_name='lot_boxes')
    op.drop_table('lot_boxes')
    op.drop_index('uq_doses_person_number', table_name='doses')
    op.drop_index('ix_doses_site_trace_code', table_name='doses')
    with op.batch_alter_table('doses', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('uq_doses_token'), type_='unique')
        batch_op.create_unique_constraint(
            'uq_doses_site_person_id', ['site', 'person_id', 'family', 'dose_number']
        )
        batch_op.drop_column('void_reason')
        batch_op.drop_column('voided_at')
        batch_op.drop_column('token')
        batch_op.drop_column('trace_listed')
    with op.batch_alter_table('tickets', schema=None) as batch_op:
        batch_op.drop_column('reason_code')
