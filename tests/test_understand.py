"""Understanding: questions become typed plans; every class of misreading seen in user trials has a test here."""
import pytest

from assistant.plan import Cond, Context, IndicatorClause, Measure, Order, Plan, Scope
from assistant.understand import Understander, cn_to_number, normalize, tokenize

SAT = Cond("satisfaction", "is", "满意度", words="满意度")


@pytest.fixture(scope="module")
def understander(seed_template):
    from assistant.service import vocabulary
    from index.store import Store

    return Understander(vocabulary(Store(seed_template.db_path)))


def parse(u, question, context=None) -> Plan:
    return u.parse(question, context)


def conds(plan):
    """Conditions without the question's own words (those are only for display)."""
    return tuple(c.with_(words="", stated="", scale=1.0, unit=c.unit if c.field.endswith("_value") else None)
                 for c in plan.conds)


def clauses(plan):
    return tuple(tuple(c.with_(words="", stated="") for c in cl.conds) for cl in plan.clauses)


# -- conditions -------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("question", ["哪些项目满意度未达标", "满意度没达到目标的项目有哪些？", "满意度不达标的项目列一下"])
def test_satisfaction_missed(understander, question):
    p = parse(understander, question)
    assert (p.intent, p.subject, p.measures) == ("query", "project", (Measure("list"),))
    assert clauses(p) == ((SAT.with_(words=""), Cond("met", "is", False)),)


@pytest.mark.parametrize("question, expected", [
    ("执行率低于90%的项目", (Cond("rate", "<", 90.0),)),
    ("全年执行数超过1000万元的项目", (Cond("executed", ">", 1000.0),)),
    ("全年执行数在1000万元以上的项目", (Cond("executed", ">=", 1000.0),)),
    ("执行数不低于3000万元的项目有哪些", (Cond("executed", ">=", 3000.0),)),
    ("全年预算在100到500万元之间的项目", (Cond("annual_budget", "between", (100.0, 500.0)),)),
    ("总分低于90分的项目", (Cond("total_score", "<", 90.0),)),
    ("90分以下的项目", (Cond("total_score", "<=", 90.0),)),
    ("全年执行数超过1亿元的项目", (Cond("executed", ">", 10000.0),)),
    # conditions dropped before: the amount of an increase
    ("全年预算比年初预算增加超过100万元的项目", (Cond("adjust", ">", 100.0),)),
    ("全年预算比年初预算增加了100万元以上的项目", (Cond("adjust", ">=", 100.0),)),
    ("全年预算比年初预算减少的项目", (Cond("adjust", "<", 0.0),)),
    ("全年预算比年初预算增加一倍以上的项目", (Cond("annual_budget", ">=", None, ref="initial_budget", factor=2.0),)),
    ("全年执行数低于全年预算数的项目", (Cond("executed", "<", None, ref="annual_budget"),)),
    ("评分等级不是优的项目", (Cond("grade", "notin", ("优",)),)),
    ("良及以上的项目", (Cond("grade", "in", ("优", "良")),)),
    # quoted grades, and 哪几个 is a list
    ("良的项目有哪几个", (Cond("grade", "in", ("良",)),)),
    ("评分等级是「良」的项目", (Cond("grade", "in", ("良",)),)),
    ("等级是“良”的项目有哪些", (Cond("grade", "in", ("良",)),)),
])
def test_project_conditions(understander, question, expected):
    p = parse(understander, question)
    assert p.intent == "query" and p.measures == (Measure("list"),)
    assert conds(p) == expected


@pytest.mark.parametrize("question, expected", [
    # a numeric threshold on indicator actual values
    ("满意度实际低于80%的项目", ((SAT.with_(words=""), Cond("actual_value", "<", 80.0, unit="%")),)),
    ("满意度低于80%的项目", ((SAT.with_(words=""), Cond("actual_value", "<", 80.0, unit="%")),)),
    # a category with its own predicate, not every row of the category
    ("生态效益指标得分不满分的项目", ((Cond("level2", "is", "生态效益指标"), Cond("deducted", "is", True)),)),
    ("时效指标扣分的项目", ((Cond("level2", "is", "时效指标"), Cond("deducted", "is", True)),)),
    # two categories with their own predicates
    ("满意度未达标且时效指标扣分的项目", ((SAT.with_(words=""), Cond("met", "is", False)),
                                  (Cond("level2", "is", "时效指标"), Cond("deducted", "is", True)))),
    ("实际完成值为部分达成的指标有哪些", ((Cond("status", "=", "部分达成指标并具有一定效果"),),)),
])
def test_indicator_clauses(understander, question, expected):
    assert clauses(parse(understander, question)) == expected


def test_name_contains(understander):
    for q in ("名称里带“消防”的项目", "项目名称中含有消防的项目有哪些", "带消防字的项目"):
        p = parse(understander, q)
        assert p.scope == Scope(name_contains=("消防",)) and p.measures == (Measure("list"),), q


# -- measures, grouping, order -----------------------------------------------------------------------------------------

def test_grouping_is_kept(understander):
    p = parse(understander, "各科室分别有几个项目、执行数合计多少")
    assert (p.group_by, p.measures) == ("office", (Measure("count"), Measure("sum", "executed")))
    p = parse(understander, "按科室平均分排个名")
    assert (p.group_by, p.measures, p.order) == ("office", (Measure("avg", "total_score"),),
                                                 Order("avg:total_score", True, None))
    p = parse(understander, "各评分等级分别有几个项目")
    assert (p.group_by, p.measures) == ("grade", (Measure("count"),))


@pytest.mark.parametrize("question, subject, order", [
    ("扣分最多的指标", "indicator", Order("lost", True, 1)),
    ("扣分最多的项目", "project", Order("lost_score", True, 1)),
    ("总分最低的项目是哪个", "project", Order("total_score", False, 1)),
    ("执行数最高的前3个项目", "project", Order("executed", True, 3)),
    ("总分排名第3的项目", "project", Order("total_score", True, None, 3)),
])
def test_order_is_on_the_measure_asked(understander, question, subject, order):
    p = parse(understander, question)
    assert (p.subject, p.order) == (subject, order)


def test_which_office_has_most(understander):
    p = parse(understander, "项目最多的科室是哪个")
    assert (p.group_by, p.order, p.measures[0]) == ("office", Order("count", True, 1), Measure("count"))


@pytest.mark.parametrize("question, subject", [
    ("时效指标扣分的指标有多少条", "indicator"),
    ("被扣分的时效指标数量", "indicator"),
    ("有扣分指标的项目有几个", "project"),
    ("指标有扣分的项目数量", "project"),
    ("有几个项目有指标被扣分", "project"),
])
def test_what_is_counted(understander, question, subject):
    p = parse(understander, question)
    assert (p.subject, p.measures[0]) == (subject, Measure("count"))


# -- two or more named entities ----------------------------------------------------------------------------------------

def test_two_entities_are_compared_not_merged(understander):
    p = parse(understander, "党政办和规建办哪个平均分高")
    assert (p.intent, p.compare, p.scope.offices, p.measures, p.order) == (
        "compare", ("office",), ("党政办", "规建办"), (Measure("avg", "total_score"),), Order("avg:total_score", True, 1))
    p = parse(understander, "便民巴士和消防实事的执行数分别是多少")
    assert (p.intent, p.scope.projects, p.measures) == (
        "compare", ("规建办-社区便民巴士补贴", "安全办-消防实事项目经费"), (Measure("value", "executed"),))
    p = parse(understander, "应急专项经费比社区微更新专项经费多执行了多少")
    assert (p.intent, p.difference, p.scope.projects) == (
        "compare", True, ("党政办-应急专项经费", "规建办-社区微更新专项经费"))


# -- names -------------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("question, project", [
    ("便民巴士的执行率是多少", "规建办-社区便民巴士补贴"),
    ("残疾人匹配专项经费的总分", "社发办-残疾人1：1匹配专项经费"),
    ("骑手新家的全年预算", "社发办-捐赠“骑手新家”设备专项经费"),
    ("拆违经费执行了多少", "综合执法队-桃浦镇拆违经费"),
    ("规建办-河（林）长制专项经费的总分", "规建办-河（林）长制专项经费"),
    ("社发办-残疾人1：1匹配专项经费的执行率", "社发办-残疾人1：1匹配专项经费"),
    ("社发办-捐赠“骑手新家”设备专项经费的执行数", "社发办-捐赠“骑手新家”设备专项经费"),
])
def test_loose_and_full_width_names(understander, question, project):
    assert parse(understander, question).scope.projects == (project,)


@pytest.mark.parametrize("question, candidates", [
    ("片区的全年预算是多少", ("社发办-片区专项经费", "规建办-东部片区改造专项经费", "规建办-北部片区建设专项经费")),
    ("社区管理专项经费的执行数", ("党群中心-社区管理专项经费", "社建办-社区管理专项经费")),
])
def test_ambiguous_names_ask_back(understander, question, candidates):
    p = parse(understander, question)
    assert p.intent == "clarify" and set(p.candidates) == set(candidates)


# -- closed world: what the store does not hold is refused, with the words -------------------------------------------

@pytest.mark.parametrize("question, refusal, words", [
    ("长征镇的项目有哪些", "place", ("长征镇",)),
    ("宝山区的项目平均分是多少", "place", ("宝山区",)),
    ("2022年哪些项目满意度未达标", "year", ("2022",)),
    ("去年的执行率是多少", "relative_year", ("去年",)),
    ("社发办的负责人是谁", "not_recorded", ("负责人",)),
    ("桃浦镇常住人口有多少", "not_recorded", ("常住人口",)),
    ("执行率低于90%或总分低于90分的项目", "unknown", ("「或」（几个条件之间的“或”）",)),
    ("今天有什么好吃的", "unknown", ("今天", "好吃")),
])
def test_refusals(understander, question, refusal, words):
    p = parse(understander, question)
    assert (p.intent, p.refusal) == ("refuse", refusal)
    assert set(words) <= set(p.unknown)


def test_a_number_without_its_figure_is_not_guessed(understander):
    p = parse(understander, "超过1000万元的项目")
    assert (p.intent, p.refusal) == ("refuse", "unplaced")


def test_negation_is_never_dropped(understander):
    assert conds(parse(understander, "哪些项目没有评为优")) == (Cond("grade", "notin", ("优",)),)
    assert clauses(parse(understander, "时效指标没有扣分的项目")) == (
        (Cond("level2", "is", "时效指标"), Cond("deducted", "is", False)),)


# -- follow-ups --------------------------------------------------------------------------------------------------------

def test_follow_up_it(understander):
    first = parse(understander, "消防实事项目经费的全年预算数是多少")
    ctx = Context(plan=first, forms=(("000_ce9e36a26cba1e6e.txt", 35),), projects=("安全办-消防实事项目经费",))
    p = parse(understander, "那它的总分呢？", ctx)
    assert (p.scope.projects, p.fields, p.measures) == (("安全办-消防实事项目经费",), ("total_score",),
                                                        (Measure("value"),))


def test_follow_up_them_keeps_the_listed_projects(understander):
    first = parse(understander, "宣传科有哪些项目")
    forms = (("000_ce9e36a26cba1e6e.txt", 1000), ("000_ce9e36a26cba1e6e.txt", 1030))
    ctx = Context(plan=first, forms=forms, projects=("A", "B"), label="宣传科有哪些项目")
    p = parse(understander, "它们的总分呢", ctx)
    assert (p.scope.within, p.fields, p.measures) == (forms, ("total_score",), (Measure("list"),))


def test_follow_up_within_narrows_the_previous_result(understander):
    first = parse(understander, "社发办有哪些项目")
    forms = (("000_ce9e36a26cba1e6e.txt", 1780),)
    ctx = Context(plan=first, forms=forms, projects=("社发办-残疾人1：1匹配专项经费",))
    p = parse(understander, "其中总分低于92分的呢", ctx)
    assert (p.scope.offices, p.scope.within, conds(p)) == (("社发办",), forms, (Cond("total_score", "<", 92.0),))


# -- reading numbers ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, value", [("一千二百", 1200.0), ("两", 2.0), ("十五", 15.0), ("三千万", 30000000.0),
                                         ("万", None), ("百", None)])
def test_chinese_numerals(text, value):
    assert cn_to_number(text) == value


def test_normalize_quotes_and_width():
    assert normalize("  “良” 的项目（ＡＢ） ") == "「良」的项目(ab)"


def test_tokens_are_read_by_longest_match(understander):
    tokens = tokenize(normalize("社发办执行率低于90%的项目"), understander.names)
    assert [(t.type, t.text) for t in tokens] == [("O", "社发办"), ("F", "执行率"), ("C", "低于"), ("N", "90%"),
                                                  ("_", "的"), ("E", "项目")]


# -- what users add: exclusions, blanks, zeros, ratios, medians ------------------------------------------------------

@pytest.mark.parametrize("question, expected", [
    ("全年预算比年初预算增加一倍以上的项目（年初预算为0的不算）",
     (Cond("annual_budget", ">=", None, ref="initial_budget", factor=2.0), Cond("initial_budget", "!=", 0.0))),
    ("不算年初预算为0的，全年预算比年初预算减少的项目", (Cond("initial_budget", "!=", 0.0), Cond("adjust", "<", 0.0))),
    ("名称里有“社区”、但不属于社发办的项目", (Cond("office", "notin", ("社发办",)),)),
    ("执行率没到100%的项目有哪些？", (Cond("rate", "<", 100.0),)),
    ("全年预算和年初预算一模一样的项目有哪些", (Cond("annual_budget", "=", None, ref="initial_budget"),)),
])
def test_more_project_conditions(understander, question, expected):
    assert conds(parse(understander, question)) == expected


@pytest.mark.parametrize("question, expected", [
    ("扣分但没有填写偏差原因分析的指标是哪条？", ((Cond("deducted", "is", True), Cond("reason", "=", "")),)),
    ("有几个项目有指标被扣光了分", ((Cond("score", "=", 0.0), Cond("weight", ">", 0.0)),)),
    # quoted 良好 after 年度指标值 is the cell's text, not the grade 良
    ("年度指标值写的是“良好”的指标有几条", ((Cond("target", "=", "良好"),),)),
    ("实际完成值写着“达成指标”却被扣了分的是哪几条指标？",
     ((Cond("status", "=", "达成指标"), Cond("deducted", "is", True)),)),
    # indicator names, not project names, when the question is about 指标
    ("名称里有“增长率”、实际完成值为0的指标", ((Cond("name", "contains", "增长率"), Cond("actual_value", "=", 0.0)),)),
])
def test_more_indicator_conditions(understander, question, expected):
    assert clauses(parse(understander, question)) == expected


def test_ratios_medians_and_change_totals(understander):
    p = parse(understander, "党政办-应急专项经费的全年预算是年初预算的几倍")
    assert (p.ratio, p.scope.projects) == (("annual_budget", "initial_budget", "times"), ("党政办-应急专项经费",))
    p = parse(understander, "社区卫生医疗专项经费全年执行数只有年初预算的百分之几？")
    assert p.ratio == ("executed", "initial_budget", "percent")
    p = parse(understander, "环卫保洁公司购买服务的执行数是爱国卫生专项经费的多少倍？")
    assert (p.intent, p.notes) == ("compare", ("times",))
    p = parse(understander, "社发办23个项目全年执行数的中位数是多少？")
    assert p.measures == (Measure("median", "executed"),)
    p = parse(understander, "社发办年初预算合计比全年预算合计多多少万元")
    assert p.measures == (Measure("sum", "adjust"),)
    # 增幅 is a change, not a ratio
    assert conds(parse(understander, "全年预算比年初预算增幅超过60%的项目")) == (Cond("adjust_pct", ">", 60.0),)


def test_follow_ups_without_a_subject_of_their_own(understander):
    first = parse(understander, "评分等级为良的项目有哪些")
    forms = (("000_ce9e36a26cba1e6e.txt", 2117), ("000_ce9e36a26cba1e6e.txt", 2297))
    ctx = Context(plan=first, forms=forms, projects=("社发办-片区专项经费", "社发办-献血补助专项经费"))
    p = parse(understander, "按执行数从高到低排前三个", ctx)
    assert (p.scope.within, p.order) == (forms, Order("executed", True, 3))
    one = Context(plan=first, forms=forms[1:], projects=("社发办-献血补助专项经费",))
    p = parse(understander, "为什么这么低？", one)
    assert (p.intent, p.scope.projects) == ("reason", ("社发办-献血补助专项经费",))
    p = parse(understander, "它是哪个科室的？实施单位是谁？", one)
    assert (p.scope.projects, set(p.fields)) == (("社发办-献血补助专项经费",), {"unit", "office"})
    # nothing to follow: refused, not answered as a fresh question
    assert parse(understander, "其中社发办的呢？").refusal == "no_context"
