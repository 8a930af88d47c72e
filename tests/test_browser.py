"""The web app in a real browser: Debian's Chromium driven by Playwright against an in-process server.

Screenshots of every tab are saved to tests/artifacts/ (git-ignored) for a human to look at.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
SEED_FILE = "000_ce9e36a26cba1e6e.txt"

if not os.path.exists(CHROMIUM):
    pytest.skip(f"{CHROMIUM} is missing (install Debian's chromium package to run the browser tests)",
                allow_module_level=True)

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

from playwright import sync_api  # noqa: E402  (a missing Playwright is an error, not a skip)

expect = sync_api.expect


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def app_url(seeded):
    """The app over the seed corpus on a free loopback port, styled as ``app.main`` serves it."""
    import gradio as gr

    from app import CSS, build_ui
    from assistant.service import AssistantHolder

    holder = AssistantHolder(seeded)
    demo = build_ui(holder)
    _, url, _ = demo.queue(default_concurrency_limit=8).launch(
        prevent_thread_lock=True, server_name="127.0.0.1", server_port=None, quiet=True,
        css=CSS, theme=gr.themes.Soft(), max_file_size="10mb")
    try:
        yield url
    finally:
        demo.close()


@pytest.fixture
def page(browser, app_url):
    """A fresh tab on the app (1280x900, Chinese locale); fails the test on uncaught page errors or error toasts."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN", accept_downloads=True)
    context.set_default_timeout(30_000)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.goto(app_url)
    expect(pg.locator("#jx-question textarea")).to_be_visible()
    yield pg
    toasts = pg.locator("[data-testid='toast-body']")
    toast_texts = toasts.all_inner_texts() if toasts.count() else []
    context.close()
    assert not errors, f"uncaught errors in the page: {errors}"
    assert not toast_texts, f"the app showed error/warning toasts: {toast_texts}"


def shot(pg, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / name), full_page=True)


def dataframe(pg, header: str):
    """The gr.Dataframe whose header row has a column named ``header``."""
    return pg.locator(".table-wrap").filter(has=pg.get_by_role("columnheader", name=header, exact=True))


def bots(pg):
    return pg.locator("[data-testid='bot']")


def ask(pg, question: str, expected: str, count: int, sources: str | None = None) -> str:
    """Send a question with the 发送 button; wait until the ``count``-th answer holds ``expected`` (and, if given,
    the sources panel holds ``sources`` — it is filled by the final update, so the answer has finished streaming)."""
    box = pg.locator("#jx-question textarea")
    box.fill(question)
    pg.locator("#jx-send").click()
    expect(bots(pg)).to_have_count(count, timeout=60_000)
    expect(bots(pg).last).to_contain_text(expected, timeout=60_000)
    if sources:
        expect(pg.locator("#jx-sources")).to_contain_text(sources, timeout=60_000)
    expect(box).to_have_value("")
    return bots(pg).last.inner_text()


def test_chat_sources_table_and_follow_up(page):
    pg = page
    box = pg.locator("#jx-question textarea")
    box.fill("哪些项目满意度未达标")
    box.press("Enter")

    # The final update shows the result table with its download buttons; by then streaming has finished.
    csv_button = pg.get_by_role("button", name="下载 CSV")
    expect(csv_button).to_be_visible(timeout=60_000)
    answer = bots(pg).last
    expect(answer).to_contain_text("58个项目的满意度指标未达到年度指标值")
    expect(answer).to_contain_text("共 61 条指标")  # the last line: the whole answer arrived
    for name in ("安全办-消防实事项目经费", "财政所-财政管理专项经费"):
        expect(answer).to_contain_text(name)
    expect(answer).to_contain_text("其余 53 行见下方「结果表」")  # a long table is cut in the bubble…
    expect(answer.locator("table")).to_have_count(1)  # the markdown table is rendered, not shown as text
    assert "|---|" not in answer.inner_text()
    expect(pg.get_by_role("button", name="下载 Excel")).to_be_visible()
    results = dataframe(pg, "偏差原因分析及改进措施")  # the result table, sortable and searchable
    expect(results).to_contain_text("安全办-消防实事项目经费")

    shot(pg, "chat.png")

    with pg.expect_download() as download:
        csv_button.click()
    csv_text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert csv_text.splitlines()[0].startswith("项目,")
    assert len(csv_text.splitlines()) == 62 and "安全办-消防实事项目经费" in csv_text
    assert "社发办-片区专项经费" in csv_text  # …and complete in the result table and its download

    sources = pg.locator("#jx-sources")
    sources.get_by_role("button", name=re.compile("来源")).click()
    expect(sources).to_contain_text(f"{SEED_FILE} 第58行")
    expect(sources).to_contain_text("安全办-消防实事项目经费")
    shot(pg, "sources.png")

    ask(pg, "消防实事项目经费的全年预算数是多少", "27.86 万元", 2, sources=f"{SEED_FILE} 第41行")
    expect(sources).not_to_contain_text(f"{SEED_FILE} 第58行")  # the panel now cites this answer only
    last = ask(pg, "那它的总分呢？", "98 分", 3, sources=f"{SEED_FILE} 第59行")
    assert "安全办-消防实事项目经费" in last
    shot(pg, "followup.png")

    pg.locator("#jx-clear").click()
    expect(bots(pg)).to_have_count(0)
    expect(sources).to_contain_text("（尚无回答）")
    expect(csv_button).to_be_hidden()


def test_check_tab(page):
    pg = page
    pg.get_by_role("tab", name="核查").click()
    statement = pg.locator("#jx-statement textarea")
    expect(statement).to_be_visible()
    statement.fill("城运中心-应用场景项目受益群众满意度为80%，武装专项经费总分97.6分。")
    pg.locator("#jx-check").click()
    verdict = pg.locator("#jx-verdict")
    expect(verdict).to_contain_text("部分正确", timeout=30_000)
    expect(verdict).to_contain_text("70.00(%)")
    expect(verdict).to_contain_text("97.6 分")
    claims = dataframe(pg, "记录值")
    expect(claims).to_contain_text(f"{SEED_FILE}:276")
    expect(claims).to_contain_text(f"{SEED_FILE}:2534")
    shot(pg, "check.png")


def test_draft_tab(page):
    pg = page
    pg.get_by_role("tab", name="撰写").click()
    expect(pg.locator("#jx-target input")).to_have_value("全部")
    pg.locator("#jx-draft").click()
    draft = pg.locator("#jx-draft-text textarea")
    expect(draft).to_have_value(re.compile("全镇共有 104 个项目"), timeout=30_000)
    shot(pg, "draft.png")


def test_audit_overview_and_upload_tabs(page, tmp_path):
    pg = page
    pg.get_by_role("tab", name="审计").click()
    audit = dataframe(pg, "说明")
    expect(audit).to_contain_text("财政所-即知即改专项经费")
    expect(audit).to_contain_text(f"{SEED_FILE}:168")
    shot(pg, "audit.png")
    pg.get_by_label("筛选").fill("提示")
    expect(audit).to_contain_text("扣分但未填写偏差原因")
    expect(audit).not_to_contain_text(f"{SEED_FILE}:353")

    pg.get_by_role("tab", name="概览").click()
    expect(pg.get_by_text("共 104 个项目、1178 条指标")).to_be_visible()
    charts = pg.locator(".vega-embed")
    expect(charts).to_have_count(3, timeout=30_000)
    for i in range(3):
        expect(charts.nth(i).locator("canvas, svg").first).to_be_visible()
    overview = dataframe(pg, "评分等级")
    expect(overview).to_contain_text("安全办-消防安全专项经费")
    shot(pg, "overview.png")

    pg.get_by_role("tab", name="上传").click()
    upload = pg.get_by_role("button", name="校验并入库")
    expect(upload).to_be_visible()
    not_a_form = tmp_path / "notes.txt"
    not_a_form.write_text("这不是自评表\n", encoding="utf-8")
    pg.locator("input[type=file][accept*='.md']").set_input_files(str(not_a_form))
    expect(pg.get_by_text("notes.txt").first).to_be_visible()
    upload.click()
    expect(pg.get_by_text("没有可入库的自评表，未保存")).to_be_visible(timeout=30_000)
    expect(pg.get_by_text("库中 104 个项目，来自 1 个文件")).to_be_visible()
    shot(pg, "upload.png")


def test_good_upload_is_indexed_and_answerable(page, tmp_path):
    from conftest import make_form

    pg = page
    pg.get_by_role("tab", name="上传").click()
    good = tmp_path / "新镇_2024.txt"
    good.write_text(make_form(name="测试办-新上传项目"), encoding="utf-8")
    pg.locator("input[type=file][accept*='.md']").set_input_files(str(good))
    expect(pg.get_by_text("新镇_2024.txt").first).to_be_visible()
    pg.get_by_role("button", name="校验并入库").click()
    expect(pg.get_by_text("库中 105 个项目，来自 2 个文件")).to_be_visible(timeout=120_000)
    expect(pg.get_by_text("【已保存】新镇_2024.txt：1 张自评表")).to_be_visible()
    pg.get_by_role("tab", name="问答").click()
    box = pg.locator("#jx-question textarea")
    box.fill("新上传项目的全年预算数是多少")
    box.press("Enter")
    expect(bots(pg).last).to_contain_text("测试办-新上传项目的全年预算数为 100.00 万元", timeout=60_000)
