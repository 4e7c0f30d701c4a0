"""``kg serve``: the store over the SPARQL 1.1 Protocol, with the real Oxigraph server.

The ``oxigraph`` package on PyPI ships Oxigraph's server binary; kg runs it as
``oxigraph serve-read-only --location DIR --bind HOST:PORT --union-default-graph --timeout-s SECONDS``:

- read-only: ``/update`` and the Graph Store write methods answer 403, so no web page can wipe the store;
- bound to 127.0.0.1 unless told otherwise, with no CORS headers;
- the default graph is the union of all articles, as in ``kg query``;
- a query running longer than the time limit is stopped by the server.

The server opens the store as a read-only (secondary) RocksDB instance: it works whether or not another kg
process holds the store, but it serves the store **as it was when it started** (articles ingested later are
not seen until it is restarted). Oxigraph calls reading while another process writes "undefined behaviour":
prefer serving a store nobody is ingesting into. Unlike ``kg query``, the server runs ``SERVICE`` clauses
(it fetches the remote endpoint over HTTP) and has no switch to turn that off.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

from .errors import ConfigError, StoreError
from .store import MARKER, default_location

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 30


def oxigraph_binary() -> str:
    """The ``oxigraph`` executable: next to this Python (a venv's ``bin``), else on ``PATH``."""
    beside = Path(sys.executable).with_name("oxigraph")
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("oxigraph")
    if found:
        return found
    raise ConfigError("the Oxigraph server is not installed; install it with: pip install 'oxigraph>=0.5,<0.6'")


def endpoint(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> str:
    """The SPARQL query endpoint URL a client should use."""
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/query"


def server_command(location: str | os.PathLike | None = None, *, host: str = DEFAULT_HOST,
                   port: int = DEFAULT_PORT, timeout: float = DEFAULT_TIMEOUT) -> list[str]:
    """The command line that serves the kg store at ``location`` read-only.

    Raises ``StoreError`` when ``location`` is not a kg store (the server would otherwise serve, or create,
    an empty database), ``ConfigError`` for a bad port or time limit.
    """
    if str(location or "").lower().startswith(("http://", "https://")):
        raise StoreError(f"{location}: is already a SPARQL endpoint; kg serve serves a store directory")
    path = Path(location or default_location())
    if not (path / MARKER).is_file():
        raise StoreError(f"{path}: no such store; create one with: kg ingest FILES --store {path}")
    if not 0 < port < 65536:
        raise ConfigError(f"--port {port}: give a port between 1 and 65535")
    if timeout <= 0:
        raise ConfigError(f"--timeout {timeout:g}: give a number of seconds above 0")
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    return [oxigraph_binary(), "serve-read-only", "--location", str(path), "--bind", bind,
            "--union-default-graph", "--timeout-s", str(max(1, round(timeout)))]


def serve(location: str | os.PathLike | None = None, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
          timeout: float = DEFAULT_TIMEOUT) -> int:
    """Run the server until it stops or kg is interrupted (Ctrl-C, SIGTERM); return its exit status.

    On Ctrl-C or SIGTERM kg stops the server (SIGTERM) and waits for it, so it never outlives kg.
    """
    command = server_command(location, host=host, port=port, timeout=timeout)
    server = subprocess.Popen(command)

    def forward(signum, frame):
        # SIGTERM either way: a child started from a script's background job inherits an ignored SIGINT
        if server.poll() is None:
            server.terminate()

    previous = {sig: signal.signal(sig, forward) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        while True:
            try:
                return server.wait()
            except KeyboardInterrupt:  # a handler installed before ours raised: pass it on and keep waiting
                forward(signal.SIGINT, None)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        stop(server)


def stop(process: subprocess.Popen, timeout: float = 5) -> bool:
    """Stop a server process: SIGTERM, then SIGKILL if it is still running after ``timeout`` seconds.
    Returns False when it had to be killed."""
    if process.poll() is not None:
        return True
    process.terminate()
    try:
        process.wait(timeout=timeout)
        return True
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        return False
