"""Chunks: readable text naming its columns, every raw field in metadata, stable ids."""
from conftest import SEED
from index.chunks import chunks_for
from index.parse import parse_file

PROJECTS = parse_file(SEED).projects


def test_counts_and_unique_ids():
    chunks = chunks_for(PROJECTS)
    assert len(chunks) == 104 + 1178
    assert len({c.id for c in chunks}) == len(chunks)


def test_ids_are_stable():
    again = chunks_for(parse_file(SEED).projects)
    assert [c.id for c in again] == [c.id for c in chunks_for(PROJECTS)]
    assert [c.digest for c in again] == [c.digest for c in chunks_for(PROJECTS)]


def test_overview_chunk():
    c = chunks_for(PROJECTS[:1])[0]
    assert c.kind == "overview" and c.project == "安全办-消防安全专项经费"
    assert c.text == (
        "项目「安全办-消防安全专项经费」概况：主管部门上海市普陀区桃浦镇人民政府，实施单位桃浦镇平安建设办公室，2023年度。"
        "年度资金总额：年初预算数85.30万元，全年预算数139.87万元，全年执行数139.87万元，执行率100.00%。"
        "预期目标：保障城市运行安全，确保区域安全形势平稳有序。"
        "实际完成情况：2023年根据计划安排为居民小区更新补充消防器材，建立专职消防救援队，完成消防安全培训，加强消防安全检查。"
        "总分98分，评分等级为优。"
    )
    m = c.metadata
    assert (m["office"], m["year"], m["file"], m["line"], m["grade"], m["total_score"]) == (
        "安全办", 2023, "000_ce9e36a26cba1e6e.txt", 5, "优", 98.0)
    assert (m["fund_total_annual_budget"], m["fund_total_executed"], m["fund_appropriation_initial_budget"]) == (
        139.87, 139.87, 85.3)
    assert "fund_appropriation_weight" not in m  # a dash on the form: not applicable, so left out


def test_indicator_chunk():
    c = chunks_for(PROJECTS[:1])[11]
    assert c.kind == "indicator"
    assert c.text == (
        "项目「安全办-消防安全专项经费」的绩效指标：一级指标效益指标，二级指标生态效益指标，三级指标「火灾事故的发生情况」；"
        "年度指标值减少，实际完成值部分达成指标并具有一定效果；分值6，得分4；"
        "偏差原因分析及改进措施：个别小区火灾率有所增加，后期加强巡视巡查。"
    )
    m = c.metadata
    assert {k: m[k] for k in ("level1", "level2", "name", "target", "actual", "weight", "score", "met", "deducted",
                              "line", "actual_status")} == {
        "level1": "效益指标", "level2": "生态效益指标", "name": "火灾事故的发生情况", "target": "减少",
        "actual": "部分达成指标并具有一定效果", "weight": 6.0, "score": 4.0, "met": False, "deducted": True,
        "line": 28, "actual_status": "部分达成指标并具有一定效果"}
    numeric = chunks_for(PROJECTS[:1])[1].metadata
    assert (numeric["target_op"], numeric["target_value"], numeric["target_unit"], numeric["actual_value"]) == (
        "≥", 2.0, "次", 2.0)
