"""venue country and button actions

Events know the country they are held in (`venue_country_id`, empty for online events); it is filled here
from the location when a country's name is in it. `button_actions` keeps the command of a Discord button
whose command does not fit in the button's own custom_id, so that the button works for good.

Revision ID: 0010
Revises: 0006
Create Date: 2026-11-28 04:50:00
"""

import re
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage.text import fold

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("venue_country_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_events_venue_country_id"), ["venue_country_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_events_venue_country_id_countries"),
            "countries",
            ["venue_country_id"],
            ["id"],
            ondelete="SET NULL",
        )
    op.create_table(
        "button_actions",
        sa.Column("key", sa.String(length=32), nullable=False),
        sa.Column("command", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_button_actions")),
    )
    # Existing events: the venue country from a country name (any language) in the location.
    bind = op.get_bind()
    names = bind.execute(sa.text("SELECT country_id, name FROM country_names")).all()
    by_name = {fold(name): cid for cid, name in names if fold(name)}
    if not by_name:
        return
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, sorted(by_name, key=len, reverse=True))) + r")\b")
    for event_id, location in bind.execute(
        sa.text("SELECT id, location FROM events WHERE location IS NOT NULL")
    ).all():
        found = pattern.findall(fold(location))
        if found:
            bind.execute(
                sa.text("UPDATE events SET venue_country_id = :c WHERE id = :i"),
                {"c": by_name[found[-1]], "i": event_id},
            )


def downgrade() -> None:
    op.drop_table("button_actions")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_events_venue_country_id_countries"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_events_venue_country_id"))
        batch_op.drop_column("venue_country_id")
