"""The answer object: text plus the evidence behind it (citations, rows, figures, tools that ran)."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Citation:
    project: str
    file: str
    line: int

    def as_dict(self) -> dict:
        return {"project": self.project, "file": self.file, "line": self.line}


@dataclass
class Answer:
    text: str  # markdown shown to the user
    kind: str  # the understood question kind
    citations: list[Citation] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)  # the records behind the answer
    tools: list[str] = field(default_factory=list)  # the tools that ran, in order
    figures: list[str] = field(default_factory=list)  # every figure the answer may state, as text
    projects: list[str] = field(default_factory=list)  # projects a list answer must name
    flags: list[str] = field(default_factory=list)  # verification notes (numbers not found in the records …)
    _cited: set = field(default_factory=set, repr=False, compare=False)

    def cite(self, project: str, file: str, line: int) -> None:
        c = Citation(project, file, line)
        if c not in self._cited:  # a set: answers over thousands of rows must not go quadratic
            self._cited.add(c)
            self.citations.append(c)

    def to_json(self) -> dict:
        return {
            "answer": self.text,
            "citations": [c.as_dict() for c in self.citations],
            "rows": self.rows,
            "tools": self.tools,
        }
