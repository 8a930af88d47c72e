"""Report files as users manage them: nothing an upload, a same name, a duplicate or a deletion does loses data."""
import threading

import pytest

from assistant.service import Assistant
from assistant.uploads import duplicate_rows, file_rows, upload_markdown, version_rows
from conftest import SEED, make_form
from index import library, versions
from index.locks import writer_lock
from index.search_index import SearchIndex, search_root
from index.store import Store
from index.vectors import VectorIndex

SEED_SHA = "72e742e055bc50781033927e886d7fc4e5dd90bb7b785dca064835122fddb16f"
OTHER = "000_ce9e36a26cba1e6e-2.txt"


def counted(config) -> int:
    return Store(config.db_path).project_count()


def assert_indexes_match_store(config):
    """The store in service, its saved search index and the vector index hold the same chunks."""
    from index.chunks import chunks_for

    store = Store(config.db_path)
    wanted = {c.vector_id for c in chunks_for(store.projects())}
    assert VectorIndex(config, store).ids() == wanted
    saved = SearchIndex.load(search_root(config) / store.get_meta("search_index"))
    assert {c.vector_id for c in saved.all_chunks()} == wanted


def test_same_name_upload_is_stored_as_a_new_file(seeded):
    report = versions.upload(seeded, [(SEED.name, make_form().encode())])
    assert report.to_dict() == {
        "files": [{"name": SEED.name, "stored_as": OTHER, "status": "stored",
                   "reason": f"已有同名文件「{SEED.name}」，另存为「{OTHER}」；如要替换原文件，请确认替换后重新上传；1 张自评表",
                   "forms": 1, "problems": (), "duplicates": 0, "same_name": SEED.name}],
        "projects_before": 104, "projects_after": 105, "vector_error": ""}
    assert (seeded.reports / SEED.name).read_bytes() == SEED.read_bytes()  # the stored report is untouched
    assert [(s.name, s.forms) for s in Store(seeded.db_path).sources()] == [(OTHER, 1), (SEED.name, 104)]
    assert_indexes_match_store(seeded)


def test_names_that_only_differ_in_replaced_characters_or_beyond_100_do_not_collide(home):
    long_a, long_b = "长" * 100 + "甲.txt", "长" * 100 + "乙.txt"
    files = [("桃浦 镇.txt", make_form(name="测试办-甲").encode()), ("桃浦?镇.txt", make_form(name="测试办-乙").encode()),
             (long_a, make_form(name="测试办-丙").encode()), (long_b, make_form(name="测试办-丁").encode())]
    report = versions.upload(home, files)
    assert [(f.stored_as, f.status) for f in report.files] == [
        ("桃浦_镇.txt", "stored"), ("桃浦_镇-2.txt", "stored"), ("长" * 50 + ".txt", "stored"),
        ("长" * 50 + "-2.txt", "stored")]
    assert (report.projects_before, report.projects_after) == (0, 4)


def test_replacing_with_fewer_forms_or_errors_is_refused_unless_forced(seeded):
    one = make_form().encode()
    refused = versions.upload(seeded, [(SEED.name, one)], replace=True)
    assert [(f.status, f.reason) for f in refused.files] == [
        ("refused", f"未替换「{SEED.name}」：新版本只有 1 张表，少于原有的 104 张，保留原有数据；确认无误后可强制替换")]
    truncated = "\n".join(SEED.read_text(encoding="utf-8").splitlines()[:1500]).encode()
    refused = versions.upload(seeded, [(SEED.name, truncated)], replace=True)
    assert refused.files[0].reason == (f"未替换「{SEED.name}」：新版本有 1 处解析错误（读出 55 张表），保留原有的 104 张；"
                                       "确认无误后可强制替换")
    assert (refused.projects_before, refused.projects_after) == (104, 104)
    assert (seeded.reports / SEED.name).read_bytes() == SEED.read_bytes()

    forced = versions.upload(seeded, [(SEED.name, one)], replace=True, force=True)
    assert [(f.status, f.stored_as, f.reason) for f in forced.files] == [
        ("replaced", SEED.name, f"已替换「{SEED.name}」（原文件已存档，可恢复）；1 张自评表")]
    assert (forced.projects_before, forced.projects_after) == (104, 1)
    old = [v for v in versions.history(seeded, SEED.name) if v.restorable]
    assert [(v.sha256, v.forms, v.state) for v in old] == [(SEED_SHA, 104, "已替换")]
    assert library.blob_path(seeded, SEED_SHA, ".txt").read_bytes() == SEED.read_bytes()

    back = versions.restore(seeded, SEED.name, SEED_SHA)
    assert (back.done, back.projects_before, back.projects_after) == (True, 1, 104)
    assert back.reason.startswith(f"已恢复「{SEED.name}」") and back.reason.endswith("的版本（104 张自评表）")
    assert (seeded.reports / SEED.name).read_bytes() == SEED.read_bytes()
    assert_indexes_match_store(seeded)


def test_identical_content_is_not_stored_twice(seeded):
    report = versions.upload(seeded, [("copy.txt", SEED.read_bytes())])
    assert [(f.status, f.stored_as, f.reason) for f in report.files] == [
        ("unchanged", SEED.name, f"与已存文件「{SEED.name}」内容完全相同，未重复保存")]
    assert not (seeded.reports / "copy.txt").exists()


def test_refused_types_sizes_and_non_reports(home):
    from index.limits import MAX_BYTES

    report = versions.upload(home, [("a.py", b"print(1)"), ("big.txt", b"x" * (MAX_BYTES + 1)),
                                    ("notes.txt", "会议纪要\n".encode())])
    assert [(f.status, f.reason) for f in report.files] == [
        ("refused", "a.py：不支持「.py」文件，只接受 .docx、.md、.pdf、.tsv、.txt、.xlsx 文件"),
        ("refused", "big.txt：文件过大（10.0 MB），上限 10 MB"),
        ("refused", "没有可入库的自评表，未保存")]
    assert report.files[2].problems == ("第 1 行：未找到任何绩效自评表：文件中没有「项目名称」行，这不是自评表文件",)
    assert list(home.reports.iterdir()) == []


def test_two_uploads_at_once_are_both_stored_and_indexed(seeded):
    results = {}
    barrier = threading.Barrier(2)

    def send(n):
        barrier.wait()
        results[n] = versions.upload(seeded, [(f"第{n}批.txt", make_form(name=f"测试办-并发{n}").encode())])

    threads = [threading.Thread(target=send, args=(n,)) for n in (1, 2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(f.status for r in results.values() for f in r.files) == ["stored", "stored"]
    assert sorted((r.projects_before, r.projects_after) for r in results.values()) == [(104, 105), (105, 106)]
    assert {s.name for s in Store(seeded.db_path).sources()} == {SEED.name, "第1批.txt", "第2批.txt"}
    assert_indexes_match_store(seeded)
    searcher = Assistant(seeded).searcher
    assert {"测试办-并发1", "测试办-并发2"} <= set(searcher.project_names)


def test_an_upload_waits_for_the_writer_and_says_so_when_it_cannot(seeded):
    with writer_lock(seeded):
        holder = threading.Thread(target=lambda: None)
        holder.start()
        holder.join()
        result = {}
        t = threading.Thread(target=lambda: result.setdefault("r", versions.upload(
            seeded, [("x.txt", make_form().encode())], lock_timeout=0.2)))
        t.start()
        t.join(10)
    assert [(f.status, f.reason) for f in result["r"].files] == [
        ("refused", "另一项入库、删除或恢复正在进行，请稍后再试")]
    assert not (seeded.reports / "x.txt").exists()


def test_a_duplicate_file_is_reported_and_not_double_counted(seeded):
    gbk = SEED.read_text(encoding="utf-8").encode("gb18030")
    report = versions.upload(seeded, [("副本.txt", gbk)])
    [outcome] = report.files
    assert (outcome.status, outcome.duplicates, report.projects_before, report.projects_after) == (
        "stored", 104, 104, 104)
    assert outcome.reason == (f"104 张自评表；其中 104 张与「{SEED.name}」中的同一张表（项目、主管部门、"
                              "年度相同）重复，只计一次：104 张以原文件为准，0 张以本文件为准，可在上传页改选")
    a = Assistant(seeded)
    assert a.ask("社发办所有项目全年执行数合计").text.startswith(
        "社发办项目共 **23** 个，全年执行数合计 **3807.15** 万元")
    dups = versions.duplicates(seeded)
    assert len(dups) == 104 and all(d.same_figures for d in dups)
    first = next(d for d in dups if d.project == "安全办-消防安全专项经费")
    assert (first.kept, first.hidden) == ((SEED.name, 5), (("副本.txt", 5),))
    assert duplicate_rows(seeded)[0] == ["信访办-信访工作经费", "上海市普陀区桃浦镇人民政府", 2023,
                                         f"{SEED.name}:2537", "副本.txt:2537", "相同"]

    # The user picks the copy: it is counted instead, and the choice survives later builds.
    chosen = versions.choose(seeded, first.project, first.department, first.year, "副本.txt")
    assert (chosen.done, chosen.projects_before, chosen.projects_after) == (True, 104, 104)
    assert chosen.reason == "「安全办-消防安全专项经费」（上海市普陀区桃浦镇人民政府，2023）今后以「副本.txt」为准"
    from index.build import build

    build(seeded)
    [p] = Store(seeded.db_path).projects(["安全办-消防安全专项经费"])
    assert (p.file, p.line) == ("副本.txt", 5)
    assert [(f.name, f.forms, f.counted) for f in versions.stored_files(seeded)] == [
        (SEED.name, 104, 103), ("副本.txt", 104, 1)]
    assert versions.choose(seeded, first.project, first.department, first.year, "别的.txt").reason == (
        "「安全办-消防安全专项经费」没有来自「别的.txt」的重复表")


def test_delete_and_restore(seeded):
    versions.upload(seeded, [("另一镇.txt", make_form(name="测试办-另一镇项目").encode())])
    deleted = versions.delete(seeded, "另一镇.txt")
    assert (deleted.done, deleted.reason, deleted.projects_before, deleted.projects_after) == (
        True, "已删除「另一镇.txt」（1 张自评表），文件已存档，可恢复", 105, 104)
    assert not (seeded.reports / "另一镇.txt").exists()
    [gone] = versions.history(seeded, "另一镇.txt")
    assert (gone.state, gone.restorable, gone.forms, gone.origin) == ("已删除", True, 1, "上传")
    assert versions.delete(seeded, "另一镇.txt").reason == "没有名为「另一镇.txt」的文件"
    back = versions.restore(seeded, "另一镇.txt", gone.sha256)
    assert (back.done, back.projects_after) == (True, 105)
    assert versions.restore(seeded, "另一镇.txt", "0" * 64).reason == "存档中没有「另一镇.txt」的这个版本"
    assert_indexes_match_store(seeded)


def test_stored_files_and_log_for_the_upload_tab(seeded):
    report = versions.upload(seeded, [(SEED.name, make_form().encode()), ("a.py", b"x")], user="王五")
    assert upload_markdown(report) == "\n".join([
        f"- 【已保存】{SEED.name}：已有同名文件「{SEED.name}」，另存为「{OTHER}」；如要替换原文件，请确认替换后重新上传；1 张自评表",
        "- 【未保存】a.py：a.py：不支持「.py」文件，只接受 .docx、.md、.pdf、.tsv、.txt、.xlsx 文件",
        "- 库中项目：上传前 104 个，上传后 105 个"])
    rows = file_rows(seeded)
    assert [r[:3] + r[4:] for r in rows] == [[OTHER, 1, 1, "上传", "王五", 0], [SEED.name, 104, 104, "报告目录", "", 0]]
    assert versions.same_names(seeded, [SEED.name, "新.txt", "000 ce9e36a26cba1e6e.txt"]) == {
        SEED.name: SEED.name, "000 ce9e36a26cba1e6e.txt": SEED.name}
    assert [r[1] for r in version_rows(seeded)] == ["在用", "在用"]


def test_refusal_for_users_who_may_not_upload(seeded):
    report = versions.refuse_all(seeded, ["/tmp/gradio/abc/报告.txt"], "只有管理员（admin）可以上传、删除或恢复报告文件")
    assert report.to_dict() == {"files": [{"name": "报告.txt", "stored_as": "", "status": "refused",
                                           "reason": "只有管理员（admin）可以上传、删除或恢复报告文件", "forms": 0,
                                           "problems": (), "duplicates": 0, "same_name": ""}],
                                "projects_before": 104, "projects_after": 104, "vector_error": ""}


def test_a_failed_build_puts_the_report_directory_back(seeded, monkeypatch):
    import index.versions as v

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(v, "build", broken)
    report = versions.upload(seeded, [(SEED.name, make_form().encode())], replace=True, force=True)
    assert [(f.status, f.reason) for f in report.files] == [
        ("refused", "入库时出错，未保存，已恢复原状（详情见服务器日志）")]
    assert (seeded.reports / SEED.name).read_bytes() == SEED.read_bytes()
    assert sorted(p.name for p in seeded.reports.iterdir()) == [SEED.name]
    assert counted(seeded) == 104


@pytest.mark.parametrize("edit, kept", [
    (lambda text: text + "\n" + make_form(name="测试办-新增"), False),  # one more form: replaced
    (lambda text: "\n".join(text.splitlines()[:1500]), True),  # cut short: the stored forms stay
])
def test_build_keeps_a_broken_new_version_of_a_file_in_the_report_directory(seeded, edit, kept):
    from index.build import build

    path = seeded.reports / SEED.name
    path.write_text(edit(SEED.read_text(encoding="utf-8")), encoding="utf-8")
    summary = build(seeded)
    [f] = summary.files
    assert f.kept_previous is kept
    assert counted(seeded) == (104 if kept else 105)
