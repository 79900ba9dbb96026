"""A newsroom past one machine, rehearsed on this one: `./dev cluster up|status|down|drill`.

`up` starts, on loopback only, from Debian's and PostgreSQL's own programs:

    readers ─► Varnish :8090 ─┬─► app1 gunicorn :8011 ─┐      ┌─► PgBouncer :6441 ─► primary :5441
      (probes /robots.txt)    └─► app2 gunicorn :8012 ─┼──────┤        (transaction mode)    │ WAL
                                worker1, worker2 ──────┘      └─► replica :5442 ◄────────────┘
                                (db_worker)                    (hot standby, pg_basebackup)
                                  all share Redis :6381 (page cache, sessions' cache)

The primary gets the demo newsroom; the replica is made from it with `pg_basebackup -R` and
streams its WAL. App nodes and workers run with production settings: writes and editorial
reads through PgBouncer, readers' reads on the replica (newsroom.ops.db_router), the shared
cache in Redis, edge purges to Varnish. Each part's state, log and PID live under
.local/cluster/<part>/; `down` stops by those PIDs only. `drill` is deploy/drills.py.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from cluster_vcl import balanced_vcl  # deploy/cluster_vcl.py, beside this file

ROOT = Path(__file__).resolve().parent.parent
STATE = ROOT / ".local" / "cluster"
HOST = "127.0.0.1"
PORTS = {
    "primary": 5441,
    "replica": 5442,
    "pgbouncer": 6441,
    "redis": 6381,
    "app1": 8011,
    "app2": 8012,
    "edge": 8090,
}
DB = "newsroom"
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
IS_ROOT = os.geteuid() == 0
# Whether the app nodes reach the primary through PgBouncer (the tests' small cluster has none).
POOLED = True


def say(text: str) -> None:
    print(f"\033[1m==>\033[0m {text}", flush=True)


def as_pg(command: list) -> list[str]:
    """PostgreSQL and PgBouncer refuse to run as root: as root they run as `postgres`."""
    command = [str(part) for part in command]
    return ["runuser", "-u", "postgres", "--", *command] if IS_ROOT else command


def part_dir(name: str) -> Path:
    path = STATE / name
    path.mkdir(parents=True, exist_ok=True)
    if IS_ROOT and name in {"primary", "replica", "pgbouncer"}:
        shutil.chown(path, "postgres")
        # The postgres user must be able to reach it (a checkout under /root, say).
        for folder in path.parents:
            if folder == Path("/"):
                break
            folder.chmod(folder.stat().st_mode | 0o001)
    return path


def answers(port: int, timeout: float = 0.5) -> bool:
    try:
        with socket.create_connection((HOST, port), timeout=timeout):
            return True
    except OSError:
        return False


def wait_for(port: int, what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not answers(port):
        if time.monotonic() > deadline:
            raise SystemExit(f"{what} did not answer on {HOST}:{port} in {seconds:.0f} s")
        time.sleep(0.2)


def _reaped(pid: int) -> bool:
    """Whether `pid` is a child of this process that has exited (now reaped). An exited child
    stays a zombie until its parent waits for it, and `os.kill(pid, 0)` still finds a zombie:
    `stop` would wait its full ten seconds for every part this same process started (the
    drills and the test suite start and stop workers and app nodes themselves)."""
    try:
        done, _ = os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return False  # not a child of ours: os.kill tells
    return done == pid


def pid_of(name: str) -> int | None:
    for candidate in (STATE / name / "pid", STATE / name / "data" / "postmaster.pid"):
        if candidate.exists():
            text = candidate.read_text().split()
            if text and text[0].isdigit():
                pid = int(text[0])
                if _reaped(pid):
                    return None
                try:
                    os.kill(pid, 0)
                    return pid
                except OSError:
                    return None
    return None


def psql(port: int, sql: str, db: str = "postgres") -> str:
    result = subprocess.run(
        [PG_BIN / "psql", "-h", HOST, "-p", str(port), "-U", "newsroom", "-d", db, "-tAc", sql],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise RuntimeError(result.stderr.strip())
    return result.stdout.strip()


# --- the database tier ------------------------------------------------------------------


def start_postgres(name: str) -> None:
    data = part_dir(name) / "data"
    if pid_of(name):
        return
    log = STATE / name / "server.log"
    subprocess.run(
        as_pg([PG_BIN / "pg_ctl", "-D", data, "-l", log, "-w", "-t", "60", "start"]),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    wait_for(PORTS[name], name)


def make_primary() -> None:
    data = part_dir("primary") / "data"
    if not (data / "PG_VERSION").exists():
        say(f"initdb the primary ({data})")
        subprocess.run(
            as_pg([PG_BIN / "initdb", "-D", data, "-U", "newsroom", "--auth=trust", "-E", "UTF8",
                   "--locale=C.UTF-8"]),
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        settings = [
            f"listen_addresses = '{HOST}'",
            f"port = {PORTS['primary']}",
            f"unix_socket_directories = '{STATE / 'primary'}'",
            "wal_level = replica",
            "max_wal_senders = 5",
            "wal_keep_size = '256MB'",
            "hot_standby = on",
            "max_connections = 200",
        ]
        with open(data / "postgresql.conf", "a") as conf:
            conf.write("\n".join(settings) + "\n")
        with open(data / "pg_hba.conf", "a") as hba:
            hba.write(f"host replication newsroom {HOST}/32 trust\n")
    start_postgres("primary")
    if psql(PORTS["primary"], f"SELECT 1 FROM pg_database WHERE datname = '{DB}'") != "1":
        psql(PORTS["primary"], f"CREATE DATABASE {DB}")


def make_replica(name: str = "replica", source: str = "primary") -> None:
    """`name` as a streaming standby of `source` (pg_basebackup -R), started."""
    data = STATE / name / "data"
    if not (data / "PG_VERSION").exists():
        say(f"pg_basebackup: {name} from {source} (streaming, hot standby)")
        part_dir(name)
        subprocess.run(
            as_pg([PG_BIN / "pg_basebackup", "-h", HOST, "-p", PORTS[source], "-U", "newsroom",
                   "-D", data, "-R", "-X", "stream", "-c", "fast"]),
            check=True,
        )  # fmt: skip
        with open(data / "postgresql.conf", "a") as conf:
            conf.write(f"port = {PORTS[name]}\nunix_socket_directories = '{STATE / name}'\n")
    start_postgres(name)


def rebuild_replica(name: str, source: str) -> None:
    """Throw `name`'s data away and make it afresh as a standby of `source` (after a
    failover the old primary has history the new one never had: it cannot just follow)."""
    stop(name)
    shutil.rmtree(STATE / name / "data", ignore_errors=True)
    make_replica(name, source)


def promote(name: str) -> None:
    """`pg_ctl promote` the standby `name`; returns once it takes writes."""
    subprocess.run(
        as_pg([PG_BIN / "pg_ctl", "-D", STATE / name / "data", "-w", "promote"]),
        check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    while psql(PORTS[name], "SELECT pg_is_in_recovery()") != "f":
        time.sleep(0.05)


def point_pgbouncer_at(name: str) -> None:
    """PgBouncer's one database entry rewritten to `name`'s port, reloaded (SIGHUP): the app
    nodes keep their DATABASE_URL (PgBouncer) and their next transaction reaches `name`."""
    ini = STATE / "pgbouncer" / "pgbouncer.ini"
    lines = ini.read_text().splitlines()
    lines = [
        f"{DB} = host={HOST} port={PORTS[name]} dbname={DB}" if line.startswith(f"{DB} =") else line
        for line in lines
    ]
    ini.write_text("\n".join(lines) + "\n")
    os.kill(pid_of("pgbouncer"), signal.SIGHUP)


def start_pgbouncer() -> None:
    folder = part_dir("pgbouncer")
    if pid_of("pgbouncer"):
        return
    (folder / "users.txt").write_text('"newsroom" ""\n')
    (folder / "pgbouncer.ini").write_text(
        "[databases]\n"
        f"{DB} = host={HOST} port={PORTS['primary']} dbname={DB}\n"
        "[pgbouncer]\n"
        f"listen_addr = {HOST}\nlisten_port = {PORTS['pgbouncer']}\n"
        f"unix_socket_dir =\nauth_type = trust\nauth_file = {folder / 'users.txt'}\n"
        "pool_mode = transaction\nmax_client_conn = 400\ndefault_pool_size = 20\n"
        f"logfile = {folder / 'pgbouncer.log'}\npidfile = {folder / 'pid'}\n"
        "ignore_startup_parameters = extra_float_digits,options\n"
        # After a failover the pool retries the (new) server within a second, not 15.
        "server_login_retry = 1\n"
    )
    if IS_ROOT:
        for path in folder.iterdir():
            shutil.chown(path, "postgres")
    subprocess.run(as_pg(["pgbouncer", "-d", folder / "pgbouncer.ini"]), check=True)
    wait_for(PORTS["pgbouncer"], "PgBouncer")


def start_redis() -> None:
    folder = part_dir("redis")
    if pid_of("redis"):
        return
    subprocess.run(
        ["redis-server", "--bind", HOST, "--port", str(PORTS["redis"]), "--daemonize", "yes",
         "--pidfile", folder / "pid", "--dir", folder, "--logfile", folder / "redis.log",
         "--save", "", "--appendonly", "no", "--maxmemory", "256mb",
         "--maxmemory-policy", "allkeys-lru"],
        check=True,
    )  # fmt: skip
    wait_for(PORTS["redis"], "Redis")


# --- the app tier -----------------------------------------------------------------------


def app_env() -> dict[str, str]:
    """Production settings for app nodes and workers, pointed at the cluster's parts."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings.production",
        DATABASE_URL=f"postgres://newsroom@{HOST}:{PORTS['pgbouncer' if POOLED else 'primary']}/{DB}",
        DATABASE_POOLED="1" if POOLED else "",
        DATABASE_REPLICA_URLS=f"postgres://newsroom@{HOST}:{PORTS['replica']}/{DB}",
        REDIS_URL=f"redis://{HOST}:{PORTS['redis']}/0",
        SECRET_KEY=os.environ.get("SECRET_KEY")
        or (ROOT / ".local" / "secret_key").read_text().strip(),
        ALLOWED_HOSTS=f"{HOST},localhost",
        SITE_URL=f"http://{HOST}:{PORTS['edge']}",
        SECURE_SSL_REDIRECT="0",
        EDGE_PURGE_URLS=f"http://{HOST}:{PORTS['edge']}/",
        MEDIA_ROOT=str(STATE / "media"),
        STATIC_ROOT=str(STATE / "static"),
        NEWSROOM_TASKS="database",
        # Mail goes to files, one per message, so the drills can count what was sent.
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(STATE / "mail"),
    )
    env.pop("NEWSROOM_TEST_DB_NAME", None)
    return env


def direct_env() -> dict[str, str]:
    """app_env() straight to the primary, not through the pool nor the replica: schema
    changes, bulk loads and the drills' own reads."""
    env = app_env()
    env["DATABASE_URL"] = f"postgres://newsroom@{HOST}:{PORTS['primary']}/{DB}"
    env.pop("DATABASE_POOLED", None)
    env.pop("DATABASE_REPLICA_URLS")
    return env


def manage(*args: str, direct: bool = False) -> None:
    env = direct_env() if direct else app_env()
    subprocess.run([sys.executable, ROOT / "manage.py", *args], env=env, check=True, cwd=ROOT)


def manage_output(*args: str) -> str:
    """manage.py on the primary directly (as `manage(direct=True)`), its output returned."""
    result = subprocess.run(
        [sys.executable, ROOT / "manage.py", *args], env=direct_env(), cwd=ROOT,
        capture_output=True, text=True,
    )  # fmt: skip
    if result.returncode:
        raise SystemExit(result.stderr[-2000:])
    return result.stdout


def spawn(name: str, command: list, *, port: int | None = None) -> None:
    """Start a process of ours in the background, its PID in .local/cluster/<name>/pid."""
    if pid_of(name):
        return
    folder = part_dir(name)
    log = open(folder / "log", "ab")  # noqa: SIM115 (the child keeps it)
    process = subprocess.Popen(
        [str(part) for part in command],
        env=app_env(),
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    (folder / "pid").write_text(str(process.pid))
    if port:
        wait_for(port, name)


def start_app(name: str) -> None:
    spawn(
        name,
        [sys.executable, "-m", "gunicorn", "newsroom.wsgi", "-b", f"{HOST}:{PORTS[name]}",
         "-w", "2", "--graceful-timeout", "5", "--access-logfile", "-"],
        port=PORTS[name],
    )  # fmt: skip


def start_worker(name: str) -> None:
    spawn(name, [sys.executable, ROOT / "manage.py", "db_worker"])


def start_edge() -> None:
    folder = part_dir("edge")
    if pid_of("edge"):
        return
    folder.chmod(0o755)
    vcl = (ROOT / "deploy" / "varnish.vcl").read_text()
    (folder / "cluster.vcl").write_text(
        balanced_vcl(vcl, HOST, {n: PORTS[n] for n in ("app1", "app2")})
    )
    varnishd = shutil.which("varnishd") or "/usr/sbin/varnishd"
    subprocess.run(
        [varnishd, "-n", folder / "work", "-a", f"{HOST}:{PORTS['edge']}",
         "-f", folder / "cluster.vcl", "-s", "malloc,256m", "-P", folder / "pid"],
        check=True,
    )  # fmt: skip
    wait_for(PORTS["edge"], "Varnish")


# --- commands ---------------------------------------------------------------------------

PARTS = ["primary", "replica", "pgbouncer", "redis", "app1", "app2", "worker1", "worker2", "edge"]


def up() -> None:
    make_primary()
    start_redis()  # loading the demo already writes to the shared cache
    loaded = STATE / "primary" / "demo-loaded"
    say("migrating the primary")
    manage("migrate", "--noinput", "-v", "0", direct=True)
    # Before the demo: publishing renders pages, which name static files by the manifest.
    manage("collectstatic", "--noinput", "-v", "0", direct=True)
    if not loaded.exists():
        say("loading the demo newsroom on the primary")
        manage("load_demo", direct=True)
        manage("ensure_admin", direct=True)
        loaded.touch()
    make_replica()
    start_pgbouncer()
    for name in ("app1", "app2"):
        start_app(name)
    for name in ("worker1", "worker2"):
        start_worker(name)
    start_edge()
    deadline = time.monotonic() + 30
    while public_page("/robots.txt") != 200 and time.monotonic() < deadline:
        time.sleep(0.5)  # Varnish's probes find the app nodes healthy
    status()
    say(f"readers: http://{HOST}:{PORTS['edge']}/  ·  admin: http://{HOST}:{PORTS['app1']}/admin/")


def replica_lag() -> str:
    """How far the replica's replay is behind the primary's WAL, in bytes."""
    behind = replica_lag_of("replica", "primary")
    return "not answering" if behind is None else f"{behind:,} bytes of WAL behind the primary"


def replica_lag_of(standby: str, primary: str) -> int | None:
    """Bytes of WAL `standby` has yet to replay of what `primary` wrote (None: no answer)."""
    try:
        replayed = psql(PORTS[standby], "SELECT pg_last_wal_replay_lsn()")
        sql = f"SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '{replayed}')"
        return int(float(psql(PORTS[primary], sql)))
    except (RuntimeError, ValueError):
        return None


def status() -> None:
    ports = {**PORTS, "worker1": None, "worker2": None}
    for name in PARTS:
        pid = pid_of(name)
        port = ports.get(name)
        state = "running" if pid and (port is None or answers(port)) else "stopped"
        where = f"{HOST}:{port}" if port else "(no port)"
        extra = f"  replica: {replica_lag()}" if name == "replica" and state == "running" else ""
        print(f"  {name:<10} {state:<8} pid {pid or '—':<8} {where}{extra}")


def stop(name: str) -> None:
    pid = pid_of(name)
    if name in {"primary", "replica"}:
        data = STATE / name / "data"
        if pid:
            subprocess.run(as_pg([PG_BIN / "pg_ctl", "-D", data, "-m", "fast", "stop"]),
                           stdout=subprocess.DEVNULL)  # fmt: skip
        return
    if pid:
        # Our own processes lead a session of their own: their children (gunicorn's workers)
        # go with them.
        kill = os.killpg if name.startswith(("app", "worker")) else os.kill
        with contextlib.suppress(OSError):
            kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + 10
        while pid_of(name) and time.monotonic() < deadline:
            time.sleep(0.1)
    (STATE / name / "pid").unlink(missing_ok=True)


def down() -> None:
    for name in reversed(PARTS):
        stop(name)
        print(f"  {name:<10} stopped")


def public_page(path: str = "/", port: int | None = None, timeout: float = 5) -> int:
    """The status of a reader's GET through the edge (or straight to `port`)."""
    url = f"http://{HOST}:{port or PORTS['edge']}{path}"
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (OSError, http.client.HTTPException):  # refused, or cut off mid-answer
        return 0


def main(argv: list[str]) -> None:
    command = argv[0] if argv else "status"
    if command == "up":
        up()
    elif command == "status":
        status()
    elif command == "down":
        down()
    elif command == "drill":
        import drills  # deploy/drills.py, beside this file

        drills.main(argv[1:])
    else:
        raise SystemExit("usage: ./dev cluster up|status|down|drill [names]")


if __name__ == "__main__":
    main(sys.argv[1:])
