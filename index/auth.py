"""Optional login for the web app, with two roles: ``admin`` may upload, delete and restore reports; ``reader`` may
only ask, check and draft.

Users come from ``JX_USERS`` (``name:role:secret`` separated by ``;``, the secret a hash made by
``python -m index user add`` or, for a quick start, a plain password that is hashed as it is read) and from
``JX_HOME/users.json``, which stores PBKDF2-SHA256 hashes only (``python -m index user add NAME --role admin``).
With no users, there is no login; the one person at the machine may then change reports only while the app listens
on loopback, since anyone who reaches a public port would otherwise be an administrator.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from .config import Config

ROLES = ("admin", "reader")
SCHEME = "pbkdf2_sha256"
ITERATIONS = 240_000
USERS_FILE = "users.json"
_LOOPBACK = ("127.", "localhost", "::1")


@dataclass(frozen=True)
class User:
    name: str
    role: str
    password_hash: str  # SCHEME$iterations$salt$hash, never the password


def hash_password(password: str, salt: bytes | None = None, iterations: int = ITERATIONS) -> str:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    b64 = base64.b64encode
    return f"{SCHEME}${iterations}${b64(salt).decode()}${b64(digest).decode()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, iterations, salt, digest = stored.split("$")
        if scheme != SCHEME:
            return False
        expected = base64.b64decode(digest)
        got = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), base64.b64decode(salt), int(iterations))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, expected)


def _check_user(name: str, role: str) -> None:
    if not name or any(c in name for c in ":;\n") or len(name) > 64:
        raise ValueError("用户名不能为空，不能含「:」「;」或换行，不超过 64 个字符")
    if role not in ROLES:
        raise ValueError(f"角色只能是 {'、'.join(ROLES)}")


def _users_path(config: Config) -> Path:
    return config.home / USERS_FILE


def _file_users(config: Config) -> dict[str, User]:
    path = _users_path(config)
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {u["name"]: User(u["name"], u["role"], u["password"]) for u in data.get("users", [])}


def _env_users(spec: str | None) -> dict[str, User]:
    out = {}
    for entry in (spec or "").split(";"):
        if not entry.strip():
            continue
        name, role, secret = (entry.strip().split(":", 2) + ["", ""])[:3]
        _check_user(name, role)
        if not secret:
            raise ValueError(f"JX_USERS 中用户「{name}」没有密码")
        out[name] = User(name, role, secret if secret.startswith(SCHEME + "$") else hash_password(secret))
    return out


def load_users(config: Config) -> dict[str, User]:
    """Every configured user; the environment wins over the file for the same name."""
    return _file_users(config) | _env_users(config.users)


def _save(config: Config, users: dict[str, User]) -> None:
    path = _users_path(config)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.part")
    payload = {"users": [{"name": u.name, "role": u.role, "password": u.password_hash} for u in users.values()]}
    tmp.write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
    os.chmod(tmp, 0o600)  # hashes only, but still nobody else's business
    tmp.replace(path)


def add_user(config: Config, name: str, password: str, role: str = "reader") -> User:
    """Add or update a user in ``users.json`` (the password stored as a salted PBKDF2 hash)."""
    _check_user(name, role)
    if len(password) < 8:
        raise ValueError("密码至少 8 个字符")
    users = _file_users(config)
    users[name] = User(name, role, hash_password(password))
    _save(config, users)
    return users[name]


def remove_user(config: Config, name: str) -> bool:
    users = _file_users(config)
    if users.pop(name, None) is None:
        return False
    _save(config, users)
    return True


@dataclass(frozen=True)
class Access:
    """Who may use the app and who may change its reports."""

    users: dict[str, User]
    loopback: bool  # the app listens on loopback only

    @property
    def required(self) -> bool:
        """Whether the app asks for a login."""
        return bool(self.users)

    def check(self, username: str, password: str) -> bool:
        """The login check (Gradio's ``auth`` callable)."""
        user = self.users.get(username or "")
        return user is not None and verify_password(password or "", user.password_hash)

    def role(self, username: str | None) -> str | None:
        user = self.users.get(username or "")
        return user.role if user else None

    def may_write(self, username: str | None) -> bool:
        """May this user upload, delete or restore reports?"""
        if not self.required:
            return self.loopback
        return self.role(username) == "admin"

    def refusal(self) -> str:
        """Why a change was refused (Chinese)."""
        if not self.required:
            return "本服务对外开放且未配置登录，不接受上传、删除或恢复；请配置管理员账号（见 README「登录」）"
        return "只有管理员（admin）可以上传、删除或恢复报告文件"


def load_access(config: Config) -> Access:
    return Access(load_users(config), config.host.startswith(_LOOPBACK))
