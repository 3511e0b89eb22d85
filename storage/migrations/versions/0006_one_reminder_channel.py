"""one reminder channel: kept in reminder_settings only

The guild settings had a reminder channel of their own that the reminder planner never read. Any value
stored there moves to the guild's reminder settings (when those name no channel yet); the column goes.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22 13:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(
        """
        UPDATE reminder_settings
        SET channel_id = (
            SELECT g.reminder_channel_id FROM guild_settings g WHERE g.guild_id = reminder_settings.guild_id
        )
        WHERE channel_id IS NULL
        """
    )
    with op.batch_alter_table("guild_settings", schema=None) as batch_op:
        batch_op.drop_column("reminder_channel_id")


def downgrade() -> None:
    with op.batch_alter_table("guild_settings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reminder_channel_id", sa.BigInteger(), nullable=True))
    op.execute(
        """
        UPDATE guild_settings
        SET reminder_channel_id = (
            SELECT r.channel_id FROM reminder_settings r WHERE r.guild_id = guild_settings.guild_id
        )
        """
    )
