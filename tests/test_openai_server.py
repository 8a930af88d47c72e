"""The real ChatOpenAI client against a scripted OpenAI-compatible server on loopback.

The server (``ScriptedChatServer``) implements ``POST /v1/chat/completions`` only: it records every request and
serves queued replies in order — a JSON completion, a JSON tool call, or, when the request asks for
``"stream": true``, an SSE stream of ``chat.completion.chunk`` objects ending in ``data: [DONE]``. An empty
queue (or a queued error) answers HTTP 500.
"""
from __future__ import annotations

import json
import threading
import time
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from assistant.llm import make_chat_model
from assistant.service import Assistant
from assistant.verify import UNVERIFIED
from index.config import load_config

MODEL = "scripted-model"
API_KEY = "test-key"
CREATED = 1_700_000_000  # fixed, so responses are deterministic


class ScriptedChatServer:
    """Records requests to /v1/chat/completions and answers them with queued scripted replies."""

    def __init__(self):
        self.requests: list[dict] = []  # {"path", "headers", "body"}
        self.replies: deque = deque()
        self.chunks_sent: list[int] = []  # content chunks per streamed reply
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._httpd.daemon_threads = True
        self.port = self._httpd.server_address[1]
        self.base_url = f"http://127.0.0.1:{self.port}/v1"
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="scripted-openai-server", daemon=True)

    # --- scripting -------------------------------------------------------------------------------------------
    def queue_text(self, text: str) -> None:
        """A plain assistant reply: JSON completion, or an SSE stream if the request streams."""
        self.replies.append(("text", text))

    def queue_tool_call(self, name: str, arguments: dict, call_id: str) -> None:
        self.replies.append(("tool_call", {"id": call_id, "type": "function",
                                           "function": {"name": name,
                                                        "arguments": json.dumps(arguments, ensure_ascii=False)}}))

    def queue_error(self, status: int = 500) -> None:
        self.replies.append(("error", status))

    @property
    def bodies(self) -> list[dict]:
        return [r["body"] for r in self.requests]

    # --- lifecycle -------------------------------------------------------------------------------------------
    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    # --- HTTP ------------------------------------------------------------------------------------------------
    def _next(self, body: dict):
        with self._lock:
            self.requests.append(body)
            return self.replies.popleft() if self.replies else ("error", 500)

    def _handler_class(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format, *args):  # keep pytest output clean
                pass

            def _send_json(self, status: int, payload: dict, headers: dict | None = None) -> None:
                data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                self._send_json(404, {"error": {"message": "not found", "type": "invalid_request_error"}})

            def do_POST(self):
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                try:
                    body = json.loads(raw or b"{}")
                except ValueError:
                    body = {"_unparsed": raw.decode("utf-8", "replace")}
                kind, value = server._next({"path": self.path, "headers": dict(self.headers.items()), "body": body})
                if self.path != "/v1/chat/completions":
                    self._send_json(404, {"error": {"message": f"no route {self.path}", "type": "invalid_request_error"}})
                elif kind == "error":
                    # retry-after-ms keeps the client's one retry (max_retries=1) from sleeping ~0.5 s
                    self._send_json(value, {"error": {"message": "scripted failure", "type": "server_error",
                                                      "param": None, "code": None}},
                                    headers={"retry-after-ms": "10"})
                elif body.get("stream"):
                    self._stream(body, kind, value)
                else:
                    self._send_json(200, _completion(body, kind, value))

            def _stream(self, body: dict, kind: str, value) -> None:
                events = _chunks(body, kind, value)
                server.chunks_sent.append(len(events))
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream; charset=utf-8")
                self.send_header("Cache-Control", "no-cache")
                self.end_headers()  # HTTP/1.0: the body ends when the connection closes
                for event in events:
                    self.wfile.write(b"data: " + json.dumps(event, ensure_ascii=False).encode("utf-8") + b"\n\n")
                    self.wfile.flush()
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()

        return Handler


_USAGE = {"prompt_tokens": 42, "completion_tokens": 7, "total_tokens": 49}


def _completion(body: dict, kind: str, value) -> dict:
    if kind == "tool_call":
        message = {"role": "assistant", "content": None, "refusal": None, "tool_calls": [value]}
        finish = "tool_calls"
    else:
        message = {"role": "assistant", "content": value, "refusal": None}
        finish = "stop"
    return {"id": "chatcmpl-scripted", "object": "chat.completion", "created": CREATED,
            "model": body.get("model", MODEL), "system_fingerprint": None,
            "choices": [{"index": 0, "message": message, "logprobs": None, "finish_reason": finish}],
            "usage": _USAGE}


def _chunks(body: dict, kind: str, value) -> list[dict]:
    """The chat.completion.chunk objects of a streamed reply (role, content pieces, stop[, usage])."""

    def chunk(delta: dict, finish=None, choices=True) -> dict:
        return {"id": "chatcmpl-scripted", "object": "chat.completion.chunk", "created": CREATED,
                "model": body.get("model", MODEL), "system_fingerprint": None,
                "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}] if choices else []}

    events = [chunk({"role": "assistant", "content": ""})]
    if kind == "tool_call":
        events.append(chunk({"tool_calls": [{"index": 0, **value}]}))
        events.append(chunk({}, "tool_calls"))
    else:
        events += [chunk({"content": value[i:i + 6]}) for i in range(0, len(value), 6)]
        events.append(chunk({}, "stop"))
    if (body.get("stream_options") or {}).get("include_usage"):
        events.append(chunk({}, choices=False) | {"usage": _USAGE})
    return events


@pytest.fixture
def chat_server():
    server = ScriptedChatServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()
        assert not server.running


@pytest.fixture
def llm_config(seeded, chat_server, monkeypatch):
    """The seeded data directory plus LLM_* pointing at the scripted server (no proxy for loopback)."""
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy",
                "OPENAI_BASE_URL", "OPENAI_API_BASE", "OPENAI_API_KEY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("LLM_BASE_URL", chat_server.base_url)
    monkeypatch.setenv("LLM_API_KEY", API_KEY)
    monkeypatch.setenv("LLM_MODEL", MODEL)
    config = load_config()
    assert (config.home, config.llm_base_url, config.llm_model) == (seeded.home, chat_server.base_url, MODEL)
    return config


def _assistant(config) -> Assistant:
    llm = make_chat_model(config)
    assert type(llm).__name__ == "ChatOpenAI"
    return Assistant(config, llm=llm)


def _assert_client_request(request: dict) -> None:
    assert request["path"] == "/v1/chat/completions"
    headers = {k.lower(): v for k, v in request["headers"].items()}
    assert headers["authorization"] == f"Bearer {API_KEY}"
    assert headers["content-type"].startswith("application/json")
    assert request["body"]["model"] == MODEL
    assert request["body"]["temperature"] == 0


def test_streamed_phrasing_is_verified(llm_config, chat_server):
    phrased = "社发办 23 个项目全年执行数合计 3807.15 万元，比上年多 99 万元。"
    chat_server.queue_text(phrased)
    a = _assistant(llm_config).ask("社发办所有项目全年执行数合计")

    assert len(chat_server.requests) == 1
    request = chat_server.requests[0]
    _assert_client_request(request)
    body = request["body"]
    assert body["stream"] is True
    assert "tools" not in body
    assert [m["role"] for m in body["messages"]] == ["system", "user"]
    assert "社发办所有项目全年执行数合计" in body["messages"][1]["content"]
    assert "3807.15" in body["messages"][1]["content"]  # the computed facts went to the model
    assert chat_server.chunks_sent[0] > 3  # really streamed in pieces

    marked = f"社发办 23 个项目全年执行数合计 3807.15 万元，比上年多 99{UNVERIFIED} 万元。"
    assert a.text.startswith(marked)
    assert f"3807.15{UNVERIFIED}" not in a.text
    assert "⚠️ 以上表述中的数字 99 在自评表记录中找不到" in a.text
    facts = a.text.index("**依据（自评表记录）：**")
    assert "**3807.15** 万元" in a.text[facts:]  # the deterministic answer follows the phrasing
    assert a.flags == ["未核实数字：99"]
    assert a.tools[-1] == "llm"


def test_tool_call_round_trip(llm_config, chat_server):
    question = "请估算一下消防的钱涨得快不快"
    assistant = _assistant(llm_config)
    assert assistant.understander.parse(question).refusal == "unknown"
    chat_server.queue_tool_call("calculator", {"expression": "growth(139.87, 85.30)"}, "call_calc_1")
    final = "按计算器结果，全年预算比年初增长 63.97%。"
    chat_server.queue_text(final)
    a = assistant.ask(question)

    assert len(chat_server.requests) == 2
    for request in chat_server.requests:
        _assert_client_request(request)
        assert not request["body"].get("stream")  # .invoke() sends stream=false: plain JSON replies
    first, second = chat_server.bodies
    assert [t["type"] for t in first["tools"]] == ["function"] * 4
    assert [t["function"]["name"] for t in first["tools"]] == ["search_forms", "structured_query", "project_form",
                                                               "calculator"]
    calc = next(t["function"] for t in first["tools"] if t["function"]["name"] == "calculator")
    assert "expression" in calc["parameters"]["properties"]
    assert second["tools"] == first["tools"]

    assistant_turn = [m for m in second["messages"] if m["role"] == "assistant"]
    assert assistant_turn[0]["tool_calls"][0]["id"] == "call_calc_1"
    assert assistant_turn[0]["tool_calls"][0]["function"]["name"] == "calculator"
    assert json.loads(assistant_turn[0]["tool_calls"][0]["function"]["arguments"]) == {
        "expression": "growth(139.87, 85.30)"}
    tool_turn = [m for m in second["messages"] if m["role"] == "tool"]
    assert tool_turn == [{"role": "tool", "content": "63.97", "tool_call_id": "call_calc_1"}]
    assert second["messages"][-1] == tool_turn[0]

    assert a.text.startswith(final)
    assert UNVERIFIED not in a.text and "⚠️" not in a.text
    assert "- 63.97" in a.text  # the tool output is cited as evidence
    assert a.tools == ["calculator", "llm"]
    assert a.kind == "llm" and a.flags == []


@pytest.mark.parametrize("question", ["科技企业扶持专项经费总分", "请估算一下消防的钱涨得快不快"],
                         ids=["phrasing", "tools"])
def test_server_error_falls_back_to_the_rule_answer(llm_config, chat_server, question):
    expected = Assistant(llm_config).ask(question)  # no LLM: the deterministic answer
    started = time.monotonic()
    a = _assistant(llm_config).ask(question)  # nothing queued: every request gets HTTP 500
    elapsed = time.monotonic() - started

    assert elapsed < 10
    assert len(chat_server.requests) == 2  # the first try and make_chat_model's one retry
    for request in chat_server.requests:
        _assert_client_request(request)
    assert a.text == expected.text
    assert len(a.flags) == 1 and a.flags[0].startswith("大模型调用失败")
    assert a.flags[0].endswith("已给出规则答案")  # langchain-openai 1.7 names it OpenAIAPIError（a 500 wrapped）
    assert "llm" not in a.tools
