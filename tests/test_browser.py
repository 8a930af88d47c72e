"""The web app in a real browser, as a clerk on a desktop (1440×900) and on a phone (390×844) uses it: Debian's
Chromium driven by Playwright against an in-process server.

Screenshots of every tab at both sizes are saved to tests/artifacts/ (git-ignored) for a human to look at.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWPORTS = {"desktop": {"width": 1440, "height": 900}, "phone": {"width": 390, "height": 844}}
TITLE = "上海市普陀区桃浦镇人民政府2023年度项目支出绩效自评表"  # the seed file, named by its forms
TABS = ["问答", "核查", "撰写", "审计", "概览", "上传"]
INTERNAL_WORDS = ["由计算器", "计算器", "下表", "sum(", "个数)", "※", "本项目", "**", ".txt", "[1]"]

if not os.path.exists(CHROMIUM):
    pytest.skip(f"{CHROMIUM} is missing (install Debian's chromium package to run the browser tests)",
                allow_module_level=True)

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

from playwright import sync_api  # noqa: E402  (a missing Playwright is an error, not a skip)

from conftest import free_port  # noqa: E402

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
    from assistant.service import AssistantHolder
    from webui import build_ui, launch_options

    demo = build_ui(AssistantHolder(seeded))
    _, url, _ = demo.queue(default_concurrency_limit=8).launch(
        prevent_thread_lock=True, server_name="127.0.0.1", server_port=free_port(), quiet=True, **launch_options())
    try:
        yield url
    finally:
        demo.close()


@pytest.fixture(params=list(VIEWPORTS))
def size(request) -> str:
    return request.param


@pytest.fixture
def page(browser, app_url, size):
    """A fresh browser (own localStorage) on the app, Chinese locale; fails the test on uncaught page errors or
    toasts."""
    context = browser.new_context(viewport=VIEWPORTS[size], locale="zh-CN", accept_downloads=True)
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


def shot(pg, size: str, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"{size}-{name}.png"), full_page=True)


def bots(pg):
    return pg.locator("[data-testid='bot']")


def open_tab(pg, name: str) -> None:
    pg.get_by_role("tab", name=name, exact=True).click()


def ask(pg, question: str, expected: str, count: int):
    """Send a question; wait until the ``count``-th answer holds ``expected``; return that answer."""
    box = pg.locator("#jx-question textarea")
    box.fill(question)
    pg.locator("#jx-send").click()
    expect(bots(pg)).to_have_count(count, timeout=60_000)
    expect(bots(pg).last).to_contain_text(expected, timeout=60_000)
    expect(box).to_have_value("")
    return bots(pg).nth(count - 1)


def open_sources(answer):
    answer.locator("details.jx-sources summary").click()
    return answer.locator("details.jx-sources")


# -- chat ----------------------------------------------------------------------------------------------------------

def test_sources_under_each_answer_then_clear_then_a_follow_up(page, size):
    pg = page
    first = ask(pg, "消防实事项目经费的全年预算数是多少", "27.86 万元", 1)
    sources = open_sources(first)
    expect(sources).to_contain_text("来源（1 处：表中原文、报表与行号）")
    expect(sources.locator("li").first).to_have_text(
        f"[1] 安全办-消防实事项目经费 · {TITLE} 第41行年度资金总额 ｜ 2.76 ｜ 27.86 ｜ 27.86 ｜ 10.00 ｜ 100.00 ｜ 10.00")
    second = ask(pg, "那它的总分呢？", "98 分", 2)
    expect(second).to_contain_text("安全办-消防实事项目经费")
    expect(open_sources(second)).to_contain_text(f"{TITLE} 第59行")
    expect(first.locator("details.jx-sources")).to_contain_text(f"{TITLE} 第41行")  # each answer keeps its own
    shot(pg, size, "chat-sources")

    pg.get_by_role("button", name="清空对话").click()
    expect(bots(pg)).to_have_count(0)
    expect(pg.locator("#jx-history label")).to_have_count(0)  # the server finished clearing: gone from the list
    expect(pg.get_by_role("button", name="示例 1：哪些项目满意度未达标")).to_be_visible()  # the empty chat's examples
    after = ask(pg, "那它的总分呢？", "还没有可以接着的回答", 1)  # the memory went with the messages
    expect(after).not_to_contain_text("安全办-消防实事项目经费")
    expect(after).not_to_contain_text("98 分")


def test_long_answer_table_cards_and_downloads(page, size):
    pg = page
    answer = ask(pg, "哪些项目满意度未达标", "58个项目的满意度指标未达到年度指标值", 1)
    expect(answer).to_contain_text("共 61 条指标")
    table = answer.locator(".jx-table table")
    expect(table.locator("tbody tr")).to_have_count(61)
    first_row = table.locator("tbody tr").first
    expect(first_row.locator("td").first).to_contain_text("安全办-消防实事项目经费")
    label = first_row.locator(".jx-label").first
    if size == "phone":  # a card: every value under its column name, nothing wider than the screen
        expect(label).to_be_visible()
        expect(label).to_have_text("项目")
        box = first_row.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    else:
        expect(label).to_be_hidden()
    with pg.expect_download() as download:
        pg.locator("#jx-csv").click()
    csv_text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert csv_text.splitlines()[0] == "项目,二级指标,三级指标,年度指标值,实际完成值,分值,得分,来源,偏差原因分析及改进措施"
    assert len(csv_text.splitlines()) == 62
    expect(pg.locator("#jx-xlsx")).to_be_visible()


def test_reload_keeps_the_conversation_and_its_memory(page, size):
    pg = page
    ask(pg, "消防实事项目经费的全年预算数是多少", "27.86 万元", 1)
    pg.reload()
    expect(bots(pg)).to_have_count(1, timeout=30_000)
    expect(bots(pg).first).to_contain_text("27.86 万元")
    expect(pg.locator("[data-testid='user']")).to_have_text(["消防实事项目经费的全年预算数是多少"])
    ask(pg, "那它的总分呢？", "安全办-消防实事项目经费的总分为 98 分", 2)

    pg.locator("#jx-new").click()  # a new conversation; the old one stays in the list
    expect(bots(pg)).to_have_count(0)
    expect(pg.locator("#jx-history input:checked")).to_have_count(0)  # the server finished starting it
    ask(pg, "宣传科有哪些项目", "宣传科共有 4 个项目", 1)
    pg.get_by_text("历史对话（保存在本浏览器，可重新打开或删除）").click()
    history = pg.locator("#jx-history label")
    expect(history).to_have_count(2)
    expect(history.first).to_contain_text("宣传科有哪些项目")
    history.nth(1).click()
    expect(bots(pg)).to_have_count(2)
    expect(bots(pg).last).to_contain_text("98 分")
    ask(pg, "那它的全年执行数呢？", "27.86 万元", 3)  # the reopened conversation remembers its project
    shot(pg, size, "chat-history")

    pg.reload()
    expect(bots(pg)).to_have_count(3, timeout=30_000)
    pg.get_by_text("历史对话（保存在本浏览器，可重新打开或删除）").click()
    pg.locator("#jx-history label").first.click()
    pg.locator("#jx-delete").click()
    expect(bots(pg)).to_have_count(0)
    expect(pg.locator("#jx-history label")).to_have_count(1)
    expect(pg.locator("#jx-history label").first).to_contain_text("宣传科有哪些项目")


EXAMPLES = [
    ("哪些项目满意度未达标", "58个项目的满意度指标未达到年度指标值"),
    ("评分等级不是优的项目", "4个项目评分等级不是优"),
    ("社发办所有项目全年执行数合计", "3807.15"),
    ("全年预算数最大的项目是哪个", "财政所-中小企业扶持专项经费"),
    ("消防实事项目经费的全年预算数是多少", "27.86 万元"),
    ("即知即改专项经费长效管理制度建设为什么扣分", "长效管理制度有待加强"),
    ("帮我核实：城运中心-应用场景项目受益群众满意度为80%", "70.00(%)"),
    ("写一段安全办-消防安全专项经费的绩效总结", "安全办-消防安全专项经费绩效自评总结"),
]


def test_every_example_works_from_a_fresh_page(browser, app_url, size):
    for n, (question, expected) in enumerate(EXAMPLES, 1):
        context = browser.new_context(viewport=VIEWPORTS[size], locale="zh-CN")  # nothing asked before
        pg = context.new_page()
        pg.goto(app_url)
        pg.get_by_role("button", name=f"示例 {n}：{question}", exact=True).click()
        expect(bots(pg)).to_have_count(1, timeout=60_000)
        expect(bots(pg).first).to_contain_text(expected, timeout=60_000)
        expect(bots(pg).first).not_to_contain_text("没有作答")
        expect(pg.locator("[data-testid='user']")).to_have_text([question])
        context.close()


def test_regenerate_answers_the_follow_up_again(page):
    pg = page
    ask(pg, "消防实事项目经费的全年预算数是多少", "27.86 万元", 1)
    ask(pg, "那它的总分呢？", "98 分", 2)
    pg.get_by_role("button", name="重新生成").last.click()
    expect(bots(pg)).to_have_count(2)
    expect(bots(pg).last).to_contain_text("安全办-消防实事项目经费的总分为 98 分")
    expect(pg.locator("[data-testid='user']")).to_have_count(2)


# -- the other tabs ------------------------------------------------------------------------------------------------

def test_check_verdicts_have_sign_word_and_colour(page, size):
    pg = page
    open_tab(pg, "核查")
    pg.locator("#jx-statement textarea").fill("城运中心-应用场景项目受益群众满意度为80%，武装专项经费总分97.6分。")
    pg.locator("#jx-check").click()
    result = pg.locator("#jx-verdict")
    expect(result.locator(".jx-check-overall .jx-verdict")).to_have_text("◐ 部分正确", timeout=30_000)
    claims = result.locator(".jx-claim")
    expect(claims).to_have_count(2)
    expect(claims.nth(0).locator(".jx-verdict")).to_have_text("✘ 错误")
    expect(claims.nth(0)).to_contain_text(f"来源：{TITLE} 第276行")
    expect(claims.nth(1).locator(".jx-verdict")).to_have_text("✔ 正确")
    colours = [claims.nth(i).locator(".jx-verdict").evaluate("e => getComputedStyle(e).color") for i in (0, 1)]
    assert colours == ["rgb(127, 29, 29)", "rgb(20, 83, 45)"]
    shot(pg, size, "check")


def test_draft_is_paste_ready_with_a_sources_switch_and_word_file(page, size):
    from docx import Document

    pg = page
    open_tab(pg, "撰写")
    expect(pg.locator("#jx-target input")).to_have_value("全部")
    pg.locator("#jx-draft").click()
    draft = pg.locator("#jx-draft-text textarea")
    expect(draft).to_have_value(re.compile("^全镇项目支出绩效自评总结\n\n一、总体情况。全镇共有 104 个项目"), timeout=30_000)
    plain = draft.input_value()
    assert [w for w in INTERNAL_WORDS if w in plain] == []
    assert "总分最低的是社发办-献血补助专项经费（86 分，评分等级「良」）" in plain
    shot(pg, size, "draft")

    pg.get_by_label("带来源").check()
    expect(draft).to_have_value(re.compile("数据来源：\n\\[1\\] 社发办-献血补助专项经费：" + TITLE + " 第2318行"))
    sourced = draft.input_value()
    assert "（86 分[1]，评分等级「良」）" in sourced and ".txt" not in sourced and "由计算器" not in sourced

    with pg.expect_download() as download:
        pg.locator("#jx-docx").click()
    doc = Document(download.value.path())
    assert doc.paragraphs[0].text == "全镇项目支出绩效自评总结"
    assert any(p.text == "附表：来源明细" for p in doc.paragraphs)
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["项目", "全年预算数(万元)", "全年执行数(万元)", "总分", "评分等级", "来源"]
    assert len(table.rows) == 105
    assert [c.text for c in table.rows[1].cells] == ["安全办-消防安全专项经费", "139.87", "139.87", "98", "优",
                                                    f"{TITLE} 第11行"]


def test_overview_one_click_on_a_bar_and_combined_filters(page, size):
    pg = page
    open_tab(pg, "概览")
    expect(pg.locator("#jx-overview-counts")).to_have_text("共 104 个项目、1178 条指标。")
    office_bar = pg.get_by_role("button", name="财政所：50945.08 万元，点击查看清单")
    expect(office_bar).to_contain_text("50945.08 万元")  # values are written on the bars
    shot(pg, size, "overview")

    office_bar.click()  # one click
    applied = pg.locator("#jx-applied")
    expect(applied).to_contain_text("当前筛选：科室「财政所」，共 6 个项目。")
    expect(office_bar).to_have_attribute("aria-pressed", "true")
    listing = pg.locator("#jx-overview-list tbody tr")
    expect(listing).to_have_count(6)
    expect(listing.first).to_contain_text("财政所-财政管理专项经费")

    pg.get_by_role("button", name="社发办：3807.15 万元，点击查看清单").click()
    pg.get_by_role("button", name="80-89分：4 个，点击查看清单").click()
    expect(applied).to_contain_text("当前筛选：科室「社发办」 且 总分区间「80-89分」，共 4 个项目。")
    expect(listing).to_have_count(4)
    pg.get_by_role("button", name="服务对象满意度指标：62 条，点击查看清单").click()
    expect(applied).to_contain_text(
        "当前筛选：科室「社发办」 且 总分区间「80-89分」 且 扣分的二级指标「服务对象满意度指标」，共 2 条指标。")
    expect(listing).to_have_count(2)
    expect(listing.nth(0)).to_contain_text("社发办-片区专项经费")
    expect(listing.nth(1)).to_contain_text("社发办-社区卫生医疗专项经费")
    expect(pg.locator("#jx-f-office input")).to_have_value("社发办")
    expect(pg.locator("#jx-f-band input")).to_have_value("80-89分")
    shot(pg, size, "overview-filtered")

    pg.locator("#jx-f-reset").click()
    expect(applied).to_contain_text("未筛选：全部 104 个项目。")
    expect(listing).to_have_count(104)


def test_audit_filter(page, size):
    pg = page
    open_tab(pg, "审计")
    audit = pg.locator("#jx-audit")
    expect(audit.locator("caption")).to_have_text("共 9 条")
    expect(audit).to_contain_text("财政所-即知即改专项经费")
    shot(pg, size, "audit")
    pg.get_by_label("筛选（空格分隔多个词，全部包含才显示）").fill("提示")
    expect(audit.locator("caption")).to_have_text("共 1 条（筛选：提示）")
    expect(audit.locator("tbody tr")).to_have_count(1)


def test_upload_refreshes_header_overview_draft_audit_and_chat(page, size, tmp_path):
    from conftest import DEFAULT_ROWS, make_form

    pg = page
    open_tab(pg, "上传")
    not_a_form = tmp_path / "notes.txt"
    not_a_form.write_text("这不是自评表\n", encoding="utf-8")
    # a form whose 时效 row is 「达成指标」 yet loses a point: the audit must flag it in the new file
    rows = list(DEFAULT_ROWS)
    rows[1] = "\t时效指标\t培训及时性\t\t及时\t达成指标\t20.00\t19.00\t"
    good = tmp_path / "新镇_2024.txt"
    good.write_text(make_form(name="测试办-新上传项目", rows=rows, score="97"), encoding="utf-8")
    pg.locator("#jx-files input[type=file]").set_input_files([str(not_a_form), str(good)])
    expect(pg.get_by_role("cell", name="新镇_2024.txt")).to_be_visible()
    pg.locator("#jx-upload").click()
    log = pg.locator("#jx-upload-log")
    expect(log).to_contain_text("【已保存】新镇_2024.txt：1 张自评表", timeout=120_000)
    expect(log).to_contain_text("【未保存】notes.txt：没有可入库的自评表，未保存")
    expect(log).to_contain_text("库中项目：上传前 104 个，上传后 105 个")
    expect(pg.locator("#jx-status")).to_contain_text("库中 105 个项目，来自 2 个文件", timeout=30_000)
    shot(pg, size, "upload")

    open_tab(pg, "概览")
    expect(pg.locator("#jx-overview-counts")).to_have_text("共 105 个项目、1182 条指标。")
    expect(pg.get_by_role("button", name="测试办：100.00 万元，点击查看清单")).to_be_visible()

    open_tab(pg, "审计")
    expect(pg.locator("#jx-audit")).to_contain_text("新镇_2024.txt")
    expect(pg.locator("#jx-audit")).to_contain_text("测试办-新上传项目")

    open_tab(pg, "撰写")
    pg.locator("#jx-draft").click()
    expect(pg.locator("#jx-draft-text textarea")).to_have_value(re.compile("全镇共有 105 个项目"), timeout=30_000)
    pg.locator("#jx-target input").click()
    pg.get_by_role("option", name="测试办", exact=True).click()  # the new form's 科室 is a choice now
    pg.locator("#jx-draft").click()
    expect(pg.locator("#jx-draft-text textarea")).to_have_value(
        re.compile("^测试办项目支出绩效自评总结\n\n一、总体情况。测试办共有 1 个项目开展绩效自评"))

    open_tab(pg, "问答")
    ask(pg, "新上传项目的全年预算数是多少", "测试办-新上传项目的全年预算数为 100.00 万元", 1)

    # delete the new file (after confirming), then restore it from the archive
    open_tab(pg, "上传")
    pg.get_by_text("库中的文件（可删除；删除的文件存档，可恢复）").click()
    expect(pg.locator("#jx-stored-files caption")).to_have_text("共 2 个文件")
    pg.locator("#jx-delete-pick input").click()
    pg.get_by_role("option", name="新镇_2024.txt", exact=True).click()
    pg.once("dialog", lambda d: d.accept())
    pg.locator("#jx-delete-file").click()
    changes = pg.locator("#jx-change-log")
    expect(changes).to_contain_text("已删除「新镇_2024.txt」（1 张自评表），文件已存档，可恢复", timeout=60_000)
    expect(changes).to_contain_text("库中项目：之前 105 个，现在 104 个")
    expect(pg.locator("#jx-status")).to_contain_text("库中 104 个项目，来自 1 个文件", timeout=30_000)
    expect(pg.locator("#jx-stored-files caption")).to_have_text("共 1 个文件")
    pg.get_by_text("存档的版本（可恢复）").click()
    pg.locator("#jx-restore-pick input").click()
    pg.get_by_role("option", name=re.compile("^新镇_2024.txt · 已删除 · ")).click()
    pg.locator("#jx-restore").click()
    expect(changes).to_contain_text("库中项目：之前 104 个，现在 105 个", timeout=60_000)
    expect(pg.locator("#jx-status")).to_contain_text("库中 105 个项目，来自 2 个文件", timeout=30_000)


# -- for everyone: contrast, names, phones ---------------------------------------------------------------------------

CONTRAST = """() => {
  const parse = c => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
    const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const over = (t, b) => [0, 1, 2].map(i => t[i] * t[3] + b[i] * (1 - t[3])).concat([1]);
  const background = el => { const layers = [];
    for (let e = el; e; e = e.parentElement) { const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; } }
    let col = [255, 255, 255, 1]; for (let i = layers.length - 1; i >= 0; i--) col = over(layers[i], col); return col; };
  const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
  const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
  const opacity = el => { let o = 1; for (let e = el; e; e = e.parentElement) o *= parseFloat(getComputedStyle(e).opacity); return o; };
  const shown = el => { const s = getComputedStyle(el); const r = el.getBoundingClientRect();
    return s.visibility === 'visible' && r.width > 1 && r.height > 1 && opacity(el) > 0.05
      && !el.closest('.visually-hidden, footer, [hidden]'); };
  const out = [];
  const check = (el, colour, what) => { const b = background(el); const c = parse(colour); if (!c) return;
    const fg = over([c[0], c[1], c[2], c[3] * opacity(el)], b); const r = ratio(fg, b);
    if (r < 4.5) out.push(`${what} ${r.toFixed(2)}:1 (${colour} on rgb(${b.slice(0, 3).map(Math.round)}))`); };
  for (const el of document.body.querySelectorAll('*')) {
    const text = [...el.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent.trim()).join('');
    if (text && shown(el)) check(el, getComputedStyle(el).color, `「${text.slice(0, 20)}」`);
  }
  for (const el of document.querySelectorAll('input[placeholder], textarea[placeholder]'))
    if (el.placeholder && !el.value && shown(el)) check(el, getComputedStyle(el, '::placeholder').color, `placeholder「${el.placeholder.slice(0, 12)}」`);
  return out;
}"""

NAMES = """() => {
  const out = [];
  for (const el of document.querySelectorAll('button, input, textarea, select, [role=tab], [role=button]')) {
    const r = el.getBoundingClientRect(), s = getComputedStyle(el);
    if (r.width < 1 || r.height < 1 || s.visibility !== 'visible' || el.closest('footer, .visually-hidden')) continue;
    if (el.type === 'file' || el.type === 'hidden') continue;
    let name = el.getAttribute('aria-label') || '';
    if (!name && el.labels && el.labels.length) name = el.labels[0].innerText;
    if (!name && el.getAttribute('aria-labelledby'))
      name = el.getAttribute('aria-labelledby').split(' ').map(i => (document.getElementById(i) || {}).innerText || '').join(' ');
    if (!name) name = el.innerText || el.title || el.placeholder || '';
    name = name.trim();
    if (!name || /[A-Za-z]{4,}/.test(name.replace(/Excel|Word|CSV|API/g, ''))) out.push(`${el.tagName} ${el.className.slice(0, 30)}: 「${name}」`);
  }
  return out;
}"""


def test_every_tab_has_contrast_chinese_names_and_fits_the_screen(page, size):
    pg = page
    ask(pg, "消防实事项目经费的全年预算数是多少", "27.86 万元", 1)
    pg.locator("#jx-new").click()
    expect(bots(pg)).to_have_count(0)
    expect(pg.locator("#jx-history input:checked")).to_have_count(0)  # the server finished starting it
    ask(pg, "宣传科有哪些项目", "宣传科共有 4 个项目", 1)
    open_sources(bots(pg).first)
    pg.get_by_text("历史对话（保存在本浏览器，可重新打开或删除）").click()  # the list, one chosen and one not
    expect(pg.locator("#jx-history label")).to_have_count(2)
    for tab in TABS:
        open_tab(pg, tab)
        expect(pg.get_by_role("tab", name=tab, exact=True)).to_have_attribute("aria-selected", "true")
        for other in TABS:  # every tab reachable, none hidden in an overflow menu
            expect(pg.get_by_role("tab", name=other, exact=True)).to_be_visible()
        if tab == "概览":
            expect(pg.locator(".jx-bar").first).to_be_visible()
        if tab == "审计":
            expect(pg.locator("#jx-audit tbody tr").first).to_be_visible()
        pg.wait_for_timeout(500)  # let transitions end: mid-fade colours are not what a reader sees
        assert pg.evaluate(CONTRAST) == [], f"{tab}: text below 4.5:1"
        assert pg.evaluate(NAMES) == [], f"{tab}: controls without a Chinese accessible name"
        width = pg.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], f"{tab}: the page scrolls sideways ({width})"
        shot(pg, size, f"tab-{TABS.index(tab) + 1}-{tab}")


def test_an_english_locale_browser_sees_chinese(browser, app_url):
    """Gradio's own strings (placeholders, buttons, accessible names) are Chinese whatever the browser's language."""
    context = browser.new_context(viewport=VIEWPORTS["desktop"], locale="en-US")
    try:
        pg = context.new_page()
        pg.goto(app_url)
        expect(pg.locator("#jx-question textarea")).to_be_visible()
        ask(pg, "宣传科有哪些项目", "宣传科共有 4 个项目", 1)
        pg.wait_for_timeout(500)
        assert pg.evaluate(NAMES) == [], "controls without a Chinese accessible name in an English browser"
    finally:
        context.close()
