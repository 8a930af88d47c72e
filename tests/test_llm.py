"""The optional LLM: phrasing is checked — planted numbers are marked, dropped projects restored; tools work."""
from langchain_core.messages import AIMessage

from assistant.service import Assistant
from assistant.verify import UNVERIFIED, check_text, evidence_numbers


def test_check_text_marks_unknown_numbers():
    allowed = evidence_numbers("合计 3807.15 万元，共 23 个项目")
    v = check_text("社发办 23 个项目执行数合计 3807.15 万元，约 3807.2 万元，比去年多 12.5 万元。", allowed)
    assert v.unverified == ["12.5"]
    assert v.text == f"社发办 23 个项目执行数合计 3807.15 万元，约 3807.2 万元，比去年多 12.5{UNVERIFIED} 万元。"


def test_phrasing_with_a_planted_wrong_number(seeded, fake_llm):
    fake_llm.replies.append("小区综合改造专项经费全年预算比年初预算增加了 1950.87 万元，增幅约 250%。")
    a = Assistant(seeded, llm=fake_llm).ask("小区综合改造专项经费全年预算比年初预算增加了多少万元")
    assert a.text.startswith(f"小区综合改造专项经费全年预算比年初预算增加了 1950.87 万元，增幅约 250{UNVERIFIED}%。")
    assert "⚠️ 以上表述中的数字 250 在自评表记录中找不到" in a.text
    assert "**1950.87 万元**（计算：3154.72 - 1203.85；来源[1]" in a.text  # the computed answer stays below
    assert a.flags == ["未核实数字：250"]
    assert a.tools == ["plan:query", "llm"]
    # the model saw the question and the computed facts
    sent = fake_llm.calls[0][-1].content
    assert "3154.72" in sent and "小区综合改造专项经费全年预算比年初预算增加了多少万元" in sent


def test_phrasing_that_drops_projects_keeps_the_full_list(seeded, fake_llm):
    fake_llm.replies.append("党群中心有两个项目满意度未达标：党群中心-党群服务中心专项经费、党群中心-社区管理专项经费。")
    a = Assistant(seeded, llm=fake_llm).ask("党群中心哪些项目满意度未达标？")
    assert "⚠️ 表述遗漏了 2 个符合条件的项目，完整名单见下方记录。" in a.text
    for name in ["党群中心-党群服务中心专项经费", "党群中心-居委会选举专项经费", "党群中心-社区管理专项经费",
                 "党群中心—居民区党群服务站门头规范化建设专项经费"]:
        assert name in a.text
    assert sorted(a.flags) == ["遗漏项目：党群中心-居委会选举专项经费", "遗漏项目：党群中心—居民区党群服务站门头规范化建设专项经费"]


def test_faithful_phrasing_has_no_warnings(seeded, fake_llm):
    fake_llm.replies.append("社发办 23 个项目全年执行数合计 3807.15 万元。")
    a = Assistant(seeded, llm=fake_llm).ask("社发办所有项目全年执行数合计")
    assert "⚠️" not in a.text and a.flags == []
    assert a.text.startswith("社发办 23 个项目全年执行数合计 3807.15 万元。\n\n**依据（自评表记录）：**")


def test_failing_model_falls_back_to_the_computed_answer(seeded, fake_llm):
    a = Assistant(seeded, llm=fake_llm).ask("科技企业扶持专项经费总分")  # no reply queued: the model fails
    assert a.text.startswith("财政所-科技企业扶持专项经费的总分为 **96 分")
    assert a.flags == ["大模型调用失败（RuntimeError），已给出规则答案"]


def test_unknown_question_goes_to_the_model_with_tools(seeded, fake_llm):
    fake_llm.replies.append(AIMessage(content="", tool_calls=[
        {"name": "calculator", "args": {"expression": "growth(139.87, 85.30)"}, "id": "call_1"}]))
    fake_llm.replies.append("按计算器结果，增长 63.97%，另外还有 99.9 这个数。")
    a = Assistant(seeded, llm=fake_llm).ask("请估算一下消防的钱涨得快不快")
    assert [t.name for t in fake_llm.bound_tools] == ["search_forms", "structured_query", "project_form", "calculator"]
    assert a.tools == ["calculator", "llm"]
    assert a.text.startswith(f"按计算器结果，增长 63.97%，另外还有 99.9{UNVERIFIED} 这个数。")
    assert "- 63.97" in a.text
    tool_message = fake_llm.calls[1][-1]
    assert tool_message.content == "63.97"
