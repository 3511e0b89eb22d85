"""The console transport: chat with the bot in a terminal through the same command layer as Discord."""

from __future__ import annotations

import asyncio
import contextlib
import sys
import threading
from typing import TextIO

from bot.app import App
from bot.commands import REGISTRY, Context
from bot.services.principal import Principal, Role
from bot.text import TextTimes, render_text

CONSOLE_USER = Principal("console:operator", "operator", frozenset(Role), origin="console")
BANNER = "cbm-bot console chat. /help lists the commands; /quit or Ctrl-D ends."
QUIT = {"/quit", "/exit", "quit", "exit"}


def make_context(app: App, principal: Principal, transport: str = "console") -> Context:
    return Context(
        app=app,
        principal=principal,
        now=app.now(),
        times=TextTimes(app.settings.zone),
        zone=app.settings.zone,
        transport=transport,
    )


async def handle_line(
    app: App, principal: Principal, line: str, transport: str = "console"
) -> tuple[str, bool]:
    """One message through the command layer: (text to show, ok)."""
    reply = await REGISTRY.handle_message(make_context(app, principal, transport), line)
    return render_text(reply), reply.ok


def _reader(
    loop: asyncio.AbstractEventLoop, queue: asyncio.Queue[str | None], stream: TextIO, turn: threading.Event
) -> None:
    """Blocking reads in a daemon thread (it must never keep the process alive at exit). The prompt waits
    for ``turn``: the previous reply is printed first."""
    interactive = stream.isatty()
    if interactive:
        with contextlib.suppress(ImportError):
            import readline  # noqa: F401  (line editing and history for input())
    while True:
        turn.wait()
        turn.clear()
        try:
            line = input("cbm> ") if interactive and stream is sys.stdin else stream.readline()
            if not interactive and line == "":
                raise EOFError
        except (EOFError, KeyboardInterrupt, ValueError, OSError):
            if interactive:
                print(flush=True)  # end the prompt's line
            loop.call_soon_threadsafe(queue.put_nowait, None)
            return
        loop.call_soon_threadsafe(queue.put_nowait, line.rstrip("\n"))


async def run_console(
    app: App,
    stop: asyncio.Event,
    *,
    principal: Principal = CONSOLE_USER,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
) -> None:
    """Read messages until EOF, /quit or ``stop``; then set ``stop`` so the whole process ends."""
    out = stdout or sys.stdout
    queue: asyncio.Queue[str | None] = asyncio.Queue()
    turn = threading.Event()
    turn.set()
    thread = threading.Thread(
        target=_reader,
        args=(asyncio.get_running_loop(), queue, stdin or sys.stdin, turn),
        daemon=True,
        name="console",
    )
    print(BANNER, file=out, flush=True)
    thread.start()
    stopping = asyncio.ensure_future(stop.wait())
    try:
        while not stop.is_set():
            getter = asyncio.ensure_future(queue.get())
            done, _ = await asyncio.wait({getter, stopping}, return_when=asyncio.FIRST_COMPLETED)
            if getter not in done:
                getter.cancel()
                break
            line = getter.result()
            if line is None or line.strip().lower() in QUIT:
                break
            if line.strip():
                text, _ok = await handle_line(app, principal, line)
                print(text + "\n", file=out, flush=True)
            turn.set()
    finally:
        stopping.cancel()
        stop.set()
