"""E-mail pings over TLS against a real local SMTP server: STARTTLS required (smtp://…?starttls=require)
and TLS from the start (smtps://), with the credentials of the URL; and a refusal of bad credentials."""

from __future__ import annotations

import shutil
import ssl
import subprocess

import pytest
from aiosmtpd.controller import Controller

from bot.commchecks.delivery import Refused
from bot.commchecks.service import PingMessage
from bot.commchecks.smtp import SmtpSender, parse_smtp_url
from tests.commcheck_support import MailHandler, _authenticate, free_port


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is not installed")
    folder = tmp_path_factory.mktemp("tls")
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(folder / "key.pem"),
         "-out", str(folder / "cert.pem"), "-days", "2", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )  # fmt: skip
    server = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server.load_cert_chain(folder / "cert.pem", folder / "key.pem")
    client = ssl.create_default_context(cafile=str(folder / "cert.pem"))
    return server, client


def _message() -> PingMessage:
    return PingMessage(
        ping_id=7, check_id=3, channel="email", purpose="initial", address="poc@example.org",
        recipient_name="Ana", country="Austria", language="en", subject="Check #3", body="Please acknowledge",
        button="Acknowledge", link="http://127.0.0.1/ack/x", attempts=1,
    )  # fmt: skip


@pytest.mark.parametrize("mode", ["starttls", "smtps"])
async def test_tls_with_credentials(certificate, mode):
    server_ctx, client_ctx = certificate
    handler = MailHandler()
    port = free_port()
    if mode == "starttls":
        controller = Controller(
            handler, hostname="127.0.0.1", port=port, tls_context=server_ctx, require_starttls=True,
            authenticator=_authenticate,
        )  # fmt: skip
        url = f"smtp://cbm:secret@127.0.0.1:{port}?starttls=require"
    else:
        controller = Controller(
            handler,
            hostname="127.0.0.1",
            port=port,
            ssl_context=server_ctx,
            authenticator=_authenticate,
            auth_require_tls=False,  # the whole session is TLS; aiosmtpd only knows about STARTTLS
        )
        url = f"smtps://cbm:secret@127.0.0.1:{port}"
    controller.start()
    try:
        sender = SmtpSender(parse_smtp_url(url, timeout=5), "cbm-bot@example.org",
                            reply_to="secretariat@example.org", tls_context=client_ctx)  # fmt: skip
        await sender.send(_message())
        await sender.close()
        (mail,) = handler.messages
        assert mail["Reply-To"] == "secretariat@example.org" and mail["From"] == "cbm-bot@example.org"
        wrong = SmtpSender(parse_smtp_url(url.replace("secret", "wrong"), timeout=5), "cbm-bot@example.org",
                           tls_context=client_ctx)  # fmt: skip
        with pytest.raises(Refused, match="535"):
            await wrong.send(_message())
    finally:
        controller.stop()


async def test_credentials_for_a_server_without_auth_are_a_refusal_not_a_retry():
    handler = MailHandler()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        sender = SmtpSender(
            parse_smtp_url(f"smtp://cbm:secret@127.0.0.1:{port}", timeout=5), "bot@example.org"
        )
        with pytest.raises(Refused, match="not supported"):
            await sender.send(_message())
        assert handler.messages == []
    finally:
        controller.stop()
