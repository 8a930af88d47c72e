"""The web app's HTTP API (gradio_client against an in-process server) and upload-path safety."""
from __future__ import annotations

import os
import threading

import pytest

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")

from gradio_client import Client  # noqa: E402

from tests.conftest import make_form  # noqa: E402


@pytest.fixture
def server(seeded):
    """The app over the seed corpus, served on a free loopback port; yields its local URL."""
    from assistant.service import AssistantHolder
    from tests.conftest import free_port
    from webui import build_ui

    holder = AssistantHolder(seeded)
    demo = build_ui(holder)
    _, url, _ = demo.queue(default_concurrency_limit=8).launch(
        prevent_thread_lock=True, server_name="127.0.0.1", server_port=free_port(), quiet=True)
    try:
        yield url
    finally:
        demo.close()


def client(url: str) -> Client:
    return Client(url, verbose=False, analytics_enabled=False, download_files=False)


def test_ask_check_summarize(server):
    c = client(server)

    answer = c.predict("哪些项目满意度未达标", api_name="/ask")
    assert answer.startswith("共检索104个项目，58个项目的满意度指标未达到年度指标值：")
    assert "安全办-消防实事项目经费" in answer and "000_ce9e36a26cba1e6e.txt:58" in answer

    verdict = c.predict("城运中心-应用场景项目受益群众满意度为80%。", api_name="/check")
    assert verdict.startswith("核查结论：**错误**")
    assert "70.00(%)" in verdict

    summary = c.predict("安全办-消防安全专项经费", api_name="/summarize")
    assert "139.87" in summary
    assert "98 分" in summary


def test_only_named_endpoints_are_public(server):
    api = client(server).view_api(return_format="dict", print_info=False)
    assert set(api["named_endpoints"]) == {"/ask", "/check", "/summarize", "/upload"}
    assert not api.get("unnamed_endpoints")
    for name in ("/ask", "/check", "/summarize"):
        params = api["named_endpoints"][name]["parameters"]
        assert len(params) == 1 and params[0]["python_type"]["type"] == "str"
    upload = api["named_endpoints"]["/upload"]["parameters"]
    assert [(p["parameter_name"], p["parameter_has_default"], p["parameter_default"]) for p in upload] == [
        ("files", False, None), ("replace", True, False)]


CONCURRENT = [
    ("经发办有几个项目", ["经发办项目共 **6** 个", "经发办-审计专项经费"]),
    ("宣传科有哪些项目", ["宣传科共有 **4** 个项目", "宣传科-精神文明建设专项经费"]),
    ("科技企业扶持专项经费总分", ["财政所-科技企业扶持专项经费的总分为 **96 分"]),
    ("消防实事项目经费的全年预算数是多少", ["安全办-消防实事项目经费的全年预算数为 **27.86 万元**"]),
    ("哪些项目满意度未达标", ["58个项目的满意度指标未达到年度指标值"]),
    ("评分等级不是优的项目", ["4个项目评分等级不是优", "社发办-献血补助专项经费"]),
    ("全年预算数最大的项目是哪个", ["**财政所-中小企业扶持专项经费**（28665.87万元，来源[1]"]),
    ("社发办所有项目全年执行数合计", ["社发办项目共 **23** 个，全年执行数合计 **3807.15** 万元"]),
]


def test_concurrent_clients_get_their_own_answers(server):
    clients = [client(server) for _ in CONCURRENT]  # connect first, so the questions really go out together
    barrier = threading.Barrier(len(CONCURRENT))
    results: dict[int, object] = {}

    def run(i: int) -> None:
        try:
            barrier.wait(timeout=30)
            results[i] = clients[i].submit(CONCURRENT[i][0], api_name="/ask").result(timeout=120)
        except Exception as exc:  # reported by the assertions below
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(CONCURRENT))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=180)
    assert len(results) == len(CONCURRENT)
    for i, (question, expected) in enumerate(CONCURRENT):
        answer = results[i]
        assert isinstance(answer, str), f"{question}: {answer!r}"
        assert expected[0] in answer.splitlines()[0], f"{question} → {answer[:200]}"  # its own answer, first
        for text in expected[1:]:
            assert text in answer, f"{question} → {answer[:200]}"
        for j, (_, others) in enumerate(CONCURRENT):  # and nothing of another question's answer
            if j != i:
                assert others[0] not in answer, f"{question} got part of the answer to {CONCURRENT[j][0]}"


# -- uploads: file names can never escape the report directory (in-process, not over HTTP) -------------------

def test_safe_name():
    from index.upload import safe_name

    assert safe_name("../../etc/passwd.txt") == "passwd.txt"
    assert safe_name("/etc/passwd.txt") == "passwd.txt"
    assert safe_name("..\\..\\windows\\win.TXT") == "win.txt"
    assert safe_name(".hidden.md") == "hidden.md"
    assert safe_name("a b/../c d.tsv") == "c_d.tsv"
    assert "/" not in safe_name("..") and not safe_name("..").startswith(".")


def test_save_upload_stays_inside_reports(tmp_path):
    from index.upload import Checked, UploadError, check_upload, save_upload

    reports = tmp_path / "box" / "reports"
    reports.mkdir(parents=True)
    data = make_form().encode("utf-8")
    for name in ("../../etc/passwd.txt", "../escape.txt", "/tmp/abs.txt", "..\\..\\win.txt", "sub/dir/x.md"):
        checked = check_upload(name, data)
        assert checked.accepted
        path = save_upload(checked, reports)
        assert path.parent == reports.resolve()
        assert path.read_bytes() == data

    # A Checked built by hand with a hostile name is refused rather than written elsewhere.
    for bad in ("../evil.txt", "../../evil.txt", "/tmp/evil.txt", "sub/evil.txt"):
        with pytest.raises(UploadError):
            save_upload(Checked(bad, data, forms=1), reports)

    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert written == ["box/reports/abs.txt", "box/reports/escape.txt", "box/reports/passwd.txt",
                       "box/reports/win.txt", "box/reports/x.md"]
    assert not (tmp_path / "box" / "evil.txt").exists()


def test_rejected_upload_is_not_saved(tmp_path):
    from index.upload import UploadError, check_upload, save_upload

    reports = tmp_path / "reports"
    with pytest.raises(UploadError):
        check_upload("../x.exe", b"hello")
    checked = check_upload("../notes.txt", "这不是自评表\n".encode("utf-8"))
    assert not checked.accepted
    with pytest.raises(UploadError):
        save_upload(checked, reports)
    assert not any(tmp_path.rglob("*.txt"))


# -- the upload endpoint and logins --------------------------------------------------------------------------

def test_upload_endpoint_stores_a_same_name_file_as_a_new_file(server, seeded, tmp_path):
    from gradio_client import handle_file

    path = tmp_path / "000_ce9e36a26cba1e6e.txt"
    path.write_text(make_form(name="测试办-接口上传"), encoding="utf-8")
    report = client(server).predict([handle_file(str(path))], False, api_name="/upload")
    assert [(f["status"], f["stored_as"]) for f in report["files"]] == [("stored", "000_ce9e36a26cba1e6e-2.txt")]
    assert (report["projects_before"], report["projects_after"]) == (104, 105)
    assert "测试办-接口上传" in client(server).predict("测试办有哪些项目", api_name="/ask")


@pytest.fixture
def login_server(seeded):
    """The app with two users (an admin and a reader) from JX_USERS, behind Gradio's login."""
    from dataclasses import replace

    from webui import build_ui
    from assistant.service import AssistantHolder
    from index.auth import hash_password, load_access

    config = replace(seeded, users=f"admin:admin:{hash_password('管理员密码123')};reader:reader:读者密码456")
    access = load_access(config)
    demo = build_ui(AssistantHolder(config), access)
    _, url, _ = demo.queue().launch(prevent_thread_lock=True, server_name="127.0.0.1", server_port=None, quiet=True,
                                    auth=access.check)
    try:
        yield url
    finally:
        demo.close()


def test_login_is_required_and_only_admins_upload(login_server, tmp_path):
    from gradio_client import handle_file

    from gradio_client.exceptions import AuthenticationError

    with pytest.raises(AuthenticationError, match="credentials were not provided"):
        client(login_server).predict("哪些项目满意度未达标", api_name="/ask")
    with pytest.raises(ValueError, match="Could not login"):
        Client(login_server, verbose=False, analytics_enabled=False, auth=("admin", "错误的密码"))
    path = tmp_path / "新镇.txt"
    path.write_text(make_form(name="测试办-登录上传"), encoding="utf-8")

    reader = Client(login_server, verbose=False, analytics_enabled=False, download_files=False,
                    auth=("reader", "读者密码456"))
    assert reader.predict("经发办有几个项目", api_name="/ask").startswith("经发办项目共 **6** 个")
    refused = reader.predict([handle_file(str(path))], False, api_name="/upload")
    assert [(f["status"], f["reason"]) for f in refused["files"]] == [
        ("refused", "只有管理员（admin）可以上传、删除或恢复报告文件")]

    admin = Client(login_server, verbose=False, analytics_enabled=False, download_files=False,
                   auth=("admin", "管理员密码123"))
    stored = admin.predict([handle_file(str(path))], False, api_name="/upload")
    assert [(f["status"], f["stored_as"]) for f in stored["files"]] == [("stored", "新镇.txt")]
    assert (stored["projects_before"], stored["projects_after"]) == (104, 105)
