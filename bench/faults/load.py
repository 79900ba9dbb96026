"""The fault drills' load and what they watch: client threads on keep-alive connections
recording every request, the public addresses they ask for, gunicorn's workers and their
memory."""

import http.client
import random
import time
from collections import Counter
from pathlib import Path

from ..clients import HOST, ClientThreads, fetch
from ..data import SEARCH_TERMS


class Load(ClientThreads):
    """Client threads, each on its own keep-alive connection, recording every request."""

    def __init__(self, port: int, urls: list[str], connections: int, *, seed: int = 1):
        super().__init__(port, connections, timeout=30, join_timeout=60)
        self.urls, self.seed = urls, seed
        self.results: list[tuple[float, float, str]] = []  # (start, end, outcome)

    def client(self, n: int, connection) -> None:
        rng = random.Random(self.seed + n)
        mine = self.results  # list.append is atomic: one shared list, readable while running
        while not self.stopping.is_set():
            start = time.monotonic()
            outcome, _ = fetch(connection, rng.choice(self.urls), headers={"Host": HOST})
            mine.append((start, time.monotonic(), outcome))
            if outcome != "200":
                time.sleep(0.005)  # failing fast: do not spin

    def counts(self, since=float("-inf"), until=float("inf")) -> Counter:
        return Counter(o for s, e, o in self.results if since <= e < until)


def failed(outcome: str) -> bool:
    return outcome.startswith("lost") or outcome.startswith("5")


def summary(counter: Counter) -> str:
    return ", ".join(f"{k} × {v}" for k, v in sorted(counter.items())) or "none"


def workers_of(master: int) -> list[int]:
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master:
            children.append(int(stat.parent.name))
    return sorted(children)


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def wait_for_workers(master: int, count: int, timeout: float = 20.0) -> list[int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        pids = workers_of(master)
        if len(pids) == count:
            return pids
        time.sleep(0.02)
    raise RuntimeError(f"gunicorn did not get back to {count} workers in {timeout:g} s")


def public_urls() -> list[str]:
    """A weighted mix of public addresses: mostly stories, then listings, search and feeds."""
    from django.utils import timezone

    from articles.models import PublishedArticle, Section
    from authors.models import Author

    visible = PublishedArticle.objects.filter(status="live", published_at__lte=timezone.now())
    stories = list(visible.values_list("url_path", flat=True))  # not the scheduled ones
    listings = ["/", "/?page=2", "/?page=3"] + [f"/{s.slug}/" for s in Section.objects.all()]
    people = [f"/authors/{slug}/" for slug in Author.objects.values_list("slug", flat=True)]
    tags = [f"/tags/topic-{n}/" for n in range(0, 40, 4)]
    searches = [f"/search/?q={term.replace(' ', '+')}" for term in SEARCH_TERMS]
    machine = ["/feeds/rss/", "/feeds/atom/", "/sitemap.xml", "/news-sitemap.xml"]
    machine += ["/robots.txt", "/api/stories/"]
    rng = random.Random(7)
    mix = rng.sample(stories, min(len(stories), 700))
    mix += listings * 8 + people * 2 + tags * 3 + searches * 4 + machine * 5
    return mix


def check_urls(port: int, urls: list[str]) -> list[str]:
    """Only addresses that answer 200 before any fault (a 404 tag page is not a fault)."""
    good, bad = [], Counter()
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    for url in sorted(set(urls)):
        status, _ = fetch(connection, url, headers={"Host": HOST})
        if status == "200":
            good.append(url)
        else:
            bad[f"{status} {url}"] += 1
    connection.close()
    if bad:
        print(f"  ({sum(bad.values())} addresses left out of the mix: {summary(bad)})")
    keep = set(good)
    return [u for u in urls if u in keep]
