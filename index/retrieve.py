"""Hybrid retrieval: BM25 over jieba tokens fused with dense vectors, plus loose project mentions.

Exposed to LangChain as ``HybridRetriever`` (a ``BaseRetriever``); the assistant uses it for open questions
(reasons, goals, what was done), never for lists or totals.
"""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever

from .chunks import Chunk, chunks_for
from .config import Config
from .embed import Embedder, make_embedder
from .names import best_projects, find_offices, find_projects
from .search_index import FILTER_KEYS
from .search_index import POINTER as SEARCH_POINTER
from .search_index import SearchIndex, search_root, tokenizer_words
from .store import Store
from .vectors import STALE, VectorIndex, VectorsUnavailable

log = logging.getLogger(__name__)

MODES = ("bm25", "dense", "rrf", "hybrid")
RRF_K = 10  # reciprocal-rank-fusion constant; 10 beat the usual 60 on the evaluation sets (README)
POOL = 50  # candidates taken from each ranker before fusion
RETRY_SECONDS = 30.0  # after the vector index failed, keyword search alone for this long before trying again


@dataclass(frozen=True)
class Hit:
    chunk: Chunk
    score: float
    bm25_rank: int | None = None
    dense_rank: int | None = None


@dataclass(frozen=True)
class Retrieval:
    """What a search found, and how: ``notice`` (Chinese, one line) is set when it fell back to keywords alone, and
    whoever shows the hits to a person shows it with them."""

    hits: list[Hit] = field(default_factory=list)
    mode: str = "hybrid"  # the ranking that ran: the one asked for, or bm25 after a fallback
    notice: str = ""


class Searcher:
    """Retrieval over the store in service: its saved search index (chunks and BM25, see search_index) and the
    vector index. Nothing is tokenized at start unless the store has no saved search index."""

    def __init__(self, config: Config, store: Store | None = None, embedder: Embedder | None = None,
                 vectors: VectorIndex | None = None):
        self.config = config
        self.store = store or Store(config.db_path)
        names = self.store.names()
        self.project_names = [name for name, _, _ in names]
        self.offices: dict[str, set[str]] = {}
        for _, office, unit in names:
            self.offices.setdefault(office, set()).add(unit)
        self.index = self._open_index()
        self._embedder = embedder
        self._vectors = vectors
        self.rrf_k = RRF_K
        self._down_until = 0.0
        self._down_reason = ""

    def _open_index(self) -> SearchIndex:
        name = self.store.get_meta(SEARCH_POINTER)
        if name:
            try:
                return SearchIndex.load(search_root(self.config) / name)
            except (OSError, ValueError, KeyError) as exc:
                log.warning("saved search index %s unusable (%s); indexing in memory", name, type(exc).__name__)
        projects = self.store.projects()
        return SearchIndex.in_memory(chunks_for(projects), tokenizer_words(projects))

    @property
    def chunks(self) -> list[Chunk]:
        """Every chunk, in index order (for evaluation; searching never loads them all)."""
        return self.index.all_chunks()

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = make_embedder(self.config.embed_model)
        return self._embedder

    @property
    def vectors(self) -> VectorIndex:
        if self._vectors is None:
            self._vectors = VectorIndex(self.config, self.store)
        return self._vectors

    def resolve_projects(self, text: str) -> list[str]:
        """Candidate projects for a loose mention; several when it is ambiguous, none when nothing matches."""
        found = best_projects(text, self.project_names)
        if found:
            return found
        offices = find_offices(text, self.offices)
        return [n for n in self.project_names if any(n.startswith(o) for o in offices)]

    def _mask(self, filters: dict | None) -> np.ndarray | None:
        filters = {k: v for k, v in (filters or {}).items() if v is not None}
        if not filters:
            return None
        unknown = set(filters) - set(FILTER_KEYS)
        if unknown:
            raise ValueError(f"不支持的筛选条件：{', '.join(sorted(unknown))}")
        return self.index.mask(filters)

    def bm25(self, query: str, k: int, filters: dict | None = None) -> list[tuple[int, float]]:
        return self.index.bm25(query, k, self._mask(filters))

    def dense(self, query: str, k: int, filters: dict | None = None) -> list[tuple[int, float]]:
        """Positions and similarities from the vector index; raises VectorsUnavailable when it cannot be used."""
        hits = self.vectors.query(self.embedder.embed_query(query), k, filters)
        positions = self.index.positions([h.id for h in hits])
        return [(positions[h.id], h.similarity) for h in hits if h.id in positions]

    def _vectors_unusable(self) -> str:
        """Why dense search must be skipped now (empty when it may run)."""
        stale = self.store.get_meta(STALE)
        if stale:
            return f"向量索引落后于库：{stale}"
        if time.monotonic() < self._down_until:
            return self._down_reason
        return ""

    def _dense_or_reason(self, query: str, k: int, filters: dict | None) -> tuple[list[tuple[int, float]], str]:
        reason = self._vectors_unusable()
        if reason:
            return [], reason
        try:
            return self.dense(query, k, filters), ""
        except VectorsUnavailable as exc:
            # One line in the log, not a traceback per question; retried after RETRY_SECONDS.
            log.warning("dense search unavailable, keyword search only: %s", exc)
            self._down_until, self._down_reason = time.monotonic() + RETRY_SECONDS, str(exc)
            return [], str(exc)

    def search(self, query: str, k: int = 5, filters: dict | None = None, mode: str = "hybrid") -> list[Hit]:
        """The ``k`` best chunks for ``query`` (see ``retrieve``, which also says when vectors were unavailable)."""
        return self.retrieve(query, k, filters, mode).hits

    def retrieve(self, query: str, k: int = 5, filters: dict | None = None, mode: str = "hybrid") -> Retrieval:
        """The ``k`` best chunks for ``query``. Modes: bm25, dense, rrf (fusion), hybrid (fusion + mentions).
        When the vector index cannot be used, every mode falls back to bm25 and the result carries a notice."""
        if mode not in MODES:
            raise ValueError(f"未知的检索方式：{mode}（可选：{'、'.join(MODES)}）")
        if mode == "bm25":
            return Retrieval(self._hits([(i, s, r, None) for r, (i, s) in enumerate(self.bm25(query, k, filters), 1)]),
                             "bm25")
        pool = k if mode == "dense" else max(POOL, k)
        dense, reason = self._dense_or_reason(query, pool, filters)
        if reason:
            notice = f"向量检索暂不可用（{reason}），本次只用关键词检索（BM25），结果可能不全。"
            hits = self._hits([(i, s, r, None) for r, (i, s) in enumerate(self.bm25(query, k, filters), 1)])
            return Retrieval(hits, "bm25", notice)
        if mode == "dense":
            return Retrieval(self._hits([(i, s, None, r) for r, (i, s) in enumerate(dense, 1)]), "dense")
        fused: dict[int, list] = {}
        for r, (i, _) in enumerate(self.bm25(query, pool, filters), 1):
            fused.setdefault(i, [0.0, None, None])[0] += 1.0 / (self.rrf_k + r)
            fused[i][1] = r
        for r, (i, _) in enumerate(dense, 1):
            fused.setdefault(i, [0.0, None, None])[0] += 1.0 / (self.rrf_k + r)
            fused[i][2] = r
        if mode == "hybrid":
            # A project named in the question is worth as much as a first place in one ranker.
            mentioned = {m.project for m in find_projects(query, self.project_names) if m.score >= 2.0}
            if mentioned:
                projects = self.index.projects_at(list(fused))
                for i, entry in fused.items():
                    if projects.get(i) in mentioned:
                        entry[0] += 1.0 / (self.rrf_k + 1)
        ranked = sorted(fused.items(), key=lambda kv: (-kv[1][0], kv[0]))[:k]
        return Retrieval(self._hits([(i, s, b, d) for i, (s, b, d) in ranked]), mode)

    def _hits(self, ranked: list[tuple[int, float, int | None, int | None]]) -> list[Hit]:
        chunks = self.index.chunks_at([i for i, *_ in ranked])
        return [Hit(chunks[i], s, b, d) for i, s, b, d in ranked if i in chunks]


def hit_dict(hit: Hit) -> dict:
    """The `search --json` contract."""
    c = hit.chunk
    return {
        "id": c.id,
        "project": c.project,
        "kind": c.kind,
        "text": c.text,
        "score": round(hit.score, 6),
        "source": {"file": c.metadata.get("file"), "line": c.metadata.get("line")},
    }


class HybridRetriever(BaseRetriever):
    """LangChain retriever over a ``Searcher``; ``filters`` restrict by metadata (project, office, level1 …)."""

    searcher: Any
    k: int = 5
    filters: dict | None = None
    mode: str = "hybrid"

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        hits = self.searcher.search(query, k=self.k, filters=self.filters, mode=self.mode)
        return [
            Document(page_content=h.chunk.text, id=h.chunk.id,
                     metadata=h.chunk.metadata | {"id": h.chunk.id, "score": h.score})
            for h in hits
        ]
