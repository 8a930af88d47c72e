"""Plausibility: figures no real form holds are refused at parse with file and row; audit errors are known per form."""
import pytest

from conftest import DEFAULT_ROWS, SEED, make_form
from index.parse import parse_file, parse_text
from index.plausible import form_errors
from index.store import Store


def test_every_seed_form_is_plausible():
    result = parse_file(SEED)
    assert (len(result.projects), result.problems) == (104, [])


@pytest.mark.parametrize("edit, line, message", [
    (lambda t: t.replace("\t\t年度资金总额\t100.00\t100.00\t100.00", "\t\t年度资金总额\t100.00\t100.00\t1000000000000"),
     6, "第6行「年度资金总额」全年执行数 1,000,000,000,000 万元超出合理范围（应不小于 0 且小于 100,000,000 万元）"),
    (lambda t: t.replace("总分\t\t\t\t\t\t100\t98", "总分\t\t\t\t\t\t100\t99999"),
     17, "第17行总分 99,999 超出合理范围（0 至 100 分）"),
    (lambda t: t.replace("\t\t年度资金总额\t100.00", "\t\t年度资金总额\t-5.00"),
     6, "第6行「年度资金总额」年初预算数 -5 万元超出合理范围（应不小于 0 且小于 100,000,000 万元）"),
    (lambda t: t.replace("10.00\t100.00\t10.00", "10.00\t400.00\t10.00"),
     6, "第6行「年度资金总额」执行率 400% 超出合理范围（0 至 300%）"),
    (lambda t: t.replace("30.00\t30.00\t\n\t时效指标", "30.00\t3000.00\t\n\t时效指标"),
     13, "第13行「培训场次」得分 3,000 超出合理范围（0 至 100 分）"),
    (lambda t: t.replace("10.00\t100.00\t10.00", "10.00\t400.00\t10.00").replace("100\t98", "100\t99999"),
     6, "第6行「年度资金总额」执行率 400% 超出合理范围（0 至 300%）；另有 1 处数值超出合理范围"),
])
def test_implausible_figures_are_refused_with_the_row(edit, line, message):
    text = edit(make_form())
    result = parse_text(text, "bad.txt")
    assert result.projects == []
    [problem] = result.problems
    assert (problem.file, problem.line, problem.code, problem.project) == ("bad.txt", line, "form", "测试办-测试专项经费")
    assert problem.message == message + "（该表未入库）"


def test_a_file_with_too_many_forms_is_refused():
    from index.limits import MAX_FORMS_PER_FILE

    text = make_form() * (MAX_FORMS_PER_FILE + 1)
    result = parse_text(text, "huge.txt")
    assert result.projects == []
    assert [(p.line, p.code, p.message) for p in result.problems] == [
        (3, "too_many_forms", "文件含 2001 张自评表，超过每个文件 2000 张的上限，请拆分成几个文件后再入库（该文件未入库）")]


def test_answers_can_ask_which_forms_have_audit_errors(home):
    from index.build import build

    rows = list(DEFAULT_ROWS)
    rows[0] = rows[0].replace("30.00\t30.00", "30.00\t25.00")  # 得分 no longer adds up to 总分 98
    (home.reports / "a.txt").write_text(make_form(name="测试办-对不上", rows=rows) + make_form(name="测试办-对得上"),
                                        encoding="utf-8")
    build(home, vectors=False)
    store = Store(home.db_path)
    forms = [(p.file, p.line) for p in store.projects()]
    assert forms == [("a.txt", 1), ("a.txt", 19)]
    errors = form_errors(store, forms)
    assert list(errors) == [("a.txt", 1)]
    assert [(p.line, p.code, p.message) for p in errors[("a.txt", 1)]] == [
        (17, "score_sum", "各项得分合计为 93，而总分为 98")]
    assert form_errors(store, [("a.txt", 19), ("other.txt", 1)]) == {}
