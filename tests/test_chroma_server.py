"""Server mode: a real `chroma run` on a free loopback port, used through CHROMA_HOST/CHROMA_PORT."""
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import SEED, make_form
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


class ChromaServer:
    """`chroma run` on a loopback port, which a test can stop and start again on the same port and data."""

    def __init__(self, tmp_path: Path):
        self.port = _free_port()
        self.path = tmp_path / "server-data"
        self.log_path = tmp_path / "chroma.log"
        self.proc = None

    def start(self) -> None:
        log = open(self.log_path, "ab")
        self.proc = subprocess.Popen([str(CHROMA), "run", "--path", str(self.path), "--host", "127.0.0.1",
                                      "--port", str(self.port)], stdout=log, stderr=subprocess.STDOUT,
                                     env={**os.environ, "ANONYMIZED_TELEMETRY": "False"}, start_new_session=True)
        log.close()
        deadline = time.monotonic() + 60
        while True:
            if self.proc.poll() is not None:
                pytest.fail(f"chroma run exited: {self.log_path.read_text(errors='replace')[-2000:]}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/api/v2/heartbeat", timeout=1) as r:
                    if r.status == 200:
                        return
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("chroma run did not become ready in 60 s")
            time.sleep(0.2)

    def stop(self) -> None:
        if self.proc is None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.proc = None


@pytest.fixture
def server(tmp_path):
    chroma = ChromaServer(tmp_path)
    chroma.start()
    try:
        yield chroma
    finally:
        chroma.stop()


@pytest.fixture
def chroma_server(server):
    return server.port


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


def test_a_stopped_chroma_server(home, server, monkeypatch):
    """Answers fall back to BM25 with a notice, a build updates the store and says in one line what failed, and
    once the server is back a build brings the vectors up to date."""
    from index.build import is_stale
    from index.chunks import chunks_for
    from index.vectors import STALE

    monkeypatch.setenv("CHROMA_HOST", "127.0.0.1")
    monkeypatch.setenv("CHROMA_PORT", str(server.port))
    config = load_config()
    (config.reports / SEED.name).write_bytes(SEED.read_bytes())
    build(config)
    server.stop()

    found = Searcher(config).retrieve("公共安全专项经费采购防疫物资为什么不及时", k=3)
    assert found.mode == "bm25" and found.hits[0].chunk.project == "财政所-公共安全专项经费"
    assert found.notice.startswith(f"向量检索暂不可用（无法连接Chroma 服务器 127.0.0.1:{server.port}（")
    assert found.notice.endswith("），本次只用关键词检索（BM25），结果可能不全。")

    (config.reports / "new.txt").write_text(make_form(name="测试办-新项目"), encoding="utf-8")
    summary = build(config)
    assert summary.projects == 105 and summary.vectors is None
    assert summary.vector_error.startswith(f"向量索引未更新：无法连接Chroma 服务器 127.0.0.1:{server.port}（")
    assert is_stale(config)

    server.start()  # same port, same data
    summary = build(config)
    assert (summary.vector_error, summary.vectors.embedded, summary.vectors.rebuilt) == ("", 5, False)
    store = Store(config.db_path)
    assert store.get_meta(STALE) is None and not is_stale(config)
    assert VectorIndex(config, store).ids() == {c.vector_id for c in chunks_for(store.projects())}
    found = Searcher(config).retrieve("测试办-新项目居民满意度", k=1)
    assert (found.mode, found.notice, found.hits[0].chunk.project) == ("hybrid", "", "测试办-新项目")
