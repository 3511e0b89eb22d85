"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-22 11:56:29.809763
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=60), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.String(length=60), nullable=True),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_log_action"), ["action"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_log_at"), ["at"], unique=False)

    op.create_table(
        "cbms",
        sa.Column("number", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("decision", sa.String(length=30), nullable=False),
        sa.Column("decision_date", sa.Date(), nullable=False),
        sa.Column("title", sa.JSON(), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=False),
        sa.Column("keywords", sa.JSON(), nullable=False),
        sa.CheckConstraint("number BETWEEN 1 AND 99", name=op.f("ck_cbms_number")),
        sa.PrimaryKeyConstraint("number", name=op.f("pk_cbms")),
    )
    op.create_table(
        "countries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("iso2", sa.String(length=2), nullable=True),
        sa.Column("status", sa.String(length=30), nullable=False),
        sa.Column("since", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "status IN ('participating_state', 'asian_partner', 'mediterranean_partner', 'none')",
            name=op.f("ck_countries_status"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_countries")),
        sa.UniqueConstraint("iso2", name=op.f("uq_countries_iso2")),
        sa.UniqueConstraint("name", name=op.f("uq_countries_name")),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=255), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("start_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("end_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("all_day", sa.Boolean(), nullable=False),
        sa.Column("location", sa.String(length=300), nullable=True),
        sa.Column("online", sa.Boolean(), nullable=False),
        sa.Column("url", sa.String(length=500), nullable=True),
        sa.Column("organisers", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("status_reason", sa.Text(), nullable=True),
        sa.Column("approximate", sa.Boolean(), nullable=False),
        sa.Column("date_note", sa.Text(), nullable=True),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind IN ('conference', 'study_visit', 'workshop', 'meeting', 'training', 'other')",
            name=op.f("ck_events_kind"),
        ),
        sa.CheckConstraint(
            "status IN ('scheduled', 'cancelled', 'postponed')", name=op.f("ck_events_status")
        ),
        sa.CheckConstraint("end_at >= start_at", name=op.f("ck_events_end_after_start")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
        sa.UniqueConstraint("uid", name=op.f("uq_events_uid")),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index("ix_events_start_at_id", ["start_at", "id"], unique=False)

    op.create_table(
        "guild_settings",
        sa.Column("guild_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=True),
        sa.Column("organiser_role_id", sa.BigInteger(), nullable=True),
        sa.Column("directory_role_id", sa.BigInteger(), nullable=True),
        sa.Column("reminder_channel_id", sa.BigInteger(), nullable=True),
        sa.Column("mirror_events", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("guild_id", name=op.f("pk_guild_settings")),
    )
    op.create_table(
        "contacts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("country_id", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("organisation", sa.String(length=300), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("phone", sa.String(length=50), nullable=True),
        sa.Column("discord_user_id", sa.BigInteger(), nullable=True),
        sa.Column("languages", sa.JSON(), nullable=False),
        sa.Column("last_verified", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("type IN ('policy', 'technical')", name=op.f("ck_contacts_type")),
        sa.ForeignKeyConstraint(
            ["country_id"],
            ["countries.id"],
            name=op.f("fk_contacts_country_id_countries"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contacts")),
    )
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contacts_country_id"), ["country_id"], unique=False)

    op.create_table(
        "country_names",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("country_id", sa.Integer(), nullable=False),
        sa.Column("lang", sa.String(length=5), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("folded", sa.String(length=120), nullable=False),
        sa.ForeignKeyConstraint(
            ["country_id"],
            ["countries.id"],
            name=op.f("fk_country_names_country_id_countries"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_country_names")),
        sa.UniqueConstraint("folded", "lang", name="folded_lang"),
    )
    with op.batch_alter_table("country_names", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_country_names_country_id"), ["country_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_country_names_folded"), ["folded"], unique=False)

    op.create_table(
        "event_cbms",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("cbm_number", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cbm_number"], ["cbms.number"], name=op.f("fk_event_cbms_cbm_number_cbms"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_event_cbms_event_id_events"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("event_id", "cbm_number", name=op.f("pk_event_cbms")),
    )
    with op.batch_alter_table("event_cbms", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_cbms_cbm_number"), ["cbm_number"], unique=False)

    op.create_table(
        "event_countries",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("country_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["country_id"],
            ["countries.id"],
            name=op.f("fk_event_countries_country_id_countries"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_event_countries_event_id_events"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("event_id", "country_id", name=op.f("pk_event_countries")),
    )
    with op.batch_alter_table("event_countries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_countries_country_id"), ["country_id"], unique=False)

    op.create_table(
        "follows",
        sa.Column("user_key", sa.String(length=100), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_follows_event_id_events"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("user_key", "event_id", name=op.f("pk_follows")),
    )
    with op.batch_alter_table("follows", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_follows_event_id"), ["event_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("follows", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_follows_event_id"))

    op.drop_table("follows")
    with op.batch_alter_table("event_countries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_countries_country_id"))

    op.drop_table("event_countries")
    with op.batch_alter_table("event_cbms", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_cbms_cbm_number"))

    op.drop_table("event_cbms")
    with op.batch_alter_table("country_names", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_country_names_folded"))
        batch_op.drop_index(batch_op.f("ix_country_names_country_id"))

    op.drop_table("country_names")
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contacts_country_id"))

    op.drop_table("contacts")
    op.drop_table("guild_settings")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index("ix_events_start_at_id")

    op.drop_table("events")
    op.drop_table("countries")
    op.drop_table("cbms")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_log_at"))
        batch_op.drop_index(batch_op.f("ix_audit_log_action"))

    op.drop_table("audit_log")
