"""The 上传 tab: upload files, see what became of each; the stored files with delete; the archived versions with
restore; forms held by several files with the choice of which one counts. The work is index.versions'; the rows
and logs come from assistant.uploads. Every change is refused to users who may not write, and every tab refreshes
after one that did something."""
from __future__ import annotations

import json

import gradio as gr

from assistant import uploads, views
from index import versions
from index.build import REPORT_SUFFIXES
from index.readers import accepted_list

from .page import BasePage, Refresh


def _user(request: gr.Request | None) -> str:
    return (getattr(request, "username", None) or "") if request is not None else ""


class UploadPage(BasePage):
    def build(self) -> None:
        gr.Markdown(f"上传自评表文件：Excel 工作簿、Word 文档、PDF 或与 data/ 中格式相同的文本（{accepted_list()}，"
                    "每个不超过 10 MB）。文件先校验、解析，只有能读出自评表的文件才会保存并入库；出错的文件不会影响已有数据。"
                    "已保存的文件不会被覆盖：同名文件默认另存为新文件名，勾选「替换同名文件」时原文件存档、可恢复。"
                    "入库后各页的数字和清单随即更新。")
        self.files = gr.File(file_count="multiple", file_types=sorted(REPORT_SUFFIXES), label="选择文件",
                             elem_id="jx-files")
        self.replace = gr.Checkbox(False, label="替换同名文件（原文件存档，可恢复）", elem_id="jx-replace")
        self.button = gr.Button("校验并入库", variant="primary", elem_id="jx-upload")
        self.log = gr.Markdown(elem_id="jx-upload-log")

        with gr.Accordion("库中的文件（可删除；删除的文件存档，可恢复）", open=False, elem_id="jx-stored"):
            self.stored = gr.HTML(elem_id="jx-stored-files")
            with gr.Row():
                self.delete_pick = gr.Dropdown([], label="要删除的文件", elem_id="jx-delete-pick")
                self.delete_btn = gr.Button("删除此文件", variant="stop", elem_id="jx-delete-file")
        with gr.Accordion("存档的版本（可恢复）", open=False, elem_id="jx-versions"):
            self.versions = gr.HTML(elem_id="jx-version-list")
            with gr.Row():
                self.restore_pick = gr.Dropdown([], label="要恢复的版本", elem_id="jx-restore-pick")
                self.restore_btn = gr.Button("恢复此版本", elem_id="jx-restore")
        with gr.Accordion("多个文件中都有的自评表（每张只计一次）", open=False, elem_id="jx-duplicates"):
            self.duplicates = gr.HTML(elem_id="jx-duplicate-list")
            with gr.Row():
                self.choose_pick = gr.Dropdown([], label="以哪个文件为准", elem_id="jx-choose-pick")
                self.choose_btn = gr.Button("以此文件为准", elem_id="jx-choose")
        self.change_log = gr.Markdown(elem_id="jx-change-log")

    # -- what is listed ------------------------------------------------------------------------------------------

    def listing(self):
        config = self.app.holder.config
        files = uploads.file_rows(config)
        kept = uploads.version_rows(config)
        dups = versions.duplicates(config)
        restorable = [(f"{r[0]} · {r[1]} · {r[3]} · {r[2]} 张表", json.dumps([r[0], r[5]], ensure_ascii=False))
                      for r in kept if r[6] == "是"]
        choices = [(f"{d.project}（{d.department}，{d.year or '年度不详'}）→ 以「{f}」为准",
                    json.dumps([d.project, d.department, d.year, f], ensure_ascii=False))
                   for d in dups for f in d.files if f != d.kept[0]]
        return (views.html_table(uploads.FILE_HEADERS, files, caption=f"共 {len(files)} 个文件"),
                gr.update(choices=[r[0] for r in files], value=None),
                views.html_table(uploads.VERSION_HEADERS, kept, caption=f"共 {len(kept)} 个版本"),
                gr.update(choices=restorable, value=None),
                views.html_table(uploads.DUPLICATE_HEADERS, uploads.duplicate_rows(config),
                                 caption=f"共 {len(dups)} 张自评表在多个文件中"),
                gr.update(choices=choices, value=None))

    def _outputs(self) -> list:
        return [self.stored, self.delete_pick, self.versions, self.restore_pick, self.duplicates, self.choose_pick]

    # -- changes -------------------------------------------------------------------------------------------------

    def run(self, paths, replace, request: gr.Request = None):
        config, user = self.app.holder.config, _user(request)
        if not paths:
            return "请先选择文件。"
        access = self.app.access
        if not access.may_write(user):
            return uploads.upload_markdown(versions.refuse_all(config, paths, access.refusal()))
        report = versions.upload_paths(config, paths, replace=bool(replace), user=user)
        if report.stored:
            self.app.holder.reload()
        return uploads.upload_markdown(report)

    def _change(self, picked, request, act) -> str:
        if not picked:
            return "没有选择，未作改动。"
        access, user = self.app.access, _user(request)
        if not access.may_write(user):
            return access.refusal()
        report = act(self.app.holder.config, picked, user)
        if report.done:
            self.app.holder.reload()
        return uploads.change_markdown(report)

    def delete(self, name, request: gr.Request = None) -> str:
        return self._change(name, request, lambda config, n, user: versions.delete(config, n, user=user))

    def restore(self, picked, request: gr.Request = None) -> str:
        def act(config, value, user):
            name, sha = json.loads(value)
            return versions.restore(config, name, sha, user=user)

        return self._change(picked, request, act)

    def choose(self, picked, request: gr.Request = None) -> str:
        def act(config, value, user):
            project, department, year, file = json.loads(value)
            return versions.choose(config, project, department, year, file)

        return self._change(picked, request, act)

    def events(self) -> None:
        done = self.button.click(self.run, [self.files, self.replace], self.log, api_visibility="private")
        self.app.after_data_change(done)
        # Deleting asks first (the file stays in the archive, but its forms leave every answer at once).
        confirm = "(name) => (name && confirm('删除「' + name + '」？其中的自评表将不再计入回答；文件存档，可恢复。')) ? name : ''"
        for button, pick, fn, js in ((self.delete_btn, self.delete_pick, self.delete, confirm),
                                     (self.restore_btn, self.restore_pick, self.restore, None),
                                     (self.choose_btn, self.choose_pick, self.choose, None)):
            self.app.after_data_change(button.click(fn, pick, self.change_log, js=js, api_visibility="private"))

    def refresh(self) -> Refresh:
        return Refresh(self.listing, self._outputs())
