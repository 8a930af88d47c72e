"""End-to-end answers without an LLM: complete lists, exact figures, citations, follow-ups, honest refusals."""
import json
import os
import subprocess
import sys

import pytest

from assistant.answer import Citation
from assistant.evaluate import projects_in
from assistant.service import Session
from conftest import ROOT

SAT_MISSED = {
    "党政办-固定资产采购与管理专项经费", "党群中心-党群服务中心专项经费", "党群中心-居委会选举专项经费", "党群中心-社区管理专项经费",
    "党群中心—居民区党群服务站门头规范化建设专项经费", "受理中心-受理服务专项经费", "司法所-司法行政经费", "团委-群团改革专项经费",
    "城运中心-应用场景项目", "城运中心-案件发现及处置费", "城运中心-运营经费", "妇联-妇女儿童专项经费", "安全办-消防实事项目经费",
    "宣传科-全国文明城区创建专项经费", "宣传科-宣传思想专项经费", "宣传科-政协委员活动专项经费", "宣传科-精神文明建设专项经费",
    "工会-工会工作专项经费", "平安办-人口服务管理经费", "平安办-平安创建及应急维稳经费", "平安办-社区智能安防经费",
    "平安办-综合整治工作经费", "社发办-体育、健身专项经费", "社发办-各类帮困补助专项经费", "社发办-外环线安置人员专项经费",
    "社发办-就业援助成本补贴", "社发办-村公司养老人员补贴经费", "社发办-残疾人1：1匹配专项经费", "社发办-民间组织孵化基地专项经费",
    "社发办-片区专项经费", "社发办-社区卫生医疗专项经费", "社发办-社区四保公益性服务补贴专项经费", "社发办-科普活动专项经费",
    "社发办-红十字会专项经费", "社发办-镇办企业职工养老金经费", "社建办-社区管理专项经费", "经发办-数字化营商服务专项经费",
    "经发办-第五次经济普查专项经费", "规建办-业委会专项经费", "规建办-东部智能化项目专项经费", "规建办-东部片区改造专项经费",
    "规建办-南部智能化项目专项经费", "规建办-垃圾分类专项经费", "规建办-城市建设管理运行专项经费", "规建办-城市面貌推广宣传专项经费",
    "规建办-小区综合改造专项经费", "规建办-房管办专项经费", "规建办-桃浦村专项经费", "规建办-河（林）长制专项经费",
    "规建办-爱国卫生专项经费", "规建办-环卫保洁公司购买服务专项经费", "规建办-社区便民巴士补贴", "规建办-社区微更新专项经费",
    "规建办-绿化养护服务专项经费", "规建办-防台防汛专项经费", "财政所-公共安全专项经费", "财政所-即知即改专项经费",
    "财政所-财政管理专项经费",
}


def named(assistant, text):
    return projects_in(text, list(assistant.vocab.projects))


@pytest.mark.parametrize("question", ["哪些项目满意度未达标", "满意度没达到目标的项目有哪些？"])
def test_complete_list_with_counts_and_citations(assistant, question):
    a = assistant.ask(question)
    assert a.text.startswith("共检索104个项目，58个项目的满意度指标未达到年度指标值：")
    assert named(assistant, a.text) == SAT_MISSED
    assert ("| 安全办-消防实事项目经费 | 服务对象满意度指标·居民满意度 | ≥80.00(%) | 75.00(%) | 10 | 8 | "
            "[1] 000_ce9e36a26cba1e6e.txt:58 |") in a.text
    assert {c.project for c in a.citations} == SAT_MISSED
    assert a.citations[0] == Citation("安全办-消防实事项目经费", "000_ce9e36a26cba1e6e.txt", 58)


@pytest.mark.parametrize("question, expected", [
    ("党群中心哪些项目满意度未达标？", {"党群中心-党群服务中心专项经费", "党群中心-居委会选举专项经费", "党群中心-社区管理专项经费",
                                  "党群中心—居民区党群服务站门头规范化建设专项经费"}),
    ("评分等级不是优的项目", {"社发办-片区专项经费", "社发办-献血补助专项经费", "社发办-社区卫生医疗专项经费",
                        "社发办-社区服务中心专项经费"}),
    ("总分低于90分的项目", {"社发办-片区专项经费", "社发办-献血补助专项经费", "社发办-社区卫生医疗专项经费",
                       "社发办-社区服务中心专项经费"}),
    ("宣传科有哪些项目", {"宣传科-全国文明城区创建专项经费", "宣传科-宣传思想专项经费", "宣传科-政协委员活动专项经费",
                     "宣传科-精神文明建设专项经费"}),
    ("全年执行数少于10万元的项目", {"党政办-保密专项经费", "党政办-城市发展研究专项经费", "党群中心-居委会选举专项经费",
                            "宣传科-政协委员活动专项经费", "平安办-人口服务管理经费", "社发办-科普活动专项经费", "经发办-审计专项经费"}),
    ("全年预算数最大的项目是哪个", {"财政所-中小企业扶持专项经费"}),
    ("执行数超过10000万元的项目", {"财政所-中小企业扶持专项经费", "财政所-服务经济专项经费"}),
    # a condition on the amount of an increase, not only its direction
    ("全年预算比年初预算增加超过1000万元的项目", {"财政所-服务经济专项经费", "规建办-小区综合改造专项经费"}),
    # a numeric threshold on indicator actual values
    ("满意度实际低于75%的项目", {"城运中心-应用场景项目", "党政办-固定资产采购与管理专项经费", "社发办-各类帮困补助专项经费",
                          "社发办-就业援助成本补贴", "社发办-社区四保公益性服务补贴专项经费"}),
    # a category with its own predicate
    ("生态效益指标得分不满分的项目", {"安全办-消防安全专项经费", "宣传科-全国文明城区创建专项经费", "宣传科-宣传思想专项经费",
                             "经发办-协税办日常专项经费", "规建办-东部智能化项目专项经费", "规建办-东部片区改造专项经费",
                             "规建办-南部智能化项目专项经费", "规建办-城市面貌推广宣传专项经费", "规建办-小区综合改造专项经费",
                             "规建办-桃浦西路养老院专项经费", "规建办-环卫保洁公司购买服务专项经费"}),
    ("名称里带“消防”的项目", {"安全办-消防安全专项经费", "安全办-消防实事项目经费", "党政办-桃浦镇专职消防站办公场所装修专项经费",
                         "平安办-桃浦镇专职消防救援队专项经费"}),
    ("良的项目有哪几个", {"社发办-片区专项经费", "社发办-献血补助专项经费", "社发办-社区卫生医疗专项经费", "社发办-社区服务中心专项经费"}),
])
def test_sets(assistant, question, expected):
    assert named(assistant, assistant.ask(question).text) == expected


def test_ratio_condition_names_zero_base_projects(assistant):
    a = assistant.ask("全年预算比年初预算增加一倍以上的项目")
    assert a.text.startswith("共检索104个项目，10个项目全年预算数不低于年初预算数的2倍：")
    assert "| 党群中心—居民区党群服务站门头规范化建设专项经费 | 0.00 | 55.04 | 96 | 优 | [3] 000_ce9e36a26cba1e6e.txt:368 |" in a.text
    assert a.text.endswith("其中 6 个项目的年初预算数为 0，无法计算倍数；其全年预算数大于 0，按条件成立计入。")


@pytest.mark.parametrize("question, number", [
    ("经发办有几个项目", "**6**"),
    ("总分为满分100分的项目有几个", "**0**"),
    ("有多少条指标的完成情况是“达成指标”", "**465**"),
    ("时效指标扣分的指标有多少条", "**36**"),
    ("有扣分指标的项目有几个", "**104**"),
])
def test_counts(assistant, question, number):
    assert number in assistant.ask(question).text.split("\n\n")[0]


@pytest.mark.parametrize("question, expected", [
    ("消防实事项目经费的全年预算数是多少",
     "安全办-消防实事项目经费的全年预算数为 **27.86 万元**（来源[1]：000_ce9e36a26cba1e6e.txt 第41行）。"),
    ("科技企业扶持专项经费总分",
     "财政所-科技企业扶持专项经费的总分为 **96 分**，评分等级为「优」（来源[1]：000_ce9e36a26cba1e6e.txt 第197行）。"),
    ("武装专项经费完成年度战备训练多少人次",
     "武装部-武装专项经费的指标「完成年度战备训练人次」：年度指标值 ≥2500.00(人次)，实际完成值 **2800.00(人次)**，分值 8，"
     "得分 8，已达到年度指标值（来源[1]：000_ce9e36a26cba1e6e.txt 第2522行）。"),
    ("小区综合改造专项经费全年预算比年初预算增加了多少万元",
     "规建办-小区综合改造专项经费全年预算数 3154.72 万元，年初预算数 1203.85 万元，增加了 **1950.87 万元**"
     "（计算：3154.72 - 1203.85；来源[1]：000_ce9e36a26cba1e6e.txt 第1243行）。"),
    ("执行数超过100000万元的项目", "共检索104个项目，没有全年执行数高于100000万元的项目。"),
])
def test_exact_answers(assistant, question, expected):
    assert assistant.ask(question).text == expected


def test_total_is_computed_by_the_calculator_from_all_rows(assistant):
    a = assistant.ask("社发办所有项目全年执行数合计")
    assert a.text.startswith("社发办项目共 **23** 个，全年执行数合计 **3807.15** 万元（计算：下表 23 个项目的全年执行数相加）。")
    assert len(a.rows) == 23 and len(a.citations) == 23


def test_grouped_figures_per_office(assistant):
    a = assistant.ask("各科室分别有几个项目、执行数合计多少")
    assert a.text.startswith("共检索104个项目，按科室统计（25 组）：")
    assert "| 社发办 | 23 | 3807.15 | [1]–[23] |" in a.text
    assert "| 财政所 | 6 | 50945.08 | [66]–[71] |" in a.text
    assert [r["group"] for r in a.rows][:3] == ["社发办", "规建办", "党政办"]


def test_two_offices_compared_side_by_side(assistant):
    a = assistant.ask("党政办和规建办哪个平均分高")
    assert a.text.startswith("平均总分更高的是 **党政办**。")
    assert "| 党政办 | 11 | 92.91 | [1]–[11] |" in a.text and "| 规建办 | 19 | 91.89 | [12]–[30] |" in a.text


def test_difference_of_two_projects(assistant):
    a = assistant.ask("应急专项经费比社区微更新专项经费多执行了多少")
    assert a.text.startswith("党政办-应急专项经费的全年执行数比规建办-社区微更新专项经费少 **222.03** 万元（计算：70.55 - 292.58）。")


def test_ties_are_all_named(assistant):
    a = assistant.ask("社发办总分最高的项目")
    assert a.text.startswith("共检索23个项目，社发办项目中，总分最高的有 2 个并列，均为 96分：**社发办-精神病防治专项经费**、"
                             "**社发办-社区学校专项经费**。")
    a = assistant.ask("总分第二名")
    assert named(assistant, a.text) == {"安全办-消防安全专项经费", "安全办-消防实事项目经费", "党群中心-居委会选举专项经费",
                                         "平安办-基层综治及国家安全经费"}


def test_reason_answer(assistant):
    a = assistant.ask("即知即改专项经费长效管理制度建设为什么扣分")
    assert "「长效管理制度建设」：年度指标值 完善，实际完成值 部分达成指标并具有一定效果，分值 8，得分 5" in a.text
    assert "该项目长效管理制度有待加强，后续将进一步完善制度措施。" in a.text
    assert [(c.project, c.line) for c in a.citations] == [("财政所-即知即改专项经费", 169)]


def test_follow_up_in_a_session(assistant):
    s = Session()
    assistant.ask("消防实事项目经费的全年预算数是多少", s)
    a = assistant.ask("那它的总分呢？", s)
    assert a.text.startswith("安全办-消防实事项目经费的总分为 **98 分**")
    assistant.ask("哪些项目满意度未达标", s)
    b = assistant.ask("其中社发办的呢？", s)
    assert b.text.startswith("共检索上一问结果中的社发办13个项目，13个项目的满意度指标未达到年度指标值：")
    assistant.ask("宣传科有哪些项目", s)
    c = assistant.ask("它们的总分呢", s)
    assert named(assistant, c.text) == {"宣传科-全国文明城区创建专项经费", "宣传科-宣传思想专项经费", "宣传科-政协委员活动专项经费",
                                         "宣传科-精神文明建设专项经费"}
    assert "| 总分 |" in c.text.splitlines()[2]
    d = assistant.ask("其中总分低于95分的呢", s)
    assert named(assistant, d.text) <= named(assistant, c.text)


def test_session_reset_forgets_the_context(assistant):
    s = Session()
    assistant.ask("消防实事项目经费的全年预算数是多少", s)
    s.reset()
    assert assistant.ask("那它的总分呢？", s).refused


def test_ambiguous_mention_asks_which(assistant):
    a = assistant.ask("片区的全年预算是多少")
    assert a.kind == "clarify"
    assert a.text.startswith("「片区」可能指以下 3 个项目，请问是哪一个？")
    assert "1. 社发办-片区专项经费" in a.text


@pytest.mark.parametrize("question, start", [
    ("长征镇有哪些项目满意度未达标", "库中只有上海市普陀区桃浦镇2023年度的自评表，没有「长征镇」的记录"),
    ("2022年的全年预算合计是多少", "库中只有上海市普陀区桃浦镇2023年度的自评表，没有「2022」的数据"),
    ("社发办的负责人是谁", "财政项目支出绩效自评表中没有记录「负责人」"),
    ("今天有什么好吃的", "我不确定「今天」「好吃」指什么"),
])
def test_refusals_state_no_figures(assistant, question, start):
    a = assistant.ask(question)
    assert a.refused and a.text.startswith(start)
    assert not a.citations and not a.rows


def test_form_text_is_escaped(assistant):
    from assistant.prompts import escape_md

    assert escape_md("![x](http://evil/a.png) | <b>") == "!［x］(http://evil/a.png) ｜ ＜b＞"


def test_ask_cli_json(seeded):
    env = dict(os.environ, JX_HOME=str(seeded.home), JX_REPORTS=str(seeded.reports))
    out = subprocess.run([sys.executable, "-m", "assistant", "ask", "科技企业扶持专项经费总分", "--json"], cwd=ROOT,
                         env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert list(data) == ["answer", "kind", "citations", "rows", "tools", "notices"]
    assert data["citations"] == [{"project": "财政所-科技企业扶持专项经费", "file": "000_ce9e36a26cba1e6e.txt", "line": 197}]
    assert data["rows"][0]["total_score"] == 96.0 and data["kind"] == "value"


def test_same_project_name_in_two_towns(seeded):
    """A second town's file with a project of the same name: the town or year tells them apart."""
    from assistant.service import Assistant
    from conftest import make_form
    from index.build import build

    other = make_form(name="安全办-消防实事项目经费", budget="50.00").replace(
        "上海市普陀区桃浦镇人民政府", "上海市普陀区真如镇人民政府").replace("(2023年度)", "(2024年度)")
    (seeded.reports / "zhenru_2024.txt").write_text(other, encoding="utf-8")
    build(seeded)
    a = Assistant(seeded)
    ask = a.ask("消防实事项目经费的全年预算数是多少")
    assert ask.kind == "clarify" and ask.text.startswith("库中有 2 张名为「安全办-消防实事项目经费」的自评表")
    assert "上海市普陀区真如镇人民政府，2024年度，zhenru_2024.txt" in ask.text
    assert a.ask("真如镇的消防实事项目经费的全年预算数是多少").text.startswith(
        "安全办-消防实事项目经费的全年预算数为 **50.00 万元**（来源[1]：zhenru_2024.txt 第")
    assert a.ask("2023年消防实事项目经费的全年预算数是多少").text.startswith(
        "安全办-消防实事项目经费的全年预算数为 **27.86 万元**（来源[1]：000_ce9e36a26cba1e6e.txt 第41行）")
    assert a.ask("桃浦镇消防实事项目经费为什么扣分").citations[0].line == 58
    assert a.check("桃浦镇消防实事项目经费全年预算数27.86万元").verdict == "正确"
    # a town the store does not hold is still refused
    assert a.ask("长征镇消防实事项目经费的全年预算数是多少").refused


def test_success_of_a_category_holds_for_every_row(assistant):
    """「满意度达标」 needs every 满意度 row met; 「满意度未达标」 one row not met; together they cover the projects."""
    met = assistant.ask("满意度达标的项目有几个").text
    missed = assistant.ask("满意度未达标的项目有几个").text
    assert met.startswith("共检索104个项目，满意度指标达到年度指标值的项目共 **45** 个。")
    assert missed.startswith("共检索104个项目，满意度指标未达到年度指标值的项目共 **58** 个。")
    assert assistant.ask("没有扣分的项目").text == "共检索104个项目，没有指标全部未扣分的项目。"
    # 固定资产采购与管理: 工作人员满意度 met, 受益群众满意度 not — not 「满意度达标」, but 「满意度未达标」
    assert [c.verdict for c in assistant.check("固定资产采购与管理专项经费满意度达标").claims] == ["错误"]
    assert [c.verdict for c in assistant.check("固定资产采购与管理专项经费满意度未达标").claims] == ["正确"]


def test_offices_compared_by_their_number_of_projects(assistant):
    a = assistant.ask("宣传科和组织科哪个项目多")
    assert a.text.startswith("项目数更多的是 **宣传科**。")
    assert "| 宣传科 | 4 | [1]–[4] |" in a.text and "平均总分" not in a.text


# -- readings found by the held-out bank (each was a confident answer to another question before) -------------------

@pytest.mark.parametrize("question, first_line", [
    # a bare 0分 after 得了 is the score, not the 分值 named after it
    ("得了0分的指标有哪些（分值不为0的）", "共检索104个项目，得分为0分、分值不为0分共 **4** 条，涉及 4 个项目："),
    # categories named with 各/分别: one group each, not their union
    ("时效指标和质量指标各有多少条扣分", "共检索104个项目，二级指标为时效指标或质量指标、有扣分，按二级指标统计（2 组）："),
    ("满意度一级指标下一共有多少条三级指标", "共检索104个项目，满意度指标的指标共 **127** 条（涉及 103 个项目）。"),
    # the whole of a share is another figure's total
    ("财政所六个项目全年执行合计，占财政所年初预算合计的百分之多少？",
     "财政所项目共 **6** 个，全年执行数占财政所年初预算数合计的 **119.69%**（计算：pct(50945.08, 42565)）。"),
    ("规建办19个项目平均每个项目执行多少万元？",
     "规建办项目共 **19** 个，平均全年执行数 **735.17** 万元（计算：下表 19 个项目的算术平均）。"),
    ("满意度实际完成不到八成的满意度指标一共有几条", "共检索104个项目，满意度指标实际完成值低于80%的指标共 **8** 条（涉及 8 个项目）。"),
    ("扣分的有几条", "共检索104个项目，有扣分的指标共 **282** 条（涉及 104 个项目）。"),
    # a named indicator's gap and points, not its project's
    ("受理中心“中心年接待群众办理量”实际比目标多了多少次",
     "受理中心-受理服务专项经费的指标「中心年接待群众办理量」实际完成值 180000.00(次)，年度指标值 ＞80000.00(次)，"
     "实际比目标多 **100000 次**（计算：180000 - 80000；来源[1]：000_ce9e36a26cba1e6e.txt 第2441行）。"),
    ("拆违经费的“拆违及时性”被扣了几分", "综合执法队-桃浦镇拆违经费的指标「拆违及时性」分值 20，得分 15，扣 **5 分**"
     "（计算：20 - 15；来源[1]：000_ce9e36a26cba1e6e.txt 第2729行）；年度指标值 及时，实际完成值 部分达成指标并具有一定效果。"
     "偏差原因分析及改进措施：有时未能第一时间发现违章建筑，之后加强巡查"),
    # words looked for in the text field named, not in the project's name
    ("实施单位里带“社区党群服务中心”字样的项目有哪些", "共检索104个项目，7个项目实施单位含「社区党群服务中心」："),
    ("偏差原因分析里提到“天气”的项目都有哪些？", "共检索104个项目，4个项目有指标偏差原因分析及改进措施含「天气」："),
    # a category's points added up per project, ties named
    ("经发办里哪个项目满意度指标扣分最多", "在经发办6个项目中，满意度指标的扣分合计最高的项目是 **经发办-数字化营商服务专项经费、"
     "经发办-第五次经济普查专项经费**（5分，并列）。"),
    # rows the question says also count: already counted, or said not understood
    ("年初预算不到50万元的项目有几个（年初为0的也算）", "共检索104个项目，年初预算数低于50万元的项目共 **30** 个。"),
    ("年初预算超过50万元的项目有几个（年初为0的也算）", "我不确定「年初为0也算」指什么，为免答非所问，没有作答。我可以回答这类问题："),
    # how many categories there are is not a value; 各 spreads over the level named
    ("产出指标下面四个二级指标各有多少条", "共检索104个项目，产出指标，按二级指标统计（4 组）："),
    ("效益指标下四个二级指标里，被扣分的各有几条", "共检索104个项目，效益指标有扣分，按二级指标统计（4 组）："),
    ("全镇执行数排第8到第10名的是哪几个项目，按名次列", "共检索104个项目，按全年执行数从高到低排第 8 至第 10 名的是（并列者名次相同）："),
    ("宣传专项经费总分多少", "「宣传专项经费」可能指以下 2 个项目，请问是哪一个？（可以直接回复完整项目名称）"),
    ("党政办、社发办、规建办各有多少条三级指标被扣分", "共检索党政办、社发办、规建办53个项目，有扣分，按科室统计（3 组）："),
    # the direction of a change word orders and filters
    ("全年预算比年初调减比例最大的三个项目",
     "共检索104个项目，全年预算较年初变动幅度低于0%的项目中，全年预算较年初变动幅度最低的前 3 名："),
    ("社发办全部项目全年预算比年初预算合计调减了多少万元？", "社发办项目共 **23** 个，全年预算合计比年初预算合计减少 **471.15** 万元"
     "（计算：下表 23 个项目的全年预算数减年初预算数，再相加）。"),
    ("调减金额超过100万元的项目有几个", "共检索104个项目，全年预算较年初调整额低于-100万元的项目共 **9** 个。"),
    ("全年预算调减金额最大的前三个项目",
     "共检索104个项目，全年预算较年初调整额低于0万元的项目中，全年预算较年初调整额最小的前 3 名："),
    ("执行率最低的前5个项目", "共检索104个项目，执行率最低的前 5 名（含并列，共 104 个）："),
    ("除了规建办以外，还有哪些项目总分只有90分？", "共检索104个项目，3个项目不属于规建办，且总分为90分："),
    ("社发办里总分高于社发办平均分的项目有哪些", "共检索社发办23个项目，17个项目总分高于社发办项目的平均值（91.74分）："),
    ("年初预算和全年预算都超过1000万元的项目有几个",
     "共检索104个项目，年初预算数高于1000万元，且全年预算数高于1000万元的项目共 **7** 个。"),
    # 各 over offices or grades listed: one figure each, never pooled; a count of the list must be right
    ("财政所、规建办、社发办三家的年初预算各合计多少", "财政所与规建办与社发办的对比如下："),
    ("财政所、规建办三家的年初预算各合计多少",
     "我不确定「三家」指什么（「三家的」没有说明是哪一项数字：预算、执行数、执行率还是总分），为免答非所问，没有作答。我可以回答这类问题："),
    ("优、良两档项目的平均总分各是多少", "共检索104个项目，评分等级为优或良，按评分等级统计（2 组）："),
    ("妇联、工会、团委、纪委这四家的项目各得了多少分", "妇联、工会、团委、纪委共有 **4** 个项目，列出如下："),
    ("规建办和社发办各有哪些项目", "规建办、社发办共有 **42** 个项目，列出如下："),
    ("规建办和社发办分别有哪些项目满意度未达标", "共检索规建办、社发办42个项目，30个项目的满意度指标未达到年度指标值："),
    ("规建办和社发办满意度未达标的项目各有几个", "规建办与社发办的对比如下（只计满意度指标未达到年度指标值的项目）："),
    ("总分带小数点、不是整数的项目有哪些", "共检索104个项目，5个项目总分不是整数："),
    ("得分带小数的指标有几条", "共检索104个项目，得分不是整数的指标共 **10** 条（涉及 5 个项目）。"),
    # points lost above a number: the project's total unless indicator rows are asked
    ("哪些项目被扣分超过5分", "共检索104个项目，74个项目扣分高于5分："),
    ("被扣分超过5分的指标有几条", "共检索104个项目，扣分高于5分的指标共 **7** 条（涉及 7 个项目）。"),
    # words looked for, however they were split into tokens
    ("实施单位含平安建设办公室的项目有几个", "共检索104个项目，实施单位含「平安建设办公室」的项目共 **10** 个。"),
    ("主管部门里带人民政府的项目有几个", "共检索104个项目，主管部门含「人民政府」的项目共 **104** 个。"),
    ("偏差原因里写了资金的指标有几条", "共检索104个项目，偏差原因分析及改进措施含「资金」的指标共 **5** 条（涉及 3 个项目）。"),
    # found by the third held-out bank
    ("集资中心的项目全年执行了多少元？", "集资中心项目共 **1** 个，全年执行数合计 **23.30** 万元（即 233000 元）"
     "（计算：下表 1 个项目的全年执行数相加）。"),
    ("社区学校开设了多少个教学班", "社发办-社区学校专项经费的指标「开设教学班」：年度指标值 ≥60.00(个)，实际完成值 **66.00(个)**，"
     "分值 15，得分 15，已达到年度指标值（来源[1]：000_ce9e36a26cba1e6e.txt 第2237行）。"),
    ("社区学校开设了多少个阅览室", "我不确定「开」「阅览室」指什么，为免答非所问，没有作答。"),
    ("消防安全和消防实事两个项目，全年预算谁高？高出多少", "安全办-消防安全专项经费的全年预算数比安全办-消防实事项目经费多 "
     "**112.01** 万元（计算：139.87 - 27.86）。"),
    ("献血补助专项经费的满意度实际完成多少", "社发办-献血补助专项经费的指标「献血志愿者满意度」：年度指标值 =100(%)，"
     "实际完成值 **100.00(%)**，分值 10，得分 10，已达到年度指标值（来源[1]：000_ce9e36a26cba1e6e.txt 第2317行）。"),
    ("全镇总分最低的项目比最高的低几分", "共检索104个项目，总分最高的是 **信访办-信访工作经费**（99分）；最低的是 "
     "**社发办-献血补助专项经费**（86分）；两者相差 **13分**（计算：99 - 86）。"),
    ("评为优和评为良的项目，平均总分分别是多少", "共检索104个项目，评分等级为优或良，按评分等级统计（2 组）："),
    ("信访办、武装部、机关总支这三个的项目总分对比一下", "信访办、武装部、机关总支共有 **3** 个项目，列出如下："),
    ("产出指标下面数量、质量、时效三类各被扣了多少分",
     "共检索104个项目，产出指标、二级指标为数量指标或质量指标或时效指标，按二级指标统计（3 组）："),
    ("效益指标下社会效益、可持续影响、生态效益、经济效益各有多少条被扣分", "共检索104个项目，效益指标、二级指标为社会效益指标或"
     "可持续影响指标或生态效益指标或经济效益指标有扣分，按二级指标统计（4 组）："),
    ("财政所、规建办、社发办三个科室的平均总分", "财政所与规建办与社发办的对比如下："),
    ("社发办和规建办合起来的平均总分", "社发办、规建办项目共 **42** 个，平均总分 **91.81** 分（计算：下表 42 个项目的算术平均）。"),
    ("麻烦帮忙查一下，所有指标扣分加起来达到10分或以上的项目都有哪些？", "共检索104个项目，12个项目扣分不低于10分："),
    ("规建办扣分的指标总共几条？", "共检索规建办19个项目，有扣分的指标共 **51** 条（涉及 19 个项目）。"),
    ("党政办项目里全年预算比年初高的有几个", "共检索党政办11个项目，全年预算较年初调整额高于0万元的项目共 **5** 个。"),
    ("党政办和规建办哪个平均分高，高多少",
     "党政办的平均总分比规建办高 **1.01** 分（计算：92.91 - 91.89，两者均为平均值，按未舍入的值相减）。"),
    # 「X那个项目」: the office's one project, or the question back when it has several
    ("机关总支那个项目是哪个单位实施的", "机关总支-各类创建项目经费的实施单位为 **桃浦镇武装部**（来源[1]：000_ce9e36a26cba1e6e.txt 第1288行）。"),
    ("城运中心那个项目满意度是多少？", "「城运中心」可能指以下 3 个项目，请问是哪一个？（可以直接回复完整项目名称）"),
    ("工会这个的执行数", "工会-工会工作专项经费的全年执行数为 **53.94 万元**（来源[1]：000_ce9e36a26cba1e6e.txt 第763行）。"),
    ("社发办这个科室有几个项目", "「这个」要接着上一个问题理解，但本次对话里还没有可以接着的回答（或上一问没有作答），所以没有作答。"
     "请把问题说完整，例如「社发办哪些项目满意度未达标」。"),
    # order words, units asked, cut words
    ("城运中心三个项目按年初预算排个序，高的在前", "共检索3个项目，城运中心项目中，按年初预算数从高到低排列（共 3 个）："),
    ("中小企业扶持专项经费年初预算是几个亿", "财政所-中小企业扶持专项经费的年初预算数为 **30000.00 万元**（即 3 亿元）"
     "（来源[1]：000_ce9e36a26cba1e6e.txt 第206行）。"),
    ("即知即改专项经费全年预算比年初砍了多少万元", "财政所-即知即改专项经费全年预算数 58.86 万元，年初预算数 500.00 万元，"
     "减少了 **441.14 万元**（计算：58.86 - 500.00；来源[1]：000_ce9e36a26cba1e6e.txt 第153行）。"),
    ("河长制专项经费年初预算？", "规建办-河（林）长制专项经费的年初预算数为 **940.00 万元**（来源[1]：000_ce9e36a26cba1e6e.txt 第1005行）。"),
    ("没有调整过的项目有哪些", "共检索104个项目，10个项目全年预算较年初调整额为0万元："),
    ("年初预算和全年预算完全一样、没有调整过的项目有哪些", "共检索104个项目，10个项目年初预算数为全年预算数："),
    ("受理中心年接待群众办理量的目标值定的多少", "受理中心-受理服务专项经费的指标「中心年接待群众办理量」：年度指标值 **＞80000.00(次)**，"
     "实际完成值 180000.00(次)，分值 10，得分 10，已达到年度指标值（来源[1]：000_ce9e36a26cba1e6e.txt 第2441行）。"),
    # offices kept by how many projects they have, said in the answer
    ("平均总分最高的科室是哪个（只看有3个及以上项目的科室）", "只看项目数不低于3个的科室，平均总分最高的科室是 **平安办**（95.83分）。"),
    ("项目数在5个及以上的科室，各有几个项目？", "共检索104个项目，按科室统计（只看项目数不低于5个的科室，7 组）："),
    ("有3个项目的科室有哪些", "共检索104个项目，按科室统计（只看项目数为3个的科室，2 组）："),
    # a number of indicators is the project's indicator count
    ("三级指标不超过7条的项目有哪些？", "共检索104个项目，10个项目三级指标数不高于7条："),
    ("北部片区建设专项经费一共设了几条三级指标", "规建办-北部片区建设专项经费指标共 **11** 条（涉及 1 个项目）。"),
    ("总分低于平均分的项目有几个", "共检索104个项目，总分低于全镇项目的平均值（93.35分）的项目共 **56** 个。"),
    # an empty text cell is a condition the answer states, not a number
    ("被扣了分却没写偏差原因的指标有几条", "共检索104个项目，有扣分、偏差原因分析及改进措施未填写的指标共 **1** 条（涉及 1 个项目）。"),
    ("烦请核对：规建办所属项目中，满意度指标（一级）存在扣分的三级指标共有多少条？",
     "共检索规建办19个项目，满意度指标有扣分的指标共 **17** 条（涉及 17 个项目）。"),
    ("中小企业扶持专项经费全年执行了多少元？",
     "财政所-中小企业扶持专项经费的全年执行数为 **28665.87 万元**（即 286658700 元）（来源[1]：000_ce9e36a26cba1e6e.txt 第206行）。"),
    ("消防实事项目经费的居民满意度离目标值差几个百分点？",
     "安全办-消防实事项目经费的指标「居民满意度」实际完成值 75.00(%)，年度指标值 ≥80.00(%)，实际比目标少 **5 个百分点**"
     "（计算：75 - 80；来源[1]：000_ce9e36a26cba1e6e.txt 第58行）。"),
    ("服务经济专项经费企业申请数量实际完成了多少个",
     "财政所-服务经济专项经费的指标「企业申请数量」：年度指标值 ＞800.00(个)，实际完成值 **963.00(个)**，分值 10，得分 10，"
     "已达到年度指标值（来源[1]：000_ce9e36a26cba1e6e.txt 第107行）。"),
])
def test_readings_that_keep_every_word(assistant, question, first_line):
    assert assistant.ask(question).text.split("\n")[0] == first_line


def test_a_detail_written_in_prose_is_refused_with_the_sentences_that_hold_it(assistant):
    a = assistant.ask("信访工作经费2023年排查了多少起群体性矛盾，化解了几起")
    assert a.kind == "refuse"
    lines = a.text.split("\n")
    assert lines[0] == "我不确定「起」指什么，为免答非所问，没有作答。"
    assert lines[2] == "信访办-信访工作经费的表中有这些文字与问题相关（原文照录，未作判断，请自行核对）："
    assert lines[4].startswith("- 实际完成情况：2023年，累计排查各类群体性矛盾12起，推进化解6起，")
    assert a.citations == [Citation("信访办-信访工作经费", "000_ce9e36a26cba1e6e.txt", 2537)]


def test_things_the_forms_do_not_list_are_refused(assistant):
    a = assistant.ask("规建办小区综合改造具体改造了哪几个小区，每个小区花了多少钱")
    assert a.kind == "refuse" and a.text.startswith("财政项目支出绩效自评表中没有记录「小区」，所以无法回答。")


def test_an_indicator_question_after_one_project_stays_in_that_project(assistant):
    s = Session()
    assistant.ask("献血补助专项经费总分多少", s)
    a = assistant.ask("扣分最多的是哪条指标", s)
    assert "扣分最高的是 **社发办-献血补助专项经费「无偿献血计划完成率」**（5分" in a.text.split("\n")[0]
    assert assistant.ask("全镇扣分最多的是哪条指标", s).text.split("\n")[0] != a.text.split("\n")[0]


def test_averages_round_half_up(assistant):
    """(69.63 + 71.02) / 2 = 70.325 is 70.33, as the calculator rounds (never banker's rounding)."""
    text = assistant.ask("城运中心、综合执法队、组织科的平均执行数各是多少").text
    assert "| 组织科 | 2 | 70.33 | [6]–[7] |" in text


def test_a_range_of_ranks(assistant):
    a = assistant.ask("全镇执行数排第8到第10名的是哪几个项目，按名次列")
    assert [row[:3] for row in a.tables[0].rows] == [
        ["8", "规建办-河（林）长制专项经费", "757.86"], ["9", "规建办-东部片区改造专项经费", "737.69"],
        ["10", "规建办-桃浦西路养老院专项经费", "698.69"]]
