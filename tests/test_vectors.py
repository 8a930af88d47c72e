"""The Chroma vector index: incremental sync with stable ids, removal, atomic rebuild, no network."""
import socket

import pytest

from conftest import SEED, FakeEmbedder, make_form
from index.build import build
from index.chunks import chunks_for
from index.store import Store
from index.vectors import VectorIndex


def test_build_indexes_every_chunk(seeded):
    index = VectorIndex(seeded, Store(seeded.db_path))
    assert index.count() == 1282


def test_resync_embeds_nothing_when_nothing_changed(seeded, fake_embedder):
    summary = build(seeded)
    assert (summary.vectors.total, summary.vectors.embedded, summary.vectors.removed, summary.vectors.rebuilt) == (
        1282, 0, 0, False)


def test_changed_form_reembeds_only_its_chunks(seeded):
    path = seeded.reports / SEED.name
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("个别小区火灾率有所增加，后期加强巡视巡查。", "个别小区火灾率有所增加，后期加强巡查。"),
                    encoding="utf-8")
    summary = build(seeded)
    # The changed chunk's content has a new vector id: its new vector is added, the old one removed.
    assert (summary.vectors.embedded, summary.vectors.removed) == (1, 1)
    assert VectorIndex(seeded, Store(seeded.db_path)).count() == 1282


def test_second_file_adds_and_removing_it_removes_its_chunks(seeded):
    extra = seeded.reports / "other.txt"
    extra.write_text(make_form(name="测试办-另一镇项目"), encoding="utf-8")
    summary = build(seeded)
    assert (summary.vectors.total, summary.vectors.embedded) == (1287, 5)
    index = VectorIndex(seeded, Store(seeded.db_path))
    assert index.count() == 1287
    extra.unlink()
    summary = build(seeded)
    assert (summary.vectors.total, summary.vectors.removed) == (1282, 5)
    assert index.count() == 1282


def test_crash_mid_rebuild_leaves_old_index_usable(seeded):
    store = Store(seeded.db_path)
    index = VectorIndex(seeded, store)
    before = index.current().name
    chunks = chunks_for(store.projects())
    with pytest.raises(RuntimeError, match="embedder crashed"):
        index.sync(chunks, FakeEmbedder(fail_after=2), rebuild=True)
    assert index.current().name == before
    assert index.count() == 1282
    hits = index.query(FakeEmbedder().embed_query(chunks[0].text), k=1)
    assert hits[0].id == chunks[0].vector_id
    # the half-built collection was dropped
    assert [c.name for c in index.client.list_collections()] == [before]


def test_rebuild_swaps_to_a_new_collection(seeded):
    store = Store(seeded.db_path)
    index = VectorIndex(seeded, store)
    before = index.current().name
    report = index.sync(chunks_for(store.projects()), FakeEmbedder(), rebuild=True)
    assert report.rebuilt and report.collection != before
    assert [c.name for c in index.client.list_collections()] == [report.collection]
    assert index.count() == 1282


def test_query_with_filters(seeded):
    index = VectorIndex(seeded, Store(seeded.db_path))
    vec = FakeEmbedder().embed_query("居民满意度")
    hits = index.query(vec, k=50, filters={"office": "安全办", "level1": "满意度指标"})
    assert {h.metadata["project"] for h in hits} == {"安全办-消防安全专项经费", "安全办-消防实事项目经费"}
    assert all(h.metadata["level1"] == "满意度指标" for h in hits)
    missed = index.query(vec, k=200, filters={"met": False, "level1": "满意度指标"})
    assert len({h.metadata["project"] for h in missed}) == 58


@pytest.fixture
def no_network(monkeypatch):
    """Fail any connection that leaves the machine; record the attempts."""
    attempts = []
    real_connect = socket.socket.connect

    def guarded(self, address):
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and (host.startswith("127.") or host in ("localhost", "::1") or host.startswith("/")):
            return real_connect(self, address)
        attempts.append(address)
        raise OSError(f"network disabled in tests: {address}")

    def guarded_getaddrinfo(host, *args, **kwargs):
        if host not in (None, "localhost", "127.0.0.1", "::1"):
            attempts.append(host)
            raise OSError(f"name lookup disabled in tests: {host}")
        return real_getaddrinfo(host, *args, **kwargs)

    real_getaddrinfo = socket.getaddrinfo
    monkeypatch.setattr(socket.socket, "connect", guarded)
    monkeypatch.setattr(socket, "getaddrinfo", guarded_getaddrinfo)
    return attempts


def test_build_and_search_never_touch_the_network(home, no_network):
    from index.retrieve import Searcher

    (home.reports / SEED.name).write_bytes(SEED.read_bytes())
    build(home)
    hits = Searcher(home).search("消防安全专项经费的火灾事故为什么扣分", k=3)
    assert hits[0].chunk.project == "安全办-消防安全专项经费"
    assert no_network == []
