import time
from decimal import Decimal, localcontext

import pytest

from assistant import calculator
from assistant.calculator import Calculation, CalculatorError, calculate, format_number


@pytest.mark.parametrize(
    "expression, value, text",
    [
        ("3154.72 - 1203.85", Decimal("1950.87"), "1950.87"),
        ("0.1+0.2", Decimal("0.3"), "0.3"),
        ("(1+2)*3", Decimal(9), "9"),
        ("sum(1,2,3)", Decimal(6), "6"),
        ("avg(90, 95, 100)", Decimal(95), "95"),
        ("pct(3, 4)", Decimal(75), "75"),
        ("max(1.5, 2)", Decimal(2), "2"),
        ("min(1.5, 2)", Decimal("1.5"), "1.5"),
        ("2**10", Decimal(1024), "1024"),
        ("2**-2", Decimal("0.25"), "0.25"),
        ("-3.5", Decimal("-3.5"), "-3.5"),
        ("+-+3", Decimal(-3), "-3"),
        ("50%", Decimal("0.5"), "0.5"),
        ("200 * 12.5%", Decimal(25), "25"),
        ("10 / 50%", Decimal(20), "20"),
        ("（１＋２）×３", Decimal(9), "9"),
        ("１０÷４", Decimal("2.5"), "2.5"),
        ("5 − 7", Decimal(-2), "-2"),
        ("1,203.85 + 1", Decimal("1204.85"), "1204.85"),
        ("1,234,567 - 1", Decimal(1234566), "1234566"),
        ("合计(1,2)", Decimal(3), "3"),
        ("求和（１，２，３）", Decimal(6), "6"),
        ("平均(1, 2)", Decimal("1.5"), "1.5"),
        ("最小(3, 1)", Decimal(1), "1"),
        ("最大(3, 1)", Decimal(3), "3"),
        ("SUM(1, 2)", Decimal(3), "3"),
        ("Average(2, 4)", Decimal(3), "3"),
        ("mean(2, 4)", Decimal(3), "3"),
        ("diff(10, 4)", Decimal(6), "6"),
        ("差(4, 10)", Decimal(-6), "-6"),
        ("占比(1, 8)", Decimal("12.5"), "12.5"),
        ("share(1, 3)", None, "33.33"),
        ("百分比(1, 4)", Decimal(25), "25"),
        ("增长率(110, 100)", Decimal(10), "10"),
        ("round(2.345, 2)", Decimal("2.35"), "2.35"),
        ("round(-2.5)", Decimal(-3), "-3"),
        ("sum([1,2,3])", Decimal(6), "6"),
        ("max((1, 7, 3))", Decimal(7), "7"),
        ("1/3", None, "0.33"),
        ("2/3", None, "0.67"),
        ("0.125 + 0", Decimal("0.125"), "0.13"),
        ("  7  ", Decimal(7), "7"),
        ("1_000 + 0.000_1", Decimal("1000.0001"), "1000"),
        ("0x10 + 1", Decimal(17), "17"),
    ],
)
def test_calculate(expression, value, text):
    result = calculate(expression)
    assert isinstance(result, Calculation)
    assert result.expression == expression
    if value is not None:
        assert result.value == value
    assert result.text == text


def test_growth_example():
    result = calculate("growth(139.87, 85.30)")
    assert result.text == "63.97"
    with localcontext(prec=50):
        assert result.value == (Decimal("139.87") - Decimal("85.30")) / Decimal("85.30") * 100


def test_value_is_exact_decimal():
    assert calculate("0.1+0.2").value == Decimal("0.3")
    assert calculate("1/3").value == Decimal("0." + "3" * 50)  # 50 significant digits
    assert calculate("2**100").value == Decimal(2**100)


@pytest.mark.parametrize(
    "expression, value",
    [
        ("sum(1,234, 5)", Decimal(1239)),  # "1,234" with no space after the comma is one number
        ("sum(1, 234, 5)", Decimal(240)),  # a space after the comma separates arguments
        ("sum(1,234,5)", Decimal(240)),  # "1,234,5" is not proper grouping, so all commas separate
        ("sum(12345,678)", Decimal(13023)),  # more than 3 leading digits: not grouping
        ("sum(5,1,234)", Decimal(240)),  # part of a longer comma run that is not proper grouping
        ("max(1.5,200)", Decimal(200)),  # digits after a decimal point never start a group
        ("sum(1,2,3)", Decimal(6)),
        ("round(2.345,2)", Decimal("2.35")),
    ],
)
def test_thousands_separator_rule(expression, value):
    assert calculate(expression).value == value


@pytest.mark.parametrize(
    "value, places, text",
    [
        (Decimal("1950.870"), 2, "1950.87"),
        (Decimal("96.00"), 2, "96"),
        (Decimal("-3.50"), 2, "-3.5"),
        (Decimal(1) / Decimal(3), 2, "0.33"),
        (Decimal("2.345"), 2, "2.35"),
        (Decimal("-2.345"), 2, "-2.35"),
        (Decimal("-0.001"), 2, "0"),
        (Decimal("1E+3"), 2, "1000"),
        (Decimal("1E+60"), 2, "1" + "0" * 60),
        (Decimal("0.5"), 0, "1"),
        (Decimal("3.14159"), 4, "3.1416"),
    ],
)
def test_format_number(value, places, text):
    assert format_number(value, places) == text


def test_calculation_is_frozen():
    result = calculate("1+1")
    with pytest.raises(AttributeError):
        result.value = Decimal(3)


@pytest.mark.parametrize(
    "expression, message",
    [
        ("1/0", "除数为零"),
        ("1/(2-2)", "除数为零"),
        ("pct(1, 0)", "除数为零"),
        ("growth(5, 0)", "除数为零"),
        ("0**-1", "除数为零"),
        ("x + 1", "不支持的名称"),
        ("True", "不支持的名称"),
        ("None", "不支持的名称"),
        ("nan", "不支持的名称"),
        ("(1).real", "属性访问"),
        ("().__class__", "属性访问"),
        ("[1, 2][0]", "下标访问"),
        ("abs(-1)", "不支持的函数"),
        ("__import__('os')", "不支持的函数"),
        ("open('x')", "不支持的函数"),
        ("(lambda: 1)()", "不支持的函数调用（lambda"),
        ("(1)(2)", "不支持的函数调用"),
        ("50%(2)", "不支持的运算符"),
        ("50 % 2", "不支持的运算符"),
        ("sum.__call__(1)", "属性访问"),
        ("round(2.5, n=1)", "关键字参数"),
        ("'abc'", "字符串"),
        ("f'{1}'", "字符串"),
        ("1 < 2", "比较运算"),
        ("1 and 2", "逻辑运算"),
        ("lambda: 1", "lambda"),
        ("[x for x in (1, 2)]", "推导式"),
        ("sum(x for x in (1, 2))", "推导式"),
        ("{1: 2}", "字典"),
        ("sum(*[1, 2])", "星号展开"),
        ("7 % 2", "不支持的运算符"),
        ("7 // 2", "不支持的运算符"),
        ("2 ^ 3", "不支持的运算符"),
        ("~1", "不支持的运算符"),
        ("1j", "不支持的常量"),
        ("[1, 2]", "列表只能作为函数的唯一参数"),
        ("sum([1, 2], 3)", "列表只能作为函数的唯一参数"),
        ("1, 2", "列表只能作为函数的唯一参数"),
        ("sum()", "至少 1"),
        ("sum([])", "至少 1"),
        ("diff(1)", "需要 2 个参数"),
        ("round(1, 2, 3)", "需要 1 或 2 个参数"),
        ("round(2.345, 11)", "0 到 10"),
        ("round(2.345, 1.5)", "0 到 10"),
        ("1 +", "无法解析"),
        ("(1 + 2", "无法解析"),
        ("1 = 2", "无法解析"),
        ("import os", "无法解析"),
        ("1\x00", "无法解析"),
        ("(" * 300 + "1" + ")" * 300, "表达式过长"),
        ("(" * 240 + "1" + ")" * 240, "无法解析"),
        ("", "表达式为空"),
        ("   ", "表达式为空"),
        ("2 ** 0.5", "指数必须是整数"),
        ("10**1000", "指数过大"),
        ("2 ** -101", "指数过大"),
        ("9**9**9**9", "指数过大"),
        ("((10**100)**100)**100", "不是有限数值"),
        ("1e999999999", "不是有限数值"),
        ("1" * 501, "表达式过长"),
    ],
)
def test_rejected(expression, message):
    with pytest.raises(CalculatorError, match=message):
        calculate(expression)


def test_error_is_value_error():
    assert issubclass(CalculatorError, ValueError)


def test_dunder_import_and_class_rejected():
    with pytest.raises(CalculatorError, match="不支持的函数：__import__"):
        calculate("__import__('os')")
    with pytest.raises(CalculatorError, match="属性访问"):
        calculate("__import__('os').system('echo hi')")
    with pytest.raises(CalculatorError, match="属性访问"):
        calculate("().__class__.__bases__[0].__subclasses__()")


def test_huge_exponent_rejected_quickly():
    start = time.perf_counter()
    for expression in ("10**1000", "10**10**10", "9**9**9**9", "2**(10**100)"):
        with pytest.raises(CalculatorError, match="指数过大"):
            calculate(expression)
    assert time.perf_counter() - start < 0.5


def test_too_many_numbers(monkeypatch):
    # MAX_LENGTH keeps real inputs far below MAX_ITEMS; lift it to reach the item limit.
    monkeypatch.setattr(calculator, "MAX_LENGTH", 100_000)
    assert calculate("sum([" + ", ".join(["1"] * 1000) + "])").value == 1000
    with pytest.raises(CalculatorError, match="数字过多"):
        calculate("sum([" + ", ".join(["1"] * 1001) + "])")
    with pytest.raises(CalculatorError, match="数字过多"):
        calculate("max(" + ", ".join(["1"] * 1001) + ")")


def test_never_uses_eval(monkeypatch):
    import builtins

    def forbidden(*args, **kwargs):
        raise AssertionError("eval/exec must not be used")

    monkeypatch.setattr(builtins, "eval", forbidden)
    monkeypatch.setattr(builtins, "exec", forbidden)
    assert calculate("sum([1, 2]) * 3").value == 9


def test_total_of_many_figures_is_exact():
    from assistant.calculator import total

    values = [f"{n}.01" for n in range(1, 2001)]  # far more than one expression may hold
    result = total(values)
    assert result.value == Decimal("2001000") + Decimal("20.00")
    assert result.expression == "sum(2000个数)"
    assert total(["90", "95", "100"], "avg").value == Decimal("95")
