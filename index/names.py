"""Loose project and department mentions: 「消防安全专项经费」「武装部」「片区」 → candidate projects."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .records import office_of

# Words every project name shares; they say nothing about which project is meant.
GENERIC = ("专项经费", "专项资金", "经费", "项目", "专项", "资金")
_PLACE = re.compile(r"^(上海市)?(普陀区)?(桃浦镇)?")


@dataclass(frozen=True)
class Mention:
    project: str
    score: float  # 3 full name, 2.5 name without office, 2 distinctive part, 1–2 partial overlap
    how: str


def core_of(name: str) -> str:
    """The name without its office prefix: 「安全办-消防安全专项经费」 → 「消防安全专项经费」."""
    office = office_of(name)
    return name[len(office) + 1:] if office else name


def stem_of(name: str) -> str:
    """The distinctive part of a name: 「社发办-片区专项经费」 → 「片区」."""
    stem = core_of(name)
    changed = True
    while changed:
        changed = False
        for word in GENERIC:
            if stem.endswith(word) and len(stem) > len(word) + 1:
                stem = stem[: -len(word)]
                changed = True
    return stem


def longest_common(a: str, b: str) -> int:
    best = 0
    prev = [0] * (len(b) + 1)
    for ca in a:
        cur = [0] * (len(b) + 1)
        for j, cb in enumerate(b, 1):
            if ca == cb:
                cur[j] = prev[j - 1] + 1
                best = max(best, cur[j])
        prev = cur
    return best


class NameIndex:
    """Project names with their cores and stems, and a trigram index so partial overlaps are checked only
    against names that share three characters with the text (cheap even for tens of thousands of names)."""

    def __init__(self, names: tuple[str, ...]):
        self.names = names
        self.cores = [core_of(n) for n in names]
        self.stems = [stem_of(n) for n in names]
        self.trigrams: dict[str, set[int]] = {}
        for i, stem in enumerate(self.stems):
            for j in range(len(stem) - 2):
                self.trigrams.setdefault(stem[j:j + 3], set()).add(i)

    def find(self, text: str) -> list[Mention]:
        text = text.strip()
        out = []
        overlap: dict[str, int] = {}  # names share stems across towns and years: compare each stem once
        near: set[int] = set()
        for j in range(len(text) - 2):
            near |= self.trigrams.get(text[j:j + 3], set())
        for i, name in enumerate(self.names):
            core, stem = self.cores[i], self.stems[i]
            if name in text:
                out.append(Mention(name, 3.0, "name"))
            elif len(core) >= 2 and core in text:
                out.append(Mention(name, 2.5, "core"))
            elif len(stem) >= 2 and stem in text:
                out.append(Mention(name, 2.0, "stem"))
            elif 2 <= len(text) <= len(core) and text in core and text not in GENERIC:
                # The whole text is a piece of the name: 「片区」, 「即知即改」.
                out.append(Mention(name, 1.5 + len(text) / len(core) / 2, "part"))
            elif i in near:
                if stem not in overlap:
                    overlap[stem] = longest_common(stem, text)
                common = overlap[stem]
                if common >= 3 and common / len(stem) >= 0.6:
                    out.append(Mention(name, 1.0 + common / len(stem), "overlap"))
        out.sort(key=lambda m: (-m.score, m.project))
        return out


@lru_cache(maxsize=8)
def _index(names: tuple[str, ...]) -> NameIndex:
    return NameIndex(names)


def find_projects(text: str, names: list[str]) -> list[Mention]:
    """Projects that ``text`` mentions, best first; several equally good ones mean the mention is ambiguous."""
    return _index(tuple(names)).find(text)


def best_projects(text: str, names: list[str]) -> list[str]:
    """The mentioned projects: one when the mention is clear, several when it is ambiguous."""
    found = find_projects(text, names)
    if not found:
        return []
    top = found[0]
    if top.how in ("stem", "part"):
        # Only a piece of a name was given (「片区」): every project containing that piece is a candidate.
        return [m.project for m in found if m.how in ("stem", "part")]
    return [m.project for m in found if m.score >= top.score - 1e-9]


def unit_core(unit: str) -> str:
    return _PLACE.sub("", unit)


def find_offices(text: str, offices: dict[str, set[str]]) -> list[str]:
    """Offices (科室) that ``text`` names, directly (「社发办」) or by their unit (「社会事业发展办公室」).

    ``offices`` maps each office to the units of its projects.
    """
    found = []
    for office, units in offices.items():
        if not office:
            continue
        if office in text or any(len(u) >= 4 and u in text for u in map(unit_core, units)):
            found.append(office)
    # 「党群中心」 inside 「党群中心—…」 style names: prefer the longest office names first, drop contained ones.
    found.sort(key=len, reverse=True)
    return [o for i, o in enumerate(found) if not any(o in longer for longer in found[:i])]
