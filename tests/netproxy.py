"""A loopback TCP proxy for fault tests: forward, drop every connection (RST), or blackhole both ways.

A blackhole is a silent partition as the endpoints see it: no FIN, no RST, nothing arrives either way.
Connections stay open; bytes read meanwhile are held and delivered when the network heals (as TCP
retransmission would), so a healed connection carries on where it stopped. New connections are accepted
but reach nobody until the network heals. (The kernel of this host still acknowledges the bytes, so
only timeouts at the application level can notice: the hardest case for the dispatcher.)
"""

from __future__ import annotations

import asyncio
import contextlib
import socket


class Proxy:
    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.server: asyncio.AbstractServer | None = None
        self.writers: set[asyncio.StreamWriter] = set()
        self.open = asyncio.Event()
        self.open.set()
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]

    async def up(self) -> None:
        self.server = await asyncio.start_server(self._client, "127.0.0.1", self.port, reuse_address=True)

    def blackhole(self) -> None:
        self.open.clear()

    def heal(self) -> None:
        self.open.set()

    def drop(self) -> None:
        """Reset every connection now (new ones are still accepted)."""
        for writer in list(self.writers):
            writer.transport.abort()
        self.writers.clear()

    async def close(self) -> None:
        self.open.set()
        if self.server is not None:
            self.server.close()
            self.server = None
        self.drop()

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await self.open.wait()  # during a partition a new connection reaches nobody
        try:
            up_reader, up_writer = await asyncio.open_connection(*self.target)
        except OSError:
            writer.transport.abort()
            return
        self.writers |= {writer, up_writer}

        async def pipe(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
            with contextlib.suppress(Exception):
                while data := await src.read(65536):
                    await self.open.wait()
                    dst.write(data)
                    await dst.drain()
            await self.open.wait()  # a FIN or RST crosses only a working network
            dst.transport.abort()

        await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))
