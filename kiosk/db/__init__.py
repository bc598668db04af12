"""Storage: SQLAlchemy Core over SQLite (default) or PostgreSQL, migrated with Alembic."""
