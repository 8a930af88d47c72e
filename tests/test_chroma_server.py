"""Server mode: a real `chroma run` on a free loopback port, used through CHROMA_HOST/CHROMA_PORT."""
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import SEED
from index.build import build
from index.config import load_config
from index.retrieve import Searcher
from index.store import Store
from index.vectors import VectorIndex

pytestmark = pytest.mark.slow
CHROMA = Path(sys.executable).with_name("chroma")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def chroma_server(tmp_path):
    port = _free_port()
    log = open(tmp_path / "chroma.log", "wb")
    proc = subprocess.Popen([str(CHROMA), "run", "--path", str(tmp_path / "server-data"), "--host", "127.0.0.1",
                             "--port", str(port)], stdout=log, stderr=subprocess.STDOUT,
                            env={**os.environ, "ANONYMIZED_TELEMETRY": "False"}, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                pytest.fail(f"chroma run exited: {(tmp_path / 'chroma.log').read_text(errors='replace')[-2000:]}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("chroma run did not become ready in 60 s")
            time.sleep(0.2)
        yield port
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def test_index_and_query_through_a_chroma_server(home, chroma_server, monkeypatch):
    monkeypatch.setenv("CHROMA_HOST", "127.0.0.1")
    monkeypatch.setenv("CHROMA_PORT", str(chroma_server))
    config = load_config()
    assert (config.chroma_host, config.chroma_port) == ("127.0.0.1", chroma_server)
    (config.reports / SEED.name).write_bytes(SEED.read_bytes())
    summary = build(config)
    assert (summary.vectors.total, summary.vectors.rebuilt) == (1282, True)
    assert not config.chroma_path.exists()  # nothing was written to the embedded store

    index = VectorIndex(config, Store(config.db_path))
    assert index.client.get_settings().chroma_api_impl == "chromadb.api.fastapi.FastAPI"  # the HTTP client
    assert index.count() == 1282
    hits = Searcher(config).search("公共安全专项经费采购防疫物资为什么不及时", k=3)
    assert hits[0].chunk.project == "财政所-公共安全专项经费"
    assert summary.vectors.collection in [c.name for c in index.client.list_collections()]
    # an unchanged rebuild through the server embeds nothing
    assert build(config).vectors.embedded == 0
