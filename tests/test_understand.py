"""Question understanding: varied phrasings map to the same typed query."""
import pytest

from assistant.filters import IndicatorFilter, ProjectFilter, Ratio, Threshold
from assistant.service import vocabulary
from assistant.understand import Query, Understander, merge_follow_up
from index.store import Store

SAT_MISSED = IndicatorFilter(keywords=("满意度",), met=False)


@pytest.fixture(scope="module")
def understander(seed_template):
    return Understander(vocabulary(Store(seed_template.db_path)))


@pytest.mark.parametrize("question", [
    "哪些项目满意度未达标", "哪些项目的满意度没达到目标？", "满意度低于目标的项目有哪些", "列出满意度指标未达标的项目",
    "满意度不达标的项目都有哪些",
])
def test_satisfaction_missed(understander, question):
    q = understander.parse(question)
    assert (q.kind, q.pf, q.ifilter) == ("list", ProjectFilter(), SAT_MISSED)


@pytest.mark.parametrize("question, kind, pf, ifilter", [
    ("哪些项目时效指标扣分", "list", ProjectFilter(), IndicatorFilter(level2="时效指标", deducted=True)),
    ("时效性指标被扣分的项目", "list", ProjectFilter(), IndicatorFilter(level2="时效指标", deducted=True)),
    ("哪些项目的数量指标有扣分", "list", ProjectFilter(), IndicatorFilter(level2="数量指标", deducted=True)),
    ("评分等级为良的项目", "list", ProjectFilter(grades=("良",)), None),
    ("哪些项目被评为良", "list", ProjectFilter(grades=("良",)), None),
    ("评分等级不是优的项目", "list", ProjectFilter(grades_not=("优",)), None),
    ("总分低于90分的项目", "list", ProjectFilter(thresholds=(Threshold("total_score", "<", 90.0),)), None),
    ("哪些项目总分不到90分", "list", ProjectFilter(thresholds=(Threshold("total_score", "<", 90.0),)), None),
    ("全年预算比年初预算增加一倍以上的项目", "list",
     ProjectFilter(ratios=(Ratio("annual_budget", ">=", 2.0, "initial_budget"),)), None),
    ("执行数超过1000万元的项目", "list", ProjectFilter(thresholds=(Threshold("executed", ">", 1000.0),)), None),
    ("全年执行数在1000万元以上的项目有哪些", "list",
     ProjectFilter(thresholds=(Threshold("executed", ">=", 1000.0),)), None),
    ("总分在95分以下的项目", "list", ProjectFilter(thresholds=(Threshold("total_score", "<=", 95.0),)), None),
    ("执行数超过一千万元的项目", "unknown", None, None),
    ("全年执行数少于100000元的项目", "list", ProjectFilter(thresholds=(Threshold("executed", "<", 10.0),)), None),
    ("宣传科有哪些项目", "list", ProjectFilter(offices=("宣传科",)), None),
    ("社会事业发展办公室有哪些项目", "list", ProjectFilter(offices=("社发办",)), None),
    ("党群中心哪些项目满意度未达标？", "list", ProjectFilter(offices=("党群中心",)), SAT_MISSED),
    ("经发办有几个项目", "count", ProjectFilter(offices=("经发办",)), None),
    ("规建办一共有多少个项目", "count", ProjectFilter(offices=("规建办",)), None),
    ("总分为满分100分的项目有几个", "count", ProjectFilter(thresholds=(Threshold("total_score", "=", 100.0),)), None),
    ("有多少条指标的完成情况是“达成指标”", "count", ProjectFilter(), IndicatorFilter(status="达成指标")),
    ("有多少个项目的时效指标扣分", "count", ProjectFilter(), IndicatorFilter(level2="时效指标", deducted=True)),
])
def test_lists_and_counts(understander, question, kind, pf, ifilter):
    q = understander.parse(question)
    if kind == "unknown":
        assert q.kind != "list" or q.pf.thresholds == ()  # 「一千万」 in words is not read as a number
        return
    assert (q.kind, q.pf, q.ifilter) == (kind, pf, ifilter)


@pytest.mark.parametrize("question, project, field", [
    ("消防实事项目经费的全年预算数是多少", "安全办-消防实事项目经费", "annual_budget"),
    ("安全办-消防实事项目经费全年预算多少钱", "安全办-消防实事项目经费", "annual_budget"),
    ("科技企业扶持专项经费总分", "财政所-科技企业扶持专项经费", "total_score"),
    ("科技企业扶持专项经费得了多少分", "财政所-科技企业扶持专项经费", "score"),
    ("武装部的总分是多少", "武装部-武装专项经费", "total_score"),
    ("即知即改的执行率", "财政所-即知即改专项经费", "rate"),
    ("服务经济专项经费的年初预算", "财政所-服务经济专项经费", "initial_budget"),
    ("服务经济专项经费服务企业数量实际完成多少", "财政所-服务经济专项经费", "actual"),
    ("武装专项经费完成年度战备训练多少人次", "武装部-武装专项经费", "actual"),
    ("消防安全专项经费的评分等级", "安全办-消防安全专项经费", "grade"),
    ("消防安全专项经费的实施单位是哪个", "安全办-消防安全专项经费", "unit"),
])
def test_lookups(understander, question, project, field):
    q = understander.parse(question)
    assert (q.kind, q.pf.projects, q.field) == ("lookup", (project,), field)


@pytest.mark.parametrize("question, kind, field, op", [
    ("社发办所有项目全年执行数合计", "aggregate", "executed", "sum"),
    ("社发办项目的全年执行数一共是多少", "aggregate", "executed", "sum"),
    ("规建办项目的平均总分", "aggregate", "total_score", "avg"),
    ("全年预算数最大的项目是哪个", "rank", "annual_budget", "max"),
    ("哪个项目的执行数最少", "rank", "executed", "min"),
    ("总分最高的项目", "rank", "total_score", "max"),
])
def test_aggregates(understander, question, kind, field, op):
    q = understander.parse(question)
    assert (q.kind, q.field, q.op) == (kind, field, op)


@pytest.mark.parametrize("question, op, field, field2", [
    ("小区综合改造专项经费全年预算比年初预算增加了多少万元", "diff", "annual_budget", "initial_budget"),
    ("小区综合改造专项经费全年预算比年初预算多了多少", "diff", "annual_budget", "initial_budget"),
    ("消防安全专项经费全年预算比年初预算增长了百分之多少", "growth", "annual_budget", "initial_budget"),
    ("消防安全专项经费的执行数占安全办的比重", "share", "executed", None),
])
def test_calculations(understander, question, op, field, field2):
    q = understander.parse(question)
    assert (q.kind, q.op, q.field, q.field2) == ("calc", op, field, field2)


@pytest.mark.parametrize("question, kind", [
    ("公共安全专项经费采购防疫物资为什么不及时", "reason"),
    ("即知即改专项经费长效管理制度建设为什么扣分", "reason"),
    ("即知即改专项经费扣分的原因和改进措施", "reason"),
    ("消防安全专项经费的预期目标是什么", "goal"),
    ("消防安全专项经费实际完成情况如何", "goal"),
    ("帮我核实：武装专项经费总分97.6分", "check"),
    ("写一段消防安全专项经费的绩效总结", "summarize"),
    ("片区的全年预算是多少", "clarify"),
    ("今天天气怎么样", "unknown"),
])
def test_other_kinds(understander, question, kind):
    assert understander.parse(question).kind == kind


def test_ambiguous_mention_lists_candidates(understander):
    q = understander.parse("片区的全年预算是多少")
    assert q.candidates == ("规建办-北部片区建设专项经费", "规建办-东部片区改造专项经费", "社发办-片区专项经费")


def test_office_picks_between_two_projects_of_the_same_name(understander):
    q = understander.parse("社建办的社区管理专项经费总分")
    assert (q.kind, q.pf.projects) == ("lookup", ("社建办-社区管理专项经费",))
    assert understander.parse("社区管理专项经费总分").kind == "clarify"


def test_follow_ups(understander):
    first = understander.parse("消防实事项目经费的全年预算数是多少")
    second = merge_follow_up(understander.parse("那它的总分呢？"), first)
    assert (second.kind, second.pf.projects, second.field, second.follow_up) == (
        "lookup", ("安全办-消防实事项目经费",), "total_score", True)
    listing = understander.parse("哪些项目满意度未达标")
    narrowed = merge_follow_up(understander.parse("其中社发办的呢？"), listing)
    assert (narrowed.kind, narrowed.pf.offices, narrowed.ifilter) == ("list", ("社发办",), SAT_MISSED)
    moved = merge_follow_up(understander.parse("那规建办呢"), narrowed)
    assert (moved.kind, moved.pf.offices, moved.ifilter) == ("list", ("规建办",), SAT_MISSED)
    unrelated = merge_follow_up(understander.parse("宣传科有哪些项目"), listing)
    assert unrelated == understander.parse("宣传科有哪些项目")


def test_query_is_typed(understander):
    assert isinstance(understander.parse("哪些项目满意度未达标"), Query)
