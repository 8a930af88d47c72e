"""Parsing: literal rows and forms from the seed, covering the layout drift and extraction noise."""
from collections import Counter

import pytest

from conftest import SEED, make_form
from index.audit import audit
from index.parse import parse_file, parse_text

SEED_TEXT = SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed():
    return parse_file(SEED)


def one_row(*rows):
    """Parse a form whose indicator table is ``rows``; return its indicators as tuples."""
    result = parse_text(make_form(rows=list(rows)), "t.txt")
    assert result.problems == []
    return [(i.level1, i.level2, i.name, i.target.raw, i.actual.raw, i.weight, i.score, i.reason)
            for i in result.projects[0].indicators]


@pytest.mark.parametrize(
    "rows, expected",
    [
        # all three levels given
        (["产出指标\t数量指标\t消防疏散逃生演练次数\t\t≥2.00(次)\t2.00(次)\t7.00\t7.00\t"],
         ("产出指标", "数量指标", "消防疏散逃生演练次数", "≥2.00(次)", "2.00(次)", 7.0, 7.0, "")),
        # 一级 and 二级 left blank below the first row of their group: filled down
        (["产出指标\t数量指标\t消防疏散逃生演练次数\t\t≥2.00(次)\t2.00(次)\t7.00\t7.00\t",
          "\t\t消防活动覆盖面\t\t=100.00(%)\t100.00(%)\t7.00\t7.00\t"],
         ("产出指标", "数量指标", "消防活动覆盖面", "=100.00(%)", "100.00(%)", 7.0, 7.0, "")),
        # the 一级 label shifted one column right, and a reason cell
        (["\t效益指标\t社会效益指标\t民众消防安全意识\t\t提高\t达成指标\t6.00\t6.00"],
         ("效益指标", "社会效益指标", "民众消防安全意识", "提高", "达成指标", 6.0, 6.0, "")),
        # a row that starts with the 三级 label
        (["\t效益指标\t社会效益指标\t民众消防安全意识\t\t提高\t达成指标\t6.00\t6.00",
          "消防自救意识提升情况\t\t\t提升\t达成指标\t6.00\t6.00\t\t"],
         ("效益指标", "社会效益指标", "消防自救意识提升情况", "提升", "达成指标", 6.0, 6.0, "")),
        # a row that starts with the 二级 label
        (["\t效益指标\t社会效益指标\t民众消防安全意识\t\t提高\t达成指标\t6.00\t6.00",
          "生态效益指标\t\t火灾事故的发生情况\t\t减少\t部分达成指标并具有一定效果\t6.00\t4.00\t个别小区火灾率有所增加，后期加强巡视巡查。"],
         ("效益指标", "生态效益指标", "火灾事故的发生情况", "减少", "部分达成指标并具有一定效果", 6.0, 4.0,
          "个别小区火灾率有所增加，后期加强巡视巡查。")),
        # a 二级 label without its 一级 label: the 一级 follows from the 二级
        (["产出指标\t数量指标\t培训场次\t\t≥2.00(场)\t2.00(场)\t30.00\t30.00\t",
          "\t服务对象满意度指标\t居民满意度\t\t≥85.00(%)\t85.00(%)\t10.00\t10.00\t"],
         ("满意度指标", "服务对象满意度指标", "居民满意度", "≥85.00(%)", "85.00(%)", 10.0, 10.0, "")),
        # numbers broken by spaces, and a 三级 name that repeats a level label
        (["满意度指标\t服务对象满意度指标\t服务对象满意度指标\t\t≥90. 00 (%)\t85. 00 (%)\t10. 00\t9. 00\t老年人操作需要引导， 后续加强宣传管理。"],
         ("满意度指标", "服务对象满意度指标", "服务对象满意度指标", "≥90.00(%)", "85.00(%)", 10.0, 9.0,
          "老年人操作需要引导， 后续加强宣传管理。")),
        # 百分号 and a target without an operator
        (["产出指标\t数量指标\t专职消防救援队第三方消防人员工作完成率\t\t=100.00(百分号)\t100.00(百分号)\t17.00\t17.00\t"],
         ("产出指标", "数量指标", "专职消防救援队第三方消防人员工作完成率", "=100.00(百分号)", "100.00(百分号)", 17.0, 17.0, "")),
        (["效益指标\t社会效益指标\t有害生物致疾病传播事件\t\t0起\t达成指标\t10.00\t10.00\t"],
         ("效益指标", "社会效益指标", "有害生物致疾病传播事件", "0起", "达成指标", 10.0, 10.0, "")),
        # rule cells between cells
        (["------\t产出指标\t数量指标\t------\t培训场次\t\t≥2.00(场)\t2.00(场)\t30.00\t30.00"],
         ("产出指标", "数量指标", "培训场次", "≥2.00(场)", "2.00(场)", 30.0, 30.0, "")),
    ],
)
def test_indicator_rows(rows, expected):
    assert one_row(*rows)[-1] == expected


def test_seed_parses_completely(seed):
    assert len(seed.projects) == 104
    assert sum(len(p.indicators) for p in seed.projects) == 1178
    assert seed.problems == []
    assert Counter(p.grade for p in seed.projects) == {"优": 100, "良": 4}
    assert {p.year for p in seed.projects} == {2023}
    assert all(len(p.funds) == 4 and p.goal and p.achieved for p in seed.projects)


def test_seed_passes_every_arithmetic_check(seed):
    errors = [f for f in audit(seed.projects) if f.severity == "error"]
    assert errors == []


def test_first_form_exact(seed):
    p = seed.projects[0]
    assert (p.name, p.department, p.unit, p.year, p.file, p.line, p.end_line) == (
        "安全办-消防安全专项经费", "上海市普陀区桃浦镇人民政府", "桃浦镇平安建设办公室", 2023,
        "000_ce9e36a26cba1e6e.txt", 5, 33)
    total = p.funds["total"]
    assert (total.initial_budget, total.annual_budget, total.executed, total.weight, total.rate, total.score,
            total.line) == (85.3, 139.87, 139.87, 10.0, 100.0, 10.0, 11)
    other = p.funds["appropriation"]
    assert (other.weight, other.score) == (None, None)
    assert p.goal == "保障城市运行安全，确保区域安全形势平稳有序"
    assert p.achieved.startswith("2023年根据计划安排为居民小区更新补充消防器材")
    assert (p.total_weight, p.total_score, p.grade) == (100.0, 98.0, "优")
    assert len(p.indicators) == 14
    last = p.indicators[-1]
    assert (last.level1, last.level2, last.name, last.target.value, last.actual.value, last.met, last.line) == (
        "满意度指标", "服务对象满意度指标", "居民满意度", 85.0, 85.0, True, 31)
    fire = p.indicators[10]
    assert (fire.name, fire.met, fire.deducted, fire.reason) == (
        "火灾事故的发生情况", False, True, "个别小区火灾率有所增加，后期加强巡视巡查。")


def by_name(seed, name):
    return next(p for p in seed.projects if p.name == name)


def test_markdown_title(seed):
    p = by_name(seed, "财政所-公共安全专项经费")
    assert SEED_TEXT.splitlines()[p.line - 1] == "### 财政项目支出绩效自评表"
    assert p.year == 2023


def test_lost_title(seed):
    # This form has no title line: it starts at its 「(2023年度)」 line.
    p = by_name(seed, "财政所-服务经济专项经费")
    assert (p.line, p.year) == (95, 2023)
    assert SEED_TEXT.splitlines()[p.line - 1] == "(2023年度)"


def test_stray_lines_between_forms(seed):
    # Lines 407-409 hold a stray 「(2023年度)」 and 「优」 between two forms.
    before = next(p for p in seed.projects if p.end_line == 403)
    after = next(p for p in seed.projects if p.line == 411)
    assert (before.grade, after.year, after.name) == ("优", 2023, "党群中心-社区管理专项经费")


def fund_at(seed, line):
    return next(f for p in seed.projects for f in p.funds.values() if f.line == line)


@pytest.mark.parametrize(
    "line, initial, annual, executed, weight, rate, score",
    [
        (206, 30000.0, 28665.87, 28665.87, 10.0, 100.0, 10.0),  # thousands separators
        (181, 4000.0, 4000.0, 4000.0, None, 100.0, None),  # full-width dash 「－」 for an empty cell
        (312, 85.99, 80.31, 80.31, None, 100.0, None),  # em dash 「—」 for an empty cell
        (1113, 142.81, 142.8, 142.8, 10.0, 100.0, 10.0),  # numbers broken by spaces: 「142. 81」
    ],
)
def test_funding_cells(seed, line, initial, annual, executed, weight, rate, score):
    f = fund_at(seed, line)
    assert (f.initial_budget, f.annual_budget, f.executed, f.weight, f.rate, f.score) == (
        initial, annual, executed, weight, rate, score)


def test_full_width_year_parentheses(seed):
    p = by_name(seed, "社发办-片区专项经费")
    assert (p.year, p.line, p.grade) == (2023, 2117, "良")


def test_rule_rows_between_cells(seed):
    # This form separates cells with "------" rule rows.
    p = by_name(seed, "宣传科-全国文明城区创建专项经费")
    assert p.unit
    assert p.funds["total"].annual_budget == 659.46
    assert (p.total_score, p.grade) == (94.0, "优")


def test_reason_with_department_word_is_not_a_header(seed):
    # The reason cell mentions 「区主管部门」; the row must stay an indicator.
    p = by_name(seed, "社发办-献血补助专项经费")
    names = [i.name for i in p.indicators]
    assert "保质保量完成献血任务，确保医疗临床用血" in names
    assert len(p.indicators) == 7


def test_status_counts(seed):
    statuses = Counter(i.actual.status for p in seed.projects for i in p.indicators)
    assert statuses["达成指标"] == 465
    assert statuses["部分达成指标并具有一定效果"] == 168
    assert statuses["未达成指标且效果较差"] == 6


def test_blank_funding_cell_keeps_its_place():
    text = make_form().replace("\t\t上年结转资金\t0.00\t0.00\t0.00\t-\t0.00\t-", "\t\t上年结转资金\t0.00\t0.00\t0.00\t\t0.00\t")
    result = parse_text(text, "t.txt")
    assert result.problems == []
    f = result.projects[0].funds["carryover"]
    assert (f.initial_budget, f.annual_budget, f.executed, f.weight, f.rate, f.score) == (0.0, 0.0, 0.0, None, 0.0, None)


def test_header_and_title_repeated_at_a_page_break_are_skipped():
    rows = ["产出指标\t数量指标\t培训场次\t\t≥2.00(场)\t2.00(场)\t30.00\t30.00\t",
            "财政项目支出绩效自评表 (2023年度)",
            "一级指标\t二级指标\t三级指标\t\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施",
            "\t时效指标\t培训及时性\t\t及时\t达成指标\t20.00\t20.00\t",
            "效益指标\t社会效益指标\t居民知晓率\t\t≥90.00(%)\t95.00(%)\t30.00\t30.00\t",
            "满意度指标\t服务对象满意度指标\t居民满意度\t\t≥90.00(%)\t85.00(%)\t10.00\t8.00\t部分居民不满意。"]
    result = parse_text(make_form(rows=rows), "t.txt")
    assert result.problems == []
    p = result.projects[0]
    assert [i.name for i in p.indicators] == ["培训场次", "培训及时性", "居民知晓率", "居民满意度"]
    assert p.indicators[0].reason == "" and p.indicators[-1].reason == "部分居民不满意。"


def test_year_line_far_above_the_form():
    text = make_form().replace("(2023年度)\n", "(2023年度)\n" + "\n" * 12, 1)
    assert parse_text(text, "t.txt").projects[0].year == 2023


def test_current_level1_said_again_keeps_its_level2():
    # A PDF printer repeats a merged 一级 label on its own line after a page break.
    rows = ["产出指标\t数量指标\t培训场次\t\t≥2.00(场)\t2.00(场)\t30.00\t30.00\t",
            "产出指标",
            "\t\t培训人次\t\t≥20(人)\t25(人)\t20.00\t20.00\t",
            "效益指标\t社会效益指标\t居民知晓率\t\t≥90.00(%)\t95.00(%)\t30.00\t30.00\t",
            "满意度指标\t服务对象满意度指标\t居民满意度\t\t≥90.00(%)\t85.00(%)\t10.00\t8.00\t部分居民不满意。"]
    result = parse_text(make_form(rows=rows), "t.txt")
    assert result.problems == []
    assert [(i.level1, i.level2, i.name) for i in result.projects[0].indicators[:2]] == [
        ("产出指标", "数量指标", "培训场次"), ("产出指标", "数量指标", "培训人次")]
