"""The vector index in Chroma. The only module that imports chromadb.

Embedded ``PersistentClient`` under the data directory by default; ``HttpClient`` to a Chroma server when
``CHROMA_HOST`` is set. Vectors are always passed explicitly, so Chroma never reaches for its own default
embedding function (which would try to download a model).
"""
from __future__ import annotations

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

PREFIX = "jx_"
POINTER = "vector_collection"
BATCH = 256


@dataclass(frozen=True)
class SyncReport:
    collection: str
    embedder: str
    total: int
    embedded: int
    removed: int
    rebuilt: bool
    seconds: float


@dataclass(frozen=True)
class VectorHit:
    id: str
    similarity: float
    document: str
    metadata: dict


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
    """Chunks and their vectors in one Chroma collection, named by a pointer kept in the SQLite store."""

    def __init__(self, config: Config, store: Store, client=None):
        self.config = config
        self.store = store
        self.client = client if client is not None else make_client(config)

    def current(self):
        name = self.store.get_meta(POINTER)
        if not name:
            return None
        try:
            return self.client.get_collection(name, embedding_function=None)
        except Exception:  # deleted behind our back, or a server that lost it: treat as missing
            return None

    def sync(self, chunks: list[Chunk], embedder: Embedder, rebuild: bool = False,
             progress: Callable[[int], None] | None = None) -> SyncReport:
        """Make the index hold exactly ``chunks``.

        With a usable current collection for the same embedder, only new or changed chunks are embedded and
        upserted (ids are stable) and chunks of removed records are deleted. Otherwise — or with ``rebuild`` —
        everything is embedded into a new collection, and the pointer moves to it only once it is complete, so
        a crash mid-build leaves the old index in service.
        """
        started = time.perf_counter()
        col = None if rebuild else self.current()
        meta = (col.metadata or {}) if col is not None else {}
        if col is not None and meta.get("embedder") == embedder.name and meta.get("dimension") == embedder.dimension:
            stored = col.get(include=["metadatas"])
            have = {i: (m or {}).get("digest") for i, m in zip(stored["ids"], stored["metadatas"])}
            wanted = {c.id for c in chunks}
            stale = [i for i in have if i not in wanted]
            todo = [c for c in chunks if have.get(c.id) != c.digest]
            for start in range(0, len(stale), 5000):
                col.delete(ids=stale[start:start + 5000])
            self._write(col, todo, embedder, progress)
            return SyncReport(col.name, embedder.name, len(chunks), len(todo), len(stale), False,
                              time.perf_counter() - started)
        name = f"{PREFIX}{re.sub(r'[^A-Za-z0-9]+', '_', embedder.name)[:40]}_{time.time_ns()}"
        col = self.client.create_collection(
            name, embedding_function=None,
            metadata={"embedder": embedder.name, "dimension": embedder.dimension, "hnsw:space": "cosine"},
        )
        try:
            self._write(col, chunks, embedder, progress)
        except BaseException:
            self._drop(name)
            raise
        self.store.set_meta(POINTER, name)
        for other in self.client.list_collections():
            if other.name.startswith(PREFIX) and other.name != name:
                self._drop(other.name)
        return SyncReport(name, embedder.name, len(chunks), len(chunks), 0, True, time.perf_counter() - started)

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
                ids=[c.id for c in batch],
                embeddings=vectors,
                documents=[c.text for c in batch],
                metadatas=[c.metadata | {"digest": c.digest} for c in batch],
            )
            if progress:
                progress(len(batch))

    def query(self, vector, k: int = 10, filters: dict | None = None) -> list[VectorHit]:
        col = self.current()
        if col is None or k <= 0:
            return []
        n = min(k, col.count())
        if n == 0:
            return []
        res = col.query(query_embeddings=[vector], n_results=n, where=where_clause(filters),
                        include=["documents", "metadatas", "distances"])
        return [
            VectorHit(i, 1.0 - float(d), doc, meta or {})
            for i, d, doc, meta in zip(res["ids"][0], res["distances"][0], res["documents"][0], res["metadatas"][0])
        ]

    def count(self) -> int:
        col = self.current()
        return col.count() if col is not None else 0
