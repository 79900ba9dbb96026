"""The load tests' client threads (bench.clients), as the fault drills' load and live
coverage's polling readers use them, against a small local server: every request is
recorded with its outcome, a lost connection is an outcome and not a crash, and leaving the
`with` block stops every thread."""

import http.client
import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from bench.clients import fetch
from bench.faults.load import Load
from bench.live_edge import Readers


class Answers(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as gunicorn and Varnish answer

    def do_GET(self):
        address = urlsplit(self.path)
        if address.path == "/updates":
            after = int(parse_qs(address.query)["after"][0])
            body = json.dumps({"entries": [{"id": after + 1}], "last_id": after + 1}).encode()
            status = 200
        else:
            body, status = b"page", 200 if address.path == "/ok" else 404
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Answers)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def until(condition, seconds=10.0):
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.01)


def test_the_drills_load_records_every_answer_and_stops_with_the_block(server):
    port = server.server_address[1]
    with Load(port, ["/ok", "/missing"], 2) as load:
        until(lambda: {"200", "404"} <= set(load.counts()))
    assert {"200", "404"} <= set(load.counts())
    assert not any(thread.is_alive() for thread in load.threads)
    done = len(load.results)
    time.sleep(0.05)
    assert len(load.results) == done  # nothing asks once the block has ended


def test_readers_poll_from_the_newest_entry_they_have_seen(server):
    readers = Readers(
        port=server.server_address[1], path="/updates", count=3, every=0.02, threads=2, start=10
    )
    with readers:
        until(lambda: min(readers.last) >= 13)
    assert min(readers.last) >= 13 and readers.errors == 0
    assert not any(thread.is_alive() for thread in readers.threads)


def test_a_lost_connection_is_an_outcome_not_a_crash():
    with socket.socket() as unused:  # a port nobody listens on
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
    assert fetch(connection, "/ok") == ("lost:ConnectionRefusedError", b"")
