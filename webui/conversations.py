"""Conversations: the messages a browser keeps (in its localStorage, via gr.BrowserState) and the memory the
server keeps for each (the Session that makes 「那它的总分呢？」 work).

The browser's copy is plain JSON, so nothing it sends back is ever unpickled; the server's memory is rebuilt
from the conversation's questions when the server no longer has it (after a restart).
"""
from __future__ import annotations

import threading
import time
import uuid
from collections import OrderedDict
from dataclasses import asdict, dataclass, field
from typing import Callable

from assistant.service import Session

MAX_CONVERSATIONS = 30  # kept per browser; the oldest go first (localStorage holds about 5 MB)
MAX_MEMORIES = 2000  # sessions the server keeps; one forgotten is rebuilt from its questions
REPLAY = 6  # questions replayed to rebuild a memory: follow-ups reach back one or two questions
TITLE_CHARS = 24


@dataclass
class Conversation:
    id: str
    title: str
    updated: float
    messages: list[dict] = field(default_factory=list)  # {"role": "user"|"assistant", "content": str}

    @property
    def questions(self) -> list[str]:
        return [m["content"] for m in self.messages if m.get("role") == "user"]


@dataclass
class Library:
    """All conversations of one browser, newest first, and the one open."""

    current: str | None = None
    items: list[Conversation] = field(default_factory=list)

    @classmethod
    def from_json(cls, data) -> "Library":
        """Read what the browser stored; anything malformed is dropped rather than trusted."""
        if not isinstance(data, dict):
            return cls()
        items = []
        for c in data.get("items") or []:
            try:
                msgs = [{"role": str(m["role"]), "content": str(m["content"])} for m in c.get("messages", [])
                        if m.get("role") in ("user", "assistant")]
                items.append(Conversation(str(c["id"]), str(c.get("title", "")), float(c.get("updated", 0)), msgs))
            except (KeyError, TypeError, ValueError, AttributeError):
                continue
        current = data.get("current") if any(c.id == data.get("current") for c in items) else None
        return cls(current, items)

    def to_json(self) -> dict:
        return {"current": self.current, "items": [asdict(c) for c in self.items]}

    def get(self, cid: str | None) -> Conversation | None:
        return next((c for c in self.items if c.id == cid), None)

    def save(self, cid: str, messages: list[dict]) -> None:
        """Store ``messages`` as conversation ``cid`` (created if new), newest first, and make it the open one."""
        conv = self.get(cid)
        if conv is None:
            first = next((m["content"] for m in messages if m["role"] == "user"), "新对话")
            conv = Conversation(cid, first[:TITLE_CHARS] + ("…" if len(first) > TITLE_CHARS else ""), 0.0)
        else:
            self.items.remove(conv)
        conv.messages, conv.updated = list(messages), time.time()
        self.items.insert(0, conv)
        del self.items[MAX_CONVERSATIONS:]
        self.current = cid

    def delete(self, cid: str | None) -> None:
        self.items = [c for c in self.items if c.id != cid]
        if self.current == cid:
            self.current = None

    def choices(self) -> list[tuple[str, str]]:
        """(label, id) for the list of conversations."""
        return [(f"{c.title}（{time.strftime('%m-%d %H:%M', time.localtime(c.updated))}）", c.id) for c in self.items]


def new_id() -> str:
    return uuid.uuid4().hex


class Memories:
    """The server's Session per conversation id, and the memory as it was before each conversation's last
    question (to regenerate that answer from the same starting point)."""

    def __init__(self, limit: int = MAX_MEMORIES):
        self.limit = limit
        self._sessions: OrderedDict[str, Session] = OrderedDict()
        self._before: dict[str, Session] = {}
        self._lock = threading.Lock()

    def session(self, cid: str, questions: list[str], ask: Callable[[str, Session], object]) -> Session:
        """The memory of ``cid``; rebuilt by asking its last questions again when the server has none."""
        with self._lock:
            s = self._sessions.get(cid)
            if s is not None:
                self._sessions.move_to_end(cid)
                return s
        s = Session()
        for q in questions[-REPLAY:]:
            ask(q, s)
        self._put(cid, s)
        return s

    def _put(self, cid: str, s: Session) -> None:
        with self._lock:
            self._sessions[cid] = s
            self._sessions.move_to_end(cid)
            while len(self._sessions) > self.limit:
                old, _ = self._sessions.popitem(last=False)
                self._before.pop(old, None)

    def mark_before(self, cid: str, s: Session) -> None:
        with self._lock:
            self._before[cid] = s.copy()

    def rewind(self, cid: str) -> Session | None:
        """Return to the memory before the last question (for a regenerate); None when not known."""
        with self._lock:
            before = self._before.get(cid)
        if before is None:
            return None
        s = before.copy()
        self._put(cid, s)
        return s

    def forget(self, cid: str | None) -> None:
        with self._lock:
            s = self._sessions.pop(cid, None)
            self._before.pop(cid, None)
        if s is not None:
            s.reset()
