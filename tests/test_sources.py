"""Record text is inert wherever it is shown: a Markdown image or HTML in a form is never fetched by a browser."""
from markdown_it import MarkdownIt

from assistant.service import Assistant
from assistant import views
from assistant.sources import inert_markdown
from conftest import DEFAULT_ROWS, make_form
from index.build import build

IMAGE = "![看这里](http://evil.example/track.png)"
TAG = '<img src="http://evil.example/b.png">'


def html(markdown: str) -> str:
    return MarkdownIt("commonmark").enable("table").render(markdown)


def planted(home):
    rows = list(DEFAULT_ROWS)
    rows[3] = f"满意度指标\t服务对象满意度指标\t居民满意度\t\t≥90.00(%)\t85.00(%)\t10.00\t8.00\t部分居民不满意{IMAGE}{TAG}"
    (home.reports / "planted.txt").write_text(make_form(name="测试办-图片项目", rows=rows), encoding="utf-8")
    build(home)
    return Assistant(home)


def test_a_markdown_image_in_a_form_is_not_rendered_in_answers_or_sources(home):
    a = planted(home)
    answer = a.ask("测试办-图片项目为什么扣分")
    assert "track.png" in answer.text  # the text is shown …
    assert "<img" not in html(answer.text)  # … but never as an image
    (source,) = views.source_rows(a, answer.citations)
    assert (source.project, source.where, source.text) == (
        "测试办-图片项目", "上海市普陀区桃浦镇人民政府2023年度项目支出绩效自评表 第16行",
        f"满意度指标 ｜ 服务对象满意度指标 ｜ 居民满意度 ｜ ≥90.00(%) ｜ 85.00(%) ｜ 10.00 ｜ 8.00 ｜ 部分居民不满意{IMAGE}{TAG}")
    message = views.message_html(a, answer)  # the chat message: the answer and its source list, as HTML
    assert "<img" not in message and "&lt;img src=&quot;http://evil.example/b.png&quot;&gt;" in message


def test_model_text_echoing_an_image_is_made_inert(home, fake_llm):
    planted(home)
    fake_llm.replies.append(f"扣分原因：部分居民不满意{IMAGE}{TAG}")
    answer = Assistant(home, llm=fake_llm).ask("测试办-图片项目为什么扣分")
    assert "<img" not in html(answer.text)
    assert inert_markdown(f"a{IMAGE}b{TAG}<!-- x --></div>") == (
        "a!［看这里](http://evil.example/track.png)b＜img src=\"http://evil.example/b.png\">＜!-- x -->＜/div>")
    assert inert_markdown("| 总分 < 90 | **98** |") == "| 总分 < 90 | **98** |"
