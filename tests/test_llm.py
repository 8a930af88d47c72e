"""The optional LLM with a fake model: it fills plans, phrases around slots, looks things up with tools; every
number it writes is checked in place and every failure ends in the rule answer with a visible notice."""
import json

from langchain_core.messages import AIMessage, ToolMessage

from assistant.service import Assistant, Session
from assistant.verify import UNVERIFIED

PLAN = "QuestionPlan"


def _plan_call(args: dict, call_id: str = "call_plan") -> AIMessage:
    return AIMessage(content="", tool_calls=[{"name": PLAN, "args": args, "id": call_id}])


def _rule(seeded, question: str):
    return Assistant(seeded).ask(question)


# -- phrasing ---------------------------------------------------------------------------------------------------------

def test_phrasing_fills_slots_and_marks_a_planted_number(seeded, fake_llm):
    fake_llm.replies.append("社发办{2}项目全年执行数合计{1}，比上年多99万元。")
    question = "社发办所有项目全年执行数合计"
    a = Assistant(seeded, llm=fake_llm).ask(question)
    notice = f"⚠️ 大模型表述中的数字 99万元 与同一句所说的对象或项目数据对不上，已标注〔未核实〕，请以下方记录为准。"
    assert a.text.startswith(f"社发办23个项目全年执行数合计3807.15万元，比上年多99万元{UNVERIFIED}。\n\n{notice}\n\n"
                             "**依据（自评表记录）：**\n\n社发办项目共 **23** 个，全年执行数合计 **3807.15** 万元")
    assert a.text.endswith(_rule(seeded, question).text)  # the computed answer, with its table, follows
    assert a.notices == [notice] and a.to_json()["notices"] == [notice]
    assert a.tools == ["plan:query", "llm"]
    prompt = fake_llm.calls[0][-1].content
    assert ("\n\n{1} = 3807.15万元：全年执行数合计\n{2} = 23个：符合条件的项目数\n{3} = 23个：检索的项目总数\n"
            "{4} = 20.00万元：社发办-残疾人1：1匹配专项经费的全年执行数\n{5} = 93分：社发办-残疾人1：1匹配专项经费的总分\n") in prompt
    assert "结果共 23 个项目，以下是前 8 个" in prompt
    assert "社发办-社区卫生医疗专项经费" not in prompt  # a row after the first 8: the prompt never holds the table
    assert "| 项目 |" not in prompt


def test_a_short_list_must_name_every_project(seeded, fake_llm):
    fake_llm.replies.append("党群中心有{1}个项目满意度未达标：党群中心-党群服务中心专项经费、党群中心-社区管理专项经费。")
    a = Assistant(seeded, llm=fake_llm).ask("党群中心哪些项目满意度未达标？")
    assert a.text.startswith("党群中心有4个项目满意度未达标：党群中心-党群服务中心专项经费、党群中心-社区管理专项经费。")
    assert a.notices == ["⚠️ 大模型的表述遗漏了 2 个符合条件的项目，完整名单见下方记录。"]
    for name in ["党群中心-居委会选举专项经费", "党群中心—居民区党群服务站门头规范化建设专项经费"]:
        assert name in a.text  # in the table below
    assert "写出全部 4 个名称" in fake_llm.calls[0][-1].content


def test_counts_and_lookups_never_warn_about_missing_projects(seeded, fake_llm):
    fake_llm.replies += ["共有{1}个项目的时效指标扣分。", "它的全年预算数为{1}。"]
    assistant = Assistant(seeded, llm=fake_llm)
    count = assistant.ask("有多少个项目的时效指标扣分")
    lookup = assistant.ask("消防实事项目经费的全年预算数是多少")
    assert count.notices == [] and lookup.notices == []
    assert count.text.startswith("共有31个项目的时效指标扣分。\n\n**依据")
    assert lookup.text.startswith("它的全年预算数为27.86万元。\n\n**依据")


def test_a_long_list_is_not_listed_in_the_prompt(seeded, fake_llm):
    fake_llm.replies.append("评分等级为优的项目共{1}，完整名单见下表。")
    a = Assistant(seeded, llm=fake_llm).ask("评分等级为优的项目有哪些")
    prompt = fake_llm.calls[0][-1].content
    assert "不要逐条罗列，完整的表格会附在你的回答下面" in prompt
    # the count, the projects searched, and 3 figures of each of the first 8 rows, whatever the list's length
    assert prompt.count("\n{") == 2 + 3 * 8
    assert a.notices == []
    assert a.text.startswith("评分等级为优的项目共100个，完整名单见下表。")


def test_a_draft_gets_a_lead_and_is_shown_once(seeded, fake_llm):
    fake_llm.replies.append("该项目全年执行数{3}，执行率{4}，总分{5}，「火灾事故的发生情况」扣{8}。")
    question = "写一段安全办-消防安全专项经费的绩效总结"
    a = Assistant(seeded, llm=fake_llm).ask(question)
    draft = _rule(seeded, question).text
    assert a.text.startswith("该项目全年执行数139.87万元，执行率100.00%，总分98分，「火灾事故的发生情况」扣2分。\n\n"
                             "**依据（自评表记录）：**\n\n")
    assert a.text.endswith(draft) and a.text.count("二、目标完成情况") == 1
    prompt = fake_llm.calls[0][-1].content
    assert "二、目标完成情况" not in prompt and "请写一段两三句话的导语" in prompt
    assert a.notices == []


def test_a_failing_model_leaves_the_rule_answer_and_says_so(seeded, fake_llm):
    question = "科技企业扶持专项经费总分"
    a = Assistant(seeded, llm=fake_llm).ask(question)  # nothing queued: the model raises
    rule = _rule(seeded, question).text
    notice = "⚠️ 大模型调用失败（RuntimeError），本回答为规则引擎的结果。"
    head, _, rest = rule.partition("\n\n")
    assert a.text == (f"{head}\n\n{notice}\n\n{rest}" if rest else f"{head}\n\n{notice}")
    assert a.to_json()["notices"] == [notice]
    assert "llm" not in a.tools


def test_tool_call_text_is_never_shown(seeded, fake_llm):
    fake_llm.replies.append('<tool_call>{"name": "calculator", "arguments": {"expression": "1+1"}}</tool_call>')
    a = Assistant(seeded, llm=fake_llm).ask("科技企业扶持专项经费总分")
    assert "tool_call" not in a.text and "calculator" not in a.text
    assert a.notices == ["⚠️ 大模型输出了无法执行的工具调用文本，已丢弃，本回答为规则引擎的结果。"]


def test_ask_stream_shows_the_rule_answer_first_then_the_phrasing(seeded, fake_llm):
    fake_llm.replies.append("全年执行数合计{1}，共{2}项目。")
    question = "社发办所有项目全年执行数合计"
    session = Session()
    texts = list(Assistant(seeded, llm=fake_llm).ask_stream(question, session))
    rule = _rule(seeded, question).text
    assert texts[0] == rule
    # the reply streams in 7-character pieces 「全年执行数合计」「{1}，共{2」「}项目。」: figures appear in place and a
    # slot cut in half is held back until it is complete
    assert [t.split("\n\n**依据")[0] for t in texts[1:]] == [
        "全年执行数合计", "全年执行数合计3807.15万元，共", "全年执行数合计3807.15万元，共23个项目。"]
    assert texts[-1] == session.last_answer.text == (f"全年执行数合计3807.15万元，共23个项目。\n\n"
                                                     f"**依据（自评表记录）：**\n\n{rule}")
    assert session.context.projects[:1] == ("社发办-残疾人1：1匹配专项经费",)  # remembered for follow-ups


# -- the model fills the plan -----------------------------------------------------------------------------------------

U020 = "开销超过100万元但不到500万元、并且总分高于95分的项目有哪些"  # 开销: a word the rules do not know
U020_PLAN = {"intent": "query", "conditions": [{"field": "executed", "op": ">", "value": 100},
                                               {"field": "executed", "op": "<", "value": 500},
                                               {"field": "total_score", "op": ">", "value": 95}],
             "measures": [{"op": "list"}]}
U020_PROJECTS = ["安全办-消防安全专项经费", "经发办-优化营商环境专项经费", "平安办-平安创建及应急维稳经费",
                 "平安办-社区智能安防经费"]
U020_READ = ("ℹ️ 规则没有完全读懂这个问题，由大模型理解为：全部项目中全年执行数高于100万元，且全年执行数低于500万元，且总分高于95分"
             "的项目。数字均由程序按记录计算。")


def test_the_model_fills_the_plan_and_the_executor_answers(seeded, fake_llm):
    assistant = Assistant(seeded, llm=fake_llm)
    assert assistant.understander.parse(U020).refusal == "unplaced"
    fake_llm.replies += [_plan_call(U020_PLAN), "共有{1}个项目：" + "、".join(U020_PROJECTS) + "。"]
    a = assistant.ask(U020)
    assert fake_llm.tool_choices == [PLAN]
    assert [t.__name__ for t in fake_llm.bound_tools] == [PLAN]
    assert a.projects == U020_PROJECTS
    assert a.notices == [U020_READ]
    assert a.text.startswith("共有4个项目：" + "、".join(U020_PROJECTS) + f"。\n\n{U020_READ}\n\n**依据（自评表记录）：**\n\n"
                             "共检索104个项目，4个项目全年执行数高于100万元，且全年执行数低于500万元，且总分高于95分：")
    assert a.tools == ["llm_plan", "plan:query", "llm"]
    assert json.loads(json.dumps(a.to_json()))["notices"] == [U020_READ]


def test_a_plan_with_errors_gets_one_repair_round(seeded, fake_llm):
    wrong = {"intent": "query", "conditions": [{"field": "executed", "op": ">", "value": 1000000},
                                               {"field": "executed", "op": "<", "value": 500},
                                               {"field": "total_score", "op": ">", "value": 95}]}
    fake_llm.replies += [_plan_call(wrong), _plan_call(U020_PLAN), RuntimeError("no phrasing today")]
    a = Assistant(seeded, llm=fake_llm).ask(U020)
    repair = fake_llm.calls[1]
    assert [m.type for m in repair] == ["system", "human", "ai", "human"]
    assert json.loads(repair[2].content)["conditions"][0]["value"] == 1000000
    assert repair[3].content.endswith("- conditions.executed: 1000000.0 does not appear in the question; use only "
                                      "the question's numbers")
    assert a.projects == U020_PROJECTS
    assert a.notices == [U020_READ, "⚠️ 大模型调用失败（RuntimeError），本回答为规则引擎的结果。"]


def test_a_plan_still_invalid_after_the_repair_is_refused(seeded, fake_llm):
    bad = {"intent": "query", "conditions": [{"field": "budget", "op": ">", "value": 100}]}
    fake_llm.replies += [_plan_call(bad), _plan_call(bad)]
    question = U020
    a = Assistant(seeded, llm=fake_llm).ask(question)
    assert a.kind == "refuse"
    notice = "⚠️ 规则没有读懂这个问题，大模型给出的查询经一次修正仍然无效，所以没有作答。"
    assert a.notices == [notice]
    rule = _rule(seeded, question).text
    head, _, rest = rule.partition("\n\n")
    assert a.text == f"{head}\n\n{notice}\n\n{rest}"


def test_a_place_outside_the_store_stays_refused(seeded, fake_llm):
    fake_llm.replies.append(_plan_call({"intent": "query", "places": ["曹安村"], "measures": [{"op": "sum",
                                                                                             "field": "executed"}]}))
    a = Assistant(seeded, llm=fake_llm).ask("曹安村的消防经费用了多少")
    assert a.kind == "refuse"
    assert a.text.startswith("库中只有上海市普陀区桃浦镇2023年度的自评表，没有「曹安村」的记录")
    assert a.notices == ["ℹ️ 规则没有完全读懂这个问题，大模型判断它问的是记录以外的内容（曹安村），所以没有作答。"]


def test_a_project_the_question_does_not_pick_is_asked_back(seeded, fake_llm):
    fake_llm.replies.append(_plan_call({"intent": "query", "projects": ["安全办-消防安全专项经费"],
                                        "fields": ["adjust_pct"], "measures": [{"op": "value"}]}))
    a = Assistant(seeded, llm=fake_llm).ask("请估算一下消防的钱涨得快不快")
    assert a.kind == "clarify"
    for name in ["党政办-桃浦镇专职消防站办公场所装修专项经费", "安全办-消防安全专项经费", "安全办-消防实事项目经费",
                 "平安办-桃浦镇专职消防救援队专项经费"]:
        assert name in a.text
    assert len(fake_llm.calls) == 1  # no phrasing of a question back


# -- open questions: the tool loop ------------------------------------------------------------------------------------

def test_an_open_question_is_answered_with_tools(seeded, fake_llm):
    fake_llm.replies += [
        _plan_call({"intent": "open"}),
        AIMessage(content="", tool_calls=[{"name": "calculator", "args": {"expression": "growth(139.87, 85.30)"},
                                           "id": "call_1"}]),
        AIMessage(content="", tool_calls=[{"name": "finish", "args": {}, "id": "call_2"}]),
        "按计算器结果，全年预算比年初增长{1}%，另外还有99.9这个数。",
    ]
    a = Assistant(seeded, llm=fake_llm).ask("请估算一下消防的钱涨得快不快")
    assert fake_llm.tool_choices == [PLAN, "required", "required"]
    assert [t.name for t in fake_llm.bound_tools] == ["search_forms", "structured_query", "project_form", "calculator",
                                                      "finish"]
    second = fake_llm.calls[2]
    assert second[-2].content == "" and second[-2].tool_calls[0]["id"] == "call_1"
    assert isinstance(second[-1], ToolMessage) and (second[-1].content, second[-1].tool_call_id) == ("63.97", "call_1")
    final = fake_llm.calls[3]
    assert [m.type for m in final] == ["system", "human"] and "{1} = 63.97：growth(139.87, 85.30)" in final[1].content
    assert a.kind == "llm" and a.tools == ["calculator", "llm"]
    assert a.text.startswith(f"按计算器结果，全年预算比年初增长63.97%，另外还有99.9{UNVERIFIED}这个数。")
    assert a.notices == ["ℹ️ 这个问题由大模型调用查询工具后作答（calculator），数字已逐一与工具结果核对。",
                         "⚠️ 大模型表述中的数字 99.9 与同一句所说的对象或项目数据对不上，已标注〔未核实〕，请以下方记录为准。"]
    assert "- calculator（{\"expression\": \"growth(139.87, 85.30)\"}）：63.97" in a.text


def test_tool_calls_written_as_text_are_run(seeded, fake_llm):
    fake_llm.replies += [
        _plan_call({"intent": "open"}),
        '<tool_call>\n{"name": "structured_query", "arguments": {"question": "安全办-消防安全专项经费的全年预算数"}}\n'
        '</tool_call>',
        '{"name": "finish", "arguments": {}}',
        "安全办-消防安全专项经费全年预算为{1}。",
    ]
    a = Assistant(seeded, llm=fake_llm).ask("请估算一下消防的钱涨得快不快")
    assert a.tools == ["structured_query", "llm"]
    assert a.text.startswith("安全办-消防安全专项经费全年预算为139.87万元。\n\n")
    assert "tool_call" not in a.text
    # the call read from text went back as a real tool call with its result
    assert fake_llm.calls[2][-2].tool_calls[0]["name"] == "structured_query"
    assert fake_llm.calls[2][-1].content.startswith("安全办-消防安全专项经费的全年预算数为 **139.87 万元**")


def test_tools_that_find_nothing_end_in_the_refusal(seeded, fake_llm):
    fake_llm.replies += [_plan_call({"intent": "open"}), "我想一想。"]  # no call at all
    question = "请估算一下消防的钱涨得快不快"
    a = Assistant(seeded, llm=fake_llm).ask(question)
    assert a.kind == "refuse"
    assert a.notices == ["⚠️ 大模型没有查到可用的记录，所以没有作答。"]


def test_the_web_page_shows_a_notice_once_as_a_badge(seeded, fake_llm):
    from assistant import views

    assistant = Assistant(seeded, llm=fake_llm)
    a = assistant.ask("科技企业扶持专项经费总分")  # nothing queued: the model fails
    page = views.message_html(assistant, a)
    notice = "⚠️ 大模型调用失败（RuntimeError），本回答为规则引擎的结果。"
    assert page.startswith(f'<div class="jx-notice" role="status">{notice}</div>')
    assert page.count("大模型调用失败") == 1
