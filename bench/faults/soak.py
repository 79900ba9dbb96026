"""Drill 3, the soak: minutes of mixed public load while an editor saves and publishes demo
stories through the workflow; no response 5xx, worker memory (RSS) growth under
`RSS_GROWTH_LIMIT` after warm-up, and every story intact (checksums of each story's text,
snapshots and attributions before and after; the edited ones checked against what the
editor wrote)."""

import hashlib
import json
import threading
import time
from collections import Counter
from pathlib import Path

from .load import Load, failed, rss_kib, summary, workers_of

RSS_GROWTH_LIMIT = 0.10


def digest(value) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=str).encode()).hexdigest()


def story_checksums() -> dict[int, tuple[str, str]]:
    """Per story: (text: working copy and snapshots, attributions with related records)."""
    from articles.models import Article, PublishedArticle
    from sources.models import Attribution

    snapshots, attributions = {}, {}
    for row in PublishedArticle.objects.order_by("pk").values():
        row.pop("search_vector", None)
        snapshots.setdefault(row["article_id"], []).append(row)
    attribution_rows = list(Attribution.objects.order_by("pk").values())
    by_id = {row["id"]: row for row in attribution_rows}
    for relation in Attribution._meta.related_objects:  # confidential records and the like
        if relation.many_to_many:
            continue
        model, field = relation.related_model, relation.field.name
        for row in model.objects.filter(**{f"{field}__in": list(by_id)}).order_by("pk").values():
            by_id[row[f"{field}_id"]].setdefault(model.__name__, []).append(row)
    for row in attribution_rows:
        attributions.setdefault(row["article_id"], []).append(row)
    return {
        article["id"]: (
            digest([article, snapshots.get(article["id"], [])]),
            digest(attributions.get(article["id"], [])),
        )
        for article in Article.objects.order_by("pk").values()
    }


class Editor:
    """The trickle: save, then publish, demo stories in turn through articles.workflow.transitions."""

    def __init__(self, every: float, on_publish=None):
        from articles.models import Article
        from demo.loader import demo_users
        from sources.standards import check_article

        _, self.user = demo_users()  # in the Editors group, as the demo publishes with it
        live = Article.objects.filter(state="published", body__gt="").order_by("pk")
        self.stories = [a.pk for a in live if not any(f.is_blocking for f in check_article(a))][:4]
        self.every = every
        # on_publish(pk, n) is called before a publish; what it returns, after it (bench/edge.py)
        self.on_publish = on_publish
        self.written: dict[int, str] = {}  # story -> body last saved
        self.published: dict[int, int] = {}  # story -> edit number last published
        self.counts = Counter()
        self.errors: list[str] = []
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        from django.db import connection

        from articles import workflow
        from articles.models import Article
        from sources.standards import check_article

        n = 0
        while not self.stopping.wait(self.every):
            n += 1
            pk = self.stories[((n - 1) // 2) % len(self.stories)]  # saved, then published
            try:
                article = Article.objects.get(pk=pk)
                if n % 2:  # save an edit: the story becomes "live + draft"
                    article.body += f"<p>Soak edit {n}.</p>"
                    workflow.save_article(self.user, article, expected_version=article.version)
                    self.written[pk] = article.body
                    self.counts["saves"] += 1
                else:  # publish it
                    overrides = {f.code: "Fault drill" for f in check_article(article)}
                    after = self.on_publish(pk, n - 1) if self.on_publish else None
                    workflow.publish(self.user, article, overrides=overrides)
                    if after:
                        after()
                    self.published[pk] = n - 1
                    self.counts["publishes"] += 1
            except Exception as error:  # reported as a failed check, the soak goes on
                self.errors.append(f"edit {n} of story {pk}: {error!r}")
        connection.close()

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        self.thread.join(timeout=60)


def soak_drill(port, urls, master, args) -> dict:
    before = story_checksums()
    editor = Editor(args.edit_every)
    with Load(port, urls, args.connections, seed=100) as load:
        time.sleep(args.soak_warmup)
        pids = workers_of(master)
        baseline = {pid: rss_kib(pid) for pid in pids}
        peak = dict(baseline)
        began = time.monotonic()
        print(f"  warm-up {args.soak_warmup:g} s: {summary(load.counts())}", flush=True)
        with editor:
            while (elapsed := time.monotonic() - began) < args.soak_seconds:
                time.sleep(min(1.0, args.soak_seconds - elapsed))
                for pid in pids:
                    if Path(f"/proc/{pid}").exists():
                        peak[pid] = max(peak[pid], rss_kib(pid))
                if int(elapsed) % 30 == 29 or time.monotonic() - began >= args.soak_seconds:
                    rss = ", ".join(
                        f"{rss_kib(p) / 1024:.1f}" for p in pids if Path(f"/proc/{p}").exists()
                    )
                    print(
                        f"  {time.monotonic() - began:5.0f} s: {summary(load.counts(since=began))}; "
                        f"edits {summary(editor.counts)}; worker RSS {rss} MiB",
                        flush=True,
                    )
        end_rss = {pid: rss_kib(pid) if Path(f"/proc/{pid}").exists() else 0 for pid in pids}
        restarted = workers_of(master) != pids
        ended = time.monotonic()
    after = story_checksums()
    return {
        "counts": load.counts(began, ended),
        "seconds": ended - began,
        "baseline": baseline,
        "end_rss": end_rss,
        "peak": peak,
        "restarted": restarted,
        "before": before,
        "after": after,
        "editor": editor,
    }


def story_problems(result: dict) -> list[str]:
    """Stories whose checksum changed, except as the editor changed them (checked too)."""
    from articles.models import Article, PublishedArticle

    editor: Editor = result["editor"]
    before, after = result["before"], result["after"]
    problems = [f"story {pk} is gone" for pk in before if pk not in after]
    problems += [f"story {pk} appeared" for pk in after if pk not in before]
    for pk in before.keys() & after.keys():
        text_same = before[pk][0] == after[pk][0]
        if before[pk][1] != after[pk][1]:
            problems.append(f"story {pk}: attributions changed")
        if pk not in editor.stories:
            if not text_same:
                problems.append(f"story {pk}: text or snapshot changed")
            continue
        article = Article.objects.get(pk=pk)
        if pk in editor.written and article.body != editor.written[pk]:
            problems.append(f"story {pk}: the body is not what the editor saved last")
        if pk in editor.published:
            live = PublishedArticle.objects.get(article_id=pk, status="live")
            if f"Soak edit {editor.published[pk]}." not in live.body_html:
                problems.append(f"story {pk}: the live copy lacks the last published edit")
    return problems


def soak_report(soak: dict) -> list[tuple[str, bool, str]]:
    """Prints the soak's figures; its checks."""
    counts = soak["counts"]
    total = sum(counts.values())
    fives = sum(v for k, v in counts.items() if failed(k))
    editor = soak["editor"]
    print(f"  requests: {total} ({total / soak['seconds']:.0f}/s): {summary(counts)}")
    print(
        f"  editor: {summary(editor.counts)} on {len(editor.stories)} stories; "
        f"{len(editor.errors)} failed" + (f": {editor.errors[:3]}" if editor.errors else "")
    )
    growth = {}
    for pid, base in soak["baseline"].items():
        end = soak["end_rss"].get(pid, 0)
        growth[pid] = (end - base) / base
        print(
            f"  worker {pid}: RSS {base / 1024:.1f} MiB after warm-up -> {end / 1024:.1f} MiB "
            f"at the end ({growth[pid]:+.1%}; peak {soak['peak'][pid] / 1024:.1f} MiB)"
        )
    problems = story_problems(soak)
    print(f"  stories checked: {len(soak['before'])}; problems: {len(problems)} {problems[:5]}")
    worst = max(growth.values())
    return [
        ("soak: 0 responses 5xx or lost", fives == 0, f"{fives}"),
        (
            "soak: worker RSS growth under 10%",
            worst < RSS_GROWTH_LIMIT and not soak["restarted"],
            f"{worst:+.1%}",
        ),
        ("soak: every story intact", not problems, f"{len(problems)} problems"),
        (
            "soak: every edit saved or published",
            not editor.errors,
            f"{len(editor.errors)} failed",
        ),
    ]
