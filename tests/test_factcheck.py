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
    ("财政所-财政管理专项经费总分91分。", CORRECT, "91分"),
    ("科技企业扶持专项经费总分为95分", WRONG, "96分"),
    ("消防实事项目经费全年预算数27.86万元", CORRECT, "27.86万元"),
    ("服务经济专项经费年初预算为17598万元。", WRONG, "7000.00万元"),
    ("消防安全专项经费的全年执行数为1398700元", CORRECT, "139.87万元"),  # 元 vs 万元
    ("消防安全专项经费的全年执行数为139.87元", WRONG, "139.87万元"),
    ("中小企业扶持专项经费全年执行数约2.87亿元", CORRECT, "28665.87万元"),
    ("消防安全专项经费执行率100%", CORRECT, "100.00%"),
    ("武装专项经费的评分等级为良", WRONG, "优"),
    ("片区专项经费评分等级为良", CORRECT, "良"),
    # indicators
    ("城运中心-应用场景项目受益群众满意度为80%。", WRONG, "70.00(%)"),
    ("武装专项经费完成年度战备训练2800人次", CORRECT, "2800.00(人次)"),
    ("服务经济专项经费服务企业数量为1200个", WRONG, "1515.00(个)"),
    ("城运中心-应用场景项目的受益群众满意度未达标", CORRECT, None),
    ("城运中心-应用场景项目的受益群众满意度达到了目标", WRONG, None),
    # counts
    ("规建办有19个项目。", CORRECT, "19"),
    ("经发办有7个项目", WRONG, "6"),
    ("共有4个项目评分为良", CORRECT, "4"),
    ("有60个项目满意度未达标", WRONG, "58"),
    # calculations
    ("消防安全专项经费全年预算比年初预算增加了54.57万元", CORRECT, "54.57万元"),
    ("小区综合改造专项经费全年预算比年初预算增加了1950万元", WRONG, "1950.87万元"),
    # superlatives
    ("全年预算数最大的项目是财政所-中小企业扶持专项经费", CORRECT, None),
    ("全年预算数最大的项目是财政所-服务经济专项经费", WRONG, None),
    ("总分最低的项目是社发办-献血补助专项经费", CORRECT, None),
    # universal statements
    ("所有项目评分等级均为优。", WRONG, None),
    ("所有项目的满意度都达标", WRONG, None),
    ("所有项目的评分等级都不是差", CORRECT, None),
    ("即知即改专项经费全年预算较年初预算调减441.14万元", CORRECT, "441.14万元"),
    ("即知即改专项经费全年预算较年初预算调增441.14万元", WRONG, "441.14万元"),  # wrong direction
    ("党群中心-党群服务中心专项经费总分为96分", WRONG, "96.5分"),  # a whole number must match exactly
    ("所有项目的执行率都是100%", CORRECT, None),
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


def test_counter_examples_for_a_universal_claim(assistant):
    claim = assistant.check("所有项目评分等级均为优。").claims[0]
    assert claim.found == ("4个反例：社发办-片区专项经费、社发办-社区服务中心专项经费、社发办-社区卫生医疗专项经费、"
                           "社发办-献血补助专项经费")
    assert [c.line for c in claim.citations] == [2124, 2158, 2204, 2304]


def test_confused_figure_is_named(assistant):
    claim = assistant.check("服务经济专项经费年初预算为17598万元。").claims[0]
    assert claim.note == "年初预算数为 7000.00万元；17598 是全年预算数、全年执行数，不是年初预算数"


def test_context_carries_within_a_sentence(assistant):
    result = assistant.check("全年预算数最小的项目是宣传科-政协委员活动专项经费，仅2万元。财政所的6个项目中，有3个项目的满意度未达到"
                             "年度指标值。")
    assert [c.verdict for c in result.claims] == [CORRECT, CORRECT, CORRECT, CORRECT]
    note = assistant.check("保密专项经费全年执行数为6710元。").claims[0].note
    assert note == "全年执行数为 6.71万元（即 67100 元）"


def test_paragraph_with_mixed_claims(assistant):
    result = assistant.check("财政所-财政管理专项经费总分91分，评分等级为优；城运中心-应用场景项目受益群众满意度为80%。"
                             "桃浦镇2023年GDP增长5%。")
    assert [c.verdict for c in result.claims] == [CORRECT, CORRECT, WRONG, UNKNOWN]
    assert result.verdict == PARTLY
    assert result.text.startswith("核查结论：**部分正确**（共 4 处陈述）")
    assert "2. 「评分等级为优」—— **正确**" in result.text


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
        "text": "城运中心-应用场景项目受益群众满意度为80%", "verdict": "错误", "expected": "80%", "found": "70.00(%)",
        "citations": [{"project": "城运中心-应用场景项目", "file": "000_ce9e36a26cba1e6e.txt", "line": 276}]}]}
