"""events by site, day and kind: the reconciliation and the reports read one day's events

Revision ID: a4c7e1f9b203
Revises: 9d2e4b7a1c58
Create Date: 2026-12-01 04:10:00
"""

from alembic import op


revision = 'a4c7e1f9b203'
down_revision = '9d2e4b7a1c58'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_events_site_day_kind', 'events', ['site', 'day', 'kind'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_events_site_day_kind', table_name='events')
