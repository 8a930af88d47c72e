"""Chinese keyword search: jieba tokens scored with BM25 (bm25s). The only module that imports them."""
from __future__ import annotations

import logging
import re
import threading
from pathlib import Path
from typing import Iterable

import bm25s
import jieba
import numpy as np

jieba.setLogLevel(logging.WARNING)

# Function words and question words that carry no topic.
STOPWORDS = frozenset(
    """的 了 和 与 及 或 是 在 有 为 对 把 被 吗 呢 吧 啊 呀 哪些 哪个 哪 什么 多少 几 几个 怎么 怎样 如何 为什么
    为何 请问 请 一下 这个 那个 这些 那些 其 之 以 等 并 且 而 也 都 就 又 还 给 让 由 从 到 向 于 上 下 中 个
    我 你 他 她 它 我们 你们 他们 帮 帮我 告诉 说 说说 看看 查 查询 一个 哪里 情况 如何 是否 没有 有没有""".split()
)
_WORD = re.compile(r"[\w%％]", re.UNICODE)
_LOCK = threading.Lock()
_JIEBA: list = []


def _shared_jieba() -> jieba.Tokenizer:
    """One dictionary per process: loading it takes about a second, and added names only ever help."""
    with _LOCK:
        if not _JIEBA:
            tk = jieba.Tokenizer()
            tk.initialize()
            _JIEBA.append(tk)
        return _JIEBA[0]


class Tokenizer:
    """jieba in search mode with the corpus' own names added to its dictionary, minus stop words."""

    def __init__(self, words: Iterable[str] = ()):
        self._jieba = _shared_jieba()
        with _LOCK:
            for w in sorted(set(words)):
                if len(w) >= 2 and w not in self._jieba.FREQ:
                    self._jieba.add_word(w, freq=2000)

    def __call__(self, text: str) -> list[str]:
        tokens = []
        for t in self._jieba.lcut_for_search(text.lower()):
            t = t.strip()
            if t and t not in STOPWORDS and _WORD.search(t):
                tokens.append(t)
        return tokens


class KeywordIndex:
    """BM25 over a fixed list of texts; results are (position, score) with score > 0."""

    def __init__(self, texts: list[str], tokenizer: Tokenizer):
        self.tokenizer = tokenizer
        self.size = len(texts)
        self._bm25 = bm25s.BM25()
        if texts:
            self._bm25.index([tokenizer(t) or ["∅"] for t in texts], show_progress=False)

    def save(self, directory: Path) -> None:
        """Write the index (score matrix and vocabulary) into ``directory``; ``load`` reads it back."""
        directory.mkdir(parents=True, exist_ok=True)
        if self.size:
            self._bm25.save(str(directory), show_progress=False)

    @classmethod
    def load(cls, directory: Path, size: int, tokenizer: Tokenizer) -> KeywordIndex:
        """The index ``save`` wrote, memory-mapped: a process starts searching without tokenizing any chunk."""
        index = cls.__new__(cls)
        index.tokenizer = tokenizer
        index.size = size
        index._bm25 = bm25s.BM25.load(str(directory), mmap=True, show_progress=False) if size else bm25s.BM25()
        return index

    def search(self, query: str, k: int = 10, allowed: np.ndarray | None = None) -> list[tuple[int, float]]:
        """Top ``k`` texts for ``query``; ``allowed`` is an optional boolean mask over the texts."""
        tokens = self.tokenizer(query)
        if not tokens or not self.size or k <= 0:
            return []
        scores = np.asarray(self._bm25.get_scores(tokens), dtype=np.float64)
        if allowed is not None:
            scores = np.where(allowed, scores, 0.0)
        k = min(k, self.size)
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(int(i), float(scores[i])) for i in top if scores[i] > 0]
