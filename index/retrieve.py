"""Hybrid retrieval: BM25 over jieba tokens fused with dense vectors, plus loose project mentions.

Exposed to LangChain as ``HybridRetriever`` (a ``BaseRetriever``); the assistant uses it for open questions
(reasons, goals, what was done), never for lists or totals.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever

from .chunks import Chunk, chunks_for
from .config import Config
from .embed import Embedder, make_embedder
from .keyword import KeywordIndex, Tokenizer
from .names import best_projects, core_of, find_offices, find_projects, stem_of
from .store import Store
from .vectors import VectorIndex

MODES = ("bm25", "dense", "rrf", "hybrid")
RRF_K = 10  # reciprocal-rank-fusion constant; 10 beat the usual 60 on the evaluation sets (README)
POOL = 50  # candidates taken from each ranker before fusion
FILTER_KEYS = ("project", "office", "department", "unit", "year", "level1", "level2", "met", "deducted", "kind")


@dataclass(frozen=True)
class Hit:
    chunk: Chunk
    score: float
    bm25_rank: int | None = None
    dense_rank: int | None = None


class Searcher:
    """Everything retrieval needs, loaded once from the store: chunks, the BM25 index and the vector index."""

    def __init__(self, config: Config, store: Store | None = None, embedder: Embedder | None = None,
                 vectors: VectorIndex | None = None):
        self.config = config
        self.store = store or Store(config.db_path)
        projects = self.store.projects()
        self.chunks = chunks_for(projects)
        self.position = {c.id: n for n, c in enumerate(self.chunks)}
        self.project_names = [p.name for p in projects]
        self.offices: dict[str, set[str]] = {}
        for p in projects:
            self.offices.setdefault(p.office, set()).add(p.unit)
        words = set(self.project_names) | {core_of(n) for n in self.project_names}
        words |= {stem_of(n) for n in self.project_names} | set(self.offices)
        words |= {i.name for p in projects for i in p.indicators}
        self.keyword = KeywordIndex([c.text for c in self.chunks], Tokenizer(words))
        self._embedder = embedder
        self._vectors = vectors
        self.rrf_k = RRF_K

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
        return np.array([all(c.metadata.get(k) == v for k, v in filters.items()) for c in self.chunks])

    def bm25(self, query: str, k: int, filters: dict | None = None) -> list[tuple[int, float]]:
        return self.keyword.search(query, k, self._mask(filters))

    def dense(self, query: str, k: int, filters: dict | None = None) -> list[tuple[int, float]]:
        hits = self.vectors.query(self.embedder.embed_query(query), k, filters)
        return [(self.position[h.id], h.similarity) for h in hits if h.id in self.position]

    def search(self, query: str, k: int = 5, filters: dict | None = None, mode: str = "hybrid") -> list[Hit]:
        """The ``k`` best chunks for ``query``. Modes: bm25, dense, rrf (fusion), hybrid (fusion + mentions)."""
        if mode not in MODES:
            raise ValueError(f"未知的检索方式：{mode}（可选：{'、'.join(MODES)}）")
        if mode == "bm25":
            return [Hit(self.chunks[i], s, bm25_rank=r) for r, (i, s) in enumerate(self.bm25(query, k, filters), 1)]
        if mode == "dense":
            return [Hit(self.chunks[i], s, dense_rank=r) for r, (i, s) in enumerate(self.dense(query, k, filters), 1)]
        pool = max(POOL, k)
        fused: dict[int, list] = {}
        for r, (i, _) in enumerate(self.bm25(query, pool, filters), 1):
            fused.setdefault(i, [0.0, None, None])[0] += 1.0 / (self.rrf_k + r)
            fused[i][1] = r
        for r, (i, _) in enumerate(self.dense(query, pool, filters), 1):
            fused.setdefault(i, [0.0, None, None])[0] += 1.0 / (self.rrf_k + r)
            fused[i][2] = r
        if mode == "hybrid":
            # A project named in the question is worth as much as a first place in one ranker.
            mentioned = {m.project for m in find_projects(query, self.project_names) if m.score >= 2.0}
            for i, entry in fused.items():
                if self.chunks[i].project in mentioned:
                    entry[0] += 1.0 / (self.rrf_k + 1)
        ranked = sorted(fused.items(), key=lambda kv: (-kv[1][0], kv[0]))[:k]
        return [Hit(self.chunks[i], s, b, d) for i, (s, b, d) in ranked]


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
