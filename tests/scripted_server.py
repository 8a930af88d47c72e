"""A scripted OpenAI-compatible chat server on loopback that behaves like the small local servers users run.

``ScriptedChatServer`` implements ``POST /v1/chat/completions`` only. It records every request and serves queued
replies in order — a JSON completion, a tool call, or, when the request asks for ``"stream": true``, an SSE stream
of ``chat.completion.chunk`` objects ending in ``data: [DONE]`` — and, like llama-cpp-python's server with a
model's own chat template, it

- ignores ``tools`` unless ``tool_choice`` is ``"required"`` or names a function: a queued tool call is then
  written as text (``<tools>{"name": …, "arguments": …}</tools>``), as the model would;
- answers HTTP 500 to a conversation holding an assistant message with ``"content": null``;
- answers HTTP 400 to a tool result whose ``tool_call_id`` is not a call of the assistant turn before it;
- can stream slowly (``delay`` seconds between chunks) or hang (send nothing for ``hang`` seconds).

An empty queue answers HTTP 500, unless ``responder`` (a function of the request body returning a reply like
the queued ones) is set.
"""
from __future__ import annotations

import json
import threading
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MODEL = "scripted-model"
CREATED = 1_700_000_000  # fixed, so responses are deterministic
_USAGE = {"prompt_tokens": 42, "completion_tokens": 7, "total_tokens": 49}


class Reply:
    """One scripted reply: kind text | tool_call | error, with optional slowness."""

    def __init__(self, kind: str, value, delay: float = 0.0, hang: float = 0.0, chunk: int = 6):
        self.kind, self.value, self.delay, self.hang, self.chunk = kind, value, delay, hang, chunk


class ScriptedChatServer:
    """Records requests to /v1/chat/completions and answers them with queued scripted replies."""

    def __init__(self):
        self.requests: list[dict] = []  # {"path", "headers", "body"}
        self.replies: deque[Reply] = deque()
        self.responder = None  # body -> Reply, used when nothing is queued
        self.chunks_sent: list[int] = []  # content chunks per streamed reply
        self.rejected: list[str] = []  # why requests were refused (content null, unknown tool_call_id)
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._httpd.daemon_threads = True
        self.port = self._httpd.server_address[1]
        self.base_url = f"http://127.0.0.1:{self.port}/v1"
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="scripted-openai-server", daemon=True)

    # --- scripting -------------------------------------------------------------------------------------------
    def queue_text(self, text: str, delay: float = 0.0, hang: float = 0.0, chunk: int = 6) -> None:
        """A plain assistant reply: JSON completion, or an SSE stream (``chunk`` characters a piece, ``delay``
        seconds apart) if the request streams; ``hang`` seconds of silence first."""
        self.replies.append(Reply("text", text, delay, hang, chunk))

    def queue_tool_call(self, name: str, arguments: dict, call_id: str) -> None:
        self.replies.append(Reply("tool_call", {"id": call_id, "type": "function",
                                                "function": {"name": name,
                                                             "arguments": json.dumps(arguments, ensure_ascii=False)}}))

    def queue_error(self, status: int = 500) -> None:
        self.replies.append(Reply("error", status))

    def queue_hang(self, seconds: float) -> None:
        """Accept the request and send nothing for ``seconds`` (then a plain reply nobody waits for)."""
        self.replies.append(Reply("text", "（迟到的回答）", hang=seconds))

    @property
    def bodies(self) -> list[dict]:
        return [r["body"] for r in self.requests]

    # --- lifecycle -------------------------------------------------------------------------------------------
    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()  # wakes handlers that hang or stream slowly
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    # --- behaviour of a real server -------------------------------------------------------------------------
    def _refusal(self, body: dict) -> tuple[int, str] | None:
        """What a llama.cpp-style server rejects before generating anything."""
        messages = body.get("messages") or []
        for m in messages:
            if m.get("role") == "assistant" and "content" in m and m["content"] is None:
                return 500, "assistant message content is null: the chat template cannot render it"
        calls: set[str] = set()
        for m in messages:
            if m.get("role") == "assistant":
                calls = {c.get("id") for c in m.get("tool_calls") or []}
            elif m.get("role") == "tool" and m.get("tool_call_id") not in calls:
                return 400, f"tool result for unknown tool_call_id {m.get('tool_call_id')!r}"
        return None

    def _next(self, request: dict) -> Reply:
        with self._lock:
            self.requests.append(request)
            if self.replies:
                return self.replies.popleft()
        if self.responder is not None:
            return self.responder(request["body"])
        return Reply("error", 500)

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

            def _error(self, status: int, message: str) -> None:
                # retry-after-ms keeps a client's retry from sleeping ~0.5 s
                self._send_json(status, {"error": {"message": message, "type": "server_error", "param": None,
                                                   "code": None}}, headers={"retry-after-ms": "10"})

            def do_GET(self):
                self._send_json(404, {"error": {"message": "not found", "type": "invalid_request_error"}})

            def do_POST(self):
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                try:
                    body = json.loads(raw or b"{}")
                except ValueError:
                    body = {"_unparsed": raw.decode("utf-8", "replace")}
                request = {"path": self.path, "headers": dict(self.headers.items()), "body": body}
                if self.path != "/v1/chat/completions":
                    server._next(request)
                    self._send_json(404, {"error": {"message": f"no route {self.path}", "type": "invalid_request_error"}})
                    return
                refused = server._refusal(body)
                if refused is not None:
                    with server._lock:
                        server.requests.append(request)
                        server.rejected.append(refused[1])
                    self._error(*refused)
                    return
                reply = server._next(request)
                if reply.hang and server._stopping.wait(reply.hang):
                    return
                try:
                    if reply.kind == "error":
                        self._error(reply.value, "scripted failure")
                    elif body.get("stream"):
                        self._stream(body, reply)
                    else:
                        self._send_json(200, _completion(body, reply))
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (its deadline): as a real server, just stop

            def _stream(self, body: dict, reply: Reply) -> None:
                events = _chunks(body, reply)
                server.chunks_sent.append(len(events))
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream; charset=utf-8")
                self.send_header("Cache-Control", "no-cache")
                self.end_headers()  # HTTP/1.0: the body ends when the connection closes
                for event in events:
                    self.wfile.write(b"data: " + json.dumps(event, ensure_ascii=False).encode("utf-8") + b"\n\n")
                    self.wfile.flush()
                    if reply.delay and server._stopping.wait(reply.delay):
                        return
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()

        return Handler


def _uses_tools(body: dict) -> bool:
    """Whether the server grammar-constrains a tool call: only when tool_choice demands one."""
    choice = body.get("tool_choice")
    return bool(body.get("tools")) and (choice == "required" or isinstance(choice, dict))


def _as_text(call: dict) -> str:
    return "<tools>" + json.dumps({"name": call["function"]["name"],
                                   "arguments": json.loads(call["function"]["arguments"])}, ensure_ascii=False) + "</tools>"


def _completion(body: dict, reply: Reply) -> dict:
    if reply.kind == "tool_call" and _uses_tools(body):
        message = {"role": "assistant", "content": None, "refusal": None, "tool_calls": [reply.value]}
        finish = "tool_calls"
    else:
        text = _as_text(reply.value) if reply.kind == "tool_call" else reply.value
        message = {"role": "assistant", "content": text, "refusal": None}
        finish = "stop"
    return {"id": "chatcmpl-scripted", "object": "chat.completion", "created": CREATED,
            "model": body.get("model", MODEL), "system_fingerprint": None,
            "choices": [{"index": 0, "message": message, "logprobs": None, "finish_reason": finish}],
            "usage": _USAGE}


def _chunks(body: dict, reply: Reply) -> list[dict]:
    """The chat.completion.chunk objects of a streamed reply (role, content pieces, stop[, usage])."""

    def chunk(delta: dict, finish=None, choices=True) -> dict:
        return {"id": "chatcmpl-scripted", "object": "chat.completion.chunk", "created": CREATED,
                "model": body.get("model", MODEL), "system_fingerprint": None,
                "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}] if choices else []}

    events = [chunk({"role": "assistant", "content": ""})]
    if reply.kind == "tool_call" and _uses_tools(body):
        events.append(chunk({"tool_calls": [{"index": 0, **reply.value}]}))
        events.append(chunk({}, "tool_calls"))
    else:
        text = _as_text(reply.value) if reply.kind == "tool_call" else reply.value
        events += [chunk({"content": text[i:i + reply.chunk]}) for i in range(0, len(text), reply.chunk)]
        events.append(chunk({}, "stop"))
    if (body.get("stream_options") or {}).get("include_usage"):
        events.append(chunk({}, choices=False) | {"usage": _USAGE})
    return events


def stand_in_model(plant_every: int = 4):
    """A deterministic stand-in for a small model, as a ``responder``: it sends every question the rules could not
    read to the tool loop (plan intent open), looks it up with ``structured_query`` and finishes; it phrases every
    answer as 「根据记录，{1}。」, and every ``plant_every``-th phrasing adds a number of its own glued to Chinese
    (「另有12.5万元未列明」), which the checks must mark. For the benchmark's plumbing, not for its accuracy."""
    ids, phrasings = iter(range(1, 1 << 30)), iter(range(1, 1 << 30))

    def call(name: str, arguments: dict) -> Reply:
        return Reply("tool_call", {"id": f"call_{name}_{next(ids)}", "type": "function",
                                   "function": {"name": name, "arguments": json.dumps(arguments, ensure_ascii=False)}})

    def reply(body: dict) -> Reply:
        tools = [t["function"]["name"] for t in body.get("tools") or []]
        messages = body.get("messages") or []
        user = next((m["content"] for m in reversed(messages) if m.get("role") == "user"), "") or ""
        if "QuestionPlan" in tools:
            return call("QuestionPlan", {"intent": "open"})
        if tools:
            if any(m.get("role") == "tool" for m in messages):
                return call("finish", {})
            asked = user.split("用户的问题：", 1)[-1].split("\n", 1)[0].strip()
            return call("structured_query", {"question": asked})
        if "{1} = " not in user:
            return Reply("text", "记录中没有相关信息。")
        text = "根据记录，{1}。"
        if next(phrasings) % plant_every == 0:
            text += "另有12.5万元未列明。"
        return Reply("text", text)

    return reply
