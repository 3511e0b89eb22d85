"""The subscribe page in headless Chromium (Debian's `chromium`), phone-sized: screenshot and DOM checked."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import shutil
import struct
import zlib
from pathlib import Path

import pytest

from bot.services.events import EventDraft
from bot.services.principal import OPERATOR
from tests.test_feeds_http import start

REQUIRE = os.environ.get("CBMBOT_REQUIRE_NODE") == "1"  # CI: browsers are required like Node.js
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--window-size=412,1400",
]


@pytest.fixture
def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if REQUIRE:
            pytest.fail("CBMBOT_REQUIRE_NODE=1 but chromium is not installed (apt-get install chromium)")
        pytest.skip("chromium is not installed")
    return found


async def run_chromium(binary: str, profile: Path, *args: str) -> bytes:
    process = await asyncio.create_subprocess_exec(
        binary, *FLAGS, f"--user-data-dir={profile}", *args,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    try:
        out, err = await asyncio.wait_for(process.communicate(), timeout=90)
    except TimeoutError:
        process.kill()
        await process.wait()
        raise
    assert process.returncode == 0, err.decode(errors="replace")[-2000:]
    return out


def png_pixels(data: bytes) -> tuple[int, int, bytes]:
    """Width, height and the raw (filtered) scanlines of a PNG: enough to tell a blank image."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, height = 8, b"", 0, 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        chunk = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", chunk[:8])
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    return width, height, zlib.decompress(idat)


async def test_subscribe_page_in_headless_chromium(app, chromium, tmp_path):
    draft = EventDraft(
        title="Workshop on CBM 8 communication checks",
        kind="workshop",
        start=dt.datetime(2026, 12, 10, 9, 30, tzinfo=dt.UTC),
        end=dt.datetime(2026, 12, 10, 16, 0, tzinfo=dt.UTC),
        timezone="Europe/Vienna",
        location="Hofburg, Vienna",
        cbms=[8],
        countries=["Austria"],
    )
    event = await app.events.create(draft, OPERATOR, app.now())
    runner, port, _ = await start(app)
    try:
        url = f"http://127.0.0.1:{port}/"
        shot = tmp_path / "page.png"
        await run_chromium(chromium, tmp_path / "profile-shot", f"--screenshot={shot}", url)
        dom = (await run_chromium(chromium, tmp_path / "profile-dom", "--dump-dom", url)).decode()
    finally:
        await runner.cleanup()

    data = shot.read_bytes()
    assert 10_000 < len(data) < 5_000_000, len(data)
    width, height, pixels = png_pixels(data)
    assert (width, height) == (412, 1400)
    assert len(set(pixels)) > 30, "the screenshot looks blank"

    public = app.settings.public_url
    host = public.split("://", 1)[1]
    assert f'href="webcal://{host}/feeds/events.ics"' in dom
    assert f'href="{public}/feeds/events.ics"' in dom
    assert "calendar.google.com/calendar/render?cid=webcal%3A%2F%2F" in dom
    assert "Workshop on CBM 8 communication checks" in dom
    assert f"/feeds/events/{event.id}.ics" in dom
