"""the manager's day: an inventory that carries over, a close that balances, the cold chain

Revision ID: 7b4d9e3f5c26
Revises: 6a3c8d2e4b15
Create Date: 2026-12-01 01:30:00
"""

from alembic import op
import sqlalchemy as sa

from kiosk.db.schema import UTCDateTime


revision = '7b4d9e3f5c26'
down_revision = '6a3c8d2e4b15'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'inventory',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('site', sa.String(length=32), nullable=False),
        sa.Column('product', sa.String(length=100), nullable=False),
        sa.Column('lot', sa.String(length=64), nullable=False),
        sa.Column('expiry', sa.Date(), nullable=False),
        sa.Column('doses_per_vial', sa.Integer(), nullable=False),
        sa.Column('use_within_minutes', sa.Integer(), nullable=False),
        sa.Column('vials', sa.Integer(), nullable=False),
        sa.Column('received_at', UTCDateTime(), nullable=False),
        sa.Column('updated_at', UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_inventory')),
        sa.UniqueConstraint('site', 'product', 'lot', name='uq_inventory_site_product_lot'),
    )
    op.create_table(
        'inventory_boxes',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('site', sa.String(length=32), nullable=False),
        sa.Column('inventory_id', sa.Integer(), nullable=False),
        sa.Column('code', sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ['inventory_id'], ['inventory.id'], name=op.f('fk_inventory_boxes_inventory_id_inventory')
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_inventory_boxes')),
        sa.UniqueConstraint(
            'site', 'inventory_id', 'code', name='uq_inventory_boxes_site_inv_code'
        ),
    )
    with op.batch_alter_table('lots', schema=None) as batch_op:
        batch_op.add_column(sa.Column('inventory_id', sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column('vials_returned', sa.Integer(), server_default='0', nullable=False)
        )
        batch_op.create_foreign_key(
            op.f('fk_lots_inventory_id_inventory'), 'inventory', ['inventory_id'], ['id']
        )
    with op.batch_alter_table('days', schema=None) as batch_op:
        batch_op.add_column(sa.Column('fridge_open_c', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('fridge_close_c', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('cleared_to_zero', sa.Boolean(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('days', schema=None) as batch_op:
        batch_op.drop_column('cleared_to_zero')
        batch_op.drop_column('fridge_close_c')
        batch_op.drop_column('fridge_open_c')
    with op.batch_alter_table('lots', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('fk_lots_inventory_id_inventory'), type_='foreignkey')
        batch_op.drop_column('vials_returned')
        batch_op.drop_column('inventory_id')
    op.drop_table('inventory_boxes')
    op.drop_table('inventory')
