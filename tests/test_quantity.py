import pytest

from index.quantity import judge_met, parse_number, parse_quantity
from index.records import Quantity


@pytest.mark.parametrize(
    "cell, expected",
    [
        ("142. 81", 142.81),
        ("10. 00", 10.0),
        ("7,000.00", 7000.0),
        ("30,000.00", 30000.0),
        ("0.00", 0.0),
        ("100", 100.0),
        ("-", None),
        ("—", None),
        ("－", None),
        ("", None),
    ],
)
def test_parse_number(cell, expected):
    assert parse_number(cell) == expected


def test_parse_number_rejects_text():
    with pytest.raises(ValueError, match="不是数字"):
        parse_number("达成指标")


@pytest.mark.parametrize(
    "cell, expected",
    [
        ("≥90. 00 (%)", Quantity(raw="≥90.00(%)", op="≥", value=90.0, unit="%")),
        ("=100.00(百分比)", Quantity(raw="=100.00(百分比)", op="=", value=100.0, unit="%")),
        ("≥85.00(百分号)", Quantity(raw="≥85.00(百分号)", op="≥", value=85.0, unit="%")),
        ("≥3(人)", Quantity(raw="≥3(人)", op="≥", value=3.0, unit="人")),
        (">20.00(人)", Quantity(raw=">20.00(人)", op=">", value=20.0, unit="人")),
        ("≤1(起)", Quantity(raw="≤1(起)", op="≤", value=1.0, unit="起")),
        ("75.00(%)", Quantity(raw="75.00(%)", op=None, value=75.0, unit="%")),
        ("0起", Quantity(raw="0起", op=None, value=0.0, unit="起")),
        ("=0(件)", Quantity(raw="=0(件)", op="=", value=0.0, unit="件")),
        ("2800.00(人次)", Quantity(raw="2800.00(人次)", value=2800.0, unit="人次")),
        ("及时", Quantity(raw="及时", word="及时")),
        ("人员伤亡减少", Quantity(raw="人员伤亡减少", word="人员伤亡减少")),
        ("达成指标", Quantity(raw="达成指标", status="达成指标")),
        ("部分达成指标并具有一定效果", Quantity(raw="部分达成指标并具有一定效果", status="部分达成指标并具有一定效果")),
        ("未达成指标且效果较差", Quantity(raw="未达成指标且效果较差", status="未达成指标且效果较差")),
        ("机关联络员下基层制度实现居村100%全覆盖",
         Quantity(raw="机关联络员下基层制度实现居村100%全覆盖", word="机关联络员下基层制度实现居村100%全覆盖")),
    ],
)
def test_parse_quantity(cell, expected):
    assert parse_quantity(cell) == expected


@pytest.mark.parametrize(
    "target, actual, met",
    [
        ("≥80.00(%)", "75.00(%)", False),
        ("≥85.00(%)", "85.00(%)", True),
        ("=100.00(百分比)", "99.00(百分比)", False),
        ("=100.00(%)", "100.00(百分比)", True),
        (">20.00(人)", "20.00(人)", False),
        (">20.00(人)", "21.00(人)", True),
        ("=0.00(起)", "2.00(起)", False),
        ("≤1(起)", "0.00(起)", True),
        ("75.00(%)", "70.00(%)", False),
        ("0起", "达成指标", True),
        ("及时", "部分达成指标并具有一定效果", False),
        ("及时", "达成指标", True),
        ("提升", "未达成指标且效果较差", False),
        ("≥2.00(次)", "2.00(场)", None),
        ("提升", "95.00(%)", None),
    ],
)
def test_judge_met(target, actual, met):
    assert judge_met(parse_quantity(target), parse_quantity(actual)) is met
