"""Retrieval evaluation: recall@1/5/10 of the asked-about project, per ranker and embedder."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .config import PROJECT_ROOT, Config
from .embed import Embedder, make_embedder
from .names import find_projects
from .retrieve import Searcher
from .store import Store
from .vectors import VectorHit, where_clause

DEV_SET = PROJECT_ROOT.parent / "shared" / "dev" / "questions.jsonl"
EXTRA_SET = PROJECT_ROOT / "bench" / "retrieval_questions.jsonl"
SINGLE_PROJECT_KINDS = {"number", "text", "verdict", "summary"}
KS = (1, 5, 10)


@dataclass(frozen=True)
class Question:
    text: str
    project: str


@dataclass(frozen=True)
class Row:
    questions: str
    embedder: str
    mode: str
    n: int
    recall: dict[int, float]


class MatrixIndex:
    """Exact cosine search over all chunk vectors in memory, with the same query interface as ``VectorIndex``."""

    def __init__(self, searcher: Searcher, embedder: Embedder):
        chunks = searcher.chunks
        self.ids = [c.vector_id for c in chunks]
        self.meta = [c.metadata for c in chunks]
        self.docs = [c.text for c in chunks]
        self.matrix = embedder.embed_documents([c.embed_text or c.text for c in chunks])

    def query(self, vector, k: int = 10, filters: dict | None = None) -> list[VectorHit]:
        sims = self.matrix @ np.asarray(vector, dtype=np.float32)
        if where_clause(filters):
            mask = np.array([all(m.get(key) == v for key, v in filters.items()) for m in self.meta])
            sims = np.where(mask, sims, -np.inf)
        top = np.argsort(-sims, kind="stable")[:k]
        return [VectorHit(self.ids[i], float(sims[i]), self.docs[i], self.meta[i]) for i in top if np.isfinite(sims[i])]


def load_questions(path: Path, project_names: list[str]) -> list[Question]:
    """Questions about one project: explicit ``project`` fields, or dev-set questions naming one project."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        if "project" in item:
            out.append(Question(item["question"], item["project"]))
            continue
        if item.get("kind") not in SINGLE_PROJECT_KINDS:
            continue
        # The gold project of a dev question is the one it names in full (with or without its office).
        named = [m for m in find_projects(item["question"], project_names) if m.how in ("name", "core")]
        if len(named) == 1:
            out.append(Question(item["question"], named[0].project))
    return out


def _recall(searcher: Searcher, questions: list[Question], mode: str) -> dict[int, float]:
    hits_at = {k: 0 for k in KS}
    for q in questions:
        projects: list[str] = []
        for h in searcher.search(q.text, k=50, mode=mode):
            if h.chunk.project not in projects:
                projects.append(h.chunk.project)
        for k in KS:
            hits_at[k] += q.project in projects[:k]
    return {k: hits_at[k] / len(questions) if questions else 0.0 for k in KS}


def evaluate(config: Config, path: Path | None = None, embedders: list[str] | None = None) -> list[Row]:
    """Recall of the gold project among the first 1/5/10 distinct projects retrieved, per mode and embedder."""
    store = Store(config.db_path)
    paths = [path] if path else [p for p in (DEV_SET, EXTRA_SET) if p.exists()]
    if not paths:
        raise FileNotFoundError(f"找不到评测问题文件：{DEV_SET}")
    names = [p.name for p in store.projects()]
    rows = []
    for model in embedders or [config.embed_model]:
        embedder = make_embedder(model)
        base = Searcher(config, store, embedder=embedder)
        base._vectors = MatrixIndex(base, embedder)
        for qpath in paths:
            questions = load_questions(qpath, names)
            for mode in ("bm25", "dense", "rrf", "hybrid"):
                if mode == "bm25" and rows and any(r.mode == "bm25" and r.questions == qpath.name for r in rows):
                    continue  # BM25 does not depend on the embedder
                rows.append(Row(qpath.name, "-" if mode == "bm25" else embedder.name, mode, len(questions),
                                _recall(base, questions, mode)))
    return rows


def format_table(rows: list[Row]) -> str:
    lines = ["| 问题集 | 嵌入模型 | 检索方式 | 问题数 | recall@1 | recall@5 | recall@10 |",
             "|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r.questions} | {r.embedder} | {r.mode} | {r.n} | "
                     + " | ".join(f"{r.recall[k]:.2f}" for k in KS) + " |")
    return "\n".join(lines)
