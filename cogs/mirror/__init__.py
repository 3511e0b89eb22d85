"""The Discord Scheduled Events mirror: keeps upcoming events in each opted-in guild's Events tab.

What to mirror is decided by bot.services.mirror (pure); this cog makes the Discord calls, keeps the link
table in step, and tells the admins plainly when the bot lacks the Manage Events permission. A sync runs
shortly after any change to events or to the mirror setting, and every 15 minutes once connected (so that
events that ended leave the tab and the next ones move in)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import TYPE_CHECKING, Any

import discord
from discord.ext import commands, tasks

from bot.commands.locales import shown_name
from bot.services.answer_text import message
from bot.services.mirror import DISCORD_CAP, MirrorPlan, plan_mirror, scheduled_event_payload
from cogs.adapter import NO_MENTIONS

if TYPE_CHECKING:
    from bot.discord_client import CbmBot

log = logging.getLogger(__name__)


def permission_notice(lang: str) -> str:
    """What the admins are told when the bot lacks Manage Events, in the guild's language."""
    return message("post_mirror_forbidden", lang, command="/" + shown_name("settings mirror", lang))


PERMISSION_NOTICE = permission_notice("en")


class MirrorCog(commands.Cog, name="Mirror"):
    def __init__(self, bot: CbmBot) -> None:
        self.bot = bot
        self.pending: set[int] = set()  # guilds waiting for a sync
        self.task: asyncio.Task[None] | None = None
        self.notified: set[int] = set()  # guilds told about the missing permission (once until fixed)
        self.rewrite: set[int] = set()  # guilds whose language changed: their mirrored events written again
        self.lock = asyncio.Lock()

    async def cog_load(self) -> None:
        self.bot.app.events.listeners.append(self._events_changed)
        self.bot.app.guilds.listeners.append(self._setting_changed)

    async def cog_unload(self) -> None:
        with contextlib.suppress(ValueError):
            self.bot.app.events.listeners.remove(self._events_changed)
        with contextlib.suppress(ValueError):
            self.bot.app.guilds.listeners.remove(self._setting_changed)
        self.periodic.cancel()
        if self.task is not None:
            self.task.cancel()

    @commands.Cog.listener()
    async def on_ready(self) -> None:
        if not self.periodic.is_running():
            self.periodic.start()

    @tasks.loop(minutes=15)
    async def periodic(self) -> None:
        await self.sync_all()

    # ------------------------------------------------------------------------------ triggers

    def _events_changed(self) -> None:
        self._schedule(None)

    def _setting_changed(self, guild_id: int, name: str) -> None:
        if name == "language":
            self.rewrite.add(guild_id)
        if name in ("mirror_events", "language"):
            self._schedule(guild_id)

    def _schedule(self, guild_id: int | None) -> None:
        """Sync soon (changes in a burst are synced together); never inside the caller's action."""
        if guild_id is not None:
            self.pending.add(guild_id)
        else:
            self.pending.add(-1)  # every mirrored guild
        if self.task is None or self.task.done():
            self.task = asyncio.get_running_loop().create_task(self._run_pending(), name="mirror-sync")

    async def _run_pending(self) -> None:
        await asyncio.sleep(1)
        while self.pending:
            wanted, self.pending = self.pending, set()
            try:
                if -1 in wanted:
                    await self.sync_all(extra=wanted - {-1})
                else:
                    for guild_id in wanted:
                        await self.sync_guild(guild_id)
            except Exception:
                log.exception("the Scheduled Events mirror failed")

    async def sync_all(self, extra: set[int] | None = None) -> None:
        guilds = set(await self.bot.app.guilds.mirrored_guilds()) | set(extra or ())
        for guild_id in sorted(guilds):
            await self.sync_guild(guild_id)

    # ------------------------------------------------------------------------------ one guild

    async def sync_guild(self, guild_id: int) -> MirrorPlan | None:
        """Bring one guild's Events tab in line with the plan; returns the plan carried out (None when the
        bot lacked the permission)."""
        async with self.lock:
            try:
                return await self._sync(guild_id)
            except discord.Forbidden:
                await self._tell_admins(guild_id)
                return None

    async def _sync(self, guild_id: int) -> MirrorPlan:
        app, http = self.bot.app, self.bot.http
        now = app.now()
        enabled, links, candidates = await app.mirror.state(guild_id, now)
        lang = (await app.guilds.get(guild_id)).language  # the events' places in the guild's language
        if not enabled:
            plan = MirrorPlan(delete=list(links))
        else:
            existing = await http.get_scheduled_events(guild_id, False)
            present = {int(e["id"]) for e in existing}
            ours = {link.discord_event_id for link in links}
            for link in links:
                if link.discord_event_id not in present:  # removed by hand in Discord: make it again
                    await app.mirror.forget(guild_id, link.event_id)
            links = [link for link in links if link.discord_event_id in present]
            others = len(present - ours)
            rewrite = guild_id in self.rewrite
            plan = plan_mirror(candidates, links, now, room=DISCORD_CAP - others, rewrite=rewrite)
        for link in plan.delete:
            with contextlib.suppress(discord.NotFound):
                await http.delete_scheduled_event(guild_id, link.discord_event_id, reason="cbm-bot mirror")
            await app.mirror.forget(guild_id, link.event_id)
        for link, event in plan.update:
            body = scheduled_event_payload(event, lang=lang)
            try:
                await http.edit_scheduled_event(
                    guild_id, link.discord_event_id, reason="cbm-bot mirror", **body
                )
            except discord.NotFound:
                await app.mirror.forget(guild_id, link.event_id)
                continue
            except discord.HTTPException as exc:
                if isinstance(exc, discord.Forbidden):
                    raise
                log.warning("mirror: Discord refused the change of event #%s: %s", event.id, exc)
                continue
            await app.mirror.record(guild_id, event.id, link.discord_event_id, event.sequence, now)
        for event in plan.create:
            try:
                made: Any = await http.create_guild_scheduled_event(
                    guild_id, reason="cbm-bot mirror", **scheduled_event_payload(event, lang=lang)
                )
            except discord.HTTPException as exc:
                if isinstance(exc, discord.Forbidden):
                    raise
                log.warning("mirror: Discord refused event #%s: %s", event.id, exc)
                continue
            await app.mirror.record(guild_id, event.id, int(made["id"]), event.sequence, now)
        self.notified.discard(guild_id)
        self.rewrite.discard(guild_id)
        return plan

    async def _tell_admins(self, guild_id: int) -> None:
        """Say once (until a sync works again) what is missing: in the reminder channel, else the server's
        system channel, else to the owner in a direct message."""
        log.warning("mirror: missing Manage Events permission in guild %s", guild_id)
        if guild_id in self.notified:
            return
        self.notified.add(guild_id)
        config = await self.bot.app.guilds.get(guild_id)
        guild = self.bot.get_guild(guild_id)
        channel: Any = None
        if config.reminder_channel_id:
            channel = self.bot.get_channel(config.reminder_channel_id)
        if channel is None and guild is not None:
            channel = guild.system_channel
        try:
            if channel is not None:
                await channel.send(permission_notice(config.language), allowed_mentions=NO_MENTIONS)
            elif guild is not None and guild.owner_id:
                owner = await self.bot.fetch_user(guild.owner_id)
                notice = permission_notice(config.language)
                await owner.send(f"{guild.name}: {notice}", allowed_mentions=NO_MENTIONS)
        except discord.HTTPException as exc:
            log.warning("mirror: could not tell the admins of guild %s: %s", guild_id, exc)


async def setup(bot: CbmBot) -> None:
    await bot.add_cog(MirrorCog(bot))
