"""Generate the perturbation statement bank: true statements from the records, and false ones made by changing
one thing (a value off, target for actual, the wrong 科室, rank or direction, a false universal or uniqueness, a
wrong share or growth). Labels are computed here from the stored records, never by the checker.

Run `python bench/questions/statements.py` to rewrite `bench/questions/statements_generated.jsonl`.
"""
from __future__ import annotations

import json
import random
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from index.config import load_config  # noqa: E402
from index.store import Store  # noqa: E402

OUT = Path(__file__).with_name("statements_generated.jsonl")
TRUE, FALSE = "正确", "错误"


def D(x) -> Decimal:
    return Decimal(str(x))


def r2(x) -> Decimal:
    return D(x).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def money(x) -> str:
    return f"{r2(x):.2f}"


def num(x) -> str:
    """A figure as people write it: no trailing zeros."""
    t = f"{r2(x):f}"
    return t.rstrip("0").rstrip(".") if "." in t else t


def office(p) -> str:
    for dash in ("-", "—"):
        if dash in p.name:
            head = p.name.split(dash, 1)[0]
            if 0 < len(head) <= 8:
                return head
    return ""


def short(p) -> str:
    o = office(p)
    return p.name[len(o) + 1:] if o else p.name


class Bank:
    def __init__(self, projects):
        self.P = projects
        self.rng = random.Random(11)
        self.items: list[dict] = []
        names = [short(p) for p in projects]
        self.unique = [p for p in projects if names.count(short(p)) == 1]
        self.by_office: dict[str, list] = {}
        for p in projects:
            self.by_office.setdefault(office(p), []).append(p)

    def add(self, kind: str, statement: str, verdict: str, correct: str = ""):
        self.items.append({"id": f"p{len(self.items) + 1:04d}", "statement": statement, "verdict": verdict,
                           "correct": correct if verdict == FALSE else "", "type": kind})

    def sample(self, n):
        return self.rng.sample(self.unique, n)


FIELDS = [("initial_budget", "年初预算数"), ("annual_budget", "全年预算数"), ("executed", "全年执行数")]


def build(projects) -> list[dict]:
    b = Bank(projects)
    P = projects
    # -- figures: true, value off, another figure of the same form -------------------------------------------------
    for p in b.sample(30):
        f = p.funds["total"]
        key, label = b.rng.choice(FIELDS)
        v = getattr(f, key)
        b.add("figure_true", f"{short(p)}{label}为{num(v)}万元", TRUE)
        off = r2(D(v) * D("1.1") + 1)
        b.add("figure_off", f"{short(p)}{label}为{num(off)}万元", FALSE, f"{money(v)}万元")
        others = [(k, l) for k, l in FIELDS if k != key and r2(getattr(f, k)) != r2(v)]
        if others:
            k2, _ = others[0]
            b.add("figure_confused", f"{short(p)}{label}为{num(getattr(f, k2))}万元", FALSE, f"{money(v)}万元")
    for p in b.sample(10):
        v = p.funds["total"].executed
        b.add("unit_yuan_true", f"{short(p)}全年执行数为{num(D(v) * 10000)}元", TRUE)
        b.add("unit_yuan_off", f"{short(p)}全年执行数为{num(D(v))}元", FALSE, f"{num(D(v) * 10000)}元")
    # -- scores and grades -------------------------------------------------------------------------------------------
    for p in b.sample(20):
        b.add("score_true", f"{short(p)}总分{num(p.total_score)}分", TRUE)
        b.add("score_off", f"{short(p)}总分{num(D(p.total_score) - 1)}分", FALSE, f"{num(p.total_score)}分")
        other = "良" if p.grade == "优" else "优"
        b.add("grade_true", f"{short(p)}评分等级为{p.grade}", TRUE)
        b.add("grade_false", f"{short(p)}评分等级为{other}", FALSE, p.grade)
    # -- indicators: actual, target taken for the actual, met ---------------------------------------------------------
    rows = [(p, i) for p in b.unique for i in p.indicators
            if i.actual.value is not None and i.target.value is not None and i.actual.unit == i.target.unit
            and i.actual.value != i.target.value
            and sum(1 for j in p.indicators if j.name == i.name) == 1]
    for p, i in b.rng.sample(rows, 30):
        unit = i.actual.unit or ""
        b.add("indicator_actual", f"{short(p)}的{i.name}实际完成值为{num(i.actual.value)}{unit}", TRUE)
        b.add("indicator_target_as_actual", f"{short(p)}的{i.name}为{num(i.target.value)}{unit}", FALSE,
              f"{num(i.actual.value)}{unit}")
        if i.met is not None:
            said = "达到了年度指标值" if not i.met else "未达到年度指标值"
            truth = "达到了年度指标值" if i.met else "未达到年度指标值"
            b.add("indicator_met", f"{short(p)}的{i.name}{truth}", TRUE)
            b.add("indicator_met_flipped", f"{short(p)}的{i.name}{said}", FALSE, truth)
    # -- offices, counts and totals -------------------------------------------------------------------------------------
    offices = sorted(o for o, ps in b.by_office.items() if o and len(ps) >= 2)
    for p in b.sample(15):
        wrong = b.rng.choice([o for o in offices if o != office(p)])
        if office(p):
            b.add("office_true", f"{short(p)}是{office(p)}的项目", TRUE)
            b.add("office_wrong", f"{short(p)}是{wrong}的项目", FALSE, office(p))
    for o in offices:
        ps = b.by_office[o]
        b.add("count_true", f"{o}有{len(ps)}个项目", TRUE)
        b.add("count_off", f"{o}有{len(ps) + 1}个项目", FALSE, str(len(ps)))
        total = sum(D(p.funds["total"].executed) for p in ps)
        b.add("total_true", f"{o}全年执行数合计{money(total)}万元", TRUE)
        b.add("total_off", f"{o}全年执行数合计{money(total + 10)}万元", FALSE, f"{money(total)}万元")
    # -- ranks ---------------------------------------------------------------------------------------------------------
    for key, label in (("annual_budget", "全年预算数"), ("executed", "全年执行数")):
        top = max(getattr(p.funds["total"], key) for p in P)
        winners = [p for p in P if getattr(p.funds["total"], key) == top]
        for p in winners:
            b.add("rank_true", f"{short(p)}是全镇{label}最大的项目", TRUE)
        for p in b.rng.sample([p for p in b.unique if p not in winners], 4):
            b.add("rank_wrong", f"{short(p)}是全镇{label}最大的项目", FALSE, short(winners[0]))
    for o in offices:
        ps = b.by_office[o]
        hi = max(p.total_score for p in ps)
        tops = [p for p in ps if p.total_score == hi]
        for p in tops:
            b.add("rank_office_true", f"{short(p)}是{o}总分最高的项目", TRUE)
        rest = [p for p in ps if p.total_score < hi and p in b.unique]
        if rest:
            b.add("rank_office_wrong", f"{short(rest[0])}是{o}总分最高的项目", FALSE, short(tops[0]))
    # -- direction of a change ------------------------------------------------------------------------------------------
    moved = [p for p in b.unique if p.funds["total"].annual_budget != p.funds["total"].initial_budget]
    for p in b.rng.sample(moved, 20):
        f = p.funds["total"]
        d = r2(D(f.annual_budget) - D(f.initial_budget))
        up, down = ("增加", "减少") if d > 0 else ("减少", "增加")
        b.add("change_true", f"{short(p)}全年预算比年初预算{up}了{num(abs(d))}万元", TRUE)
        b.add("change_direction", f"{short(p)}全年预算比年初预算{down}了{num(abs(d))}万元", FALSE,
              f"{up}{num(abs(d))}万元")
        if f.initial_budget:
            pct = r2((D(f.annual_budget) - D(f.initial_budget)) * 100 / D(f.initial_budget))
            if pct == 0:
                continue  # a change too small to show at two decimals is no statement of growth
            word = "增长" if pct > 0 else "下降"
            b.add("growth_true", f"{short(p)}全年预算比年初预算{word}了{num(abs(pct))}%", TRUE)
            b.add("growth_off", f"{short(p)}全年预算比年初预算{word}了{num(abs(pct) + 10)}%", FALSE,
                  f"{num(abs(pct))}%")
    # -- universals and uniqueness ----------------------------------------------------------------------------------------
    for o in offices:
        ps = b.by_office[o]
        all_top = all(p.grade == "优" for p in ps)
        b.add("universal_true" if all_top else "universal_false", f"{o}所有项目评分等级均为优",
              TRUE if all_top else FALSE, "、".join(p.name for p in ps if p.grade != "优"))
        all_full = all(p.funds["total"].rate == 100 for p in ps)
        b.add("universal_true" if all_full else "universal_false", f"{o}所有项目执行率都是100%",
              TRUE if all_full else FALSE)
        above = min(p.total_score for p in ps)
        b.add("universal_true", f"{o}所有项目总分都不低于{num(above)}分", TRUE)
        b.add("universal_false", f"{o}所有项目总分都高于{num(above)}分", FALSE,
              "、".join(p.name for p in ps if p.total_score == above))
    scores: dict[Decimal, list] = {}
    for p in P:
        scores.setdefault(D(p.total_score), []).append(p)
    for s, ps in sorted(scores.items()):
        p = ps[0]
        if p not in b.unique:
            continue
        if len(ps) == 1:
            b.add("unique_true", f"{short(p)}是唯一一个总分{num(s)}分的项目", TRUE)
        else:
            b.add("unique_false", f"{short(p)}是唯一一个总分{num(s)}分的项目", FALSE,
                  f"共{len(ps)}个：" + "、".join(q.name for q in ps))
    # -- shares -------------------------------------------------------------------------------------------------------------
    whole = sum(D(p.funds["total"].executed) for p in P)
    for o in offices[:8]:
        part = sum(D(p.funds["total"].executed) for p in b.by_office[o])
        pct = r2(part * 100 / whole)
        b.add("share_true", f"{o}全年执行数占全镇执行总额的{num(pct)}%", TRUE)
        b.add("share_off", f"{o}全年执行数占全镇执行总额的{num(pct + 5)}%", FALSE, f"{num(pct)}%")
    return b.items


def main() -> int:
    items = build(Store(load_config().db_path).projects())
    with OUT.open("w", encoding="utf-8") as f:
        for item in items:
            f.write(json.dumps(item, ensure_ascii=False) + "\n")
    kinds: dict[str, int] = {}
    for i in items:
        kinds[i["type"]] = kinds.get(i["type"], 0) + 1
    print(f"{len(items)} statements ({sum(i['verdict'] == TRUE for i in items)} true) → {OUT}")
    print(", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
