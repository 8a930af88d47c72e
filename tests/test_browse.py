"""The audit findings table."""
from assistant.browse import finding_rows, load_overview
from index.store import Store


def test_finding_rows(seeded):
    overview = load_overview(Store(seeded.db_path))
    rows = finding_rows(overview.findings, "提示")
    assert rows == [["提示", "扣分但未填写偏差原因", "财政所-即知即改专项经费",
                     "「信息共享时效性」扣 1 分，但未填写偏差原因分析及改进措施", "000_ce9e36a26cba1e6e.txt:168"]]
