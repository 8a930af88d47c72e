"""The 概览 tab: bar charts whose bars open their list with one click, and filters that combine (AND)."""
from __future__ import annotations

import gradio as gr

from assistant import browse, views
from assistant.browse import ALL, OverviewFilter

from .page import BasePage, Refresh

# A click on a bar (a <button>) tells the server which bar it was.
BAR_CLICK = """
element.addEventListener('click', function (e) {
  var bar = e.target.closest('.jx-bar');
  if (bar) trigger('click', {bar_kind: bar.dataset.kind, bar_value: bar.dataset.value});
});
"""
TITLES = {"office": "全年执行数（按科室，万元）", "band": "总分分布（项目数）", "category": "扣分或未达标的指标（按二级指标）"}


class OverviewPage(BasePage):
    def build(self) -> None:
        self.counts = gr.Markdown(elem_id="jx-overview-counts")
        with gr.Row(elem_id="jx-charts"):
            self.office_chart = gr.HTML(js_on_load=BAR_CLICK, elem_id="jx-chart-office", min_width=280)
            with gr.Column(min_width=280):
                self.band_chart = gr.HTML(js_on_load=BAR_CLICK, elem_id="jx-chart-band")
                self.category_chart = gr.HTML(js_on_load=BAR_CLICK, elem_id="jx-chart-category")
        with gr.Row():
            self.office = gr.Dropdown([ALL], value=ALL, label="科室", min_width=160, elem_id="jx-f-office")
            self.band = gr.Dropdown([ALL] + browse.BANDS, value=ALL, label="总分区间", min_width=160, elem_id="jx-f-band")
            self.category = gr.Dropdown([ALL], value=ALL, label="扣分的二级指标", min_width=160, elem_id="jx-f-category")
            self.reset = gr.Button("清除筛选", min_width=100, elem_id="jx-f-reset")
        self.applied = gr.Markdown(elem_id="jx-applied", elem_classes="jx-applied")
        self.table = gr.HTML(elem_id="jx-overview-list")

    def _view(self, office=ALL, band=ALL, category=ALL):
        """Everything the tab shows for these filters (charts mark the chosen bars)."""
        a = self.assistant
        data = browse.overview_data(a)
        flt = OverviewFilter.of(office, band, category)
        headers, rows = browse.overview_rows(a, flt)
        what = "条指标" if flt.category else "个项目"
        applied = (f"当前筛选：{flt.described()}，共 {len(rows)} {what}。" if flt.described()
                   else f"未筛选：全部 {len(rows)} 个项目。") + "点击柱子或选择下面的条件（多个条件同时满足）查看清单。"
        return (f"共 {data['projects']} 个项目、{data['indicators']} 条指标。",
                browse.bar_chart_html(TITLES["office"], data["budget"], "office", flt.office),
                browse.bar_chart_html(TITLES["band"], data["scores"], "band", flt.band),
                browse.bar_chart_html(TITLES["category"], data["categories"], "category", flt.category),
                gr.update(choices=[ALL] + [b.label for b in data["budget"]], value=flt.office or ALL),
                gr.update(value=flt.band or ALL),
                gr.update(choices=[ALL] + [b.label for b in data["categories"]], value=flt.category or ALL),
                applied, views.html_table(headers, rows))

    def click(self, evt: gr.EventData, office, band, category):
        kind, value = getattr(evt, "bar_kind", None), getattr(evt, "bar_value", None)
        current = {"office": office, "band": band, "category": category}
        if kind in current and value:
            current[kind] = ALL if current[kind] == value else value  # a second click on a chosen bar lets go
        return self._view(**current)

    def events(self) -> None:
        filters = [self.office, self.band, self.category]
        outputs = [self.counts, self.office_chart, self.band_chart, self.category_chart, *filters, self.applied,
                   self.table]
        for chart in (self.office_chart, self.band_chart, self.category_chart):
            chart.click(self.click, filters, outputs, api_visibility="private")
        for f in filters:
            f.input(self._view, filters, outputs, api_visibility="private")
        self.reset.click(lambda: self._view(), None, outputs, api_visibility="private")
        self._outputs = outputs

    def refresh(self) -> Refresh:
        return Refresh(lambda: self._view(), [self.counts, self.office_chart, self.band_chart, self.category_chart,
                                             self.office, self.band, self.category, self.applied, self.table])
