"""Checks on text a model wrote: every number it wrote itself must be a fact of the same subject and field, stated in
the same sentence; a list keeps every project.

Numbers are read where Chinese text glues them to words (「为10.5平方米」「有61个」「139.87万元」), in full-width
digits too (「１３９．８７万元」), with their unit: money in 万元/亿元/元 is compared in 万元, 「61个项目」 is a count
of projects and 「61条指标」 one of indicators, 「104人」 a quantity in 人. A number matches a fact (``slots.Fact``)
when the value agrees (a faithful rounding counts), the unit is of the fact's kind, the sentence names the fact's
project or office (or names none, then the sentence before it counts), and names the fact's field if it names any.
Numbers the user wrote in the question, the store's years, citation marks [n], slots {n} and names are not
checked. Anything else is marked 〔未核实〕 in place.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from . import lexicon as L
from .understand import cn_to_number

if TYPE_CHECKING:
    from .slots import Fact

UNVERIFIED = "〔未核实〕"

# Full-width digits and signs → ASCII, one character for one, so positions in the text stay the same.
_HALF = str.maketrans("０１２３４５６７８９．，％", "0123456789.,%")
_NUMBER = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\d])")
_CN_NUMBER = re.compile(r"[零〇一二两三四五六七八九十百千万亿]+")
_MASKS = (
    re.compile(r"[{｛]\s*\d+\s*[}｝]"),  # slots
    re.compile(r"[\[［]\d+[\]］](?:\s*[–-]\s*[\[［]\d+[\]］])?"),  # citation marks
    # row labels; a file name starts where a word does (linear on a long run of letters or digits)
    re.compile(r"第\d+行|第\d+页|第\d+个表格|(?<![\w.-])[\w.-]+\.(?:txt|tsv|md|xlsx|docx|pdf)(?::\d+)?"),
    # list numbering (「1. 」「2、」「3）」, not 「139.87」 opening a line)
    re.compile(r"(?m)(?:^\s*|(?<=[\s：:；;，,]))\d{1,2}[.、)）](?=\s|[\u4e00-\u9fff*「])"),
)
_SENTENCE = re.compile(r"[^。！？!?；;\n]+")
_COUNT_UNITS = ("个", "项", "条", "家", "张", "名", "位", "类", "所", "批")
_NOUNS = (("项目", "project"), ("指标", "indicator"), ("科室", "office"), ("部门", "office"), ("单位", "office"))
_EXTRA_UNITS = {"个百分点": ("percent", 1.0), "百分点": ("percent", 1.0), "年": ("year", 1.0)}
_UNITS = sorted(set(L.UNITS) | set(_EXTRA_UNITS), key=len, reverse=True)
# Words that make a sentence about a set even when it names one project (「其中…等4个项目」「合计」).
AGGREGATE_WORDS = ("合计", "共有", "一共", "共计", "总计", "总共", "总额", "总和", "平均", "全部", "所有", "各科室", "各项目",
                   "各个", "中位", "占", "其中", "分别", "这些", "以上", "等")
_EXEMPT_FIELDS = ("count", "rank", "scanned", "diff", "ratio", "times", "text")


def _field_words() -> dict[str, set[str]]:
    words = {k: {f.label, *f.words} for k, f in L.FIELD.items()}
    for k in ("total_score", "score"):
        words[k] |= set(L.SCORE_WORDS) | {"得分", "分数", "总分"}
    for k in ("lost", "lost_score"):
        words[k] |= set(L.LOST_WORDS) | {"扣"}
    words["target"] |= {"目标", "指标值"}
    words["actual"] |= {"完成", "达到"}
    return {k: {w for w in v if len(w) >= 2 or w == "扣"} for k, v in words.items()}


FIELD_WORDS = _field_words()


@dataclass(frozen=True)
class Number:
    """A number as written, with its unit: ``value`` is in the unit facts use (万元 for money)."""

    start: int
    end: int  # after the unit
    raw: str
    written: Decimal  # as written (1.4 of 「1.4亿元」)
    scale: Decimal  # written × scale = value
    classes: frozenset[str]  # any | money | percent | score | times | count | rank | year | quantity:<unit>
    noun: str = ""  # project | indicator | office: what 「61个…」 counts

    @property
    def value(self) -> Decimal:
        return self.written * self.scale


@dataclass
class Verification:
    text: str  # the text with unverified numbers marked
    unverified: list[str] = field(default_factory=list)
    missing_projects: list[str] = field(default_factory=list)
    extra_projects: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.unverified or self.missing_projects or self.extra_projects)


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def _unit_at(text: str, i: int) -> tuple[str, int]:
    j = i
    while j < len(text) and text[j] in " \u3000":
        j += 1
    for u in _UNITS:
        if text.startswith(u, j):
            return u, j + len(u)
    return "", i


def _classes(unit: str, before: str, after: str) -> tuple[frozenset[str], Decimal, str]:
    """What a number with ``unit`` can be, the scale to the facts' units, and the noun a count counts."""
    if before.endswith(("第", "前", "后")):
        return frozenset({"rank"}), Decimal(1), ""
    if not unit:
        return frozenset({"any"}), Decimal(1), ""
    kind, factor = _EXTRA_UNITS.get(unit) or L.UNITS[unit]
    scale = Decimal(str(factor))
    if kind == "money":
        return frozenset({"money"}), scale, ""
    if kind in ("percent", "score", "times", "year"):
        return frozenset({kind}), scale, ""
    base = unit[1:] if unit.startswith("万") and len(unit) > 1 else unit
    if base in _COUNT_UNITS:
        noun = next((n for w, n in _NOUNS if after.startswith(w)), "indicator" if base == "条" else "")
        classes = {"count", f"quantity:{base}"} | ({"rank"} if base == "名" else set())
        return frozenset(classes), scale, noun
    return frozenset({f"quantity:{base}"}), scale, ""


def numbers_in(text: str, names: Iterable[str] = ()) -> list[Number]:
    """Every number in ``text`` with its unit; slots, citation marks, row labels and ``names`` are skipped."""
    plain = text.translate(_HALF)
    masked = list(plain)
    for pattern in _MASKS:
        for m in pattern.finditer(plain):
            masked[m.start():m.end()] = "#" * (m.end() - m.start())
    for name in sorted({n for n in names if n and re.search(r"\d", n)}, key=len, reverse=True):
        for m in re.finditer(re.escape(name.translate(_HALF)), plain):
            masked[m.start():m.end()] = "#" * (m.end() - m.start())
    masked = "".join(masked)
    out: list[Number] = []
    for m in _NUMBER.finditer(masked):
        written = _decimal(m.group(0))
        if written is None:
            continue
        unit, end = _unit_at(masked, m.end())
        classes, scale, noun = _classes(unit, masked[max(0, m.start() - 1):m.start()], masked[end:end + 2])
        out.append(Number(m.start(), end, text[m.start():end], written, scale, classes, noun))
    for m in _CN_NUMBER.finditer(masked):
        word = m.group(0)
        unit, end = _unit_at(masked, m.end())
        before = masked[max(0, m.start() - 1):m.start()]
        if not unit or unit == "年" or word in ("一", "万", "亿") or before == "第" or masked.startswith("之", end) \
                or (word == "十" and unit == "分"):  # 「十分重要」 is not ten points
            continue
        value = cn_to_number(word)
        if value is None:
            continue
        classes, scale, noun = _classes(unit, before, masked[end:end + 2])
        out.append(Number(m.start(), end, text[m.start():end], Decimal(str(value)).normalize(), scale, classes, noun))
    return sorted(out, key=lambda n: n.start)


def _same_value(n: Number, fact_value: Decimal) -> bool:
    """Equal, or a faithful rounding in the number's own unit (约140万元 for 139.87, 1.4亿元 for 13987.00万元)."""
    target = fact_value / n.scale
    if target == n.written:
        return True
    exponent = n.written.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    try:
        return abs(target - n.written) < 1 and target.quantize(Decimal(1).scaleb(-places)) == n.written
    except InvalidOperation:
        return False


def _fact_class(f: "Fact") -> str:
    return f"quantity:{f.unit}" if f.kind == "quantity" else f.kind


def _kind_ok(n: Number, f: "Fact") -> bool:
    if "any" in n.classes or f.kind == "any":
        return True
    if _fact_class(f) not in n.classes:
        return False
    if f.kind == "count" and n.noun and f.counted and n.noun != f.counted:
        return False  # 「61个项目」 is not the 61 indicators
    return True


@dataclass
class Checker:
    """Checks numbers against ``facts``; ``mentions(sentence)`` names the projects and offices a sentence speaks of."""

    facts: list["Fact"]
    mentions: Callable[[str], set[str]] = lambda s: set()
    question: str = ""
    years: tuple[int, ...] = ()
    scope: tuple[str, ...] = ()  # the projects or offices the whole answer is about
    names: tuple[str, ...] = ()  # names whose digits are not numbers (项目 「残疾人1：1匹配专项经费」)
    foreign_places: tuple[str, ...] = ()  # places outside the store: a sentence naming one states nothing

    def __post_init__(self):
        self._asked = {n.value for n in numbers_in(self.question)} | {n.written for n in numbers_in(self.question)}
        self._subjects = {f.subject for f in self.facts if f.subject}
        self._long_names = sorted({n for n in self.names if len(n) > 2} | self._subjects, key=len, reverse=True)
        self._items = {f.item for f in self.facts if f.item}

    def _named(self, sentence: str) -> set[str]:
        found = {s for s in self._subjects if s in sentence}
        found |= self.mentions(sentence)
        return found

    def _fact_ok(self, n: Number, f: "Fact", named: set[str], items: set[str], fields: set[str],
                 sentence: str) -> bool:
        if not _same_value(n, f.value) or not _kind_ok(n, f):
            return False
        if f.subject:
            if named or items:
                if f.subject not in named and f.item not in items:
                    return False
        elif len(named) == 1 and not (named & set(self.scope)) and not self._about_a_set(sentence):
            return False  # the whole scope's figure given to one project
        if fields and f.field not in _EXEMPT_FIELDS and f.field not in fields:
            return False
        return True

    def _about_a_set(self, sentence: str) -> bool:
        for name in self._long_names:  # 「社发办-各类帮困补助专项经费」 holds 各 without speaking of a set
            sentence = sentence.replace(name, "")
        return any(w in sentence for w in AGGREGATE_WORDS)

    def check(self, text: str) -> Verification:
        """The text with every number that no fact backs marked 〔未核实〕 (after the number and its unit)."""
        numbers = sorted(numbers_in(text, self.names), key=lambda n: n.start)
        marks: list[tuple[int, str]] = []
        previous: set[str] = set()
        at = 0  # numbers before this one belong to earlier sentences: each number is looked at once
        for s in _SENTENCE.finditer(text):
            sentence = s.group(0)
            named = self._named(sentence)
            items = {i for i in self._items if i in sentence}
            if not named and not items:
                named = previous  # 「…的全年预算为…。执行率为…」: the subject carries over
            else:
                previous = named
            fields = {k for k, words in FIELD_WORDS.items() if any(w in sentence for w in words)}
            foreign = any(p in sentence for p in self.foreign_places)
            while at < len(numbers) and numbers[at].start < s.start():
                at += 1
            while at < len(numbers) and numbers[at].start < s.end():
                n = numbers[at]
                at += 1
                if foreign:
                    ok = False
                elif "year" in n.classes:
                    ok = int(n.written) in self.years if n.written == n.written.to_integral_value() else False
                elif n.value in self._asked or n.written in self._asked:
                    ok = True
                else:
                    ok = any(self._fact_ok(n, f, named, items, fields, sentence) for f in self.facts)
                if not ok:
                    marks.append((n.end, n.raw))
        out, pos = [], 0
        for end, _ in marks:
            out.append(text[pos:end] + UNVERIFIED)
            pos = end
        out.append(text[pos:])
        return Verification("".join(out), [raw for _, raw in marks])


def check_projects(text: str, required: list[str], names: list[str]) -> tuple[list[str], list[str]]:
    """(required projects the text leaves out, projects it names that are not among them)."""
    missing = [p for p in required if p not in text]
    extra = [n for n in names if n in text and required and n not in required
             and not any(n != r and n in r for r in required)]
    return missing, extra
