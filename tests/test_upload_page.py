"""The 上传 tab's handlers, called as its events call them: upload, list, delete, restore, choose, and refusals
for users who may not write."""
from __future__ import annotations

import json
from dataclasses import replace
from types import SimpleNamespace

import gradio as gr
import pytest

from assistant.service import AssistantHolder
from conftest import SEED, make_form
from index.auth import hash_password, load_access
from webui.page import App
from webui.upload import UploadPage


def page_for(config, access=None) -> UploadPage:
    app = App(AssistantHolder(config), access)
    page = UploadPage(app)
    with gr.Blocks():
        page.build()
    return page


def as_user(name: str):
    return SimpleNamespace(username=name)


def test_upload_list_delete_and_restore(seeded, tmp_path):
    page = page_for(seeded)
    path = tmp_path / "新镇.txt"
    path.write_text(make_form(name="测试办-页面上传"), encoding="utf-8")
    log = page.run([str(path)], False)
    assert log.split("\n")[0] == "- 【已保存】新镇.txt：1 张自评表"
    assert log.split("\n")[-1] == "- 库中项目：上传前 104 个，上传后 105 个"
    assert page.app.holder.assistant.store.project_count() == 105

    _, delete_pick, _, restore_pick, _, _ = page.listing()
    assert delete_pick["choices"] == [SEED.name, "新镇.txt"]
    assert page.delete("新镇.txt") == ("- 【已完成】已删除「新镇.txt」（1 张自评表），文件已存档，可恢复\n"
                                       "- 库中项目：之前 105 个，现在 104 个")
    assert page.app.holder.assistant.store.project_count() == 104
    assert not (seeded.reports / "新镇.txt").exists()

    _, _, _, restore_pick, _, _ = page.listing()
    (label, value), = [c for c in restore_pick["choices"] if c[0].startswith("新镇.txt")]
    assert label.startswith("新镇.txt · 已删除 · ") and label.endswith(" · 1 张表")
    name, sha = json.loads(value)
    assert name == "新镇.txt" and len(sha) == 64
    result = page.restore(value)
    assert result.startswith("- 【已完成】已恢复「新镇.txt」") and result.endswith("之前 104 个，现在 105 个")
    assert (seeded.reports / "新镇.txt").read_text(encoding="utf-8") == path.read_text(encoding="utf-8")
    assert page.delete(None) == "没有选择，未作改动。"  # the delete confirmation was cancelled


def test_a_gbk_copy_of_the_seed_is_counted_once_and_the_user_chooses_which_file_counts(seeded, tmp_path):
    page = page_for(seeded)
    copy = tmp_path / "副本.txt"
    copy.write_bytes(SEED.read_text(encoding="utf-8").encode("gb18030"))  # the same forms, another encoding
    page.run([str(copy)], False)
    assert page.app.holder.assistant.store.project_count() == 104
    *_, duplicates_html, choose_pick = page.listing()
    assert "共 104 张自评表在多个文件中" in duplicates_html
    first = choose_pick["choices"][0]
    project, department, year, file = json.loads(first[1])
    assert file == "副本.txt" and first[0] == f"{project}（{department}，{year}）→ 以「副本.txt」为准"
    assert page.choose(first[1]).startswith(f"- 【已完成】「{project}」（{department}，{year}）今后以「副本.txt」为准")


@pytest.fixture
def guarded(seeded):
    config = replace(seeded, users=f"admin:admin:{hash_password('管理员密码123')};reader:reader:{hash_password('读者密码456')}")
    return page_for(config, load_access(config))


def test_readers_may_not_upload_delete_restore_or_choose(guarded, tmp_path):
    path = tmp_path / "新镇.txt"
    path.write_text(make_form(name="测试办-读者上传"), encoding="utf-8")
    refusal = "只有管理员（admin）可以上传、删除或恢复报告文件"
    assert guarded.run([str(path)], False, as_user("reader")).split("\n")[0] == f"- 【未保存】新镇.txt：{refusal}"
    assert guarded.delete(SEED.name, as_user("reader")) == refusal
    assert guarded.restore(json.dumps([SEED.name, "0" * 64]), as_user("reader")) == refusal
    assert (guarded.app.holder.config.reports / SEED.name).exists()
    assert guarded.app.holder.assistant.store.project_count() == 104
    assert guarded.run([str(path)], False, as_user("admin")).split("\n")[-1] == "- 库中项目：上传前 104 个，上传后 105 个"
