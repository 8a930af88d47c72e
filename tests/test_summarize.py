"""Summary drafting: every figure from the records, footnoted to its source line."""
import re

import pytest

from assistant.summarize import SummaryTargetError


def test_project_summary(assistant):
    s = assistant.summarize("安全办-消防安全专项经费")
    assert s.text.startswith("**安全办-消防安全专项经费绩效自评总结**")
    for phrase in ["年初预算数 85.30 万元，全年预算数 139.87 万元，全年执行数 139.87 万元，执行率 100.00%[1]",
                   "全年预算较年初调增 54.57 万元", "共设 14 项三级指标，其中 13 项得满分",
                   "「火灾事故的发生情况」（年度指标值 减少，实际完成值 部分达成指标并具有一定效果，扣 2 分[2]",
                   "「居民满意度」年度指标值 ≥85.00(%)，实际完成值 85.00(%)，达到目标[3]",
                   "该项目总分 98 分[4]，评分等级为「优」[5]", "下一步改进措施：后期加强巡视巡查。",
                   "[1] 安全办-消防安全专项经费：000_ce9e36a26cba1e6e.txt 第11行"]:
        assert phrase in s.text
    assert [c.line for c in s.citations] == [11, 28, 31, 32, 33]


def test_every_number_in_a_summary_is_a_recorded_or_computed_figure(assistant):
    s = assistant.summarize("社发办-片区专项经费")
    body = s.text.split("数据来源：")[0]
    allowed = set(s.figures) | {"2023", "15"}  # the year, and 「15分钟」 quoted from the form's goal text
    stray = [n for n in re.findall(r"(?<![\d.\[])\d+(?:\.\d+)?(?![\d\]])", body)
             if n not in allowed and not any(n in f for f in s.figures) and n not in s.text.split("**")[1]]
    p = assistant.tools.project_form("社发办-片区专项经费")
    quoted = p.goal + p.achieved + "".join(i.reason for i in p.indicators)  # text quoted from the form
    stray = [n for n in stray if n not in quoted]
    assert stray == []


def test_office_summary(assistant):
    s = assistant.summarize("社发办")
    assert "社发办共有 23 个项目开展绩效自评，年初预算数合计 4278.30 万元，全年预算数合计 3807.15 万元，" \
           "全年执行数合计 3807.15 万元，总体执行率 100.00%" in s.text
    assert "评分等级「优」19 个、「良」4 个" in s.text
    assert "总分最低的是社发办-献血补助专项经费（86 分[1]" in s.text
    assert s.text.count("| 社发办-") == 23


def test_town_summary(assistant):
    s = assistant.summarize("全部")
    assert "全镇共有 104 个项目开展绩效自评" in s.text
    assert "满意度指标未达到年度指标值的项目有 58 个" in s.text


@pytest.mark.parametrize("target, message", [
    ("片区", "「片区」可能指以下项目，请指明是哪一个："),
    ("不存在的东西", "没有找到「不存在的东西」"),
])
def test_bad_targets(assistant, target, message):
    with pytest.raises(SummaryTargetError, match=message):
        assistant.summarize(target)


def test_chat_routes_summary_requests(assistant):
    a = assistant.ask("为安全办-消防安全专项经费写一段绩效总结")
    assert a.kind == "summarize"
    for figure in ["139.87", "98", "优"]:
        assert figure in a.text
