"""The APScheduler instance that wakes the bot's timed work (reminders and digests plug into it)."""

from __future__ import annotations

import logging

from apscheduler.schedulers.asyncio import AsyncIOScheduler

log = logging.getLogger(__name__)


class Scheduler:
    def __init__(self) -> None:
        self.scheduler = AsyncIOScheduler(
            timezone="UTC", job_defaults={"coalesce": True, "misfire_grace_time": 60}
        )

    def start(self) -> None:
        self.scheduler.start()
        log.info("scheduler started with %d jobs", len(self.scheduler.get_jobs()))

    def stop(self) -> None:
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)
