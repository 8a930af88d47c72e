"""The assistant: one object per data directory, holding the understander, executor and answer chain."""
from __future__ import annotations

import re
from collections.abc import Generator
from dataclasses import MISSING, dataclass, field, fields, replace

from index.config import Config
from index.store import Store

from . import prompts
from .answer import Answer
from .limits import screen_question
from .chain import answer_step, build_chain, llm_stream, memory_step, understand_step
from .execute import Executor
from .plan import Context, Plan, Scope
from .render import render, render_refusal
from .understand import Understander, Vocabulary


@dataclass
class Session:
    """One conversation: what follow-ups (「那它的总分呢？」「其中社发办的呢」) refer to, and the turns so far."""

    context: Context = field(default_factory=Context)
    turns: list[tuple[str, str]] = field(default_factory=list)
    last_answer: Answer | None = None  # the final answer of the last question (what ``ask_stream`` built)

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
                      sorted({p.department for p in projects if p.department}),
                      sorted({p.year for p in projects if p.year}))


class Assistant:
    """Answers questions about the stored forms. The LLM (optional) fills plans the rules cannot and phrases
    answers around figures code inserts; what it writes is checked, and its failures are shown as notices."""

    def __init__(self, config: Config, llm=None, searcher=None):
        self.config = config
        self.store = Store(config.db_path)
        self.executor = Executor(self.store)
        self.vocab = vocabulary(self.store)
        self.understander = Understander(self.vocab)
        self._searcher = searcher
        self.llm = llm
        self.chain = build_chain(self)

    # -- every record, for drafting and the web views (the same queries the answers run) ----------------------

    def project_rows(self, projects: tuple[str, ...] = (), offices: tuple[str, ...] = ()) -> list:
        return self.executor.projects(Plan(scope=Scope(projects=tuple(projects), offices=tuple(offices))))

    def indicator_rows(self, projects: tuple[str, ...] = (), offices: tuple[str, ...] = ()) -> list:
        plan = Plan(scope=Scope(projects=tuple(projects), offices=tuple(offices)), subject="indicator")
        return self.executor.indicators(plan, clauses=())

    def project_form(self, name: str, file: str | None = None, line: int | None = None):
        """One project's whole form (funds, goals, every indicator); namesakes told apart by file and line."""
        return next((p for p in self.store.projects([name])
                     if (file is None or p.file == file) and (line is None or p.line == line)), None)

    @property
    def searcher(self):
        if self._searcher is None:
            from index.retrieve import Searcher

            self._searcher = Searcher(self.config, self.store)
        return self._searcher

    def corpus_label(self) -> str:
        """「上海市普陀区桃浦镇人民政府2023年度」: what the store holds, for refusals."""
        departments = [re.sub(r"(人民政府|办事处)$", "", d) for d in self.vocab.departments]
        return prompts.render("corpus", departments=departments, years=self.vocab.years)

    def suggestions(self) -> list[str]:
        office = next((o for o in sorted(self.vocab.offices, key=lambda o: -len(self.vocab.offices[o])) if o), "某科室")
        project = self.vocab.projects[0] if self.vocab.projects else "某项目"
        return [s for s in prompts.render("suggestions", office=office, project=project).splitlines() if s.strip()]

    def answer_plan(self, plan: Plan) -> Answer:
        """Execute a plan and render its answer (refusals and questions back included)."""
        if plan.intent in ("refuse", "clarify"):
            passages = []
            if plan.intent == "refuse" and plan.refusal in ("unknown", "unplaced") and plan.text:
                named, ambiguous = self.understander.mentioned_projects(plan.text)
                if len(named) == 1 and not ambiguous:
                    passages = self.executor.passages(named[0], plan.text)
            return render_refusal(plan, self.suggestions(), self.corpus_label(), passages)
        result = self.executor.run(plan)
        answer = render(result, locate=self.store.locations)
        answer.tools.append(f"plan:{plan.intent}")
        return answer

    def check(self, statement: str):
        """Fact-check a statement: a verdict per claim and overall (正确/错误/部分正确/无法核实)."""
        from .limits import check_statement

        return check_statement(self, statement)

    def summarize(self, target: str):
        """Draft a 绩效自评 summary for a project, an office or 全部."""
        from .summarize import Summarizer

        return Summarizer(self).summarize(target)

    def ask(self, question: str, session: Session | None = None) -> Answer:
        session = session if session is not None else Session()
        answer = screen_question(self, question) or self.chain.invoke({"question": question, "session": session})
        session.last_answer = answer
        return answer

    def ask_stream(self, question: str, session: Session | None = None) -> Generator[str, None, Answer]:
        """The answer as it grows, for a chat that shows it while the model writes.

        Yields the whole text so far each time: the rule answer first (or, for a question the rules could not
        read, a line saying the model is reading it), then the model's phrasing as it streams with the figures
        already in place; the last text yielded is the final, checked one with its notices. The final ``Answer``
        (citations, rows, notices) is the generator's return value and ``session.last_answer``.
        """
        session = session if session is not None else Session()
        refused = screen_question(self, question)
        if refused is not None:
            session.last_answer = refused
            yield refused.text
            return refused
        plan = understand_step(self, question, session)
        answer = answer_step(self, question, plan)
        stream, shown = llm_stream(self, question, session, plan, answer), None
        while True:
            try:
                shown = next(stream)
            except StopIteration as stop:
                answer = stop.value
                break
            yield shown
        memory_step(session, question, plan, answer)
        session.last_answer = answer
        if answer.text != shown:
            yield answer.text
        return answer


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
