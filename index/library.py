"""Every version of every report file ever stored, kept under the data directory, and the user's choices.

- ``JX_HOME/archive/<sha256><suffix>``: the bytes of each stored version, named by content, so nothing a later
  upload, edit or deletion does can lose a version that was once stored; any of them can be restored.
- ``JX_HOME/library.json``: the catalogue (name, hash, size, forms, when, how and by whom each version came in) and
  which file wins for a form found in several files.

Which version of a name is in service is not written here: the store says (``sources``), so a build killed half way
never leaves the catalogue claiming a state the store does not have. Only writers holding the writer lock
(index.locks) change these files.
"""
from __future__ import annotations

import json
import os
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from .config import Config

CATALOGUE = "library.json"


@dataclass(frozen=True)
class Version:
    name: str  # the file name in the report directory
    sha256: str
    size: int
    forms: int
    stored_at: float
    origin: str  # 报告目录 (found by build), 上传, 命令行, 恢复
    user: str = ""  # who uploaded it, when logins are on

    @property
    def suffix(self) -> str:
        return Path(self.name).suffix.lower()


def archive_dir(config: Config) -> Path:
    return config.home / "archive"


def blob_path(config: Config, sha256: str, suffix: str) -> Path:
    return archive_dir(config) / f"{sha256}{suffix.lower()}"


def _load(config: Config) -> dict:
    path = config.home / CATALOGUE
    if not path.exists():
        return {"versions": [], "winners": {}}
    data = json.loads(path.read_text(encoding="utf-8"))
    data.setdefault("versions", [])
    data.setdefault("winners", {})
    return data


def _save(config: Config, data: dict) -> None:
    path = config.home / CATALOGUE
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(path)  # atomic: a reader sees the old catalogue or the new one


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
    tmp.write_bytes(data)
    tmp.replace(path)


def keep(config: Config, name: str, data: bytes, sha256: str, forms: int, origin: str, user: str = "") -> Version:
    """Archive this version's bytes (once per content) and list it in the catalogue (once per name and content)."""
    blob = blob_path(config, sha256, Path(name).suffix)
    if not blob.exists():
        _write_atomic(blob, data)
    catalogue = _load(config)
    for v in catalogue["versions"]:
        if v["name"] == name and v["sha256"] == sha256:
            return Version(**v)
    version = Version(name, sha256, len(data), forms, time.time(), origin, user)
    catalogue["versions"].append(asdict(version))
    _save(config, catalogue)
    return version


def versions(config: Config) -> list[Version]:
    """Every version in the catalogue, oldest first."""
    return [Version(**v) for v in _load(config)["versions"]]


def read(config: Config, version: Version) -> bytes:
    return blob_path(config, version.sha256, version.suffix).read_bytes()


def winners(config: Config) -> dict[str, str]:
    """The file chosen for each form found in several files (store.duplicate_key → file name)."""
    return dict(_load(config)["winners"])


def set_winner(config: Config, key: str, file: str) -> None:
    catalogue = _load(config)
    catalogue["winners"][key] = file
    _save(config, catalogue)
