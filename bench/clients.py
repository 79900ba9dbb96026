"""Client threads for the loopback load tests, each on its own keep-alive connection, from
entering a `with` block until leaving it: the fault drills' load (`faults.load.Load`) and
live coverage's polling readers (`live_edge.Readers`) are subclasses; `fetch` is one request
on such a connection (also `loadtest.load`'s)."""

import http.client
import threading

HOST = "127.0.0.1"


def fetch(connection: http.client.HTTPConnection, path: str, *, headers=None) -> tuple[str, bytes]:
    """GET `path` on a keep-alive `connection`: the status as text ("200") and the body, or
    ("lost:<error>", b"") when the connection failed; it is closed then, and the next request
    opens it again."""
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return str(response.status), response.read()
    except (OSError, http.client.HTTPException) as error:
        connection.close()
        return f"lost:{type(error).__name__}", b""


class ClientThreads:
    """`threads` threads, each running `client(n, connection)` with its own connection to
    `HOST`:`port`, from the start of the `with` block until `stopping` is set at its end
    (each finishes its request; `join_timeout` bounds the wait for them)."""

    def __init__(self, port: int, threads: int, *, timeout: float, join_timeout: float):
        self.port, self.timeout, self.join_timeout = port, timeout, join_timeout
        self.stopping = threading.Event()
        self.threads = [
            threading.Thread(target=self._run, args=(n,), daemon=True) for n in range(threads)
        ]

    def client(self, n: int, connection: http.client.HTTPConnection) -> None:
        raise NotImplementedError("a subclass says what each client thread asks for")

    def _run(self, n: int) -> None:
        connection = http.client.HTTPConnection(HOST, self.port, timeout=self.timeout)
        try:
            self.client(n, connection)
        finally:
            connection.close()

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=self.join_timeout)
