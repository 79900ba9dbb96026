"""The fault drills' own PostgreSQL: a throw-away cluster in /tmp, never the project's.

Made with initdb (as `postgres` when run as root, as ./dev does), unix socket only, fsync
off; the outage drill stops and starts it under load; removed at the end of the run.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


class Cluster:
    """initdb/pg_ctl on a cluster in a temporary directory (as `postgres` when root)."""

    def __init__(self, port: int = 5499):
        from newsroom.ops.backup import pg_tool

        pg_ctl = pg_tool("pg_ctl")
        if pg_ctl is None:
            sys.exit("pg_ctl not found: install PostgreSQL (./dev does) or set NEWSROOM_PG_BIN.")
        self.bin = Path(pg_ctl).parent
        self.port = port
        self.base = Path(tempfile.mkdtemp(prefix="nr-faults-", dir="/tmp"))
        self.data = self.base / "data"
        self.log = self.base / "server.log"
        self.owner = "postgres" if os.geteuid() == 0 else None
        os.chmod(self.base, 0o755)
        if self.owner:
            shutil.chown(self.base, self.owner)
        self.running = False

    def _run(self, *command: str) -> None:
        prefix = ["runuser", "-u", self.owner, "--"] if self.owner else []
        result = subprocess.run([*prefix, *command], capture_output=True, text=True)
        if result.returncode != 0:
            log = self.log.read_text()[-2000:] if self.log.exists() else ""
            raise RuntimeError(f"{command[0]} failed: {result.stderr.strip()}\n{log}")

    def create(self) -> None:
        self._run(
            str(self.bin / "initdb"), "-D", str(self.data), "-U", "newsroom",
            "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8",
        )  # fmt: skip
        with open(self.data / "postgresql.conf", "a") as conf:
            conf.write(
                f"listen_addresses = ''\nunix_socket_directories = '{self.base}'\n"
                f"port = {self.port}\nfsync = off\nsynchronous_commit = off\n"
            )
        self.start()

    def start(self, *, wait: bool = True) -> None:
        flag = "-w" if wait else "-W"
        self._run(
            str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), flag, "start"
        )
        self.running = True

    def wait_ready(self, timeout: float = 30.0) -> float:
        """Poll until the server accepts a connection; returns that moment (monotonic)."""
        import psycopg

        deadline = time.monotonic() + timeout
        while True:
            try:
                psycopg.connect(
                    host=str(self.base), port=self.port, user="newsroom", dbname="postgres"
                ).close()
                return time.monotonic()
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.005)

    def stop(self) -> None:
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")
        self.running = False

    def url(self, name: str) -> str:
        return f"postgres://newsroom@/{name}?host={self.base}&port={self.port}"

    def destroy(self) -> None:
        if self.running:
            self.stop()
        shutil.rmtree(self.base, ignore_errors=True)
