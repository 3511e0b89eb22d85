"""`cbmbot run`: HTTP server, scheduler, and Discord or the console chat, with a clean stop."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import time

from bot.app import App, open_app
from bot.commchecks.delivery import ConsolePingSender
from bot.commchecks.dispatch import CommCheckDispatcher
from bot.reminders.dispatcher import ReminderDispatcher
from bot.reminders.senders import ConsoleSender
from bot.scheduler import Scheduler
from bot.settings import Settings
from calendars.web import WebServer

log = logging.getLogger(__name__)


async def run(settings: Settings, console: bool | None = None) -> int:
    async with open_app(settings) as app:
        await serve(app, settings, console)
    return 0


async def warm_answers(app: App) -> None:
    try:
        began = time.monotonic()
        await app.answers.warm()
        log.info(
            "answers ready (semantic retrieval: %s) in %.1f s",
            app.answers.semantic_name,
            time.monotonic() - began,
        )
    except asyncio.CancelledError:
        raise
    except Exception:  # the answers then fall back to the full-text index alone
        log.exception("answers: could not load the semantic model; using the full-text index alone")


async def serve(app: App, settings: Settings, console: bool | None) -> None:
    """Everything `run` starts, until SIGINT, SIGTERM or the end of the console chat; stopped in reverse."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    web = WebServer(app)
    scheduler = Scheduler()
    reminders = ReminderDispatcher(app, scheduler.scheduler)
    # Pings go out only from the process that dispatches reminders (the one leadership hook).
    commchecks = CommCheckDispatcher(app, scheduler.scheduler, leads=reminders.leads)
    app.metrics.watch_dispatcher(reminders)  # leadership and lease epoch on /metrics
    tasks: list[asyncio.Task[object]] = []
    tasks_to_cancel: list[asyncio.Task[None]] = []
    try:
        await web.start()
        log.info("HTTP server on http://%s:%s (health: /healthz)", settings.http_host, settings.http_port)
        scheduler.start()
        if not settings.discord_token:
            app.reminder_sender = ConsoleSender()  # delivered reminders go to standard output
            app.ping_senders["discord"] = ConsolePingSender()  # pings printed with their links
        await reminders.start()
        await commchecks.start()
        # The answers' model and passage vectors, loaded in the background so that start-up does not wait.
        warming = asyncio.create_task(warm_answers(app), name="answers-warm")
        tasks_to_cancel.append(warming)
        if settings.discord_token:
            from bot.discord_client import run_discord

            tasks.append(asyncio.create_task(run_discord(app, stop), name="discord"))
        elif settings.serves_console(console):
            from bot.console import run_console

            tasks.append(asyncio.create_task(run_console(app, stop), name="console"))
        else:
            log.info("no DISCORD_TOKEN and no terminal: serving HTTP and the scheduler until stopped")
        await stop.wait()
        log.info("stopping")
    finally:
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(sig)
        stop.set()
        for task in tasks_to_cancel:
            task.cancel()
        for task in tasks_to_cancel:  # let them close what they hold (a database session) before the engine
            with contextlib.suppress(asyncio.CancelledError, asyncio.TimeoutError, Exception):
                await asyncio.wait_for(task, timeout=10)
        for task in tasks:
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(asyncio.shield(task), timeout=10)
            if not task.done():
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            elif not task.cancelled() and task.exception() is not None:
                log.error("%s stopped with an error: %s", task.get_name(), task.exception())
        await commchecks.stop()
        await reminders.stop()
        scheduler.stop()
        await web.stop()
