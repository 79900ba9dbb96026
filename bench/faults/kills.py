"""Drill 2, a gunicorn worker killed with SIGKILL three times under load: the requests lost
and how soon gunicorn replaced it (figures only, no check)."""

import os
import random
import signal
import time

from .load import Load, failed, summary, workers_of


def kill_drill(port: int, urls: list[str], master: int, workers: int) -> dict:
    respawn = []
    with Load(port, urls, 8) as load:
        time.sleep(2)
        for _ in range(3):
            victim = random.choice(workers_of(master))
            killed = time.monotonic()
            os.kill(victim, signal.SIGKILL)
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline:  # replaced = a new pid, and all N there
                pids = workers_of(master)
                if victim not in pids and len(pids) == workers:
                    break
                time.sleep(0.01)
            respawn.append(time.monotonic() - killed)
            time.sleep(3)
    counts = load.counts()
    return {
        "counts": counts,
        "lost": sum(v for k, v in counts.items() if failed(k)),
        "respawn": respawn,
    }


def kill_report(kills: dict) -> None:
    """Prints the drill's figures."""
    total = sum(kills["counts"].values())
    print(f"  requests: {summary(kills['counts'])}")
    print(
        f"  lost: {kills['lost']} of {total}; replacement worker up after "
        + ", ".join(f"{s:.2f} s" for s in kills["respawn"])
    )
