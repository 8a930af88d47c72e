"""The audit findings table and the overview's charts and lists."""
from assistant.browse import OverviewFilter, bar_chart_html, finding_rows, load_overview, overview_data, overview_rows
from index.store import Store


def test_finding_rows(seeded):
    overview = load_overview(Store(seeded.db_path))
    rows = finding_rows(overview.findings, "提示")
    assert rows == [["提示", "扣分但未填写偏差原因", "财政所-即知即改专项经费",
                     "「信息共享时效性」扣 1 分，但未填写偏差原因分析及改进措施", "000_ce9e36a26cba1e6e.txt:168"]]


def test_overview_data(assistant):
    data = overview_data(assistant)
    assert (data["projects"], data["indicators"]) == (104, 1178)
    assert [(b.label, b.value, b.text) for b in data["budget"][:2]] == [
        ("财政所", 50945.08, "50945.08 万元"), ("规建办", 13968.21, "13968.21 万元")]
    assert [(b.label, b.text) for b in data["scores"]] == [("80分以下", "0 个"), ("80-89分", "4 个"), ("90-94分", "70 个"),
                                                           ("95分及以上", "30 个")]
    assert [(b.label, b.value) for b in data["categories"][:2]] == [("可持续影响指标", 74), ("服务对象满意度指标", 62)]


def test_filters_combine(assistant):
    headers, rows = overview_rows(assistant, OverviewFilter("社发办", "80-89分"))
    assert headers[0] == "项目" and [r[0] for r in rows] == [
        "社发办-片区专项经费", "社发办-社区服务中心专项经费", "社发办-社区卫生医疗专项经费", "社发办-献血补助专项经费"]
    headers, rows = overview_rows(assistant, OverviewFilter("社发办", "80-89分", "服务对象满意度指标"))
    assert headers[1] == "二级指标" and [r[0] for r in rows] == ["社发办-片区专项经费", "社发办-社区卫生医疗专项经费"]
    assert len(overview_rows(assistant, OverviewFilter("财政所", "", "服务对象满意度指标"))[1]) == 3
    assert len(overview_rows(assistant, OverviewFilter("", "", "服务对象满意度指标"))[1]) == 62
    assert len(overview_rows(assistant, OverviewFilter.of("全部", None, "全部"))[1]) == 104
    assert OverviewFilter("社发办", "80-89分").described() == "科室「社发办」 且 总分区间「80-89分」"


def test_bars_are_buttons_with_their_values(assistant):
    html = bar_chart_html("标题<", overview_data(assistant)["budget"][:2], "office", selected="规建办")
    assert html.startswith('<figure class="jx-chart"><figcaption>标题&lt;</figcaption><ul class="jx-bars">')
    assert ('<button type="button" class="jx-bar" data-kind="office" data-value="财政所" aria-pressed="false" '
            'aria-label="财政所：50945.08 万元，点击查看清单"><span class="jx-bar-label">财政所</span><span class="jx-bar-track">'
            '<span class="jx-bar-fill" style="width:100.0%"></span></span><span class="jx-bar-value">50945.08 万元</span>'
            '</button>') in html
    assert 'data-value="规建办" aria-pressed="true"' in html and 'style="width:27.4%"' in html
