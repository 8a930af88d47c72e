"""The consistency audit: exact findings on the seed, and each check on a form made to fail it."""
from collections import Counter

import pytest

from conftest import SEED, make_form
from index.audit import audit, grade_for
from index.parse import parse_file, parse_text


def test_seed_findings():
    findings = audit(parse_file(SEED).projects)
    assert Counter(f.code for f in findings) == {"status_met_deducted": 5, "met_but_deducted": 3, "no_reason": 1}
    assert [(f.line, f.project, f.code) for f in findings[:3]] == [
        (168, "财政所-即知即改专项经费", "status_met_deducted"),
        (168, "财政所-即知即改专项经费", "no_reason"),
        (353, "党群中心-基层党建专项经费", "status_met_deducted"),
    ]
    by_line = {(f.line, f.code): f for f in findings}
    assert by_line[(968, "met_but_deducted")].message == (
        "「群众满意度」目标 ≥90(%)、实际 90.00(%)，已达到目标，却扣 2 分")


def codes(text):
    result = parse_text(text, "t.txt")
    assert result.problems == []
    return [(f.code, f.line) for f in audit(result.projects)]


def test_consistent_form_has_no_findings():
    assert codes(make_form()) == []


@pytest.mark.parametrize(
    "old, new, expected",
    [
        # 总分 not the sum of the 得分 column, and its grade then disagrees too
        ("总分\t\t\t\t\t\t100\t98\t", "总分\t\t\t\t\t\t100\t88\t", [("score_sum", 17), ("grade", 18)]),
        # a weight changed: the weights no longer add up to 100 (and the scores no longer to 总分)
        ("培训场次\t\t≥2.00(场)\t2.00(场)\t30.00\t30.00", "培训场次\t\t≥2.00(场)\t2.00(场)\t35.00\t30.00",
         [("weight_sum", 17), ("met_but_deducted", 13), ("no_reason", 13)]),
        # 得分 above 分值
        ("培训及时性\t\t及时\t达成指标\t20.00\t20.00", "培训及时性\t\t及时\t达成指标\t18.00\t20.00",
         [("score_range", 14), ("weight_sum", 17)]),
        # 执行率 that is not 执行数 ÷ 预算数
        ("\t\t年度资金总额\t100.00\t100.00\t100.00\t10.00\t100.00\t10.00",
         "\t\t年度资金总额\t100.00\t100.00\t90.00\t10.00\t100.00\t10.00", [("rate", 6), ("fund_sum", 6)]),
        # grade that does not follow 总分
        ("评分等级\t\t优", "评分等级\t\t良", [("grade", 18)]),
        # funding sources that do not add up to the total
        ("\t\t上年结转资金\t0.00\t0.00\t0.00", "\t\t上年结转资金\t5.00\t0.00\t0.00", [("fund_sum", 6)]),
        # target missed but full points
        ("居民满意度\t\t≥90.00(%)\t85.00(%)\t10.00\t8.00\t部分居民不满意，后续加强沟通。",
         "居民满意度\t\t≥90.00(%)\t85.00(%)\t10.00\t10.00\t", [("score_sum", 17), ("missed_full_score", 16)]),
        # target reached but points deducted, with no reason given
        ("居民知晓率\t\t≥90.00(%)\t95.00(%)\t30.00\t30.00", "居民知晓率\t\t≥90.00(%)\t95.00(%)\t30.00\t28.00",
         [("met_but_deducted", 15), ("no_reason", 15), ("score_sum", 17)]),
        # status 达成指标 but points deducted
        ("培训及时性\t\t及时\t达成指标\t20.00\t20.00", "培训及时性\t\t及时\t达成指标\t20.00\t18.00",
         [("status_met_deducted", 14), ("no_reason", 14), ("score_sum", 17)]),
    ],
)
def test_each_check(old, new, expected):
    text = make_form()
    assert old in text
    assert sorted(codes(text.replace(old, new))) == sorted(expected)


@pytest.mark.parametrize("score, grade", [(100, "优"), (90, "优"), (89.5, "良"), (80, "良"), (79, "中"), (60, "中"),
                                          (59.9, "差")])
def test_grade_for(score, grade):
    assert grade_for(score) == grade
