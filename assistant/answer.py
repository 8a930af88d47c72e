"""The answer object: text plus the evidence behind it (citations, rows, figures, the plan and its result)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Citation:
    project: str
    file: str
    line: int

    def as_dict(self) -> dict:
        return {"project": self.project, "file": self.file, "line": self.line}


@dataclass(frozen=True)
class Table:
    """A table of an answer as shown: headers and rows of cell text (citations as 「[n] 文件:行」)."""

    headers: list[str]
    rows: list[list[str]]

    def markdown(self) -> str:
        lines = ["| " + " | ".join(self.headers) + " |", "|" + "---|" * len(self.headers)]
        lines += ["| " + " | ".join(r) + " |" for r in self.rows]
        return "\n".join(lines)


_MARK = re.compile("\x00T(\\d+)\x00")


def table_marker(index: int) -> str:
    """Where table ``index`` stands in an answer's layout."""
    return f"\x00T{index}\x00"


@dataclass
class Answer:
    text: str  # markdown shown to the user
    kind: str  # what the answer is: rows, figures, groups, compare, value, reason, goal, form, refuse, clarify …
    citations: list[Citation] = field(default_factory=list)  # [n] in the text is citations[n-1]
    rows: list[dict] = field(default_factory=list)  # the records behind the answer
    tools: list[str] = field(default_factory=list)  # the tools that ran, in order
    figures: list[str] = field(default_factory=list)  # every figure the answer may state, as text
    projects: list[str] = field(default_factory=list)  # projects a list answer must name
    notices: list[str] = field(default_factory=list)  # one-line notices the user must see (LLM failed, …)
    plan: Any = None  # the Plan that was answered
    result: Any = None  # the typed Result it produced
    tables: list[Table] = field(default_factory=list)  # the tables of the text, typed
    layout: str = ""  # the text with each table as a marker (table_marker), for pages that draw tables themselves
    _cited: dict = field(default_factory=dict, repr=False, compare=False)

    def cite(self, project: str, file: str, line: int) -> int:
        """Record a citation (once) and return its number, 1-based."""
        c = Citation(project, file, line)
        n = self._cited.get(c)
        if n is None:  # a dict: answers over thousands of rows must not go quadratic
            self.citations.append(c)
            n = self._cited[c] = len(self.citations)
        return n

    def with_tables_as_markdown(self, layout: str) -> str:
        return _MARK.sub(lambda m: self.tables[int(m.group(1))].markdown(), layout)

    def parts(self) -> list[str | Table] | None:
        """The text as prose and typed tables in order, while the text is still the one rendered with them (a
        model's rewording or an added notice changes it: then None, and the text is shown as it is)."""
        if not self.layout or self.with_tables_as_markdown(self.layout) != self.text:
            return None
        out: list[str | Table] = []
        for i, piece in enumerate(_MARK.split(self.layout)):
            if i % 2:
                out.append(self.tables[int(piece)])
            elif piece:
                out.append(piece)
        return out

    @property
    def refused(self) -> bool:
        """True when the answer declines (not understood, outside the records, or a question back)."""
        return self.kind in ("refuse", "clarify", "error")

    def to_json(self) -> dict:
        return {
            "answer": self.text,
            "kind": self.kind,
            "citations": [c.as_dict() for c in self.citations],
            "rows": self.rows,
            "tools": self.tools,
            "notices": self.notices,
        }
