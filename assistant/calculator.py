"""Exact arithmetic calculator tool: parses the expression with `ast` and walks the tree with Decimal (never eval)."""
from __future__ import annotations

import ast
import operator
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal, DivisionByZero, InvalidOperation, Overflow, localcontext

MAX_LENGTH = 500     # characters of input
MAX_ITEMS = 1000     # arguments of one function call (or items of its single list argument)
MAX_EXPONENT = 100   # largest |n| in x ** n
_CONTEXT = Context(prec=50, traps=[InvalidOperation, DivisionByZero, Overflow])


class CalculatorError(ValueError):
    """An expression the calculator refuses or cannot compute; the message is for the user (Chinese)."""


@dataclass(frozen=True)
class Calculation:
    expression: str
    value: Decimal

    @property
    def text(self) -> str:
        return format_number(self.value)

    @property
    def text_exact(self) -> str:
        """The exact value as plain decimal text (no rounding), for feeding back into the calculator."""
        return f"{self.value:f}"


def format_number(value: Decimal, places: int = 2) -> str:
    """Round half-up to at most `places` decimals and drop trailing zeros: 1950.870 -> "1950.87", 96.00 -> "96"."""
    if not value.is_finite():
        return str(value)
    context = Context(prec=max(28, value.adjusted() + places + 2))
    text = f"{value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP, context=context):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


# Full-width ASCII (（）＋－，．％１２３ ...) to half-width, ideographic space, and typographic operators.
_TRANSLATION = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_TRANSLATION.update({0x3000: " ", ord("×"): "*", ord("÷"): "/", ord("−"): "-"})
# Thousands separators: a maximal run of comma-joined digits (no spaces) shaped exactly d{1,3}(,ddd)+ is ONE number,
# so "1,203.85" -> 1203.85 and "sum(1,234, 5)" -> sum(1234, 5). Every other comma separates arguments:
# "sum(1,2,3)", "sum(1,234,5)" (the last group is not 3 digits), "sum(1, 234)" (space after the comma).
_THOUSANDS = re.compile(r"(?<![\w.])(?<!\d,)\d{1,3}(?:,\d{3})+(?!\d|,\d)")
# A number literal followed by "%" is a percentage: "50%" -> "(50e-2)", exact and safe under any precedence.
_PERCENT = re.compile(r"(?<![\w.])(\d+(?:\.\d*)?|\.\d+)\s*%(?!\s*[\w.(])")


def _normalize(expression: str) -> str:
    text = expression.translate(_TRANSLATION).strip()
    text = _THOUSANDS.sub(lambda m: m.group().replace(",", ""), text)
    return _PERCENT.sub(r"(\1e-2)", text)


def _div(a: Decimal, b: Decimal) -> Decimal:
    if b == 0:
        raise CalculatorError("除数为零，无法计算")
    return a / b


def _pow(base: Decimal, exponent: Decimal) -> Decimal:
    if abs(exponent) > MAX_EXPONENT:
        raise CalculatorError(f"指数过大（绝对值不能超过 {MAX_EXPONENT}）")
    if exponent != exponent.to_integral_value():
        raise CalculatorError("乘方的指数必须是整数")
    if base == 0 and exponent < 0:
        raise CalculatorError("除数为零，无法计算（0 的负数次方）")
    return Decimal(1) if exponent == 0 else base ** int(exponent)


def _round(x: Decimal, places: Decimal = Decimal(0)) -> Decimal:
    if places != places.to_integral_value() or not 0 <= places <= 10:
        raise CalculatorError("round 的小数位数必须是 0 到 10 之间的整数")
    return x.quantize(Decimal(1).scaleb(-int(places)), rounding=ROUND_HALF_UP)


# name -> (implementation over the argument list, allowed argument counts; None means one or more)
_FUNCTIONS = {
    "sum": (lambda xs: sum(xs, Decimal(0)), None),
    "avg": (lambda xs: sum(xs, Decimal(0)) / len(xs), None),
    "min": (min, None),
    "max": (max, None),
    "diff": (lambda xs: xs[0] - xs[1], (2,)),
    "pct": (lambda xs: _div(xs[0], xs[1]) * 100, (2,)),
    "growth": (lambda xs: _div(xs[0] - xs[1], xs[1]) * 100, (2,)),
    "round": (lambda xs: _round(*xs), (1, 2)),
}
_ALIASES = {"合计": "sum", "求和": "sum", "average": "avg", "mean": "avg", "平均": "avg", "平均值": "avg",
            "最小": "min", "最小值": "min", "最大": "max", "最大值": "max", "差": "diff", "差值": "diff",
            "百分比": "pct", "占比": "pct", "share": "pct", "增长率": "growth", "四舍五入": "round"}
_BINARY = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: _div, ast.Pow: _pow}
_UNARY = {ast.UAdd: operator.pos, ast.USub: operator.neg}
_OPERATOR_SYMBOLS = {ast.Mod: "%", ast.FloorDiv: "//", ast.MatMult: "@", ast.BitAnd: "&", ast.BitOr: "|",
                     ast.BitXor: "^（乘方请用 **）", ast.LShift: "<<", ast.RShift: ">>", ast.Not: "not", ast.Invert: "~"}
_SYNTAX_NAMES = {ast.Attribute: "属性访问", ast.Subscript: "下标访问", ast.Compare: "比较运算", ast.BoolOp: "逻辑运算",
                 ast.Lambda: "lambda 表达式", ast.IfExp: "条件表达式", ast.ListComp: "推导式", ast.SetComp: "推导式",
                 ast.DictComp: "推导式", ast.GeneratorExp: "推导式", ast.Dict: "字典", ast.Set: "集合",
                 ast.JoinedStr: "字符串", ast.NamedExpr: "赋值表达式", ast.Starred: "星号展开"}


def _call(node: ast.Call, source: str) -> Decimal:
    if not isinstance(node.func, ast.Name):
        what = _SYNTAX_NAMES.get(type(node.func), "只能调用 sum、avg、min、max、diff、pct、growth、round")
        raise CalculatorError(f"不支持的函数调用（{what}）")
    name = node.func.id
    key = _ALIASES.get(name.lower(), name.lower())
    if key not in _FUNCTIONS:
        raise CalculatorError(f"不支持的函数：{name}")
    if node.keywords:
        raise CalculatorError(f"不支持关键字参数：{name}")
    args = node.args
    if len(args) == 1 and isinstance(args[0], (ast.List, ast.Tuple)):
        args = args[0].elts
    if len(args) > MAX_ITEMS:
        raise CalculatorError(f"数字过多：一次最多 {MAX_ITEMS} 个")
    function, counts = _FUNCTIONS[key]
    if not args or (counts and len(args) not in counts):
        wanted = "至少 1" if counts is None else " 或 ".join(map(str, counts))
        raise CalculatorError(f"函数 {name} 需要 {wanted} 个参数，实际 {len(args)} 个")
    return function([_evaluate(arg, source) for arg in args])


def _segment(source: str, node: ast.AST) -> str:
    """The source text of a node. Column offsets count UTF-8 bytes; slicing the encoded line directly avoids
    ``ast.get_source_segment`` re-splitting the whole source for every number (quadratic on long sums)."""
    if "\n" in source or node.lineno != node.end_lineno:
        return ast.get_source_segment(source, node)
    return source.encode("utf-8")[node.col_offset:node.end_col_offset].decode("utf-8")


def _evaluate(node: ast.AST, source: str) -> Decimal:
    if isinstance(node, ast.Constant):
        if isinstance(node.value, (str, bytes)):
            raise CalculatorError("不支持字符串")
        if isinstance(node.value, bool) or node.value is None:
            raise CalculatorError(f"不支持的名称：{node.value}")
        if isinstance(node.value, int):
            return _CONTEXT.create_decimal(node.value)
        if isinstance(node.value, float):  # exact: from the literal's source text, never via the float
            return _CONTEXT.create_decimal(_segment(source, node).replace("_", ""))
        raise CalculatorError(f"不支持的常量：{ast.get_source_segment(source, node)}")
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        return _BINARY[type(node.op)](_evaluate(node.left, source), _evaluate(node.right, source))
    if isinstance(node, ast.UnaryOp) and type(node.op) in _UNARY:
        return _UNARY[type(node.op)](_evaluate(node.operand, source))
    if isinstance(node, (ast.BinOp, ast.UnaryOp)):
        raise CalculatorError(f"不支持的运算符：{_OPERATOR_SYMBOLS.get(type(node.op), type(node.op).__name__)}")
    if isinstance(node, ast.Call):
        return _call(node, source)
    if isinstance(node, ast.Name):
        raise CalculatorError(f"不支持的名称：{node.id}（只能使用数字和计算器函数）")
    if isinstance(node, (ast.List, ast.Tuple)):
        raise CalculatorError("列表只能作为函数的唯一参数，例如 sum([1, 2, 3])")
    raise CalculatorError(f"不支持的语法：{_SYNTAX_NAMES.get(type(node), type(node).__name__)}")


def calculate(expression: str) -> Calculation:
    """计算器：精确计算算术表达式（十进制运算，没有浮点误差），返回结果。

    支持数字（可带千位分隔符如 1,203.85，百分号如 50% 即 0.5）、+ - * /、** （整数指数）、括号，以及函数：
    sum/合计(a, b, ...)、avg/平均(...)、min/最小(...)、max/最大(...)、diff/差(a, b) = a - b、
    pct/占比(部分, 整体) = 部分 / 整体 * 100、growth/增长率(新值, 旧值) = (新值 - 旧值) / 旧值 * 100、
    round(x, n) 四舍五入到 n 位小数。函数也接受一个列表，如 sum([1, 2, 3])。
    注意：函数参数请用“逗号加空格”分隔，如 sum(1, 234)；紧挨着的 1,234 会被当作千位分隔的 1234。
    例：3154.72 - 1203.85、growth(139.87, 85.30)、pct(3, 4)。
    """
    if len(expression) > MAX_LENGTH:
        raise CalculatorError(f"表达式过长：最多 {MAX_LENGTH} 个字符")
    source = _normalize(expression)
    if not source:
        raise CalculatorError("表达式为空")
    try:
        tree = ast.parse(source, mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        raise CalculatorError(f"无法解析表达式：{expression}") from None
    try:
        with localcontext(_CONTEXT):
            value = +_evaluate(tree.body, source)
    except DivisionByZero:
        raise CalculatorError("除数为零，无法计算") from None
    except Overflow:
        raise CalculatorError("计算结果过大，不是有限数值") from None
    except InvalidOperation:
        raise CalculatorError("计算结果无效，不是有限数值") from None
    except RecursionError:
        raise CalculatorError("表达式嵌套过深") from None
    if not value.is_finite():
        raise CalculatorError("计算结果不是有限数值")
    return Calculation(expression, value)


def _sum_in_groups(values: list[str]) -> list[str]:
    """Partial sums of ``values``, each group one ``sum(...)`` expression short enough for the calculator."""
    parts: list[str] = []
    group: list[str] = []
    for v in values:
        if group and len(", ".join(group + [v])) > MAX_LENGTH - 10:
            parts.append(calculate(f"sum({', '.join(group)})").text_exact)
            group = []
        group.append(v)
    parts.append(calculate(f"sum({', '.join(group)})").text_exact)
    return parts


def total(values: list[str], op: str = "sum") -> Calculation:
    """Sum or average any number of figures through the calculator, in expressions short enough to accept.

    Figures are summed in groups (each group one ``sum(...)`` expression), then the partial sums are summed;
    ``avg`` divides the total by the count. The returned expression describes the whole computation.
    """
    if not values:
        raise CalculatorError("没有可计算的数值")
    if op not in ("sum", "avg"):
        raise CalculatorError(f"不支持的汇总方式：{op}")
    parts = _sum_in_groups(values)
    while len(parts) > 1:
        parts = _sum_in_groups(parts)
    whole = parts[0]
    shown = f"{op}({', '.join(values)})" if len(values) <= 12 else f"{op}({len(values)}个数)"
    if op == "avg":
        return Calculation(shown, calculate(f"{whole} / {len(values)}").value)
    return Calculation(shown, calculate(whole).value)


def total_exact(values: list[Decimal], op: str = "sum") -> Calculation:
    """Sum or average many exact decimals at once (thousands of cited figures): the same exact arithmetic as
    ``total``, without parsing an expression for each figure."""
    if not values:
        raise CalculatorError("没有可计算的数值")
    if op not in ("sum", "avg"):
        raise CalculatorError(f"不支持的汇总方式：{op}")
    with localcontext(_CONTEXT):
        whole = sum(values, Decimal(0))
        value = whole / len(values) if op == "avg" else whole
    shown = f"{op}({', '.join(format(v, 'f') for v in values)})" if len(values) <= 12 else f"{op}({len(values)}个数)"
    return Calculation(shown, value)


def difference(a, b) -> Decimal:
    """a − b, exactly, for figures read from records (floats printed with at most a few decimals)."""
    with localcontext(_CONTEXT):
        return Decimal(str(a)) - Decimal(str(b))
