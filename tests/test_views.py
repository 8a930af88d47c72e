"""View models for the web app: numbered sources as read, tables that become cards, exports, verdicts, drafts."""
import csv

from docx import Document
from openpyxl import load_workbook

from assistant import views
from assistant.answer import Answer, Citation
from assistant.docx_draft import write_docx

TITLE = "上海市普陀区桃浦镇人民政府2023年度项目支出绩效自评表"


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


def test_one_value_has_no_table(assistant):
    assert views.answer_table(assistant.ask("科技企业扶持专项经费总分")) == ([], [])


def test_a_file_is_named_by_its_report(assistant):
    assert views.report_title(assistant, "000_ce9e36a26cba1e6e.txt") == TITLE
    assert views.report_title(assistant, "unknown.txt") == "unknown.txt"


def test_sources_are_numbered_and_show_the_row_as_read(assistant):
    a = assistant.ask("即知即改专项经费长效管理制度建设为什么扣分")
    assert views.source_rows(assistant, a.citations) == [views.SourceRow(
        1, "财政所-即知即改专项经费", f"{TITLE} 第169行",
        "长效管理制度建设 ｜ 完善 ｜ 部分达成指标并具有一定效果 ｜ 8.00 ｜ 5.00 ｜ 该项目长效管理制度有待加强，后续将进一步完善制度措施。")]
    assert views.locate(assistant, "000_ce9e36a26cba1e6e.txt", 99999) == (f"{TITLE} 第99999行", "（原文不可用）")


def test_message_html_escapes_and_keeps_its_own_sources(assistant):
    from assistant.answer import Table, table_marker

    table = Table(["项目", "说明"], [["<b>甲</b>", "a｜b <script>"]])
    answer = Answer("", "list", citations=[Citation("安全办-消防实事项目经费", "000_ce9e36a26cba1e6e.txt", 41)],
                    tables=[table], layout=f"共 1 行：\n\n{table_marker(0)}\n\n完。")
    answer.text = answer.with_tables_as_markdown(answer.layout)
    assert answer.text == "共 1 行：\n\n| 项目 | 说明 |\n|---|---|\n| <b>甲</b> | a｜b <script> |\n\n完。"
    html = views.message_html(assistant, answer)
    assert html.startswith("共 1 行：\n\n")  # no notices: the text first
    assert ('<td><span class="jx-label" aria-hidden="true">项目</span><span class="jx-v">&lt;b&gt;甲&lt;/b&gt;'
            '</span></td><td><span class="jx-label" aria-hidden="true">说明</span><span class="jx-v">a｜b '
            '&lt;script&gt;</span></td>') in html
    assert "<script>" not in html and "| 项目 |" not in html and "完。" in html
    assert ('<li><span class="jx-cite">[1]</span> <span class="jx-source-project">安全办-消防实事项目经费</span> · '
            f'<span class="jx-source-where">{TITLE} 第41行</span><div class="jx-source-row">年度资金总额 ｜ 2.76 ｜ '
            '27.86 ｜ 27.86 ｜ 10.00 ｜ 100.00 ｜ 10.00</div></li>') in html


def test_a_reworded_answer_is_shown_as_its_text_with_notices_as_badges(assistant):
    answer = Answer("共 1 个：甲。\n\n大模型调用失败，已给出规则答案\n\n| 项目 |\n|---|\n| <img src=x> |", "list")
    answer.notices = ["大模型调用失败，已给出规则答案"]
    html = views.message_html(assistant, answer)
    assert html == ('<div class="jx-notice" role="status">⚠ 大模型调用失败，已给出规则答案</div>\n\n'
                    "共 1 个：甲。\n\n| 项目 |\n|---|\n| ＜img src=x> |")

def test_long_tables_are_kept_whole_in_the_message(assistant):
    html = views.message_html(assistant, assistant.ask("哪些项目满意度未达标"))
    assert html.count("<tr>") == 62  # the header and all 61 rows
    assert "来源（61 处：表中原文、报表与行号）" in html


def test_html_table_is_sortable_and_escaped():
    assert views.html_table(["a<b"], [["x&y"], [None], [2.0]]) == (
        '<div class="jx-table jx-sortable"><table><thead><tr><th scope="col">a&lt;b</th></tr></thead><tbody>'
        '<tr><td><span class="jx-label" aria-hidden="true">a&lt;b</span><span class="jx-v">x&amp;y</span></td></tr>'
        '<tr><td><span class="jx-label" aria-hidden="true">a&lt;b</span><span class="jx-v"></span></td></tr>'
        '<tr><td><span class="jx-label" aria-hidden="true">a&lt;b</span><span class="jx-v">2</span></td></tr>'
        '</tbody></table></div>')


def test_check_html_marks_verdicts_with_sign_word_and_class(assistant):
    html = views.check_html(assistant, assistant.check("城运中心-应用场景项目受益群众满意度为80%，武装专项经费总分97.6分。"))
    assert '核查结论：<span class="jx-verdict jx-verdict-part">◐ 部分正确</span>（共 2 处陈述）' in html
    assert '<span class="jx-verdict jx-verdict-bad">✘ 错误</span> <span class="jx-claim-text">1. 城运中心' in html
    assert '<span class="jx-verdict jx-verdict-ok">✔ 正确</span> <span class="jx-claim-text">2. 武装专项经费总分97.6分' in html
    assert f'<span class="jx-k">来源：</span>{TITLE} 第276行' in html


def test_draft_text_plain_and_with_sources(assistant):
    s = assistant.summarize("社发办")
    plain = views.draft_text(assistant, s, with_sources=False)
    assert plain.startswith("社发办项目支出绩效自评总结\n\n一、总体情况。社发办共有 23 个项目开展绩效自评")
    assert "总分最低的是社发办-献血补助专项经费（86 分，评分等级「良」）" in plain
    for word in ("[1]", "**", ".txt", "数据来源", "计算器", "下表", "本项目", "※", "sum("):
        assert word not in plain
    sourced = views.draft_text(assistant, s, with_sources=True)
    assert "总分最低的是社发办-献血补助专项经费（86 分[1]，评分等级「良」）" in sourced
    assert f"数据来源：\n[1] 社发办-献血补助专项经费：{TITLE} 第2318行" in sourced and ".txt" not in sourced
    headers, rows = views.draft_appendix(assistant, s)
    assert headers == ["项目", "全年预算数(万元)", "全年执行数(万元)", "总分", "评分等级", "来源"]
    assert rows[0] == ["社发办-残疾人1：1匹配专项经费", "20.00", "20.00", "93", "优", f"{TITLE} 第1784行"]
    assert len(rows) == 23


def test_docx_has_the_draft_and_its_source_table(assistant, tmp_path):
    s = assistant.summarize("安全办-消防安全专项经费")
    text = views.draft_text(assistant, s, with_sources=False)
    headers, rows = views.draft_appendix(assistant, s)
    path = write_docx("安全办-消防安全专项经费绩效自评总结", text, "附表：来源明细", headers, rows, tmp_path / "d.docx")
    doc = Document(path)
    paragraphs = [p.text for p in doc.paragraphs if p.text]
    assert paragraphs[0] == "安全办-消防安全专项经费绩效自评总结"
    assert paragraphs[1].startswith("一、资金使用情况。安全办-消防安全专项经费由桃浦镇平安建设办公室实施")
    assert paragraphs[-1] == "附表：来源明细"
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["三级指标", "年度指标值", "实际完成值", "分值", "得分", "来源"]
    assert len(table.rows) == 15  # header and the 14 indicators


def test_summary_targets(assistant):
    targets = views.summary_targets(assistant)
    assert targets[0] == "全部" and "社发办" in targets and "安全办-消防安全专项经费" in targets


def test_an_answer_keeps_its_tables_typed_for_the_page(assistant):
    a = assistant.ask("社发办哪些项目评分等级为良")
    (prose, table, *rest) = a.parts()
    assert prose.startswith("共检索社发办23个项目，4个项目评分等级为良：")
    assert table.headers == ["项目", "全年预算数(万元)", "全年执行数(万元)", "总分", "评分等级", "来源"]
    assert table.rows[0] == ["社发办-片区专项经费", "673.42", "673.42", "89", "良", "[1] 000_ce9e36a26cba1e6e.txt:2124"]
    html = views.message_html(assistant, a)
    assert html.count("<tr>") == 1 + 4 and "|---|" not in html


def test_the_chat_bubble_cites_rows_by_number_not_by_stored_file_name(assistant):
    """The numbered source under the message names the report by its title; the bubble keeps 「[1]」 and the row."""
    lookup = views.body_html(assistant.ask("消防实事项目经费的总分"))
    assert "（来源[1]：第59行）" in lookup and ".txt" not in lookup
    listed = views.body_html(assistant.ask("哪些项目满意度未达标"))
    assert "[1] 第58行" in listed and ".txt" not in listed
