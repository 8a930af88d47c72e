"""Prompts and answer templates live in `prompts/` as files that declare their variables.

A file starts with a front-matter block naming its variables; its body uses `{name}` placeholders:

    ---
    variables: project, value
    ---
    {project}的总分为 {value} 分。

Rendering checks that exactly the declared variables are given, so a template and its caller cannot drift apart.
"""
from __future__ import annotations

import re
import string
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

PROMPTS_DIR = Path(__file__).resolve().parent.parent / "prompts"
_FRONT = re.compile(r"^---\n(.*?)\n---\n", re.S)


class PromptError(ValueError):
    pass


@dataclass(frozen=True)
class Prompt:
    name: str
    variables: tuple[str, ...]
    body: str

    def render(self, /, **values) -> str:
        given, declared = set(values), set(self.variables)
        if given != declared:
            raise PromptError(f"prompt {self.name}: missing {sorted(declared - given)}, unexpected {sorted(given - declared)}")
        return self.body.format(**{k: "" if v is None else v for k, v in values.items()})


@lru_cache(maxsize=None)
def load(name: str) -> Prompt:
    """Load `prompts/<name>.md` and check its placeholders against its declared variables."""
    path = PROMPTS_DIR / f"{name}.md"
    text = path.read_text(encoding="utf-8")
    m = _FRONT.match(text)
    if not m:
        raise PromptError(f"{path}: missing front matter")
    declared: tuple[str, ...] = ()
    for line in m.group(1).splitlines():
        key, _, value = line.partition(":")
        if key.strip() == "variables":
            declared = tuple(v.strip() for v in value.split(",") if v.strip())
    body = text[m.end():].rstrip("\n")
    used = {f for _, f, _, _ in string.Formatter().parse(body) if f}
    if used != set(declared):
        raise PromptError(f"{path}: placeholders {sorted(used)} differ from declared variables {sorted(declared)}")
    return Prompt(name, declared, body)


def render(prompt_name: str, /, **values) -> str:
    return load(prompt_name).render(**values)


def all_prompts() -> list[str]:
    return sorted(p.stem for p in PROMPTS_DIR.glob("*.md"))
