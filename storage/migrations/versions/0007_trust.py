"""trust: one active private feed token per person; the audit log records where an action came from

Before the unique index is created, any person with more than one active token keeps only the newest
(the others are revoked at the newest one's creation time, as a reset would have done).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-28 04:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(
        """
        UPDATE feed_tokens
        SET revoked_at = (
            SELECT MAX(n.created_at) FROM feed_tokens n
            WHERE n.user_key = feed_tokens.user_key AND n.revoked_at IS NULL
        )
        WHERE revoked_at IS NULL
          AND id < (
            SELECT MAX(n.id) FROM feed_tokens n
            WHERE n.user_key = feed_tokens.user_key AND n.revoked_at IS NULL
          )
        """
    )
    op.create_index(
        "ux_feed_tokens_one_active",
        "feed_tokens",
        ["user_key"],
        unique=True,
        sqlite_where=sa.text("revoked_at IS NULL"),
        postgresql_where=sa.text("revoked_at IS NULL"),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("origin", sa.String(length=120), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_column("origin")
    op.drop_index("ux_feed_tokens_one_active", table_name="feed_tokens")
