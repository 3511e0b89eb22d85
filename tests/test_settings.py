"""Settings: the contract's variables, defaults, and one-line errors naming the variable."""

from __future__ import annotations

import subprocess
import sys

import pytest

from bot.settings import SettingsError, load_settings


def test_defaults(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    settings = load_settings()
    assert settings.database_url == "sqlite+aiosqlite:///var/cbmbot.sqlite3"
    assert settings.public_url == "http://127.0.0.1:8080"
    assert settings.timezone == "UTC"
    assert settings.discord_token is None


def test_data_dir_and_derived_urls(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CBMBOT_DATA_DIR", "/srv/cbm")
    monkeypatch.setenv("CBMBOT_HTTP_HOST", "0.0.0.0")
    monkeypatch.setenv("CBMBOT_HTTP_PORT", "9000")
    settings = load_settings()
    assert settings.database_url == "sqlite+aiosqlite:////srv/cbm/cbmbot.sqlite3"
    assert settings.public_url == "http://0.0.0.0:9000"


def test_dotenv_file_is_read(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text(
        "CBMBOT_TIMEZONE=Europe/Vienna\nCBMBOT_PUBLIC_URL=https://cbm.example.org/\n"
    )
    settings = load_settings()
    assert settings.timezone == "Europe/Vienna"
    assert settings.public_url == "https://cbm.example.org"


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("CBMBOT_TIMEZONE", "Mars/Olympus", "CBMBOT_TIMEZONE: unknown time zone 'Mars/Olympus'"),
        ("CBMBOT_HTTP_PORT", "70000", "CBMBOT_HTTP_PORT: port 70000 is out of range"),
        ("CBMBOT_HTTP_PORT", "eighty", "CBMBOT_HTTP_PORT: 'eighty' is not a valid int"),
        ("CBMBOT_DATABASE_URL", "not a url", "CBMBOT_DATABASE_URL: malformed database URL"),
        ("CBMBOT_DATABASE_URL", "mysql://x@y/z", "CBMBOT_DATABASE_URL: unsupported driver 'mysql'"),
        (
            "CBMBOT_DATABASE_URL",
            "postgresql+asyncpg://u@h",
            "CBMBOT_DATABASE_URL: the PostgreSQL URL names no",
        ),
        ("CBMBOT_PUBLIC_URL", "cbm.example.org", "CBMBOT_PUBLIC_URL: 'cbm.example.org' must start with"),
    ],
)
def test_bad_values_name_the_variable(monkeypatch, tmp_path, variable, value, expected):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert str(caught.value).startswith(expected)
    assert "\n" not in str(caught.value)


def test_cli_stops_with_one_line(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "bot", "seed"],
        env={"CBMBOT_TIMEZONE": "Nowhere/City", "PATH": "/usr/bin:/bin"},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "cbmbot: configuration: CBMBOT_TIMEZONE: unknown time zone 'Nowhere/City' "
        "(use an IANA name such as Europe/Vienna)"
    ]
