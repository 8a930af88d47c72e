"""Understanding Chinese questions without an LLM: words → typed tokens → grammar rules → a ``Plan``.

1. ``tokenize`` reads the question by longest match against the lexicon (``lexicon.py``) and the corpus'
   own names (projects, offices, units, places, indicator names), plus numbers with units.
2. ``RULES`` — a table of patterns over the token types, each with the plan fragment it contributes — is applied
   in order; each match consumes its tokens.
3. ``assemble`` builds the plan from the fragments. Every token must be consumed by an entity, a rule or a known
   filler; whatever is left is said back to the user as not understood, never silently dropped.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from index.names import core_of

from . import lexicon as L
from .plan import Cond, Context, IndicatorClause, Measure, Order, Plan, Scope

MAX_QUESTION = 2000  # characters; longer input is refused before any pattern runs


# -- vocabulary of the corpus ------------------------------------------------------------------------------------------

@dataclass
class Vocabulary:
    """What the corpus names: projects (with office and unit), offices, units, towns, years, indicator names."""

    projects: list[str]
    offices: dict[str, set[str]]  # office → the units of its projects
    indicators: dict[str, list[str]] = field(default_factory=dict)  # project → its 三级 names
    departments: list[str] = field(default_factory=list)  # 主管部门 in the store
    years: list[int] = field(default_factory=list)

    def places(self) -> dict[str, str]:
        """Words that name a 主管部门 in the store: 「桃浦镇」「桃浦」「普陀区」 → 上海市普陀区桃浦镇人民政府."""
        out: dict[str, str] = {}
        for d in self.departments:
            m = re.match(r"^(上海市)?([^区]{1,4}区)?(.+?)(人民政府|办事处)?$", d)
            if not m:
                continue
            place = m.group(3)
            for word in (place, re.sub(r"(镇|街道|乡)$", "", place)):
                if len(word) >= 2:
                    out.setdefault(word, d)
            if m.group(2):
                out.setdefault(m.group(2), d)
            if m.group(1):
                out.setdefault("上海市", d)
                out.setdefault("上海", d)
        return out


def normalize(text: str) -> str:
    """Half-width digits and letters, no spaces, 「」 for every kind of quote, lower-case Latin letters."""
    text = unicodedata.normalize("NFKC", text)
    for q in ("“", "‘", "『", "《", "〈", "【"):
        text = text.replace(q, "「")
    for q in ("”", "’", "』", "》", "〉", "】"):
        text = text.replace(q, "」")
    text = text.replace('"', "").replace("'", "")
    text = re.sub(r"\s+", "", text)
    text = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", text)  # 1,350,000 → 1350000
    return text.lower()


def _plain(name: str) -> str:
    """A name as it is matched: normalized, quotes dropped (users rarely type the quotes inside a name)."""
    return normalize(name).replace("「", "").replace("」", "")


# -- tokens ------------------------------------------------------------------------------------------------------------

@dataclass
class Token:
    type: str  # one letter, see TYPE_NAMES
    text: str
    start: int
    end: int
    value: object = None
    used: bool = False
    role: str = ""  # "contains" when a name piece is a word to look for, not a project


TYPE_NAMES = {
    "P": "project", "O": "office", "U": "unit", "L": "place in store", "X": "place not in store",
    "Y": "year in store", "Z": "year not in store", "y": "relative year", "I": "indicator name",
    "K": "indicator category", "k": "indicator keyword", "F": "field", "s": "score word", "l": "lost-points word",
    "C": "comparator", "c": "weak comparator", "S": "suffix comparator", "r": "range word", "N": "number",
    "G": "grade", "T": "status", "M": "met word", "D": "deducted word", "Q": "quoted text", "A": "measure",
    "R": "order", "t": "top-N", "j": "rank (第)", "g": "group", "V": "compare", "&": "and", "o": "or",
    "B": "than", "v": "change", "%": "asks a percentage", "h": "share", "W": "intent", "#": "check",
    "$": "summary", "H": "follow-up", "E": "subject word", "n": "negation", "w": "contains", "x": "not recorded",
    "i": "whole number",
    "_": "filler", "?": "unknown",
}
# Priority when two readings of the same length compete (lower wins).
_PRIORITY = {"P": 1, "O": 1, "U": 1, "I": 4, "X": 2, "L": 2, "Y": 1, "Z": 1, "N": 2, "Q": 0, "x": 2, "p": 9}


def _lexicon_words() -> dict[str, tuple[str, object]]:
    """Every lexicon word with its token type and value (later rows win for the same word)."""
    words: dict[str, tuple[str, object]] = {}

    def add(items, type_, value=lambda w, v: v):
        for w, v in items:
            words[normalize(w)] = (type_, value(w, v))

    add(((w, None) for w in L.FILLERS), "_")
    add(((w, None) for w in L.CONJUNCTIONS), "&")
    add(((w, None) for w in L.OR_WORDS), "o")
    add(((w, None) for w in L.NEGATIONS), "n")
    add(((w, None) for w in L.RANGE_WORDS), "r")
    add(L.WEAK_COMPARATORS, "c")
    add(L.COMPARATORS, "C")
    add(L.SUFFIXES, "S")
    add(((w, None) for w in L.THAN_WORDS), "B")
    add(L.CHANGE_WORDS.items(), "v")
    add(((w, None) for w in L.PERCENT_ASK), "%")
    add(((w, None) for w in L.SHARE_WORDS), "h")
    add(((w, None) for w in L.COMPARE_WORDS), "V")
    add(L.SUBJECT_WORDS.items(), "E")
    add(L.MEASURE_WORDS.items(), "A")
    add(L.ORDER_WORDS.items(), "R")
    add(((w, v) for w, v in L.ORDER_WORDS.items() if v[0] == "topn"), "t")
    add(((w, None) for w in ("第",)), "j")
    add(((w, None) for w in ("top",)), "t", lambda w, v: ("topn", True))
    add(L.GROUP_WORDS.items(), "g")
    add(L.FOLLOW_WORDS.items(), "H")
    add(((w, None) for w in L.CONTAINS_WORDS), "w")
    add(L.CATEGORIES.items(), "K")
    add(((w, w) for w in L.INDICATOR_KEYWORDS), "k")
    add(L.GRADE_WORDS.items(), "G")
    add(L.STATUS_WORDS.items(), "T")
    add(L.MET_WORDS.items(), "M")
    add(L.DEDUCTED_WORDS.items(), "D")
    add(L.INTENT_WORDS.items(), "W")
    add(((w, None) for w in L.CHECK_CUES), "#")
    add(((w, None) for w in L.SUMMARY_CUES), "$")
    add(((w, None) for w in L.NOT_RECORDED), "x")
    add(((w, None) for w in L.RELATIVE_YEARS), "y")
    add(((w, None) for w in L.UNIQUE_WORDS), "u")
    add(((w, None) for w in L.EXCLUDE_WORDS), "e")
    add(L.WHOLE_WORDS.items(), "i")
    add(((w, None) for w in L.BLANK_WORDS), "b")
    add(((w, "zero") for w in L.ZERO_SCORE_WORDS), "D")
    add(((w, None) for w in L.APPROX_WORDS), "~")
    for f in L.FIELDS:
        add(((w, f.key) for w in f.words), "F")
    add(((w, "score") for w in L.SCORE_WORDS), "s")
    add(((w, "lost") for w in L.LOST_WORDS), "l")
    add(((w, (("l", "lost"), ("A", "value"))) for w in L.LOST_ASKS), "*")
    # Grade words used as verbs: 「评为良」「被评为优」.
    add(((w, "grade") for w in ("被评为", "评为", "评定为", "评了", "评的是", "评的")), "F")
    add(L.COMPOUNDS.items(), "*")
    # 「一半」「翻番」 are numbers in disguise; see _NUMBER_WORDS.
    return words


_NUMBER_WORDS = {"一半": (50.0, "%"), "半数": (50.0, "%"), "零": (0.0, None)}
# 「三分之一」「六分之一」: a fraction, as a percentage
_FRACTION = re.compile(r"([一二两三四五六七八九十]+|\d+)分之([一二两三四五六七八九十]+|\d+)")
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000, "亿": 100000000}
_UNIT_RE = "|".join(sorted(map(re.escape, L.UNITS), key=len, reverse=True))
_NUM = re.compile(r"(百分之)?(\d+(?:\.\d+)?)(" + _UNIT_RE + r")?")
_CN_NUM = re.compile(r"(百分之)?([零〇一二两三四五六七八九十百千万亿]+)(" + _UNIT_RE + r")?")
_YEAR = re.compile(r"((?:19|20)\d\d)年(度)?")


def cn_to_number(text: str) -> float | None:
    """「一千二百」→1200, 「两」→2, 「十五」→15, 「三千万」→30000000; None if it is not a numeral."""
    if not text or any(c not in _CN_DIGITS and c not in _CN_UNITS for c in text):
        return None
    if not any(c in _CN_DIGITS or c == "十" for c in text):
        return None  # 「万元」「百分」 alone are units, not numbers
    total, section, digit = 0, 0, None
    for c in text:
        if c in _CN_DIGITS:
            digit = _CN_DIGITS[c]
        else:
            unit = _CN_UNITS[c]
            if unit >= 10000:
                section = (section + (digit or 0)) * unit
                total += section
                section = 0
            else:
                section += (1 if digit is None else digit) * unit
            digit = None
    return float(total + section + (digit or 0))


class Trie:
    """Longest-match lookup of many words at every position of a text."""

    def __init__(self):
        self.root: dict = {}

    def add(self, word: str, item) -> None:
        node = self.root
        for ch in word:
            node = node.setdefault(ch, {})
        node.setdefault("\0", []).append(item)

    def matches(self, text: str, start: int):
        """(end, items) for every word starting at ``start``."""
        node = self.root
        for i in range(start, len(text)):
            node = node.get(text[i])
            if node is None:
                return
            if "\0" in node:
                yield i + 1, node["\0"]


@lru_cache(maxsize=1)
def _lexicon_trie() -> Trie:
    trie = Trie()
    for word, (type_, value) in _lexicon_words().items():
        trie.add(word, (type_, value))
    return trie


# Pieces of names that say nothing about which project is meant.
_GENERIC_PIECES = {"专项经费", "专项资金", "经费", "项目", "专项", "资金", "补贴", "服务", "管理", "社区", "建设", "工作",
                   "中心", "办公", "活动", "费", "保障", "发展", "综合", "专项费", "桃浦", "桃浦镇", "经费项目", "工作经费",
                   "专项补贴", "补助", "服务经费", "管理经费", "建设经费"}
MAX_PIECE_CANDIDATES = 6


class NameTable:
    """The corpus' names in one trie (projects by full name and by name without office, offices, units,
    places, indicator names) plus a bigram index for pieces of project names (「便民巴士」)."""

    def __init__(self, vocab: Vocabulary):
        self.vocab = vocab
        self.trie = Trie()
        self.plain: dict[str, str] = {}  # matched form → real project name
        for name in vocab.projects:
            full, core = _plain(name), _plain(core_of(name))
            self.plain[full] = name
            self.trie.add(full, ("P", (name,), "name"))
            if len(core) >= 3 and core != full:
                self.trie.add(core, ("P", (name,), "core"))
            bare = _plain(re.sub(r"[（(][^）)]{1,6}[）)]", "", core_of(name)))
            if len(bare) >= 3 and bare != core:
                self.trie.add(bare, ("P", (name,), "core"))  # 「河长制专项经费」 for 河（林）长制专项经费
        for office, units in vocab.offices.items():
            if office:
                self.trie.add(_plain(office), ("O", office, None))
            for unit in units:
                for form in {_plain(unit), _plain(re.sub(r"^(上海市)?(普陀区)?", "", unit))}:
                    if len(form) >= 4:
                        self.trie.add(form, ("U", unit, office))
        for word, dept in vocab.places().items():
            self.trie.add(_plain(word), ("L", dept, None))
        for word in L.KNOWN_PLACES:
            if _plain(word) not in vocab.places():
                self.trie.add(_plain(word), ("X", word, None))
        self.indicator_owner: dict[str, list[str]] = {}
        for project, names in vocab.indicators.items():
            for n in names:
                self.indicator_owner.setdefault(n, []).append(project)
        for n in self.indicator_owner:
            if len(_plain(n)) >= 3:
                self.trie.add(_plain(n), ("I", n, None))
        # Pieces of project names: cores indexed by bigram, so a piece is checked only against names sharing it.
        self.cores = [(_plain(core_of(n)), n) for n in vocab.projects]
        self.bigrams: dict[str, set[int]] = {}
        for i, (core, _) in enumerate(self.cores):
            for j in range(len(core) - 1):
                self.bigrams.setdefault(core[j:j + 2], set()).add(i)

    def piece_candidates(self, piece: str) -> tuple[str, ...]:
        """Projects whose name (without office) contains ``piece``."""
        if len(piece) < 2:
            return ()
        ids = self.bigrams.get(piece[:2], set()) & self.bigrams.get(piece[-2:], set())
        return tuple(sorted({self.cores[i][1] for i in ids if piece in self.cores[i][0]}))


def tokenize(text: str, names: NameTable) -> list[Token]:
    """Read ``text`` (already normalized) into tokens by longest match; unknown characters become ``?`` tokens."""
    spans: list[tuple[int, int, int, str, object]] = []  # (start, end, priority, type, value)
    lex = _lexicon_trie()
    for i in range(len(text)):
        for end, items in lex.matches(text, i):
            for type_, value in items:
                spans.append((i, end, _PRIORITY.get(type_, 3), type_, value))
        for end, items in names.trie.matches(text, i):
            projects = [(value, extra) for type_, value, extra in items if type_ == "P"]
            if projects:
                # one word naming several projects (「社区管理专项经费」 of 党群中心 and of 社建办): all candidates
                names_ = tuple(sorted({n for value, _ in projects for n in value}))
                how = "name" if any(extra == "name" for _, extra in projects) else projects[0][1]
                spans.append((i, end, _PRIORITY["P"], "P", (names_, how)))
            for type_, value, extra in items:
                if type_ != "P":
                    spans.append((i, end, _PRIORITY[type_], type_, (value, extra)))
        # Pieces of project names: the longest piece starting here that names few projects.
        for end in range(min(len(text), i + 16), i + 1, -1):
            piece = text[i:end]
            if piece in _GENERIC_PIECES or not re.fullmatch(r"[\u4e00-\u9fff\w:()（）·\-]+", piece):
                continue
            found = names.piece_candidates(piece)
            stem = re.sub(r"(专项经费|经费|专项)$", "", piece)
            if found and stem != piece and len(stem) >= 2:
                # 「宣传专项经费」: 宣传 names more projects than the one whose name ends so — they are all candidates
                wider = names.piece_candidates(stem)
                if set(wider) > set(found):
                    found = wider
            if found:
                if len(found) <= MAX_PIECE_CANDIDATES:
                    spans.append((i, end, _PRIORITY["p"], "P", (found, "piece")))
                break
    for m in _YEAR.finditer(text):
        year = int(m.group(1))
        spans.append((m.start(), m.end(), 1, "Y" if year in names.vocab.years else "Z", year))
    for regex, to_number in ((_NUM, float), (_CN_NUM, cn_to_number)):
        for m in regex.finditer(text):
            value = to_number(m.group(2))
            if value is None:
                continue
            unit = "%" if m.group(1) else m.group(3)
            if regex is _CN_NUM and not unit and not re.search(r"(前|后|倒数|第|top)$", text[:m.start()]):
                continue  # a bare Chinese numeral is a number only after 前/后/第 (「前三」)
            if regex is _CN_NUM and m.group(2) == "一" and unit in ("个", "项", "条", "次", "张", "家", None) \
                    and not re.search(r"(前|后|倒数|第)$", text[:m.start()]):
                continue  # 「这一项」「一个项目」: an article, not a figure to compare with
            end = m.end()
            if unit and m.group(3) is None:
                end = m.end(2)
            spans.append((m.start(), end, 2, "N", (value, unit)))
            # The number without its unit too, so 「3个」 can also be read as 3 followed by 个.
            if m.group(3):
                spans.append((m.start(), m.end(2), 2, "N", (value, "%" if m.group(1) else None)))
    for word, value in _NUMBER_WORDS.items():
        for m in re.finditer(re.escape(word), text):
            spans.append((m.start(), m.end(), 2, "N", value))
    for m in _FRACTION.finditer(text):
        den, num = (cn_to_number(x) if not x.isdigit() else float(x) for x in m.groups())
        if den and num is not None:
            spans.append((m.start(), m.end(), 1, "N", (num * 100.0 / den, "%")))
    for m in re.finditer(r"「([^「」]{1,40})」", text):
        spans.append((m.start(), m.end(), 0, "Q", m.group(1)))
    # Longest first; on equal length the lower priority number wins; earlier start breaks remaining ties.
    spans.sort(key=lambda s: (-(s[1] - s[0]), s[2], s[0]))
    taken = [False] * len(text)
    chosen = []
    for start, end, _, type_, value in spans:
        if any(taken[start:end]):
            continue
        if type_ == "Q":
            inner = value
            # A quoted name or word is read as what it quotes: 「良」 is the grade, 「便民巴士」 the project.
            sub = tokenize(inner, names) if inner else []
            # 「良」 is the grade, 「便民巴士」 the project; 「增长率」 in quotes is a word to look for
            if sub and len(sub) == 1 and sub[0].type in "POUIKkGTLX":
                t = sub[0]
                chosen.append(Token(t.type, text[start:end], start, end, t.value))
                for k in range(start, end):
                    taken[k] = True
                continue
        for k in range(start, end):
            taken[k] = True
        if type_ == "*":  # a compound word stands for several tokens (「平均分」: average, score)
            chosen += [Token(t, text[start:end], start, end, v) for t, v in value]
            continue
        chosen.append(Token(type_, text[start:end], start, end, value))
    i = 0
    while i < len(text):
        if not taken[i]:
            j = i
            while j < len(text) and not taken[j]:
                j += 1
            chosen.append(Token("?", text[i:j], i, j))
            i = j
        else:
            i += 1
    chosen.sort(key=lambda t: t.start)  # stable: a compound's tokens keep their order
    return chosen


# -- fragments the rules produce ------------------------------------------------------------------------------------

@dataclass
class Fragments:
    conds: list[tuple[int, Cond]] = field(default_factory=list)  # project conditions (position, cond)
    iconds: list[tuple[int, Cond]] = field(default_factory=list)  # indicator predicates, attached to anchors later
    anchors: list[tuple[int, Cond]] = field(default_factory=list)  # categories, indicator names, keywords
    fields: list[tuple[int, str]] = field(default_factory=list)  # figures asked for
    measures: list[tuple[int, str]] = field(default_factory=list)
    order: Order | None = None
    order_field: str | None = None
    group_by: str | None = None
    compare: bool = False
    difference: int | None = None  # +1/-1: 「A比B多…」, 0: just the difference
    percent: bool = False  # the question asks for a percentage (增长百分之多少)
    share: bool = False
    intents: list[str] = field(default_factory=list)
    subjects: list[tuple[int, str]] = field(default_factory=list)
    follow: list[str] = field(default_factory=list)
    name_contains: list[str] = field(default_factory=list)
    negated: list[str] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)  # figures whose field the question does not say
    or_words: list[str] = field(default_factory=list)
    which_group: bool = False  # the group came from 「哪个科室」, not 「各科室」
    extremes: bool = False  # both the highest and the lowest were asked
    ambiguous: set = field(default_factory=set)  # score keys read from 得分/扣分, not from 总分/分值
    ratio: tuple = ()  # (field, of field, times|percent)
    having: list = field(default_factory=list)  # conditions on how many projects an office has


# -- grammar rules: patterns over token types --------------------------------------------------------------------------
# Each rule: (name, pattern over the type string, builder). The builder receives the matched tokens and the
# fragments; it returns False to reject the match (the tokens then stay for later rules).

def _num(t: Token) -> tuple[float, str | None]:
    return t.value


def _field_for_unit(unit: str | None, fr: Fragments, subject_hint: str | None) -> str | None:
    """The field a bare number speaks of, by its unit: 90分 → 总分, 1000万元 → ambiguous (None)."""
    kind = L.UNITS.get(unit, (None,))[0] if unit else None
    if kind == "score":
        return "score" if subject_hint == "indicator" else "total_score"
    return None


def _op(word_type: str, value: str | None, suffix: Token | None) -> str | None:
    if suffix is not None:
        s = suffix.value
        if s == "between":
            return None
        if value in (None, "=", ">=") or word_type == "c":
            return s
        return value if value in ("<", ">", "!=") else s
    return value


def _amount(value: float, unit: str | None, field_key: str) -> float | None:
    """A stated figure in the field's unit (万元 for money); None if the unit does not fit the field."""
    f = L.FIELD[field_key]
    if unit is None:
        return value
    kind, factor = L.UNITS.get(unit, (None, 1.0))
    if f.kind == "money":
        return value * factor if kind == "money" else None
    if f.kind == "percent":
        return value * factor if kind == "percent" else None
    if f.kind == "score":
        return value if kind == "score" else None
    if f.kind == "count":
        return value if kind == "count" else None
    return value


class _Rule:
    def __init__(self, name: str, pattern: str, build):
        self.name = name
        self.regex = re.compile(pattern)
        self.build = build


def _r_field_cmp(toks, fr, ctx) -> bool:
    """「执行率低于90%」「全年预算在1000万元以上」「总分为98分」「执行率100%」."""
    f, rest = toks[0], toks[1:]
    comp = next((t for t in rest if t.type in "Cc"), None)
    nums = [t for t in rest if t.type == "N"]
    suffix = next((t for t in rest if t.type == "S"), None)
    key = f.value if f.type == "F" else ctx.score_key(f)
    if key == "name" and nums and _num(nums[0])[1] in ("条", "项", "个") and not ctx.indicator_names_contain:
        key = "indicator_count"  # 「三级指标不超过7条的项目」: how many indicators a project has
    if key is None or key not in L.FIELD or L.FIELD[key].kind in ("text", "grade"):
        return False
    if L.FIELD[key].level == "indicator":
        return _indicator_value(toks, fr, ctx, key)
    if len(nums) == 2:  # between
        lo, hi = (_amount(*_num(n), key) for n in nums)
        if lo is None or hi is None:
            return False
        fr.conds.append((toks[-1].start, Cond(key, "between", (min(lo, hi), max(lo, hi)), words=_words(toks))))
        return True
    value = _amount(*_num(nums[0]), key)
    if value is None:
        return False
    op = _op(comp.type if comp else "", comp.value if comp else None, suffix) or "="
    raw, unit = _num(nums[0])
    scale = L.UNITS[unit][1] if unit in L.UNITS and L.FIELD[key].kind == "money" else 1.0
    fr.conds.append((toks[-1].start, Cond(key, op, value, words=_words(toks), stated=_stated(nums[0]),
                                          scale=scale, unit=unit if scale != 1.0 else None)))
    return True


def _r_vs_average(toks, fr, ctx) -> bool:
    from .execute import AVERAGE

    f, comp, avg = toks[0], next(t for t in toks if t.type == "C"), next(t for t in toks if t.type == "A")
    key = f.value if f.type == "F" else "total_score"
    if avg.value != "avg" or comp.value not in ("<", ">", "<=", ">=") or key not in L.FIELD \
            or L.FIELD[key].level != "project" or L.FIELD[key].kind not in ("money", "percent", "score"):
        return False
    office = [t.value[0] for t in toks if t.type == "O"]
    town = any(t.text in ("全镇", "全镇的", "全部", "所有") for t in ctx.tokens if toks[0].start < t.start < avg.start)
    value = tuple(office) if office else (() if town else None)
    fr.conds.append((toks[-1].start, Cond(key, comp.value, value, ref=AVERAGE, words=_words(toks))))
    return True


def _r_fields_num(toks, fr, ctx) -> bool:
    f1, f2 = (t for t in toks if t.type == "F")
    rest = [t for t in toks if t.type not in "F&"]
    if any(L.FIELD.get(f.value) is None or L.FIELD[f.value].level != "project" for f in (f1, f2)):
        return False
    n = len(fr.conds)
    if not (_r_field_cmp([f1] + rest, fr, ctx) and _r_field_cmp([f2] + rest, fr, ctx)):
        del fr.conds[n:]
        return False
    return True


def _indicator_value(toks, fr, ctx, key: str) -> bool:
    """「满意度实际低于80%」「投诉次数超过3次」: a threshold on an indicator's actual (or target) value."""
    comp = next((t for t in toks if t.type in "Cc"), None)
    nums = [t for t in toks if t.type == "N"]
    suffix = next((t for t in toks if t.type == "S"), None)
    value, unit = _num(nums[0])
    if key not in ("actual", "target", "weight", "score", "lost"):
        return False
    scale = 1.0
    if unit and unit.startswith("万") and L.UNITS.get(unit, (None,))[0] == "count":
        scale, unit = 10000.0, unit[1:]  # 「18万次」 is 180000 次
        value = value * scale
    if unit == "成":  # 「不到八成」 is below 80%
        scale, unit = 10.0, "%"
        value = value * scale
    column = {"actual": "actual_value", "target": "target_value"}.get(key, key)
    unit_kind = L.UNITS.get(unit, (None,))[0] if unit else None
    if key in ("weight", "score", "lost") and unit_kind not in (None, "score"):
        return False
    if len(nums) == 2:
        v2, _ = _num(nums[1])
        cond = Cond(column, "between", (min(value, v2), max(value, v2)), unit=_qunit(unit), words=_words(toks))
    else:
        op = _op(comp.type if comp else "", comp.value if comp else None, suffix) or "="
        cond = Cond(column, op, value, unit=_qunit(unit), words=_words(toks), stated=_stated(nums[0]), scale=scale)
    fr.iconds.append((toks[-1].start, cond))
    return True


def _stated(t: Token) -> str:
    """The digits of a number token as written (「2.87」 of 「2.87亿元」)."""
    m = re.match(r"(?:百分之)?(\d+(?:\.\d+)?)", t.text)
    return m.group(1) if m else ""


def _qunit(unit: str | None) -> str | None:
    """Units as the store keeps them for indicator values (百分比 → %)."""
    if unit is None or L.UNITS.get(unit, (None,))[0] in ("score", "times"):
        return None
    return unit


def _words(toks) -> str:
    return "".join(t.text for t in toks)


def _r_gap(toks, fr, ctx) -> bool:
    fields = [t.value for t in toks if t.type == "F"]
    if fields[-1] != "target" or (len(fields) == 2 and fields[0] != "actual"):
        return False
    fr.fields.append((toks[0].start, "gap"))
    # 「实际比目标多了多少次」: the question word asks the gap's value (the match consumed it)
    fr.measures.extend((t.start, "value") for t in toks if t.type == "A" and t.value in ("value", "sum"))
    return True


def _r_change_with_base(toks, fr, ctx) -> bool:
    """「比年初预算3亿元减少了1334.13万元」: the base's own value, and the change."""
    nums = [t for t in toks if t.type == "N"]
    base = next(t for t in toks if t.type == "F" and toks.index(t) > next(i for i, x in enumerate(toks) if x.type == "B"))
    if not _r_field_cmp([base, nums[0]], fr, ctx):
        return False
    return _r_change([t for t in toks if t is not nums[0]], fr, ctx)


def _r_change_total(toks, fr, ctx) -> bool:
    """「社发办年初预算合计比全年预算合计多多少万元」: the totals' difference is the total of the changes."""
    if any(t.type == "A" and t.value != "sum" for t in toks[:-1]):
        return False
    stripped = [t for t in toks if not (t.type == "A" and t.value == "sum")]
    if not _r_change(stripped, fr, ctx):
        return False
    fr.measures.append((toks[0].start, "sum"))
    return True


def _adjust_after(toks) -> bool:
    """「调增金额」: a change word right before the change figure itself."""
    f = next(t for t in toks if t.type == "F")
    return f.value == "adjust" and toks[0].type == "v" and toks[0].value in (1, -1)


def _r_change_order(toks, fr, ctx) -> bool:
    v_at = next(i for i, t in enumerate(toks) if t.type == "v")
    if any(t.type == "F" and t.value not in ("adjust", "adjust_pct") for t in toks[v_at:]):
        return False  # after the change word only the change itself may be named (「调增金额」)
    fields = [t.value for t in toks[:v_at] if t.type == "F"]
    if set(fields) - {"annual_budget", "initial_budget"} or not fields:
        return False
    change, r = next(t for t in toks if t.type == "v"), next(t for t in toks if t.type == "R")
    if change.value not in (1, -1) or r.value[0] != "top1":
        return False
    n = next((t for t in toks if t.type == "N"), None)
    if n is not None:
        value, unit = _num(n)
        if value != int(value) or value < 1 or unit not in (None, "个", "项", "名"):
            return False
        fr.order = Order(key="", desc=True, limit=int(value))
    sign = change.value if fields[0] == "annual_budget" else -change.value
    # 「调减比例最大」: the change in percent of 年初预算 (none where 年初 is 0)
    key = "adjust_pct" if any(t.type == "%" for t in toks) else "adjust"
    # 增加最多: the largest increase; 减少最多: the most negative change (only among those that decreased)
    fr.conds.append((toks[-1].start, Cond(key, ">" if sign > 0 else "<", 0.0, words=_words(toks))))
    limit = fr.order.limit if fr.order is not None and fr.order.limit else 1  # 「…最大的前三个」
    fr.order = Order(key="", desc=(sign > 0) == r.value[1], limit=limit)
    fr.fields.append((toks[0].start, key))
    return True


def _r_ratio(toks, fr, ctx) -> bool:
    """「全年预算是年初预算的几倍」「执行数只有年初预算的百分之几」「接待群众数是目标值的几倍」."""
    fields = [t for t in toks if t.type == "F"]
    last = toks[-1]
    how = "times" if last.type == "A" else "percent"
    right = fields[-1].value
    if len(fields) == 2:
        left = fields[0].value
    elif toks[0].type in "Ik":
        left = "actual"
    else:
        left = ctx.last_field if ctx.last_field != right else None
    if left is None or left == right:
        return False
    kinds = {L.FIELD[left].kind, L.FIELD[right].kind} if left in L.FIELD and right in L.FIELD else set()
    if not (kinds <= {"money"} or {left, right} == {"actual", "target"}):
        return False
    if toks[0].type in "Ik":
        _anchor(toks[0], fr)
    fr.ratio = (left, right, how)
    return True


def _r_cell_text(toks, fr, ctx) -> bool:
    """「年度指标值写的是“良好”」: the text of an indicator's target or actual cell (not the grade 良)."""
    f, word = toks[0], toks[-1]
    if f.value not in ("target", "actual") or not word.text.startswith("「"):
        return False
    if word.type == "T" and f.value == "actual":  # 「实际完成值写的是“达成指标”」: the status
        fr.iconds.append((word.start, Cond("status", "=", word.value, words=_words(toks))))
        return True
    fr.iconds.append((word.start, Cond(f.value, "=", word.text.strip("「」"), words=_words(toks))))
    return True


def _r_exclude(toks, fr, ctx) -> bool:
    """「（年初预算为0的不算）」「不算年初预算为0的」「…除外」: leave out the projects with that figure."""
    f = next((t for t in toks if t.type == "F"), None)
    n = next((t for t in toks if t.type == "N"), None)
    if f is None or n is None or f.value not in L.FIELD or L.FIELD[f.value].kind not in ("money", "percent", "score"):
        return False
    value = _amount(*_num(n), f.value)
    if value is None:
        return False
    fr.conds.append((toks[-1].start, Cond(f.value, "!=", value, words=_words(toks))))
    return True


def _r_blank(toks, fr, ctx) -> bool:
    """「没写偏差原因」「偏差原因为空」: the text cell is empty."""
    f = next(t for t in toks if t.type in "FW")
    if f.value != "reason":  # a field word, or 偏差原因 read as the intent word
        return False
    fr.iconds.append((toks[-1].start, Cond("reason", "=", "", words=_words(toks))))
    return True


def _r_except_office(toks, fr, ctx) -> bool:
    ex = [t for t in toks if t.type == "e"]
    if toks[0].type == "e" and toks[0].text not in L.EXCEPT_BEFORE:
        return False
    if toks[-1].type == "e" and toks[-1].text not in L.EXCEPT_AFTER:
        return False
    if not ex:
        return False
    offices = tuple(t.value[0] for t in toks if t.type == "O")
    for t in toks:
        if t.type == "O":
            t.role = "excluded"
    fr.conds.append((toks[0].start, Cond("office", "notin", offices, words=_words(toks))))
    return True


def _r_not_office(toks, fr, ctx) -> bool:
    """「不属于社发办的项目」: every office but that one."""
    o = toks[-1]
    o.role = "excluded"
    fr.conds.append((o.start, Cond("office", "notin", (o.value[0],), words=_words(toks))))
    return True


def _r_level_is(toks, fr, ctx) -> bool:
    level, cat = toks[0].value, toks[-1]
    column, value = cat.value
    if column == "satisfaction":
        value = "满意度指标" if level == "level1" else "服务对象满意度指标"
    elif column != level:
        return False  # 「一级指标是时效指标」: 时效指标 is a 二级 name
    fr.anchors.append((cat.start, Cond(level, "is", value, words=_words(toks))))
    return True


def _r_anchor_value(toks, fr, ctx) -> bool:
    """「满意度低于80%」「投诉超过3次」: an indicator category or name followed by a threshold (on the actual)."""
    if any(t.type == "A" and t.value not in ("count", "value") for t in toks):
        return False  # only 「数量」「是多少」 may sit between a name and its value
    key = "actual"
    f = next((t for t in toks if t.type == "F"), None)
    if f is not None:
        if f.value not in ("actual", "target"):
            return False
        key = f.value
    _anchor(toks[0], fr)
    return _indicator_value(toks[1:] if f is None else toks[1:], fr, ctx, key)


def _r_bare_cmp(toks, fr, ctx) -> bool:
    """「低于90分的项目」「90分以下」: no field named; the unit must say which (分 → 总分)."""
    nums = [t for t in toks if t.type == "N"]
    value, unit = _num(nums[0])
    # the field named before the figure (「分值不为0」 after 「得了0分」 is not its field), else the sentence before's
    key = ctx.prior_field(toks[0].start, unit) or ctx.carried \
        or _field_for_unit(unit, fr, "indicator" if ctx.indicator_hint else None)
    if key is None:
        # A figure whose field the question does not say: name it rather than guess.
        fr.unplaced.append(_words(toks))
        return False
    if L.FIELD[key].level == "indicator":
        return _indicator_value(toks, fr, ctx, key)
    fake = Token("F", "", toks[0].start, toks[0].start, key)
    return _r_field_cmp([fake] + list(toks), fr, ctx)


def _r_field_vs_field(toks, fr, ctx) -> bool:
    """「全年执行数低于全年预算」「执行数超过预算」: one figure compared with another of the same form."""
    f1, comp, f2 = toks[0], toks[1], toks[-1]
    if f1.value not in L.FIELD or f2.value not in L.FIELD:
        return False
    a, b = L.FIELD[f1.value], L.FIELD[f2.value]
    if a.kind != "money" or b.kind != "money" or a.key == b.key:
        return False
    op = comp.value if comp.type == "C" else "="
    fr.conds.append((toks[-1].start, Cond(a.key, op, None, ref=b.key, words=_words(toks))))
    return True


def _r_cmp_ctx_field(toks, fr, ctx) -> bool:
    """「执行4000万元，超出了全年预算」: the figure just named compared with another one."""
    comp, f2 = toks[0], toks[-1]
    left = ctx.last_field
    if left is None or f2.value not in L.FIELD or left == f2.value:
        return False
    if L.FIELD[left].kind != "money" or L.FIELD[f2.value].kind != "money" or comp.value not in ("<", ">", "<=", ">="):
        return False
    fr.conds.append((toks[-1].start, Cond(left, comp.value, None, ref=f2.value, words=_words(toks))))
    return True


def _r_vs_target(toks, fr, ctx) -> bool:
    """「超出了控制目标」「比目标高出不少」「控制在目标以内」: the actual value against the target, as numbers."""
    comp = next((t for t in toks if t.type == "C"), None)
    change = next((t for t in toks if t.type == "v"), None)
    suffix = next((t for t in toks if t.type == "S"), None)
    if comp is not None:
        op = comp.value if comp.value in ("<", ">", "<=", ">=") else None
        if suffix is not None and suffix.value == "<=":
            op = "<="
    elif change is not None and change.value:
        op = ">" if change.value > 0 else "<"
    else:
        op = None
    if op is None:
        return False
    fr.iconds.append((toks[-1].start, Cond("actual_value", op, None, ref="target_value", words=_words(toks))))
    return True


def _r_change(toks, fr, ctx) -> bool:
    """「全年预算比年初预算增加了」「…增加超过100万元」「…增加一倍以上」「…增长了百分之多少」「…增加了多少」."""
    fields = [t for t in toks if t.type == "F"]
    change = next(t for t in toks if t.type == "v")
    nums = [t for t in toks if t.type == "N"]
    comp = next((t for t in toks if t.type == "C"), None)
    suffix = next((t for t in toks if t.type == "S"), None)
    asks = [t for t in toks if t.type in "A%"]
    if len(fields) == 2:
        new, old = fields[0].value, fields[1].value
    elif len(fields) == 1 and fields[0].value == "annual_budget":
        new, old = "annual_budget", "initial_budget"
    elif len(fields) == 1 and fields[0].value == "initial_budget" and any(t.type == "B" for t in toks):
        # 「（全年预算135万元，）比年初预算增加35万元」: what is compared is the figure just named
        new, old = (ctx.last_field if ctx.last_field in ("annual_budget", "executed") else "annual_budget"), \
            "initial_budget"
    else:
        return False
    if {new, old} != {"annual_budget", "initial_budget"}:
        if new in L.FIELD and old in L.FIELD and L.FIELD[new].kind == L.FIELD[old].kind == "money" and not nums \
                and not asks:
            # 「执行数比预算少」: a relation between two figures.
            op = {1: ">", -1: "<", 0: "=", 2: "!="}[change.value]
            fr.conds.append((toks[0].start, Cond(new, op, None, ref=old, words=_words(toks))))
            return True
        if nums and any(t.type == "B" for t in toks):
            # 「（执行737.69万元，）比年初预算少了382.31万元」: a difference of two other figures; never read as
            # 「年初预算为382.31万元」
            fr.unplaced.append(_words(toks))
            return True
        return False
    if change.value == 2 and (nums or not asks):
        if nums:
            return False  # 「调整了100万元」: up or down? not said
        fr.conds.append((toks[-1].start, Cond("adjust", "!=", 0.0, words=_words(toks))))
        return True
    sign = change.value if new == "annual_budget" else -change.value
    before_ask = [t for t in ctx.tokens if asks and t.start < asks[0].start and t.start > change.start]
    which = [a for a in asks if a.type == "A" and (a.value in ("count", "list") or "哪" in a.text)]
    if asks and not nums and len(which) == len(asks) and any(
            t.text in ("的", "的有", "的是") for t in before_ask) and sign != 0:
        # 「全年预算比年初高的有几个」「…增加的是哪个」: the projects whose budget rose (not the change's total)
        fr.conds.append((toks[0].start, Cond("adjust", ">" if sign > 0 else "<", 0.0, words=_words(toks))))
        fr.measures.extend((a.start, a.value if a.value in ("count", "list") else "list") for a in asks)
        return True
    if asks and not nums:  # a question about the change itself
        fr.fields.append((toks[0].start, "adjust_pct" if any(t.type == "%" for t in asks) else "adjust"))
        fr.difference = None
        return True
    if not nums:
        op = {1: ">", -1: "<", 0: "="}[sign]
        fr.conds.append((toks[0].start, Cond("adjust", op, 0.0, words=_words(toks))))
        return True
    value, unit = _num(nums[0])
    op = _op(comp.type if comp else "", comp.value if comp else None, suffix) or ("=" if unit != "倍" else ">=")
    if sign == 0:
        return False
    if unit == "倍":
        # 增加一倍以上: new ≥ 2 × old; 减少一半: handled as a percentage below.
        if sign < 0:
            return False
        fr.conds.append((toks[0].start, Cond(new, op, None, ref=old, factor=1.0 + value, words=_words(toks))))
        return True
    kind = L.UNITS.get(unit, (None,))[0] if unit else "money"
    if kind == "percent":
        key, v = "adjust_pct", value * L.UNITS[unit][1]
    elif kind == "money":
        key, v = "adjust", value * (L.UNITS[unit][1] if unit else 1.0)
    else:
        return False
    scale = L.UNITS[unit][1] if unit else 1.0
    if sign < 0:  # 减少超过100万元: adjust < -100
        flip = {">": "<", ">=": "<=", "<": ">", "<=": ">=", "=": "="}
        fr.conds.append((toks[-1].start, Cond(key, flip[op], -v, words=_words(toks), stated=_stated(nums[0]),
                                              scale=-scale)))
    else:
        fr.conds.append((toks[-1].start, Cond(key, op, v, words=_words(toks), stated=_stated(nums[0]), scale=scale)))
    return True


def _r_field_diff(toks, fr, ctx) -> bool:
    """「全年预算数和年初预算数差多少」「预算和执行数相差多少」: the difference of two figures of one project."""
    keys = {t.value for t in toks if t.type == "F"}
    if keys == {"annual_budget", "initial_budget"}:
        fr.fields.append((toks[0].start, "adjust"))
    elif keys == {"annual_budget", "executed"}:
        fr.fields.append((toks[0].start, "unspent"))
    else:
        return False
    return True


def _r_fields_equal(toks, fr, ctx) -> bool:
    """「全年执行数与全年预算数相等」: two figures of one form are equal (or not)."""
    f1, f2 = [t for t in toks if t.type == "F"][:2]
    change = next(t for t in toks if t.type == "v")
    if change.value != 0 or f1.value == f2.value or f1.value not in L.FIELD or f2.value not in L.FIELD:
        return False
    if L.FIELD[f1.value].kind != "money" or L.FIELD[f2.value].kind != "money":
        return False
    neg = any(t.type == "n" for t in toks) or change.text in ("不同", "不一致", "不等")
    fr.conds.append((toks[-1].start, Cond(f1.value, "!=" if neg else "=", None, ref=f2.value, words=_words(toks))))
    return True


def _r_multiple(toks, fr, ctx) -> bool:
    fields = [t for t in toks if t.type == "F"]
    n = next(t for t in toks if t.type == "N")
    value, unit = _num(n)
    if unit not in ("倍", "%"):
        return False
    left = fields[0].value if len(fields) == 2 else ctx.last_field
    right = fields[-1].value
    if left is None or left == right or left not in L.FIELD or right not in L.FIELD:
        return False
    if L.FIELD[left].kind != "money" or L.FIELD[right].kind != "money":
        return False
    suffix = next((t for t in toks if t.type == "S"), None)
    comp = next((t for t in toks if t.type == "C"), None)
    op = _op(comp.type if comp else "c", comp.value if comp else None, suffix) or "="
    factor = value if unit == "倍" else value / 100.0
    fr.conds.append((toks[-1].start, Cond(left, op, None, ref=right, factor=factor, words=_words(toks))))
    return True


def _r_target_met(toks, fr, ctx) -> bool:
    """「未达到≥90%的目标」「达到了80%的目标」: whether the target was met (as the form judges it), and what the
    target was; 「低于95%的目标」「超过1200个的目标」: the actual against the target, as numbers."""
    verb = toks[0]
    n = next((t for t in toks if t.type == "N"), None)
    if verb.text in ("未达到", "没达到", "没有达到", "达到", "达到了") or (verb.type == "M" and any(
            t.type == "N" for t in toks)):
        # 「未达95%的目标」 too: a met/not-met word, then the target's value
        met = not verb.text.startswith(("未", "没", "不")) if verb.type != "M" else bool(verb.value)
        fr.iconds.append((toks[-1].start, Cond("met", "is", met, words=_words(toks))))
    elif verb.type == "C" and verb.value in ("<", ">", "<=", ">="):
        fr.iconds.append((toks[-1].start, Cond("actual_value", verb.value, None, ref="target_value",
                                               words=_words(toks))))
    else:
        return False
    if n is not None:
        value, unit = _num(n)
        scale = 1.0
        if unit and unit.startswith("万") and L.UNITS.get(unit, (None,))[0] == "count":
            scale, unit = 10000.0, unit[1:]  # 「3万人次」 is 30000 人次
        # the target's own operator (≥90%) is part of how it is written: the number is what is checked
        fr.iconds.append((toks[-1].start, Cond("target_value", "=", value * scale, unit=_qunit(unit),
                                               words=_words(toks), stated=_stated(n), scale=scale)))
    return True


def _r_pct_change(toks, fr, ctx) -> bool:
    """「全年预算增幅超过60%」: a threshold on 全年预算 against 年初预算, in percent."""
    f = next((t for t in toks if t.type == "F"), None)
    if f is not None and f.value not in ("annual_budget", "adjust_pct"):
        return False
    n = next(t for t in toks if t.type == "N")
    value, unit = _num(n)
    if unit is None or L.UNITS.get(unit, (None,))[0] != "percent":
        return False
    comp = next((t for t in toks if t.type in "Cc"), None)
    suffix = next((t for t in toks if t.type == "S"), None)
    op = _op(comp.type if comp else "", comp.value if comp else None, suffix) or "="
    v = value * L.UNITS[unit][1]
    fr.conds.append((toks[-1].start, Cond("adjust_pct", op, v, words=_words(toks), stated=_stated(n),
                                          scale=v / value if value else 1.0)))
    return True


def _r_whole(toks, fr, ctx) -> bool:
    f = toks[0]
    key = f.value if f.type == "F" else ctx.score_key(f)
    values = {t.value for t in toks if t.type == "i"}
    if key not in L.FIELD or L.FIELD[key].kind not in ("money", "percent", "score") or len(values) != 1:
        return False
    cond = Cond(key, "whole", values.pop(), words=_words(toks))
    (fr.iconds if L.FIELD[key].level == "indicator" else fr.conds).append((toks[-1].start, cond))
    return True


def _r_not_adjusted(toks, fr, ctx) -> bool:
    said = any((c.field == "adjust" and c.op == "=" and c.value == 0) or (
        {c.field, c.ref} == {"annual_budget", "initial_budget"} and c.op == "=") for _, c in fr.conds)
    if not said:
        fr.conds.append((toks[0].start, Cond("adjust", "=", 0.0, words=_words(toks))))
    return True


def _r_having(toks, fr, ctx) -> bool:
    subjects = [t for t in toks if t.type == "E"]
    n = next(t for t in toks if t.type == "N")
    value, unit = _num(n)
    if len(subjects) != 2 or subjects[0].value != "project" or subjects[1].value != "office" \
            or unit != "个" or value != int(value):
        return False
    if toks[0].type == "E" and not any(t.type == "A" and t.value == "count" for t in toks):
        return False
    if toks[0].type != "E" and subjects[0].start < n.start:
        return False
    suffix = next((t for t in toks if t.type == "S"), None)
    op = _op("", None, suffix) or "="
    fr.having.append(Cond("count", op, float(value), words=_words(toks)))
    fr.group_by = fr.group_by or "office"
    return True


def _office_that_project(tokens: list[Token], vocab: Vocabulary) -> None:
    """「工会那个项目」「纪委的那个项目」: the office's project (not a reference to an earlier answer); with several,
    each is a candidate and the user is asked which."""
    from index.records import office_of

    live = [t for t in tokens if t.text not in ("的",)]
    for prev, t, nxt in zip(live, live[1:], live[2:] + [None]):
        if t.type == "H" and t.text in ("那个", "这个") and nxt is not None and nxt.type == "E":
            continue  # 「社发办这个科室」: the office itself
        if t.type == "H" and t.text in ("那个项目", "这个项目", "那个", "这个") and prev.type == "O":
            projects = tuple(sorted(p for p in vocab.projects if office_of(p) == prev.value[0]))
            if not projects:
                continue
            prev.type, prev.value = "P", (projects, "name" if len(projects) == 1 else "piece")
            t.type, t.value = "_", None


def _categories_in_lists(tokens: list[Token]) -> None:
    """「数量、质量、时效三类」: in a list of indicator categories, 数量 is 数量指标 (not 「how many」)."""
    live = [t for t in tokens if t.type != "_"]
    for i, t in enumerate(live):
        if t.type == "A" and t.text in L.CATEGORY_SHORT:
            prev = live[i - 2] if i >= 2 and live[i - 1].type == "&" else None
            nxt = live[i + 2] if i + 2 < len(live) and live[i + 1].type == "&" else None
            if (prev is not None and prev.type == "K") or (nxt is not None and nxt.type == "K"):
                if L.CATEGORY_SHORT[t.text] in L.CATEGORIES:
                    t.type, t.value = "K", L.CATEGORIES[L.CATEGORY_SHORT[t.text]]


def _counts_the_list(n: Token, ctx) -> bool:
    """A number right after a list of offices, grades or categories that says how many they are (and is right)."""
    value, unit = _num(n)
    if unit not in ("家", "档", "类", "个", "项"):
        return False
    before = [t for t in ctx.tokens if t.start < n.start and t.text not in ("的", "这", "这些", "这几", "共", "等")]
    listed = []
    for t in reversed(before):
        if t.type in "OGK":
            listed.append(t)
        elif t.type != "&":
            break  # the list ends where anything else stands (「产出指标下面数量、质量、时效」: three)
    return len(listed) >= 2 and len(listed) == value


def _next_field(t: Token, ctx) -> str | None:
    """The field token right after ``t`` (fillers skipped), if any."""
    after = [x for x in ctx.tokens if x.start > t.start and x.type != "_"]
    return after[0].value if after and after[0].type == "F" else None


def _next_word(t: Token, ctx) -> str:
    after = [x for x in ctx.tokens if x.start > t.start and x.type != "_"]
    return after[0].text if after else ""


def _r_group_by_field(toks, fr, ctx) -> bool:
    if fr.group_by is not None:
        return False
    fr.group_by = toks[0].value
    return True


def _r_count_of_subject(toks, fr, ctx) -> bool:
    """「104个项目全年预算加起来」: a number of projects that only describes the scope."""
    value, unit = _num(toks[0])
    before = [t for t in ctx.tokens if t.start < toks[0].start and t.type != "_"]
    if before and before[-1].text in ("有", "共有", "仅有", "只有") and any(
            t.type == "N" and t is not toks[0] and t.start > toks[0].start for t in ctx.tokens):
        return False  # 「规建办有5个项目总分为90分」: how many have that figure, a count to check
    if before and (before[-1].type == "C" or (before[-1].type == "F" and before[-1].value == "name")):
        return False  # 「三级指标不超过7条的项目」: a threshold, not how many there are
    return unit in ("个", "条", "项") and not any(t.type in "Cc" for t in toks)


def _r_grade(toks, fr, ctx) -> bool:
    """「评分等级为良」「等级不是优」「被评为良」「良及以上」「低于良」「良的项目」."""
    grade = next(t for t in toks if t.type == "G")
    g = grade.value
    if any(t.type == "F" and t.value != "grade" for t in toks):
        # 「三级指标中」: 中 after another field is the word, not the grade
        return grade.text == "中" and all(t.type in "F_" for t in toks if t is not grade)
    if grade.text in ("中", "差") and not any(t.type in "FCS" for t in toks) and not ctx.grade_context:
        # 「社发办中…」「差几分」: the word, not the grade (which needs 等级为中 / 评为差 / 差的项目)
        return grade.text == "中"
    neg = any(t.type == "n" for t in toks) or any(t.type == "C" and t.value == "!=" for t in toks)
    comp = next((t for t in toks if t.type == "C" and t.value != "!="), None)
    suffix = next((t for t in toks if t.type == "S"), None)
    order = list(L.GRADES)  # best first
    if suffix is not None and suffix.value in (">=", "<="):
        i = order.index(g)
        values = tuple(order[:i + 1]) if suffix.value == ">=" else tuple(order[i:])
        fr.conds.append((toks[-1].start, Cond("grade", "in", values, words=_words(toks))))
        return True
    if comp is not None and comp.value in ("<", ">", ">=", "<="):
        i = order.index(g)
        values = {"<": order[i + 1:], "<=": order[i:], ">": order[:i], ">=": order[:i + 1]}[comp.value]
        fr.conds.append((toks[-1].start, Cond("grade", "in", tuple(values), words=_words(toks))))
        return True
    fr.conds.append((toks[-1].start, Cond("grade", "notin" if neg else "in", (g,), words=_words(toks))))
    return True


def _r_grades_or(toks, fr, ctx) -> bool:
    """「评为良或中的项目」「良和中」: several grades."""
    grades = tuple(dict.fromkeys(t.value for t in toks if t.type == "G"))
    neg = any(t.type == "n" for t in toks) or any(t.type == "C" and t.value == "!=" for t in toks)
    fr.conds.append((toks[-1].start, Cond("grade", "notin" if neg else "in", grades, words=_words(toks))))
    return True


def _r_status(toks, fr, ctx) -> bool:
    """「实际完成值为部分达成」「完成情况不是达成指标」."""
    status = next(t for t in toks if t.type == "T")
    neg = any(t.type == "n" for t in toks) or any(t.type == "C" and t.value == "!=" for t in toks)
    fr.iconds.append((status.start, Cond("status", "!=" if neg else "=", status.value, words=_words(toks))))
    return True


def _r_met(toks, fr, ctx) -> bool:
    t = toks[-1]
    neg = any(x.type == "n" for x in toks[:-1])
    fr.iconds.append((t.start, Cond("met", "is", (not t.value) if neg else t.value, words=_words(toks))))
    return True


def _r_lost_cmp(toks, fr, ctx) -> bool:
    """Points lost above or below a number: a project's (扣分合计) unless the question speaks of indicator rows."""
    rows = any(t.type in "KIk" or (t.type == "E" and t.value == "indicator") for t in ctx.tokens)
    key = "lost" if rows else "lost_score"
    lost = Token("F", toks[0].text, toks[0].start, toks[0].end, key)
    return _r_field_cmp([lost] + list(toks[1:]), fr, ctx)


def _r_met_exactly(toks, fr, ctx) -> bool:
    """「刚好达到目标」: reached, with the actual value equal to the target's."""
    words = _words(toks)
    fr.iconds.append((toks[-1].start, Cond("met", "is", True, words=words)))
    fr.iconds.append((toks[-1].start, Cond("actual_value", "=", None, ref="target_value", words=words)))
    return True


def _r_deducted(toks, fr, ctx) -> bool:
    t = toks[-1]
    if t.value == "zero":  # 「扣光了分」: nothing left of points there were
        fr.iconds.append((t.start, Cond("score", "=", 0.0, words=_words(toks))))
        fr.iconds.append((t.start, Cond("weight", ">", 0.0, words=_words(toks))))
        return True
    neg = any(x.type == "n" for x in toks[:-1])
    fr.iconds.append((t.start, Cond("deducted", "is", (not t.value) if neg else t.value, words=_words(toks))))
    return True


def _r_lost_exists(toks, fr, ctx) -> bool:
    """「扣分的指标」「有扣分的项目」: a lost-points word that is a condition, not a figure asked for."""
    if fr.order is not None or ctx.aggregate or toks[-1].text not in ("扣分", "失分", "丢分", "被扣"):
        return False  # 「扣分最多的指标」「扣了几分」: the points lost are what is asked
    fr.iconds.append((toks[-1].start, Cond("deducted", "is", True, words=_words(toks))))
    return True


def _after_project_score(t: Token, ctx) -> bool:
    i = ctx.tokens.index(t)
    prev = next((x for x in reversed(ctx.tokens[:i]) if x.type != "_"), None)
    return prev is not None and prev.type == "F" and prev.value in L.FIELD and L.FIELD[prev.value].level == "project" \
        and L.FIELD[prev.value].kind == "score"


def _names_rows_after(t: Token, ctx) -> bool:
    """The next word after ``t`` (past fillers) is 三级指标, the indicator rows themselves."""
    i = ctx.tokens.index(t)
    nxt = next((x for x in ctx.tokens[i + 1:] if x.type != "_"), None)
    return nxt is not None and nxt.type == "F" and nxt.value == "name"


def _counted_after(t: Token, ctx) -> bool:
    """「扣分的有几条」: 的, then (有) and a count cue, right after ``t``."""
    i = ctx.tokens.index(t)
    rest = [x for x in ctx.tokens[i + 1:]]
    if not rest or rest[0].text != "的":
        return False
    nxt = next((x for x in rest[1:] if x.type not in "_c"), None)
    return nxt is not None and nxt.type == "A" and nxt.value == "count"


def _anchor(t: Token, fr: Fragments) -> None:
    if t.type == "K":
        column, value = t.value
        fr.anchors.append((t.start, Cond(column, "is", value, words=t.text)))
    elif t.type == "I":
        fr.anchors.append((t.start, Cond("name", "=", t.value[0], words=t.text)))
    elif t.type == "k":
        fr.anchors.append((t.start, Cond("name", "contains", t.value, words=t.text)))


def _r_anchor(toks, fr, ctx) -> bool:
    _anchor(toks[0], fr)
    return True


def _r_contains(toks, fr, ctx) -> bool:
    """「名称里带“消防”的项目」「与消防有关的项目」: the project name contains a word."""
    word_tok = next(t for t in toks if t.type in "QP?kK")
    word = word_tok.value if word_tok.type == "Q" else word_tok.text.strip("「」")
    if word_tok.type == "P" and word_tok.value[1] in ("name", "core"):
        return False  # a full name is a project, not a word to look for
    word_tok.role = "contains"
    if len(word) < 1:
        return False
    if ctx.indicator_names_contain:
        # 「名称里带“投诉”的指标」: the indicator's name, not the project's
        fr.anchors.append((word_tok.start, Cond("name", "contains", word, words=word)))
        return True
    before = [t for t in ctx.tokens if t.start < toks[0].start and t.type != "_"]
    w = next(t for t in toks if t.type == "w")
    field_before = before[-1] if toks[0].type == "w" and before else None
    key = None
    if field_before is not None and field_before.type == "F" and field_before.value in L.FIELD \
            and L.FIELD[field_before.value].kind == "text" and field_before.value != "name":
        key = field_before.value
    elif field_before is not None and field_before.type == "W" and field_before.value == "reason":
        key = "reason"  # 「扣分原因里写了疫情」
    if key is None and w.text in L.MENTION_WORDS:
        return False  # 「提到X的项目」: mentioned where? not read as the project's name
    if key is not None:
        # 「实施单位里带“社区党群服务中心”字样」: the text of the field named before, not the project's name
        if field_before.type == "W":
            field_before.used = True  # the cell named, not a 为什么 question
        if L.FIELD[key].level == "indicator":
            fr.iconds.append((word_tok.start, Cond(key, "contains", word, words=_words(toks))))
        else:
            fr.conds.append((word_tok.start, Cond(key, "contains", word, words=_words(toks))))
        return True
    fr.name_contains.append(word)
    return True


_SPAN_STOPS = ("的", "字样", "字眼", "字", "二字", "这个词", "这个字", "等字")


def _r_contains_span(toks, fr, ctx) -> bool:
    w = toks[0]
    after = [t for t in ctx.tokens if t.start >= w.end]
    span = []
    for t in after:
        if t.used or t.text in _SPAN_STOPS or t.text.startswith(_SPAN_STOPS) or t.type in "EAWRCcSNQ&o" or not re.fullmatch(r"[\u4e00-\u9fff\w]+", t.text):
            break
        span.append(t)
    if not span or (len(span) == 1 and span[0].type in "QP?kK") or any(
            t.start != s.end for s, t in zip(span, span[1:])):
        return False  # one word token: the plain rules read it; a gap: not one word
    word = "".join(t.text for t in span)
    if not 2 <= len(word) <= 20:
        return False
    piece = Token("?", word, span[0].start, span[-1].end, word)
    if not _r_contains([w, piece], fr, ctx):
        return False
    for t in span:
        t.used, t.role = True, "contains"
    return True


def _r_topn(toks, fr, ctx) -> bool:
    t, n = toks[0], next(x for x in toks if x.type == "N")
    value, _unit = _num(n)
    if value != int(value) or value < 1:
        return False
    desc = t.value[1]  # 「前3」 from the top, 「后3」「最低的三个」 from the bottom
    if fr.order is not None and fr.order.rank is None and t.type == "t":
        # 「调减金额最大的前三个」: the order already read (largest decrease first) keeps its direction
        fr.order = Order(key=fr.order.key, desc=fr.order.desc if desc else not fr.order.desc, limit=int(value))
        return True
    fr.order = Order(key="", desc=desc, limit=int(value))
    return True


def _r_rank_range(toks, fr, ctx) -> bool:
    """「排第8到第10名」: the rows ranked in that range."""
    a, b = (_num(t)[0] for t in toks if t.type == "N")
    if a != int(a) or b != int(b) or not 1 <= a < b:
        return False
    desc = not any(t.type == "t" and not t.value[1] for t in toks)
    low = any(t.type == "v" and t.value < 0 for t in toks)
    fr.order = Order(key="", desc=desc and not low, limit=int(b), rank=int(a))
    return True


def _r_rank(toks, fr, ctx) -> bool:
    """「第3名」「排名第二」: the rows at that rank."""
    n = next(t for t in toks if t.type == "N")
    value, _ = _num(n)
    if value != int(value) or value < 1:
        return False
    desc = not any(t.type == "t" and not t.value[1] for t in toks)  # 「倒数第二」 counts from the bottom
    low = any(t.type == "v" and t.value < 0 for t in toks)
    fr.order = Order(key="", desc=desc and not low, limit=None, rank=int(value))
    return True


def _r_order(toks, fr, ctx) -> bool:
    kind, desc = toks[0].value
    if kind == "topn":
        return False
    if fr.order is not None and fr.order.limit == 1 and kind == "top1" and fr.order.desc != desc:
        fr.extremes = True  # 「最高和最低的项目分别是哪个」
        return True
    if fr.order is not None and fr.order.limit and not fr.order.rank and kind == "top1" and not fr.order.key:
        # 「执行率最低的前5个」: the top-N says how many, 最低 which end (「后5个」 counts from the other end)
        back = any(t.type == "t" and not t.value[1] for t in ctx.tokens)
        fr.order = Order(key="", desc=(not desc) if back else desc, limit=fr.order.limit)
        return True
    if fr.order is not None and (fr.order.limit or fr.order.rank):
        return True  # 「第3名」: the rank already says where
    fr.order = Order(key="", desc=desc, limit=1 if kind == "top1" else None)
    return True


def _r_measure(toks, fr, ctx) -> bool:
    fr.measures.append((toks[0].start, toks[0].value))
    return True


def _r_group(toks, fr, ctx) -> bool:
    g = toks[0]
    i = ctx.tokens.index(g) if g in ctx.tokens else -1
    nxt = ctx.tokens[i + 1] if 0 <= i < len(ctx.tokens) - 1 else None
    if g.value == "project" and nxt is not None and nxt.text in ("里", "中", "当中", "之中", "里面", "内") \
            and not any(t.type == "A" or t.text == "分别" for t in ctx.tokens):
        return True  # 「平安办各项目里…没有达成的」: where to look, not a grouping
    if g.value == "project" and not ctx.indicator_hint and any(t.type == "A" and t.value == "avg" for t in ctx.tokens):
        return True  # 「平均每个项目执行多少」: an average over projects (a project's own figure needs no grouping)
    fr.group_by = toks[0].value
    fr.which_group = toks[0].text.startswith("哪")
    if toks[0].text.startswith("哪"):
        # 「哪个科室…最多」 asks for the top group, 「哪些科室」 for a list of groups.
        if fr.order is None and "些" not in toks[0].text:
            fr.order = Order(key="", desc=True, limit=1)
        fr.measures.append((toks[0].start, "list" if "些" in toks[0].text else "value"))
    return True


def _r_compare(toks, fr, ctx) -> bool:
    fr.compare = True
    if toks[0].text in L.DIFFERENCE_WORDS:
        fr.difference = 0
    return True


def _r_than(toks, fr, ctx) -> bool:
    """「A比B多执行了多少」「A比B高吗」: a difference between named entities."""
    change = next((t for t in toks if t.type == "v"), None)
    fr.compare = True
    fr.difference = change.value if change is not None else 0
    for t in toks:
        if t.type in "Fs":
            key = t.value if t.type == "F" else ctx.score_key(t)
            if key:
                fr.fields.append((t.start, key))
    if any(t.type == "%" for t in toks):
        fr.percent = True
    return True


def _r_direction(toks, fr, ctx) -> bool:
    """「哪个平均分高」「谁执行得多」: a comparative after 哪个/谁 asks for the top (or bottom) one."""
    if not ctx.which or toks[0].value == 0:
        return False
    fr.compare = True
    after = [t for t in ctx.tokens if t.start >= toks[0].end and t.type != "_"]
    if after and after[0].type == "A" and after[0].value == "value" and fr.order is not None:
        fr.difference = 0  # 「谁高？高出多少」: the second comparative asks by how much
        return True
    if fr.order is None:
        fr.order = Order(key="", desc=toks[0].value > 0, limit=1)
    return True


def _r_percent(toks, fr, ctx) -> bool:
    fr.percent = True
    return True


def _r_share(toks, fr, ctx) -> bool:
    fr.share = True
    return True


def _share_of(tokens: list[Token], vocab) -> Scope | None:
    """「占财政所合计的」: the office after 占 is what the share is of; 「占全镇」 or nothing: the whole store."""
    for i, t in enumerate(tokens):
        if t.type == "h":
            nxt = next((x for x in tokens[i + 1:] if x.type not in "_"), None)
            if nxt is not None and nxt.type == "O":
                return Scope(offices=(nxt.value[0],))
    return None


def _r_intent(toks, fr, ctx) -> bool:
    fr.intents.append(toks[0].value)
    return True


def _r_subject(toks, fr, ctx) -> bool:
    fr.subjects.append((toks[0].start, toks[0].value))
    return True


def _r_follow(toks, fr, ctx) -> bool:
    fr.follow.append(toks[0].value)
    return True


def _r_field(toks, fr, ctx) -> bool:
    key = toks[0].value if toks[0].type == "F" else ctx.score_key(toks[0])
    if key is None:
        return False
    if toks[0].type in "sl":
        fr.ambiguous.add(key)  # 得分/扣分: project or indicator, settled once the subject is known
    fr.fields.append((toks[0].start, key))
    return True


def _r_or(toks, fr, ctx) -> bool:
    fr.or_words.append(toks[0].text)
    return True


def _r_filler(toks, fr, ctx) -> bool:
    return True


# Types that may sit between the parts of a pattern without changing its meaning (的, 是 …).
_ = "_*"
RULES: list[_Rule] = [
    # summaries and checks are routed elsewhere; their words are consumed here
    _Rule("check", r"#", _r_filler),
    _Rule("summary", r"\$", _r_filler),
    # order by rank or top-N first: 「前5名」「第3名」 are not thresholds
    # 「全年预算比年初调减比例最大的三个」: an order on the change itself (before 最大的三个 is read as top-N)
    _Rule("change_order", r"F?" + _ + r"B" + _ + r"F" + _ + r"v" + _ + r"[%F]?" + _ + r"R" + _ + r"N?",
          lambda t, f, c: _r_change_order(t, f, c)),
    _Rule("change_order_plain", r"F" + _ + r"v" + _ + r"[%F]?" + _ + r"R" + _ + r"N?", lambda t, f, c: t[0].value == "annual_budget"
          and _r_change_order(t, f, c)),
    # 「调减金额最大的项目」「调增金额超过100万元」: the change word carries the direction, 全年预算 against 年初
    _Rule("change_word_order", r"v" + _ + r"F" + _ + r"R" + _ + r"N?", lambda t, f, c: _adjust_after(t)
          and _r_change_order([Token("F", "", t[0].start, t[0].start, "annual_budget")] + list(t), f, c)),
    _Rule("change_word_num", r"v" + _ + r"F" + _ + r"c?" + _ + r"C?" + _ + r"c?" + _ + r"N" + _ + r"S?",
          lambda t, f, c: _adjust_after(t) and _r_change(
              [Token("F", "", t[0].start, t[0].start, "annual_budget")] + [x for x in t if x.type != "F"], f, c)),
    _Rule("rank_range", r"[Rt]?" + _ + r"j" + _ + r"N" + _ + r"r" + _ + r"j?" + _ + r"N" + _ + r"v?", _r_rank_range),
    _Rule("rank", r"[Rt]?" + _ + r"j" + _ + r"N" + _ + r"v?", _r_rank),
    _Rule("topn", r"[tR]" + _ + r"N", _r_topn),
    # 「是年初预算的几倍」「只有年初预算的百分之几」 (not 「增幅」, a change)
    _Rule("ratio", r"[FIk]?" + _ + r"[cCu]" + _ + r"F" + _ + r"(?:A|%)", lambda t, f, c: (
        t[-1].text in ("百分之多少", "百分之几", "多少%", "几%", "几成") or t[-1].value == "times")
        and _r_ratio(t, f, c)),
    _Rule("cell_text", r"F" + _ + r"c" + _ + r"[QGT]", _r_cell_text),
    # 「除了规建办以外」「社发办以外的项目」「除社发办外」: every office but the one named
    _Rule("except_office", r"(?:e" + _ + r"O(?:" + _ + r"&" + _ + r"O)*(?:" + _ + r"e)?|O(?:" + _ + r"&" + _ + r"O)*" + _
          + r"e)", lambda t, f, c: _r_except_office(t, f, c)),
    _Rule("exclude", r"(?:F" + _ + r"[cC]?" + _ + r"N" + _ + r"e|e" + _ + r"F" + _ + r"[cC]?" + _ + r"N)", _r_exclude),
    _Rule("blank", r"(?:b" + _ + r"[FW]|[FW]" + _ + r"b)", _r_blank),
    _Rule("not_office", r"n" + _ + r"O", _r_not_office),
    # 「一级指标是满意度指标的」「二级指标为时效指标」: the level named, not the broad category
    _Rule("level_is", r"F" + _ + r"[cC]?" + _ + r"K", lambda t, f, c: t[0].value in ("level1", "level2")
          and _r_level_is(t, f, c)),
    # 「满意度一级指标下」「产出（一级指标）」: the category, then the level it is named at
    _Rule("level_after", r"K" + _ + r"F", lambda t, f, c: t[-1].value in ("level1", "level2")
          and _r_level_is([t[-1], t[0]], f, c)),
    # 「总分带小数点、不是整数」: whether the figure is a whole number
    _Rule("whole", r"[Fs]" + _ + r"c?" + _ + r"i(?:" + _ + r"&" + _ + r"i)*", lambda t, f, c: _r_whole(t, f, c)),
    # 「有3个及以上项目的科室」「项目数在5个及以上的科室」: offices by how many projects they have
    _Rule("having", r"(?:EAc?)?c?" + _ + r"N" + _ + r"S?" + _ + r"(?:E" + _ + r")?E",
          lambda t, f, c: _r_having(t, f, c)),
    # 「财政所、规建办、社发办三家」「优、良两档」: how many were just listed, not a value
    _Rule("count_of_list", r"N", lambda t, f, c: _counts_the_list(t[0], c)),
    # 「产出指标下面四个二级指标各有多少条」「组织科两个项目总分都是94分」: how many there are, not a value
    _Rule("count_of_level", r"N(?=" + _ + r"F)", lambda t, f, c: (_next_field(t[0], c) in ("level1", "level2")
                                                                 or _next_word(t[0], c).startswith("项目"))
          and _r_count_of_subject(t, f, c)),
    # 「二级指标各有多少条」「一级指标分别扣了多少分」: one group per category of that level
    _Rule("level_each", r"F(?=" + _ + r"[VA])", lambda t, f, c: t[0].value in ("level1", "level2")
          and _next_word(t[0], c).startswith(("各", "分别")) and _r_group_by_field(t, f, c)),
    # indicator anchors followed by a threshold: 满意度实际低于80%
    _Rule("anchor_value", r"[KIk]" + _ + r"(?:A" + _ + r")?F?" + _ + r"[Cc]?" + _ + r"N" + _ + r"(?:r" + _ + r"N)?" + _ + r"S?",
          _r_anchor_value),
    # 「实际比目标多了多少」: the gap between an indicator's actual and target
    # 「投诉数比目标上限超出了几次」「离目标还差多少」「离目标值差几个百分点」: the gap too
    _Rule("gap", r"F?" + _ + r"B" + _ + r"F" + _ + r"(?:v" + _ + r"[A%]|C" + _ + r"[A%]|V)",
          lambda t, f, c: _r_gap(t, f, c)),
    # 「全年预算比年初预算减少得最多」: an order on the change itself
    # field vs field: 执行数低于全年预算 / 执行数和预算一致
    _Rule("fields_equal", r"F" + _ + r"[&B]" + _ + r"F" + _ + r"n?" + _ + r"v", _r_fields_equal),
    _Rule("equal_ctx_field", r"[&B]" + _ + r"F" + _ + r"n?" + _ + r"v", lambda t, f, c: c.last_field is not None
          and _r_fields_equal([Token("F", "", t[0].start, t[0].start, c.last_field)] + list(t), f, c)),
    # 「是年初预算的10倍以上」「仅为年初预算的六分之一」: one figure as a multiple of another
    _Rule("multiple", r"F?" + _ + r"[cC]" + _ + r"F" + _ + r"N" + _ + r"S?", lambda t, f, c: _r_multiple(t, f, c)),
    _Rule("field_vs_field", r"F" + _ + r"C" + _ + r"F", _r_field_vs_field),
    # change of one figure against another: 全年预算比年初预算增加(超过)100万元(以上) / 增加了多少 / 增长百分之多少
    _Rule("change_to", r"F" + _ + r"v" + _ + r"r" + _ + r"N", lambda t, f, c: t[-2].text in ("至", "到")
          and _r_field_cmp([t[0]] + [x for x in t if x.type == "N"], f, c)),
    _Rule("change_total", r"F" + _ + r"A?" + _ + r"B" + _ + r"F" + _ + r"A?" + _ + r"v" + _ + r"[A%]+",
          lambda t, f, c: any(x.type == "A" and x.value == "sum" for x in t[:-1]) and _r_change_total(t, f, c)),
    _Rule("change", r"F?" + _ + r"B" + _ + r"F" + _ + r"v" + _ + r"(?:[Cc]" + _ + r")?(?:N" + _ + r"S?|[A%]+)?",
          _r_change),
    _Rule("change_with_base", r"F?" + _ + r"B" + _ + r"F" + _ + r"N" + _ + r"v" + _ + r"(?:[Cc]" + _ + r")?N" + _
          + r"S?", lambda t, f, c: _r_change_with_base(t, f, c)),
    _Rule("adjust_plain", r"F" + _ + r"(?:有|c)?" + _ + r"v" + _ + r"(?:[Cc]" + _ + r")?(?:N" + _ + r"S?|[A%]+)?",
          lambda t, f, c: _r_change(t, f, c) if t[0].value == "annual_budget" else False),
    # 「（全年预算比年初增加了35万元，）增长35%」「调减了46.94万元」: a change of the figure just named
    _Rule("change_ctx", r"v" + _ + r"(?:[Cc]" + _ + r")?N" + _ + r"S?", lambda t, f, c: c.last_field in (
        "annual_budget", "adjust", "adjust_pct")
          and _r_change([Token("F", "", t[0].start, t[0].start, "annual_budget")] + list(t), f, c)),
    # 「低于95%的年度目标」: after a number, 年度目标 is the indicator's target, not the project's goal
    _Rule("target_met", r"[C_M]" + _ + r"C?" + _ + r"N?" + _ + r"[FW]", lambda t, f, c: (
        t[-1].value == "target" or t[-1].text == "年度目标") and (t[0].type in "CM" or t[0].text == "达到了")
        and _r_target_met(t, f, c)),
    _Rule("vs_target", r"(?:C" + _ + r"F" + _ + r"S?|B" + _ + r"F" + _ + r"v)", lambda t, f, c: any(
        x.type == "F" and x.value == "target" for x in t) and _r_vs_target(t, f, c)),
    _Rule("cmp_ctx_field", r"C" + _ + r"F", _r_cmp_ctx_field),
    # 「全年预算增幅超过60%」「预算增长率达到两成以上」
    _Rule("pct_change", r"F?" + _ + r"%" + _ + r"[Cc]" + _ + r"[Cc]?" + _ + r"N" + _ + r"S?", lambda t, f, c: _r_pct_change(t, f, c)),
    _Rule("field_diff", r"F" + _ + r"&" + _ + r"F" + _ + r"(?:V|A)*", lambda t, f, c: any(
        x.type == "V" and x.text in L.DIFFERENCE_WORDS for x in t) and _r_field_diff(t, f, c)),
    _Rule("change_pct", r"F?" + _ + r"B" + _ + r"F" + _ + r"%" + _ + r"(?:[Cc]" + _ + r"[Cc]?" + _ + r"N" + _ + r"S?)?",
          lambda t, f, c: _r_change(
        t + [Token("v", "", t[-1].start, t[-1].start, 1)], f, c)),
    _Rule("count_of_subject", r"N" + _ + r"E", _r_count_of_subject),
    # 「年初预算和全年预算都超过1000万元」「年初、全年预算都是2万元」: the threshold holds for both figures
    _Rule("fields_num", r"F" + _ + r"&" + _ + r"F" + _ + r"c?" + _ + r"C?" + _ + r"c?" + _ + r"N" + _ + r"(?:r" + _
          + r"N)?" + _ + r"S?", lambda t, f, c: _r_fields_num(t, f, c)),
    # 「执行数高于全镇平均水平」「总分低于社发办平均分」: against the average of that figure
    _Rule("vs_average", r"[Fs]" + _ + r"C" + _ + r"O?" + _ + r"A" + _ + r"s?", lambda t, f, c: _r_vs_average(t, f, c)),
    # field with a number: 执行率低于90% / 全年预算在1000万元以上 / 总分在90到95分之间 / 执行率100%
    _Rule("field_num", r"[Fsl]" + _ + r"c?" + _ + r"C?" + _ + r"c?" + _ + r"N" + _ + r"(?:r" + _ + r"N)?" + _ + r"S?",
          _r_field_cmp),
    _Rule("field_num_between", r"[Fsl]" + _ + r"c?" + _ + r"N" + _ + r"r" + _ + r"N" + _ + r"S?", _r_field_cmp),
    # grades
    _Rule("grades_or", r"(?:F" + _ + r")?[cC]?" + _ + r"n?" + _ + r"G" + _ + r"(?:[o&]" + _ + r"G" + _ + r")+",
          _r_grades_or),
    _Rule("grade", r"n?" + _ + r"F" + _ + r"[cC]?" + _ + r"n?" + _ + r"[cC]?" + _ + r"G" + _ + r"S?", _r_grade),
    _Rule("grade_bare", r"n?" + _ + r"C?" + _ + r"G" + _ + r"S?", _r_grade),
    # statuses, met, deducted
    _Rule("status", r"(?:[FW]" + _ + r")?[cC]?" + _ + r"n?" + _ + r"[cC]?" + _ + r"T", _r_status),
    _Rule("met_exactly", r"C" + _ + r"M", lambda t, f, c: t[0].text in ("刚好", "正好", "恰好", "刚刚好")
          and t[-1].value is True and _r_met_exactly(t, f, c)),
    _Rule("met", r"n?" + _ + r"M", _r_met),
    # 「资金执行得分都是满分10分」: 满分 says the figure just named is full marks (the number says which)
    _Rule("full_marks", r"D(?=" + _ + r"N)", lambda t, f, c: not t[0].value and _after_project_score(t[0], c)),
    # 「所有指标扣分加起来达到10分或以上的项目」: the project's points lost in all, compared
    _Rule("summed_lost", r"l" + _ + r"A" + _ + r"c?" + _ + r"C" + _ + r"N" + _ + r"S?", lambda t, f, c: t[1].value == "sum"
          and _head_subject(c.tokens) != "indicator" and _r_field_cmp(
              [Token("F", t[0].text, t[0].start, t[0].end, "lost_score")] + [x for x in t[2:]], f, c)),
    # 「被扣分超过5分」: points lost, compared (not 「有扣分」 and a score above 5)
    _Rule("deducted_num", r"D" + _ + r"c?" + _ + r"C" + _ + r"N" + _ + r"(?:r" + _ + r"N)?" + _ + r"S?",
          lambda t, f, c: t[0].value is True and t[0].text in L.LOST_AMOUNT_WORDS and _r_lost_cmp(t, f, c)),
    _Rule("deducted", r"n?" + _ + r"D", _r_deducted),
    # bare thresholds: 低于90分 / 90分以下 / 在90到95分之间
    _Rule("bare_num", r"[Cc]?" + _ + r"N" + _ + r"(?:r" + _ + r"N)?" + _ + r"S?", _r_bare_cmp),
    # name contains
    # 「实施单位含平安建设办公室的」: every word up to 的 is what is looked for, however it was tokenized
    _Rule("contains_span", r"w", lambda t, f, c: _r_contains_span(t, f, c)),
    _Rule("contains", r"w" + _ + r"[QP?kK]" + _ + r"(?:字|的)?", _r_contains),
    _Rule("contains_after", r"[QP?kK]" + _ + r"w", _r_contains),
    # indicator anchors
    _Rule("anchor", r"[KIk]", _r_anchor),
    # order and top-N
    _Rule("order", r"R", _r_order),
    # group, compare, than, percentages, shares
    _Rule("group", r"g", _r_group),
    _Rule("than", r"B" + _ + r"(?:[PO]" + _ + r")?(?:[Fs]" + _ + r")?v" + _ + r"(?:F" + _ + r")?[A%]?", _r_than),
    _Rule("compare", r"V", _r_compare),
    # 「没有调整过的项目」: the budget was not adjusted (said again after 「年初和全年预算一样」, it adds nothing)
    _Rule("not_adjusted", r"v", lambda t, f, c: t[0].value == 0 and t[0].text in L.NOT_ADJUSTED and _r_not_adjusted(t, f, c)),
    _Rule("direction", r"v", _r_direction),
    _Rule("percent", r"%", _r_percent),
    _Rule("share", r"h", _r_share),
    # intents, measures, subjects, follow-ups
    _Rule("intent", r"W", _r_intent),
    _Rule("lost_exists", r"(?<![Rt])l(?=" + _ + r"(?:E|$))", _r_lost_exists),
    # 「存在扣分的三级指标」: 三级指标 names the rows, as 指标 does
    _Rule("lost_rows", r"(?<![Rt])l(?=" + _ + r"F)", lambda t, f, c: _names_rows_after(t[0], c)
          and _r_lost_exists(t, f, c)),
    # 「扣分的有几条」: what is counted is the rows with points lost
    _Rule("lost_counted", r"(?<![Rt])l(?=_+c?" + _ + r"A)", lambda t, f, c: _counted_after(t[0], c)
          and _r_lost_exists(t, f, c)),
    _Rule("field", r"[Fsl]", _r_field),
    _Rule("measure", r"A", _r_measure),
    _Rule("subject", r"E", _r_subject),
    _Rule("follow", r"H", _r_follow),
    _Rule("or", r"o", _r_or),
    _Rule("filler", r"[_c&r~]", _r_filler),
    _Rule("only", r"u", _r_filler),  # 「只有年初预算的百分之几」: in a question, 只有 asserts nothing
]


@dataclass
class _Ctx:
    """What rules may consult: whether the question is about indicators (for 得分/扣分)."""

    indicator_hint: bool
    last_field: str | None = None
    which: bool = False  # the question asks 哪个/谁
    grade_context: bool = False  # a bare 差 is a grade only in 「差的项目」「评为差」
    indicator_names_contain: bool = False  # 「名称里带X的指标」 filters indicator names
    aggregate: bool = False  # the question asks a total or an average (「汇总扣分」 adds up points)
    tokens: list = field(default_factory=list)  # the whole question, for what comes before a match
    carried: str | None = None  # the field the previous sentence of a statement spoke of

    def prior_field(self, pos: int, unit: str | None) -> str | None:
        """The nearest field named before ``pos`` that a number with ``unit`` can be a value of."""
        kind = L.UNITS.get(unit, (None,))[0] if unit else None
        for t in reversed(self.tokens):
            if t.start < pos and t.type == "F" and t.value in L.FIELD \
                    and L.FIELD[t.value].kind in ("money", "percent", "score") \
                    and (kind is None or L.FIELD[t.value].kind == kind):
                return t.value
        return None

    def score_key(self, t: Token) -> str | None:
        if t.type == "s":
            return "score" if self.indicator_hint else "total_score"
        if t.type == "l":
            return "lost" if self.indicator_hint else "lost_score"
        return None


def apply_rules(tokens: list[Token], ctx: _Ctx) -> Fragments:
    """Run the rule table over the tokens; every match consumes its tokens."""
    fr = Fragments()
    ctx.tokens, ctx.carried = tokens, ctx.last_field
    ctx.last_field = ctx.last_field or next((t.value for t in tokens if t.type == "F" and t.value in L.FIELD
                                             and L.FIELD[t.value].kind in ("money", "percent", "score")), None)
    for rule in RULES:
        while True:
            live = [t for t in tokens if not t.used]
            types = "".join(t.type for t in live)
            matched = False
            for m in rule.regex.finditer(types):
                if m.end() == m.start():
                    continue
                group = live[m.start():m.end()]
                if rule.build(group, fr, ctx):
                    for t in group:
                        t.used = True
                    if rule.name in ("field_num", "field_num_between", "field_vs_field"):
                        ctx.last_field = next((fr.conds[-1][1].field for _ in [0] if fr.conds), ctx.last_field)
                    matched = True
                    break  # types changed: match again from the start
            if not matched:
                break
    return fr


# -- the understander -------------------------------------------------------------------------------------------------

class Understander:
    """Turns a question into a ``Plan``, using the corpus vocabulary to recognize names."""

    def __init__(self, vocab: Vocabulary):
        self.vocab = vocab
        self.names = NameTable(vocab)

    # -- entities used by other stages ----------------------------------------------------------------------

    def mentioned_projects(self, text: str) -> tuple[list[str], bool]:
        """Projects a text names (exact, without office, or by a distinctive piece); ambiguous if several fit."""
        tokens = tokenize(normalize(text), self.names)
        mentions = [t for t in tokens if t.type == "P"]
        offices = [t.value[0] for t in tokens if t.type == "O"]
        return _resolve_projects(mentions, offices, self.vocab)

    def mentioned_offices(self, text: str) -> list[str]:
        tokens = tokenize(normalize(text), self.names)
        out = [t.value[0] for t in tokens if t.type == "O"]
        out += [t.value[1] for t in tokens if t.type == "U" and t.value[1]]
        return list(dict.fromkeys(out))

    def match_indicator(self, project: str, text: str) -> list[str]:
        """三级 names of ``project`` that ``text`` names (best coverage first; several if tied).

        A name is scored by how much of it the text covers in pieces of two or more characters, so
        「稳定安置了多少就业困难人员」 names 「稳定安置就业困难人员」 rather than 「就业困难人员满意度」."""
        names = self.vocab.indicators.get(project, [])
        text = _plain(text)
        scored = []
        for name in names:
            plain = _plain(name)
            covered = _coverage(plain, text)
            core = re.sub(r"(情况|及时性|性|率|度|数量|数)$", "", plain) or plain
            score = covered / max(len(plain), 1) + (1.0 if plain in text else 0.0) + (0.5 if core in text else 0.0)
            if covered >= 2 and (covered >= 4 or covered / len(plain) >= 0.5 or plain in text):
                scored.append((score, covered, name))
        scored.sort(key=lambda s: (-s[0], -s[1], s[2]))
        if not scored:
            return []
        best = scored[0][0]
        return [n for s, _, n in scored if s >= best - 1e-9]

    # -- the question -----------------------------------------------------------------------------------------

    def parse(self, question: str, context: Context | None = None) -> Plan:
        text = normalize(question)
        if not text:
            return Plan("refuse", text=question, refusal="empty")
        if len(question) > MAX_QUESTION:
            return Plan("refuse", text=question[:200], refusal="too_long")
        text = re.sub(r"翻(了)?(一)?(番|倍)", "增加1倍", text)
        text = re.sub(r"\(含[^()]{0,20}\)", "", text)  # 「（含92和94）」: 在…之间 includes both ends already
        # 「3个及以上项目的科室」: 及以上 is the threshold's, not 「以上项目」 (the projects above)
        text = re.sub(r"(\d+|[一二两三四五六七八九十]+)个(及)?(以上|以下)项目", r"\1个及\3的项目", text)
        included = _INCLUDED.search(text)
        if included:  # 「（年初为0的也算）」: rows the user wants counted too, read on their own below
            text = text[:included.start()] + text[included.end():]
            plan = self.parse(text, context)
            return _with_included(plan, included.group(1) or included.group(2), self.names)
        tokens = tokenize(text, self.names)
        if any(t.type == "#" for t in tokens):
            asks = [t for t in tokens if t.type == "A" and t.value in ("count", "list", "value", "sum", "avg", "median",
                                                                        "times")]
            if not asks or any(t.type == "N" for t in tokens):
                return Plan("check", text=question)
            # 「烦请核对：…共有多少条？」: asked as a question, answered as one (核对 is politeness here)
            tokens = [t for t in tokens if t.type != "#"]
        if any(t.type == "$" for t in tokens) and (any(t.type == "?" or t.type == "_" and t.text in L.SUMMARY_VERBS
                                                     for t in tokens) or re.search(
                "|".join(L.SUMMARY_VERBS), text)):
            return self._summary_plan(question, tokens)
        self._resolve_unknown(tokens)
        _categories_in_lists(tokens)
        _office_that_project(tokens, self.vocab)
        indicator_hint = any(t.type in "KIkTMD" for t in tokens) or any(
            t.type == "E" and t.value == "indicator" for t in tokens) or any(
            t.type == "F" and L.FIELD.get(t.value) and L.FIELD[t.value].level == "indicator" for t in tokens)
        which = any(t.text.startswith(("哪个", "哪一个", "谁", "是哪个", "哪项", "哪家")) for t in tokens)
        grade_context = bool(re.search(r"(优|良|中|差)(等|级)?的项目|「(优|良|中|差)」", text))
        ind_names = bool(re.search(r"名称|名字", text)) and _head_subject(tokens) == "indicator"
        aggregate = any(t.type == "A" and t.value in ("sum", "avg") for t in tokens) and not any(
            t.type == "A" and t.value == "count" for t in tokens)  # 「总共几条」 counts rows
        fr = apply_rules(tokens, _Ctx(indicator_hint, which=which, grade_context=grade_context,
                                      indicator_names_contain=ind_names, aggregate=aggregate))
        for t in tokens:  # entities are consumed by being recognized
            if t.type in "POULYI":
                t.used = True
        plan = _category_points_per_project(assemble(question, tokens, fr, self, context), tokens)
        if plan.intent == "query" and plan.subject == "project" and len(set(plan.scope.projects)) == 1 \
                and [m.op for m in plan.measures] == ["count"] and not (plan.conds or plan.clauses or plan.group_by):
            # 「X开设了多少个Y」 with Y not read: counting the one project named would answer another question
            words = tuple(t.text for t in tokens if t.type == "A" and t.value == "count") or (plan.text,)
            return plan.with_(intent="refuse", refusal="unknown", unknown=words)
        if fr.having:
            if plan.intent != "query" or plan.group_by != "office" or plan.subject != "project":
                return plan.with_(intent="refuse", refusal="unknown", unknown=tuple(c.words for c in fr.having))
            plan = plan.with_(having=tuple(fr.having))
        asked = re.search(r"(?:多少|几)(亿)?元|(?:多少|几)个?亿", text)
        if asked and plan.intent == "query":  # 「执行了多少元」: the forms say 万元; the answer says both
            plan = plan.with_(money_unit="亿元" if "亿" in asked.group(0) else "元")
        return plan

    def _summary_plan(self, question: str, tokens: list[Token]) -> Plan:
        projects, ambiguous = _resolve_projects([t for t in tokens if t.type == "P"],
                                                [t.value[0] for t in tokens if t.type == "O"], self.vocab)
        offices = [t.value[0] for t in tokens if t.type == "O"]
        if ambiguous:
            return Plan("clarify", text=question, candidates=tuple(projects))
        return Plan("summarize", text=question, scope=Scope(projects=tuple(projects), offices=tuple(offices)))

    def _resolve_unknown(self, tokens: list[Token]) -> None:
        """Unknown runs that name a place outside the store, or an indicator of a named or single project."""
        named = [t.value[0] for t in tokens if t.type == "P" and len(t.value[0]) == 1]
        for t in tokens:
            if t.type != "?":
                continue
            if re.search(r"(街道|镇|区|县|市|乡)$", t.text) and t.text not in L.NOT_PLACES and len(t.text) >= 3:
                t.type, t.value = "X", t.text
                continue
            if re.fullmatch(r"[a-z]+", t.text) or not re.search(r"[\u4e00-\u9fff]", t.text):
                continue
            for project in {p[0] for p in named}:
                found = self.match_indicator(project, t.text)
                if found:
                    t.type, t.value = "I", (found[0], project)
                    break
            else:
                if len(t.text) >= 3:
                    owners = self._indicator_owners(t.text)
                    if owners:
                        name, projects = owners
                        t.type, t.value = "I", (name, projects[0] if len(projects) == 1 else None)

    def _indicator_owners(self, text: str) -> tuple[str, list[str]] | None:
        """An indicator name that ``text`` is a large part of, and the projects that have it."""
        best = None
        for name, owners in self.names.indicator_owner.items():
            plain = _plain(name)
            if text in plain and len(text) / len(plain) >= 0.5:
                score = len(text) / len(plain)
                if best is None or score > best[0]:
                    best = (score, name, owners)
        return (best[1], best[2]) if best else None


def _part_of(word: str, name: str) -> bool:
    """A word of the question is part of an indicator's name: two characters of it in a row, or its one character."""
    if len(word) == 1:
        return word in name
    return any(word[i:i + 2] in name for i in range(len(word) - 1))


def _coverage(name: str, text: str) -> int:
    """Characters of ``name`` covered by pieces of two or more characters that also occur in ``text``."""
    covered, i = 0, 0
    while i < len(name):
        j = i + 2
        while j <= len(name) and name[i:j] in text:
            j += 1
        if j - 1 - i >= 2:
            covered += j - 1 - i
            i = j - 1
        else:
            i += 1
    return covered


def _resolve_projects(mentions: list[Token], offices: list[str], vocab: Vocabulary) -> tuple[list[str], bool]:
    """The projects several mentions name: adjacent pieces narrow each other; an office picks among namesakes."""
    groups: list[tuple[str, ...]] = []
    for t in mentions:
        cands = t.value[0]
        if groups and t.value[1] == "piece" and groups[-1] and set(groups[-1]) & set(cands) \
                and getattr(t, "_adjacent", False):
            groups[-1] = tuple(sorted(set(groups[-1]) & set(cands)))
        else:
            groups.append(tuple(cands))
    out: list[str] = []
    ambiguous = False
    for cands in groups:
        if len(cands) > 1 and offices:
            picked = [c for c in cands if any(c.startswith(o) for o in offices)]
            if picked:
                cands = tuple(picked)
        if len(cands) > 1:
            ambiguous = True
        out += [c for c in cands if c not in out]
    return out, ambiguous


# -- assembly ---------------------------------------------------------------------------------------------------------

@dataclass
class Reading:
    """What a question or claim says before its measures are decided: the base plan and the loose parts."""

    plan: Plan
    fields: list[str]
    subjects: list[str]
    named: list[str]  # 三级 names of the single named project


def assemble(question: str, tokens: list[Token], fr: Fragments, u: Understander, context: Context | None) -> Plan:
    """Build the plan from the recognized entities and the rules' fragments; refuse what cannot be placed."""
    reading = base_plan(question, tokens, fr, u)
    if isinstance(reading, Plan):
        return reading
    plan, fields, subj_words, named_inds = reading.plan, reading.fields, reading.subjects, reading.named
    projects = plan.scope.projects
    offices = plan.scope.offices
    clauses = plan.clauses
    # 5. Intents that are not queries.
    if fr.intents and fr.intents[0] == "goal" and named_inds:
        # 「垃圾厢房摄像头接入率的实际完成情况」: the named indicator's actual value, not the project's goals.
        fr.intents = fr.intents[1:]
        fields.append("actual")
    if fr.intents and context is not None and len(context.projects) == 1 and _subjectless(plan, fr, tokens):
        projects = (context.projects[0],)  # 「为什么这么低？」 after a question about one project
        plan = plan.with_(scope=plan.scope.with_(projects=projects), follow_up=True)
    if fr.intents:
        intent = fr.intents[0]
        if intent == "form" and not projects:
            intent = "query" if (plan.conds or clauses or offices) else intent
        if intent in ("reason", "goal", "form"):
            which = "both"
            words = question
            if intent == "goal":
                if re.search(r"目标", words) and not re.search(r"完成|做了|干了|成效|取得", words):
                    which = "goal"
                elif re.search(r"完成|做了|干了|成效|取得", words) and not re.search(r"目标", words):
                    which = "achieved"
            return plan.with_(intent=intent, fields=(which,) if intent == "goal" else tuple(fields),
                              indicator_words="".join(t.text for t in tokens if t.type == "I"))

    return _query_plan(plan, fr, tokens, fields, subj_words, context)


def base_plan(question: str, tokens: list[Token], fr: Fragments, u: Understander) -> Reading | Plan:
    """Scope, conditions and indicator clauses; a refusal plan when something cannot be placed."""
    vocab = u.vocab
    plan = Plan(text=question)
    # 1. Things the store cannot answer: other places and years, things a form never records.
    outside = [t.value[0] if isinstance(t.value, tuple) else t.value for t in tokens if t.type == "X"]
    if outside:
        return plan.with_(intent="refuse", refusal="place", unknown=tuple(dict.fromkeys(outside)))
    years = [t.value for t in tokens if t.type == "Z"]
    if years:
        return plan.with_(intent="refuse", refusal="year", unknown=tuple(str(y) for y in dict.fromkeys(years)))
    if any(t.type == "y" for t in tokens):
        return plan.with_(intent="refuse", refusal="relative_year",
                          unknown=tuple(t.text for t in tokens if t.type == "y"))
    not_recorded = [t.text for t in tokens if t.type == "x"]
    if not_recorded:
        return plan.with_(intent="refuse", refusal="not_recorded", unknown=tuple(dict.fromkeys(not_recorded)))
    for i, t in enumerate(tokens[:-1]):
        # 「具体改造了哪几个小区」「每个小区花了多少钱」: things the forms do not list (a word of a project's name
        # that is not followed by 项目 is what is asked after)
        if (t.type == "A" and t.value in ("list", "count")) or t.text in ("每个", "每一个", "各个"):
            nxt = tokens[i + 1]
            after = next((x for x in tokens[i + 2:] if x.type != "_"), None)
            if nxt.type == "P" and nxt.value[1] == "piece" and (after is None or after.type != "E"):
                return plan.with_(intent="refuse", refusal="not_recorded", unknown=(nxt.text,))

    # 2. Words nobody placed. With one project named, they may name one of its indicators in the user's words
    # (「采购防疫物资为什么不及时」 → 「防疫物资采购及时率」).
    leftover = [t for t in tokens if not t.used and t.type not in "POULYI"]
    strong = {n for t in tokens if t.type == "P" and t.value[1] in ("name", "core") for n in t.value[0]}
    pieces = [t for t in tokens if t.type == "P" and t.value[1] == "piece" and t.role != "contains"]
    named = strong or {t.value[0][0] for t in tokens if t.type == "P" and len(t.value[0]) == 1 and t.role != "contains"}
    if (leftover or (strong and pieces)) and len(named) == 1:
        # Pieces of other names (「采购」) and unknown words may name one of this project's indicators.
        project = next(iter(named))
        # the question without the words that name the project itself (「便民巴士」 is not an indicator word)
        words = "".join(t.text for t in tokens if not (t.type == "P" and project in t.value[0]))
        found = u.match_indicator(project, words)
        if found:
            figures = [t for t in leftover if t.type == "N"]
            # only words that are part of the indicator's name are read as naming it (「离」「百分点」 are not)
            naming = [t for t in leftover if t.type != "N" and _part_of(t.text, found[0])]
            for i, t in enumerate(tokens[:-1]):  # 「为什么不及时」: a 不 before the name's words says it failed
                after = next((x for x in tokens[i + 1:] if not (x.type == "&" and _part_of(x.text, found[0]))), None)
                if t in leftover and t.type == "n" and after in naming:
                    naming.append(t)
            rest = [t for t in leftover if t.type != "N" and t not in naming]
            for t in naming + (pieces if strong else []):
                t.used = True
                if t.type == "P":
                    t.role = "indicator_words"
            leftover = naming
            # the whole question's match replaces partial ones made word by word (「防疫物资」→「防疫物资合格率」)
            fr.anchors = [(pos, a) for pos, a in fr.anchors if not (a.field == "name" and a.op == "=")]
            fr.anchors.append((leftover[0].start if leftover else 0, Cond("name", "=", found[0], words=words)))
            leftover = rest
            for t in figures:  # 「全年科普活动参与628人次」: the figure left over is that indicator's actual value
                if not t.used:
                    value, unit = t.value
                    fr.iconds.append((t.start, Cond("actual_value", "=", value, unit=_qunit(unit), words=t.text,
                                                    stated=_stated(t))))
                    t.used = True
            fr.unplaced = []
    unknown = [t.text for t in leftover]
    if fr.unplaced:
        return plan.with_(intent="refuse", refusal="unplaced", notes=tuple(fr.unplaced), unknown=tuple(unknown))
    if fr.or_words:
        unknown += [f"「{w}」（几个条件之间的“或”）" for w in fr.or_words]
    if leftover and any(m in ("list", "count") for _, m in fr.measures) and not fr.fields:
        # 「社区有哪些项目」: a word found in project names, read as 「名称含「社区」」 (and said so in the answer).
        words = [t for t in leftover if re.fullmatch(r"[\u4e00-\u9fff]{2,}", t.text)
                 and any(t.text in n for n in vocab.projects)]
        if len(words) == len(leftover):
            fr.name_contains += [t.text for t in words]
            for t in words:
                t.used = True
            unknown = [w for w in unknown if w not in {t.text for t in words}]
    if unknown:
        return plan.with_(intent="refuse", refusal="unknown", unknown=tuple(dict.fromkeys(unknown)))

    # 3. Entities.
    p_tokens = [t for t in tokens if t.type == "P" and t.role not in ("contains", "indicator_words")]
    for a, b in zip(p_tokens, p_tokens[1:]):
        between = [t for t in tokens if a.end <= t.start < b.start]
        b._adjacent = all(t.type == "_" for t in between)  # type: ignore[attr-defined]
    offices = list(dict.fromkeys([t.value[0] for t in tokens if t.type == "O" and t.role != "excluded"]))
    units = [t.value[0] for t in tokens if t.type == "U"]
    unit_offices = [t.value[1] for t in tokens if t.type == "U" and t.value[1]]
    projects, ambiguous = _resolve_projects(p_tokens, offices + unit_offices, vocab)
    if p_tokens and projects:
        # an office that only picked a project out of its namesakes is not a scope of its own
        offices = [o for o in offices if not any(p.startswith(o) for p in projects)]
    departments = list(dict.fromkeys(t.value[0] for t in tokens if t.type == "L"))
    year_list = [t.value for t in tokens if t.type == "Y"]
    ind_tokens = [t for t in tokens if t.type == "I"]
    # An indicator name that only one project has names that project too.
    for t in ind_tokens:
        owner = t.value[1] if isinstance(t.value, tuple) else None
        if owner and not projects and not offices and len(vocab.indicators) > 0 and not fr.measures \
                and not fr.subjects:
            projects = [owner]
    if ambiguous and not (fr.name_contains or fr.measures and any(m == "list" for _, m in fr.measures)
                          and not fr.fields):
        return plan.with_(intent="clarify", candidates=tuple(projects),
                          indicator_words="".join(t.text for t in p_tokens))
    if ambiguous:
        # 「消防相关的项目有哪些」: a piece of several names used as a filter word.
        fr.name_contains += [t.text for t in p_tokens if t.value[1] == "piece"]
        projects = []
    scope = Scope(projects=tuple(projects), offices=tuple(offices), units=tuple(u for u, o in zip(units, unit_offices)
                                                                                 if o not in offices),
                  departments=tuple(departments) if len(vocab.departments) > 1 else (),
                  years=tuple(year_list) if len(vocab.years) > 1 else (),
                  name_contains=tuple(dict.fromkeys(fr.name_contains)))

    # 4. Indicator clauses: each predicate joins the nearest anchor before it (else after it).
    subject = "project"
    subj_words = [s for _, s in fr.subjects]
    fields = [f for _, f in fr.fields]
    indicator_fields = [f for f in fields if L.FIELD[f].level == "indicator"]
    # Indicator names of a named project are the indicator the question is about, not a filter.
    named_inds: list[str] = []
    if len(projects) == 1:
        own = set(vocab.indicators.get(projects[0], []))
        for pos, a in list(fr.anchors):
            if a.field == "name" and a.op == "=":
                # Another project's indicator name (「群众满意度」) may be this project's own in other words
                # (「受益群众满意度」).
                mine = [a.value] if a.value in own else u.match_indicator(projects[0], a.value)
                if mine:
                    named_inds.append(mine[0])
                    fr.anchors.remove((pos, a))
    clauses = _clauses(fr)
    head = _head_subject(tokens)
    if head == "indicator" and (any(m in ("list", "count") for _, m in fr.measures) or fr.order
                                or fr.group_by):
        subject = "indicator"
    elif fr.group_by in ("level1", "level2"):
        subject = "indicator"
    elif indicator_fields and not named_inds and not projects and "project" not in subj_words:
        subject = "indicator"
    elif indicator_fields and not named_inds and projects and (clauses or fr.measures):
        subject = "indicator"
    plan = plan.with_(scope=scope, subject=subject, clauses=clauses,
                      conds=tuple(c for _, c in sorted(fr.conds, key=lambda x: x[0])),
                      indicator_names=tuple(dict.fromkeys(named_inds)), follow_up=bool(fr.follow))
    return Reading(plan, fields, subj_words, named_inds)


def _head_subject(tokens: list[Token]) -> str | None:
    """What a list or count is of: the subject word right after the cue (「哪些项目」), else the last one before
    it (「…扣分的指标有几条」「有扣分指标的项目有几个」)."""
    cues = [i for i, t in enumerate(tokens) if t.type == "A" and t.value in ("list", "count", "value")]
    if not any(t.type == "E" for t in tokens):
        # 「被扣分的时效指标数量」: a category named as 「…指标」 right before the count is what is counted.
        for i in cues:
            prev = [t for t in tokens[:i] if t.type not in "_c"]
            if prev and prev[-1].type in "KI" and prev[-1].text.endswith("指标"):
                return "indicator"
        return None
    for i in cues:
        cue = tokens[i]
        own = [t for t in tokens if t.type == "E" and (t.start, t.end) == (cue.start, cue.end)]
        if own:  # a compound names its own subject: 「项目数量」「几条」
            return own[0].value
        for t in tokens[i + 1:]:  # 「哪些项目」, and a compound's own subject (「几个项目」)
            if t.type == "E":
                return t.value
            if t.type not in "_c" and t.start >= cue.end:
                break
        before = [t for t in tokens[:i] if t.type == "E" and t.start < cue.start]
        if before:
            return before[-1].value
    return [t for t in tokens if t.type == "E"][-1].value


def _clauses(fr: Fragments) -> tuple[IndicatorClause, ...]:
    anchors = sorted(fr.anchors, key=lambda a: a[0])
    if not anchors:
        if not fr.iconds:
            return ()
        return (IndicatorClause(tuple(c for _, c in sorted(fr.iconds, key=lambda x: x[0]))),)
    attached: dict[int, list[Cond]] = {i: [] for i in range(len(anchors))}
    for pos, cond in fr.iconds:
        before = [i for i, (apos, _) in enumerate(anchors) if apos <= pos]
        i = before[-1] if before else 0
        attached[i].append(cond)
    # Anchors with no predicate of their own share the next anchor's (「时效和质量指标扣分」).
    clauses: list[IndicatorClause] = []
    pending: list[Cond] = []
    for i, (_, a) in enumerate(anchors):
        if not attached[i] and i + 1 < len(anchors):
            pending.append(a)
            continue
        for p in pending:
            clauses.append(IndicatorClause((p,) + tuple(attached[i])))
        pending = []
        clauses.append(IndicatorClause((a,) + tuple(attached[i])))
    # 「满意度实际完成不到八成的满意度指标」: a category named again, bare, is the same rows (not an 「或」)
    def same(x: Cond, y: Cond) -> bool:
        return (x.field, x.op, x.value) == (y.field, y.op, y.value) or {x.field, y.field} == {"satisfaction"}
    kept = [c for c in clauses if not (len(c.conds) == 1 and any(
        other is not c and len(other.conds) > 1 and same(c.conds[0], other.conds[0]) for other in clauses))]
    return tuple(kept)


def _named_categories(plan: Plan) -> tuple[str, tuple[str, ...], tuple] | None:
    """(level, names, parent conds) when the plan's clauses are just two or more indicator categories of one level
    (「效益指标下社会效益、生态效益…」: a first 一级 category the 二级 ones sit under is a filter on them all)."""
    parent: tuple = ()
    clauses = plan.clauses
    first_cats = [c for c in clauses[0].conds if c.field in ("satisfaction", "level1", "level2")] if clauses else []
    if len(clauses) >= 3 and [c.field for c in first_cats] == ["level1"] and all(
            any(c.field == "level2" for c in cl.conds) for cl in clauses[1:]):
        parent, clauses = tuple(first_cats), clauses[1:]
    if len(clauses) < 2:
        return None
    kinds = ("satisfaction", "level1", "level2")
    conds, rests = [], set()
    for clause in clauses:
        cats = [c for c in clause.conds if c.field in kinds and c.op == "is"]
        if len(cats) != 1:
            return None
        conds.append(cats[0])
        rests.add(tuple((c.field, c.op, str(c.value)) for c in clause.conds if c is not cats[0]))
    if len(rests) != 1:
        return None  # 「时效指标扣分、质量指标达标」: each category with its own condition
    levels = {"level1" if c.field == "satisfaction" else c.field for c in conds}
    if len(levels) != 1 or not levels <= {"level1", "level2"}:
        return None
    level = levels.pop()
    values = tuple("满意度指标" if c.field == "satisfaction" else c.value for c in conds)
    return level, values, parent


def _query_plan(plan: Plan, fr: Fragments, tokens: list[Token], fields: list[str], subj_words: list[str],
                context: Context | None) -> Plan:
    """Measures, grouping, order and comparison of a query, with the checks that keep it a faithful reading."""
    measures = [m for _, m in fr.measures]
    scope = plan.scope
    n_entities = len(scope.projects) + len(scope.offices)
    cue_spans = {(t.start, t.end) for t in tokens if t.type == "A"}
    if plan.indicator_names and len(scope.projects) == 1 and measures == ["count"] and not any(
            t.type == "E" and (t.start, t.end) not in cue_spans for t in tokens):
        # 「X的企业申请数量实际完成了多少个」「社区学校开设了多少个教学班」: the indicator's own figure, not a count
        measures = ["value"]
    categories = _named_categories(plan)
    if categories is not None and not fr.group_by and any(t.text.startswith(("分别", "各")) for t in tokens):
        # 「产出指标、效益指标、满意度指标分别多少条」「时效指标和质量指标各有多少条扣分」: one group per named
        # category (with what the question says of all of them), not their union
        level, values, parent = categories
        fr.group_by = level
        kinds = ("satisfaction", "level1", "level2")
        rest = tuple(c for c in plan.clauses[-1].conds if c.field not in kinds)
        plan = plan.with_(subject="indicator", clauses=(
            IndicatorClause(tuple(parent) + (Cond(level, "in", values, words="、".join(values)),) + rest),))
    each = any(t.text in ("各", "分别", "各自") or (t.type in "VA" and t.text.startswith(("各", "分别")))
               for t in tokens)
    named_grades = [c for c in plan.conds if c.field == "grade" and c.op == "in"]
    if len(named_grades) >= 2:
        # 「评为优和评为良的项目」: a project has one grade, so grades named together are either one
        union = tuple(dict.fromkeys(g for c in named_grades for g in c.value))
        plan = plan.with_(conds=tuple(c for c in plan.conds if c not in named_grades) + (
            Cond("grade", "in", union, words="、".join(c.words for c in named_grades)),))
    grades = next((c for c in plan.conds if c.field == "grade" and c.op == "in" and len(c.value) >= 2), None)
    if each and not fr.group_by and grades is not None and n_entities < 2:
        fr.group_by = "grade"  # 「优、良两档项目的平均总分各是多少」: one figure per grade named
    if each and len(scope.offices) >= 2 and not scope.projects and not fr.group_by and "list" in measures \
            and not fields_numeric(fields) and not any(m in ("sum", "avg", "count", "median") for m in measures):
        # 「规建办和社发办各有哪些项目（满意度未达标）」: the list, each project named with its office
        return plan.with_(measures=(Measure("list"),), fields=tuple(fields))
    compared = each or fr.compare
    if compared and len(scope.offices) >= 2 and not scope.projects and not fr.group_by and not any(
            m in ("sum", "avg", "count", "median") for m in measures) and fields_numeric(
            [{"score": "total_score", "lost": "lost_score"}.get(f, f) for f in fields]) and _projects_of_offices(tokens):
        # 「妇联、工会、团委、纪委这四家的项目各得了多少分」: each project of those offices, not an office figure
        return plan.with_(measures=(Measure("list"),), fields=tuple(
            {"score": "total_score", "lost": "lost_score"}.get(f, f) for f in fields) or ("total_score",))
    if each and n_entities >= 2 and not fr.group_by:
        fr.compare = True  # 「财政所、规建办、社发办三家的年初预算各合计多少」: one figure each, side by side
    if len(scope.offices) >= 2 and not scope.projects and not fr.group_by and "avg" in measures and not any(
            t.text in L.POOLED_WORDS for t in tokens):
        fr.compare = True  # 「财政所、规建办、社发办三个科室的平均总分」: each office's average (合起来 pools them)
    levels = [f for f in fields if f in ("level1", "level2")]
    if not fr.group_by and n_entities < 2 and len(levels) == 1 and any(
            m in ("count", "sum", "avg", "value") for m in measures) and any(
            t.type == "V" and t.text.startswith(("分别", "各")) for t in tokens):
        # 「效益指标下四个二级指标里，被扣分的各有几条」: 各 spreads over the level named
        fr.group_by = levels[0]
        fields = [f for f in fields if f != levels[0]]
    if n_entities >= 2 and any(t.type == "A" and t.value == "times" for t in tokens):
        fr.compare = True  # 「A的执行数是B的多少倍」
    if fr.which_group and fr.group_by == "office" and len(scope.offices) >= 2:
        fr.group_by = None  # 「财政所、党政办哪个科室平均分更高」 compares the two named offices
        fr.compare = True
    # Comparison of named entities, side by side.
    if (fr.compare or fr.difference is not None) and n_entities >= 2 and not fr.group_by:
        kind = "project" if len(scope.projects) >= 2 and not scope.offices else (
            "office" if len(scope.offices) >= 2 and not scope.projects else "")
        if not kind:
            return plan.with_(intent="refuse", refusal="mixed_compare",
                              unknown=scope.projects + scope.offices)
        if plan.subject == "indicator" and "count" in measures and not fields_numeric(fields):
            # 「党政办、社发办、规建办各有多少条三级指标被扣分」: the matching rows counted per named entity
            return plan.with_(group_by=kind, measures=(Measure("count"),), fields=())
        # 「宣传科和组织科的项目个数」「哪个项目多」: offices compared by how many projects they have
        counting = kind == "office" and ("count" in measures or (fr.order is not None and not fields and any(
            t.type == "E" and t.value == "project" for t in tokens)))
        if counting and "count" not in measures:
            measures = measures + ["count"]
        # only figures can be set side by side (「三级指标」 names what is counted, not a figure)
        value_fields = [f for f in fields if L.FIELD[f].kind in ("money", "percent", "score", "count")] or (
            ["total_score"] if (
            kind == "office" and not counting) or any(t.type in "sl" for t in tokens) else [])
        if not value_fields and not counting:
            return plan.with_(intent="refuse", refusal="compare_what", unknown=scope.projects + scope.offices)
        ms = tuple(Measure("avg" if "avg" in measures or (kind == "office" and not _summed(f) and "sum" not in measures)
                           else "sum" if kind == "office" else "value", f) for f in value_fields)
        if kind == "office" and "count" in measures:
            ms = ms + (Measure("count"),)
        order = None
        if fr.order is not None:
            order = Order(key=_measure_key(ms[0]), desc=fr.order.desc, limit=1)
        elif fr.difference in (1, -1) and fr.compare and "相比" not in plan.text and not any(
                t.type == "A" for t in tokens):
            order = None
        times = any(t.type == "A" and t.value == "times" for t in tokens)
        return plan.with_(intent="compare", compare=(kind,), measures=ms, order=order,
                          difference=fr.difference is not None or fr.percent or times, fields=tuple(value_fields),
                          notes=("percent",) if fr.percent else ("times",) if times else ())
    if fr.compare and n_entities < 2 and not fr.group_by and fr.difference is None and not any(
            t.type == "V" and t.text in ("分别", "各自") for t in tokens):
        if not (fr.order or measures):
            return plan.with_(intent="refuse", refusal="compare_what", unknown=scope.projects + scope.offices)

    # 「扣分最多的是哪条指标」 right after a question about one project: that project's indicators (the answer
    # names the project it looked in)
    if context is not None and len(context.projects) == 1 and plan.scope.empty and not fr.follow \
            and not fr.group_by and plan.subject == "indicator" and not plan.conds \
            and not any(t.type == "E" and t.value == "project" for t in tokens) \
            and not re.search(r"全镇|全部|所有|各个|整个|全体|一共|总共", plan.text or ""):
        plan = plan.with_(scope=Scope(projects=(context.projects[0],)), follow_up=True)
        scope = plan.scope
    # Follow-ups: merge with the previous plan before deciding what is asked.
    strong = [k for k in fr.follow if k in L.STRONG_FOLLOW]
    if context is not None and context.plan is not None and context.forms and _subjectless(plan, fr, tokens) \
            and fr.order is not None:
        fr.follow.append("them")  # 「按执行数从高到低排前三个」 after a list: that list
    if context is not None and context.plan is not None and (fr.follow or _elliptic(plan, fr, tokens)):
        merged = _merge_follow_up(plan, fr, fields, measures, context)
        if merged is not None:
            return merged
    if (strong or _elliptic(plan, fr, tokens)) and (context is None or context.plan is None) \
            and not scope.projects and not (len(scope.offices) == 1 and not strong):
        # 「其中社发办的呢」 with nothing before it: refuse rather than answer a question nobody asked
        return plan.with_(intent="refuse", refusal="no_context",
                          unknown=tuple(t.text for t in tokens if t.type == "H") or (plan.text,))

    if fr.ratio:
        if len(scope.projects) + len(scope.offices) >= 2:
            pass  # 「A的执行数是B的多少倍」: a comparison, below
        else:
            return plan.with_(ratio=fr.ratio, measures=(Measure("value"),), fields=(fr.ratio[0], fr.ratio[1]),
                              subject="project")
    group_by = fr.group_by
    order = fr.order
    # 得分/扣分 follow the subject: an indicator's 得分/扣分 for indicator rows, the project's 总分/扣分 otherwise.
    to_indicator = {"total_score": "score", "lost_score": "lost"}
    to_project = {v: k for k, v in to_indicator.items()}
    # (「拆违经费的“拆违及时性”被扣了几分」: a named indicator's points, not its project's)
    if plan.subject == "indicator" or group_by in ("level1", "level2") or (plan.indicator_names and not group_by):
        fields = [to_indicator.get(f, f) if f in fr.ambiguous else f for f in fields]
    else:
        fields = [to_project.get(f, f) if f in fr.ambiguous else f for f in fields]
    if group_by == "office" and fr.which_group and len(scope.projects) == 1:
        group_by = None  # 「它是哪个科室的」: the project's office
        fields = fields + ["office"]
    if group_by is None and order is not None and (_head_subject(tokens) == "office" or _after_order(tokens) == "office"):
        group_by = "office"  # 「项目最多的科室是哪个」「项目数量最多的科室」
    counted = _counted_per(tokens)
    if order is not None and counted is not None and not fields:
        # 「哪个项目被扣分的指标条数最多」: group by the first subject, count the second
        per, what = counted
        group_by = group_by or per
        plan = plan.with_(subject=what)
        measures = measures + ["count"]
    lost_asked = any(t.type == "l" and t.used for t in tokens) and any(f in ("lost", "lost_score") for f in fields)
    # What the order is by.
    if order is not None:
        key = _order_key(plan, fields, measures, group_by, tokens, lost_asked)
        if key is None:
            return plan.with_(intent="refuse", refusal="order_what",
                              unknown=tuple(t.text for t in tokens if t.type in "Rt"))
        if key in L.FIELD and L.FIELD[key].level == "project" and plan.subject == "indicator" and not group_by:
            plan = plan.with_(subject="project")  # 「三级指标条数最多的项目」 orders projects
        order = Order(key=key, desc=order.desc, limit=order.limit, rank=order.rank)
        if fr.extremes:
            plan = plan.with_(notes=plan.notes + ("extremes",))
    # Measures of the answer.
    ms: list[Measure] = []
    numeric_fields = [f for f in fields if L.FIELD[f].kind in ("money", "percent", "score", "count")]
    if "median" in measures:
        if not numeric_fields:
            return plan.with_(intent="refuse", refusal="measure_what", unknown=("中位数",))
        ms += [Measure("median", f) for f in numeric_fields]
    elif "sum" in measures or "avg" in measures:
        op = "sum" if "sum" in measures else "avg"
        if "count" in measures or (not numeric_fields and op == "sum"):
            ms.append(Measure("count"))
        for f in numeric_fields:
            ms.append(Measure(op if not (op == "sum" and L.FIELD[f].kind == "percent") else "rate", f))
        if "sum" in measures and "avg" in measures:
            ms += [Measure("avg", f) for f in numeric_fields]
        if not ms:
            return plan.with_(intent="refuse", refusal="measure_what",
                              unknown=tuple(t.text for t in tokens if t.type == "A" and t.value in ("sum", "avg")))
    elif "count" in measures:
        ms.append(Measure("count"))
        for f in numeric_fields:
            ms.append(Measure("sum" if _summed(f) else "avg", f))
    if "avg" in measures and "count" in measures and any(t.type == "E" and t.value == "indicator" for t in tokens) \
            and fr.group_by in (None, "project") and not numeric_fields:
        # 「平均每个项目有多少条三级指标」: the average of each project's indicator count
        fr.group_by = None
        return plan.with_(subject="project", measures=(Measure("avg", "indicator_count"),),
                          fields=("indicator_count",))
    if fr.share:
        share_of = _share_of(tokens, None)
        if share_of is not None:
            plan = plan.with_(share_of=share_of)
            # the office a share is of is not also a condition, unless it is named before 占 too
            h = next(t for t in tokens if t.type == "h")
            if not any(t.type == "O" and t.start < h.start and t.value[0] in share_of.offices for t in tokens):
                plan = plan.with_(scope=plan.scope.with_(offices=tuple(o for o in plan.scope.offices
                                                                         if o not in share_of.offices)))
        if _head_subject([t for t in tokens if t.type != "h" or True][:next(i for i, t in enumerate(tokens)
                                                                            if t.type == "h")]) == "indicator":
            plan = plan.with_(subject="indicator")
        f = next((f for f in numeric_fields if L.FIELD[f].kind == "money"), None)
        if f is None:
            if "count" in measures or not numeric_fields:
                ms = [Measure("share")]
            else:
                return plan.with_(intent="refuse", refusal="share_what",
                                  unknown=tuple(t.text for t in tokens if t.type == "h"))
        else:
            ms = [Measure("share", f)]
            h = next(t for t in tokens if t.type == "h")
            base = [t.value for t in tokens if t.type == "F" and t.start > h.start and t.value in L.FIELD
                    and L.FIELD[t.value].kind == "money" and t.value != f]
            if len(base) > 1 or any(t.type == "F" and t.start < h.start and t.value in L.FIELD and t.value != f
                                    and L.FIELD[t.value].kind == "money" for t in tokens):
                return plan.with_(intent="refuse", refusal="share_what",
                                  unknown=tuple(t.text for t in tokens if t.type == "h"))
            if base:  # 「全年执行合计占年初预算合计的百分之多少」: the whole is another figure's total
                plan = plan.with_(share_field=base[0])
    if group_by:
        if not ms:
            # 「各科室的执行数」: a total per group; 「各科室平均分」 was caught above.
            ms = [Measure("count")] + [Measure("sum" if _summed(f) else "rate" if f == "rate" else "avg", f)
                                       for f in numeric_fields]
        if order is not None and order.key in L.FIELD:
            m = next((m for m in ms if m.field == order.key), None)
            if m is None:
                m = Measure("sum" if _summed(order.key) else "avg", order.key)
                ms.append(m)
            order = Order(key=_measure_key(m), desc=order.desc, limit=order.limit, rank=order.rank)
        elif order is not None and order.key == "count":
            if not any(m.op == "count" for m in ms):
                ms.insert(0, Measure("count"))
        return plan.with_(group_by=group_by, measures=tuple(ms), order=order, fields=tuple(fields),
                          notes=("asked_value",) if "value" in measures else ())
    if ms:
        return plan.with_(measures=tuple(ms), order=order, fields=tuple(fields))
    if plan.subject == "indicator" and "value" in measures and not order and numeric_fields and all(
            f in ("lost", "score", "weight") for f in numeric_fields):
        # 「财政管理专项经费的时效指标扣了几分」: the points of those rows added up
        return plan.with_(measures=tuple(Measure("sum", f) for f in numeric_fields), fields=tuple(fields))
    # No aggregate: a list, a lookup, or the rows at the top of an order.
    # (「X扣分最多的是哪条指标」 orders X's indicators: not a lookup of X)
    anchors_only = bool(plan.clauses) and all(c.field in ("satisfaction", "level1", "level2", "name")
                                              for cl in plan.clauses for c in cl.conds)
    # 「献血补助专项经费的满意度实际完成多少」: the figure of that project's rows of the category named
    asks_row_value = anchors_only and "value" in measures and any(f in ("actual", "target") for f in fields)
    single = len(scope.projects) == 1 and (not (plan.conds or plan.clauses) or (asks_row_value and not plan.conds)) \
        and not (order is not None and plan.subject == "indicator")
    if single and (fields or plan.indicator_names or "value" in measures or not measures):
        if not fields and not plan.indicator_names and not plan.subject == "indicator":
            if "list" in measures and "indicator" in subj_words:
                return plan.with_(subject="indicator", measures=(Measure("list"),))
            return plan.with_(intent="form")
        return plan.with_(measures=(Measure("value"),), fields=tuple(fields))
    if len(scope.projects) >= 2 and fields and not (plan.conds or plan.clauses or order):
        # 「A和B的执行数」: each one's figure, side by side.
        return plan.with_(intent="compare", compare=("project",), measures=tuple(Measure("value", f) for f in fields),
                          fields=tuple(fields))
    if len(scope.offices) >= 1 and not scope.projects and fields and measures in ([], ["value"]) and not order and not (
            plan.conds or plan.clauses) and all(L.FIELD[f].kind in ("money", "percent", "score") for f in fields):
        # 「社发办的执行数是多少」: the office's total (stated as such in the answer).
        ms = [Measure("sum" if _summed(f) else "rate" if f == "rate" else "avg", f) for f in fields]
        if len(scope.offices) >= 2:
            return plan.with_(intent="compare", compare=("office",), measures=tuple(ms), fields=tuple(fields))
        return plan.with_(measures=tuple([Measure("count")] + ms), fields=tuple(fields), notes=("office_total",))
    has_filter = bool(plan.conds or plan.clauses or not scope.empty or order)
    if not has_filter and "list" not in measures and not ("project" in subj_words or "indicator" in subj_words):
        return plan.with_(intent="refuse", refusal="unknown", unknown=tuple(t.text for t in tokens if t.type == "A")
                          or (plan.text,))
    if "value" in measures and not has_filter and not fields:
        return plan.with_(intent="refuse", refusal="unknown", unknown=(plan.text,))
    if "value" in measures and "gap" in fields and not order and any(
            c.field == "name" and c.op == "=" for cl in plan.clauses for c in cl.conds):
        # 「受理中心“中心年接待群众办理量”实际比目标多了多少次」: the named indicator's gap, as a value
        return plan.with_(subject="indicator", measures=(Measure("value"),), fields=tuple(fields))
    return plan.with_(measures=(Measure("list"),), order=order, fields=tuple(fields))


_INCLUDED = re.compile(r"\(([^()]{1,30}?)的?也(?:算|要算|计|计入|包括|算上)(?:在内|进去|上)?\)"
                       r"|[,，]([^,，。?？()]{1,30}?)的?也(?:算|要算|计入|包括|算上)(?:在内|进去|上)?(?=$|[,，。?？])")


def _with_included(plan: Plan, words: str, names) -> Plan:
    """「年初预算不到50万元的项目有几个（年初为0的也算）」: the rows named must already be counted, else say so.

    Only a value the question's own condition on that figure already takes in is accepted (0 < 50); anything else
    would need an OR of conditions, which the answer cannot show, so it is not answered as something narrower."""
    refuse = plan.with_(intent="refuse", refusal="unknown", unknown=(words + "也算",))
    if plan.intent != "query":
        return plan
    tokens = tokenize(words, names)
    fr = apply_rules(tokens, _Ctx(False))
    inc = [c for _, c in fr.conds]
    if not inc or fr.iconds or any(not t.used and t.type not in "_" for t in tokens):
        return refuse
    for c in inc:
        main = [m for m in plan.conds if m.field == c.field and m.ref is None]
        if c.op != "=" or not isinstance(c.value, (int, float)) or not main \
                or not all(_holds(c.value, m) for m in main):
            return refuse
    return plan


def _holds(value: float, c: Cond) -> bool:
    import operator
    if c.op == "between":
        return c.value[0] <= value <= c.value[1]
    ops = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge, "=": operator.eq,
           "!=": operator.ne}
    return c.op in ops and isinstance(c.value, (int, float)) and ops[c.op](value, c.value)


def _category_points_per_project(plan: Plan, tokens: list[Token]) -> Plan:
    """「哪个项目满意度指标扣分最多」: points of those indicator rows, added up per project (not the projects' totals)."""
    if plan.intent != "query" or plan.subject != "project" or plan.order is None or plan.group_by \
            or plan.order.key not in ("lost_score", "total_score") or len(plan.clauses) != 1:
        return plan
    live = [t for t in tokens if t.type != "_"]
    if not any(a.type in "KIk" and b.type in "ls" for a, b in zip(live, live[1:])):
        return plan  # the points are the project's own (「满意度未达标的项目中总分最低的」)
    if any(c.field not in ("satisfaction", "level1", "level2", "name") for c in plan.clauses[0].conds):
        return plan  # the clause also filters rows: read the category alone or not at all
    field = "lost" if plan.order.key == "lost_score" else "score"
    m = Measure("sum", field)
    return plan.with_(subject="indicator", group_by="project", measures=(m,), fields=(),
                      order=Order(key=_measure_key(m), desc=plan.order.desc, limit=plan.order.limit, rank=plan.order.rank))


def _projects_of_offices(tokens: list[Token]) -> bool:
    """「A、B这两家的项目各…」: 项目 right after the offices named."""
    last_office = max(i for i, t in enumerate(tokens) if t.type == "O")
    after = [t for t in tokens[last_office + 1:] if t.type not in "_N"]
    # 「…的项目总分」: 项目 may be read as part of the figure's name
    return bool(after) and ((after[0].type == "E" and after[0].value == "project")
                            or (after[0].type == "F" and after[0].text.startswith("项目")))


def fields_numeric(fields) -> list[str]:
    return [f for f in fields if f in L.FIELD and L.FIELD[f].kind in ("money", "percent", "score", "count")]


def _summed(field_key: str) -> bool:
    """Figures a group adds up (money, points lost); others (rates, scores) are averaged."""
    return L.FIELD[field_key].kind == "money" or field_key in ("lost", "lost_score")


def _measure_key(m: Measure) -> str:
    return m.op if m.field is None else f"{m.op}:{m.field}"


def _order_key(plan: Plan, fields: list[str], measures: list[str], group_by: str | None, tokens: list[Token],
               lost_asked: bool) -> str | None:
    """The figure an order (最高/前3名/排名) is by."""
    numeric = [f for f in fields if L.FIELD[f].kind in ("money", "percent", "score", "count")]
    if numeric:
        return numeric[0]
    if group_by and ("count" in measures or any(t.type == "E" and t.value == "project" for t in tokens)):
        return "count"
    if group_by is None and "count" in measures and any(t.type == "E" and t.value == "indicator" for t in tokens):
        return "indicator_count"  # 「指标数量最多的项目」
    if "name" in fields or (group_by is None and any(t.type == "E" and t.value == "indicator" for t in tokens)
                            and not plan.clauses):
        return "indicator_count"  # 「哪个项目的三级指标最少」
    cond_fields = [c.field for c in plan.conds if c.field in L.FIELD and L.FIELD[c.field].kind in (
        "money", "percent", "score")]
    if len(cond_fields) == 1 and group_by is None:
        return cond_fields[0]
    if group_by and any(t.type == "D" or t.type == "l" for t in tokens):
        return "count"
    return None


def _counted_per(tokens: list[Token]) -> tuple[str, str] | None:
    """(grouped by, counted): 「哪个项目…指标条数最多」 → (project, indicator); 「…指标条数最多的科室」 →
    (office, indicator)."""
    subjects = [t for t in tokens if t.type == "E"]
    kinds = [t.value for t in subjects]
    if "indicator" not in kinds or not ({"project", "office"} & set(kinds)):
        return None
    counting = any(t.type == "A" and t.value == "count" for t in tokens)
    if not counting:
        return None
    per = next(k for k in kinds if k in ("project", "office"))
    if _after_order(tokens) == "office":
        per = "office"
    return per, "indicator"


def _after_order(tokens: list[Token]) -> str | None:
    """The subject word right after 最多/最高 (「…最多的科室」): what is being ranked."""
    for i, t in enumerate(tokens):
        if t.type == "R":
            nxt = next((x for x in tokens[i + 1:] if x.type not in "_cN"), None)
            return nxt.value if nxt is not None and nxt.type == "E" else None
    return None


def _elliptic(plan: Plan, fr: Fragments, tokens: list[Token]) -> bool:
    """「社发办的呢」「总分呢」「平均总分呢」: a question that only makes sense with the previous one."""
    return plan.text.rstrip("?？ 。").endswith("呢") and not fr.order and not (plan.conds or plan.clauses) \
        and not any(m in ("list", "count") for _, m in fr.measures)


def _subjectless(plan: Plan, fr: Fragments, tokens: list[Token]) -> bool:
    """「按执行数从高到低排前三个」「为什么这么低」: an order or a why with nothing to range over, right after an
    answer, is about that answer's projects."""
    return plan.scope.empty and not (plan.conds or plan.clauses) and not fr.group_by \
        and not any(t.type == "E" for t in tokens) and (fr.order is not None or bool(fr.intents))


def _merge_follow_up(plan: Plan, fr: Fragments, fields: list[str], measures: list[str],
                     context: Context) -> Plan | None:
    """Fill a follow-up from the previous plan and the forms its answer named."""
    prev = context.plan
    kinds = set(fr.follow)
    new_scope = plan.scope
    adds_conditions = bool(plan.conds or plan.clauses)
    names_entities = bool(new_scope.projects or new_scope.offices or new_scope.units)
    # 「它的总分呢」「那它的执行率是多少」: the previous single project, another figure.
    if fr.which_group and fr.group_by == "office" and len(context.projects) == 1:
        fields = list(fields) + ["office"]  # 「它是哪个科室的」: the project's office
        fr.group_by, fr.order = None, None
    if ("it" in kinds or not names_entities) and len(context.projects) == 1 and fields and not adds_conditions \
            and not fr.group_by:
        project = context.projects[0]
        return plan.with_(scope=Scope(projects=(project,)), measures=(Measure("value"),), fields=tuple(fields),
                          follow_up=True, intent="query", subject="project")
    # 「它们的总分呢」: the projects the last answer listed, with a figure.
    if ("them" in kinds or "it" in kinds) and context.forms and fields and not adds_conditions:
        scope = Scope(within=context.forms, within_label=context.label)
        ms = tuple(Measure(m) for m in measures if m in ("list",)) or (Measure("list"),)
        if "sum" in measures or "avg" in measures:
            ms = tuple(Measure("sum" if "sum" in measures else "avg", f) for f in fields)
        order = None
        numeric = [f for f in fields if L.FIELD[f].kind in ("money", "percent", "score", "count")]
        if fr.order is not None and numeric:  # 「这些项目里总分最高的是哪个」
            order = Order(key=numeric[0], desc=fr.order.desc, limit=fr.order.limit, rank=fr.order.rank)
        return plan.with_(scope=scope, measures=ms, fields=tuple(fields), follow_up=True, intent="query",
                          subject="project", order=order)
    # 「其中总分低于92分的呢」: narrow the previous result by new conditions.
    if ("within" in kinds or "them" in kinds) and (adds_conditions or names_entities or fields or fr.order):
        base = prev
        scope = base.scope
        if names_entities:
            scope = scope.with_(projects=new_scope.projects or scope.projects,
                                offices=tuple(dict.fromkeys(scope.offices + new_scope.offices)),
                                units=tuple(dict.fromkeys(scope.units + new_scope.units)))
        if context.forms and base.intent == "query" and not base.group_by:
            scope = scope.with_(within=context.forms, within_label=context.label)
        merged = base.with_(text=plan.text, scope=scope, conds=base.conds + plan.conds,
                            clauses=base.clauses + plan.clauses, follow_up=True,
                            fields=tuple(dict.fromkeys(base.fields + tuple(fields))))
        if fr.order is not None:
            merged = merged.with_(order=Order(key=_order_key(merged, fields, measures, None, [], False) or
                                              (base.order.key if base.order else "total_score"),
                                              desc=fr.order.desc, limit=fr.order.limit))
        if measures:
            if "count" in measures:
                merged = merged.with_(measures=(Measure("count"),))
            elif "list" in measures:
                merged = merged.with_(measures=(Measure("list"),))
        return merged
    # 「那社发办的呢」「换成规建办呢」: the same question about another entity.
    if names_entities and not adds_conditions:
        scope = prev.scope.with_(projects=new_scope.projects, offices=new_scope.offices, units=new_scope.units,
                                 within=(), within_label="")
        merged = prev.with_(text=plan.text, scope=scope, follow_up=True)
        if fields:
            merged = merged.with_(fields=tuple(fields))
        if prev.intent == "compare":
            return None
        return merged
    # 「那总分呢」 after a list or a lookup: same scope, another figure.
    if fields and not adds_conditions and not names_entities and prev.intent in ("query",):
        asked = [m for m in measures if m in ("sum", "avg")]
        if asked:  # 「平均总分呢」 after 「规建办有几个项目」: that measure over the same projects
            ms = tuple(Measure(asked[0] if not (asked[0] == "sum" and f == "rate") else "rate", f) for f in fields)
            return prev.with_(text=plan.text, measures=ms, fields=tuple(fields), follow_up=True, order=None,
                              group_by=prev.group_by)
        if prev.measures and prev.measures[0].op in ("sum", "avg", "rate"):
            ms = tuple(Measure(prev.measures[0].op if L.FIELD[f].kind == "money" else "avg", f) for f in fields)
            return prev.with_(text=plan.text, measures=ms, fields=tuple(fields), follow_up=True)
        return prev.with_(text=plan.text, fields=tuple(fields), follow_up=True)
    if adds_conditions and not names_entities:
        return prev.with_(text=plan.text, conds=prev.conds + plan.conds, clauses=prev.clauses + plan.clauses,
                          follow_up=True)
    return None


# -- statements to check ---------------------------------------------------------------------------------------------

@dataclass
class Assertion:
    """What a claim asserts beyond its conditions: a count, a total, a universal, uniqueness, a rank …"""

    kind: str = "entity"  # entity | universal | unique | top | rank | count | aggregate | compare | share | unknown
    approx: bool = False
    value: float | None = None  # the stated count, total or share
    stated: str = ""  # the number as written
    scale: float = 1.0
    op: str = "="  # how the stated value relates to the records
    measure: str = ""  # aggregate: sum | avg
    field: str | None = None  # the figure a total, rank or superlative is about
    desc: bool = True  # top / rank: from the highest
    rank: int | None = None
    subject: Plan | None = None  # universal: what it ranges over (the claim's plan is the predicate)
    counted: str = "project"  # count: project | indicator
    group: str | None = None  # top: 「数量最多的科室」 ranks groups
    words: str = ""


@dataclass
class ClaimContext:
    """What earlier clauses of the same sentence named: a subject, a figure, an indicator."""

    projects: tuple[str, ...] = ()
    offices: tuple[str, ...] = ()
    field: str | None = None
    indicator: str | None = None
    plan: Plan | None = None  # the previous clause's plan (the set a following 「全部是…」 is about)
    broken: bool = False  # an earlier clause was not understood: what it named is unknown


_COUNT_UNITS = ("个", "项", "条", "张", "家")


def _claim_markers(tokens: list[Token], a: Assertion, split: int | None) -> None:
    """Mark approximation, uniqueness and the stated share, total or count, so the rules see only conditions.

    A share or a total is what a clause asserts even when it also says how many projects it covers
    (「全镇104个项目全年执行数合计约7.57亿元」); a count before 均/都 only describes what a universal ranges over."""
    for i, t in enumerate(tokens):
        if t.type == "~":
            a.approx, t.used = True, True
        elif t.type == "u":
            nxt = next((x for x in tokens[i + 1:] if x.type not in "_c"), None)
            t.used = True
            if "唯一" in t.text or nxt is None or nxt.type != "N" or nxt.value[1] in _COUNT_UNITS:
                a.kind = "unique"  # but 「满意度只有90%」: merely, not the only one
    text = "".join(t.text for t in tokens)
    if a.kind == "unique" and re.search(r"只有(一|1)个", text):
        # 「只有一个项目的总分为99分」: a count of exactly one
        a.kind, a.value, a.stated, a.op = "count", 1.0, "1", "="
        for t in tokens:
            if t.text in ("一", "1"):
                t.used = True
        return
    for i, t in enumerate(tokens):  # 「占全镇执行总额的四成以上」
        if t.type == "h":
            n, op_tok = _stated_after(tokens, i)
            if n is not None and n.value[1] in ("%", "成") or (n is not None and L.UNITS.get(n.value[1], (None,))[0]
                                                              == "percent"):
                value, unit = n.value
                a.kind, a.value, a.stated = "share", value * L.UNITS.get(unit, ("", 1.0))[1], _stated(n)
                a.op = _stated_op(tokens, n, op_tok)
                n.used = True
                return
    for i, t in enumerate(tokens):  # 「全年执行数合计3807.15万元」「平均总分超过94分」
        if t.type == "A" and t.value in ("sum", "avg"):
            n, op_tok = _stated_after(tokens, i)
            if n is None or n.value[1] in _COUNT_UNITS:
                continue  # 「共6个项目」 is a count, not a total
            a.kind, a.measure = "aggregate", t.value
            value, unit = n.value
            a.value, a.stated = value, _stated(n)
            a.op = _stated_op(tokens, n, op_tok)
            f = next((x for x in tokens if x.type in "Fs" and not x.used), None)
            key = (f.value if f.type == "F" else "total_score") if f else None
            if key and key in L.FIELD:
                a.field = key
                amount = _amount(value, unit, key)
                if amount is None:
                    a.kind = "unknown"
                    return
                a.value, a.scale = amount, (L.UNITS[unit][1] if unit in L.UNITS else 1.0)
                f.used = True
            t.used = n.used = True
            return
    named_project = any(t.type == "P" for t in tokens)
    ranking = any(t.type in "Rj" for t in tokens)  # 「是104个项目中执行数最少的」: 104个项目 is where to look
    for n in [t for t in tokens if t.type == "N"]:
        value, unit = n.value
        if unit not in _COUNT_UNITS or (split is not None and n.start < split) or ranking:
            continue
        i = tokens.index(n)
        after = next((t for t in tokens[i + 1:] if t.type not in "_c"), None)
        before = [t for t in tokens[:i] if t.type not in "_"]
        counts_things = after is not None and (after.type == "E" or (after.type == "F" and after.value == "name"))
        if after is not None and after.type == "F" and after.text.startswith("项目") and before and \
                before[-1].text in ("有", "共有", "仅有", "只有"):
            counts_things = True  # 「有5个项目总分为90分」: 项目 read as part of 项目总分
        leading = all(t.type in "H_cA&" for t in tokens[:i])  # 「其中4个评为良」: the count opens the clause
        if not counts_things and leading and after is not None and after.type in "FGKMDTIk" and not named_project:
            counts_things = True
        # 「规建办有19个项目」「调减的项目超过80个」; but 「X的服务企业数量为1200个」 is a figure of project X.
        after_total = before and before[-1].type == "A" and before[-1].value == "sum"  # 「…的项目共4个」
        if counts_things or (after is None and before and (before[-1].type in "cEC" or after_total)
                             and not named_project):
            if a.kind == "unique":
                # 「是唯一一个只有1条指标被扣分的项目」: uniqueness over a count per project, which no plan expresses
                a.kind = "unknown"
                return
            a.kind, a.value, a.stated = "count", value, _stated(n)
            prev = next((t for t in reversed(tokens[:i]) if t.type not in "_c"), None)
            comp = prev if prev is not None and prev.type == "C" and not prev.used else None
            suffix = next((t for t in tokens[i + 1:i + 3] if t.type == "S"), None)
            a.op = _op(comp.type if comp else "", comp.value if comp else None, suffix) or "="
            for t in (n, comp, suffix):
                if t is not None:
                    t.used = True
            if counts_things and after.type in "EF" and (after.type == "E" or after.value == "name"):
                a.counted = "indicator" if after.type == "F" or after.value == "indicator" else after.value
                after.used = True
            elif unit == "条":
                a.counted = "indicator"
            return


def _stated_after(tokens: list[Token], i: int) -> tuple[Token | None, Token | None]:
    """The number stated after position ``i`` (skipping fillers and the figure's name), and a comparator before it."""
    op_tok = None
    for t in tokens[i + 1:]:
        if t.type == "N":
            return t, op_tok
        if t.type == "C":
            op_tok = t
        elif t.type not in "_cFsOA~":
            return None, None
    return None, None


def _stated_op(tokens: list[Token], n: Token, op_tok: Token | None) -> str:
    i = tokens.index(n)
    suffix = next((t for t in tokens[i + 1:i + 3] if t.type == "S"), None)
    for t in (op_tok, suffix):
        if t is not None:
            t.used = True
    return _op(op_tok.type if op_tok else "", op_tok.value if op_tok else None, suffix) or "="


def _universal_split(tokens: list[Token]) -> int | None:
    """Where the asserted part of a universal starts (position in the text), or None if there is no universal."""
    marks = [t for t in tokens if t.type in "_A" and t.text.startswith(L.UNIVERSAL_MARK)
             and not (t.text.startswith("全部") and _followed_by_subject(tokens, t))]
    prefixes = [t for t in tokens if t.type in "_A" and t.text.startswith(L.UNIVERSAL_PREFIX)]
    if marks:
        return marks[-1].start
    if prefixes:
        return prefixes[0].start
    return None


def _followed_by_subject(tokens: list[Token], t: Token) -> bool:
    i = tokens.index(t)
    nxt = next((x for x in tokens[i + 1:] if x.type != "_"), None)
    return nxt is not None and nxt.type == "E" and tokens.index(nxt) == i + 1


def parse_claim(u: "Understander", text: str, context: ClaimContext) -> tuple[Plan, Assertion]:
    """A clause of a statement as a plan (its conditions) and what it asserts about them."""
    t = re.sub(r"翻(了)?(一)?(番|倍)", "增加1倍", normalize(text))
    t = re.sub(r"倍多", "倍以上", t)
    tokens = tokenize(t, u.names)
    u._resolve_unknown(tokens)
    a = Assertion(words=text)
    split = _universal_split(tokens)
    _claim_markers(tokens, a, split)
    special = _text_claim(u, t, tokens, a, context)
    if special is not None:
        return special, a
    _compare_claim(tokens, a)
    orders = [x for x in tokens if x.type == "R" and x.value[0] == "top1"]
    ranks = [x for x in tokens if x.type == "j"]
    hint = any(x.type in "KIkTMD" for x in tokens) or any(x.type == "E" and x.value == "indicator" for x in tokens)
    if context.indicator and not any(x.type in "PO" for x in tokens):
        hint = True  # 「……却扣了2分」 after a clause about an indicator: that indicator's points
    ctx = _Ctx(hint, last_field=context.field)
    fr = apply_rules(tokens, ctx)
    for x in tokens:
        if x.type in "POULYI":
            x.used = True
    reading = base_plan(text, tokens, fr, u)
    if isinstance(reading, Plan):
        return reading, Assertion(kind="unknown", words=text)
    plan, fields = reading.plan, reading.fields
    outside = "".join("|" if x.type in "IkQ" or (x.type == "P" and x.value[1] != "piece") else x.text
                      for x in tokens)  # not inside a name (「无偿献血计划完成率」)
    if re.search(L.PLANNED, outside) and "实际" not in t:
        # 「计划增设8个监控设备」: the planned figure is the target's
        plan = plan.with_(clauses=tuple(IndicatorClause(tuple(
            c.with_(field="target_value") if c.field == "actual_value" else c for c in cl.conds)) for cl in plan.clauses))
    scope = plan.scope
    if not (scope.projects or scope.offices or scope.units) and a.kind != "unique":
        # 「评分等级为良」 after a clause that named the project; 「有3个项目…」 after 「财政所的6个项目中」.
        if split is None and not orders:
            plan = plan.with_(scope=scope.with_(projects=context.projects, offices=context.offices))
    if not plan.indicator_names and context.indicator and not any(
            c.field in ("satisfaction", "level1", "level2", "name") for cl in plan.clauses for c in cl.conds) \
            and plan.clauses and len(plan.scope.projects) == 1:
        plan = plan.with_(indicator_names=(context.indicator,))
    if fr.group_by:
        a.group = fr.group_by
    elif orders and _head_subject(tokens) == "office" or any(x.type == "E" and x.value == "office" for x in tokens):
        a.group = "office"  # 「数量最多的科室是社发办」
    if a.kind == "unique" and not plan.scope.projects and context.projects and re.match(r"(也|还|并且|且|而且)?是", t):
        # 「X总分91.5分，是财政所唯一一个总分带小数的项目」: X is the one, 财政所 where to look
        plan = plan.with_(scope=plan.scope.with_(projects=context.projects))
    if a.kind in ("count", "aggregate", "unique"):
        a.field = a.field or next((f for f in fields if f in L.FIELD), None)
        return plan.with_(fields=tuple(fields)), a
    if a.kind == "compare" or (fr.compare and fr.difference is not None
                               and len(plan.scope.projects) + len(plan.scope.offices) >= 2):
        if a.kind != "compare":
            a.op = {1: ">", -1: "<", 0: "="}.get(fr.difference, "=")
        a.kind = "compare"
        a.field = next((f for f in fields if f in L.FIELD), None) or context.field
        return plan.with_(fields=tuple(fields)), a
    if fr.share:
        a.kind = "share"
        a.field = next((f for f in fields if f in L.FIELD), None)
        of = _share_of(tokens, None)
        if of is not None:
            # 「X执行数占财政所执行合计的一半以上」: 财政所 is the whole, not where X is looked for
            h = next(x for x in tokens if x.type == "h")
            before = tuple(o for o in plan.scope.offices if any(
                x.type == "O" and x.start < h.start and x.value[0] == o for x in tokens))
            plan = plan.with_(share_of=of, scope=plan.scope.with_(offices=before))
            if plan.scope.empty and (context.projects or context.offices):
                # 「其中环卫保洁…执行4100万元，占规建办执行总额的三成以上」: the part is what the clause before named
                plan = plan.with_(scope=plan.scope.with_(projects=context.projects, offices=context.offices))
            elif plan.scope.empty and "全镇" not in t:
                return plan.with_(intent="refuse", refusal="unknown", unknown=("占",)), Assertion(
                    kind="unknown", words=text)
        return plan, a
    if ranks or orders:
        a.kind = "rank" if ranks and fr.order and fr.order.rank else "top"
        if fr.order is not None:
            a.desc, a.rank = fr.order.desc, fr.order.rank
        numeric = [f for f in fields if f in L.FIELD and L.FIELD[f].kind in ("money", "percent", "score", "count")]
        a.field = numeric[0] if numeric else (context.field if not a.group else None)
        if not numeric and any((x.type == "E" and x.value == "indicator") or (x.type == "F" and x.value == "name")
                               for x in tokens):
            a.field = "indicator_count"  # 「是三级指标最多的项目」
        if not plan.scope.projects and not a.group and context.projects:
            # 「X执行4100万元，是规建办执行数最高的项目」: X is the subject, 规建办 where to look
            plan = plan.with_(scope=plan.scope.with_(projects=context.projects))
        named_offices = tuple(dict.fromkeys(x.value[0] for x in tokens if x.type == "O"))
        within_before = context.plan is not None and re.search(r"(中|里|当中|之中|里面|以内)$", context.plan.text or "")
        if (re.match(r"(其中|这其中|当中|其|这些项目中|这些项目里)", t) or within_before) and not named_offices \
                and context.plan is not None:
            # 「平安办6个项目…，其中最低的是X」: ranked within the set the clause before spoke of
            prev = context.plan
            named_offices = prev.scope.offices
            if not (plan.conds or plan.clauses):
                plan = plan.with_(conds=prev.conds, clauses=prev.clauses)
            if not named_offices and not (prev.conds or prev.clauses):
                return plan.with_(intent="refuse", refusal="unknown", unknown=("其中",)), Assertion(
                    kind="unknown", words=text)
        if plan.scope.projects and named_offices:
            # 「X是党政办总分最高的项目」: the office is where to rank, even though it also owns X
            plan = plan.with_(scope=plan.scope.with_(offices=named_offices))
        if a.field is None and a.group and (any(x.type == "E" and x.value == "project" for x in tokens)
                                            or any(m == "count" for _, m in fr.measures)):
            a.field = "count"
        return plan, a
    if split is not None:
        a.kind = "universal"
        subject = plan.with_(conds=tuple(c for c in plan.conds if _cond_pos(fr, c) < split),
                             clauses=tuple(cl for cl in plan.clauses if _clause_pos(fr, cl) < split))
        before = [x for x in tokens if x.start < split]
        if any(x.type in "EK" and (x.type == "K" or x.value == "indicator") for x in before) and not any(
                x.type == "E" and x.value == "project" for x in before):
            a.counted = "indicator"  # 「所有满意度指标…都…」: counter-examples are indicator rows
        predicate = plan.with_(conds=tuple(c for c in plan.conds if c not in subject.conds),
                               clauses=tuple(cl for cl in plan.clauses if cl not in subject.clauses))
        office_after = [x.value[0] for x in tokens if x.type == "O" and x.start > split]
        if office_after:
            subject = subject.with_(scope=subject.scope.with_(offices=tuple(
                o for o in subject.scope.offices if o not in office_after)))
            predicate = predicate.with_(conds=predicate.conds + (Cond("office", "in", tuple(office_after)),))
        if not (subject.conds or subject.clauses) and subject.scope.empty and context.plan is not None:
            # 「评分等级为良的项目共4个，全部是社发办的项目」: what the previous clause counted
            subject = subject.with_(scope=context.plan.scope, conds=context.plan.conds, clauses=context.plan.clauses)
        a.subject = subject
        return predicate.with_(fields=tuple(fields)), a
    a.field = next((f for f in fields if f in L.FIELD), None)
    return plan.with_(fields=tuple(fields)), a


def _text_claim(u: "Understander", t: str, tokens: list[Token], a: Assertion, context: ClaimContext) -> Plan | None:
    """「X的实施单位是Y」「X是规建办的项目」: a name stated for a project, compared as text."""
    m = re.search(r"(实施单位|主管部门|执行单位|承担单位)(是|为)(.+)$", t)
    before = [x for x in tokens if x.type == "P" and (m is None or x.start < m.start())]
    named = {n for x in before for n in x.value[0]} or set(context.projects)
    if m and len(named) == 1:
        key = "unit" if m.group(1) != "主管部门" else "department"
        a.kind, a.field, a.stated = "text", key, m.group(3).rstrip("。")
        return Plan(scope=Scope(projects=tuple(named)), fields=(key,))
    offices = [x.value[0] for x in tokens if x.type == "O"]
    if len(named) == 1 and len(offices) == 1 and re.search(r"(是|属于)" + re.escape(offices[0]) + r"(的)?(项目)?$", t):
        a.kind, a.field, a.stated = "text", "office", offices[0]
        return Plan(scope=Scope(projects=tuple(named)), fields=("office",))
    return None


def _compare_claim(tokens: list[Token], a: Assertion) -> None:
    """「社发办的平均总分高于规建办」: entity, figure, comparator, entity."""
    ents = [i for i, x in enumerate(tokens) if x.type in "PO"]
    if len(ents) != 2:
        return
    between = tokens[ents[0] + 1:ents[1]]
    comp = [x for x in between if x.type == "C" and x.value in ("<", ">", "<=", ">=")]
    if len(comp) == 1 and comp[0] is between[-1] or (len(comp) == 1 and all(
            x.type in "_c" for x in between[between.index(comp[0]) + 1:])):
        a.kind, a.op = "compare", comp[0].value
        comp[0].used = True


def _cond_pos(fr: Fragments, c: Cond) -> int:
    return next((pos for pos, x in fr.conds if x is c), 0)


def _clause_pos(fr: Fragments, clause: IndicatorClause) -> int:
    """A clause sits where its predicate is (「所有项目的满意度都达标」: after 都)."""
    positions = [pos for pos, x in fr.iconds if x in clause.conds] or [pos for pos, x in fr.anchors if x in clause.conds]
    return max(positions) if positions else 0
