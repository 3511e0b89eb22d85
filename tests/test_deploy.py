"""deploy/: every variable the files set is declared in bot/settings.py and its value is accepted there;
the Dockerfile, compose file, systemd unit and nginx example keep the promises the README makes."""

from __future__ import annotations

import asyncio
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from aiohttp import web

from bot.settings import Settings, load_settings
from calendars.web import make_web_app

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
NOT_OURS = {"PYTHONUNBUFFERED", "PYTHONDONTWRITEBYTECODE"}  # read by Python itself


def declared() -> set[str]:
    return {field.alias or name for name, field in Settings.model_fields.items()}


def _substitute(value: str) -> str:
    """Compose's ${NAME:-default} / ${NAME:?message} with sample values for the required ones."""

    def one(match: re.Match[str]) -> str:
        name, op, rest = match.group(1), match.group(2), match.group(3)
        if op == ":-":
            return rest
        return {"POSTGRES_PASSWORD": "pw"}.get(name, "x")

    return re.sub(r"\$\{([A-Z_]+)(:[-?])?([^}]*)\}", one, value)


def dockerfile_env(text: str) -> dict[str, str]:
    joined = re.sub(r"\\\n\s*", " ", text)
    env: dict[str, str] = {}
    for line in joined.splitlines():
        if line.startswith("ENV "):
            for pair in shlex.split(line[4:]):
                key, _, value = pair.partition("=")
                env[key] = value
    return env


def compose_env(text: str) -> dict[str, dict[str, str]]:
    """The environment of every service that runs our image."""
    data = yaml.safe_load(text)
    out = {}
    for name, service in data["services"].items():
        if service.get("image", "").startswith("cbmbot") or "build" in service:
            out[name] = {k: _substitute(str(v)) for k, v in (service.get("environment") or {}).items()}
    return out


def unit_env(text: str) -> dict[str, str]:
    env = {}
    for line in text.splitlines():
        if line.startswith("Environment="):
            for pair in shlex.split(line.removeprefix("Environment=")):
                key, _, value = pair.partition("=")
                env[key] = value
    return env


def undeclared(env: dict[str, str]) -> set[str]:
    return set(env) - declared() - NOT_OURS


def test_the_consistency_check_catches_an_unknown_variable():
    sample = "ENV CBMBOT_DATA_DIR=/var \\\n    CBMBOT_NOPE=1\n"
    assert undeclared(dockerfile_env(sample)) == {"CBMBOT_NOPE"}
    assert undeclared(unit_env("Environment=CBMBOT_LOG_FORMATS=json\n")) == {"CBMBOT_LOG_FORMATS"}


@pytest.mark.parametrize(
    ("name", "read"),
    [
        ("Dockerfile", lambda t: {"image": dockerfile_env(t)}),
        ("compose.yaml", compose_env),
        ("cbmbot.service", lambda t: {"unit": unit_env(t)}),
    ],
)
def test_every_variable_set_is_declared_and_valid(name, read, monkeypatch):
    groups = read((DEPLOY / name).read_text(encoding="utf-8"))
    assert groups and all(groups.values()), f"{name} sets no variables"
    for group, env in groups.items():
        assert undeclared(env) == set(), f"{name} ({group}) sets variables bot/settings.py does not declare"
        for key in list(os.environ):
            if key.startswith("CBMBOT_") or key == "DISCORD_TOKEN":
                monkeypatch.delenv(key)
        for key, value in env.items():
            monkeypatch.setenv(key, value)
        load_settings(_env_file=None)  # raises SettingsError on a value the settings refuse


def test_dockerfile():
    text = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    bases = re.findall(r"^FROM (\S+)", text, re.M)
    assert bases and all(b == "python:3.11-slim" for b in bases)
    users = re.findall(r"^USER (\S+)", text, re.M)
    assert users and users[-1] not in ("root", "0")
    entry = json.loads(re.search(r"^ENTRYPOINT (\[.*\])$", text, re.M).group(1))
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert entry == ["cbmbot"] and "cbmbot" in scripts
    assert json.loads(re.search(r"^CMD (\[.*\])$", text, re.M).group(1)) == ["run", "--no-console"]
    for folder in re.findall(r"^COPY (\w+) \1$", text, re.M):
        assert (ROOT / folder).is_dir()
    packages = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    for package in packages["find"]["include"]:
        assert f"COPY {package.rstrip('*')} " in text, f"the image misses the package {package}"


def healthcheck_command() -> list[str]:
    text = re.sub(r"\\\n\s*", " ", (DEPLOY / "Dockerfile").read_text(encoding="utf-8"))
    match = re.search(r"^HEALTHCHECK .*?CMD (\[.*\])$", text, re.M)
    assert match, "no HEALTHCHECK"
    return json.loads(match.group(1))


async def test_the_healthcheck_asks_healthz_and_fails_when_it_is_down(app):
    command = healthcheck_command()
    assert command[0] == "python" and "/healthz" in command[-1]
    runner = web.AppRunner(make_web_app(app), access_log=None, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    env = {**os.environ, "CBMBOT_HTTP_PORT": str(port)}
    argv = [sys.executable, *command[1:]]
    try:
        process = await asyncio.create_subprocess_exec(*argv, env=env)
        assert await asyncio.wait_for(process.wait(), 30) == 0
        app.healthy = _down  # type: ignore[method-assign]
        process = await asyncio.create_subprocess_exec(*argv, env=env, stderr=asyncio.subprocess.DEVNULL)
        assert await asyncio.wait_for(process.wait(), 30) == 1
    finally:
        await runner.cleanup()


async def _down() -> bool:
    return False


def test_compose_has_postgres_15_and_two_replicas():
    data = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    services = data["services"]
    assert services["db"]["image"] == "postgres:15"
    assert services["bot"]["deploy"]["replicas"] == 2
    url = compose_env((DEPLOY / "compose.yaml").read_text())["bot"]["CBMBOT_DATABASE_URL"]
    assert url.startswith("postgresql+asyncpg://") and "@db:5432/" in url
    assert services["bot"]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert "cbmbot db upgrade" in " ".join(services["migrate"]["entrypoint"])
    assert services["migrate"]["build"]["dockerfile"] == "deploy/Dockerfile"
    assert "./nginx.conf:" in services["proxy"]["volumes"][0]


def test_systemd_unit_is_hardened():
    text = (DEPLOY / "cbmbot.service").read_text(encoding="utf-8")
    settings = dict(
        line.split("=", 1) for line in text.splitlines() if "=" in line and not line.startswith("#")
    )
    assert settings["DynamicUser"] == "yes"
    assert settings["ProtectSystem"] == "strict"
    assert settings["StateDirectory"] == "cbmbot"
    assert settings["NoNewPrivileges"] == "yes"
    assert (
        unit_env(text)["CBMBOT_DATA_DIR"] == "/var/lib/cbmbot"
    )  # the StateDirectory, the one writable place
    assert settings["ExecStart"].endswith("cbmbot run --no-console")


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze not installed")
def test_systemd_accepts_the_unit(tmp_path):
    unit = tmp_path / "cbmbot.service"
    unit.write_text((DEPLOY / "cbmbot.service").read_text())
    done = subprocess.run(
        ["systemd-analyze", "verify", str(unit)], capture_output=True, text=True, timeout=60, check=False
    )
    complaints = [
        line
        for line in (done.stdout + done.stderr).splitlines()
        if line.strip() and "/opt/cbmbot/.venv/bin/cbmbot" not in line  # not installed on this machine
    ]
    assert complaints == []


def test_nginx_caches_public_feeds_by_etag_and_never_private_ones():
    text = (DEPLOY / "nginx.conf").read_text(encoding="utf-8")
    blocks = dict(re.findall(r"location\s+(=?\s*\S+)\s*\{(.*?)\n\s*\}", text, re.S))
    feeds, private = blocks["/feeds/"], blocks["/feeds/private/"]
    assert re.search(r"proxy_cache_revalidate\s+on;", feeds)
    assert re.search(r"proxy_cache\s+cbmbot_feeds;", feeds)
    assert "proxy_cache " not in private and re.search(r"proxy_no_cache\s+1;", private)
    assert "return 404" in blocks["= /metrics"]
    assert text.count("{") == text.count("}")
