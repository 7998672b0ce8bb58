"""Run Datasette on the snapshots: serve, refresh when the live file changes, clean up on exit."""

import asyncio
import errno
import socket
import sqlite3
import sys
import threading
import time
import webbrowser
from contextlib import suppress
from pathlib import Path

import uvicorn
from datasette.app import Datasette
from datasette.database import Database
from datasette.plugins import pm

from t2025tui.core.errors import T2025Error
from t2025tui.core.text import display_text
from t2025tui.publish.plugin import PLUGIN_NAME, Publication
from t2025tui.publish.site import DATABASE_NAME, read_site
from t2025tui.publish.snapshot import Snapshots

TEMPLATES = Path(__file__).parent / "templates"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
REFRESH_SECONDS = 1.0
# A replaced snapshot stays open this long so queries already running on it can finish
# (Datasette stops any query after sql_time_limit_ms, 1 s by default).
RETIRE_AFTER_SECONDS = 30.0

SETTINGS = {
    "allow_download": False,  # the board reads the programme; the file itself stays on the laptop
    "suggest_facets": False,
    "template_debug": False,
}


class SnapshotDatabase(Database):
    """One immutable snapshot. Datasette keeps a thread's connection under the database's name,
    which every snapshot shares; each snapshot keeps its own instead, so a thread never goes on
    reading a replaced copy."""

    def __init__(self, datasette: Datasette, path: Path):
        super().__init__(datasette, path=str(path), is_mutable=False)
        self.snapshot_path = path
        self._per_thread = threading.local()

    async def execute_fn(self, fn):
        if self.ds.executor is None:
            return await super().execute_fn(fn)

        def in_thread():
            conn = getattr(self._per_thread, "conn", None)
            if conn is None:
                conn = self.connect()
                self.ds._prepare_connection(conn, self.name)
                self._per_thread.conn = conn
            return fn(conn)

        return await asyncio.get_running_loop().run_in_executor(self.ds.executor, in_thread)


class Publisher:
    """The Datasette instance, the snapshot it serves, and the swap to a fresher one."""

    def __init__(self, snapshots: Snapshots):
        self.snapshots = snapshots
        first = snapshots.take()
        self.publication = Publication(read_site(first))
        pm.register(self.publication, name=PLUGIN_NAME)
        self.datasette = Datasette(files=[], template_dir=str(TEMPLATES), settings=SETTINGS)
        self.datasette.remove_database("_memory")  # only the programme is published
        self._retired: list[tuple[float, SnapshotDatabase]] = []
        self._publish(first)
        self._last_problem: str | None = None

    def _publish(self, path: Path) -> None:
        database = SnapshotDatabase(self.datasette, path)
        site = read_site(path)
        current = self.datasette.databases.get(DATABASE_NAME)
        self.publication.site = site
        if isinstance(current, SnapshotDatabase):
            self.datasette.remove_database(DATABASE_NAME)
            self._retired.append((time.monotonic(), current))
        self.datasette.add_database(database, name=DATABASE_NAME)

    async def keep_fresh(self) -> None:
        """Every second: if the live file changed, take a snapshot and serve it instead."""
        while True:
            await asyncio.sleep(REFRESH_SECONDS)
            try:
                if await asyncio.to_thread(self.snapshots.changed):
                    self._publish(await asyncio.to_thread(self.snapshots.take))
                    self._last_problem = None
            except T2025Error as exc:
                self._report(f"{exc} Still serving the copy taken at the last good save.")
            except (OSError, sqlite3.Error) as exc:  # never let the refresher die: say so, try again
                self._report(f"Could not refresh the copy ({exc}). Still serving the last one.")
            self._drop_retired(older_than=RETIRE_AFTER_SECONDS)

    def _report(self, problem: str) -> None:
        if problem != self._last_problem:  # once, not every second
            print(f"t2025: warning: {display_text(problem)}", file=sys.stderr, flush=True)
            self._last_problem = problem

    def _drop_retired(self, older_than: float) -> None:
        kept = []
        for retired_at, database in self._retired:
            if time.monotonic() - retired_at < older_than:
                kept.append((retired_at, database))
                continue
            database.close()
            try:
                database.snapshot_path.unlink(missing_ok=True)
            except OSError:  # Windows: a connection still has it open; try again next time
                kept.append((retired_at, database))
        self._retired = kept

    def close(self) -> None:
        current = self.datasette.databases.get(DATABASE_NAME)
        if isinstance(current, SnapshotDatabase):
            current.close()
        self._drop_retired(older_than=0)
        with suppress(ValueError):
            pm.unregister(name=PLUGIN_NAME)


def listen(host: str, port: int) -> socket.socket:
    """The listening socket, or a one-line error saying why not and what to do."""
    try:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        return socket.create_server((host, port), family=family)
    except OSError as exc:
        if exc.errno in (errno.EADDRINUSE, getattr(errno, "WSAEADDRINUSE", -1)):
            raise T2025Error(
                f"Port {port} on {host} is already in use (another t2025 serve?). Choose another with --port."
            ) from None
        raise T2025Error(f"Cannot listen on {host} port {port}: {exc.strerror or exc}.") from None


def non_local_warning(host: str, port: int, marking: str) -> str | None:
    if host in LOCAL_HOSTS:
        return None
    return (
        f"serving on {host}: anyone who can reach this machine on port {port} can read the "
        f"programme, which is marked {marking}. Only do this on a network cleared for {marking} "
        "material."
    )


def serve(live: Path, host: str, port: int, open_browser: bool = False) -> int:
    """Serve `live` read-only until ctrl+c, SIGTERM or ctrl+break; every snapshot is removed on the
    way out (the `t2025` entry point turns SIGTERM, SIGHUP and SIGBREAK into an unwinding exit)."""
    snapshots = Snapshots(live)
    publisher = None
    listening = False
    try:
        publisher = Publisher(snapshots)
        sock = listen(host, port)
        listening = True
        site = publisher.publication.site
        warning = non_local_warning(host, port, site.marking)
        if warning:
            print(f"t2025: warning: {display_text(warning)}", file=sys.stderr, flush=True)
        shown_host = f"[{host}]" if ":" in host else host
        url = f"http://{shown_host}:{sock.getsockname()[1]}/"
        announcement = (
            f"Serving {display_text(site.programme_name)} [{display_text(site.marking)}] read-only "
            f"at {url}{DATABASE_NAME} - press ctrl+c to stop."
        )
        with sock:
            asyncio.run(
                _run(publisher, sock, announcement, f"{url}{DATABASE_NAME}" if open_browser else None)
            )
    except KeyboardInterrupt:
        pass
    finally:
        if publisher is not None:
            publisher.close()
        snapshots.close()
        if listening:
            print("Stopped; the snapshot was removed.", flush=True)
    return 0


async def _run(publisher: Publisher, sock: socket.socket, announcement: str, open_url: str | None) -> None:
    # lifespan off: Datasette prepares itself on the first request (and invoke_startup below), so
    # a stop that arrives while the server is starting has no start-up of uvicorn's to interrupt.
    config = uvicorn.Config(publisher.datasette.app(), log_level="warning", access_log=False, lifespan="off")
    server = uvicorn.Server(config)
    await publisher.datasette.invoke_startup()
    refresher = asyncio.create_task(publisher.keep_fresh())
    announcer = asyncio.create_task(_when_started(server, announcement, open_url))
    try:
        await server.serve(sockets=[sock])
    finally:
        for task in (refresher, announcer):
            task.cancel()
            with suppress(asyncio.CancelledError):
                await task


async def _when_started(server: uvicorn.Server, announcement: str, open_url: str | None) -> None:
    """Say where to read it only once it can be read, then open the browser if asked."""
    while not server.started:
        await asyncio.sleep(0.05)
    print(announcement, flush=True)
    if open_url:
        await asyncio.to_thread(webbrowser.open, open_url)
