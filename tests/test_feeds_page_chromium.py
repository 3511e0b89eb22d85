"""The subscribe page in headless Chromium (Debian's `chromium`), phone-sized: screenshot and DOM checked."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import re
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
    assert f"/events/{event.id}.ics" in dom  # one event: a download, not a subscription


async def test_event_page_offers_a_download_and_a_google_link_in_chromium(app, chromium, tmp_path):
    """The event page as Chromium builds it: a one-time .ics download (served as an attachment) and Google
    Calendar's "add event" form; no webcal subscription for a single event; line breaks kept."""
    import aiohttp

    draft = EventDraft(
        title="Seminar on points of contact",
        kind="workshop",
        start=dt.datetime(2026, 12, 11, 9, 0, tzinfo=dt.UTC),
        timezone="Europe/Vienna",
        location="Hofburg, Vienna, Austria",
        description="Morning: the directory\nAfternoon: a drill",
    )
    event = await app.events.create(draft, OPERATOR, app.now())
    runner, port, _ = await start(app)
    try:
        url = f"http://127.0.0.1:{port}/events/{event.id}"
        dom = (await run_chromium(chromium, tmp_path / "profile-event", "--dump-dom", url)).decode()
        anchors = re.findall(r"<a ([^>]*)>([^<]*)</a>", dom)
        download = next(attrs for attrs, text in anchors if "Download" in text)
        google = next(attrs for attrs, text in anchors if "Google" in text)
        href = re.search(r'href="([^"]+)"', download).group(1).replace("&amp;", "&")
        assert " download" in f" {download}" and href.endswith(f"/events/{event.id}.ics")
        assert "action=TEMPLATE" in google and "calendar.google.com/calendar/render" in google
        assert "webcal://" not in dom
        assert "Held in:</strong> Austria" in dom
        assert "Morning: the directory\nAfternoon: a drill" in dom
        local = href.replace(app.settings.public_url, f"http://127.0.0.1:{port}")
        async with aiohttp.ClientSession() as http, http.get(local) as response:
            body = await response.read()
            assert response.status == 200
            assert response.headers["Content-Disposition"].startswith("attachment;")
            assert b"BEGIN:VEVENT" in body and b"SUMMARY:Seminar on points of contact" in body
    finally:
        await runner.cleanup()
