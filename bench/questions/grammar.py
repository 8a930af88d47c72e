"""Generate the grammar question bank: intents × slots × hand-written phrasings, answers computed from records.

Every expected answer is computed here, in plain Python over the stored records (``index.store``), never by
the assistant. Run `python bench/questions/grammar.py` to rewrite `bench/questions/grammar.jsonl`.

Each intent has at least five phrasings written the way users type (formal, colloquial, with or without 的/？);
slots (offices, projects, thresholds) are drawn deterministically from the records.
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

OUT = Path(__file__).with_name("grammar.jsonl")


def d2(x) -> float:
    return float(Decimal(str(x)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def office(p) -> str:
    for dash in ("-", "—"):
        if dash in p.name:
            head = p.name.split(dash, 1)[0]
            if 0 < len(head) <= 8:
                return head
    return ""


def short(p) -> str:
    """The name without its office prefix, as users often write it."""
    o = office(p)
    return p.name[len(o) + 1:] if o else p.name


def total(p):
    return p.funds["total"]


def satisfaction(i) -> bool:
    return i.level1 == "满意度指标" or "满意度" in i.name


class Bank:
    def __init__(self, projects):
        self.P = projects
        self.items: list[dict] = []
        self.rng = random.Random(20231128)
        self.by_office: dict[str, list] = {}
        for p in projects:
            self.by_office.setdefault(office(p), []).append(p)
        names = [p.name for p in projects]
        self.unique = [p for p in projects if names.count(p.name) == 1 and short(p) not in
                       [short(q) for q in projects if q is not p]]

    def add(self, intent: str, phrasings: list[str], kind: str, answer, slots: dict | None = None, **extra):
        assert len(phrasings) >= 1
        for text in phrasings:
            q = text.format(**(slots or {}))
            self.items.append({"id": f"g{len(self.items) + 1:04d}", "question": q, "intent": intent, "kind": kind,
                               "answer": answer, **extra})

    def offices(self, n: int, min_size: int = 2) -> list[str]:
        big = sorted(o for o, ps in self.by_office.items() if o and len(ps) >= min_size)
        return self.rng.sample(big, min(n, len(big)))

    def projects(self, n: int) -> list:
        return self.rng.sample(self.unique, n)


def build(projects) -> list[dict]:
    b = Bank(projects)
    P = projects
    names = lambda ps: sorted(p.name for p in ps)  # noqa: E731

    # -- lists by office -------------------------------------------------------------------------------------------
    for o in b.offices(3):
        b.add("office_list", ["{o}有哪些项目", "{o}的项目有哪些？", "列出{o}的所有项目", "{o}都有什么项目",
                              "请问{o}负责哪些项目"], "set", names(b.by_office[o]), {"o": o})
        b.add("office_count", ["{o}有几个项目", "{o}一共有多少个项目？", "{o}的项目数量是多少", "{o}有多少项目",
                               "统计一下{o}的项目个数"], "count", len(b.by_office[o]), {"o": o})
    # -- grades ----------------------------------------------------------------------------------------------------
    for g in ("良", "优"):
        b.add("grade_list" if g == "良" else "grade_count",
              ["评分等级为{g}的项目", "哪些项目被评为{g}", "等级是“{g}”的项目有哪些", "评级为{g}的有哪几个项目",
               "自评等级{g}的项目列一下"] if g == "良" else
              ["评分等级为{g}的项目有多少个", "被评为{g}的项目有几个", "等级是{g}的项目数量", "评级为{g}的一共几个项目",
               "多少个项目评分等级是{g}"],
              "set" if g == "良" else "count",
              names(p for p in P if p.grade == g) if g == "良" else sum(p.grade == g for p in P), {"g": g})
    b.add("grade_not_list", ["评分等级不是优的项目", "哪些项目没有评为优", "等级不是优秀的项目有哪些", "非优的项目",
                             "评级不为优的项目列出来"], "set", names(p for p in P if p.grade != "优"))
    # -- thresholds on project figures -----------------------------------------------------------------------------
    for n in (92, 95):
        b.add("score_below", ["总分低于{n}分的项目", "哪些项目总分不到{n}分", "得分低于{n}分的项目有哪些",
                              "总分小于{n}的项目", "自评总分低于{n}分的有哪些项目"], "set",
              names(p for p in P if p.total_score < n), {"n": n})
        b.add("score_atleast_count", ["总分{n}分及以上的项目有多少个", "总分不低于{n}分的项目有几个",
                                      "得分在{n}分以上的项目数量", "总分至少{n}分的项目有多少",
                                      "总分大于等于{n}分的项目一共几个"], "count",
              sum(p.total_score >= n for p in P), {"n": n})
    for x in (100,):
        b.add("rate_below", ["执行率低于{x}%的项目", "预算执行率不到{x}%的有哪些项目", "哪些项目执行率小于{x}%",
                             "执行率没达到{x}%的项目", "资金执行率低于百分之{x}的项目"], "set",
              names(p for p in P if total(p).rate is not None and total(p).rate < x), {"x": x})
    for x in (1000, 3000):
        b.add("executed_above", ["全年执行数超过{x}万元的项目", "执行数大于{x}万元的项目有哪些",
                                 "哪些项目全年执行数高于{x}万元", "实际支出超过{x}万的项目",
                                 "执行金额高于{x}万元的项目列一下"], "set",
              names(p for p in P if total(p).executed is not None and total(p).executed > x), {"x": x})
        b.add("executed_atleast", ["全年执行数在{x}万元以上的项目", "执行数{x}万元及以上的项目",
                                   "执行数不低于{x}万元的项目有哪些", "全年执行至少{x}万元的项目",
                                   "执行金额不少于{x}万元的项目"], "set",
              names(p for p in P if total(p).executed is not None and total(p).executed >= x), {"x": x})
    b.add("budget_between", ["全年预算在100到500万元之间的项目", "全年预算在100万元到500万元之间的项目",
                             "预算在100万到500万之间的项目有哪些", "全年预算数100至500万元的项目",
                             "哪些项目全年预算在100-500万元之间"], "set",
          names(p for p in P if total(p).annual_budget is not None and 100 <= total(p).annual_budget <= 500))
    b.add("adjust_up", ["全年预算比年初预算增加的项目", "哪些项目全年预算比年初预算多", "全年预算较年初预算调增的项目",
                        "全年预算数比年初预算数高的项目有哪些", "全年预算比年初增加了的项目"], "set",
          names(p for p in P if total(p).annual_budget > total(p).initial_budget))
    for x in (100, 500):
        more = names(p for p in P if d2(total(p).annual_budget - total(p).initial_budget) > x)
        at_least = names(p for p in P if d2(total(p).annual_budget - total(p).initial_budget) >= x)
        b.add("adjust_over", ["全年预算比年初预算增加超过{x}万元的项目", "全年预算较年初预算增加超过{x}万的项目",
                              "全年预算数比年初预算数增加超过{x}万元的有哪些"], "set", more, {"x": x})
        b.add("adjust_over", ["全年预算比年初预算多出{x}万元以上的项目",
                              "哪些项目全年预算比年初预算增加了{x}万元以上"], "set", at_least, {"x": x})
    b.add("executed_below_budget", ["全年执行数低于全年预算数的项目", "执行数小于全年预算的项目有哪些",
                                    "哪些项目全年执行数低于全年预算", "执行数不到全年预算数的项目",
                                    "全年执行数少于全年预算数的项目列一下"], "set",
          names(p for p in P if total(p).executed < total(p).annual_budget))
    # -- indicator conditions ----------------------------------------------------------------------------------------
    b.add("satisfaction_missed", ["哪些项目满意度未达标", "满意度没达到目标的项目有哪些", "满意度指标未达标的项目",
                                  "哪些项目的满意度没有达标？", "满意度不达标的项目列一下"], "set",
          names(p for p in P if any(satisfaction(i) and i.met is False for i in p.indicators)))
    for o in b.offices(3, min_size=4):
        b.add("satisfaction_missed_office", ["{o}哪些项目满意度未达标", "{o}满意度没达标的项目",
                                             "{o}有哪些项目的满意度未达到目标", "{o}满意度不达标的项目有哪些",
                                             "{o}中满意度未达标的项目"], "set",
              names(p for p in b.by_office[o] if any(satisfaction(i) and i.met is False for i in p.indicators)),
              {"o": o})
    for cat, level2 in (("时效指标", "时效指标"), ("质量指标", "质量指标"), ("社会效益指标", "社会效益指标")):
        b.add("category_deducted", ["哪些项目{c}扣分", "{c}有扣分的项目", "{c}被扣分的项目有哪些",
                                    "{c}没拿满分的项目", "哪些项目的{c}失分了"], "set",
              names(p for p in P if any(i.level2 == level2 and i.score < i.weight for i in p.indicators)),
              {"c": cat})
        b.add("category_deducted_count", ["{c}扣分的指标有多少条", "{c}有扣分的指标一共几条",
                                          "有几条{c}被扣分", "被扣分的{c}数量", "{c}中扣分的指标有多少条"], "count",
              sum(1 for p in P for i in p.indicators if i.level2 == level2 and i.score < i.weight), {"c": cat})
    b.add("status_count", ["实际完成值为“部分达成指标并具有一定效果”的指标有几条", "部分达成的指标有多少条",
                           "完成情况是部分达成的指标有几条", "有多少条指标部分达成", "部分达成指标的指标数量"], "count",
          sum(1 for p in P for i in p.indicators if i.actual.status == "部分达成指标并具有一定效果"))
    b.add("projects_with_deduction_count", ["有多少个项目有指标扣分", "有扣分指标的项目有几个",
                                            "多少个项目存在扣分的指标", "指标有扣分的项目数量",
                                            "有几个项目有指标被扣分"], "count",
          sum(1 for p in P if any(i.score < i.weight for i in p.indicators)))
    # -- aggregates -----------------------------------------------------------------------------------------------
    for o in b.offices(3, min_size=3):
        ps = b.by_office[o]
        b.add("office_sum_executed", ["{o}所有项目全年执行数合计", "{o}全年执行数合计是多少",
                                      "{o}的项目一共执行了多少万元", "{o}执行数总额", "{o}全年执行数加起来多少"],
              "number", d2(sum(Decimal(str(total(p).executed)) for p in ps)), {"o": o}, unit="万元")
        b.add("office_avg_score", ["{o}的平均分是多少", "{o}项目平均总分", "{o}所有项目的平均得分",
                                   "{o}项目总分平均是多少", "{o}的项目平均分"], "number",
              d2(sum(Decimal(str(p.total_score)) for p in ps) / len(ps)), {"o": o}, unit="分")
    b.add("total_budget_all", ["全镇全年预算数合计是多少", "所有项目全年预算合计", "全部项目的全年预算数总额",
                               "104个项目全年预算加起来多少", "全年预算数总计"], "number",
          d2(sum(Decimal(str(total(p).annual_budget)) for p in P)), unit="万元")
    b.add("avg_score_all", ["所有项目的平均分", "全部项目平均总分是多少", "项目总分的平均值", "全镇项目平均得分",
                            "平均总分是多少"], "number",
          d2(sum(Decimal(str(p.total_score)) for p in P) / len(P)), unit="分")
    # -- lookups -----------------------------------------------------------------------------------------------------
    for p in b.projects(6):
        t = total(p)
        b.add("lookup_budget", ["{n}的全年预算数是多少", "{n}全年预算多少", "{n}的全年预算是多少万元",
                                "请问{n}全年预算数", "{n}全年预算数为多少"], "number", d2(t.annual_budget),
              {"n": short(p)}, unit="万元")
        b.add("lookup_executed", ["{n}的全年执行数是多少", "{n}执行了多少", "{n}全年执行数多少万元",
                                  "{n}实际支出多少", "{n}执行数"], "number", d2(t.executed), {"n": p.name},
              unit="万元")
        b.add("lookup_score", ["{n}的总分是多少", "{n}得了多少分", "{n}总分", "{n}自评得分是多少",
                               "{n}的自评总分"], "number", d2(p.total_score), {"n": short(p)}, unit="分")
    for p in b.projects(4):
        b.add("lookup_grade", ["{n}的评分等级是什么", "{n}评了什么等级", "{n}的等级", "{n}评分等级",
                               "{n}被评为什么等级"], "text", [p.grade], {"n": short(p)})
        b.add("lookup_unit", ["{n}的实施单位是哪个", "{n}由哪个单位实施", "{n}的实施单位", "{n}实施单位是谁",
                              "哪个单位实施{n}"], "text", [p.unit], {"n": short(p)})
    # -- orders ----------------------------------------------------------------------------------------------------
    for field, words in (("annual_budget", "全年预算数"), ("executed", "全年执行数")):
        top = max(getattr(total(p), field) for p in P)
        b.add("top1_" + field, [f"{words}最大的项目是哪个", f"哪个项目{words}最高", f"{words}最多的项目",
                                f"{words}排第一的项目是哪个", f"{words}最大的是哪个项目"], "set",
              names(p for p in P if getattr(total(p), field) == top))
    low = min(p.total_score for p in P)
    b.add("bottom1_score", ["总分最低的项目是哪个", "哪个项目总分最低", "得分最低的项目", "自评总分最低的项目",
                            "总分排最后的是哪个项目"], "set", names(p for p in P if p.total_score == low))
    for o in b.offices(3, min_size=4):
        ps = b.by_office[o]
        hi = max(p.total_score for p in ps)
        b.add("top1_score_office", ["{o}总分最高的项目", "{o}哪个项目总分最高", "{o}得分最高的是哪个项目",
                                    "{o}里总分最高的项目是哪个", "{o}中自评总分最高的项目"], "set",
              names(p for p in ps if p.total_score == hi), {"o": o})
    for n in (3, 5):
        ranked = sorted(P, key=lambda p: -total(p).executed)
        cut = ranked[n - 1].funds["total"].executed
        b.add("topn_executed", ["全年执行数前{n}名的项目", "执行数最高的前{n}个项目", "全年执行数排名前{n}的项目",
                                "全年执行数top{n}", "执行数排在前{n}位的项目"], "set",
              names(p for p in P if total(p).executed >= cut), {"n": n})
    # -- grouping --------------------------------------------------------------------------------------------------
    def by_office(fn):
        return {o or "（无科室前缀）": fn(ps) for o, ps in b.by_office.items()}

    b.add("group_count_office", ["各科室分别有几个项目", "每个科室有多少个项目", "按科室统计项目数",
                                 "各科室的项目数量", "各个科室分别有多少项目"], "numbers", by_office(len), unit="个")
    b.add("group_sum_office", ["各科室全年执行数合计", "按科室统计全年执行数", "每个科室的全年执行数合计是多少",
                               "各科室执行数分别合计多少", "各个科室全年执行数加总"], "numbers",
          by_office(lambda ps: d2(sum(Decimal(str(total(p).executed)) for p in ps))), unit="万元")
    b.add("group_avg_office", ["各科室平均分", "各科室的平均总分分别是多少", "按科室统计平均分",
                               "每个科室项目的平均得分", "各科室项目平均总分"], "numbers",
          by_office(lambda ps: d2(sum(Decimal(str(p.total_score)) for p in ps) / len(ps))), unit="分")
    grades = {g: sum(p.grade == g for p in P) for g in ("优", "良", "中", "差")}
    b.add("group_count_grade", ["各评分等级分别有几个项目", "每个等级有多少个项目", "按评分等级统计项目数",
                                "各等级的项目数量", "优良中差各有几个项目"], "numbers", grades, unit="个")
    biggest = max(len(ps) for o, ps in b.by_office.items() if o)
    b.add("top_office_count", ["哪个科室的项目最多", "项目最多的科室是哪个", "哪个科室项目数最多",
                               "项目数量最多的科室", "哪个部门的项目最多"], "text",
          [o for o, ps in b.by_office.items() if o and len(ps) == biggest])
    # -- comparisons -----------------------------------------------------------------------------------------------
    for p1, p2 in [tuple(b.projects(2)) for _ in range(3)]:
        b.add("compare_two_executed", ["{a}和{b}的全年执行数分别是多少", "{a}与{b}的执行数各是多少",
                                       "对比一下{a}和{b}的全年执行数", "{a}、{b}全年执行数分别多少",
                                       "{a}跟{b}的执行数分别是多少"], "numbers",
              {p1.name: d2(total(p1).executed), p2.name: d2(total(p2).executed)},
              {"a": short(p1), "b": short(p2)}, unit="万元")
        b.add("diff_two_executed", ["{a}比{b}多执行了多少", "{a}和{b}的全年执行数相差多少",
                                    "{a}的执行数比{b}多多少", "{a}与{b}全年执行数差多少",
                                    "{a}跟{b}执行数差额是多少"], "number",
              abs(d2(Decimal(str(total(p1).executed)) - Decimal(str(total(p2).executed)))),
              {"a": short(p1), "b": short(p2)}, unit="万元")
    pairs = [tuple(b.offices(2, min_size=3)) for _ in range(3)]
    for o1, o2 in pairs:
        avg = {o: sum(Decimal(str(p.total_score)) for p in b.by_office[o]) / len(b.by_office[o]) for o in (o1, o2)}
        win = [o for o in (o1, o2) if avg[o] == max(avg.values())]
        b.add("compare_offices_avg", ["{a}和{b}哪个平均分高", "{a}与{b}的平均分谁更高", "{a}和{b}平均总分哪个更高",
                                      "比较{a}和{b}的平均分", "{a}、{b}哪个科室平均分更高"], "text",
              win + [str(d2(avg[o1])), str(d2(avg[o2]))], {"a": o1, "b": o2})
    # -- calculations on one project -------------------------------------------------------------------------------
    for p in [p for p in b.unique if total(p).annual_budget != total(p).initial_budget and total(p).initial_budget][:4]:
        t = total(p)
        diff = d2(Decimal(str(t.annual_budget)) - Decimal(str(t.initial_budget)))
        b.add("adjust_amount", ["{n}全年预算比年初预算增加了多少", "{n}全年预算比年初多了多少万元",
                                "{n}的全年预算较年初预算调整了多少", "{n}预算调增了多少",
                                "{n}全年预算数和年初预算数差多少"], "number", abs(diff), {"n": short(p)}, unit="万元")
        pct = d2((Decimal(str(t.annual_budget)) - Decimal(str(t.initial_budget))) * 100 / Decimal(str(t.initial_budget)))
        b.add("adjust_pct", ["{n}全年预算比年初预算增长了百分之多少", "{n}全年预算比年初增长了多少%",
                             "{n}预算增幅是多少", "{n}全年预算较年初预算的增长率", "{n}的预算调整幅度"], "number",
              abs(pct), {"n": short(p)}, unit="%")
    # -- two conditions ----------------------------------------------------------------------------------------------
    for o in b.offices(2, min_size=5):
        b.add("office_and_score", ["{o}总分低于93分的项目", "{o}哪些项目总分不到93分", "{o}中总分低于93分的有哪些",
                                   "{o}得分低于93的项目", "{o}总分小于93分的项目"], "set",
              names(p for p in b.by_office[o] if p.total_score < 93), {"o": o})
    b.add("score_and_satisfaction", ["总分低于95分且满意度未达标的项目", "满意度未达标并且总分低于95分的项目",
                                     "哪些项目总分不到95分而且满意度没达标", "总分低于95分、满意度不达标的项目",
                                     "满意度未达标且总分小于95分的项目有哪些"], "set",
          names(p for p in P if p.total_score < 95 and any(satisfaction(i) and i.met is False for i in p.indicators)))
    # -- name contains -----------------------------------------------------------------------------------------------
    for w in ("消防", "社区", "片区"):
        b.add("name_contains", ["名称里带“{w}”的项目", "项目名称中含有{w}的项目有哪些", "名字里有{w}的项目",
                                "名称包含“{w}”的项目", "带{w}字的项目"], "set",
              names(p for p in P if w in p.name), {"w": w})
    # -- outside the records -----------------------------------------------------------------------------------------
    b.add("refuse_place", ["长征镇有哪些项目满意度未达标", "宝山区的项目总分平均是多少", "真如镇街道执行率最低的项目",
                           "长征镇2023年全年预算合计", "闵行区有多少个项目"], "refuse", None)
    b.add("refuse_year", ["2022年哪些项目满意度未达标", "2024年的全年预算合计是多少", "2021年度总分最高的项目",
                          "2022年社发办有几个项目", "去年的执行率是多少"], "refuse", None)
    for p in b.projects(1):
        b.add("refuse_not_recorded", ["{n}的负责人是谁", "{n}的联系电话", "社发办的负责人是谁",
                                      "{n}的供应商是哪家", "桃浦镇常住人口有多少"], "refuse", None, {"n": short(p)})
    # -- follow-ups --------------------------------------------------------------------------------------------------
    for p in b.projects(3):
        b.add("follow_it_score", ["那它的总分呢？", "它的总分是多少", "那总分呢", "它得了多少分", "该项目总分多少"],
              "number", d2(p.total_score), unit="分", context=[f"{short(p)}的全年预算数是多少"])
    for o in b.offices(2, min_size=5):
        ps = b.by_office[o]
        b.add("follow_within_score", ["其中总分低于93分的呢", "其中总分低于93分的有哪些", "这些项目里总分低于93分的",
                                      "其中总分不到93分的呢", "其中哪些总分低于93分"], "set",
              names(p for p in ps if p.total_score < 93), context=[f"{o}有哪些项目"])
    b.add("follow_office_switch", ["其中社发办的呢？", "那社发办的呢", "社发办的呢", "换成社发办呢", "其中社发办的有哪些"],
          "set", names(p for p in b.by_office["社发办"] if any(satisfaction(i) and i.met is False
                                                             for i in p.indicators)),
          context=["哪些项目满意度未达标"])
    # -- indicators of a project ------------------------------------------------------------------------------------
    for p in b.projects(6):
        ind = next((i for i in p.indicators if i.actual.value is not None), None)
        if ind is None:
            continue
        b.add("lookup_indicator", ["{n}的{i}实际完成值是多少", "{n}{i}完成了多少", "{n}的{i}是多少",
                                   "{n}{i}的实际完成情况", "{n}的{i}实际完成值"], "text", [ind.actual.raw],
              {"n": short(p), "i": ind.name})
    for p in [p for p in b.unique if any(i.score < i.weight and i.reason for i in p.indicators)][:4]:
        reasons = [i.reason for i in p.indicators if i.score < i.weight and i.reason]
        b.add("reason", ["{n}为什么扣分", "{n}扣分的原因是什么", "{n}哪些指标扣分了，原因是什么",
                         "{n}扣分原因", "{n}失分的原因"], "text", [reasons[0][:12]], {"n": short(p)})
    return b.items


def main() -> int:
    config = load_config()
    projects = Store(config.db_path).projects()
    items = build(projects)
    with OUT.open("w", encoding="utf-8") as f:
        for item in items:
            f.write(json.dumps(item, ensure_ascii=False) + "\n")
    intents = {}
    for i in items:
        intents[i["intent"]] = intents.get(i["intent"], 0) + 1
    print(f"{len(items)} questions, {len(intents)} intents → {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
