"""The aiohttp application served by `cbmbot run`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiohttp import web

if TYPE_CHECKING:
    from bot.app import App

APP_KEY: web.AppKey[App] = web.AppKey("cbmbot_app")


async def healthz(request: web.Request) -> web.Response:
    """200 when the database answers, 503 when it does not."""
    if await request.app[APP_KEY].healthy():
        return web.json_response({"status": "ok"})
    return web.json_response({"status": "database unavailable"}, status=503)


def make_web_app(app: App) -> web.Application:
    web_app = web.Application()
    web_app[APP_KEY] = app
    web_app.router.add_get("/healthz", healthz)
    return web_app


class WebServer:
    """Start and stop the HTTP server inside a running event loop."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.runner = web.AppRunner(make_web_app(app), access_log=None, handle_signals=False)

    async def start(self) -> None:
        await self.runner.setup()
        site = web.TCPSite(self.runner, self.app.settings.http_host, self.app.settings.http_port)
        await site.start()

    async def stop(self) -> None:
        await self.runner.cleanup()
