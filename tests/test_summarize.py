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
    p = assistant.project_form("社发办-片区专项经费")
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
    assert s.body.startswith("**社发办项目支出绩效自评总结**") and "数据来源" not in s.body and "|" not in s.body
    assert len(s.appendix) == 23 and s.appendix_headers[0] == "项目"


def test_ties_are_named_and_an_indicator_is_listed_once(assistant):
    s = assistant.summarize("宣传科")
    assert ("总分最低的是宣传科-全国文明城区创建专项经费[1]、宣传科-政协委员活动专项经费[2]、宣传科-精神文明建设专项经费[3]"
            "（均为 94 分）") in s.body
    town = assistant.summarize("全部")
    assert ("单项扣分最多的为 8 分：「对项目区域内生态平衡起到良性循环」（规建办-东部智能化项目专项经费[2]、"
            "规建办-东部片区改造专项经费[3]、规建办-北部片区建设专项经费[4]、规建办-南部智能化项目专项经费[5]，"
            "偏差原因：该项目对生态平衡影响有限）；「奖励的物业公司增长率」（规建办-房管办专项经费[6]，"
            "偏差原因：奖励物业公司基本与往年持平）。") in town.body
    assert town.body.count("对项目区域内生态平衡起到良性循环") == 1


def test_measures_come_from_the_measure_part_never_from_a_reason(assistant):
    from assistant.summarize import measure_of, reason_of

    assert measure_of("该项目长效管理制度有待加强，后续将进一步完善制度措施。") == "后续将进一步完善制度措施"
    assert measure_of("本项目对生态平衡影响有限") == ""
    assert reason_of("文明创建水平不够高，后期加强制度建设") == "文明创建水平不够高"
    town = assistant.summarize("全部").body
    assert "对生态平衡影响有限；" not in town.split("四、改进方向。")[1]
    assert town.split("四、改进方向。")[1].startswith("党政办-保密专项经费提出：进一步加强保密宣传工作。")


@pytest.mark.parametrize("target", ["全部", "社发办", "宣传科", "安全办-消防安全专项经费", "社发办-片区专项经费"])
def test_drafts_carry_no_internal_words(assistant, target):
    body = assistant.summarize(target).body
    assert [w for w in ("由计算器", "计算器", "下表", "sum(", "个数)", "※", "本项目") if w in body] == []


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
