"""The vector index in Chroma. The only module that imports chromadb.

Embedded ``PersistentClient`` under the data directory by default; ``HttpClient`` to a Chroma server when
``CHROMA_HOST`` is set. Vectors are always passed explicitly, so Chroma never reaches for its own default
embedding function (which would try to download a model).
"""
from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass
from typing import Callable

import chromadb
from chromadb.config import Settings

from .chunks import Chunk
from .config import Config
from .embed import Embedder
from .store import Store

log = logging.getLogger(__name__)

PREFIX = "jx_"
POINTER = "vector_collection"
STALE = "vectors_stale"  # set when a build updated the store but could not update the vector index
BATCH = 256


class VectorsUnavailable(RuntimeError):
    """The vector index could not be reached or used; the message says why in one line (Chinese)."""


@dataclass(frozen=True)
class SyncReport:
    collection: str
    embedder: str
    total: int
    embedded: int
    removed: int
    rebuilt: bool
    seconds: float


@dataclass
class PreparedSync:
    """New vectors written, old ones not yet removed: what ``finish`` completes once the store has switched."""

    collection: str
    embedder: str
    total: int
    embedded: int
    stale: list[str]
    rebuilt: bool
    started: float


@dataclass(frozen=True)
class VectorHit:
    id: str  # the chunk's vector_id
    similarity: float
    document: str
    metadata: dict


def describe(config: Config) -> str:
    """Where the vectors live, for messages."""
    if config.chroma_host:
        return f"Chroma 服务器 {config.chroma_host}:{config.chroma_port}"
    return f"本地向量库 {config.chroma_path}"


def make_client(config: Config):
    settings = Settings(anonymized_telemetry=False)
    if config.chroma_host:
        return chromadb.HttpClient(host=config.chroma_host, port=config.chroma_port, settings=settings)
    config.chroma_path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(config.chroma_path), settings=settings)


def where_clause(filters: dict | None) -> dict | None:
    """Chroma's filter syntax for equality filters: {"a": 1} or {"$and": [{"a": 1}, {"b": 2}]}."""
    conds = [{k: v} for k, v in (filters or {}).items() if v is not None]
    if not conds:
        return None
    return conds[0] if len(conds) == 1 else {"$and": conds}


class VectorIndex:
    """Chunks and their vectors in one Chroma collection, named by a pointer kept in the SQLite store.

    Every failure to reach or use Chroma is raised as ``VectorsUnavailable`` with a one-line reason, so callers can
    fall back to keyword search and say so, instead of showing a traceback.
    """

    def __init__(self, config: Config, store: Store, client=None):
        self.config = config
        self.store = store
        self._client = client

    @property
    def client(self):
        if self._client is None:
            try:
                self._client = make_client(self.config)
            except Exception as exc:
                raise VectorsUnavailable(self._reason(exc)) from exc
        return self._client

    def _reason(self, exc: BaseException) -> str:
        return f"无法连接{describe(self.config)}（{type(exc).__name__}）"

    def current(self):
        name = self.store.get_meta(POINTER)
        if not name:
            return None
        client = self.client
        try:
            return client.get_collection(name, embedding_function=None)
        except Exception as exc:
            if self._reachable(client):
                return None  # deleted behind our back, or a server that lost it: treat as missing
            raise VectorsUnavailable(self._reason(exc)) from exc

    @staticmethod
    def _reachable(client) -> bool:
        try:
            client.heartbeat()
            return True
        except Exception:
            return False

    def sync(self, chunks: list[Chunk], embedder: Embedder, rebuild: bool = False,
             progress: Callable[[int], None] | None = None) -> SyncReport:
        """Make the index hold exactly ``chunks`` (prepare, point the store at it, finish)."""
        prepared = self.prepare(chunks, embedder, rebuild, progress)
        self.store.set_meta(POINTER, prepared.collection)
        return self.finish(prepared)

    def prepare(self, chunks: list[Chunk], embedder: Embedder, rebuild: bool = False,
                progress: Callable[[int], None] | None = None) -> PreparedSync:
        """Write the vectors of ``chunks`` the index lacks, removing nothing yet.

        With a usable current collection for the same embedder, only chunks whose exact content is new are
        embedded (vector ids carry the content digest). Otherwise — or with ``rebuild`` — everything goes into a
        new collection, which the store points at only once it is complete. Collections no store points at
        (left by a build that was killed) are dropped first.
        """
        started = time.perf_counter()
        try:
            self._drop_orphans()
            col = None if rebuild else self.current()
            meta = (col.metadata or {}) if col is not None else {}
            incremental = (col is not None and meta.get("embedder") == embedder.name
                           and meta.get("dimension") == embedder.dimension)
            if incremental:
                have = set(col.get(include=[])["ids"])
            else:
                name = f"{PREFIX}{re.sub(r'[^A-Za-z0-9]+', '_', embedder.name)[:40]}_{time.time_ns()}"
                col = self.client.create_collection(
                    name, embedding_function=None,
                    metadata={"embedder": embedder.name, "dimension": embedder.dimension, "hnsw:space": "cosine"},
                )
                have = set()
        except VectorsUnavailable:
            raise
        except Exception as exc:
            raise VectorsUnavailable(self._reason(exc)) from exc
        todo = [c for c in chunks if c.vector_id not in have]
        try:
            self._write(col, todo, embedder, progress)
        except BaseException as exc:
            if not incremental:
                self._drop(col.name)  # a half-built collection is never left behind
            # Vectors added to the current collection before the failure are harmless: no store knows their ids,
            # and the next build removes them.
            if isinstance(exc, Exception) and not self._reachable(self.client):
                raise VectorsUnavailable(self._reason(exc)) from exc
            raise
        stale = sorted(have - {c.vector_id for c in chunks}) if incremental else []
        return PreparedSync(col.name, embedder.name, len(chunks), len(todo), stale, not incremental, started)

    def finish(self, prepared: PreparedSync) -> SyncReport:
        """After the store points at ``prepared.collection``: remove vectors no chunk uses and other collections.
        Failing here loses nothing (the next build removes them), so errors are only logged."""
        removed = 0
        try:
            col = self.client.get_collection(prepared.collection, embedding_function=None)
            for start in range(0, len(prepared.stale), 5000):
                col.delete(ids=prepared.stale[start:start + 5000])
            removed = len(prepared.stale)
            self._drop_orphans(keep=prepared.collection)
        except Exception as exc:
            log.warning("vector index cleanup deferred to the next build: %s", self._reason(exc))
        return SyncReport(prepared.collection, prepared.embedder, prepared.total, prepared.embedded, removed,
                          prepared.rebuilt, time.perf_counter() - prepared.started)

    def _drop_orphans(self, keep: str | None = None) -> None:
        keep = keep or self.store.get_meta(POINTER)
        for other in self.client.list_collections():
            name = other if isinstance(other, str) else other.name
            if name.startswith(PREFIX) and name != keep:
                log.info("dropping orphaned vector collection %s", name)
                self._drop(name)

    def _drop(self, name: str) -> None:
        try:
            self.client.delete_collection(name)
        except Exception:
            pass

    @staticmethod
    def _write(col, chunks: list[Chunk], embedder: Embedder, progress) -> None:
        for start in range(0, len(chunks), BATCH):
            batch = chunks[start:start + BATCH]
            vectors = embedder.embed_documents([c.embed_text or c.text for c in batch])
            col.upsert(
                ids=[c.vector_id for c in batch],
                embeddings=vectors,
                documents=[c.text for c in batch],
                metadatas=[c.metadata for c in batch],
            )
            if progress:
                progress(len(batch))

    def query(self, vector, k: int = 10, filters: dict | None = None) -> list[VectorHit]:
        col = self.current()
        if col is None or k <= 0:
            return []
        try:
            n = min(k, col.count())
            if n == 0:
                return []
            res = col.query(query_embeddings=[vector], n_results=n, where=where_clause(filters),
                            include=["documents", "metadatas", "distances"])
        except Exception as exc:
            raise VectorsUnavailable(self._reason(exc)) from exc
        return [
            VectorHit(i, 1.0 - float(d), doc, meta or {})
            for i, d, doc, meta in zip(res["ids"][0], res["distances"][0], res["documents"][0], res["metadatas"][0])
        ]

    def count(self) -> int:
        col = self.current()
        return col.count() if col is not None else 0

    def ids(self) -> set[str]:
        """Every vector id in the current collection (tests and repair checks)."""
        col = self.current()
        return set(col.get(include=[])["ids"]) if col is not None else set()
