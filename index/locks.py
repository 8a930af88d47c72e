"""One writer at a time: builds, uploads, deletions and restores take the data directory's writer lock.

The lock is a file lock (``flock``) on ``JX_HOME/.writer.lock``, so it serializes writers across processes (the web
app and a `python -m index build` started by hand) as well as across threads. It is re-entrant within a thread,
because an upload holds it while it runs the build. Readers never take it: they read the last complete store.
"""
from __future__ import annotations

import fcntl
import os
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from .config import Config

WAIT_SECONDS = 15 * 60.0  # a 10,000-form build with embeddings takes about ten minutes (bench/RESULTS.md)
_POLL = 0.05


class WriterBusy(RuntimeError):
    """Another build or upload held the lock for longer than the caller would wait."""


_local = threading.local()
_thread_locks: dict[Path, threading.Lock] = {}
_guard = threading.Lock()


def _thread_lock(path: Path) -> threading.Lock:
    with _guard:
        return _thread_locks.setdefault(path, threading.Lock())


def lock_path(config: Config) -> Path:
    return config.home / ".writer.lock"


@contextmanager
def writer_lock(config: Config, timeout: float = WAIT_SECONDS):
    """Hold the data directory's writer lock; waits up to ``timeout`` seconds, then raises WriterBusy."""
    path = lock_path(config)
    held: dict[Path, int] = _local.__dict__.setdefault("held", {})
    if held.get(path):
        held[path] += 1
        try:
            yield
        finally:
            held[path] -= 1
        return
    deadline = time.monotonic() + timeout
    tlock = _thread_lock(path)
    # Threads of this process queue on the in-process lock first; flock then keeps other processes out.
    if not tlock.acquire(timeout=max(timeout, 0)):
        raise WriterBusy(str(path))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise WriterBusy(str(path)) from None
                    time.sleep(_POLL)
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())  # who holds it, for a person looking at a stuck build
            held[path] = 1
            try:
                yield
            finally:
                held.pop(path, None)
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)  # a killed process loses its flock with its descriptors: no stale lock is ever left
    finally:
        tlock.release()


def is_locked(config: Config) -> bool:
    """True while some writer holds the lock (for status displays; never used to decide whether to write)."""
    path = lock_path(config)
    if not path.exists():
        return False
    fd = os.open(path, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)
