"""The APScheduler instance that wakes the bot's timed work (reminders and digests plug into it)."""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import uuid
from collections.abc import Callable
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler

log = logging.getLogger(__name__)


def worker_id(tag: str = "") -> str:
    """This process's name in claims and logs: host, pid and a random part (``tag`` names the worker)."""
    return f"{socket.gethostname()}:{os.getpid()}:{tag}{uuid.uuid4().hex[:6]}"


def poll_every(scheduler: Any, target: str, job_id: str, seconds: float, **kwargs: Any) -> None:
    """Run ``target`` (a "module:function" reference: the job keeps only it and ids, never objects) every
    ``seconds``: one run at a time, missed runs folded into one, none dropped for being late."""
    scheduler.add_job(
        target,
        "interval",
        seconds=seconds,
        id=job_id,
        kwargs=kwargs,
        replace_existing=True,
        max_instances=1,
        coalesce=True,
        misfire_grace_time=None,
    )


def remove_jobs(scheduler: Any, wanted: Callable[[str], bool]) -> None:
    """Remove the jobs whose id ``wanted`` accepts (one that has just run and gone is no error)."""
    for job in list(scheduler.get_jobs()):
        if wanted(job.id):
            with contextlib.suppress(Exception):
                job.remove()


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
