"""Report files as people manage them: upload, list, delete, restore, and choose which file wins a duplicate.

Nothing here ever loses a stored report. An upload whose name is taken is stored under a new name unless the caller
confirms replacing (``replace=True``); a replaced or deleted file stays in the archive under the data directory
(index.library) and can be restored; a new version with parse errors or fewer forms than the stored one is refused
unless forced. Every change holds the writer lock (index.locks) for its whole run and ends with a build, so the
store, the search index and the vector index change together. These are the functions the web app's 上传 tab and
its ``upload`` API call; each returns a typed report saying what was done and why, in Chinese for the user.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from . import library
from .build import BuildSummary, build, report_files
from .config import Config
from .locks import WAIT_SECONDS, WriterBusy, writer_lock
from .store import Duplicate, Store, duplicate_key, file_sha256
from .upload import UploadError, check_type, check_upload, safe_name, unique_name, write_report

log = logging.getLogger(__name__)

STORED, REPLACED, UNCHANGED, REFUSED = "stored", "replaced", "unchanged", "refused"
BUSY = "另一项入库、删除或恢复正在进行，请稍后再试"
FAILED = "入库时出错，未保存，已恢复原状（详情见服务器日志）"


@dataclass(frozen=True)
class FileOutcome:
    """What became of one uploaded file."""

    name: str  # as uploaded
    stored_as: str  # its name in the report directory ("" when refused)
    status: str  # stored | replaced | unchanged | refused
    reason: str  # what happened and why (Chinese)
    forms: int = 0  # forms read from the file
    problems: tuple[str, ...] = ()  # each problem with its row, for the user
    duplicates: int = 0  # of its forms, how many another stored file holds too (each counted once)
    same_name: str = ""  # the stored file it shares a name with (``replace=True`` replaces it)


@dataclass(frozen=True)
class UploadReport:
    files: list[FileOutcome]
    projects_before: int  # projects readers saw before the upload
    projects_after: int
    vector_error: str = ""  # the vector index could not be updated (search uses keywords until the next build)
    build: BuildSummary | None = field(default=None, repr=False, compare=False)

    @property
    def stored(self) -> list[FileOutcome]:
        return [f for f in self.files if f.status in (STORED, REPLACED)]

    @property
    def refused(self) -> list[FileOutcome]:
        return [f for f in self.files if f.status == REFUSED]

    def to_dict(self) -> dict:
        """The ``upload`` API's answer."""
        return {"files": [asdict(f) for f in self.files], "projects_before": self.projects_before,
                "projects_after": self.projects_after, "vector_error": self.vector_error}


@dataclass(frozen=True)
class StoredFile:
    """A report file in service, for the 上传 tab's list."""

    name: str
    forms: int  # forms read from it
    counted: int  # of those, the ones readers see (the rest are copies of forms another file holds)
    size: int
    stored_at: float  # when this version was stored
    origin: str  # 报告目录, 上传, 命令行, 恢复
    user: str
    sha256: str
    problems: int  # parse problems of its latest version


@dataclass(frozen=True)
class FileVersion:
    """One version of a report file in the archive."""

    name: str
    sha256: str
    size: int
    forms: int
    stored_at: float
    origin: str
    user: str
    state: str  # 在用 (in service), 已替换 (another version of the name is), 已删除 (the name is not)
    restorable: bool


@dataclass(frozen=True)
class ChangeReport:
    """What a delete, restore or choice of winning file did."""

    action: str  # delete | restore | choose
    name: str
    done: bool
    reason: str  # Chinese
    projects_before: int = 0
    projects_after: int = 0
    vector_error: str = ""


def _count(store: Store) -> int:
    return store.project_count() if store.exists() and not store.outdated() else 0


def same_names(config: Config, names: Sequence[str]) -> dict[str, str]:
    """For each uploaded name whose safe name is taken, the stored file it would replace (ask before replacing)."""
    taken = _taken(config)
    return {n: safe_name(n) for n in names if safe_name(n) in taken}


def _taken(config: Config) -> set[str]:
    store = Store(config.db_path)
    stored = {s.name for s in store.sources()} if store.exists() else set()
    return stored | {p.name for p in report_files(config.reports)}


# -- upload ------------------------------------------------------------------------------------------------------


def upload(config: Config, files: Sequence[tuple[str, bytes]], replace: bool = False, force: bool = False,
           user: str = "", origin: str = "上传", embedder=None, lock_timeout: float = WAIT_SECONDS) -> UploadReport:
    """Validate, store and index ``files`` ((name, bytes) pairs); see the module docstring for the rules.

    ``replace`` puts a file in place of the stored file of the same name (which stays restorable); ``force`` lets a
    replacement with parse errors or fewer forms through. Waits for another writer up to ``lock_timeout`` seconds.
    """
    try:
        with writer_lock(config, lock_timeout):
            return _upload(config, files, replace, force, user, origin, embedder)
    except WriterBusy:
        store = Store(config.db_path)
        n = _count(store)
        return UploadReport([FileOutcome(name, "", REFUSED, BUSY) for name, _ in files], n, n)


def refuse_all(config: Config, names: Sequence[str], reason: str) -> UploadReport:
    """Every file refused for one reason (a user who may not upload), in the same shape as an upload's report."""
    store = Store(config.db_path)
    n = _count(store)
    return UploadReport([FileOutcome(Path(name).name, "", REFUSED, reason) for name in names], n, n)


def upload_paths(config: Config, paths: Sequence[str | Path], **options) -> UploadReport:
    """``upload`` for files on disk (the web app's temporary uploads, the command line), read no further than the
    size limit so an oversized file is refused without being loaded."""
    from .limits import MAX_BYTES

    files = []
    for p in paths:
        with open(p, "rb") as fh:
            files.append((Path(p).name, fh.read(MAX_BYTES + 1)))
    return upload(config, files, **options)


@dataclass
class _Accepted:
    outcome: FileOutcome
    path: Path
    data: bytes
    previous: bytes | None  # the bytes it replaced, to put back if the build fails


def _upload(config: Config, files, replace: bool, force: bool, user: str, origin: str, embedder) -> UploadReport:
    store = Store(config.db_path)
    before = _count(store)
    current = {s.name: s for s in store.sources()} if store.exists() else {}
    by_sha = {s.sha256: s.name for s in current.values()}
    taken = _taken(config)
    outcomes: list[FileOutcome | _Accepted] = []
    for name, data in files:
        outcome = _place(config, name, data, replace, force, current, by_sha, taken)
        outcomes.append(outcome)
    accepted = [o for o in outcomes if isinstance(o, _Accepted)]
    summary = None
    if accepted:
        try:
            for a in accepted:
                if a.previous is not None:
                    old = current.get(a.path.name)
                    # Archived before it is overwritten, whether or not a build ever stored it.
                    library.keep(config, a.path.name, a.previous, file_sha256(a.previous), old.forms if old else 0,
                                 "报告目录")
                write_report(a.path, a.data)
            summary = build(config, [a.path for a in accepted], force=True, origin=origin, user=user,
                            embedder=embedder)
        except Exception:
            log.exception("upload of %s failed; report directory restored", [a.path.name for a in accepted])
            for a in accepted:
                if a.previous is None:
                    a.path.unlink(missing_ok=True)
                else:
                    write_report(a.path, a.previous)
            outcomes = [FileOutcome(o.outcome.name, "", REFUSED, FAILED, o.outcome.forms, o.outcome.problems)
                        if isinstance(o, _Accepted) else o for o in outcomes]
            return UploadReport(outcomes, before, _count(store))
    final = [_settle(o, summary) if isinstance(o, _Accepted) else o for o in outcomes]
    return UploadReport(final, before, _count(store), summary.vector_error if summary else "", summary)


def _place(config: Config, name: str, data: bytes, replace: bool, force: bool, current: dict, by_sha: dict,
           taken: set[str]) -> FileOutcome | _Accepted:
    """Decide what to do with one file: refuse it (with the reason), or the name to store it under."""
    try:
        safe = check_type(name, len(data))
    except UploadError as exc:
        return FileOutcome(name, "", REFUSED, str(exc))
    sha = file_sha256(data)
    if sha in by_sha:
        return FileOutcome(name, by_sha[sha], UNCHANGED, f"与已存文件「{by_sha[sha]}」内容完全相同，未重复保存")
    exists = safe in taken
    target = safe if (replace or not exists) else unique_name(safe, taken)
    checked = check_upload(name, data, stored_as=target)
    lines = tuple(checked.problem_lines())
    if not checked.accepted:
        return FileOutcome(name, "", REFUSED, "没有可入库的自评表，未保存", 0, lines)
    previous = None
    path = config.reports / target
    if exists and replace:
        old_forms = current[safe].forms if safe in current else 0
        reason = Store._keep_reason(checked.result, old_forms, force) if old_forms else ""
        if reason:
            return FileOutcome(name, "", REFUSED, f"未替换「{safe}」：{reason}", checked.forms, lines, same_name=safe)
        previous = path.read_bytes() if path.exists() else None
    taken.add(target)
    by_sha[sha] = target
    outcome = FileOutcome(name, target, REPLACED if (exists and replace) else STORED, "", checked.forms, lines,
                          same_name=safe if exists else "")
    return _Accepted(outcome, path, data, previous)


def _settle(a: _Accepted, summary: BuildSummary) -> FileOutcome:
    """The outcome once the build has run: what was stored, and which of its forms are counted elsewhere."""
    o = a.outcome
    report = next((f for f in summary.files if f.file == o.stored_as), None)
    mine = [d for d in summary.duplicates if o.stored_as in d.files]
    if report is not None and report.same_as:
        return FileOutcome(o.name, report.same_as, UNCHANGED, f"与已存文件「{report.same_as}」内容完全相同，未重复保存",
                           o.forms, o.problems)
    parts = []
    if o.status == REPLACED:
        parts.append(f"已替换「{o.stored_as}」（原文件已存档，可恢复）")
    elif o.same_name:
        parts.append(f"已有同名文件「{o.same_name}」，另存为「{o.stored_as}」；如要替换原文件，请确认替换后重新上传")
    elif o.stored_as != o.name:
        parts.append(f"已保存为「{o.stored_as}」")  # the uploaded name was not a safe file name
    parts.append(f"{o.forms} 张自评表")
    if mine:
        others = sorted({f for d in mine for f in d.files if f != o.stored_as})
        kept_here = sum(1 for d in mine if d.kept[0] == o.stored_as)
        parts.append(f"其中 {len(mine)} 张与「{'」「'.join(others)}」中的同一张表（项目、主管部门、年度相同）重复，只计一次："
                     f"{len(mine) - kept_here} 张以原文件为准，{kept_here} 张以本文件为准，可在上传页改选")
    return FileOutcome(o.name, o.stored_as, o.status, "；".join(parts), o.forms, o.problems, len(mine), o.same_name)


# -- what is stored --------------------------------------------------------------------------------------------


def stored_files(config: Config) -> list[StoredFile]:
    """The report files in service, with forms, counted forms, date, origin and problems."""
    store = Store(config.db_path)
    if not store.exists():
        return []
    catalogue = {(v.name, v.sha256): v for v in library.versions(config)}
    counts = store.form_counts()
    problems: dict[str, int] = {}
    for p in store.problems():
        problems[p.file] = problems.get(p.file, 0) + 1
    out = []
    for s in store.sources():
        v = catalogue.get((s.name, s.sha256))
        total, counted = counts.get(s.name, (0, 0))
        out.append(StoredFile(s.name, s.forms, counted, v.size if v else 0, v.stored_at if v else s.ingested_at,
                              v.origin if v else "报告目录", v.user if v else "", s.sha256, problems.get(s.name, 0)))
    return out


def history(config: Config, name: str | None = None) -> list[FileVersion]:
    """Every archived version (of ``name``, or of all files), newest first, with whether it can be restored."""
    store = Store(config.db_path)
    current = {s.name: s.sha256 for s in store.sources()} if store.exists() else {}
    out = []
    for v in library.versions(config):
        if name is not None and v.name != name:
            continue
        state = "在用" if current.get(v.name) == v.sha256 else "已替换" if v.name in current else "已删除"
        restorable = state != "在用" and library.blob_path(config, v.sha256, v.suffix).exists()
        out.append(FileVersion(v.name, v.sha256, v.size, v.forms, v.stored_at, v.origin, v.user, state, restorable))
    return sorted(out, key=lambda v: -v.stored_at)


def duplicates(config: Config) -> list[Duplicate]:
    """Forms (project, 主管部门, year) found in several stored files, with the copy that is counted."""
    store = Store(config.db_path)
    return store.duplicates() if store.exists() else []


# -- changes ---------------------------------------------------------------------------------------------------


def _change(config: Config, action: str, name: str, run, lock_timeout: float) -> ChangeReport:
    store = Store(config.db_path)
    try:
        with writer_lock(config, lock_timeout):
            before = _count(store)
            done, reason, summary = run()
            return ChangeReport(action, name, done, reason, before, _count(store),
                                summary.vector_error if summary else "")
    except WriterBusy:
        n = _count(store)
        return ChangeReport(action, name, False, BUSY, n, n)


def delete(config: Config, name: str, user: str = "", embedder=None,
           lock_timeout: float = WAIT_SECONDS) -> ChangeReport:
    """Take ``name`` out of service: its forms leave the store and the indexes; the file stays in the archive."""

    def run():
        store = Store(config.db_path)
        path = config.reports / name
        stored = next((s for s in store.sources() if s.name == name), None) if store.exists() else None
        if stored is None and not path.is_file():
            return False, f"没有名为「{name}」的文件", None
        if path.is_file():
            data = path.read_bytes()
            library.keep(config, name, data, file_sha256(data), stored.forms if stored else 0, "报告目录", user)
            path.unlink()
        summary = build(config, [], remove=(name,), embedder=embedder)
        forms = stored.forms if stored else 0
        return True, f"已删除「{name}」（{forms} 张自评表），文件已存档，可恢复", summary

    return _change(config, "delete", name, run, lock_timeout)


def restore(config: Config, name: str, sha256: str, user: str = "", embedder=None,
            lock_timeout: float = WAIT_SECONDS) -> ChangeReport:
    """Put the archived version ``sha256`` of ``name`` back in service (the version in service, if any, stays in the
    archive). Restoring is a person's explicit choice, so it goes through even with fewer forms."""

    def run():
        version = next((v for v in library.versions(config) if v.name == name and v.sha256 == sha256), None)
        blob = library.blob_path(config, sha256, Path(name).suffix) if version else None
        if version is None or not blob.exists():
            return False, f"存档中没有「{name}」的这个版本", None
        path = config.reports / name
        if path.is_file():
            data = path.read_bytes()
            library.keep(config, name, data, file_sha256(data), 0, "报告目录", user)
        write_report(path, blob.read_bytes())
        summary = build(config, [path], force=True, origin="恢复", user=user, embedder=embedder)
        report = next((f for f in summary.files if f.file == name), None)
        if report is not None and report.same_as:
            return False, f"该版本与在用文件「{report.same_as}」内容相同，未重复入库", summary
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(version.stored_at))
        return True, f"已恢复「{name}」{when} 的版本（{version.forms} 张自评表）", summary

    return _change(config, "restore", name, run, lock_timeout)


def choose(config: Config, project: str, department: str, year: int | None, file: str, embedder=None,
           lock_timeout: float = WAIT_SECONDS) -> ChangeReport:
    """Count the form (project, 主管部门, year) from ``file`` instead of the other files holding it; remembered."""
    key = duplicate_key(project, department, year)

    def run():
        group = next((d for d in duplicates(config) if d.key == key), None)
        if group is None or file not in group.files:
            return False, f"「{project}」没有来自「{file}」的重复表", None
        library.set_winner(config, key, file)
        summary = build(config, [], embedder=embedder)
        return True, f"「{project}」（{department}，{year or '年度不详'}）今后以「{file}」为准", summary

    return _change(config, "choose", file, run, lock_timeout)


__all__ = ["upload", "upload_paths", "refuse_all", "same_names", "stored_files", "history", "duplicates", "delete", "restore",
           "choose", "UploadReport", "FileOutcome", "StoredFile", "FileVersion", "ChangeReport"]
