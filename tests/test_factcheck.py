"""Fact-checking: each claim type, true and false, with the right value and citations for wrong claims."""
import json
import os
import subprocess
import sys

import pytest

from assistant.factcheck import CORRECT, PARTLY, UNKNOWN, WRONG, split_claims
from conftest import ROOT


@pytest.mark.parametrize("statement, verdict, found", [
    # project figures
    ("财政所-财政管理专项经费总分91分。", CORRECT, "总分 91分"),
    ("科技企业扶持专项经费总分为95分", WRONG, "总分 96分"),
    ("消防实事项目经费全年预算数27.86万元", CORRECT, "全年预算数 27.86万元"),
    ("服务经济专项经费年初预算为17598万元。", WRONG, "年初预算数 7000.00万元"),
    ("消防安全专项经费的全年执行数为1398700元", CORRECT, "全年执行数 139.87万元（即 1398700元）"),  # 元 vs 万元
    ("消防安全专项经费的全年执行数为139.87元", WRONG, "全年执行数 139.87万元（即 1398700元）"),
    ("中小企业扶持专项经费全年执行数约2.87亿元", CORRECT, "全年执行数 28665.87万元（即 2.8666亿元）"),
    ("消防安全专项经费执行率100%", CORRECT, "执行率 100.00%"),
    ("武装专项经费的评分等级为良", WRONG, "评分等级「优」（总分 97.6 分）"),
    ("片区专项经费评分等级为良", CORRECT, "评分等级「良」（总分 89 分）"),
    # indicators: the actual value, unless the claim speaks of the target
    ("城运中心-应用场景项目受益群众满意度为80%。", WRONG, "「受益群众满意度」年度指标值 ≥80(%)，实际完成值 70.00(%)"),
    ("武装专项经费完成年度战备训练2800人次", CORRECT,
     "「完成年度战备训练人次」年度指标值 ≥2500.00(人次)，实际完成值 2800.00(人次)"),
    ("服务经济专项经费服务企业数量为1200个", WRONG, "「服务企业数量」年度指标值 >1200.00(个)，实际完成值 1515.00(个)"),
    ("城运中心-应用场景项目的受益群众满意度未达标", CORRECT,
     "「受益群众满意度」年度指标值 ≥80(%)，实际完成值 70.00(%)，未达到年度指标值"),
    ("城运中心-应用场景项目的受益群众满意度达到了目标", WRONG,
     "「受益群众满意度」年度指标值 ≥80(%)，实际完成值 70.00(%)，未达到年度指标值"),
    ("城运中心-应用场景项目受益群众满意度目标为80%", CORRECT, "「受益群众满意度」年度指标值 ≥80(%)，实际完成值 70.00(%)"),
    ("社发办-片区专项经费全年投诉数为3次", WRONG, "「全年投诉数」年度指标值 ≤3.00(次)，实际完成值 8.00(次)"),
    ("社发办-片区专项经费全年投诉8次", CORRECT, "「全年投诉数」年度指标值 ≤3.00(次)，实际完成值 8.00(次)"),
    # counts
    ("规建办有19个项目。", CORRECT, "19"),
    ("经发办有7个项目", WRONG, "6"),
    ("共有4个项目评分为良", CORRECT, "4"),
    ("有60个项目满意度未达标", WRONG, "58"),
    ("总分低于90分的项目共有5个", WRONG, "4"),
    # calculations, with their direction
    ("消防安全专项经费全年预算比年初预算增加了54.57万元", CORRECT, "全年预算数 139.87万元，年初预算数 85.30万元，增加 54.57万元"),
    ("小区综合改造专项经费全年预算比年初预算增加了1950万元", WRONG,
     "全年预算数 3154.72万元，年初预算数 1203.85万元，增加 1950.87万元"),
    ("即知即改专项经费全年预算较年初预算调减441.14万元", CORRECT, "全年预算数 58.86万元，年初预算数 500.00万元，减少 441.14万元"),
    ("即知即改专项经费全年预算较年初预算调增441.14万元", WRONG, "全年预算数 58.86万元，年初预算数 500.00万元，减少 441.14万元"),
    ("小区综合改造专项经费全年预算比年初预算增幅超过60%", CORRECT,
     "全年预算数 3154.72万元，较年初预算数 1203.85万元增长 162.05%"),
    ("小区综合改造专项经费全年预算比年初预算增幅超过200%", WRONG,
     "全年预算数 3154.72万元，较年初预算数 1203.85万元增长 162.05%"),
    # superlatives and uniqueness
    ("全年预算数最大的项目是财政所-中小企业扶持专项经费", CORRECT, "财政所-中小企业扶持专项经费（28665.87万元）"),
    ("全年预算数最大的项目是财政所-服务经济专项经费", WRONG, "财政所-中小企业扶持专项经费（28665.87万元）"),
    ("总分最低的项目是社发办-献血补助专项经费", CORRECT, "社发办-献血补助专项经费（86分）"),
    ("数量最多的科室是社发办", CORRECT, "社发办（23个）"),
    ("社发办-片区专项经费是唯一一个89分的项目", CORRECT, "符合条件的共 1 个：社发办-片区专项经费"),
    ("安全办-消防安全专项经费是唯一一个98分的项目", WRONG,
     "符合条件的共 4 个：安全办-消防安全专项经费、安全办-消防实事项目经费、党群中心-居委会选举专项经费、平安办-基层综治及国家安全经费"),
    # universal statements
    ("所有项目评分等级均为优。", WRONG, None),
    ("所有项目的满意度都达标", WRONG, None),
    ("全部满意度达标", WRONG, None),
    ("所有项目的评分等级都不是差", CORRECT, "没有反例"),
    ("所有项目的执行率都是100%", CORRECT, "没有反例"),
    ("所有项目执行率均为100%", CORRECT, "没有反例"),
    ("评分等级为良的项目全部是社发办的项目", CORRECT, "没有反例"),
    ("评分等级为优的项目全部是社发办的项目", WRONG, None),
    ("党群中心—居民区党群服务站门头规范化建设专项经费总分为96分", CORRECT, "总分 96分"),
    ("党群中心-党群服务中心专项经费总分为96分", WRONG, "总分 96.5分"),  # a whole number must match exactly
    ("所有项目的年初预算都大于0", WRONG, None),
    # outside the forms
    ("桃浦镇2023年GDP增长5%", UNKNOWN, None),
    ("规建办-绿化养护服务专项经费2022年全年执行数为380万元", UNKNOWN, None),
])
def test_claims(assistant, statement, verdict, found):
    result = assistant.check(statement)
    assert [c.verdict for c in result.claims] == [verdict]
    if found is not None:
        assert result.claims[0].found == found
    if verdict == WRONG:
        assert result.claims[0].citations  # the correct value comes with its source


def test_target_and_actual_are_not_confused(assistant):
    """The actual value is checked, and 「超出/比目标高」 compare the actual with the target, as the form does."""
    r = assistant.check("片区专项经费全年投诉8次，超出了控制目标")
    assert [c.verdict for c in r.claims] == [CORRECT, CORRECT] and r.verdict == CORRECT
    assert r.claims[1].relation == "实际完成值高于年度指标值"
    r = assistant.check("应用场景项目群众满意度达到了80%，比目标高出不少")
    assert [c.verdict for c in r.claims] == [WRONG, WRONG] and r.verdict == WRONG


def test_a_predicate_is_checked_not_only_the_number(assistant):
    r = assistant.check("消防安全专项经费执行4000万元，超出了全年预算")
    assert [c.verdict for c in r.claims] == [WRONG, WRONG]
    assert r.claims[1].found == "全年执行数 139.87万元，全年预算数 139.87万元"


def test_each_clause_keeps_its_own_figure(assistant):
    r = assistant.check("环卫保洁公司购买服务专项经费全年预算4100万元，执行率100%，自评得分91分")
    assert [c.verdict for c in r.claims] == [CORRECT, CORRECT, CORRECT]
    assert [c.found for c in r.claims] == ["全年预算数 4100.00万元", "执行率 100.00%", "总分 91分"]


def test_counter_examples_for_a_universal_claim(assistant):
    claim = assistant.check("所有项目评分等级均为优。").claims[0]
    assert claim.found == ("4个反例：社发办-片区专项经费（评分等级 良）、社发办-社区服务中心专项经费（评分等级 良）、"
                           "社发办-社区卫生医疗专项经费（评分等级 良）、社发办-献血补助专项经费（评分等级 良）")
    assert [c.line for c in claim.citations] == [2151, 2173, 2219, 2319]  # the 评分等级 rows
    claim = assistant.check("评分等级为优的项目全部是社发办的项目").claims[0]
    assert claim.found.startswith("81个反例：安全办-消防安全专项经费（评分等级 优）")


def test_confused_figure_is_named(assistant):
    claim = assistant.check("服务经济专项经费年初预算为17598万元。").claims[0]
    assert claim.note == "17598 是全年预算数、全年执行数，不是年初预算数"


def test_context_carries_within_a_sentence(assistant):
    result = assistant.check("全年预算数最小的项目是宣传科-政协委员活动专项经费，仅2万元。财政所的6个项目中，有3个项目的满意度未达到"
                             "年度指标值。")
    assert [c.verdict for c in result.claims] == [CORRECT, CORRECT, CORRECT, CORRECT]
    claim = assistant.check("保密专项经费全年执行数为6710元。").claims[0]
    assert (claim.verdict, claim.found) == (WRONG, "全年执行数 6.71万元（即 67100元）")


def test_paragraph_with_mixed_claims(assistant):
    result = assistant.check("财政所-财政管理专项经费总分91分，评分等级为优；城运中心-应用场景项目受益群众满意度为80%。"
                             "桃浦镇2023年GDP增长5%。")
    assert [c.verdict for c in result.claims] == [CORRECT, CORRECT, WRONG, UNKNOWN]
    assert result.verdict == PARTLY  # some claims hold, one does not: each claim says which
    assert result.text.startswith("核查结论：**部分正确**（共 4 处陈述）")
    assert "\n2. 「评分等级为优」—— **正确**" in result.text
    partly = assistant.check("财政所-财政管理专项经费总分91分。桃浦镇2023年GDP增长5%。")
    assert partly.verdict == PARTLY
    wrong = assistant.check("科技企业扶持专项经费总分为95分，评分等级为良。")
    assert [c.verdict for c in wrong.claims] == [WRONG, WRONG] and wrong.verdict == WRONG


def test_overlong_statement_is_refused_quickly(assistant):
    import time

    started = time.perf_counter()
    result = assistant.check("财政所" * 40000 + "1" * 5000)
    assert result.verdict == UNKNOWN and "超过 2000 字" in result.claims[0].note
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize("statement, claims", [
    ("财政所-财政管理专项经费总分91分，评分等级为优。", ["财政所-财政管理专项经费总分91分", "评分等级为优"]),
    ("规建办有19个项目；其中，绿化养护服务专项经费总分95分。", ["规建办有19个项目", "其中，绿化养护服务专项经费总分95分"]),
])
def test_split_claims(statement, claims):
    assert split_claims(statement) == claims


def test_chat_routes_verification_requests(assistant):
    a = assistant.ask("帮我核实：武装专项经费总分97.6分")
    assert a.kind == "check" and a.text.startswith("核查结论：**正确**")


def test_check_cli_json(seeded):
    env = dict(os.environ, JX_HOME=str(seeded.home), JX_REPORTS=str(seeded.reports))
    out = subprocess.run([sys.executable, "-m", "assistant", "check", "城运中心-应用场景项目受益群众满意度为80%。", "--json"],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    data = json.loads(out.stdout)
    assert data == {"verdict": "错误", "claims": [{
        "text": "城运中心-应用场景项目受益群众满意度为80%", "verdict": "错误", "expected": "为80%",
        "found": "「受益群众满意度」年度指标值 ≥80(%)，实际完成值 70.00(%)", "relation": "实际完成值为80%", "note": "",
        "citations": [{"project": "城运中心-应用场景项目", "file": "000_ce9e36a26cba1e6e.txt", "line": 276}]}]}


# -- found by the second held-out bank --------------------------------------------------------------------------------

def test_share_of_an_office_total(assistant):
    """「占财政所执行合计的一半以上」: the whole is 财政所's total, not the town's."""
    claim = assistant.check("中小企业扶持专项经费执行数占财政所执行合计的一半以上。").claims[0]
    assert (claim.verdict, claim.found) == (CORRECT, "56.27%")
    assert claim.relation == "全年执行数占财政所合计的比例（计算：pct(28665.87, 50945.08)）"


def test_其中_ranks_within_the_set_named_before(assistant):
    result = assistant.check("平安办6个项目平均总分超过95分，其中最低的是人口服务管理经费，91分。")
    assert [c.verdict for c in result.claims] == [CORRECT, CORRECT, CORRECT]
    assert result.claims[1].found == "平安办-人口服务管理经费（91分）"


def test_a_wrong_rank_says_where_the_project_stands(assistant):
    claim = assistant.check("环卫保洁公司购买服务专项经费的执行数全镇第二。").claims[0]
    assert claim.verdict == WRONG
    assert claim.note == "规建办-环卫保洁公司购买服务专项经费（4100.00万元）实际排第 3 名（从高到低，并列者名次相同）"


def test_a_clause_after_one_not_understood_is_not_read_town_wide(assistant):
    result = assistant.check("组织科的项目干得不错，全年执行合计140.65万元。")
    assert [c.verdict for c in result.claims] == [UNKNOWN, UNKNOWN]
    assert result.claims[1].note == "前一处陈述没有理解，这一处说的是哪个项目或科室无法确定，所以无法核实"
    result = assistant.check("组织科两个项目总分都是94分，全年执行合计140.65万元。")
    assert [c.verdict for c in result.claims] == [CORRECT, CORRECT]


def test_uniqueness_over_a_count_per_project_is_not_checked_as_the_count(assistant):
    claim = assistant.check("信访工作经费是唯一一个只有1条指标被扣分的项目。").claims[0]
    assert claim.verdict == UNKNOWN


def test_met_exactly_and_an_unmet_target_value(assistant):
    result = assistant.check("城运中心-案件发现及处置费网格案件结案率90%，刚好达到目标。")
    assert [c.verdict for c in result.claims] == [CORRECT, CORRECT]
    over = assistant.check("受理中心-受理服务专项经费中心年接待群众办理量18万次，刚好达到目标。")
    assert [c.verdict for c in over.claims] == [CORRECT, WRONG]  # reached, but not exactly
    target = assistant.check("宣传科-政协委员活动专项经费政协委员工作满意度90%，未达90%的目标。")
    assert [c.verdict for c in target.claims] == [CORRECT, WRONG]  # the target was 95%


def test_both_figures_of_a_shared_threshold_are_checked(assistant):
    claim = assistant.check("宣传科-政协委员活动专项经费年初、全年预算都是2万元").claims[0]
    assert claim.verdict == CORRECT
    assert "年初预算数为2万元，且全年预算数为2万元" in claim.relation


def test_bank_scoring_of_a_partly_checked_statement():
    """A true statement with a clause not understood and none found false is an honest refusal, not a wrong verdict;
    a false one called 部分正确 without any clause marked 错误 is wrong."""
    from assistant.evaluate import REFUSED, WRONG as BANK_WRONG, judge

    text = "核查结论：**部分正确**（共 2 处陈述）\n\n1. 「A」—— **正确**\n2. 「B」—— **无法核实**"
    assert judge({"kind": "verdict", "answer": "正确"}, text, [])[0] == REFUSED
    assert judge({"kind": "verdict", "answer": "错误"}, text, [])[0] == BANK_WRONG
    text = "核查结论：**部分正确**（共 2 处陈述）\n\n1. 「A」—— **正确**\n2. 「B」—— **错误**：记录为 1"
    assert judge({"kind": "verdict", "answer": "正确"}, text, [])[0] == BANK_WRONG


def test_whole_numbers(assistant):
    assert assistant.check("财政所-公共安全专项经费总分不是整数。").claims[0].verdict == CORRECT
    assert assistant.check("财政所-财政管理专项经费总分不是整数。").claims[0].verdict == WRONG
    claim = assistant.check("所有项目总分都是整数。").claims[0]
    assert claim.verdict == WRONG and claim.found.startswith("5个反例：财政所-公共安全专项经费（总分 91.5分）")


@pytest.mark.parametrize("statement, verdicts", [
    # a count of projects with a figure, not a figure of the office
    ("规建办有5个项目总分为90分。", [CORRECT]),
    # a difference of two other figures is not read as 「年初预算为382.31万元」
    ("东部片区改造专项经费全年执行737.69万元，比年初预算少了382.31万元。", [CORRECT, UNKNOWN]),
    # the part of a share is what the clause before named
    ("规建办19个项目全年执行合计约1.4亿元，其中环卫保洁公司购买服务执行4100万元，占规建办执行总额的三成以上。",
     [CORRECT, CORRECT, WRONG]),
    # 「…6个项目中」 scopes the ranking of the next clause
    ("经发办6个项目中，第五次经济普查专项经费全年预算调减最多，调减了161.36万元。", [CORRECT, CORRECT, CORRECT]),
    # the subject of 「是…唯一一个」 is the project just named
    ("财政所-公共安全专项经费总分91.5分，是财政所唯一一个总分带小数的项目。", [CORRECT, CORRECT]),
    # what was planned is the target
    ("莲花公寓居委调整办公地点专项经费计划增设8个监控设备", [CORRECT]),
    ("献血补助专项经费无偿献血计划完成率95%，被扣了5分。", [CORRECT, CORRECT]),
])
def test_third_bank_readings(assistant, statement, verdicts):
    assert [c.verdict for c in assistant.check(statement).claims] == verdicts


def test_a_superlative_over_indicator_rows(assistant):
    result = assistant.check("单条指标扣分最多的是献血补助专项经费的无偿献血计划完成率，扣了5分。")
    assert [c.verdict for c in result.claims] == [WRONG, CORRECT]
    assert result.claims[0].found.startswith("规建办-北部片区建设专项经费「对项目区域内生态平衡起到良性循环」（8分）")
