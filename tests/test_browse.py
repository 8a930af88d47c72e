"""Browsing tables and the web page that shows them."""
import urllib.request

from assistant.browse import finding_rows, load_overview, project_rows
from index.store import Store


def test_project_rows_filter_by_words(seeded):
    overview = load_overview(Store(seeded.db_path))
    assert len(project_rows(overview.projects)) == 104
    rows = project_rows(overview.projects, "宣传科 良")
    assert rows == []
    rows = project_rows(overview.projects, "安全办 消防实事")
    assert rows == [["安全办-消防实事项目经费", "安全办", "桃浦镇平安建设办公室", 2023, 2.76, 27.86, 27.86, 100.0,
                     11, 1, 98.0, "优", "000_ce9e36a26cba1e6e.txt:35"]]
    assert [r[0] for r in project_rows(overview.projects, "良")] == [
        "社发办-片区专项经费", "社发办-社区服务中心专项经费", "社发办-社区卫生医疗专项经费", "社发办-献血补助专项经费"]


def test_finding_rows(seeded):
    overview = load_overview(Store(seeded.db_path))
    rows = finding_rows(overview.findings, "提示")
    assert rows == [["提示", "扣分但未填写偏差原因", "财政所-即知即改专项经费",
                     "「信息共享时效性」扣 1 分，但未填写偏差原因分析及改进措施", "000_ce9e36a26cba1e6e.txt:168"]]


def test_page_is_served(seeded):
    from app import build_ui

    demo = build_ui(Store(seeded.db_path))
    _, url, _ = demo.launch(prevent_thread_lock=True, server_name="127.0.0.1", server_port=None)
    try:
        with urllib.request.urlopen(url + "config", timeout=30) as resp:
            config = resp.read().decode("utf-8")
        assert "绩效问答" in config
    finally:
        demo.close()
