"""The web app: browse the parsed forms and the audit findings."""
from __future__ import annotations

import os

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr  # noqa: E402

from assistant.browse import FINDING_COLUMNS, PROJECT_COLUMNS, finding_rows, load_overview, project_rows  # noqa: E402
from index.config import load_config  # noqa: E402
from index.store import Store  # noqa: E402


def build_ui(store: Store) -> gr.Blocks:
    def refresh(query: str, finding_query: str):
        overview = load_overview(store)
        rows = project_rows(overview.projects, query)
        findings = finding_rows(overview.findings, finding_query)
        status = f"库中共 {len(overview.projects)} 个项目，当前显示 {len(rows)} 个；审计发现 {len(overview.findings)} 条。"
        return rows, findings, status

    with gr.Blocks(title="绩效问答") as demo:
        gr.Markdown("# 绩效问答 · 财政项目支出绩效自评表")
        status = gr.Markdown()
        with gr.Tab("项目一览"):
            query = gr.Textbox(label="搜索", placeholder="输入项目名称、科室、实施单位、指标名称或评分等级，多个词用空格分隔")
            projects = gr.Dataframe(headers=PROJECT_COLUMNS, interactive=False, wrap=True)
        with gr.Tab("审计发现"):
            finding_query = gr.Textbox(label="筛选", placeholder="例如：警告、扣分、项目名称")
            findings = gr.Dataframe(headers=FINDING_COLUMNS, interactive=False, wrap=True)
        outputs = [projects, findings, status]
        demo.load(refresh, [query, finding_query], outputs)
        query.change(refresh, [query, finding_query], outputs, api_name=False)
        finding_query.change(refresh, [query, finding_query], outputs, api_name=False)
    return demo


def main() -> None:
    config = load_config()
    demo = build_ui(Store(config.db_path))
    demo.queue().launch(server_name=config.host, server_port=config.port)


if __name__ == "__main__":
    main()
