"""The commands of chat buttons too long for Discord's custom_id, kept for good by a key."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.repositories import ButtonActionRepository


class ButtonService:
    def __init__(self, db: async_sessionmaker[AsyncSession]) -> None:
        self.db = db
        self._known: set[str] = set()  # keys written by this process (no second write)

    async def remember(self, key: str, command: str, now: dt.datetime) -> None:
        if key in self._known:
            return
        async with self.db.begin() as session:
            await ButtonActionRepository(session).put(key, command, now)
        self._known.add(key)

    async def command(self, key: str) -> str | None:
        async with self.db() as session:
            return await ButtonActionRepository(session).get(key)
