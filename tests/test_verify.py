"""Numbers a model writes are read where Chinese glues them to words, and checked against the fact of the same
subject and field in the same sentence."""
from decimal import Decimal

import pytest

from assistant.phrase import checker_for
from assistant.slots import facts_for, fill
from assistant.verify import UNVERIFIED, numbers_in


@pytest.mark.parametrize("text, expected", [
    ("为10.5平方米", [("10.5平方米", "10.50", ["quantity:平方米"], "")]),
    ("有61个", [("61个", "61.0", ["count", "quantity:个"], "")]),
    ("有61个项目", [("61个", "61.0", ["count", "quantity:个"], "project")]),
    ("共６１条指标", [("６１条", "61.0", ["count", "quantity:条"], "indicator")]),
    ("139.87万元", [("139.87万元", "139.870", ["money"], "")]),
    ("１３９．８７万元", [("１３９．８７万元", "139.870", ["money"], "")]),
    ("约1.4亿元", [("1.4亿元", "14000.00", ["money"], "")]),
    ("1,234.5元", [("1,234.5元", "0.12345", ["money"], "")]),
    ("常住人口104人", [("104人", "104.0", ["quantity:人"], "")]),
    ("执行率100%", [("100%", "100.0", ["percent"], "")]),
    ("提高5个百分点", [("5个百分点", "5.0", ["percent"], "")]),
    ("1.2万人次", [("1.2万人次", "12000.00", ["quantity:人次"], "")]),
    ("两个项目", [("两个", "2.0", ["count", "quantity:个"], "project")]),
    ("排第3名", [("3名", "3", ["rank"], "")]),
    ("2023年", [("2023年", "2023.0", ["year"], "")]),
    ("三级指标十分重要，一个项目", []),
    ("{1}万元，来源[12]：000_x.txt:33，第12行", []),
    ("1. 安全办\n2、社发办", []),
])
def test_numbers_glued_to_chinese(text, expected):
    got = [(n.raw, str(n.value), sorted(n.classes), n.noun) for n in numbers_in(text)]
    assert got == expected


def test_digits_inside_names_are_not_numbers():
    assert numbers_in("社发办-残疾人1：1匹配专项经费执行数20万元", ["社发办-残疾人1：1匹配专项经费"])[0].raw == "20万元"


def _check(assistant, question: str, text: str):
    answer = assistant.ask(question)
    return checker_for(assistant, facts_for(answer.result), question, answer.plan).check(text)


@pytest.mark.parametrize("question, text, marked", [
    # right numbers in their roles
    ("社发办所有项目全年执行数合计", "社发办23个项目全年执行数合计3807.15万元。", "社发办23个项目全年执行数合计3807.15万元。"),
    ("社发办所有项目全年执行数合计", "社发办执行数合计约3807万元，约0.38亿元。", "社发办执行数合计约3807万元，约0.38亿元。"),
    ("社发办所有项目全年执行数合计", "社发办共有２３个项目，执行数合计３８０７．１５万元。",
     "社发办共有２３个项目，执行数合计３８０７．１５万元。"),
    ("社发办所有项目全年执行数合计", "社发办-残疾人1：1匹配专项经费全年执行数为20万元。",
     "社发办-残疾人1：1匹配专项经费全年执行数为20万元。"),
    ("有多少条指标扣分", "共有282条指标扣分，涉及104个项目。", "共有282条指标扣分，涉及104个项目。"),
    ("一共有多少个项目", "2023年库中共有104个项目。", "2023年库中共有104个项目。"),
    ("增加卫生服务站实际使用面积是多少",
     "莲花公寓卫生服务站调整服务地点专项经费的增加卫生服务站实际使用面积为28平方米，目标为30平方米。",
     "莲花公寓卫生服务站调整服务地点专项经费的增加卫生服务站实际使用面积为28平方米，目标为30平方米。"),
    ("总分低于95分的项目有几个", "总分低于95分的项目有74个。", "总分低于95分的项目有74个。"),
    # a project's figure given to the 科室
    ("社发办所有项目全年执行数合计", "社发办全年执行数合计20.00万元。", f"社发办全年执行数合计20.00万元{UNVERIFIED}。"),
    # the 科室's total given to one project
    ("社发办所有项目全年执行数合计", "社发办-残疾人1：1匹配专项经费全年执行数为3807.15万元。",
     f"社发办-残疾人1：1匹配专项经费全年执行数为3807.15万元{UNVERIFIED}。"),
    ("社发办所有项目全年执行数合计", "社发办-各类帮困补助专项经费全年执行数为3807.15万元。",
     f"社发办-各类帮困补助专项经费全年执行数为3807.15万元{UNVERIFIED}。"),  # 各 of its name speaks of no set
    ("社发办所有项目全年执行数合计", "其中社发办-各类帮困补助专项经费等23个项目合计3807.15万元。",
     "其中社发办-各类帮困补助专项经费等23个项目合计3807.15万元。"),
    # the right value under another field
    ("社发办所有项目全年执行数合计", "社发办全年预算合计3807.15万元。", f"社发办全年预算合计3807.15万元{UNVERIFIED}。"),
    # 282 indicators stated as 282 projects; 23 projects as 23 indicators
    ("有多少条指标扣分", "共有282个项目扣分。", f"共有282个{UNVERIFIED}项目扣分。"),
    ("社发办所有项目全年执行数合计", "社发办有23条指标。", f"社发办有23条{UNVERIFIED}指标。"),
    # 104 projects as 104 people; a year outside the store
    ("一共有多少个项目", "桃浦镇常住人口104人。", f"桃浦镇常住人口104人{UNVERIFIED}。"),
    ("一共有多少个项目", "2022年库中共有104个项目。", f"2022年{UNVERIFIED}库中共有104个项目。"),
    # a place outside the store
    ("社发办所有项目全年执行数合计", "长征镇社发办全年执行数合计3807.15万元。",
     f"长征镇社发办全年执行数合计3807.15万元{UNVERIFIED}。"),
    # numbers glued to words that no fact backs
    ("增加卫生服务站实际使用面积是多少", "实际使用面积为10.5平方米。", f"实际使用面积为10.5平方米{UNVERIFIED}。"),
    # one project's satisfaction given to another
    ("党群中心哪些项目满意度未达标",
     "党群中心-党群服务中心专项经费参与党员满意度为85%。党群中心-居委会选举专项经费居民满意度为85%。",
     f"党群中心-党群服务中心专项经费参与党员满意度为85%。党群中心-居委会选举专项经费居民满意度为85%{UNVERIFIED}。"),
    # another 科室's average (党政办 is not compared here; 91.89 is 规建办's)
    ("党群中心和规建办哪个平均分高", "党群中心平均总分91.89分。", f"党群中心平均总分91.89分{UNVERIFIED}。"),
])
def test_numbers_are_checked_in_place(assistant, question, text, marked):
    assert _check(assistant, question, text).text == marked


def test_the_subject_carries_over_to_the_next_sentence(assistant):
    v = _check(assistant, "安全办-消防安全专项经费的全年预算数是多少",
               "安全办-消防安全专项经费全年预算为139.87万元。总分为98分。执行率为100%。")
    # 98 is the project's 总分, which the answer shows; its 执行率 is not among the answer's facts
    assert v.text == f"安全办-消防安全专项经费全年预算为139.87万元。总分为98分。执行率为100%{UNVERIFIED}。"
    assert v.unverified == ["100%"]


def test_slots_are_filled_and_a_repeated_unit_dropped(assistant):
    answer = assistant.ask("社发办所有项目全年执行数合计")
    sheet = facts_for(answer.result)
    assert (sheet.slots[1].text, sheet.slots[2].text) == ("3807.15万元", "23个")
    text, bad = fill("社发办{2}项目执行数合计{1}万元，见{99}。", sheet.slots)
    assert text == f"社发办23个项目执行数合计3807.15万元，见{UNVERIFIED}。"
    assert bad == ["{99}"]
    assert sheet.slots[1].value == Decimal("3807.15")
