"""`cbmbot run` as a process: /healthz, the console chat, and a clean stop on SIGINT and SIGTERM."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from .test_cli import cbmbot

BAD_SIGNS = (
    "Traceback",
    "Task was destroyed",
    "never awaited",
    "Unclosed",
    "ResourceWarning",
    "Exception ignored",
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("run-template")
    assert cbmbot(folder, "db", "upgrade").returncode == 0
    assert cbmbot(folder, "seed").returncode == 0
    return folder


def start(folder: Path, *args: str, stdin=subprocess.DEVNULL) -> tuple[subprocess.Popen[str], int]:
    port = free_port()
    env = {
        **os.environ,
        "CBMBOT_DATA_DIR": str(folder),
        "CBMBOT_HTTP_PORT": str(port),
        "PYTHONWARNINGS": "default",
    }
    env.pop("DISCORD_TOKEN", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "run", *args],
        env=env,
        cwd=folder,
        stdin=stdin,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    return process, port


def wait_healthy(port: int, process: subprocess.Popen[str], timeout: float = 20) -> float:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()[1]
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as response:
                if response.status == 200:
                    return time.monotonic()
        except OSError:
            time.sleep(0.05)
    raise AssertionError("never healthy")


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_serves_health_and_stops_cleanly(seeded, tmp_path, sig):
    shutil.copyfile(seeded / "cbmbot.sqlite3", tmp_path / "cbmbot.sqlite3")
    process, port = start(tmp_path, "--no-console")
    wait_healthy(port, process)
    process.send_signal(sig)
    _out, err = process.communicate(timeout=15)
    assert process.returncode == 0, err
    assert not [sign for sign in BAD_SIGNS if sign in err], err
    assert "stopping" in err


def test_console_chat_over_a_pipe(seeded, tmp_path):
    shutil.copyfile(seeded / "cbmbot.sqlite3", tmp_path / "cbmbot.sqlite3")
    process, _port = start(tmp_path, "--console", stdin=subprocess.PIPE)
    out, err = process.communicate("/cbm number:8\n/country name:Turkey\n/nonsense\n/quit\n", timeout=30)
    assert process.returncode == 0, err
    assert out.startswith("cbm-bot console chat.")
    assert "CBM 8: " in out and "Türkiye is an OSCE participating State." in out
    assert "Unknown command /nonsense" in out
    assert not [sign for sign in BAD_SIGNS if sign in err], err


def test_console_stops_on_sigterm_while_waiting_for_input(seeded, tmp_path):
    shutil.copyfile(seeded / "cbmbot.sqlite3", tmp_path / "cbmbot.sqlite3")
    process, port = start(tmp_path, "--console", stdin=subprocess.PIPE)
    wait_healthy(port, process)
    process.send_signal(signal.SIGTERM)
    _out, err = process.communicate(timeout=15)
    assert process.returncode == 0, err
    assert not [sign for sign in BAD_SIGNS if sign in err], err


def test_refuses_an_unmigrated_database(tmp_path):
    process, _ = start(tmp_path, "--no-console")
    _out, err = process.communicate(timeout=30)
    assert process.returncode == 1
    assert err.strip().endswith("run `cbmbot db upgrade`")
