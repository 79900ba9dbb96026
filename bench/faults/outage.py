"""Drill 1, PostgreSQL stopped and started under load: the errors while it is down and how
soon after it is back the last request fails (under `RECOVERY_LIMIT`)."""

import time

from .cluster import Cluster
from .load import Load, failed, summary

RECOVERY_LIMIT = 1.0


def outage_drill(port: int, urls: list[str], cluster: Cluster, down: float) -> dict:
    with Load(port, urls, 8) as load:
        time.sleep(3)
        t_stop = time.monotonic()
        try:
            cluster.stop()
            t_down = time.monotonic()
            time.sleep(down)
        finally:
            t_start = time.monotonic()
            cluster.start(wait=False)  # whatever happened, PostgreSQL comes back
        # Back = accepting connections (pg_ctl -w notices only at its next poll, up to 1 s on).
        t_back = cluster.wait_ready()
        time.sleep(5)
    after = [(s, e, o) for s, e, o in load.results if e >= t_back]
    first_ok = min((e for s, e, o in after if o == "200" and s >= t_back), default=None)
    return {
        "before": load.counts(until=t_stop),
        "outage": load.counts(t_stop, t_back),
        "after": load.counts(t_back),
        "stop_seconds": t_down - t_stop,
        "start_seconds": t_back - t_start,
        "down_seconds": t_back - t_stop,
        "recovery": max((e for s, e, o in after if failed(o)), default=t_back) - t_back,
        "first_ok": None if first_ok is None else first_ok - t_back,
    }


def outage_report(outage: dict, args) -> list[tuple[str, bool, str]]:
    """Prints the drill's figures; its check."""
    print(f"  before the stop: {summary(outage['before'])}")
    print(
        f"  from the stop to PostgreSQL accepting connections again "
        f"({outage['down_seconds']:.2f} s: pg_ctl stop {outage['stop_seconds']:.2f} s, "
        f"down {args.outage_seconds:g} s, start {outage['start_seconds']:.2f} s): "
        f"{summary(outage['outage'])}"
    )
    print(f"  after PostgreSQL was back: {summary(outage['after'])}")
    first = outage["first_ok"]
    print(
        f"  recovery: last failure {outage['recovery']:.3f} s after PostgreSQL was back; "
        f"first success after {first:.3f} s"
        if first is not None
        else "  no success after restart"
    )
    return [
        (
            "recovery under 1 s",
            outage["recovery"] < RECOVERY_LIMIT,
            f"{outage['recovery']:.3f} s",
        )
    ]
