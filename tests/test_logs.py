"""CBMBOT_LOG_FORMAT: readable text by default, one JSON object per line with `json`, each record with the
request or command id it belongs to; filters on the handler (secret redaction) apply to both formats."""

from __future__ import annotations

import io
import json
import logging
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web

from bot import logs
from bot.console import handle_line
from bot.services.principal import Principal
from bot.settings import SettingsError, load_settings
from calendars.web import make_web_app

ANA = Principal("discord:1001", "ana")


class Redact(logging.Filter):
    """Stands in for the project's secret-redaction filter: any filter on the handler must apply."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = record.getMessage().replace("s3cr3t", "[redacted]"), None
        return True


def capture(log_format: str) -> tuple[logging.Logger, io.StringIO]:
    stream = io.StringIO()
    handler = logs.make_handler(stream, log_format)
    handler.addFilter(Redact())
    logger = logging.getLogger(f"cbmbot.test.{log_format}.{id(stream)}")
    logger.propagate = False
    logger.setLevel(logging.DEBUG)
    logger.addHandler(handler)
    return logger, stream


def test_json_lines_have_the_fields_and_stay_one_line():
    logger, stream = capture("json")
    logger.info("token is %s", "s3cr3t")
    token = logs.request_id.set("req-123456")
    try:
        logger.warning("two\nlines")
    finally:
        logs.request_id.reset(token)
    try:
        raise ValueError("boom")
    except ValueError:
        logger.exception("failed")
    lines = stream.getvalue().splitlines()
    assert len(lines) == 3
    first, second, third = (json.loads(line) for line in lines)
    assert set(first) == {"time", "level", "logger", "message"}
    assert first["level"] == "INFO" and first["logger"].startswith("cbmbot.test.json")
    assert first["message"] == "token is [redacted]"  # the filter ran before the formatter
    assert first["time"].endswith("+00:00")
    assert second["message"] == "two\nlines" and second["request_id"] == "req-123456"
    assert "ValueError: boom" in third["exception"]


def test_text_stays_the_default_and_shows_the_ids():
    logger, stream = capture("text")
    token = logs.command_id.set("cmd-abcdef")
    try:
        logger.warning("secret s3cr3t here")
    finally:
        logs.command_id.reset(token)
    line = stream.getvalue().strip()
    assert " WARNING " in line and line.endswith("secret [redacted] here [command=cmd-abcdef]")
    assert not line.startswith("{")
    assert load_settings(_env_file=None).log_format == "text"


def test_a_bad_format_names_the_variable(monkeypatch):
    monkeypatch.setenv("CBMBOT_LOG_FORMAT", "xml")
    with pytest.raises(SettingsError, match="CBMBOT_LOG_FORMAT"):
        load_settings(_env_file=None)
    monkeypatch.setenv("CBMBOT_LOG_FORMAT", " JSON ")
    assert load_settings(_env_file=None).log_format == "json"


async def test_request_and_command_ids_reach_the_records(app, caplog):
    class Failing:
        async def get(self, scope):
            raise RuntimeError("feed store down")

    web_app = make_web_app(app)
    from calendars.web import CACHE_KEY

    web_app[CACHE_KEY].get = Failing().get  # type: ignore[method-assign]
    runner = web.AppRunner(web_app, access_log=None, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    try:
        caplog.set_level(logging.ERROR)
        async with aiohttp.ClientSession() as http:
            url = f"http://127.0.0.1:{runner.addresses[0][1]}/feeds/events.ics"
            async with http.get(url) as response:
                assert response.status == 500
                rid = response.headers["X-Request-ID"]
    finally:
        await runner.cleanup()
    [record] = [r for r in caplog.records if "failed" in r.getMessage()]
    stream = io.StringIO()
    logs.make_handler(stream, "json").handle(record)
    assert json.loads(stream.getvalue())["request_id"] == rid

    # A command that fails inside: its log record carries the command id.
    from bot.commands.registry import REGISTRY

    command = REGISTRY.commands["cbm"]
    original = command.handler

    async def broken(ctx, **kwargs):
        raise RuntimeError("handler broke")

    object.__setattr__(command, "handler", broken)
    try:
        caplog.clear()
        text, ok = await handle_line(app, ANA, "/cbm number:8")
    finally:
        object.__setattr__(command, "handler", original)
    assert not ok and "reference" in text
    [record] = [r for r in caplog.records if "failed" in r.getMessage()]
    stream = io.StringIO()
    logs.make_handler(stream, "json").handle(record)
    assert len(json.loads(stream.getvalue())["command_id"]) == 12


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_cbmbot_run_logs_json_lines(db_url, tmp_path: Path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("CBMBOT_") and k != "DISCORD_TOKEN"}
    env.update(
        CBMBOT_DATABASE_URL=db_url,
        CBMBOT_DATA_DIR=str(tmp_path),
        CBMBOT_HTTP_PORT=str(_free_port()),
        CBMBOT_LOG_FORMAT="json",
        PYTHONUNBUFFERED="1",
    )
    err = tmp_path / "err.log"
    with err.open("w") as handle:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", "run", "--no-console"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=handle,
            env=env,
        )
        try:
            deadline = time.monotonic() + 60
            while "HTTP server on" not in err.read_text() and time.monotonic() < deadline:
                time.sleep(0.1)
        finally:
            process.terminate()
            assert process.wait(timeout=30) == 0
    lines = [line for line in err.read_text().splitlines() if line.strip()]
    assert lines
    records = [json.loads(line) for line in lines]  # every line is one JSON object
    assert any("HTTP server on" in r["message"] for r in records)
    assert all({"time", "level", "logger", "message"} <= set(r) for r in records)
