"""The saved search index: the chunks of one store state and their BM25 index, written by `build`.

Tokenizing every chunk with jieba is what made a process's first search slow (25 s for the 121,609 chunks of
10,000 forms) and its memory large; so `build` does it once and saves, under ``JX_HOME/search/<digest>/``:

- ``chunks.sqlite3``: every chunk by position (text, metadata, the columns retrieval filters on), read a few rows
  at a time, so a process never holds all chunks in memory;
- ``bm25/``: the BM25 score matrix (bm25s), memory-mapped when loaded;
- ``words.json``: the corpus words added to jieba's dictionary, so questions are cut the way the chunks were.

The store's meta names the directory (``search_index``); the name is a digest of the chunks, so an unchanged
corpus reuses it and a directory is complete before any store points at it. A store without one (a build with
``vectors=False``, or an older data directory) is indexed in memory, as before.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from .chunks import Chunk
from .config import Config
from .keyword import KeywordIndex, Tokenizer
from .names import core_of, stem_of
from .records import Project

log = logging.getLogger(__name__)

POINTER = "search_index"
LAYOUT = 1  # bumped when the saved files or the tokenization change, so older directories are never read
FILTER_KEYS = ("project", "office", "department", "unit", "year", "level1", "level2", "met", "deducted", "kind")
_COLUMNS = ("pos", "id", "vector_id", "text", "embed_text", "metadata") + FILTER_KEYS
_DONE = "done"  # written last: a directory without it was cut short and is never loaded


def tokenizer_words(projects: Sequence[Project]) -> list[str]:
    """The corpus words jieba should keep whole: project names and their cores, offices, indicator names."""
    names = [p.name for p in projects]
    words = set(names) | {core_of(n) for n in names} | {stem_of(n) for n in names}
    words |= {p.office for p in projects} | {i.name for p in projects for i in p.indicators}
    return sorted(w for w in words if w)


def digest_of(chunks: Sequence[Chunk], words: Sequence[str]) -> str:
    h = hashlib.sha1(f"layout {LAYOUT}\n".encode())
    for w in words:
        h.update(w.encode("utf-8") + b"\n")
    h.update(b"\x00")
    for c in chunks:
        h.update(c.vector_id.encode() + b"\n")
    return h.hexdigest()[:20]


def search_root(config: Config) -> Path:
    return config.home / "search"


def _column_value(value):
    return int(value) if isinstance(value, bool) else value


def _schema(conn: sqlite3.Connection) -> None:
    filters = ", ".join(f"{k}" for k in FILTER_KEYS)
    conn.execute(f"CREATE TABLE chunks (pos INTEGER PRIMARY KEY, id TEXT NOT NULL, vector_id TEXT NOT NULL, "
                 f"text TEXT NOT NULL, embed_text TEXT NOT NULL, metadata TEXT NOT NULL, {filters})")


def _fill(conn: sqlite3.Connection, chunks: Sequence[Chunk]) -> None:
    marks = ",".join("?" * len(_COLUMNS))
    conn.executemany(
        f"INSERT INTO chunks({','.join(_COLUMNS)}) VALUES ({marks})",
        ((n, c.id, c.vector_id, c.text, c.embed_text, json.dumps(c.metadata, ensure_ascii=False),
          *(_column_value(c.kind if k == "kind" else c.project if k == "project" else c.metadata.get(k))
            for k in FILTER_KEYS))
         for n, c in enumerate(chunks)),
    )
    conn.execute("CREATE INDEX chunks_vector ON chunks(vector_id)")


class SearchIndex:
    """Chunks by position and their BM25 index; thread-safe for reading."""

    def __init__(self, conn: sqlite3.Connection, keyword: KeywordIndex, size: int, path: Path | None = None):
        self._conn = conn
        self._lock = threading.Lock()
        self.keyword = keyword
        self.size = size
        self.path = path  # the saved directory, or None when built in memory

    # -- making one -------------------------------------------------------------------------------------------

    @classmethod
    def in_memory(cls, chunks: Sequence[Chunk], words: Iterable[str]) -> SearchIndex:
        conn = sqlite3.connect(":memory:", check_same_thread=False)
        _schema(conn)
        _fill(conn, chunks)
        conn.commit()
        return cls(conn, KeywordIndex([c.text for c in chunks], Tokenizer(words)), len(chunks))

    @classmethod
    def save(cls, root: Path, chunks: Sequence[Chunk], words: Sequence[str]) -> str:
        """Write the index of ``chunks`` under ``root`` (unless that exact one is there already); returns its name."""
        name = digest_of(chunks, words)
        final = root / name
        if (final / _DONE).exists():
            return name
        tmp = root / f".{name}.{os.getpid()}.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        try:
            with sqlite3.connect(tmp / "chunks.sqlite3") as conn:
                _schema(conn)
                _fill(conn, chunks)
            conn.close()
            KeywordIndex([c.text for c in chunks], Tokenizer(words)).save(tmp / "bm25")
            (tmp / "words.json").write_text(json.dumps(list(words), ensure_ascii=False), encoding="utf-8")
            (tmp / _DONE).write_text(json.dumps({"chunks": len(chunks)}), encoding="utf-8")
            shutil.rmtree(final, ignore_errors=True)  # an incomplete directory of the same name, from a killed build
            os.rename(tmp, final)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        return name

    @classmethod
    def load(cls, directory: Path) -> SearchIndex:
        """A saved index; raises FileNotFoundError when it is missing or incomplete."""
        done = directory / _DONE
        if not done.exists():
            raise FileNotFoundError(str(done))
        size = int(json.loads(done.read_text(encoding="utf-8"))["chunks"])
        words = json.loads((directory / "words.json").read_text(encoding="utf-8"))
        conn = sqlite3.connect(f"file:{directory / 'chunks.sqlite3'}?mode=ro", uri=True, check_same_thread=False)
        return cls(conn, KeywordIndex.load(directory / "bm25", size, Tokenizer(words)), size, directory)

    # -- reading ----------------------------------------------------------------------------------------------

    def _rows(self, sql: str, args: Sequence = ()) -> list[tuple]:
        with self._lock:
            return self._conn.execute(sql, list(args)).fetchall()

    @staticmethod
    def _chunk(row: tuple) -> Chunk:
        _, cid, _, text, embed_text, metadata, *_ = row
        meta = json.loads(metadata)
        return Chunk(cid, meta.get("kind", ""), meta.get("project", ""), text, meta, embed_text)

    def chunks_at(self, positions: Sequence[int]) -> dict[int, Chunk]:
        out: dict[int, Chunk] = {}
        ordered = sorted(set(int(p) for p in positions))
        for at in range(0, len(ordered), 500):
            part = ordered[at:at + 500]
            for row in self._rows(f"SELECT {','.join(_COLUMNS)} FROM chunks WHERE pos IN ({','.join('?' * len(part))})",
                                  part):
                out[row[0]] = self._chunk(row)
        return out

    def all_chunks(self) -> list[Chunk]:
        return [self._chunk(r) for r in self._rows(f"SELECT {','.join(_COLUMNS)} FROM chunks ORDER BY pos")]

    def positions(self, vector_ids: Sequence[str]) -> dict[str, int]:
        ids = list(dict.fromkeys(vector_ids))
        out: dict[str, int] = {}
        for at in range(0, len(ids), 500):
            part = ids[at:at + 500]
            out.update(self._rows(f"SELECT vector_id, pos FROM chunks WHERE vector_id IN ({','.join('?' * len(part))})",
                                  part))
        return out

    def projects_at(self, positions: Sequence[int]) -> dict[int, str]:
        ordered = sorted(set(int(p) for p in positions))
        out: dict[int, str] = {}
        for at in range(0, len(ordered), 500):
            part = ordered[at:at + 500]
            out.update(self._rows(f"SELECT pos, project FROM chunks WHERE pos IN ({','.join('?' * len(part))})", part))
        return out

    def mask(self, filters: dict) -> np.ndarray:
        """Which chunks match every equality filter (keys from FILTER_KEYS)."""
        where = " AND ".join(f"{k} = ?" for k in filters)
        hits = self._rows(f"SELECT pos FROM chunks WHERE {where}", [_column_value(v) for v in filters.values()])
        mask = np.zeros(self.size, dtype=bool)
        if hits:
            mask[np.fromiter((h[0] for h in hits), dtype=np.int64)] = True
        return mask

    def bm25(self, query: str, k: int, allowed: np.ndarray | None = None) -> list[tuple[int, float]]:
        return self.keyword.search(query, k, allowed)


def prune(config: Config, keep: Iterable[str]) -> None:
    """Remove saved indexes other than ``keep`` (the one in service and the one before it, which a process may
    still be opening), and leftovers of killed builds."""
    root = search_root(config)
    if not root.exists():
        return
    keep = set(keep)
    for d in root.iterdir():
        if d.name not in keep:
            shutil.rmtree(d, ignore_errors=True)
            log.info("removed saved search index %s", d.name)
