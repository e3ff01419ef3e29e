"""`diarium serve` as a real process on 127.0.0.1, for the web tests and benchmarks/web.py."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(home: Path, port: int, *, workers: int | None = None) -> subprocess.Popen[bytes]:
    """`diarium serve` on 127.0.0.1:port over the archive at `home`, once it answers
    (`workers`: its --workers; default one process per core, as users run it)."""
    env = {**os.environ, "DIARIUM_HOME": str(home)}
    extra = ["--workers", str(workers)] if workers else []
    process = subprocess.Popen(
        [
            *(sys.executable, "-m", "diarium.cli", "serve"),
            *("--host", "127.0.0.1", "--port", str(port), *extra),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            stderr = process.stderr.read().decode() if process.stderr else ""
            raise AssertionError(f"diarium serve exited with {process.returncode}: {stderr}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/static/style.css", timeout=1).is_success:
                return process
        except httpx.TransportError:
            time.sleep(0.2)
    process.terminate()
    raise AssertionError("diarium serve did not answer within 60 s")


def stop_server(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
