"""Shared fixtures: a temporary data directory, the seed corpus, and small form builders."""
from __future__ import annotations

import shutil
import socket
from pathlib import Path

import pytest

from index.config import Config, load_config

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "000_ce9e36a26cba1e6e.txt"

FORM_HEAD = """财政项目支出绩效自评表
(2023年度)
项目名称\t\t{name}\t\t\t\t\t\t
主管部门\t\t上海市普陀区桃浦镇人民政府\t\t\t实施单位\t{unit}\t\t
项目资金 （万元）\t\t\t年初预算数\t全年预算数\t全年执行数\t分数\t执行率(%)\t得分
\t\t年度资金总额\t{budget}\t{budget}\t{budget}\t10.00\t100.00\t10.00
\t\t其中：当年财政拨款\t{budget}\t{budget}\t{budget}\t-\t100.00\t-
\t\t上年结转资金\t0.00\t0.00\t0.00\t-\t0.00\t-
\t\t其他资金\t0.00\t0.00\t0.00\t-\t0.00\t-
年度 总体 目标\t预期目标\t\t\t\t实际完成情况\t\t\t
\t{name}的预期目标\t\t\t\t{name}的完成情况\t\t\t
一级指标\t二级指标\t三级指标\t\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施
"""
FORM_TAIL = """总分\t\t\t\t\t\t100\t{score}\t
评分等级\t\t{grade}\t\t\t\t\t\t
"""
DEFAULT_ROWS = [
    "产出指标\t数量指标\t培训场次\t\t≥2.00(场)\t2.00(场)\t30.00\t30.00\t",
    "\t时效指标\t培训及时性\t\t及时\t达成指标\t20.00\t20.00\t",
    "效益指标\t社会效益指标\t居民知晓率\t\t≥90.00(%)\t95.00(%)\t30.00\t30.00\t",
    "满意度指标\t服务对象满意度指标\t居民满意度\t\t≥90.00(%)\t85.00(%)\t10.00\t8.00\t部分居民不满意，后续加强沟通。",
]


def make_form(name="测试办-测试专项经费", unit="桃浦镇测试办公室", budget="100.00", rows=None, score="98",
              grade="优") -> str:
    """A complete, internally consistent form in the seed's layout (rows default to 90 points)."""
    rows = DEFAULT_ROWS if rows is None else rows
    return (FORM_HEAD.format(name=name, unit=unit, budget=budget) + "\n".join(rows) + "\n"
            + FORM_TAIL.format(score=score, grade=grade))


def free_port() -> int:
    """A free loopback port (Gradio's default, 7860, may be another server's on a shared machine)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def home(tmp_path, monkeypatch) -> Config:
    """Point JX_HOME and JX_REPORTS at empty temporary folders; the configured embedder is a FakeEmbedder."""
    from index import embed

    monkeypatch.setenv("JX_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("JX_REPORTS", str(tmp_path / "reports"))
    for var in ("CHROMA_HOST", "CHROMA_PORT", "JX_EMBED_MODEL", "JX_USERS", "JX_HOST"):
        monkeypatch.delenv(var, raising=False)
    (tmp_path / "reports").mkdir()
    config = load_config()
    monkeypatch.setitem(embed._CACHE, config.embed_model, FakeEmbedder())
    return config


@pytest.fixture(scope="session")
def seed_template(tmp_path_factory) -> Config:
    """The seed corpus built once per session (store and vector index, fake embedder)."""
    from index import embed
    from index.build import build

    root = tmp_path_factory.mktemp("seed_template")
    (root / "reports").mkdir()
    shutil.copy(SEED, root / "reports" / SEED.name)
    config = load_config({"JX_HOME": str(root / "home"), "JX_REPORTS": str(root / "reports")})
    saved = embed._CACHE.get(config.embed_model)
    embed._CACHE[config.embed_model] = FakeEmbedder()
    try:
        build(config)
    finally:
        if saved is None:
            embed._CACHE.pop(config.embed_model, None)
        else:
            embed._CACHE[config.embed_model] = saved
    return config


@pytest.fixture
def seeded(home, seed_template) -> Config:
    """A report directory holding the seed corpus, built into the store and a vector index (fake embedder)."""
    shutil.copytree(seed_template.home, home.home)
    shutil.copy(SEED, home.reports / SEED.name)
    return home


class FakeEmbedder:
    """Deterministic embedder: hashed character unigrams and bigrams, unit length. Similar text → similar vector."""

    name = "fake-hash"
    dimension = 64

    def __init__(self, fail_after: int | None = None):
        self.calls = 0
        self.fail_after = fail_after  # raise on the call after this many, to simulate a crash mid-build

    def _vector(self, text):
        import hashlib

        import numpy as np

        v = np.zeros(self.dimension, dtype=np.float32)
        grams = list(text) + [text[i:i + 2] for i in range(len(text) - 1)]
        for g in grams:
            h = int.from_bytes(hashlib.md5(g.encode("utf-8")).digest()[:4], "little")
            v[h % self.dimension] += 1.0
        n = np.linalg.norm(v)
        return v / n if n else v

    def embed_documents(self, texts):
        import numpy as np

        self.calls += 1
        if self.fail_after is not None and self.calls > self.fail_after:
            raise RuntimeError("embedder crashed")
        return np.stack([self._vector(t) for t in texts]) if texts else np.zeros((0, self.dimension), np.float32)

    def embed_query(self, text):
        return self._vector(text)


@pytest.fixture
def fake_embedder(home):
    """The FakeEmbedder that ``home`` made the configured embedder for everything in this process."""
    from index import embed

    return embed._CACHE[home.embed_model]


def _fake_chat_model_class():
    from langchain_core.language_models.chat_models import BaseChatModel
    from langchain_core.messages import AIMessage, AIMessageChunk
    from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
    from pydantic import Field

    class FakeChatModel(BaseChatModel):
        """A chat model with queued replies and a history of what it was sent.

        A reply is a str, an AIMessage (tool calls included) or an exception, raised when its turn comes.
        ``calls`` holds the messages of each request, ``call_kwargs`` its extra arguments (the timeout), and
        ``tool_choices`` the ``tool_choice`` of each ``bind_tools``.
        """

        replies: list = Field(default_factory=list)
        calls: list = Field(default_factory=list)
        call_kwargs: list = Field(default_factory=list)
        bound_tools: list = Field(default_factory=list)
        tool_choices: list = Field(default_factory=list)

        @property
        def _llm_type(self) -> str:
            return "fake-chat"

        def _next(self, messages, kwargs) -> AIMessage:
            self.calls.append(list(messages))
            self.call_kwargs.append(dict(kwargs))
            if not self.replies:
                raise RuntimeError("FakeChatModel: no reply queued")
            reply = self.replies.pop(0)
            if isinstance(reply, BaseException):
                raise reply
            return reply if isinstance(reply, AIMessage) else AIMessage(content=reply)

        def _generate(self, messages, stop=None, run_manager=None, **kwargs) -> ChatResult:
            return ChatResult(generations=[ChatGeneration(message=self._next(messages, kwargs))])

        def _stream(self, messages, stop=None, run_manager=None, **kwargs):
            reply = self._next(messages, kwargs)
            text = reply.content
            for start in range(0, len(text), 7):
                yield ChatGenerationChunk(message=AIMessageChunk(content=text[start:start + 7]))

        def bind_tools(self, tools, tool_choice=None, **kwargs):
            self.bound_tools = list(tools)
            self.tool_choices.append(tool_choice)
            return self

    return FakeChatModel


@pytest.fixture
def fake_llm():
    """A fresh FakeChatModel; queue replies with ``fake_llm.replies.append(...)``."""
    return _fake_chat_model_class()()


@pytest.fixture
def assistant(seeded):
    """The assistant over the seed corpus, without an LLM."""
    from assistant.service import Assistant

    return Assistant(seeded)
