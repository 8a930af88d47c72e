"""The assistant: one object per data directory, holding the tools and the answer chain; sessions hold memory."""
from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields, replace

from index.config import Config
from index.store import Store

from .answer import Answer
from .chain import build_chain
from .compose import Composer
from .tools import Tools
from .understand import Query, Understander, Vocabulary


@dataclass
class Session:
    """One conversation: the previous question understood, so follow-ups (「那它的总分呢？」) work."""

    last: Query | None = None
    turns: list[tuple[str, str]] = field(default_factory=list)

    def reset(self) -> None:
        """Forget the whole conversation, so the next question is understood on its own."""
        for f in fields(self):  # every field, so memory added later is forgotten too
            setattr(self, f.name, f.default_factory() if f.default_factory is not MISSING else f.default)

    def copy(self) -> "Session":
        """A copy to return to when an answer is regenerated (the memory as it was before that question)."""
        return replace(self, turns=list(self.turns))


def vocabulary(store: Store) -> Vocabulary:
    projects = store.projects()
    offices: dict[str, set[str]] = {}
    for p in projects:
        offices.setdefault(p.office, set()).add(p.unit)
    return Vocabulary(list(dict.fromkeys(p.name for p in projects)), offices,
                      {p.name: [i.name for i in p.indicators] for p in projects},
                      sorted({p.department for p in projects if p.department}))


class Assistant:
    """Answers questions about the stored forms; the LLM (optional) only phrases and is checked afterwards."""

    def __init__(self, config: Config, llm=None, searcher=None):
        self.config = config
        self.store = Store(config.db_path)
        self.tools = Tools(self.store)
        self.understander = Understander(vocabulary(self.store))
        self._searcher = searcher
        self.composer = Composer(self.tools, self.understander, searcher=lambda: self.searcher)
        self.llm = llm
        self.chain = build_chain(self)

    @property
    def searcher(self):
        if self._searcher is None:
            from index.retrieve import Searcher

            self._searcher = Searcher(self.config, self.store)
        return self._searcher

    def check(self, statement: str):
        """Fact-check a statement: a verdict per claim and overall (正确/错误/部分正确/无法核实)."""
        from .factcheck import FactChecker

        return FactChecker(self).check(statement)

    def summarize(self, target: str):
        """Draft a 绩效自评 summary for a project, an office or 全部."""
        from .summarize import Summarizer

        return Summarizer(self).summarize(target)

    def ask(self, question: str, session: Session | None = None) -> Answer:
        session = session if session is not None else Session()
        result = self.chain.invoke({"question": question, "session": session})
        return result


class AssistantHolder:
    """The one assistant a server shares, rebuilt after new reports are ingested (uploads)."""

    def __init__(self, config: Config, llm=None):
        import threading

        self.config = config
        self.llm = llm
        self._lock = threading.Lock()
        self._assistant = Assistant(config, llm=llm)

    @property
    def assistant(self) -> Assistant:
        return self._assistant

    def reload(self) -> None:
        """Swap in an assistant over the current store; questions in flight finish on the old one."""
        fresh = Assistant(self.config, llm=self.llm)
        with self._lock:
            self._assistant = fresh
