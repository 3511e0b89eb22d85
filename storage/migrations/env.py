"""Alembic environment: runs the migrations over the async engine named in the config."""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy.engine import Connection

from storage.engine import make_engine
from storage.models import Base

config = context.config
target_metadata = Base.metadata


def _include_object(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    """Leave the answers' full-text machinery alone: the FTS5 tables (SQLite) and the generated tsvector
    column (PostgreSQL) are made by migration 0005, not by the models."""
    if type_ == "table" and reflected and compare_to is None and (name or "").startswith("search_fts"):
        return False
    if type_ == "index" and reflected and compare_to is None and name == "ix_search_docs_tsv":
        return False
    return not (type_ == "column" and reflected and compare_to is None and name == "tsv")


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_object=_include_object,
    )
    with context.begin_transaction():
        context.run_migrations()


async def _online() -> None:
    engine = make_engine(config.get_main_option("sqlalchemy.url"))
    try:
        async with engine.connect() as connection:
            await connection.run_sync(_run)
            await connection.commit()
    finally:
        await engine.dispose()


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
    elif context.is_offline_mode():
        context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata)
        with context.begin_transaction():
            context.run_migrations()
    else:
        asyncio.run(_online())


run()
