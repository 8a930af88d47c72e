"""Hybrid retrieval (fake embedder): BM25 + dense fusion, filters, loose project mentions, the LangChain retriever."""
import json

import pytest

from index.__main__ import main
from index.names import best_projects, find_offices
from index.retrieve import HybridRetriever, Searcher


@pytest.fixture
def searcher(seeded):
    return Searcher(seeded)


def test_reason_question_finds_the_row(searcher):
    hits = searcher.search("即知即改专项经费长效管理制度建设为什么扣分", k=3)
    top = hits[0].chunk
    assert (top.project, top.kind, top.metadata["name"], top.metadata["line"]) == (
        "财政所-即知即改专项经费", "indicator", "长效管理制度建设", 169)
    assert hits[0].bm25_rank is not None and hits[0].dense_rank is not None  # found by both rankers


@pytest.mark.parametrize("mode", ["bm25", "dense", "rrf", "hybrid"])
def test_every_mode_returns_k_hits(searcher, mode):
    hits = searcher.search("居民满意度", k=7, mode=mode)
    assert len(hits) == 7
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_hybrid_prefers_the_named_project(searcher):
    hits = searcher.search("消防实事项目经费的全年预算数是多少", k=3)
    assert hits[0].chunk.project == "安全办-消防实事项目经费"


def test_filters(searcher):
    hits = searcher.search("满意度", k=100, filters={"office": "党群中心", "level1": "满意度指标", "met": False})
    assert {h.chunk.project for h in hits} == {"党群中心-党群服务中心专项经费", "党群中心-居委会选举专项经费",
                                              "党群中心-社区管理专项经费", "党群中心—居民区党群服务站门头规范化建设专项经费"}
    assert all(h.chunk.metadata["met"] is False for h in hits)
    with pytest.raises(ValueError, match="不支持的筛选条件：colour"):
        searcher.search("满意度", filters={"colour": "red"})


@pytest.mark.parametrize(
    "mention, expected",
    [
        ("消防安全专项经费", ["安全办-消防安全专项经费"]),
        ("武装部", ["武装部-武装专项经费"]),
        ("即知即改", ["财政所-即知即改专项经费"]),
        ("片区", ["社发办-片区专项经费", "规建办-东部片区改造专项经费", "规建办-北部片区建设专项经费"]),
        ("片区专项经费", ["社发办-片区专项经费"]),
        ("社区管理专项经费", ["党群中心-社区管理专项经费", "社建办-社区管理专项经费"]),
        ("城运中心-应用场景项目", ["城运中心-应用场景项目"]),
    ],
)
def test_resolve_loose_mentions(searcher, mention, expected):
    assert searcher.resolve_projects(mention) == expected


def test_resolve_department_mentions(searcher):
    assert searcher.resolve_projects("宣传科") == ["宣传科-精神文明建设专项经费", "宣传科-全国文明城区创建专项经费",
                                                 "宣传科-宣传思想专项经费", "宣传科-政协委员活动专项经费"]
    assert find_offices("社会事业发展办公室的项目", searcher.offices) == ["社发办"]
    assert best_projects("哪些项目满意度未达标", searcher.project_names) == []


def test_langchain_retriever(searcher):
    retriever = HybridRetriever(searcher=searcher, k=2, filters={"project": "财政所-公共安全专项经费"})
    docs = retriever.invoke("采购防疫物资为什么不及时")
    assert len(docs) == 2
    assert docs[0].metadata["name"] == "采购防疫物资及时性"
    assert docs[0].metadata["project"] == "财政所-公共安全专项经费"
    assert "采购需求" in docs[0].page_content


def test_search_cli_json(seeded, capsys):
    assert main(["search", "武装专项经费完成年度战备训练多少人次", "-k", "2", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert [list(h) for h in hits] == [["id", "project", "kind", "text", "score", "source"]] * 2
    assert hits[0]["project"] == "武装部-武装专项经费"
    assert hits[0]["source"]["file"] == "000_ce9e36a26cba1e6e.txt"
    assert any("年度战备训练" in h["text"] and "2800" in h["text"] for h in hits)


def test_evaluate_cli(seeded, capsys, tmp_path):
    questions = tmp_path / "q.jsonl"
    questions.write_text(
        '{"question": "火灾事故发生情况为什么只得了4分", "project": "安全办-消防安全专项经费"}\n'
        '{"kind": "number", "question": "科技企业扶持专项经费总分", "answer": 96}\n'
        '{"kind": "set", "question": "宣传科有哪些项目", "answer": []}\n', encoding="utf-8")
    assert main(["evaluate", str(questions)]) == 0
    out = capsys.readouterr().out
    assert "| q.jsonl | - | bm25 | 2 | 1.00 | 1.00 | 1.00 |" in out
    assert "| q.jsonl | fake-hash | hybrid | 2 |" in out
