"""communication checks

Revision ID: 0012
Revises: 0006
Create Date: 2026-11-28 04:54:26.410252
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | Sequence[str] | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "comm_check_schedules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("guild_id", sa.BigInteger(), nullable=True),
        sa.Column("channel_id", sa.BigInteger(), nullable=True),
        sa.Column("scope", sa.String(length=20), nullable=False),
        sa.Column("countries", sa.JSON(), nullable=False),
        sa.Column("deadline_seconds", sa.Integer(), nullable=False),
        sa.Column("every", sa.String(length=20), nullable=False),
        sa.Column("weekday", sa.String(length=3), nullable=False),
        sa.Column("time", sa.String(length=5), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("next_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_by", sa.String(length=200), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "scope IN ('all', 'policy', 'technical')", name=op.f("ck_comm_check_schedules_scope")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_comm_check_schedules")),
    )
    op.create_table(
        "comm_checks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("schedule_id", sa.Integer(), nullable=True),
        sa.Column("scheduled_for", sa.DateTime(timezone=True), nullable=True),
        sa.Column("guild_id", sa.BigInteger(), nullable=True),
        sa.Column("channel_id", sa.BigInteger(), nullable=True),
        sa.Column("scope", sa.String(length=20), nullable=False),
        sa.Column("countries", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("remind_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("escalate_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deadline_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reminded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("escalated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_by", sa.String(length=200), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("kind IN ('check', 'confirm')", name=op.f("ck_comm_checks_kind")),
        sa.CheckConstraint("scope IN ('all', 'policy', 'technical')", name=op.f("ck_comm_checks_scope")),
        sa.CheckConstraint("status IN ('open', 'closed', 'cancelled')", name=op.f("ck_comm_checks_status")),
        sa.ForeignKeyConstraint(
            ["schedule_id"],
            ["comm_check_schedules.id"],
            name=op.f("fk_comm_checks_schedule_id_comm_check_schedules"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_comm_checks")),
        sa.UniqueConstraint("schedule_id", "scheduled_for", name="uq_comm_checks_schedule_run"),
    )
    with op.batch_alter_table("comm_checks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_comm_checks_schedule_id"), ["schedule_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_comm_checks_status"), ["status"], unique=False)

    op.create_table(
        "comm_check_targets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("check_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("country_id", sa.Integer(), nullable=False),
        sa.Column("country", sa.String(length=100), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("type", sa.String(length=20), nullable=False),
        sa.Column("language", sa.String(length=5), nullable=False),
        sa.Column("acked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ack_channel", sa.String(length=20), nullable=True),
        sa.Column("ack_ping_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["check_id"],
            ["comm_checks.id"],
            name=op.f("fk_comm_check_targets_check_id_comm_checks"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_comm_check_targets_contact_id_contacts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["country_id"],
            ["countries.id"],
            name=op.f("fk_comm_check_targets_country_id_countries"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_comm_check_targets")),
        sa.UniqueConstraint("check_id", "contact_id", name="uq_comm_check_targets_contact"),
    )
    with op.batch_alter_table("comm_check_targets", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_comm_check_targets_check_id"), ["check_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_comm_check_targets_contact_id"), ["contact_id"], unique=False)

    op.create_table(
        "contact_corrections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("check_id", sa.Integer(), nullable=True),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("proposed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_by", sa.String(length=200), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "status IN ('pending', 'approved', 'rejected')", name=op.f("ck_contact_corrections_status")
        ),
        sa.ForeignKeyConstraint(
            ["check_id"],
            ["comm_checks.id"],
            name=op.f("fk_contact_corrections_check_id_comm_checks"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_contact_corrections_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_corrections")),
    )
    with op.batch_alter_table("contact_corrections", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contact_corrections_contact_id"), ["contact_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_contact_corrections_status"), ["status"], unique=False)

    op.create_table(
        "comm_check_pings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("check_id", sa.Integer(), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("purpose", sa.String(length=20), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("recipient", sa.String(length=40), nullable=False),
        sa.Column("recipient_name", sa.String(length=200), nullable=False),
        sa.Column("address", sa.String(length=254), nullable=True),
        sa.Column("language", sa.String(length=5), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("claimed_by", sa.String(length=100), nullable=True),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "channel IN ('discord', 'email', 'none')", name=op.f("ck_comm_check_pings_channel")
        ),
        sa.CheckConstraint(
            "purpose IN ('initial', 'reminder', 'escalation')", name=op.f("ck_comm_check_pings_purpose")
        ),
        sa.CheckConstraint(
            "status IN ('pending', 'claimed', 'sent', 'failed', 'undeliverable', 'withdrawn')",
            name=op.f("ck_comm_check_pings_status"),
        ),
        sa.ForeignKeyConstraint(
            ["check_id"],
            ["comm_checks.id"],
            name=op.f("fk_comm_check_pings_check_id_comm_checks"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["target_id"],
            ["comm_check_targets.id"],
            name=op.f("fk_comm_check_pings_target_id_comm_check_targets"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_comm_check_pings")),
        sa.UniqueConstraint("target_id", "purpose", "channel", "recipient", name="uq_comm_check_pings_key"),
    )
    with op.batch_alter_table("comm_check_pings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_comm_check_pings_check_id"), ["check_id"], unique=False)
        batch_op.create_index("ix_comm_check_pings_status_next_at", ["status", "next_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_comm_check_pings_target_id"), ["target_id"], unique=False)

    op.create_table(
        "comm_ack_tokens",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("ping_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["ping_id"],
            ["comm_check_pings.id"],
            name=op.f("fk_comm_ack_tokens_ping_id_comm_check_pings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_comm_ack_tokens")),
    )
    with op.batch_alter_table("comm_ack_tokens", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_comm_ack_tokens_ping_id"), ["ping_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("comm_ack_tokens", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_comm_ack_tokens_ping_id"))

    op.drop_table("comm_ack_tokens")
    with op.batch_alter_table("comm_check_pings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_comm_check_pings_target_id"))
        batch_op.drop_index("ix_comm_check_pings_status_next_at")
        batch_op.drop_index(batch_op.f("ix_comm_check_pings_check_id"))

    op.drop_table("comm_check_pings")
    with op.batch_alter_table("contact_corrections", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contact_corrections_status"))
        batch_op.drop_index(batch_op.f("ix_contact_corrections_contact_id"))

    op.drop_table("contact_corrections")
    with op.batch_alter_table("comm_check_targets", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_comm_check_targets_contact_id"))
        batch_op.drop_index(batch_op.f("ix_comm_check_targets_check_id"))

    op.drop_table("comm_check_targets")
    with op.batch_alter_table("comm_checks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_comm_checks_status"))
        batch_op.drop_index(batch_op.f("ix_comm_checks_schedule_id"))

    op.drop_table("comm_checks")
    op.drop_table("comm_check_schedules")
