"""Synthetic 财政项目支出绩效自评表 reports for load and robustness tests, deterministic by seed number.

Every synthetic form is a real form from the seed (data/000_ce9e36a26cba1e6e.txt) varied in its town, year,
project name, funding, indicator results and deductions, then written out with the seed's layout drift and
extraction noise (titles lost or in markdown, `------` rule rows, `142. 81`, `—`/`－` empty cells, `(百分比)`,
`1,203.85`, `（2023年度）`, rows that start with the 二级 or 三级 label, stray lines between forms).
The arithmetic of every form is consistent by construction: 分值 sums to 100, 得分 sums to 总分,
执行率 = 执行数 ÷ 预算数, funding rows add up, 评分等级 follows 总分. Amounts are kept in hundredths (ints)
so no float drift creeps into the sums.

    python bench/synth.py OUT_DIR --forms 10000 [--seed 0] [--per-file 100]
"""
from __future__ import annotations

import argparse
import math
import random
import re
import sys
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):  # run as a script: make `index` importable
    sys.path.insert(0, str(ROOT))

from index.audit import grade_for  # noqa: E402
from index.parse import parse_file  # noqa: E402
from index.quantity import parse_quantity  # noqa: E402
from index.records import STATUS_MET, STATUS_MISSED, STATUS_PARTIAL, Project, office_of  # noqa: E402

SEED_FILE = ROOT / "data" / "000_ce9e36a26cba1e6e.txt"
SEED_TOWN, SEED_DISTRICT, SEED_YEAR = "桃浦镇", "普陀区", 2023

# (district, town): plausible Shanghai towns and street offices; the seed's own town is left out.
TOWNS: tuple[tuple[str, str], ...] = (
    ("普陀区", "真如镇街道"), ("普陀区", "长征镇"), ("普陀区", "石泉路街道"), ("普陀区", "宜川路街道"),
    ("普陀区", "甘泉路街道"), ("普陀区", "曹杨新村街道"), ("普陀区", "长风新村街道"), ("普陀区", "长寿路街道"),
    ("普陀区", "万里街道"), ("闵行区", "莘庄镇"), ("闵行区", "七宝镇"), ("闵行区", "梅陇镇"),
    ("闵行区", "浦江镇"), ("闵行区", "江川路街道"), ("闵行区", "古美路街道"), ("嘉定区", "江桥镇"),
    ("嘉定区", "南翔镇"), ("嘉定区", "安亭镇"), ("嘉定区", "马陆镇"), ("嘉定区", "真新街道"),
    ("宝山区", "大场镇"), ("宝山区", "顾村镇"), ("宝山区", "杨行镇"), ("宝山区", "淞南镇"),
    ("浦东新区", "川沙新镇"), ("浦东新区", "张江镇"), ("浦东新区", "北蔡镇"), ("浦东新区", "花木街道"),
    ("长宁区", "新泾镇"), ("长宁区", "程家桥街道"), ("徐汇区", "华泾镇"), ("徐汇区", "漕河泾街道"),
)
YEARS = (2021, 2022, 2023, 2024, 2025)

NAME_SUFFIXES = ("（二期）", "（三期）", "（续建）", "（第二批）", "（提升）", "（补充）", "（专项）", "（延续）")
WORD_SWAPS = (("专项经费", "专项资金"), ("专项经费", "工作经费"), ("项目经费", "项目资金"), ("经费", "资金"),
              ("补贴", "补助"), ("建设", "改造"), ("管理", "运维"))
REASONS = (
    "受疫情及天气影响，部分工作推迟开展，后续加强进度管理，确保按期完成。",
    "年初计划数设置偏高，实际需求低于预期，下一年度编制目标时充分论证，合理确定计划数。",
    "部分居民对服务内容了解不够，后期加强宣传引导，提升群众知晓率和满意度。",
    "第三方服务单位人员变动较大，服务质量有所波动，后续加强对第三方的考核管理。",
    "项目验收流程较长，部分款项未能在年内支付，后续加快验收和支付进度。",
    "个别点位整改不到位，后期加强巡查督办，建立长效管理机制。",
    "工作推进中与相关部门沟通协调不足，后续完善联动机制，提高工作效率。",
    "资金下达时间较晚，采购程序耗时较长，影响项目实施进度，后续提前谋划。",
    "活动参与度不够高，后期进一步丰富活动形式，扩大覆盖面。",
    "设施设备老化，故障率有所上升，后续加大维护保养力度。",
    "问卷调查样本覆盖面不足，下一年度扩大调查范围，提高评价的代表性。",
    "受上级政策调整影响，部分工作内容有所变化，按实际需要进行了调整。",
)
LEVEL_LABELS = {"产出指标", "效益指标", "满意度指标", "数量指标", "质量指标", "时效指标", "成本指标", "经济效益指标",
                "社会效益指标", "生态效益指标", "可持续影响指标", "服务对象满意度指标"}
PCT_UNITS = ("%",) * 16 + ("百分比",) * 3 + ("百分号",)
# Shapes of the 主管部门/实施单位 line after `主管部门\t\t`, with how often the seed uses each.
DEPT_SHAPES = (("{d}\t\t\t实施单位\t{u}\t\t", 71), ("{d}\t\t实施单位\t{u}\t\t\t", 18),
               ("{d}\t\t\t实施单位\t\t{u}\t", 9), ("{d}\t\t实施单位\t\t{u}\t\t", 5))
FUND_LABELS = ("年度资金总额", "其中：当年财政拨款", "上年结转资金", "其他资金")
FUND_KEYS = ("total", "appropriation", "carryover", "other")


# ---------------------------------------------------------------- templates

@dataclass(frozen=True)
class _Row:
    level1: str
    level2: str
    name: str
    weight: int  # hundredths
    target_raw: str
    op: str | None
    value: float | None
    unit: str | None
    parens: bool  # the unit was written in parentheses
    reason: str  # the seed's reason when the seed deducted points here


@dataclass(frozen=True)
class _Template:
    office: str
    dash: str
    core: str
    unit: str
    initial: int  # hundredths of 万元
    annual: int
    goal: str
    achieved: str
    rows: tuple[_Row, ...]


def _cents(x: float | None) -> int:
    return int(round((x or 0) * 100))


def _template(p: Project) -> _Template:
    office = office_of(p.name)
    dash, core = "", p.name
    if office:
        rest = p.name[len(office):]
        dash, core = rest[0], rest[1:]
    rows = []
    for i in p.indicators:
        t = i.target
        rows.append(_Row(i.level1, i.level2, i.name, _cents(i.weight), t.raw, t.op, t.value, t.unit,
                         "(" in t.raw or "（" in t.raw, i.reason if i.deducted else ""))
    total = p.funds["total"]
    return _Template(office, dash, core, p.unit, _cents(total.initial_budget), _cents(total.annual_budget),
                     p.goal, p.achieved, tuple(rows))


@lru_cache(maxsize=1)
def templates() -> tuple[_Template, ...]:
    """The seed's forms as templates (parsed once per process)."""
    result = parse_file(SEED_FILE)
    return tuple(_template(p) for p in result.projects if "total" in p.funds and p.indicators)


@lru_cache(maxsize=1)
def _office_units() -> dict[str, str]:
    out: dict[str, str] = {}
    for t in templates():
        if t.office and t.office not in out:
            out[t.office] = t.unit
    return out


# ---------------------------------------------------------------- formatting

@dataclass
class _Style:
    """How one form is written out: the layout drift and noise it carries."""

    title: str  # spaces | tabs | oneline | markdown | none
    fullwidth_year: bool
    compact: bool  # single tabs, blank lines between blocks (seed line 2597)
    rules: bool  # `------` rule rows (only in compact forms, as in the seed)
    broken: bool  # `142. 81`, `≥90. 00 (%)`
    dash: str  # empty funding cell: - — －
    thousands: bool  # 1,203.85
    pct: str  # % 百分比 百分号
    dept_shape: str
    fund_paren: str  # （万元） or (万元)
    goal_wide: bool  # 预期目标 in 5 or 4 columns
    gap: bool  # the empty cell between 三级指标 and 年度指标值


def _pick_style(rng: random.Random) -> _Style:
    r = rng.random
    title = rng.choices(("spaces", "tabs", "oneline", "markdown", "none"), (55, 20, 10, 6, 9))[0]
    compact = r() < 0.06
    shapes, weights = zip(*DEPT_SHAPES)
    return _Style(
        title=title,
        fullwidth_year=r() < 0.06,
        compact=compact,
        rules=compact and r() < 0.8,
        broken=r() < 0.05,
        dash=rng.choices(("-", "—", "－"), (80, 10, 10))[0],
        thousands=r() < 0.9,
        pct=rng.choice(PCT_UNITS),
        dept_shape=rng.choices(shapes, weights)[0],
        fund_paren=rng.choices(("（万元）", "(万元)"), (57, 46))[0],
        goal_wide=r() < 0.62,
        gap=not compact and r() < 0.97,
    )


def _num(h: int, style: _Style, money: bool = False) -> str:
    """Hundredths → `142.81` (or `1,203.85`, `142. 81` as the style says)."""
    text = f"{h / 100:,.2f}" if money and style.thousands else f"{h / 100:.2f}"
    return text.replace(".", ". ") if style.broken else text


def _trim(h: int) -> str:
    """Hundredths → the 总分 cell: `98`, `91.5`, `96.57`."""
    return f"{h / 100:.2f}".rstrip("0").rstrip(".")


def _qty(op: str | None, value: float, unit: str | None, parens: bool = True, decimals: bool = True) -> str:
    """A target or actual cell in canonical form (`≥90.00(%)`, `≥3(人)`, `0起`); _unit_style adds the noise."""
    number = f"{value:.2f}" if decimals or not value.is_integer() else f"{value:.0f}"
    tail = ""
    if unit:
        tail = f"({unit})" if parens else unit
    return f"{op or ''}{number}{tail}"


def _broken_qty(text: str, style: _Style) -> str:
    """`≥90.00(%)` → `≥90. 00 (%)` in a form whose numbers came out of extraction broken."""
    if not style.broken:
        return text
    text = re.sub(r"(\d)\.(\d)", r"\1. \2", text)
    return re.sub(r"(\d)\(", r"\1 (", text)


# ---------------------------------------------------------------- one form

@lru_cache(maxsize=1 << 16)  # the same template texts come back form after form
def _localize(text: str, district: str, town: str, year: int) -> str:
    # The seed's prose says 桃浦 for 桃浦镇: 真如镇街道 → 真如, 川沙新镇 → 川沙, 石泉路街道 → 石泉路.
    short = re.sub(r"(街道|新镇|镇)$", "", re.sub(r"街道$", "", town))
    d_short = district.replace("新区", "").replace("区", "")
    text = text.replace(f"上海市{SEED_DISTRICT}{SEED_TOWN}", f"上海市{district}{town}")
    text = text.replace(SEED_TOWN, town).replace("桃浦", short).replace("普陀", d_short)
    # Years in the prose move with the form's year (`延期至2024年年初` in a 2023 form reads 2022 in a 2021 one).
    return _YEARS_IN_TEXT.sub(lambda m: str(int(m.group(0)) + year - SEED_YEAR), text)


_YEARS_IN_TEXT = re.compile(r"(?<!\d)20[12]\d(?!\d)")


def _department(district: str, town: str) -> str:
    return f"上海市{district}{town}办事处" if town.endswith("街道") else f"上海市{district}{town}人民政府"


def _vary_name(rng: random.Random, t: _Template, used: set[str], localize) -> tuple[str, str]:
    """A project name unique in ``used`` and the 实施单位 that goes with its office."""
    office, unit = t.office, t.unit
    units = _office_units()
    if office and rng.random() < 0.25:
        office = rng.choice(sorted(units))
        unit = units[office]
    core = localize(t.core)
    if rng.random() < 0.3:
        old, new = rng.choice(WORD_SWAPS)
        if old in core:
            core = core.replace(old, new, 1)
    if rng.random() < 0.35:
        core += rng.choice(NAME_SUFFIXES)
    head = f"{office}{t.dash or '-'}" if office else ""
    name = head + core
    if name in used:
        for suffix in NAME_SUFFIXES:
            if head + core + suffix not in used:
                name = head + core + suffix
                break
        else:
            k = 2
            while f"{head}{core}（{k}）" in used:
                k += 1
            name = f"{head}{core}（{k}）"
    used.add(name)
    return name, unit


def _funds(rng: random.Random, t: _Template, quality: str) -> dict[str, tuple[int, int, int]]:
    """(年初预算数, 全年预算数, 全年执行数) in hundredths for each funding row; parts add up to the total."""
    factor = math.exp(rng.uniform(math.log(0.3), math.log(4.0)))
    annual = t.annual or t.initial or 1000
    b = max(100, int(round(annual * factor)))
    mode = rng.choices(("app", "carry", "other", "both"), (75, 12, 8, 5))[0]
    carry_b = int(round(b * rng.uniform(0.05, 0.4))) if mode in ("carry", "both") else 0
    other_b = int(round(b * rng.uniform(0.05, 0.4))) if mode in ("other", "both") else 0
    app_b = b - carry_b - other_b
    full = rng.random() < {"good": 0.72, "fair": 0.5, "poor": 0.2}[quality]
    ratio = 1.0 if full else rng.uniform({"good": 0.8, "fair": 0.6, "poor": 0.3}[quality], 0.995)
    carry_e, other_e, app_e = (int(round(x * ratio)) for x in (carry_b, other_b, app_b))
    if rng.random() < 0.1:
        app_i = 0
    else:
        app_i = int(round(t.initial * factor * rng.uniform(0.85, 1.15))) if t.initial else app_b
    other_i = int(round(other_b * rng.uniform(0.8, 1.0)))
    rows = {
        "appropriation": (app_i, app_b, app_e),
        "carryover": (0, carry_b, carry_e),
        "other": (other_i, other_b, other_e),
    }
    rows["total"] = tuple(sum(r[k] for r in rows.values()) for k in range(3))  # type: ignore[assignment]
    return {k: rows[k] for k in FUND_KEYS}


def _rate(executed: int, budget: int) -> float:
    # The same expression the audit uses on the parsed numbers.
    return round((executed / 100) / (budget / 100) * 100, 2) if budget else 0.0


def _weights(rng: random.Random, rows: list[_Row]) -> list[int]:
    """The template's 分值 (summing to 90), sometimes with a point moved between two indicators."""
    weights = [r.weight for r in rows]
    if len(weights) > 1 and rng.random() < 0.3:
        a, b = rng.sample(range(len(weights)), 2)
        if weights[a] > 200:
            weights[a] -= 100
            weights[b] += 100
    return weights


def _deduction(rng: random.Random, weight: int, severe: bool) -> int:
    """Points (hundredths) taken off an indicator that missed its target; 0 < d ≤ weight."""
    if severe:
        d = int(round(weight * rng.uniform(0.5, 1.0)))
    else:
        choices = [100, 100, 200, 200, 300, int(round(weight * 0.2)), int(round(weight * 0.25)), 50]
        d = min(rng.choice(choices), int(weight * 0.6))
    return min(weight, max(50, d))


def _numeric_actual(rng: random.Random, op: str | None, t: float, pct: bool, met: bool) -> float | None:
    """An actual value that reaches (or misses) ``op t``; None when it cannot miss (e.g. ≥ 0)."""
    count = float(t).is_integer() and not pct
    step = 1.0 if (count or pct) else 0.5
    if op is None:
        op = "≤" if t == 0 else "≥"
    if met:
        if op == "=":
            return t
        if op in ("≥", ">"):
            if pct:
                room = max(0.0, 100.0 - t)
                bump = float(rng.randint(0, int(room))) if room >= 1 else 0.0
                if op == ">":
                    bump = max(bump, 1.0)
                return t + bump
            bump = float(rng.randint(0, max(1, int(t * 0.4))))
            return t + max(bump, step if op == ">" else 0.0)
        if op == "≤":
            return max(0.0, t - float(rng.randint(0, max(0, int(t * 0.3)))))
        if op == "<":
            return t - step if t >= step else None
        return t
    if op == "=":
        if t >= 1:
            return max(0.0, t - float(rng.randint(1, max(1, int(t * 0.2 if not pct else 15)))))
        return float(rng.randint(1, 3))
    if op in ("≥", ">"):
        if t <= 0:
            return None
        drop = float(rng.randint(1, max(1, int(t * 0.2 if not pct else min(t, 20)))))
        value = t - drop if op == "≥" else t - drop + step
        return max(0.0, min(value, t if op == ">" else t - step * 0.5))
    if op in ("≤", "<"):
        return t + float(rng.randint(1, max(1, int(max(t, 3) * 0.3))))
    return None


@dataclass
class _Ind:
    level1: str
    level2: str
    name: str
    target: str  # printed, canonical (no extraction spaces)
    actual: str
    weight: int
    score: int
    reason: str


def _indicators(rng: random.Random, t: _Template, localize, quality: str) -> list[_Ind]:
    rows = list(t.rows)
    if len(rows) > 4 and rng.random() < 0.2:
        # Drop one indicator and give its points to a neighbour in the same 一级 group.
        k = rng.randrange(len(rows))
        mates = [j for j, r in enumerate(rows) if j != k and r.level1 == rows[k].level1]
        if mates:
            j = rng.choice(mates)
            r = rows[j]
            rows[j] = _Row(r.level1, r.level2, r.name, r.weight + rows[k].weight, r.target_raw, r.op, r.value,
                           r.unit, r.parens, r.reason)
            del rows[k]
    weights = _weights(rng, rows)
    miss_p = {"good": 0.12, "fair": 0.45, "poor": 0.8}[quality]
    out = []
    for r, w in zip(rows, weights):
        met = rng.random() >= miss_p or w == 0  # a 0-point row (seed line 480) has nothing to deduct
        name = localize(r.name)
        if r.value is not None:
            pct = r.unit == "%"
            decimals = "." in r.target_raw or rng.random() < 0.5
            target_value = r.value
            if pct and r.op in ("≥", ">") and r.value < 100 and rng.random() < 0.3:
                target_value = float(rng.choice((80, 85, 90, 95)))
            elif not pct and r.value >= 5 and r.value.is_integer() and rng.random() < 0.3:
                target_value = float(max(1, round(r.value * rng.uniform(0.7, 1.5))))
            target = _qty(r.op, target_value, r.unit, r.parens, decimals)
            value = _numeric_actual(rng, r.op, target_value, pct, met)
            if value is None:
                met = True
                value = _numeric_actual(rng, r.op, target_value, pct, True)
            if value is None:  # `<0`: nothing can reach it; report the status instead
                actual = STATUS_MET
                met = True
            else:
                actual = _qty(None, value, r.unit)
            severe = not met and rng.random() < (0.5 if quality == "poor" else 0.1)
        else:
            target = localize(r.target_raw)
            severe = not met and rng.random() < (0.5 if quality == "poor" else 0.08)
            actual = STATUS_MET if met else (STATUS_MISSED if severe else STATUS_PARTIAL)
        if met:
            score, reason = w, ""
        else:
            score = w - _deduction(rng, w, severe)
            reason = localize(r.reason) if r.reason and rng.random() < 0.5 else rng.choice(REASONS)
        out.append(_Ind(r.level1, r.level2, name, target, actual, w, score, reason))
    return out


@dataclass
class _Form:
    name: str
    department: str
    unit: str
    year: int
    funds: dict[str, tuple[int, int, int]]
    fund_score: int
    goal: str
    achieved: str
    indicators: list[_Ind]
    total: int
    grade: str


def _make_form(rng: random.Random, district: str, town: str, year: int, used: set[str]) -> _Form:
    t = rng.choice(templates())
    quality = rng.choices(("good", "fair", "poor"), (85, 12, 3))[0]

    def localize(text: str) -> str:
        return _localize(text, district, town, year)

    name, unit = _vary_name(rng, t, used, localize)
    funds = _funds(rng, t, quality)
    _, b, e = funds["total"]
    rate = _rate(e, b)
    fund_score = 1000 if rate >= 100 else int(round(rate * 10))  # 10 points × 执行率
    inds = _indicators(rng, t, localize, quality)
    total = fund_score + sum(i.score for i in inds)
    return _Form(name, _department(district, town), localize(unit), year, funds, fund_score,
                 localize(t.goal), localize(t.achieved), inds, total, grade_for(total / 100))


# ---------------------------------------------------------------- writing

def _title_lines(style: _Style, year: int) -> list[str]:
    y = f"（{year}年度）" if style.fullwidth_year else f"({year}年度)"
    if style.title == "spaces":
        return ["财政项目支出绩效自评表  ", f" {y}", ""]
    if style.title == "tabs":
        return ["财政项目支出绩效自评表" + "\t" * 8, y + "\t" * 8]
    if style.title == "oneline":
        return [f"财政项目支出绩效自评表 {y}" + "\t" * 8]
    if style.title == "markdown":
        return ["### 财政项目支出绩效自评表", "", y, ""]
    return [y, ""]


def _unit_style(text: str, style: _Style) -> str:
    if style.pct != "%":
        text = text.replace("(%)", f"({style.pct})")
    return _broken_qty(text, style)


def _rule(n: int) -> str:
    return "\t".join("-" * k for k in (6, 18, 6, 8)[:n])


def _write(form: _Form, style: _Style, rng: random.Random, out: list[str]) -> None:
    c = style.compact
    out.extend(_title_lines(style, form.year))
    out.append(f"项目名称\t{form.name}" if c else f"项目名称\t\t{form.name}" + "\t" * 6)
    if style.rules:
        out += [_rule(2), ""]
    if c:
        out.append(f"主管部门\t{form.department}\t实施单位\t{form.unit}")
    else:
        out.append("主管部门\t\t" + style.dept_shape.format(d=form.department, u=form.unit))
    if style.rules:
        out += [_rule(4), ""]
    head = "年初预算数\t全年预算数\t全年执行数\t分数\t执行率(%)\t得分"
    out.append(f"项目资金 {style.fund_paren}\t\t{head}" if c else f"项目资金 {style.fund_paren}\t\t\t{head}")
    lead = "\t" if c else "\t\t"
    for key, label in zip(FUND_KEYS, FUND_LABELS):
        i, b, e = form.funds[key]
        rate = int(round(_rate(e, b) * 100))
        if key == "total":
            tail = f"{_num(1000, style)}\t{_num(rate, style)}\t{_num(form.fund_score, style)}"
        else:
            tail = f"{style.dash}\t{_num(rate, style)}\t{style.dash}"
        out.append(f"{lead}{label}\t{_num(i, style, True)}\t{_num(b, style, True)}\t{_num(e, style, True)}\t{tail}")
    if c:
        out += ["", "年度 总体 目标\t预期目标\t实际完成情况", f"\t{form.goal}\t{form.achieved}", ""]
    elif style.goal_wide:
        out += ["年度 总体 目标\t预期目标\t\t\t\t实际完成情况\t\t\t", f"\t{form.goal}\t\t\t\t{form.achieved}\t\t\t"]
    else:
        out += ["年度 总体 目标\t预期目标\t\t\t实际完成情况\t\t\t\t", f"\t{form.goal}\t\t\t{form.achieved}\t\t\t\t"]
    gap = "\t\t" if style.gap else "\t"
    out.append(f"一级指标\t二级指标\t三级指标{gap}年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施")
    level1 = level2 = ""
    for ind in form.indicators:
        new1, new2 = ind.level1 != level1, (ind.level1, ind.level2) != (level1, level2)
        level1, level2 = ind.level1, ind.level2
        body = (f"{ind.name}{gap}{_unit_style(ind.target, style)}\t{_unit_style(ind.actual, style)}\t"
                f"{_num(ind.weight, style)}\t{_num(ind.score, style)}")
        reason, wrapped = ind.reason, ""
        if reason and len(reason) > 12 and rng.random() < 0.02:
            # A reason cell that wrapped onto its own line in extraction; split between two non-space characters.
            cut = rng.randrange(6, len(reason) - 4)
            if not reason[cut - 1].isspace() and not reason[cut].isspace():
                reason, wrapped = reason[:cut], reason[cut:]
        body += f"\t{reason}" if reason else "\t"
        x = rng.random()
        if ind.name in LEVEL_LABELS:
            # A 三级 name that repeats a level label is only readable with both level cells written out.
            row = f"{ind.level1}\t{ind.level2}\t{body}"
        elif new1:
            row = (f"\t{ind.level1}\t{ind.level2}\t{body}" if x < 0.01 else f"{ind.level1}\t{ind.level2}\t{body}")
        elif new2:
            row = f"{ind.level2}\t\t{body}" if x < 0.04 else f"\t{ind.level2}\t{body}"
        else:
            row = f"{body}\t" if x < 0.02 else f"\t\t{body}"
        out.append(row)
        if wrapped:
            out.append("\t" * 8 + wrapped)
    if c:
        out += ["", f"总分\t\t100\t{_trim(form.total)}\t", f"评分等级\t{form.grade}\t\t\t"]
    else:
        empties = "\t" * (5 if rng.random() < 0.03 else 6)
        out += [f"总分{empties}100\t{_trim(form.total)}\t", f"评分等级\t\t{form.grade}" + "\t" * 6]
    out.append("")
    x = rng.random()
    if x < 0.03:
        # Stray page fragments between forms, as at seed line 405.
        out += ["", "", f"({form.year}年度)", "", rng.choice(("优", "良")), ""]
    elif x < 0.08:
        out += ["", ""]


def _truth(form: _Form, style: _Style, file_line: int) -> dict:
    def money(h: int) -> float:
        return h / 100

    canon = _canon(style)
    return {
        "name": form.name,
        "department": form.department,
        "unit": form.unit,
        "year": form.year,
        "line": file_line,
        "has_title": style.title != "none",
        "goal": form.goal,
        "achieved": form.achieved,
        "funds": {k: {"initial_budget": money(i), "annual_budget": money(b), "executed": money(e),
                      "rate": _rate(e, b)} for k, (i, b, e) in form.funds.items()},
        "executed": money(form.funds["total"][2]),
        "annual_budget": money(form.funds["total"][1]),
        "fund_score": form.fund_score / 100,
        "indicators": [
            {"level1": i.level1, "level2": i.level2, "name": i.name, "weight": i.weight / 100,
             "score": i.score / 100, "reason": i.reason,
             "target": _unit_style(i.target, canon), "actual": _unit_style(i.actual, canon)}
            for i in form.indicators
        ],
        "total_score": form.total / 100,
        "grade": form.grade,
        "style": {k: v for k, v in vars(style).items() if k not in ("dept_shape",)},
    }


def _canon(style: _Style) -> _Style:
    copy = _Style(**vars(style))
    copy.broken = False
    return copy


def _pick_place(rng: random.Random, town: str | None, year: int | None) -> tuple[str, str, int]:
    district_town = rng.choice(TOWNS)
    if town is not None:
        district_town = next(((d, t) for d, t in TOWNS if t == town), ("普陀区", town))
    return district_town[0], district_town[1], year if year is not None else rng.choice(YEARS)


def generate_with_truth(n_forms: int, seed: int = 0, town: str | None = None,
                        year: int | None = None) -> tuple[str, list[dict]]:
    """A report file of ``n_forms`` forms and, per form, the values a correct parser must read back.

    Each truth dict holds name, department, unit, year, line (first line of the form, 1-based), has_title,
    goal, achieved, funds (per row: initial_budget, annual_budget, executed, rate), executed, annual_budget,
    fund_score, indicators (level1, level2, name, target, actual, weight, score, reason), total_score, grade,
    and style (the noise the form was written with). Targets and actuals are given without extraction spaces.
    """
    return _generate(n_forms, seed, town, year, True)


def _generate(n_forms: int, seed: int, town: str | None, year: int | None,
              with_truth: bool) -> tuple[str, list[dict]]:
    rng = random.Random(seed)
    district, town, year = _pick_place(rng, town, year)
    out: list[str] = ["", "", ""]
    truths = []
    used: set[str] = set()
    for _ in range(n_forms):
        form = _make_form(rng, district, town, year, used)
        style = _pick_style(rng)
        first = len(out) + 1
        _write(form, style, rng, out)
        if with_truth:
            truths.append(_truth(form, style, first))
    return "\n".join(out) + "\n", truths


def generate(n_forms: int, seed: int = 0, town: str | None = None, year: int | None = None) -> str:
    """The text of a report file holding ``n_forms`` synthetic forms (one town and year), deterministic by seed."""
    return _generate(n_forms, seed, town, year, False)[0]


def write_corpus(directory: Path, n_forms: int, seed: int = 0, forms_per_file: int = 100) -> list[Path]:
    """Write ``n_forms`` forms as files `synth_<seed>_<k>.txt` of ``forms_per_file`` forms, each a town and year."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    places = [(t, y) for _, t in TOWNS for y in YEARS]
    random.Random(seed).shuffle(places)  # each file a different town and year (160 before any repeats)
    paths = []
    k = 0
    left = n_forms
    while left > 0:
        count = min(forms_per_file, left)
        town, year = places[k % len(places)]
        text = generate(count, seed=seed * 1_000_003 + k, town=town, year=year)
        path = directory / f"synth_{seed}_{k}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
        left -= count
        k += 1
    return paths


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Write synthetic 绩效自评表 report files.")
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--forms", type=int, required=True, help="number of forms in all")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--per-file", type=int, default=100, help="forms per file (default 100)")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    paths = write_corpus(args.out_dir, args.forms, args.seed, args.per_file)
    print(f"{args.forms} forms in {len(paths)} files under {args.out_dir} ({time.perf_counter() - t0:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
