"""The build stage: report files → parsed records → SQLite store → chunks, BM25 and vectors, all or nothing.

A build holds the writer lock (index.locks) and writes into a copy of the store; readers keep answering from the
last complete store until the copy, with its search index and vectors in place, replaces it in one rename. Vectors
are content-addressed (chunks.Chunk.vector_id): the new ones are added before the switch and the unused ones
removed after it, so whenever a build is killed, the store in service finds every one of its chunks in the vector
index. If the vector index cannot be reached, the store is still updated, keyword search covers everything, and
the store records that the vectors are behind until a later build brings them up to date.
"""
from __future__ import annotations

import json
import logging
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from tqdm import tqdm

from . import library
from .audit import audit
from .config import Config
from .limits import MAX_BYTES
from .locks import WAIT_SECONDS, writer_lock
from .parse import parse_bytes
from .readers import SUFFIXES
from .records import ParseResult, Problem
from .store import Duplicate, IngestReport, Store, file_sha256

if TYPE_CHECKING:
    from .embed import Embedder
    from .vectors import SyncReport

log = logging.getLogger(__name__)

REPORT_SUFFIXES = SUFFIXES  # every type a reader is registered for (index.readers)
SEEN = "report_files"  # meta: the report directory's file names at the last full build


@dataclass
class BuildSummary:
    files: list[IngestReport] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    findings: list[Problem] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    projects: int = 0
    indicators: int = 0
    seconds: float = 0.0
    vectors: SyncReport | None = None
    vector_error: str = ""  # why the vector index was not brought up to date (one line), else empty

    @property
    def problems(self) -> list[Problem]:
        return [p for f in self.files for p in f.problems]


def report_files(root: Path) -> list[Path]:
    """Report files under ``root`` (a folder or one file), in name order."""
    if root.is_file():
        return [root]
    if not root.exists():
        return []
    # 「~$name.xlsx」 is the lock file Excel and Word leave beside an open document, not a report.
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES
                  and not p.name.startswith((".", "~$")))


def read_report(path: Path) -> tuple[bytes | None, Problem | None]:
    """A report file's bytes, or the problem that kept them from being read (too large, unreadable)."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return None, Problem(path.name, 0, "error", "too_large",
                                 f"文件过大（{size / 1024 / 1024:.1f} MB），上限 {MAX_BYTES // 1024 // 1024} MB，未入库")
        return path.read_bytes(), None
    except OSError as exc:
        log.warning("cannot read %s: %s", path, exc)
        return None, Problem(path.name, 0, "error", "unreadable", f"无法读取文件（{type(exc).__name__}）")


def is_stale(config: Config) -> bool:
    """True when the store is missing or older than the report directory's files, lists other files, or its vector
    index is behind."""
    from .vectors import POINTER, STALE

    store = Store(config.db_path)
    if not store.exists() or store.outdated() or store.get_meta(POINTER) is None or store.get_meta(STALE):
        return True
    files = report_files(config.reports)
    db_mtime = config.db_path.stat().st_mtime
    if any(f.stat().st_mtime > db_mtime for f in files):
        return True
    return sorted(f.name for f in files) != json.loads(store.get_meta(SEEN) or "[]")


def build(config: Config, paths: list[Path] | None = None, progress: bool = False, vectors: bool = True,
          embedder: Embedder | None = None, rebuild: bool = False, force: bool = False, remove: tuple[str, ...] = (),
          origin: str = "报告目录", user: str = "", lock_timeout: float = WAIT_SECONDS) -> BuildSummary:
    """Ingest ``paths`` (default: every report file under the report directory, removing files gone from it) and
    remove the files named in ``remove``; then bring duplicates, audit findings, the search index and the vector
    index in line with the store, and put the new store in service.

    ``force`` lets a new version with parse errors or fewer forms replace the stored one (see Store.ingest).
    Waits for the writer lock (index.locks.WriterBusy after ``lock_timeout`` seconds).
    """
    with writer_lock(config, lock_timeout):
        return _build(config, paths, progress, vectors, embedder, rebuild, force, remove, origin, user)


def _build(config: Config, paths, progress, vectors, embedder, rebuild, force, remove, origin, user) -> BuildSummary:
    from .search_index import POINTER as SEARCH_POINTER
    from .search_index import prune

    started = time.perf_counter()
    live = Store(config.db_path)
    was_outdated = live.outdated()
    if was_outdated:
        paths = None  # a store of an older version is redone from every report file, whatever was asked
    staging = live.snapshot(config.db_path.with_name(config.db_path.name + ".staging"))
    full = paths is None
    files = report_files(config.reports) if full else [f for p in paths for f in report_files(Path(p))]
    summary = BuildSummary()
    try:
        # Removals first, so content that moved to another name is stored under the name it has now.
        gone = set(remove)
        if full:
            present = {f.name for f in files}
            gone |= {s.name for s in staging.sources() if s.name not in present}
        for name in sorted(gone):
            if staging.remove_source(name):
                summary.removed.append(name)
        for path in tqdm(files, desc="解析入库", unit="个文件", disable=not progress or len(files) < 3):
            summary.files.append(_ingest(config, staging, path, force, origin, user))
        if full:
            staging.set_meta(SEEN, json.dumps(sorted(f.name for f in files), ensure_ascii=False))
        summary.duplicates = staging.resolve_duplicates(library.winners(config))
        projects = staging.projects()
        summary.projects = len(projects)
        summary.indicators = sum(len(p.indicators) for p in projects)
        summary.findings = audit(projects)
        staging.replace_findings(projects, summary.findings)
        changed = bool(summary.removed) or any(not (f.unchanged or f.kept_previous) for f in summary.files)
        prepared = None
        if vectors:
            prepared = _index(config, staging, projects, embedder, rebuild, progress, summary)
        elif changed:
            from .vectors import STALE

            # The saved search index and the vectors describe the old records: searches index in memory and say
            # so until a build with vectors catches up.
            staging.set_meta(SEARCH_POINTER, None)
            staging.set_meta(STALE, "上次入库未更新向量索引")
        previous_search = live.get_meta(SEARCH_POINTER) if live.exists() and not was_outdated else None
        os.replace(staging.path, live.path)  # the one moment readers switch to the new records
    except BaseException:
        staging.path.unlink(missing_ok=True)
        raise
    if prepared is not None:
        from .vectors import VectorIndex

        summary.vectors = VectorIndex(config, live).finish(prepared)
    if vectors:
        prune(config, keep={live.get_meta(SEARCH_POINTER), previous_search} - {None})
    summary.seconds = time.perf_counter() - started
    return summary


def _ingest(config: Config, store: Store, path: Path, force: bool, origin: str, user: str) -> IngestReport:
    data, problem = read_report(path)
    if data is None:
        return store.ingest(ParseResult(path.name, problems=[problem]), path, b"")
    sha = file_sha256(data)
    if store.source_sha(path.name) == sha:
        # Unchanged: not parsed again, so a build over thousands of stored forms only reads and hashes the files.
        forms = next(s.forms for s in store.sources() if s.name == path.name)
        return IngestReport(path.name, forms, 0, [], False, True, forms)
    report = store.ingest(parse_bytes(data, path.name), path, data, force=force)
    if report.forms and not (report.kept_previous or report.same_as):
        library.keep(config, path.name, data, sha, report.forms, origin, user)
    return report


def _index(config: Config, staging: Store, projects, embedder, rebuild, progress, summary: BuildSummary):
    """Save the search index and add the vectors the new records need; returns the prepared vector sync (None when
    the vector index could not be reached, which the summary and the store then record)."""
    # Imported here: chromadb and the embedder are heavy, and `records`/`audit` never need them.
    from .chunks import chunks_for
    from .embed import make_embedder
    from .search_index import POINTER as SEARCH_POINTER
    from .search_index import SearchIndex, search_root, tokenizer_words
    from .vectors import POINTER, STALE, VectorIndex, VectorsUnavailable

    chunks = chunks_for(projects)
    staging.set_meta(SEARCH_POINTER, SearchIndex.save(search_root(config), chunks, tokenizer_words(projects)))
    embedder = embedder or make_embedder(config.embed_model)
    try:
        with tqdm(total=len(chunks), desc="向量索引", unit="块", disable=not progress) as bar:
            prepared = VectorIndex(config, staging).prepare(chunks, embedder, rebuild=rebuild, progress=bar.update)
    except VectorsUnavailable as exc:
        log.warning("vector index not updated: %s", exc)
        summary.vector_error = f"向量索引未更新：{exc}；库已更新，检索暂时只用关键词（BM25），恢复后再运行 build 即可补齐"
        staging.set_meta(STALE, str(exc))
        return None
    staging.set_meta(POINTER, prepared.collection)
    staging.set_meta(STALE, None)
    return prepared
