"""Look and language of the web app: theme (colours chosen for WCAG AA contrast), CSS, a small script, and the
Chinese for Gradio's built-in strings that its own zh-CN file lacks."""
from __future__ import annotations

import gradio as gr

# Text on these fills keeps a contrast of at least 4.5:1 (checked by the browser test).
PRIMARY = "#3730a3"  # indigo-800: white text 10.4:1
PRIMARY_HOVER = "#312e81"
SUBDUED = "#4b5563"  # gray-600 on white: 7.6:1
PLACEHOLDER = "#6b7280"  # gray-500 on white: 4.8:1


def theme() -> gr.themes.Base:
    return gr.themes.Soft(primary_hue="indigo", neutral_hue="gray").set(
        button_primary_background_fill=PRIMARY,
        button_primary_background_fill_hover=PRIMARY_HOVER,
        button_primary_text_color="#ffffff",
        button_primary_text_color_hover="#ffffff",
        button_secondary_text_color="#1f2937",
        input_placeholder_color=PLACEHOLDER,
        body_text_color_subdued=SUBDUED,
        block_info_text_color=SUBDUED,
        block_label_text_color="#1f2937",
        block_title_text_color="#1f2937",
        link_text_color=PRIMARY,
        color_accent=PRIMARY,
        color_accent_soft="#e0e7ff",
        checkbox_label_text_color="#1f2937",
        checkbox_label_background_fill_selected=PRIMARY,
        checkbox_label_text_color_selected="#ffffff",
        checkbox_background_color_selected=PRIMARY,
        checkbox_border_color_selected=PRIMARY,
    )


# Built-in strings missing from Gradio's zh-CN translations (its own keys, looked up by its frontend).
_BUILT_IN = {
    "chatbot.copy_message": "复制消息",
    "chatbot.copied_message": "已复制",
    "chatbot.complete": "完成",
    "chatbot.clear": "清空对话",
    "chatbot.retry": "重新生成",
    "chatbot.undo": "撤销",
    "chatbot.edit": "编辑",
    "chatbot.submit": "发送",
    "chatbot.cancel": "取消",
    "chatbot.like": "赞",
    "chatbot.dislike": "踩",
    "chat_interface.new_chat": "新对话",
    "chat_interface.message_placeholder": "输入问题……",
    "chat_interface.chatbot": "对话",
    "chat_interface.conversation": "对话",
    "dataframe.filter": "筛选",
    "dataframe.clear_filter": "清除筛选",
    "common.download_all": "全部下载",
    "common.progress": "进度",
    "common.run": "运行",
    "common.clear": "清除",
    "common.remove": "移除",
    "common.download": "下载",
    "common.upload": "上传",
    "common.loading": "加载中",
    "common.empty": "空",
    "upload_text.click_to_upload": "点击上传",
    "upload_text.drop_file": "将文件拖放到此处",
    "file.uploading": "正在上传...",
}


def i18n() -> gr.I18n:
    # The app speaks Chinese whatever the browser's language: an English-locale browser gets the same strings.
    return gr.I18n(**{locale: _BUILT_IN for locale in ("zh-CN", "zh", "zh-TW", "en", "en-US", "en-GB")})


CSS = """
footer {display: none !important;}
.jx-mode {font-size: 0.9em; padding: 2px 10px; border-radius: 10px; background: #e0e7ff; color: #1e1b4b;
          display: inline-block;}
.jx-status {color: #1f2937;}
/* tables: scroll inside their box on a desktop; one card per row on a phone */
.jx-table {max-height: 480px; overflow: auto; margin: 6px 0;}
.jx-table table {border-collapse: collapse; width: 100%; font-size: 0.92em;}
.jx-table th, .jx-table td {border: 1px solid #d1d5db; padding: 4px 6px; text-align: left; vertical-align: top;
                            color: #111827; background: #ffffff;}
.jx-table th {background: #eef2ff; position: sticky; top: 0;}
.jx-sortable th {cursor: pointer;}
.jx-table .jx-label {display: none;}
.jx-sortable th[aria-sort=ascending]::after {content: " ▲";}
.jx-sortable th[aria-sort=descending]::after {content: " ▼";}
.jx-table caption {text-align: left; font-weight: 600; padding: 4px 0; color: #111827;}
@media (max-width: 600px) {
  .jx-table {max-height: none; overflow: visible;}
  .jx-table table, .jx-table tbody, .jx-table tr, .jx-table td {display: block; width: auto;}
  .jx-table thead {display: none;}
  .jx-table tr {border: 1px solid #d1d5db; border-radius: 8px; margin: 0 0 8px; padding: 4px 8px; background: #fff;}
  .jx-table td {border: none; display: grid; grid-template-columns: 6.5em minmax(0, 1fr); gap: 6px; padding: 2px 0;
                overflow-wrap: anywhere;}
  .jx-table .jx-label {display: block; font-weight: 600; color: #374151;}
  /* six short tabs fit a phone's width when their padding shrinks, so none hides in an overflow menu */
  #jx-tabs .tab-container button {padding-left: 8px !important; padding-right: 8px !important; min-width: 0 !important;}
  #jx-charts {flex-direction: column !important;}  /* charts one under another, each the full width */
  #jx-charts > * {width: 100% !important; min-width: 0 !important;}
  .gradio-container {padding-left: 6px !important; padding-right: 6px !important;}
}
/* sources under each answer */
.jx-sources {margin-top: 8px; border-top: 1px solid #d1d5db; padding-top: 4px;}
.jx-sources summary {cursor: pointer; color: #1e1b4b; font-weight: 600;}
.jx-source-list {list-style: none; padding-left: 0; margin: 4px 0;}
.jx-source-list li {margin: 4px 0;}
.jx-cite {font-weight: 700; color: #1e1b4b;}
.jx-source-where {color: #374151;}
.jx-source-row {font-size: 0.9em; background: #f3f4f6; color: #111827; padding: 2px 6px; border-radius: 4px;
                overflow-wrap: anywhere;}
.jx-notice {background: #fef3c7; color: #78350f; border: 1px solid #b45309; border-radius: 6px; padding: 4px 8px;
            margin-bottom: 6px; font-weight: 600;}
/* verdicts: a sign and a word, and a colour */
.jx-verdict {display: inline-block; padding: 0 8px; border-radius: 10px; font-weight: 700; border: 1px solid;}
.jx-verdict-ok {color: #14532d; background: #dcfce7; border-color: #15803d;}
.jx-verdict-bad {color: #7f1d1d; background: #fee2e2; border-color: #b91c1c;}
.jx-verdict-part {color: #78350f; background: #fef3c7; border-color: #b45309;}
.jx-verdict-unknown {color: #1f2937; background: #e5e7eb; border-color: #4b5563;}
.jx-claims {padding-left: 0; list-style: none;}
.jx-claim {margin: 8px 0; padding: 6px 8px; border: 1px solid #d1d5db; border-radius: 8px; color: #111827;}
.jx-claim-detail {margin-left: 1em; font-size: 0.95em; overflow-wrap: anywhere;}
.jx-k {color: #374151; font-weight: 600;}
/* bar charts: every bar a button */
.jx-chart {margin: 0 0 12px; min-width: 0;}
.jx-chart figcaption {font-weight: 700; margin-bottom: 4px; color: #111827;}
.jx-bars {list-style: none; padding: 0; margin: 0;}
.jx-bar {display: grid; grid-template-columns: minmax(4em, 9em) minmax(0, 1fr) auto; gap: 6px; align-items: center;
         width: 100%; background: transparent; border: 1px solid transparent; border-radius: 4px; padding: 2px 4px;
         cursor: pointer; color: #111827; text-align: left; font: inherit;}
.jx-bar:hover, .jx-bar:focus-visible {border-color: #3730a3; background: #eef2ff;}
.jx-bar[aria-pressed=true] {border-color: #3730a3; background: #e0e7ff; font-weight: 700;}
.jx-bar-label {overflow: hidden; text-overflow: ellipsis; white-space: nowrap;}
.jx-bar-track {background: #f3f4f6; height: 14px; border-radius: 3px; overflow: hidden;}
.jx-bar-fill {display: block; height: 100%; background: #4f46e5;}
.jx-bar-value {font-variant-numeric: tabular-nums; white-space: nowrap; color: #111827;}
.jx-applied {color: #1f2937;}
/* the conversation list */
#jx-history label {max-width: 100%;}
#jx-history span {overflow-wrap: anywhere;}
"""

# Sorting any .jx-sortable table by a click (or Enter) on its header; numbers sort as numbers.
HEAD = """
<script>
(function () {
  function key(td) {
    var v = td && td.querySelector(".jx-v");
    var t = (v ? v.textContent : td ? td.textContent : "").trim();
    var n = parseFloat(t.replace(/[^0-9.\\-]/g, ""));
    return /^[\\d.\\-]/.test(t) && !isNaN(n) ? n : t;
  }
  function sort(th) {
    var table = th.closest("table"), i = Array.prototype.indexOf.call(th.parentNode.children, th);
    var asc = th.getAttribute("aria-sort") !== "ascending";
    th.parentNode.querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", asc ? "ascending" : "descending");
    var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a.cells[i]), y = key(b.cells[i]);
      var c = (typeof x === "number" && typeof y === "number") ? x - y : String(x).localeCompare(String(y), "zh");
      return asc ? c : -c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  document.addEventListener("click", function (e) {
    var th = e.target.closest && e.target.closest(".jx-sortable th");
    if (th) sort(th);
  });
  // Screen-reader names Gradio writes in English, with no translation key: renamed as they appear.
  var names = [[/^More tabs$/, "更多标签页"], [/^Select example (\\d+): ([\\s\\S]*)$/, "示例 $1：$2"],
               [/^Click to upload or drop files$/, "点击上传或拖放文件"], [/^Remove this file$/, "移除此文件"],
               [/^Copy$/, "复制"], [/^Copied!?$/, "已复制"]];
  function rename(root) {
    root.querySelectorAll("[aria-label]").forEach(function (el) {
      var name = el.getAttribute("aria-label");
      names.forEach(function (n) { if (n[0].test(name)) el.setAttribute("aria-label", name.replace(n[0], n[1])); });
    });
  }
  new MutationObserver(function () { rename(document); })
    .observe(document.documentElement, {childList: true, subtree: true, attributes: true,
                                        attributeFilter: ["aria-label"]});
  document.addEventListener("keydown", function (e) {
    var th = e.target.closest && e.target.closest(".jx-sortable th");
    if (th && (e.key === "Enter" || e.key === " ")) { e.preventDefault(); sort(th); }
  });
})();
</script>
"""


def launch_options() -> dict:
    """What ``launch`` needs besides host and port (shared by ``app.main`` and the tests)."""
    return {"css": CSS, "theme": theme(), "head": HEAD, "i18n": i18n(), "max_file_size": "10mb"}
