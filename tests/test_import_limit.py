"""One size limit for imported files, CBMBOT_IMPORT_MAX_BYTES, on every path (a Discord attachment, a path
in the console or `cbmbot chat`, `cbmbot events import`, the service), refused in the same words."""

from __future__ import annotations

import asyncio
import datetime as dt

import discord
import pytest

from bot.app import App
from bot.cli import main
from bot.console import handle_line
from bot.errors import BadInput
from bot.services.principal import OPERATOR, Principal, Role
from bot.timeutil import zone
from tests.helpers import interaction_payload, make_bot, recording

NOW = dt.datetime(2026, 11, 22, 10, 0, tzinfo=dt.UTC)
ORGANISER = Principal("console:o", "o", frozenset({Role.organiser}))


def big_csv(size: int) -> bytes:
    """A CSV file of exactly ``size`` bytes: one good row, then rows whose long descriptions pad the file
    (each refused by the text rule: a row's reason, not a refusal of the file)."""
    data = b"uid,title,start,description\nsize-0,Sized workshop,2027-03-01,short\n"
    n = 0
    while len(data) < size:
        n += 1
        head = f"size-{n},Padded,2027-03-02,".encode()
        room = size - len(data) - len(head) - 1
        data += head + b"x" * max(1, min(100_000, room)) + b"\n"
    assert len(data) == size
    return data


@pytest.fixture
async def limited(settings):
    """The application with CBMBOT_IMPORT_MAX_BYTES=2048."""
    app = App(settings.model_copy(update={"import_max_bytes": 2048}), clock=lambda: NOW)
    yield app
    await app.close()


async def discord_import(app: App, filename: str, size: int, data: bytes) -> tuple[str, list[int]]:
    """`/event import` with an attachment of ``size`` bytes (as Discord declares it), through a real
    Interaction; (the reply's text, the sizes of the downloads made)."""
    bot = await make_bot(app)
    downloads: list[int] = []

    async def read(self, *, use_cached=False):
        downloads.append(self.size)
        return data

    original = discord.Attachment.read
    discord.Attachment.read = read  # type: ignore[method-assign]
    try:
        payload = interaction_payload(bot, "/event import file:777", roles=("organiser",))
        payload["data"]["options"][0]["options"][0]["value"] = "777"
        payload["data"]["resolved"] = {"attachments": {"777": {
            "id": "777", "filename": filename, "size": size, "url": f"https://cdn.invalid/{filename}",
            "proxy_url": f"https://cdn.invalid/{filename}", "content_type": "text/csv"}}}  # fmt: skip
        with recording() as adapter:
            await bot.tree._call(discord.Interaction(data=payload, state=bot._connection))
        return adapter.sent[-1].text, downloads
    finally:
        discord.Attachment.read = original  # type: ignore[method-assign]
        await bot.close()


async def test_the_configured_limit_refuses_in_the_same_words_everywhere(
    limited, settings, tmp_path, monkeypatch, capsys
):
    data = big_csv(3000)
    path = tmp_path / "big.csv"
    path.write_bytes(data)
    expected = "'big.csv' is 3000 bytes; at most 2048 bytes (2 KiB) can be imported"

    with pytest.raises(BadInput) as refused:  # the service
        await limited.imports.import_file("big.csv", data, OPERATOR, NOW, default_zone=zone("UTC"))
    assert str(refused.value) == expected

    text, ok = await handle_line(limited, ORGANISER, f"/event import file:{path}")  # the console
    assert not ok and expected in text, text

    text, downloads = await discord_import(limited, "big.csv", len(data), data)  # Discord
    assert expected in text, text
    assert downloads == []  # refused from the attachment's declared size, before any download

    monkeypatch.setenv("CBMBOT_DATABASE_URL", str(settings.database_url))
    monkeypatch.setenv("CBMBOT_IMPORT_MAX_BYTES", "2048")
    monkeypatch.setenv("CBMBOT_EMBEDDER", "none")
    capsys.readouterr()
    assert await asyncio.to_thread(main, ["events", "import", str(path)]) == 2  # the CLI
    assert expected in capsys.readouterr().err
    assert (
        await asyncio.to_thread(main, ["chat", "--role", "organiser", f"/event import file:{path}"]) == 2
    )  # `cbmbot chat`
    out = capsys.readouterr()
    assert expected in out.out + out.err and "Traceback" not in out.out + out.err


async def test_a_raised_limit_lets_bigger_files_in_on_every_path(settings, tmp_path):
    """Files over the old fixed 5 MiB of chat uploads, with CBMBOT_IMPORT_MAX_BYTES at 8 MiB."""
    app = App(settings.model_copy(update={"import_max_bytes": 8 * 2**20}), clock=lambda: NOW)
    try:
        data = big_csv(6 * 2**20)
        path = tmp_path / "six.csv"
        path.write_bytes(data)
        text, ok = await handle_line(app, ORGANISER, f"/event import file:{path}")  # the console
        assert ok and "1 created" in text and "rejected" in text and "can be imported" not in text, text
        text, downloads = await discord_import(app, "six.csv", len(data), data)  # Discord
        assert downloads == [len(data)]
        assert "1 unchanged" in text and "can be imported" not in text, text
    finally:
        await app.close()
