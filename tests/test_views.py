"""View models for the web app: result tables, exports, source panels, charts."""
import csv

from openpyxl import load_workbook

from assistant import views


def test_answer_table_and_exports(assistant):
    a = assistant.ask("党群中心哪些项目满意度未达标？")
    headers, rows = views.answer_table(a)
    assert headers == ["项目", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "来源", "偏差原因分析及改进措施"]
    assert rows[0][:8] == ["党群中心-党群服务中心专项经费", "服务对象满意度指标", "参与党员满意度", "≥90.00(%)", "85.00(%)", 5.0,
                           4.0, "000_ce9e36a26cba1e6e.txt:329"]
    assert len(rows) == 5
    csv_path, xlsx_path = views.export_files(a)
    with open(csv_path, encoding="utf-8-sig") as fh:
        table = list(csv.reader(fh))
    assert table[0] == headers and len(table) == 6
    ws = load_workbook(xlsx_path).active
    assert [c.value for c in ws[1]] == headers and ws.max_row == 6


def test_sources_show_the_row_as_it_stands_in_the_form(assistant):
    a = assistant.ask("即知即改专项经费长效管理制度建设为什么扣分")
    md = views.sources_markdown(assistant, a)
    assert md.split("\n")[2] == ("| 财政所-即知即改专项经费 | 长效管理制度建设 ｜ 完善 ｜ 部分达成指标并具有一定效果 ｜ 8.00 ｜ 5.00 ｜ "
                                 "该项目长效管理制度有待加强，后续将进一步完善制度措施。 | 000_ce9e36a26cba1e6e.txt 第169行 |")


def test_chat_text_cuts_long_tables_only(assistant):
    long = assistant.ask("哪些项目满意度未达标")
    text = views.chat_text(long)
    assert text.startswith("共检索104个项目，58个项目的满意度指标未达到年度指标值：")
    assert "……其余 53 行见下方「结果表」（完整、可排序、可下载）。" in text and text.endswith("共 61 条指标。")
    short = assistant.ask("宣传科有哪些项目")
    assert views.chat_text(short) == short.text


def test_one_value_has_no_table(assistant):
    assert views.answer_table(assistant.ask("科技企业扶持专项经费总分")) == ([], [])


def test_overview_data(assistant):
    data = views.overview_data(assistant)
    assert data["projects"] == 104 and data["indicators"] == 1178
    assert data["budget"][0] == {"科室": "财政所", "全年执行数(万元)": 50945.08}
    assert sum(r["项目数"] for r in data["scores"]) == 104
    assert {r["总分区间"]: r["项目数"] for r in data["scores"]}["80-89分"] == 4
    sat = {r["二级指标"]: r["扣分或未达标指标数"] for r in data["categories"]}
    assert sat["服务对象满意度指标"] > 0


def test_overview_rows_open_the_clicked_list(assistant):
    assert [r[0] for r in views.overview_rows(assistant, band="80-89分")] == [
        "社发办-片区专项经费", "社发办-社区服务中心专项经费", "社发办-社区卫生医疗专项经费", "社发办-献血补助专项经费"]
    assert len(views.overview_rows(assistant, office="宣传科")) == 4
    rows = views.overview_rows(assistant, category="时效指标")
    assert all(r[1] == "时效指标" for r in rows) and rows


def test_summary_targets(assistant):
    targets = views.summary_targets(assistant)
    assert targets[0] == "全部" and "社发办" in targets and "安全办-消防安全专项经费" in targets
