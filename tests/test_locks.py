"""One writer at a time: the writer lock across threads and processes, re-entrant within a thread."""
import subprocess
import sys
import threading
import time

import pytest

from conftest import ROOT
from index.locks import WriterBusy, is_locked, writer_lock


def test_reentrant_in_one_thread_exclusive_across_threads(home):
    with writer_lock(home):
        with writer_lock(home):  # an upload holds it while its build takes it again
            assert is_locked(home)
        errors = []

        def other():
            try:
                with writer_lock(home, timeout=0.2):
                    pass
            except WriterBusy as exc:
                errors.append(exc)

        t = threading.Thread(target=other)
        t.start()
        t.join(5)
        assert len(errors) == 1
    assert not is_locked(home)


def test_a_waiting_writer_goes_on_when_the_lock_is_released(home):
    order = []
    held = threading.Event()

    def first():
        with writer_lock(home):
            held.set()
            time.sleep(0.3)
            order.append("first")

    t = threading.Thread(target=first)
    t.start()
    held.wait(5)
    with writer_lock(home, timeout=5):
        order.append("second")
    t.join(5)
    assert order == ["first", "second"]


def test_another_process_holding_the_lock_and_dying(home):
    code = ("import sys, time; from index.config import load_config; from index.locks import writer_lock\n"
            "with writer_lock(load_config()):\n    print('held', flush=True); time.sleep(60)")
    env = {"JX_HOME": str(home.home), "JX_REPORTS": str(home.reports), "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "held"
        with pytest.raises(WriterBusy):
            with writer_lock(home, timeout=0.3):
                pass
        proc.kill()  # a killed writer leaves no stale lock: flock goes with its process
        proc.wait(10)
        with writer_lock(home, timeout=2):
            assert is_locked(home)
    finally:
        proc.kill()
        proc.wait(10)
