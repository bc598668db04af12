"""the vaccination record: documents, doses, dose rules

Revision ID: 5e2b7c9d1f04
Revises: 3d5f0b8e9a21
Create Date: 2026-12-01 01:00:00
"""

from alembic import op
import sqlalchemy as sa

from kiosk.db.schema import UTCDateTime


revision = '5e2b7c9d1f04'
down_revision = '3d5f0b8e9a21'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'rule_sets',
        sa.Column('site', sa.String(length=32), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('digest', sa.String(length=64), nullable=False),
        sa.Column('rules', sa.JSON(), nullable=False),
        sa.Column('created_at', UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint('site', 'version', name=op.f('pk_rule_sets')),
    )
    with op.batch_alter_table('days', schema=None) as batch_op:
        batch_op.add_column(sa.Column('rules_version', sa.Integer(), nullable=True))
    with op.batch_alter_table('persons', schema=None) as batch_op:
        batch_op.add_column(sa.Column('document_type', sa.String(length=24), nullable=True))
        batch_op.add_column(
            sa.Column('document_country', sa.String(length=3), server_default='', nullable=False)
        )
        batch_op.add_column(sa.Column('birth_date', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('sex', sa.String(length=8), nullable=True))
        batch_op.drop_index('ix_persons_site_id_number')
    # Every number stored before documents had kinds was a resident ID.
    op.execute(
        "UPDATE persons SET document_type = 'resident_id' WHERE id_number IS NOT NULL"
    )
    with op.batch_alter_table('persons', schema=None) as batch_op:
        batch_op.create_index(
            'ix_persons_site_document',
            ['site', 'document_type', 'id_number', 'document_country'],
            unique=True,
        )
    with op.batch_alter_table('tickets', schema=None) as batch_op:
        batch_op.add_column(sa.Column('product', sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column('dose_kind', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('override_reason', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('consent_at', UTCDateTime(), nullable=True))
        batch_op.create_index('ix_tickets_person', ['person_id'], unique=False)
    op.create_table(
        'doses',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('site', sa.String(length=32), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('ticket_id', sa.Integer(), nullable=True),
        sa.Column('given_on', sa.Date(), nullable=False),
        sa.Column('vaccinated_at', UTCDateTime(), nullable=True),
        sa.Column('product', sa.String(length=100), nullable=False),
        sa.Column('manufacturer', sa.String(length=100), server_default='', nullable=False),
        sa.Column('family', sa.String(length=32), nullable=False),
        sa.Column('lot', sa.String(length=64), server_default='', nullable=False),
        sa.Column('lot_id', sa.Integer(), nullable=True),
        sa.Column('trace_code', sa.String(length=64), nullable=True),
        sa.Column('dose_number', sa.Integer(), nullable=False),
        sa.Column('dose_kind', sa.String(length=16), nullable=False),
        sa.Column('station', sa.String(length=64), server_default='', nullable=False),
        sa.Column('nurse', sa.String(length=64), server_default='', nullable=False),
        sa.Column('place', sa.String(length=100), nullable=True),
        sa.Column('override_reason', sa.String(length=32), nullable=True),
        sa.Column('corrected', sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column('recorded_at', UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ['lot_id'], ['lots.id'], name=op.f('fk_doses_lot_id_lots')
        ),
        sa.ForeignKeyConstraint(
            ['person_id'], ['persons.id'], name=op.f('fk_doses_person_id_persons')
        ),
        sa.ForeignKeyConstraint(
            ['ticket_id'], ['tickets.id'], name=op.f('fk_doses_ticket_id_tickets')
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_doses')),
        sa.UniqueConstraint(
            'site', 'person_id', 'family', 'dose_number', name='uq_doses_site_person_id'
        ),
    )
    with op.batch_alter_table('doses', schema=None) as batch_op:
        batch_op.create_index('ix_doses_site_given_on', ['site', 'given_on'], unique=False)
        batch_op.create_index('ix_doses_ticket', ['ticket_id'], unique=False)
    # Doses given before the record existed: one row per vaccinated ticket, numbered as typed
    # (a number typed twice for one person keeps its first dose; the tickets keep both).
    op.execute(
        """
        INSERT INTO doses (site, person_id, ticket_id, given_on, vaccinated_at, product,
                           manufacturer, family, lot, lot_id, dose_number, dose_kind, station,
                           nurse, corrected, recorded_at)
        SELECT t.site, t.person_id, t.id, t.day, t.vaccinated_at, l.product, '', l.product,
               l.lot, l.id, t.dose_number, 'primary', '', '', false, t.vaccinated_at
        FROM tickets t JOIN lots l ON l.id = t.lot_id
        WHERE t.vaccinated_at IS NOT NULL AND t.person_id IS NOT NULL
          AND t.dose_number IS NOT NULL
          AND NOT EXISTS (
              SELECT 1 FROM tickets t2 JOIN lots l2 ON l2.id = t2.lot_id
              WHERE t2.person_id = t.person_id AND l2.product = l.product
                AND t2.dose_number = t.dose_number AND t2.vaccinated_at IS NOT NULL
                AND t2.id < t.id
          )
        """
    )


def downgrade() -> None:
    op.drop_table('doses')
    with op.batch_alter_table('tickets', schema=None) as batch_op:
        batch_op.drop_index('ix_tickets_person')
        batch_op.drop_column('consent_at')
        batch_op.drop_column('override_reason')
        batch_op.drop_column('dose_kind')
        batch_op.drop_column('product')
    with op.batch_alter_table('persons', schema=None) as batch_op:
        batch_op.drop_index('ix_persons_site_document')
        batch_op.drop_column('sex')
        batch_op.drop_column('birth_date')
        batch_op.drop_column('document_country')
        batch_op.drop_column('document_type')
        batch_op.create_index('ix_persons_site_id_number', ['site', 'id_number'], unique=False)
    with op.batch_alter_table('days', schema=None) as batch_op:
        batch_op.drop_column('rules_version')
    op.drop_table('rule_sets')
