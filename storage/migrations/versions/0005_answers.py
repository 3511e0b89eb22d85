"""answers: the full-text index (search_docs, with FTS5 on SQLite and tsvector + GIN on PostgreSQL)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22 12:01:56.282690
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQLITE = (
    "CREATE VIRTUAL TABLE search_fts USING fts5(body, content='search_docs', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER search_docs_ai AFTER INSERT ON search_docs BEGIN "
    "INSERT INTO search_fts(rowid, body) VALUES (new.id, new.body); END",
    "CREATE TRIGGER search_docs_ad AFTER DELETE ON search_docs BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, body) VALUES ('delete', old.id, old.body); END",
    "CREATE TRIGGER search_docs_au AFTER UPDATE ON search_docs BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, body) VALUES ('delete', old.id, old.body); "
    "INSERT INTO search_fts(rowid, body) VALUES (new.id, new.body); END",
)
SQLITE_DROP = (
    "DROP TRIGGER IF EXISTS search_docs_au",
    "DROP TRIGGER IF EXISTS search_docs_ad",
    "DROP TRIGGER IF EXISTS search_docs_ai",
    "DROP TABLE IF EXISTS search_fts",
)
POSTGRES = (
    "ALTER TABLE search_docs ADD COLUMN tsv tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', body)) STORED",
    "CREATE INDEX ix_search_docs_tsv ON search_docs USING gin (tsv)",
)
POSTGRES_DROP = ("DROP INDEX IF EXISTS ix_search_docs_tsv",)


def upgrade() -> None:
    op.create_table(
        "search_docs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("lang", sa.String(length=5), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_search_docs_event_id_events"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_docs")),
        sa.UniqueConstraint("kind", "key", "lang", name="kind_key_lang"),
    )
    with op.batch_alter_table("search_docs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_search_docs_event_id"), ["event_id"], unique=False)
    # The index is filled by `cbmbot seed` (or on first use) and kept current on every event change.
    dialect = op.get_bind().dialect.name
    for statement in SQLITE if dialect == "sqlite" else POSTGRES if dialect == "postgresql" else ():
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for statement in SQLITE_DROP if dialect == "sqlite" else POSTGRES_DROP if dialect == "postgresql" else ():
        op.execute(statement)
    with op.batch_alter_table("search_docs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_search_docs_event_id"))
    op.drop_table("search_docs")
