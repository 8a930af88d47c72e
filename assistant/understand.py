"""Understanding Chinese questions without an LLM: cue words and patterns → a typed ``Query``.

The parser looks for what the question names (projects, offices, indicators, figures) and what it asks for
(a list, a count, a total, a lookup, a calculation, a reason). Anything it cannot place is reported back to the
user instead of being answered as a different question.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace

from index.names import longest_common, core_of, find_offices, find_projects, stem_of

from .filters import IndicatorFilter, ProjectFilter, Ratio, Threshold

KINDS = ("list", "count", "lookup", "aggregate", "rank", "calc", "reason", "goal", "form", "check", "summarize",
         "clarify", "unknown")


@dataclass(frozen=True)
class Query:
    kind: str
    text: str
    pf: ProjectFilter = ProjectFilter()
    ifilter: IndicatorFilter | None = None  # set when the question is about indicator rows
    subject: str = "projects"  # what a count counts: projects | indicators
    field: str | None = None  # project field, or indicator part: target | actual | weight | score | reason
    field2: str | None = None  # the second figure of a calculation
    op: str | None = None  # aggregate: sum | avg | max | min; calc: diff | growth | share
    indicator_words: str = ""  # the part of the question that names an indicator
    candidates: tuple[str, ...] = ()  # clarify: the projects a mention could mean
    limit: int | None = None
    notes: tuple[str, ...] = ()  # words or conditions that were not understood
    follow_up: bool = False

    def with_(self, **changes) -> "Query":
        return replace(self, **changes)


@dataclass
class Vocabulary:
    """What the corpus names: projects, offices (with their units) and indicator names."""

    projects: list[str]  # unique names; the same name may belong to forms of several towns or years
    offices: dict[str, set[str]]
    indicators: dict[str, list[str]] = field(default_factory=dict)  # project → its indicator names
    departments: list[str] = field(default_factory=list)  # 主管部门: the towns and streets in the store

    def places(self) -> dict[str, str]:
        """Words that name a 主管部门: 「桃浦镇」「桃浦」 → 上海市普陀区桃浦镇人民政府."""
        out: dict[str, str] = {}
        for d in self.departments:
            place = re.sub(r"(人民政府|办事处)$", "", re.sub(r"^(上海市)?([^区]{1,4}区)?", "", d))
            if len(place) >= 2:
                out[place] = d
                short = re.sub(r"(镇|街道|乡)$", "", place)
                if len(short) >= 2:
                    out.setdefault(short, d)
        return out


def normalize(text: str) -> str:
    """Half-width digits and letters, no spaces, uniform quotes and dashes in numbers."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("“", "「").replace("”", "」").replace("‘", "「").replace("’", "」").replace('"', "")
    return re.sub(r"\s+", "", text).strip()


# -- cue words --------------------------------------------------------------------------------------------------

_CHECK = re.compile(r"核实|核查|核对|是否(正确|属实|准确)|对不对|对吗|是真的吗|说得对吗|准确吗|查证")
_SUMMARY = re.compile(r"(写|撰写|起草|生成|拟)(一|1)?(段|份|篇|个)?.*(总结|概述|报告|小结|综述|摘要)|绩效总结|绩效小结")
_REASON = re.compile(r"为什么|为何|原因|怎么回事|咋回事|改进措施|整改措施|怎么改进|如何改进|偏差|怎么扣|扣分理由")
_GOAL = re.compile(r"预期目标|总体目标|年度目标|实际完成情况|完成情况如何|做了什么|干了什么|做了哪些|成效|主要内容|用途|用来做什么")
_FORM = re.compile(r"(完整|整张|全部)(的)?(自评表|表格|指标)|自评表(内容)?(是什么|给我看|展示)")
_COUNT = re.compile(r"(多少|几)(个|项|条|张|家)|有多少(?![万元人次%])|共有几|数量有多少|总数")
_LIST = re.compile(r"哪些|哪个|哪几个|哪一个|哪项|哪几项|列出|列举|清单|名单|有什么项目|是什么项目|都有什么|分别是")
_SUM = re.compile(r"合计|总计|总额|总和|一共|共计|加起来|累计|总共|之和|汇总")
_AVG = re.compile(r"平均|均值")
_MAX = re.compile(r"最高|最大|最多|最好")
_MIN = re.compile(r"最低|最小|最少|最差")
_TOP = re.compile(r"(前|top|TOP)(\d+|[一二三四五六七八九十])(名|个|位)?")
_DIFF = re.compile(r"(增加|增长|减少|下降|提高|降低|调增|调减|多|少|相差|差)了?(多少|几)(万元|元|万|分)?|差额|差值|差距")
_GROWTH = re.compile(r"(增长|增加|下降|减少|提高|降低|变化)(了)?(百分之多少|多少%|百分比|幅度|率)|增幅|增长率|降幅")
_SHARE = re.compile(r"占比|比重|所占比例|占.{0,12}(比例|百分之多少|多少%|的比|几成)")
_PRONOUN = re.compile(r"^(那|那么)?(它|它们|这个项目|该项目|这些项目|此项目|这个|那个)|它的|其(中)?")

_CN_NUM = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}

# -- figures ----------------------------------------------------------------------------------------------------

# Order matters: longer, more specific words first.
_FIELD_WORDS: list[tuple[str, str]] = [
    ("年初预算", "initial_budget"),
    ("全年预算", "annual_budget"),
    ("调整后预算", "annual_budget"),
    ("执行率", "rate"),
    ("全年执行", "executed"),
    ("执行数", "executed"),
    ("执行金额", "executed"),
    ("实际支出", "executed"),
    ("支出", "executed"),
    ("花了", "executed"),
    ("执行", "executed"),
    ("预算", "annual_budget"),
    ("评分等级", "grade"),
    ("等级", "grade"),
    ("评级", "grade"),
    ("总分", "total_score"),
    ("总得分", "total_score"),
    ("实施单位", "unit"),
    ("主管部门", "department"),
]
_PART_WORDS: list[tuple[str, str]] = [
    ("年度指标值", "target"),
    ("目标值", "target"),
    ("指标值", "target"),
    ("目标是多少", "target"),
    ("实际完成值", "actual"),
    ("实际完成", "actual"),
    ("完成了多少", "actual"),
    ("完成多少", "actual"),
    ("实际值", "actual"),
    ("实际", "actual"),
    ("分值", "weight"),
    ("权重", "weight"),
    ("得分", "score"),
    ("得了", "score"),
    ("扣了", "score"),
    ("多少分", "score"),
]

_OP_WORDS = [
    ("不低于", ">="), ("不少于", ">="), ("不小于", ">="), ("至少", ">="), ("及以上", ">="), ("以上", ">="),
    ("不高于", "<="), ("不超过", "<="), ("不大于", "<="), ("不多于", "<="), ("至多", "<="), ("及以下", "<="),
    ("以下", "<="), ("不满", "<"), ("低于", "<"), ("小于", "<"), ("少于", "<"), ("不到", "<"), ("不足", "<"), ("未达到", "<"),
    ("高于", ">"), ("大于", ">"), ("超过", ">"), ("多于", ">"), ("超出", ">"),
    ("等于", "="), ("达到", ">="), ("为", "="), ("是", "="),
]
_OP_RE = "|".join(re.escape(w) for w, _ in _OP_WORDS)
_NUM = r"(\d+(?:\.\d+)?)"
_UNIT_RE = r"(亿元|万元|元|亿|万|%|分)?"

_FUND_SUBJECT = r"(年初预算|全年预算|调整后预算|预算|全年执行|执行金额|执行率|执行数|执行|支出)(数|金额|资金|额)?"
_THRESHOLD = re.compile(_FUND_SUBJECT + r"(在|均|都)?(" + _OP_RE + r"|[<>≤≥=]=?)" + _NUM + _UNIT_RE + r"(以上|以下|及以上|及以下)?")
_THRESHOLD_AFTER = re.compile(_FUND_SUBJECT + r"(在)?" + _NUM + _UNIT_RE + r"(及以上|及以下|以上|以下)")
_SCORE = re.compile(r"(总分|得分|分数)(在|均|都)?(" + _OP_RE + r"|[<>≤≥=]=?)?" + _NUM + r"分?(及以上|及以下|以上|以下)?")
_FULL_MARKS = re.compile(r"满分(100分?)?的?项目|总分(为|是|达到|等于)?满分|总分(为|是)?100分?")
_RATIO = re.compile(
    r"(全年预算|全年执行|执行数|执行)(数)?(比|较|相比)(年初预算|全年预算|预算)(数)?(增加|增长|多|提高|调增|翻)了?"
    r"(一倍|两倍|二倍|三倍|\d+(?:\.\d+)?倍|\d+(?:\.\d+)?%|百分之\d+)?(以上|及以上|多)?"
)
_RATIO_DOWN = re.compile(
    r"(全年预算|全年执行|执行数|执行)(数)?(比|较|相比)?(年初预算|全年预算|预算)(数)?(减少|下降|降低|少|调减)了?"
    r"(\d+(?:\.\d+)?%|一半)?(以上)?"
)
_EXCEEDS = re.compile(r"(全年执行|执行数|全年预算)(数)?(超过|超出|大于|高于|低于|小于|少于|等于|与|和|同)(了)?(年初预算|全年预算|预算)(数)?"
                      r"(相等|相同|一致|持平)?")
_GRADE = re.compile(r"(评分等级|等级|评级|评为|评分为|被评为|评定为)(为|是|评为|属于)?(不是|不为|非|没有|未|低于)?(优秀|优|良好|良|中等|中|差|较差)")
_GRADE_BARE = re.compile(r"(?<![优良中差])(优|良|中|差)(等|级)?的项目|等级(优|良|中|差)")
_YEAR = re.compile(r"(20\d\d)年(度)?")

_FIELD_KEY = {"年初预算": "initial_budget", "全年预算": "annual_budget", "调整后预算": "annual_budget",
              "预算": "annual_budget", "全年执行": "executed", "执行数": "executed", "执行金额": "executed",
              "执行": "executed", "支出": "executed", "执行率": "rate"}
_GRADE_KEY = {"优秀": "优", "优": "优", "良好": "良", "良": "良", "中等": "中", "中": "中", "差": "差", "较差": "差"}

# -- indicator conditions ---------------------------------------------------------------------------------------

_NOT_MET = re.compile(r"未达标|没达标|不达标|没有达标|未达到(目标|年度指标值|指标值|预期)?|没达到|没有达到|未完成|没完成|没有完成|"
                      r"低于(目标|年度指标值|指标值|预期)|不及预期|未实现|没实现|达不到")
_MET = re.compile(r"(?<![未没不])达标|(?<![未没])达到(了)?(目标|年度指标值|指标值)|(?<![未没])完成(了)?目标")
_DEDUCTED = re.compile(r"扣分|扣了分|失分|丢分|被扣|没(有)?(拿|得)满分|未得满分|不是满分|没有满分|未满分|非满分")
_NOT_DEDUCTED = re.compile(r"没(有)?扣分|未扣分|不扣分|得满分|拿满分|全部满分")
_STATUS = [
    (re.compile(r"部分达成"), "部分达成指标并具有一定效果"),
    (re.compile(r"未达成指标|效果较差"), "未达成指标且效果较差"),
    (re.compile(r"「达成指标」|(?<![未部分])达成指标(?!并)"), "达成指标"),
]
_CATEGORY = [
    (re.compile(r"满意度"), {"keywords": ("满意度",)}),
    (re.compile(r"时效(性)?(指标|类)?"), {"level2": "时效指标"}),
    (re.compile(r"数量(指标|类指标|类)"), {"level2": "数量指标"}),
    (re.compile(r"质量(指标|类指标|类)"), {"level2": "质量指标"}),
    (re.compile(r"成本(指标|类指标|类)"), {"level2": "成本指标"}),
    (re.compile(r"社会效益"), {"level2": "社会效益指标"}),
    (re.compile(r"经济效益"), {"level2": "经济效益指标"}),
    (re.compile(r"生态效益"), {"level2": "生态效益指标"}),
    (re.compile(r"可持续(影响)?"), {"level2": "可持续影响指标"}),
    (re.compile(r"产出指标"), {"level1": "产出指标"}),
    (re.compile(r"(?<![社会经济生态])效益指标"), {"level1": "效益指标"}),
]
_KEYWORD = [
    (re.compile(r"(?<!时效)及时(性)?"), "及时"),
    (re.compile(r"投诉"), "投诉"),
    (re.compile(r"覆盖率"), "覆盖率"),
    (re.compile(r"合格率"), "合格率"),
    (re.compile(r"知晓率|知晓度"), "知晓"),
    (re.compile(r"培训"), "培训"),
    (re.compile(r"宣传"), "宣传"),
    (re.compile(r"档案"), "档案"),
    (re.compile(r"长效"), "长效"),
]
_QUOTED = re.compile(r"「([^「」]{2,30})」")


def _cn_int(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return _CN_NUM.get(word)


def _to_wan(value: float, unit: str | None) -> float:
    """Amounts in 万元, as on the forms."""
    if unit == "元":
        return value / 10000
    if unit in ("亿", "亿元"):
        return value * 10000
    return value


def _op_of(word: str | None, suffix: str | None) -> str | None:
    # As in Chinese legal and statistical usage, 以上/以下 include the number itself; 超过/低于 do not.
    if suffix in ("以上", "及以上"):
        return ">=" if word in (None, "", "在", "为", "是", "达到") else dict(_OP_WORDS).get(word, ">=")
    if suffix in ("以下", "及以下"):
        return "<=" if word in (None, "", "在", "为", "是") else dict(_OP_WORDS).get(word, "<=")
    if not word:
        return None
    symbolic = {"<": "<", ">": ">", "<=": "<=", ">=": ">=", "≤": "<=", "≥": ">=", "=": "=", "==": "="}
    return symbolic.get(word) or dict(_OP_WORDS).get(word)


def _strip_spans(text: str, words: list[str]) -> str:
    for w in sorted(words, key=len, reverse=True):
        text = text.replace(w, "※")
    return text


class Understander:
    """Turns a question into a ``Query``, using the corpus vocabulary to recognize names."""

    def __init__(self, vocab: Vocabulary):
        self.vocab = vocab

    # -- entities ---------------------------------------------------------------------------------------------

    def mentioned_projects(self, text: str, strong_only: bool) -> tuple[list[str], list[str], bool]:
        """(chosen projects, the name spans they were found by, ambiguous?)."""
        found = find_projects(text, self.vocab.projects)
        strong = [m for m in found if m.how in ("name", "core")]
        if strong:
            top = strong[0].score
            chosen = [m for m in strong if m.score >= top - 1e-9]
            # 「社区管理专项经费」 names two projects; an office in the question picks one.
            spans = [m.project if m.how == "name" else m.project.split("-", 1)[-1].split("—", 1)[-1] for m in chosen]
            if len(chosen) > 1:
                rest = _strip_spans(text, spans)
                offices = find_offices(rest, self.vocab.offices)
                picked = [m for m in chosen if any(m.project.startswith(o) for o in offices)]
                if len(picked) == 1:
                    return [picked[0].project], spans + [o for o in offices], False
                # Several names matched because one contains another: the longest mention wins.
                longest = max(len(s) for s in spans)
                named = [m for m, s in zip(chosen, spans) if len(s) == longest]
                if len(named) == 1:
                    return [named[0].project], spans, False
                return [m.project for m in chosen], spans, True
            return [chosen[0].project], spans, False
        if strong_only:
            return [], [], False
        weak = [m for m in found if m.how in ("stem", "part")]
        if weak:
            spans = list(dict.fromkeys(stem_of(m.project) if m.how == "stem" else text for m in weak))
            # Every project whose name contains the mentioned piece is a candidate (「片区」 is in three).
            names = [n for n in self.vocab.projects if any(s in core_of(n) for s in spans)]
            return names, spans, len(names) > 1
        return [], [], False

    def mentioned_departments(self, text: str) -> tuple[str, ...]:
        """The towns or streets the text names, when the store holds more than one."""
        if len(self.vocab.departments) < 2:
            return ()
        places = self.vocab.places()
        found = [places[w] for w in sorted(places, key=len, reverse=True) if w in text]
        return tuple(dict.fromkeys(found))

    def mentioned_offices(self, text: str) -> list[str]:
        return find_offices(text, self.vocab.offices)

    def match_indicator(self, project: str, text: str) -> list[str]:
        """Indicator names of ``project`` that ``text`` names (best overlap first; several if tied)."""
        names = self.vocab.indicators.get(project, [])
        best, scored = 0.0, []
        for name in names:
            core = re.sub(r"(情况|及时性|性|率|度|数量|数)$", "", name) or name
            common = longest_common(name, text)
            score = common / max(len(name), 1) + (1.0 if name in text else 0.0) + (0.5 if core in text else 0.0)
            if common >= 2 and (common >= 4 or common / len(name) >= 0.5 or name in text):
                scored.append((score, common, name))
        scored.sort(key=lambda s: (-s[0], -s[1], s[2]))
        if not scored:
            return []
        best = scored[0][0]
        return [n for s, _, n in scored if s >= best - 1e-9]

    # -- conditions -------------------------------------------------------------------------------------------

    def project_conditions(self, text: str, pf: ProjectFilter) -> tuple[ProjectFilter, list[str]]:
        thresholds, ratios, used = list(pf.thresholds), list(pf.ratios), []
        for m in _RATIO.finditer(text):
            left = _FIELD_KEY[m.group(1)]
            right = _FIELD_KEY[m.group(4)]
            amount, plus = m.group(7), m.group(8)
            if amount is None:
                ratios.append(Ratio(left, ">", 1.0, right))
            elif amount.endswith("倍"):
                n = _cn_int(amount[:-1]) if not re.match(r"\d", amount) else float(amount[:-1])
                ratios.append(Ratio(left, ">=" if plus else ">=", 1.0 + float(n), right))
            else:
                pct = float(re.sub(r"[^\d.]", "", amount)) / 100
                ratios.append(Ratio(left, ">=", 1.0 + pct, right))
            used.append(m.group(0))
        for m in _RATIO_DOWN.finditer(text):
            left, right = _FIELD_KEY[m.group(1)], _FIELD_KEY[m.group(4)]
            if left == right:
                continue
            amount = m.group(7)
            if amount is None:
                ratios.append(Ratio(left, "<", 1.0, right))
            elif amount == "一半":
                ratios.append(Ratio(left, "<=", 0.5, right))
            else:
                ratios.append(Ratio(left, "<=", 1.0 - float(amount[:-1]) / 100, right))
            used.append(m.group(0))
        for m in _EXCEEDS.finditer(text):
            if any(m.group(0) in u or u in m.group(0) for u in used):
                continue
            left, right = _FIELD_KEY[m.group(1)], _FIELD_KEY[m.group(5)]
            if m.group(3) in ("与", "和", "同") and not m.group(7):
                continue
            op = ">" if m.group(3) in ("超过", "超出", "大于", "高于") else "=" if m.group(3) in (
                "等于", "与", "和", "同") else "<"
            ratios.append(Ratio(left, op, 1.0, right))
            used.append(m.group(0))
        rest = _strip_spans(text, used)
        for regex in (_THRESHOLD, _THRESHOLD_AFTER):
            for m in regex.finditer(rest):
                g = m.groups()
                key = _FIELD_KEY[g[0]]
                if regex is _THRESHOLD:
                    word, value, unit, suffix = g[3], float(g[4]), g[5], g[6]
                else:
                    word, value, unit, suffix = None, float(g[3]), g[4], g[5]
                op = _op_of(word, suffix)
                if op is None:
                    continue
                if key != "rate":
                    value = _to_wan(value, unit)
                thresholds.append(Threshold(key, op, value))
                used.append(m.group(0))
            rest = _strip_spans(text, used)
        if _FULL_MARKS.search(text):
            thresholds.append(Threshold("total_score", "=", 100.0))
            used.append(_FULL_MARKS.search(text).group(0))
        else:
            for m in _SCORE.finditer(rest):
                op = _op_of(m.group(3), m.group(5))
                if op is None:
                    continue
                thresholds.append(Threshold("total_score", op, float(m.group(4))))
                used.append(m.group(0))
        grades, grades_not = list(pf.grades), list(pf.grades_not)
        for m in _GRADE.finditer(text):
            (grades_not if m.group(3) else grades).append(_GRADE_KEY[m.group(4)])
            used.append(m.group(0))
        if not grades and not grades_not:
            for m in _GRADE_BARE.finditer(text):
                grades.append(_GRADE_KEY[m.group(1) or m.group(3)])
                used.append(m.group(0))
        year = pf.year
        if (m := _YEAR.search(text)) and not re.search(r"20\d\d年(根据|按|全年|桃浦)", text):
            year = int(m.group(1))
        return pf.with_(thresholds=tuple(thresholds), ratios=tuple(ratios), grades=tuple(dict.fromkeys(grades)),
                        grades_not=tuple(dict.fromkeys(grades_not)), year=year), used

    def indicator_conditions(self, text: str) -> tuple[IndicatorFilter | None, list[str]]:
        f, used = IndicatorFilter(), []
        for regex, change in _CATEGORY:
            if m := regex.search(text):
                if "keywords" in change:
                    f = f.with_(keywords=f.keywords + change["keywords"])
                else:
                    f = f.with_(**change)
                used.append(m.group(0))
        for regex, kw in _KEYWORD:
            if (m := regex.search(text)) and not any(m.group(0) in u for u in used):
                f = f.with_(keywords=f.keywords + (kw,))
                used.append(m.group(0))
        for q in _QUOTED.findall(text):
            if q not in ("达成指标",) and not any(q in u for u in used):
                f = f.with_(keywords=f.keywords + (q,))
                used.append(q)
        for regex, status in _STATUS:
            if m := regex.search(text):
                f = f.with_(status=status)
                used.append(m.group(0))
                break
        if f.status is None:
            if m := _NOT_MET.search(text):
                f = f.with_(met=False)
                used.append(m.group(0))
            elif m := _MET.search(text):
                f = f.with_(met=True)
                used.append(m.group(0))
        if m := _NOT_DEDUCTED.search(text):
            f = f.with_(deducted=False)
            used.append(m.group(0))
        elif m := _DEDUCTED.search(text):
            f = f.with_(deducted=True)
            used.append(m.group(0))
        return (None if f.empty else f), used

    # -- the question -----------------------------------------------------------------------------------------

    def parse(self, question: str) -> Query:
        text = normalize(question)
        if not text:
            return Query("unknown", question, notes=("问题是空的",))
        if _CHECK.search(text):
            return Query("check", question)
        if _SUMMARY.search(text):
            projects, _, ambiguous = self.mentioned_projects(text, strong_only=False)
            offices = self.mentioned_offices(_strip_spans(text, projects))
            if ambiguous:
                return Query("clarify", question, candidates=tuple(projects))
            return Query("summarize", question, pf=ProjectFilter(projects=tuple(projects), offices=tuple(offices)))

        top_cue = _TOP.search(text) or re.search(r"(后|倒数)(\d+|[一二三四五六七八九十])(名|个|位)", text)
        aggregate_cue = (_SUM.search(text) or _AVG.search(text) or _MAX.search(text) or _MIN.search(text)
                         or top_cue)
        list_cue = _LIST.search(text)
        count_cue = _COUNT.search(text)
        broad = bool(list_cue or count_cue or aggregate_cue or re.search(r"所有|全部|各个|每个|各项目", text))
        projects, spans, ambiguous = self.mentioned_projects(text, strong_only=broad)
        rest = _strip_spans(text, spans)
        offices = self.mentioned_offices(rest)
        rest = _strip_spans(rest, offices)
        pf = ProjectFilter(offices=tuple(offices), departments=self.mentioned_departments(rest))
        if projects and not ambiguous:
            pf = pf.with_(projects=tuple(projects), offices=())
        pf, used_p = self.project_conditions(rest, pf)
        ifilter, used_i = self.indicator_conditions(_strip_spans(rest, used_p))
        field_ = self._field(_strip_spans(rest, used_p + used_i))

        if ambiguous and not broad:
            return Query("clarify", question, candidates=tuple(projects))

        # Reasons and goals of a named project (or of every deduction, when none is named).
        if _REASON.search(text):
            return Query("reason", question, pf=pf, ifilter=ifilter, indicator_words=rest)
        if _FORM.search(text) and pf.projects:
            return Query("form", question, pf=pf)
        if _GOAL.search(text) and pf.projects and not count_cue:
            which = "achieved" if re.search(r"完成|做了|干了|成效", text) else "goal"
            if re.search(r"目标", text) and re.search(r"完成", text):
                which = "both"
            return Query("goal", question, pf=pf, field=which)

        calc = self._calc(text)
        if calc and (pf.projects or pf.offices or re.search(r"全镇|所有|全部|合计|总", text)):
            op, f1, f2 = calc
            # 「全年预算比年初预算增加了多少」 compares two figures; it is not a condition on the projects.
            pf = pf.with_(ratios=(), thresholds=()) if pf.projects else pf.with_(ratios=())
            return Query("calc", question, pf=pf, op=op, field=f1, field2=f2)

        if count_cue and not (pf.projects and field_):
            subject = "indicators" if re.search(r"(多少|几)(条|项)(指标)?|指标(有|共)?(多少|几)", text) else "projects"
            return Query("count", question, pf=pf, ifilter=ifilter, subject=subject)

        if aggregate_cue:
            key = field_ if field_ in ("initial_budget", "annual_budget", "executed", "rate", "total_score") else None
            if key is None and re.search(r"分", text):
                key = "total_score"
            if key is not None and not (pf.projects and len(pf.projects) == 1):
                if _SUM.search(text) or _AVG.search(text):
                    return Query("aggregate", question, pf=pf, field=key, op="sum" if _SUM.search(text) else "avg")
                limit = None
                if top_cue:
                    limit = _cn_int(top_cue.group(2))
                op = "min" if (_MIN.search(text) or re.search(r"后|倒数", top_cue.group(0) if top_cue else "")) \
                    else "max"
                return Query("rank", question, pf=pf, field=key, op=op, limit=limit)

        if len(pf.projects) == 1 and field_ and not ifilter and not aggregate_cue:
            # 「消防安全专项经费的实施单位是哪个」: 哪个 asks for a value here, not for a list.
            return Query("lookup", question, pf=pf, field=field_)

        if list_cue or (not pf.projects and (ifilter or pf.thresholds or pf.ratios or pf.grades or pf.grades_not
                                             or (pf.offices and re.search(r"项目", text)))):
            if not (ifilter or not pf.empty):
                return Query("unknown", question, notes=(rest,))
            return Query("list", question, pf=pf, ifilter=ifilter)

        if pf.projects:
            part = self._part(rest)
            indicator_words = _strip_spans(rest, used_p)
            if part or (field_ is None and (ifilter or self.match_indicator(pf.projects[0], indicator_words))):
                return Query("lookup", question, pf=pf, ifilter=ifilter, field=part or "actual",
                             indicator_words=indicator_words)
            if field_:
                return Query("lookup", question, pf=pf, field=field_)
            return Query("form", question, pf=pf)
        if pf.offices and not field_:
            return Query("list", question, pf=pf, ifilter=ifilter)
        if pf.offices and field_ in ("initial_budget", "annual_budget", "executed"):
            return Query("aggregate", question, pf=pf, field=field_, op="sum")
        return Query("unknown", question, pf=pf, field=field_, notes=(rest,))

    @staticmethod
    def _field(text: str) -> str | None:
        for word, key in _FIELD_WORDS:
            if word in text:
                return key
        return None

    @staticmethod
    def _part(text: str) -> str | None:
        for word, key in _PART_WORDS:
            if word in text:
                return key
        return None

    def _calc(self, text: str) -> tuple[str, str, str | None] | None:
        if _SHARE.search(text):
            return "share", self._field(text) or "executed", None
        growth, diff = _GROWTH.search(text), _DIFF.search(text)
        if not (growth or diff):
            return None
        fields = [key for word, key in _FIELD_WORDS if word in text and key in ("initial_budget", "annual_budget",
                                                                                 "executed")]
        fields = list(dict.fromkeys(fields))
        pos = {key: min(text.find(w) for w, k in _FIELD_WORDS if k == key and w in text) for key in fields}
        fields.sort(key=lambda k: pos[k])
        if len(fields) >= 2:
            f1, f2 = fields[0], fields[1]
        elif fields == ["executed"]:
            f1, f2 = "executed", "annual_budget"
        else:
            f1, f2 = "annual_budget", "initial_budget"
        return ("growth" if growth else "diff"), f1, f2


def merge_follow_up(query: Query, previous: Query | None) -> Query:
    """Fill a follow-up (「那它的总分呢？」「其中社发办的呢？」) from the previous question."""
    if previous is None or previous.kind in ("unknown", "clarify", "check"):
        return query
    text = normalize(query.text)
    pronoun = bool(_PRONOUN.search(text))
    elliptic = bool(re.search(r"呢[?？]?$|^(那|其中|另外|还有)", text))
    if not (pronoun or elliptic):
        return query
    # 「那它的总分呢」: same project(s), new figure.
    if not query.pf.projects and previous.pf.projects and (query.field or query.kind in ("reason", "goal", "form")):
        kind = query.kind if query.kind not in ("unknown", "list", "count") else "lookup"
        return query.with_(kind=kind, pf=query.pf.with_(projects=previous.pf.projects), follow_up=True)
    # 「其中社发办的呢」: same question, narrowed (or moved) to another office or project.
    if query.pf.offices or query.pf.projects:
        pf = previous.pf.with_(offices=query.pf.offices or previous.pf.offices,
                               projects=query.pf.projects or ())
        if query.pf.projects:
            pf = pf.with_(offices=())
        return previous.with_(text=query.text, pf=pf, follow_up=True)
    # 「那总分呢」 after a list: the same set of projects, another figure.
    if query.field and previous.kind in ("list", "aggregate", "rank", "count"):
        return previous.with_(text=query.text, kind="list", field=query.field, follow_up=True)
    return query
