"""The web app (Gradio): chat, fact-check, drafting, audit, overview charts and uploads. UI wiring only."""
from __future__ import annotations

import os

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr  # noqa: E402
import pandas as pd  # noqa: E402

from assistant import views  # noqa: E402
from assistant.llm import make_chat_model  # noqa: E402
from assistant.service import AssistantHolder, Session  # noqa: E402
from index.auth import Access, load_access  # noqa: E402
from index.build import REPORT_SUFFIXES  # noqa: E402
from index.config import load_config  # noqa: E402
from index.readers import accepted_list  # noqa: E402

EXAMPLES = [
    "哪些项目满意度未达标", "评分等级不是优的项目", "社发办所有项目全年执行数合计", "全年预算数最大的项目是哪个",
    "消防实事项目经费的全年预算数是多少", "那它的总分呢？", "即知即改专项经费长效管理制度建设为什么扣分",
    "有多少个项目的时效指标扣分", "帮我核实：城运中心-应用场景项目受益群众满意度为80%",
    "写一段安全办-消防安全专项经费的绩效总结",
]
CSS = """
.jx-mode {font-size: 0.9em; padding: 2px 10px; border-radius: 10px; background: #eef4ff; display: inline-block;}
.jx-table table {font-size: 0.9em;}
footer {display: none !important;}
"""
STREAM_STEP = 60  # characters per streamed chunk


def mode_text(holder: AssistantHolder) -> str:
    config, a = holder.config, holder.assistant
    mode = f"大模型模式（{config.llm_model}）" if holder.llm is not None else "离线规则模式"
    n = a.tools.project_count()
    files = len(a.store.sources())
    return f"<span class='jx-mode'>{mode}</span> 　库中 {n} 个项目，来自 {files} 个文件"


def build_ui(holder: AssistantHolder, access: Access | None = None) -> gr.Blocks:
    access = access or load_access(holder.config)
    with gr.Blocks(title="绩效问答") as demo:
        gr.Markdown("# 绩效问答 · 财政项目支出绩效自评表")
        status = gr.HTML(mode_text(holder))
        session = gr.State(None)  # one Session per browser tab, created on the first question

        with gr.Tab("问答", id="qa"):
            chatbot = gr.Chatbot(label="对话", show_label=False, height=660, buttons=["copy"], layout="bubble",
                                 placeholder="请输入问题，例如「哪些项目满意度未达标」。每个数字都注明来源文件和行号。")
            with gr.Row():
                question = gr.Textbox(placeholder="输入问题，回车发送", show_label=False, scale=8, autofocus=True,
                                      elem_id="jx-question")
                send = gr.Button("发送", variant="primary", scale=1, elem_id="jx-send")
                clear = gr.Button("清空对话", scale=1, elem_id="jx-clear")
            gr.Examples(EXAMPLES, inputs=question, label="示例问题（点击填入）")
            with gr.Accordion("来源（点击展开：引用的表格行、文件和行号）", open=False, elem_id="jx-sources"):
                sources = gr.Markdown("（尚无回答）", elem_classes="jx-table")
            with gr.Accordion("结果表（可排序、可下载）", open=True, visible=False) as table_box:
                table = gr.Dataframe(interactive=False, wrap=True, max_height=420, show_search="search")
                with gr.Row():
                    csv_file = gr.DownloadButton("下载 CSV", visible=False)
                    xlsx_file = gr.DownloadButton("下载 Excel", visible=False)

        with gr.Tab("核查", id="check"):
            statement = gr.Textbox(label="待核查的陈述（一句话或一段话）", lines=4, elem_id="jx-statement",
                                   placeholder="例如：城运中心-应用场景项目受益群众满意度为80%，武装专项经费总分97.6分。")
            check_btn = gr.Button("核查", variant="primary", elem_id="jx-check")
            verdict = gr.Markdown(elem_id="jx-verdict")
            claims = gr.Dataframe(headers=["陈述", "结论", "陈述值", "记录值", "来源"], interactive=False, wrap=True)

        with gr.Tab("撰写", id="draft"):
            target = gr.Dropdown(views.summary_targets(holder.assistant), value="全部", label="选择项目、科室或全部",
                                 filterable=True, elem_id="jx-target")
            draft_btn = gr.Button("生成绩效总结", variant="primary", elem_id="jx-draft")
            draft = gr.Textbox(label="总结草稿（纯文本，可直接复制到文档）", lines=18, max_lines=40, buttons=["copy"],
                               elem_id="jx-draft-text")
            with gr.Accordion("排版预览与来源明细表", open=False):
                draft_view = gr.Markdown(elem_classes="jx-table")

        with gr.Tab("审计", id="audit"):
            gr.Markdown("逐表核对：分值合计、得分合计、执行率、评分等级与总分、资金来源合计，以及「达标却扣分」等值得复核的情况。")
            audit_query = gr.Textbox(label="筛选", placeholder="例如：警告、扣分、项目名称")
            audit_table = gr.Dataframe(headers=["级别", "类别", "项目", "说明", "来源"], interactive=False, wrap=True,
                                       value=views.audit_rows(holder.assistant))

        with gr.Tab("概览", id="overview"):
            data = views.overview_data(holder.assistant)
            gr.Markdown(f"共 {data['projects']} 个项目、{data['indicators']} 条指标。点击图中的柱子，或用下面的筛选，查看对应清单。")
            with gr.Row():
                budget_plot = gr.BarPlot(pd.DataFrame(data["budget"][:12]), x="科室", y="全年执行数(万元)",
                                         title="全年执行数最多的12个科室（万元）", x_label_angle=-45, sort="-y", height=320)
                score_plot = gr.BarPlot(pd.DataFrame(data["scores"]), x="总分区间", y="项目数", title="总分分布",
                                        sort=[r["总分区间"] for r in data["scores"]], height=320)
            missed_plot = gr.BarPlot(pd.DataFrame(data["categories"]), x="二级指标", y="扣分或未达标指标数",
                                     title="扣分或未达标的指标（按二级指标）", sort="-y", height=300)
            with gr.Row():
                office_filter = gr.Dropdown(["全部"] + [r["科室"] for r in data["budget"]], value="全部", label="按科室",
                                            info="只看某个科室的项目")
                band_filter = gr.Dropdown(["全部"] + [r["总分区间"] for r in data["scores"]], value="全部",
                                          label="按总分区间", info="只看某个分数段的项目")
                category_filter = gr.Dropdown(["全部"] + [r["二级指标"] for r in data["categories"]], value="全部",
                                              label="按扣分的二级指标", info="列出该类扣分或未达标的指标行")
            overview_table = gr.Dataframe(interactive=False, wrap=True, max_height=420,
                                          value=pd.DataFrame(views.overview_rows(holder.assistant),
                                                             columns=PROJECT_HEADERS))

        with gr.Tab("上传", id="upload"):
            gr.Markdown(f"上传自评表文件：Excel 工作簿、Word 文档、PDF 或与 data/ 中格式相同的文本（{accepted_list()}，"
                        "每个不超过 10 MB）。文件先校验、解析，只有能读出自评表的文件才会保存并入库；出错的文件不会影响已有数据。")
            files = gr.File(file_count="multiple", file_types=sorted(REPORT_SUFFIXES), label="选择文件")
            upload_btn = gr.Button("校验并入库", variant="primary")
            upload_log = gr.Markdown()

        # -- events -------------------------------------------------------------------------------------------

        def respond(message, history, state):
            message = (message or "").strip()
            if not message:
                yield history, "", gr.update(), gr.update(), gr.update(), gr.update(), gr.update(), state
                return
            state = state if isinstance(state, Session) else Session()
            history = list(history or []) + [{"role": "user", "content": message}]
            yield history, "", gr.update(), gr.update(), gr.update(), gr.update(), gr.update(), state
            a = holder.assistant
            answer = a.ask(message, state)
            text = views.chat_text(answer)
            for end in range(STREAM_STEP, len(text), STREAM_STEP):
                yield (history + [{"role": "assistant", "content": text[:end]}], "", gr.update(), gr.update(),
                       gr.update(), gr.update(), gr.update(), state)
            headers, rows = views.answer_table(answer)
            csv_path, xlsx_path = views.export_files(answer) if rows else (None, None)
            yield (history + [{"role": "assistant", "content": text}], "", views.sources_markdown(a, answer),
                   gr.update(visible=bool(rows)),
                   gr.update(value=pd.DataFrame(rows, columns=headers) if rows else None),
                   gr.update(value=csv_path, visible=bool(csv_path)),
                   gr.update(value=xlsx_path, visible=bool(xlsx_path)), state)

        outputs = [chatbot, question, sources, table_box, table, csv_file, xlsx_file, session]
        question.submit(respond, [question, chatbot, session], outputs, api_visibility="private")
        send.click(respond, [question, chatbot, session], outputs, api_visibility="private")

        def reset():
            return [], "", "（尚无回答）", gr.update(visible=False), None, gr.update(visible=False), \
                gr.update(visible=False), None

        clear.click(reset, None, outputs, api_visibility="private")

        def run_check(text):
            result = holder.assistant.check(text or "")
            return result.text, views.claims_table(result)

        check_btn.click(run_check, statement, [verdict, claims], api_visibility="private")
        statement.submit(run_check, statement, [verdict, claims], api_visibility="private")

        def run_draft(name):
            from assistant.summarize import SummaryTargetError

            try:
                return holder.assistant.summarize(name or "全部").text
            except SummaryTargetError as exc:
                return str(exc)

        def show_draft(name):
            text = run_draft(name)
            return views.plain_text(text), text

        draft_btn.click(show_draft, target, [draft, draft_view], api_visibility="private")
        audit_query.change(lambda q: views.audit_rows(holder.assistant, q), audit_query, audit_table,
                           api_visibility="private")

        def filter_overview(office, band, category):
            office, band, category = ("" if v in (None, "全部") else v for v in (office, band, category))
            rows = views.overview_rows(holder.assistant, office, category, band)
            headers = INDICATOR_HEADERS if category else PROJECT_HEADERS
            return pd.DataFrame(rows, columns=headers)

        filters = [office_filter, band_filter, category_filter]
        for f in filters:
            f.change(filter_overview, filters, overview_table, api_visibility="private")

        def pick(kind):
            def handler(evt: gr.SelectData):
                value = evt.value if isinstance(evt.value, str) else None
                if isinstance(evt.value, (list, tuple)) and evt.value and isinstance(evt.value[0], str):
                    value = evt.value[0]
                value = value or "全部"
                return {"office": (value, "全部", "全部"), "band": ("全部", value, "全部"),
                        "category": ("全部", "全部", value)}[kind]
            return handler

        budget_plot.select(pick("office"), None, filters, api_visibility="private")
        score_plot.select(pick("band"), None, filters, api_visibility="private")
        missed_plot.select(pick("category"), None, filters, api_visibility="private")

        def run_upload(paths, request: gr.Request):
            from assistant.uploads import upload_markdown
            from index.versions import refuse_all, upload_paths

            if not paths:
                yield "请先选择文件。", gr.update(), gr.update(), gr.update()
                return
            user = getattr(request, "username", None) or ""
            if not access.may_write(user):
                yield upload_markdown(refuse_all(holder.config, paths, access.refusal())), gr.update(), gr.update(), \
                    gr.update()
                return
            yield "正在校验、入库并更新检索索引……", gr.update(), gr.update(), gr.update()
            report = upload_paths(holder.config, paths, user=user)  # a taken name is stored as a new file
            if report.stored:
                holder.reload()
            # The new forms show up in the drafting choices and the audit at once.
            yield (upload_markdown(report), mode_text(holder), gr.update(choices=views.summary_targets(holder.assistant)),
                   views.audit_rows(holder.assistant))

        upload_btn.click(run_upload, files, [upload_log, status, target, audit_table], api_visibility="private")

        # -- API endpoints for gradio_client ------------------------------------------------------------------

        def ask(question: str) -> str:
            """提问，返回带来源的回答（Markdown）。"""
            return holder.assistant.ask(question).text

        def check(statement: str) -> str:
            """核查一句话或一段话，返回逐条结论（Markdown）。"""
            return holder.assistant.check(statement).text

        def summarize(target: str) -> str:
            """为项目、科室或「全部」撰写绩效总结。"""
            return run_draft(target)

        gr.api(ask, api_name="ask")
        gr.api(check, api_name="check")
        gr.api(summarize, api_name="summarize")

        def upload(files, replace, request: gr.Request) -> dict:
            """上传报告文件（可多个）：返回已保存、未保存及原因，以及上传前后的项目数。replace 为真时替换同名文件（原文件存档，可恢复）。"""
            from index.versions import refuse_all, upload_paths

            user = getattr(request, "username", None) or ""
            if not access.may_write(user):
                return refuse_all(holder.config, files or [], access.refusal()).to_dict()
            report = upload_paths(holder.config, files or [], replace=bool(replace), user=user)
            if report.stored:
                holder.reload()
            return report.to_dict()

        with gr.Row(visible=False):  # inputs of the `upload` API only; the 上传 tab has its own
            api_files, api_replace = gr.File(file_count="multiple", label="files"), gr.Checkbox(False, label="replace")
            api_result = gr.JSON(label="report")
        gr.Button(visible=False).click(upload, [api_files, api_replace], api_result, api_name="upload")
    return demo


PROJECT_HEADERS = ["项目", "科室", "全年预算数(万元)", "全年执行数(万元)", "总分", "评分等级", "来源"]
INDICATOR_HEADERS = ["项目", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "来源"]


def main() -> None:
    config = load_config()
    holder = AssistantHolder(config, llm=make_chat_model(config))
    access = load_access(config)
    demo = build_ui(holder, access)
    demo.queue(default_concurrency_limit=8).launch(server_name=config.host, server_port=config.port, css=CSS,
                                                   max_file_size="10mb", theme=gr.themes.Soft(),
                                                   auth=access.check if access.required else None,
                                                   auth_message="绩效问答：请登录")


if __name__ == "__main__":
    main()
