"""Real services for the `services` tests: PostgreSQL, RabbitMQ, Redis, and a Dagster
deployment (code server, webserver, daemon, Celery workers) started as subprocesses.

Every test gets its own PostgreSQL database (created here, dropped afterwards), its own
archive and its own Dagster home; nothing is shared with other tests or other users of the
servers. Without a server the test is skipped, and says which server did not answer.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

PG_HOST = os.environ.get("DIARIUM_TEST_PG_HOST", "127.0.0.1")
PG_PORT = int(os.environ.get("DIARIUM_TEST_PG_PORT", "5432"))
PG_USER = os.environ.get("DIARIUM_TEST_PG_USER", "postgres")
PG_PASSWORD = os.environ.get("DIARIUM_TEST_PG_PASSWORD", "")
RABBITMQ_URL = os.environ.get("DIARIUM_TEST_AMQP_URL", "pyamqp://guest:guest@127.0.0.1:5672//")
REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=2):
            return True
    except OSError:
        return False


def postgres_missing(host: str = PG_HOST, port: int = PG_PORT) -> str | None:
    """Why the PostgreSQL tests cannot run here, or None."""
    try:
        import dagster_postgres  # noqa: F401
        import psycopg2
    except ImportError:
        return "dagster-postgres not installed: pip install -e '.[production]'"
    try:
        psycopg2.connect(
            host=host,
            port=port,
            user=PG_USER,
            password=PG_PASSWORD,
            dbname="postgres",
            connect_timeout=3,
        ).close()
    except psycopg2.Error as error:
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        return f"PostgreSQL does not answer on {host}:{port} as {PG_USER}: {first}"
    return None


def rabbitmq_missing() -> str | None:
    try:
        import dagster_celery  # noqa: F401
    except ImportError:
        return "dagster-celery not installed: pip install -e '.[production]'"
    if not _answers("127.0.0.1", 5672):
        return "RabbitMQ does not answer on 127.0.0.1:5672"
    return None


def skip_or_fail(reason: str | None) -> None:
    """Skip with `reason`; in CI (DIARIUM_REQUIRE_SERVICES=1, .ci/run) fail instead, so a
    service that did not start cannot pass for a green run."""
    if not reason:
        return
    if os.environ.get("DIARIUM_REQUIRE_SERVICES") == "1":
        pytest.fail(f"{reason} (DIARIUM_REQUIRE_SERVICES=1)")
    pytest.skip(reason)


def require_postgres() -> None:
    skip_or_fail(postgres_missing())


def require_rabbitmq() -> None:
    skip_or_fail(rabbitmq_missing())


@dataclass(frozen=True)
class Database:
    host: str
    port: int
    user: str
    password: str
    name: str

    @property
    def url(self) -> str:
        auth = f"{self.user}:{self.password}" if self.password else self.user
        return f"postgresql://{auth}@{self.host}:{self.port}/{self.name}"

    def dagster_env(self) -> dict[str, str]:
        """The variables deploy/dagster.yaml reads."""
        return {
            "DAGSTER_PG_HOST": self.host,
            "DAGSTER_PG_PORT": str(self.port),
            "DAGSTER_PG_USER": self.user,
            "DAGSTER_PG_PASSWORD": self.password,
            "DAGSTER_PG_DB": self.name,
        }

    def query(self, sql: str, *args: Any) -> list[tuple[Any, ...]]:
        import psycopg2

        with (
            contextlib.closing(psycopg2.connect(self.url, connect_timeout=5)) as connection,
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, args)
            return cursor.fetchall() if cursor.description else []


def _admin(host: str, port: int, sql: str) -> None:
    import psycopg2

    connection = psycopg2.connect(
        host=host,
        port=port,
        user=PG_USER,
        password=PG_PASSWORD,
        dbname="postgres",
        connect_timeout=5,
    )
    try:
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(sql)
    finally:
        connection.close()


@contextlib.contextmanager
def fresh_database(host: str = PG_HOST, port: int = PG_PORT) -> Iterator[Database]:
    """A new, empty database for one test, dropped afterwards (with its connections)."""
    name = f"diarium_test_{uuid.uuid4().hex[:12]}"
    _admin(host, port, f'CREATE DATABASE "{name}"')
    try:
        yield Database(host, port, PG_USER, PG_PASSWORD, name)
    finally:
        with contextlib.suppress(Exception):
            _admin(host, port, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def dagster_home(root: Path, database: Database) -> Path:
    """A DAGSTER_HOME holding deploy/dagster.yaml as it is shipped."""
    home = root / "dagster-home"
    home.mkdir(parents=True, exist_ok=True)
    (home / "dagster.yaml").write_bytes((REPO / "deploy" / "dagster.yaml").read_bytes())
    return home


def base_env(root: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DAGSTER_", "DIARIUM_", "MEILI_"))
    }
    env.update(
        {
            "PATH": f"{BIN}:{os.environ.get('PATH', '')}",
            "PYTHONPATH": str(REPO),
            "HOME": str(root),
            "DIARIUM_WORKERS": "1",
        }
    )
    return env


@dataclass
class Service:
    name: str
    process: subprocess.Popen[bytes]
    log: Path

    def tail(self, lines: int = 40) -> str:
        try:
            text = self.log.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 20) -> None:
        """Stop the service and everything it started (its own process group)."""
        if self.process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, sig)
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)


@dataclass
class Deployment:
    """The production processes of docker-compose.yml, on 127.0.0.1 with free ports."""

    root: Path
    env: dict[str, str]
    services: dict[str, Service] = field(default_factory=dict)
    grpc_port: int = 0
    web_port: int = 0

    def start(self, name: str, argv: list[str], *, env: dict[str, str] | None = None) -> Service:
        log = self.root / f"{name}.log"
        handle = log.open("ab")
        process = subprocess.Popen(
            argv,
            cwd=REPO,
            env=env or self.env,
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        handle.close()
        service = Service(name, process, log)
        self.services[name] = service
        return service

    def start_code_server(self) -> Service:
        self.grpc_port = self.grpc_port or free_port()
        (self.root / "workspace.yaml").write_text(
            "load_from:\n  - grpc_server:\n      host: 127.0.0.1\n"
            f"      port: {self.grpc_port}\n      location_name: diarium\n",
            encoding="utf-8",
        )
        service = self.start(
            "code-server",
            [
                str(BIN / "dagster"),
                "api",
                "grpc",
                "-h",
                "127.0.0.1",
                "-p",
                str(self.grpc_port),
                "-m",
                "pipelines.definitions",
                "--location-name",
                "diarium",
            ],
        )
        wait_for(lambda: _answers("127.0.0.1", self.grpc_port), 180, "code server", service)
        return service

    def start_webserver(self) -> Service:
        self.web_port = self.web_port or free_port()
        service = self.start(
            "webserver",
            [
                str(BIN / "dagster-webserver"),
                "-h",
                "127.0.0.1",
                "-p",
                str(self.web_port),
                "-w",
                str(self.root / "workspace.yaml"),
            ],
        )
        wait_for(self._web_ready, 180, "webserver", service)
        return service

    def _web_ready(self) -> bool:
        try:
            return httpx.get(f"{self.web_url}/server_info", timeout=5).status_code == 200
        except httpx.HTTPError:
            return False

    def start_daemon(self) -> Service:
        return self.start(
            "daemon",
            [str(BIN / "dagster-daemon"), "run", "-w", str(self.root / "workspace.yaml")],
        )

    @property
    def web_url(self) -> str:
        return f"http://127.0.0.1:{self.web_port}"

    def graphql(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        # A database restart (a fault test) costs the webserver's requests in flight: ask
        # again for half a minute before calling it an error.
        deadline = time.monotonic() + 30
        while True:
            try:
                response = httpx.post(
                    f"{self.web_url}/graphql",
                    json={"query": query, "variables": variables or {}},
                    timeout=60,
                )
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(1)
                continue
            if response.status_code < 500 or time.monotonic() > deadline:
                break
            time.sleep(1)
        assert response.status_code == 200, f"{response.status_code}: {response.text[:2000]}"
        body: dict[str, Any] = response.json()
        assert "errors" not in body, body
        return body["data"]

    def runs(self) -> list[dict[str, Any]]:
        data = self.graphql(RUNS_QUERY)["runsOrError"]
        assert data.get("__typename") == "Runs", data
        runs: list[dict[str, Any]] = data["results"]
        for run in runs:
            run["tags"] = {tag["key"]: tag["value"] for tag in run["tags"]}
        return runs

    def launch(
        self, job: str, run_config: dict[str, Any], tags: dict[str, str] | None = None
    ) -> str:
        """Submit a run through the webserver, as the launchpad does (queued for the daemon)."""
        data = self.graphql(
            LAUNCH_MUTATION,
            {
                "params": {
                    "selector": {
                        "repositoryLocationName": "diarium",
                        "repositoryName": "__repository__",
                        "jobName": job,
                    },
                    "runConfigData": run_config,
                    "executionMetadata": {
                        "tags": [{"key": k, "value": v} for k, v in (tags or {}).items()]
                    },
                }
            },
        )["launchRun"]
        assert data["__typename"] == "LaunchRunSuccess", data
        run_id: str = data["run"]["runId"]
        return run_id

    def logs(self) -> str:
        return "\n".join(
            f"--- {name} ---\n{service.tail()}" for name, service in self.services.items()
        )

    def stop(self) -> None:
        # The daemon first (it launches runs), the code server (and its run workers) last.
        for name in ("daemon", "webserver", *self.services):
            service = self.services.get(name)
            if service is not None:
                service.stop()


LAUNCH_MUTATION = """
mutation ($params: ExecutionParams!) {
  launchRun(executionParams: $params) {
    __typename
    ... on LaunchRunSuccess { run { runId } }
    ... on PythonError { message }
    ... on RunConfigValidationInvalid { errors { message } }
    ... on InvalidSubsetError { message }
  }
}
"""

RUNS_QUERY = """
{
  runsOrError(limit: 100) {
    __typename
    ... on Runs {
      results { runId jobName status tags { key value } }
    }
  }
}
"""


def wait_for(
    condition: Callable[[], Any],
    timeout: float,
    what: str,
    service: Service | None = None,
    deployment: Deployment | None = None,
    interval: float = 1.0,
) -> Any:
    """Poll `condition` until it returns something true; fail with the services' logs."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if service is not None and service.process.poll() is not None:
            pytest.fail(f"{service.name} exited ({service.process.returncode}):\n{service.tail()}")
        if time.monotonic() > deadline:
            logs = deployment.logs() if deployment else (service.tail() if service else "")
            pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}\n{logs}")
        time.sleep(interval)


REDIS_DB = int(os.environ.get("DIARIUM_TEST_REDIS_DB", "13"))
REDIS_URL = f"redis://{REDIS_HOST}:{REDIS_PORT}/{REDIS_DB}"
BROKERS = {"rabbitmq": RABBITMQ_URL, "redis": REDIS_URL}


def redis_missing() -> str | None:
    try:
        import dagster_celery  # noqa: F401
        import redis  # noqa: F401
    except ImportError:
        return "dagster-celery or redis not installed: pip install -e '.[production]'"
    if not _answers(REDIS_HOST, REDIS_PORT):
        return f"Redis does not answer on {REDIS_HOST}:{REDIS_PORT}"
    return None


def require_broker(broker: str) -> None:
    skip_or_fail(rabbitmq_missing() if broker == "rabbitmq" else redis_missing())


def _backend(broker: str) -> str:
    # RabbitMQ: replies as messages (rpc://); Redis: results in the same database.
    return "rpc://" if broker == "rabbitmq" else BROKERS[broker]


@contextlib.contextmanager
def celery_queue(broker: str = "rabbitmq") -> Iterator[str]:
    """A queue of this test's own on the broker, deleted afterwards with what Celery kept
    for it (on Redis: the keys named after the queue, in DIARIUM_TEST_REDIS_DB). Task results
    (`celery-task-meta-<id>`) are not named after the queue and are left to expire (Celery
    sets a day): deleting every one of them took the results of another suite's run on the
    same Redis from under it."""
    name = f"diarium-test-{uuid.uuid4().hex[:12]}"
    try:
        yield name
    finally:
        if broker == "redis":
            import redis

            client = redis.Redis(host=REDIS_HOST, port=REDIS_PORT, db=REDIS_DB)
            with contextlib.suppress(Exception):
                for key in client.scan_iter(f"*{name}*"):
                    client.delete(key)
                # Kombu's bookkeeping of the workers' control queue, once nothing else is left.
                if set(client.scan_iter()) <= {b"_kombu.binding_deadlines"}:
                    client.delete("_kombu.binding_deadlines")
            client.close()
        else:
            from kombu import Connection

            with (
                contextlib.suppress(Exception),
                Connection(RABBITMQ_URL, connect_timeout=5) as conn,
            ):
                conn.default_channel.queue_delete(name)


def celery_execution(queue: str, broker: str = "rabbitmq") -> dict[str, Any]:
    """The celery executor's run config for `queue` on the local broker."""
    return {
        "broker": BROKERS[broker],
        "backend": _backend(broker),
        "config_source": {"task_default_queue": queue, "worker_prefetch_multiplier": 1},
    }


def start_celery_worker(
    deployment: Deployment,
    queue: str,
    number: int,
    *,
    cpu: int | None = None,
    broker: str = "rabbitmq",
) -> str:
    """A Celery worker (one process) for `queue`; `cpu` pins it to that core (taskset)."""
    name = f"w{number}-{queue}@%h"
    argv = [
        str(BIN / "celery"), "-A", "dagster_celery.app", "-b", BROKERS[broker],
        "--result-backend", _backend(broker), "worker", "-Q", queue,
        "--concurrency", "1", "--prefetch-multiplier", "1", "-n", name,
        "--without-gossip", "--without-mingle", "--without-heartbeat", "-l", "INFO",
    ]  # fmt: skip
    if cpu is not None:
        argv = ["taskset", "-c", str(cpu), *argv]
    service = deployment.start(f"celery-{number}", argv)
    wait_for(lambda: "ready." in service.tail(200), 180, f"celery worker {number}", service)
    return name


PG_BIN = Path(os.environ.get("DIARIUM_TEST_PG_BIN", "/usr/lib/postgresql/15/bin"))


@dataclass
class PrivateCluster:
    """A PostgreSQL cluster of the test's own (initdb, pg_ctl) on a free port: the one a
    fault test may restart without touching anybody else's databases."""

    data: Path
    port: int
    log: Path

    def _ctl(self, *args: str, timeout: float = 120) -> None:
        argv = [str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-w", *args]
        subprocess.run(_as_postgres(argv), check=True, capture_output=True, timeout=timeout)

    def start(self) -> None:
        self._ctl("-o", f"-p {self.port} -k {self.data} -c listen_addresses=127.0.0.1", "start")

    def restart(self) -> None:
        self._ctl(
            "-m",
            "fast",
            "-o",
            f"-p {self.port} -k {self.data} -c listen_addresses=127.0.0.1",
            "restart",
        )

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            self._ctl("-m", "immediate", "stop", timeout=60)


def _as_postgres(argv: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: as root, run it as the `postgres` user."""
    if os.geteuid() != 0:
        return argv
    return ["runuser", "-u", "postgres", "--", *argv]


def private_cluster_missing() -> str | None:
    try:
        import dagster_postgres  # noqa: F401
        import psycopg2  # noqa: F401
    except ImportError:
        return "dagster-postgres not installed: pip install -e '.[production]'"
    if not (PG_BIN / "initdb").exists():
        return (
            f"no PostgreSQL server binaries in {PG_BIN} (DIARIUM_TEST_PG_BIN) for a private cluster"
        )
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        return "running as root without runuser: cannot start a private PostgreSQL cluster"
    return None


@contextlib.contextmanager
def private_cluster() -> Iterator[PrivateCluster]:
    import tempfile

    reason = private_cluster_missing()
    skip_or_fail(reason)
    root = Path(tempfile.mkdtemp(prefix="diarium-pg-"))
    data = root / "data"
    data.mkdir()
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        shutil.chown(data, "postgres")
    cluster = PrivateCluster(data, free_port(), root / "postgres.log")
    subprocess.run(
        _as_postgres(
            [str(PG_BIN / "initdb"), "-D", str(data), "-A", "trust", "-U", PG_USER, "--no-sync"]
        ),
        check=True,
        capture_output=True,
        timeout=180,
    )
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()
        shutil.rmtree(root, ignore_errors=True)
