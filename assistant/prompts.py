"""Prompts and answer templates live in `prompts/` as files that declare their variables.

A file starts with a front-matter block naming its variables; its body uses `{name}` placeholders:

    ---
    variables: project, value
    ---
    {project}的总分为 {value} 分。

Templates that loop over typed rows declare ``format: jinja`` and use Jinja2 (`{{ r.name }}`, `{% for %}`).
Every value a Jinja template prints is escaped for Markdown (text from forms can hold `|`, `[`, `<` …) unless
the template marks it ``|safe``. Rendering checks that exactly the declared variables are given, so a template
and its caller cannot drift apart.
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


class Safe(str):
    """Text that is already Markdown (a nested template's output): printed as is."""

    __html__ = None  # not markupsafe; our own marker


_MD_ESCAPES = str.maketrans({"|": "｜", "\n": " ", "\r": " ", "<": "＜", ">": "＞", "[": "［", "]": "］", "`": "'"})


def escape_md(value) -> str:
    """Form text made inert in Markdown and HTML: no table breaks, tags, links or images."""
    return str(value).translate(_MD_ESCAPES)


@dataclass(frozen=True)
class Prompt:
    name: str
    variables: tuple[str, ...]
    body: str
    jinja: bool = False

    def render(self, /, **values) -> str:
        given, declared = set(values), set(self.variables)
        if given != declared:
            raise PromptError(f"prompt {self.name}: missing {sorted(declared - given)}, unexpected {sorted(given - declared)}")
        if self.jinja:
            return _jinja_template(self.name, self.body).render(**values).strip("\n")
        return self.body.format(**{k: "" if v is None else v for k, v in values.items()})


def cell_text(value) -> str:
    """A value as a template prints it (a table cell built in Python gets the same escaping)."""
    return _finalize(value)


def _finalize(value):
    if value is None:
        return ""
    if isinstance(value, Safe):
        return str(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return escape_md(value)


@lru_cache(maxsize=1)
def _environment():
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    env = SandboxedEnvironment(finalize=_finalize, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                               keep_trailing_newline=False, autoescape=False)
    env.filters["safe"] = Safe
    return env


@lru_cache(maxsize=None)
def _jinja_template(name: str, body: str):
    return _environment().from_string(body)


def _jinja_variables(body: str) -> set[str]:
    """Names a template reads from its caller (names it assigns itself with ``set`` are not)."""
    from jinja2 import meta

    assigned = {name.strip() for names in re.findall(r"\{%-?\s*set\s+([\w\s,]+?)\s*=", body)
                for name in names.split(",")}
    return set(meta.find_undeclared_variables(_environment().parse(body))) - assigned


@lru_cache(maxsize=None)
def load(name: str) -> Prompt:
    """Load `prompts/<name>.md` and check its placeholders against its declared variables."""
    path = PROMPTS_DIR / f"{name}.md"
    text = path.read_text(encoding="utf-8")
    m = _FRONT.match(text)
    if not m:
        raise PromptError(f"{path}: missing front matter")
    declared: tuple[str, ...] = ()
    jinja = False
    for line in m.group(1).splitlines():
        key, _, value = line.partition(":")
        if key.strip() == "variables":
            declared = tuple(v.strip() for v in value.split(",") if v.strip())
        elif key.strip() == "format":
            jinja = value.strip() == "jinja"
    body = text[m.end():].rstrip("\n")
    used = _jinja_variables(body) if jinja else {f for _, f, _, _ in string.Formatter().parse(body) if f}
    # A template may leave a declared variable unused (templates of one family share a signature), but it may
    # not use one it did not declare; callers must pass exactly the declared ones (checked in render).
    if not used <= set(declared) or (not jinja and used != set(declared)):
        raise PromptError(f"{path}: placeholders {sorted(used)} differ from declared variables {sorted(declared)}")
    return Prompt(name, declared, body, jinja)


def render(prompt_name: str, /, **values) -> str:
    return load(prompt_name).render(**values)


def all_prompts() -> list[str]:
    return sorted(p.stem for p in PROMPTS_DIR.glob("*.md"))
