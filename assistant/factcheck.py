"""Fact-checking statements against the records: each claim gets 正确 / 错误 / 无法核实, the whole a verdict.

Claims are clauses of the statement. Each is recognized as a project figure (预算, 执行数, 执行率, 总分, 等级, an
indicator's target or actual), a count, a calculation, a superlative or a universal statement, and is checked
with the same tools that answer questions; the calculator does all arithmetic.
"""
from __future__ import annotations

import re
from contextlib import closing
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from index.quantity import normalize_unit

from . import prompts
from .answer import Citation
from .calculator import calculate, format_number
from .compose import money, score
from .filters import FUND_FIELDS, IndicatorFilter, ProjectFilter
from .understand import _FIELD_WORDS, _GRADE_KEY, Query, normalize

CORRECT, WRONG, PARTLY, UNKNOWN = "正确", "错误", "部分正确", "无法核实"
_VALUE = re.compile(r"(?<![\d.])(\d+(?:,\d{3})*(?:\.\d+)?)\s*(亿元|万元|元|%|％|百分点|分|个|项|条|人次|人|次|家|场|件|起|天|户|台|处|"
                    r"平方米|张|名|所|批)?")
_UNIVERSAL = re.compile(r"所有|全部|每个|每一个|均|都|一律|无一例外|全都")
_SUPERLATIVE = re.compile(r"最高|最大|最多|最低|最小|最少")
_COUNT_CLAIM = re.compile(r"(共有|共|有|一共|总共|合计)?(\d+)(个|项|条|张)(项目|指标)?")
_CALC_CLAIM = re.compile(r"增加了|增长了|减少了|下降了|多了|少了|相差|增长|增幅|占比|比重|调减|调增|增加|减少|下降")
_DOWN = re.compile(r"减少|调减|下降|降低|少了|缩减")
_APPROX = re.compile(r"约|大约|近|将近|接近|左右|多万|余")
_MET_WORDS = re.compile(r"(未|没有|没)(达标|达到|完成)|低于(目标|年度指标值)|不达标")
_MET_POSITIVE = re.compile(r"达标|达到(了)?(目标|年度指标值)|完成(了)?(目标|年度指标值)|超过(了)?(目标|年度指标值)")
_GRADE_CLAIM = re.compile(r"(评分等级|等级|评级|评为|评分为|被评为)(为|是|评为|均为|都是|都为)?(优秀|优|良好|良|中等|中|差|较差)")


@dataclass
class Claim:
    text: str
    verdict: str
    expected: str = ""  # what the claim states
    found: str = ""  # what the records say
    note: str = ""  # explanation for people
    citations: list[Citation] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"text": self.text, "verdict": self.verdict, "expected": self.expected, "found": self.found,
                "citations": [c.as_dict() for c in self.citations]}


@dataclass
class CheckResult:
    statement: str
    verdict: str
    claims: list[Claim]
    text: str = ""

    def to_json(self) -> dict:
        return {"verdict": self.verdict, "claims": [c.as_dict() for c in self.claims]}


def value_in(text: str) -> bool:
    return bool(_VALUE.search(text))


def _strip_names(text: str, names: list[str]) -> str:
    for n in names:
        text = text.replace(n, "").replace(n.split("-", 1)[-1], "")
    return text


def overall(claims: list[Claim]) -> str:
    verdicts = [c.verdict for c in claims]
    checked = [v for v in verdicts if v in (CORRECT, WRONG)]
    if not checked:
        return UNKNOWN
    if all(v == CORRECT for v in checked):
        return CORRECT if len(checked) == len(verdicts) else PARTLY
    if all(v == WRONG for v in checked):
        return WRONG
    return PARTLY


def split_claims(statement: str) -> list[str]:
    """Sentences, then clauses: 「总分91分，评分等级为优」 holds two claims about one project."""
    return [c for sentence in split_sentences(statement) for c in sentence]


def split_sentences(statement: str) -> list[list[str]]:
    """The claims of each sentence; a subject named in one clause carries to the next within its sentence."""
    text = statement.strip()
    out = []
    for sentence in re.split(r"[。；;！!？?\n]+", text):
        sentence = sentence.strip(" ，,、")
        if not sentence:
            continue
        clauses = [c.strip() for c in re.split(r"[，,]", sentence) if c.strip()]
        merged: list[str] = []
        pending = ""
        for c in clauses:
            # A clause with no figure, grade or verdict word belongs to its neighbour (「其中」「同时」…).
            bare = not (_VALUE.search(c) or _GRADE_CLAIM.search(c) or _MET_WORDS.search(c)
                        or _MET_POSITIVE.search(c) or _SUPERLATIVE.search(c) or _UNIVERSAL.search(c))
            if bare and not merged:
                pending += c + "，"
            elif bare:
                merged[-1] += "，" + c
            else:
                merged.append(pending + c)
                pending = ""
        if pending:
            merged.append(pending.rstrip("，"))
        out.append(merged)
    return out


def _to_decimal(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def _same(stated: Decimal, actual: float | Decimal | None, approx: bool) -> bool:
    if actual is None:
        return False
    actual = Decimal(str(actual))
    if stated == actual:
        return True
    if approx:
        return abs(stated - actual) <= abs(actual) * Decimal("0.02")
    # A figure given with decimals is right if it is the record rounded to them (139.9 for 139.87);
    # a whole number must match exactly (96 分 is not 96.5 分).
    exp = stated.as_tuple().exponent
    if not (isinstance(exp, int) and exp < 0):
        return False
    return actual.quantize(Decimal(1).scaleb(exp), rounding=ROUND_HALF_UP) == stated


class FactChecker:
    def __init__(self, assistant):
        self.a = assistant
        self.u = assistant.understander
        self.tools = assistant.tools

    def check(self, statement: str) -> CheckResult:
        claims: list[Claim] = []
        self._context = {"subject": (), "office": "", "field": None, "indicator": None}
        years = self._years()
        for text, first in ((c, i == 0) for sentence in split_sentences(statement) for i, c in enumerate(sentence)):
            if first:
                self._context.update(subject=(), field=None, indicator=None)
            t = normalize(text)
            stated_years = {int(y) for y in re.findall(r"(20\d\d)年", t)}
            if stated_years and not stated_years & years:
                claims.append(Claim(text, UNKNOWN, note=f"自评表只有{'、'.join(map(str, sorted(years)))}年度的数据"))
                continue
            projects, _, ambiguous = self.u.mentioned_projects(t, strong_only=False)
            offices = self.u.mentioned_offices(_strip_names(t, projects))
            if projects and not ambiguous:
                self._context.update(subject=tuple(projects), field=None, indicator=None)
                subject = tuple(projects)
            elif not projects and not offices and self._context["subject"]:
                subject = self._context["subject"]  # 「评分等级为良」 after a clause naming the project
            else:
                subject = ()
            if offices:
                self._context["office"] = offices[0]
            elif not projects and self._context["office"] and not subject:
                # 「财政所的6个项目中，有3个项目……」: the second clause is about the same office.
                text_for_parse = self._context["office"] + "中" + text
                claims.append(self._check_clause(text, text_for_parse, ()))
                continue
            claims.append(self._check_clause(text, text, subject))
        verdict = overall(claims)
        result = CheckResult(statement, verdict, claims)
        result.text = self.render(result)
        return result

    # -- one claim --------------------------------------------------------------------------------------------

    def _years(self) -> set[int]:
        with closing(self.tools.store.connect()) as conn:
            return {r[0] for r in conn.execute("SELECT DISTINCT year FROM projects WHERE year IS NOT NULL")}

    def _check_clause(self, text: str, parse_text: str, subject: tuple[str, ...]) -> Claim:
        t = normalize(parse_text)
        if _UNIVERSAL.search(t) and not subject:
            if c := self._universal(text, t):
                return c
        if _SUPERLATIVE.search(t):
            if c := self._superlative(text, t):
                return c
        count = _COUNT_CLAIM.search(t)
        if count and not subject:
            if c := self._count(text, t, count):
                return c
        if subject:
            if _CALC_CLAIM.search(t) and _VALUE.search(t):
                if c := self._calculation(text, t, subject):
                    return c
            if c := self._project_claim(text, t, subject[0]):
                return c
        return Claim(text, UNKNOWN, note="自评表中没有可以核对这句话的记录")

    def _project_claim(self, text: str, t: str, name: str) -> Claim | None:
        from .compose import Ambiguous

        year = next((int(y) for y in re.findall(r"(20\d\d)年", t)), None)
        q = Query("lookup", text, pf=ProjectFilter(projects=(name,), departments=self.u.mentioned_departments(t),
                                                  year=year))
        try:
            p = self.a.composer._one_project(q)
        except Ambiguous as amb:
            return Claim(text, UNKNOWN, note=f"库中有 {len(amb.rows)} 张名为「{name}」的自评表（不同镇街或年度），"
                                             "请注明镇街或年度")
        if p is None:
            return None
        f = p.funds.get("total")
        approx = bool(_APPROX.search(t))
        if g := _GRADE_CLAIM.search(t):
            self._context["field"] = "grade"
            stated = _GRADE_KEY[g.group(3)]
            c = Claim(text, CORRECT if stated == p.grade else WRONG, expected=stated, found=p.grade,
                      citations=[Citation(p.name, p.file, p.end_line)])
            c.note = f"评分等级为「{p.grade}」（总分 {score(p.total_score)} 分）"
            return c
        value = self._value(t)
        # An indicator named in the clause (「受益群众满意度为80%」) wins over project-level words.
        names = self.u.match_indicator(p.name, t.replace(name, ""))
        field_ = next((key for word, key in _FIELD_WORDS if word in t), None)
        if not names and field_ is None and self._context.get("indicator") and (
                _MET_WORDS.search(t) or _MET_POSITIVE.search(t) or value_in(t)):
            names = [self._context["indicator"]]  # 「……满意度为89%，未达到目标」
        elif not names and field_ is None and self._context.get("field"):
            field_ = self._context["field"]  # 「全年预算数最小的是……，仅2万元」
        if names and (field_ in (None, "grade") or names[0] in t):
            ind = next(i for i in p.indicators if i.name == names[0])
            self._context["indicator"] = ind.name
            cite = [Citation(p.name, p.file, ind.line)]
            use_target = bool(re.search(r"目标|指标值|计划", t)) and not re.search(r"实际|完成", t)
            if value is None:
                if _MET_WORDS.search(t) or _MET_POSITIVE.search(t):
                    said_met = not _MET_WORDS.search(t)
                    if ind.met is None:
                        return Claim(text, UNKNOWN, expected="达到" if said_met else "未达到", found=ind.actual.raw,
                                     note="该指标无法按数值判断是否达到目标", citations=cite)
                    found = "达到年度指标值" if ind.met else "未达到年度指标值"
                    return Claim(text, CORRECT if said_met == ind.met else WRONG,
                                 expected="达到年度指标值" if said_met else "未达到年度指标值",
                                 found=f"{found}（目标 {ind.target.raw}，实际 {ind.actual.raw}）", citations=cite)
                return None
            q = ind.target if use_target else ind.actual
            stated, unit = value
            if q.value is None:
                return Claim(text, UNKNOWN, expected=f"{format_number(stated)}{unit or ''}", found=q.raw,
                             note="记录中该值不是数字", citations=cite)
            unit_ok = not unit or not q.unit or normalize_unit(unit) == q.unit
            ok = unit_ok and _same(stated, q.value, approx)
            label = "年度指标值" if use_target else "实际完成值"
            return Claim(text, CORRECT if ok else WRONG, expected=f"{format_number(stated)}{unit or ''}",
                         found=q.raw, note=f"「{ind.name}」{label}为 {q.raw}", citations=cite)
        if value is None:
            return None
        stated, unit = value
        if field_ in FUND_FIELDS and f is not None:
            self._context["field"] = field_
            actual = getattr(f, field_)
            stated_wan = stated / 10000 if unit == "元" else stated * 10000 if unit in ("亿元", "亿") else stated
            ok = _same(stated_wan, actual, approx)
            c = Claim(text, CORRECT if ok else WRONG, expected=f"{format_number(stated)}{unit or ('%' if field_ == 'rate' else '万元')}",
                      found=f"{money(actual)}{'%' if field_ == 'rate' else '万元'}",
                      citations=[Citation(p.name, p.file, f.line)])
            c.note = f"{FUND_FIELDS[field_]}为 {money(actual)}{'%' if field_ == 'rate' else '万元'}"
            if unit == "元" and actual is not None:
                c.note += f"（即 {format_number(Decimal(str(actual)) * 10000)} 元）"
            elif unit in ("亿元", "亿") and actual is not None:
                c.note += f"（即 {format_number(Decimal(str(actual)) / 10000, 4)} 亿元）"
            if not ok:
                # Name the figure the claim probably confused it with.
                confused = [label for other, label in FUND_FIELDS.items()
                            if other != field_ and _same(stated_wan, getattr(f, other), False)]
                if confused:
                    c.note += f"；{format_number(stated_wan)} 是{'、'.join(confused)}，不是{FUND_FIELDS[field_]}"
            return c
        if field_ == "total_score" or (field_ is None and unit == "分"):
            self._context["field"] = "total_score"
            ok = _same(stated, p.total_score, approx)
            return Claim(text, CORRECT if ok else WRONG, expected=f"{format_number(stated)}分",
                         found=f"{score(p.total_score)}分", note=f"总分为 {score(p.total_score)} 分",
                         citations=[Citation(p.name, p.file, p.total_line)])
        return None

    def _value(self, t: str) -> tuple[Decimal, str | None] | None:
        for m in _VALUE.finditer(t):
            raw, unit = m.group(1), m.group(2)
            if re.match(r"20\d\d$", raw) and t[m.end():m.end() + 1] == "年":
                continue  # a year, not a figure
            return _to_decimal(raw), ("%" if unit == "％" else unit)
        return None

    def _count(self, text: str, t: str, m: re.Match) -> Claim | None:
        stated = int(m.group(2))
        question = t.replace(m.group(0), "有几个" + (m.group(4) or "项目"), 1)
        q = self.u.parse(question)
        if q.kind != "count":
            q = self.u.parse(t.replace(m.group(2), "几", 1))
        if q.kind != "count":
            return None
        answer = self.a.composer.answer(q)
        found = int(re.search(r"\*\*(\d+)\*\*", answer.text).group(1))
        c = Claim(text, CORRECT if found == stated else WRONG, expected=str(stated), found=str(found),
                  citations=answer.citations[:20])
        c.note = answer.text.split("\n")[0].replace("**", "")
        return c

    def _universal(self, text: str, t: str) -> Claim | None:
        """「所有项目评分等级均为优」: true only if the opposite list is empty; otherwise list counter-examples."""
        base = re.sub(r"所有|全部|每个|每一个|一律|无一例外|全都|均|都", "", t)
        q = self.u.parse(base + "的项目")
        if q.kind not in ("list", "count"):
            q = self.u.parse(base)
        pf, f = q.pf, q.ifilter
        flip = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "=": "!=", "!=": "="}
        if pf.thresholds or pf.ratios:
            negated = None
            for n, th in enumerate(pf.thresholds):
                rest = pf.thresholds[:n] + pf.thresholds[n + 1:]
                negated = Query("list", text, pf=pf.with_(thresholds=rest + (th.__class__(th.field, flip[th.op],
                                                                                         th.value),)))
            for n, r in enumerate(pf.ratios):
                rest = pf.ratios[:n] + pf.ratios[n + 1:]
                negated = Query("list", text, pf=pf.with_(ratios=rest + (r.__class__(r.left, flip[r.op], r.factor,
                                                                                     r.right),)))
        elif pf.grades:
            negated = Query("list", text, pf=pf.with_(grades=(), grades_not=pf.grades))
        elif pf.grades_not:
            negated = Query("list", text, pf=pf.with_(grades_not=(), grades=pf.grades_not))
        elif f is not None and (f.met is not None or f.deducted is not None):
            negated = Query("list", text, pf=pf, ifilter=f.with_(
                met=None if f.met is None else not f.met, deducted=None if f.deducted is None else not f.deducted))
        elif f is not None and _MET_POSITIVE.search(t):
            negated = Query("list", text, pf=pf, ifilter=f.with_(met=False))
        else:
            return None
        if negated is None:
            return None
        answer = self.a.composer.answer(negated)
        counter = answer.projects
        if not counter:
            return Claim(text, CORRECT, expected="全部符合", found="没有反例", note=answer.text.split("\n")[0])
        c = Claim(text, WRONG, expected="全部符合", found=f"{len(counter)}个反例：" + "、".join(counter[:20])
                  + ("等" if len(counter) > 20 else ""), citations=answer.citations[:20])
        c.note = answer.text.split("\n")[0].replace("**", "")
        return c

    def _superlative(self, text: str, t: str) -> Claim | None:
        projects, _, ambiguous = self.u.mentioned_projects(t, strong_only=True)
        field_ = next((key for word, key in _FIELD_WORDS if word in t and key in
                       ("initial_budget", "annual_budget", "executed", "rate", "total_score")), None)
        if field_ is None and re.search(r"分", t):
            field_ = "total_score"
        if field_ is None or not projects:
            return None
        op = "max" if re.search(r"最高|最大|最多", t) else "min"
        offices = self.u.mentioned_offices(t.replace(projects[0], ""))
        agg = self.tools.aggregate(field_, op, ProjectFilter(offices=tuple(offices)))
        winners = [r.name for r in agg.rows]
        ok = projects[0] in winners
        self._context.update(subject=(projects[0],), field=field_, indicator=None)
        value = money(float(agg.value)) if field_ != "total_score" else format_number(agg.value)
        return Claim(text, CORRECT if ok else WRONG, expected=projects[0], found="、".join(winners) + f"（{value}）",
                     citations=[Citation(r.name, r.file, r.fund_line or r.line) for r in agg.rows])

    def _calculation(self, text: str, t: str, subject: tuple[str, ...]) -> Claim | None:
        value = self._value(t)
        if value is None:
            return None
        stated, unit = value
        raw = _VALUE.search(t).group(0)
        question = subject[0] + t.replace(raw, "多少" if unit != "%" else "百分之多少", 1)
        q = self.u.parse(question)
        if q.kind != "calc":
            return None
        answer = self.a.composer.answer(q)
        if not answer.rows:
            return None
        result = Decimal(answer.rows[0]["result"])
        if q.op == "growth":
            result = calculate(answer.rows[0]["expression"]).value
        ok = _same(abs(stated), abs(result), bool(_APPROX.search(t)))
        if result != 0 and bool(_DOWN.search(t)) != (result < 0):
            ok = False  # the claim says it went down but it went up, or the other way round
        return Claim(text, CORRECT if ok else WRONG, expected=f"{format_number(stated)}{unit or ''}",
                     found=f"{format_number(abs(result))}{'%' if q.op == 'growth' else '万元'}",
                     note=answer.text.split("\n")[0].replace("**", ""), citations=answer.citations)

    # -- output -----------------------------------------------------------------------------------------------

    def render(self, result: CheckResult) -> str:
        lines = []
        for n, c in enumerate(result.claims, 1):
            detail = c.note or c.found
            if c.verdict == WRONG and c.found and c.found not in detail:
                detail = f"记录为 {c.found}" + (f"；{detail}" if detail else "")
            sources = "；".join(f"{x.file} 第{x.line}行" for x in c.citations[:5])
            if len(c.citations) > 5:
                sources += f" 等 {len(c.citations)} 处"
            lines.append(f"{n}. 「{c.text}」—— **{c.verdict}**" + (f"：{detail}" if detail else "")
                         + (f"（来源：{sources}）" if sources else ""))
        return prompts.render("answer_check", verdict=result.verdict, count=len(result.claims),
                              claims="\n".join(lines))
