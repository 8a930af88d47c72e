"""The build stage: report files → parsed records → SQLite store (one transaction per file)."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from tqdm import tqdm

from .audit import audit
from .config import Config
from .parse import parse_bytes
from .readers import SUFFIXES
from .records import ParseResult, Problem
from .store import IngestReport, Store

if TYPE_CHECKING:
    from .embed import Embedder
    from .vectors import SyncReport

REPORT_SUFFIXES = SUFFIXES  # every type a reader is registered for (index.readers)


@dataclass
class BuildSummary:
    files: list[IngestReport] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    findings: list[Problem] = field(default_factory=list)
    projects: int = 0
    indicators: int = 0
    seconds: float = 0.0
    vectors: SyncReport | None = None

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


def parse_path(path: Path) -> tuple[ParseResult, bytes]:
    """Read and parse one file, returning its bytes too (the store keys sources by content hash)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return ParseResult(path.name, problems=[Problem(path.name, 0, "error", "unreadable", f"无法读取文件：{exc}")]), b""
    return parse_bytes(data, path.name), data


def is_stale(config: Config) -> bool:
    """True when the store is missing or older than the report directory's files, or lists other files."""
    from .vectors import POINTER

    store = Store(config.db_path)
    if not store.exists() or store.get_meta(POINTER) is None:
        return True
    files = report_files(config.reports)
    db_mtime = config.db_path.stat().st_mtime
    if any(f.stat().st_mtime > db_mtime for f in files):
        return True
    return {f.name for f in files} != {s.name for s in store.sources()}


def build(config: Config, paths: list[Path] | None = None, progress: bool = False, vectors: bool = True,
          embedder: Embedder | None = None, rebuild: bool = False) -> BuildSummary:
    """Ingest ``paths`` (default: every report file under the report directory, pruning files gone from it),
    then bring the chunks and the vector index in line with the store."""
    started = time.perf_counter()
    store = Store(config.db_path)
    files = [f for p in paths for f in report_files(Path(p))] if paths else report_files(config.reports)
    summary = BuildSummary()
    for path in tqdm(files, desc="解析入库", unit="个文件", disable=not progress or len(files) < 3):
        result, data = parse_path(path)
        summary.files.append(store.ingest(result, path, data))
    if not paths:
        present = {f.name for f in files}
        for source in store.sources():
            if source.name not in present and store.remove_source(source.name):
                summary.removed.append(source.name)
    projects = store.projects()
    summary.projects = len(projects)
    summary.indicators = sum(len(p.indicators) for p in projects)
    summary.findings = audit(projects)
    if vectors:
        # Imported here: chromadb and the embedder are heavy, and `records`/`audit` never need them.
        from .chunks import chunks_for
        from .embed import make_embedder
        from .vectors import VectorIndex

        chunks = chunks_for(projects)
        embedder = embedder or make_embedder(config.embed_model)
        with tqdm(total=len(chunks), desc="向量索引", unit="块", disable=not progress) as bar:
            summary.vectors = VectorIndex(config, store).sync(chunks, embedder, rebuild=rebuild, progress=bar.update)
    summary.seconds = time.perf_counter() - started
    return summary
