"""Input limits: long questions and statements are refused fast, long digit runs never blow up, and no exception text
ever reaches a user."""
import random
import time

import pytest

from assistant.limits import MAX_DIGITS, long_number

BOUND = 2.0  # seconds for any one question or statement; a quadratic pattern takes minutes on these inputs


def timed(fn, text):
    started = time.perf_counter()
    result = fn(text)
    return result, time.perf_counter() - started


def test_a_100000_character_statement_is_refused_at_once(assistant):
    statement = ("城运中心-应用场景项目受益群众满意度为80%，" * 4400)[:100_000]
    assert len(statement) == 100_000
    result, seconds = timed(assistant.check, statement)
    assert seconds < 0.5
    assert result.verdict == "无法核实"
    assert result.claims[0].note == "要核查的文字超过 2000 字，没有核查；请分段提交。"


def test_a_100000_character_question_is_refused_at_once(assistant):
    answer, seconds = timed(assistant.ask, "1" * 100_000)
    assert seconds < 0.5
    assert answer.text == "问题太长了（超过 2000 字），请拆成几个短问题再问；要核查一段文字，请使用「核查」功能。"


@pytest.mark.parametrize("text, digits", [
    ("1" * 1999, 1999),
    ("总分为" + "9" * 1990 + "分的项目", 1990),
    ("总分前" + "9" * 1900 + "名的项目", 1900),
    ("全年预算数超过" + "1" * 16 + "万元的项目", 16),
])
def test_long_digit_runs_are_refused_before_any_pattern_runs(assistant, text, digits):
    answer, seconds = timed(assistant.ask, text)
    assert seconds < 0.5
    assert answer.kind == "refuse"
    assert answer.text == (f"问题中有一个 {digits} 位的数字，超过 15 位，不像自评表里的数值（金额、分数、百分比都不超过 15 位），"
                           "没有作答；请核对后重新输入。")
    result, seconds = timed(assistant.check, text)
    assert seconds < 0.5
    assert (result.verdict, result.claims[0].note) == (
        "无法核实", f"其中有一个 {digits} 位的数字，超过 15 位，不像自评表里的数值，无法核对；请核对后重新输入")


def test_fifteen_digits_still_reach_the_understander(assistant):
    assert long_number("9" * MAX_DIGITS) == 0 and long_number("9" * (MAX_DIGITS + 1)) == MAX_DIGITS + 1
    answer = assistant.ask("全年预算数超过" + "1" * 15 + "万元的项目")
    assert answer.text == "共检索104个项目，没有全年预算数高于111111111111111万元的项目。"


def _adversarial(rng: random.Random) -> list[str]:
    """2,000-character inputs built to make backtracking patterns go quadratic: digit runs split by the separators
    numbers use, units and operators between them, Chinese numerals, clause marks, repeated entity names."""
    pieces = ["12345678901234", ".", ",", "，", "、", "%", "％", "万元", "≥", "<=", "百分之", "一二三四五六七八九十百千万亿",
              "分", "第", "前", "名", "项目", "满意度", "社发办", "消防实事项目经费", "（", "）", "=", "-", " ", "；", "。"]
    out = []
    for n in range(12):
        text = "".join(rng.choice(pieces) for _ in range(800))[:2000]
        out.append(text)
    out += [("1." * 1000)[:2000], ("1,234" * 400)[:2000], ("9，" * 1000)[:2000], ("百分之九十" * 400)[:2000],
            ("社发办" * 667)[:2000], ("满意度未达标的" * 300)[:2000], (" " * 1999) + "?", ("（" * 1000 + "）" * 1000)]
    # The longest filler runs let through (12), between every kind of word the rules look for.
    for sep in ("总分", "5", "低于", "项目", "社发办", "满意度", "达标", "哪些", "前", "第", "增加", "比", "合计", "、", "和"):
        for filler in ("（", "！", "的", "？"):
            out.append(((filler * 12 + sep) * 200)[:2000])
    return out


def test_long_runs_of_filler_are_refused(assistant):
    text = "（" * 1000 + "）" * 1000  # 2,000 filler tokens in a row: minutes for the rule patterns
    answer, seconds = timed(assistant.ask, text)
    assert seconds < 0.5
    assert answer.text == "问题里有一长串标点或「的」「吗」之类的虚词（连续 2000 个，超过 12 个），没有作答；请删去多余的符号后重新输入。"
    result, seconds = timed(assistant.check, "的" * 13 + "总分")
    assert seconds < 0.5
    assert result.claims[0].note == "其中有一长串标点或虚词（连续 13 个，超过 12 个），无法核对；请删去多余的符号后重新输入"
    assert assistant.ask("安全办-消防安全专项经费的总分是多少呢？？！！！").text.startswith(
        "安全办-消防安全专项经费的总分为 **98 分**")


@pytest.mark.slow
@pytest.mark.parametrize("seed", [0, 1])
def test_adversarial_inputs_stay_within_a_time_bound_and_never_show_exception_text(assistant, seed):
    for text in _adversarial(random.Random(seed)):
        for fn in (assistant.ask, assistant.check):
            result, seconds = timed(fn, text)
            assert seconds < BOUND, f"{fn.__name__} took {seconds:.1f} s on {text[:40]!r}"
            for word in ("Traceback", "Error", "Exception", "Overflow", "Infinity", "inf万元"):
                assert word not in result.text, f"{word} shown for {text[:40]!r}"


def test_number_checks_on_model_text_are_linear():
    from assistant.verify import Checker

    text = "1" * 100_000 + " 以及 " + "2、" * 30_000 + "。".join(["3万元"] * 20_000)
    started = time.perf_counter()
    v = Checker([]).check(text)
    assert time.perf_counter() - started < BOUND
    assert len(v.unverified) == 50_001  # the run of ones, each 2 and each 3 in its own sentence


def test_a_failing_check_gives_a_generic_verdict_and_a_log_line(assistant, monkeypatch, caplog):
    from assistant import factcheck

    def explode(self, statement):
        raise ValueError("secret internal detail")

    monkeypatch.setattr(factcheck.FactChecker, "check", explode)
    result = assistant.check("武装专项经费总分97.6分")
    assert result.text == "核查时出错了，没有得出结论；请换一种说法，或把原文报告给维护人员。"
    assert "secret" not in result.text and result.verdict == "无法核实"
    assert any("checking '武装专项经费总分97.6分' failed" in r.getMessage() for r in caplog.records)


def test_a_failing_answer_gives_a_generic_message_and_a_log_line(assistant, monkeypatch, caplog):
    def explode(plan):
        raise OverflowError("cannot convert float infinity to integer")

    monkeypatch.setattr(assistant, "answer_plan", explode)
    answer = assistant.ask("哪些项目满意度未达标")
    assert answer.text == "处理这个问题时出错了，没有作答。请换一种问法；如果问题反复出现，请把问题原文报告给维护人员。"
    assert any("answering '哪些项目满意度未达标' failed" in r.getMessage() for r in caplog.records)


def test_a_failing_tool_shows_no_exception_text(seeded, fake_llm, monkeypatch, caplog):
    from langchain_core.messages import AIMessage, ToolMessage

    from assistant.llm_plan import TOOL_NAME
    from assistant.service import Assistant

    a = Assistant(seeded, llm=fake_llm)
    monkeypatch.setattr(type(a), "searcher", property(lambda self: (_ for _ in ()).throw(RuntimeError("db path /srv/x"))))
    fake_llm.replies += [AIMessage(content="", tool_calls=[{"name": TOOL_NAME, "args": {"intent": "open"}, "id": "p"}]),
                         AIMessage(content="", tool_calls=[{"name": "search_forms", "args": {"query": "原因"},
                                                            "id": "c1"}]),
                         AIMessage(content="", tool_calls=[{"name": "finish", "args": {}, "id": "c2"}]),
                         "没有找到。"]
    answer = a.ask("那个什么东西为啥这样")
    sent = [m for call in fake_llm.calls for m in call if isinstance(m, ToolMessage) and m.tool_call_id == "c1"]
    assert [m.content for m in sent][:1] == ["工具出错，没有结果"]  # the model never sees the exception either
    assert "/srv/x" not in answer.text and "RuntimeError" not in answer.text
    assert any("tool search_forms failed" in r.getMessage() for r in caplog.records)
