"""Start-up cost of `cbmbot run`, beside `python -c pass` measured in the same run.

Measures, over several runs each:
  * baseline: `python -c pass` (interpreter start and exit);
  * console ready: from process start to the console banner on stdout (`cbmbot run --console`);
  * healthz: from process start to the first 200 from GET /healthz (`cbmbot run --no-console`);
  * peak RSS of the `cbmbot run` process (ru_maxrss of the child).
Prints medians and ratios against the baseline. Uses a scratch data directory; needs no network.

    .venv/bin/python benchmarks/startup.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def env_for(data_dir: Path, port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CBMBOT_") and k != "DISCORD_TOKEN"}
    env.update(CBMBOT_DATA_DIR=str(data_dir), CBMBOT_HTTP_PORT=str(port), CBMBOT_LOG_LEVEL="WARNING")
    return env


def baseline() -> tuple[float, int]:
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - start, usage.ru_maxrss


def console_ready(data_dir: Path) -> float:
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "run", "--console"],
        env=env_for(data_dir, free_port()),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None and process.stdin is not None
    line = process.stdout.readline()
    elapsed = time.perf_counter() - start
    assert line.startswith("cbm-bot console chat"), line
    process.stdin.close()
    process.wait(timeout=30)
    return elapsed


def healthz(data_dir: Path) -> tuple[float, int]:
    port = free_port()
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "run", "--no-console"],
        env=env_for(data_dir, port),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    while True:
        if process.poll() is not None:
            raise SystemExit("cbmbot run exited before it was healthy")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as response:
                if response.status == 200:
                    break
        except OSError:
            time.sleep(0.005)
    elapsed = time.perf_counter() - start
    process.send_signal(signal.SIGTERM)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss  # KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        data_dir = Path(scratch)
        env = env_for(data_dir, free_port())
        for step in (["db", "upgrade"], ["seed"]):
            subprocess.run([sys.executable, "-m", "bot", *step], env=env, check=True, capture_output=True)
        base = [baseline() for _ in range(args.runs)]
        ready = [console_ready(data_dir) for _ in range(args.runs)]
        health = [healthz(data_dir) for _ in range(args.runs)]
    b = statistics.median(t for t, _ in base)
    b_rss = max(r for _, r in base) / 1024
    c = statistics.median(ready)
    h = statistics.median(t for t, _ in health)
    rss = max(r for _, r in health) / 1024
    print(f"runs per measure: {args.runs}")
    print(f"baseline `python -c pass`        {b * 1000:8.1f} ms")
    print(f"console ready                    {c * 1000:8.1f} ms   ({c / b:5.1f}x baseline)")
    print(f"/healthz answers 200             {h * 1000:8.1f} ms   ({h / b:5.1f}x baseline)")
    print(f"peak RSS `python -c pass`        {b_rss:8.1f} MiB")
    print(f"peak RSS of `cbmbot run`         {rss:8.1f} MiB  ({rss / b_rss:5.1f}x baseline)")


if __name__ == "__main__":
    main()
