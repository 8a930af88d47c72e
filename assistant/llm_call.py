"""Calls to the chat model under one deadline per question, and tool calls a model wrote as text.

A question gets one ``Budget``: every request it makes gets a timeout no longer than the time left (so a hanging
endpoint costs at most the deadline), a failed request is retried once if time remains, and a stream is cut
when the deadline passes. Whatever goes wrong comes out as one ``ModelFailure`` whose ``kind`` the answer's
notice names (timeout or failed); the caller then gives the rule answer.
"""
from __future__ import annotations

import json
import re
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

RETRIES = 1  # a request that failed with a server or connection error is sent once more, if time remains
MIN_CALL_SECONDS = 0.2  # less time than this left: the request is not sent at all


class ModelFailure(Exception):
    """The model gave nothing usable: ``kind`` is timeout | failed | raw_tool | empty; ``detail`` says what."""

    def __init__(self, kind: str, detail: str = ""):
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind = kind
        self.detail = detail


def _timeout_error(exc: BaseException) -> bool:
    # langchain wraps the client's timeouts (ModelTimeoutError), but a read timing out in the middle of a stream
    # reaches us as the HTTP library's own exception; every one of them has "Timeout" in a class name.
    return isinstance(exc, TimeoutError) or any("Timeout" in k.__name__ for k in type(exc).__mro__)


def describe_error(exc: BaseException) -> str:
    """「HTTP 500」「连接失败」… as short as a notice needs (never the endpoint's address or key)."""
    status = getattr(exc, "status_code", None)
    if status is not None:
        return f"HTTP {status}"
    if any("Connection" in k.__name__ for k in type(exc).__mro__):
        return "ConnectionError"
    return type(exc).__name__


def _retryable(exc: BaseException) -> bool:
    status = getattr(exc, "status_code", None)
    if status is not None:
        return status >= 500 or status == 429
    return any("Connection" in k.__name__ for k in type(exc).__mro__)


class Budget:
    """The model calls of one question: each with a bounded timeout, all of them within ``deadline`` seconds."""

    def __init__(self, llm, deadline: float, call_timeout: float, clock=time.monotonic):
        self.llm = llm
        self.deadline = deadline
        self.call_timeout = call_timeout
        self._clock = clock
        self.started = clock()
        self.calls = 0  # requests sent (retries included), for tests and the benchmark

    def remaining(self) -> float:
        return self.deadline - (self._clock() - self.started)

    def elapsed(self) -> float:
        return self._clock() - self.started

    def _timeout(self) -> float:
        left = self.remaining()
        if left < MIN_CALL_SECONDS:
            raise ModelFailure("timeout", f"{self.deadline:g}")
        return min(self.call_timeout, left)

    def invoke(self, messages, tools=None, tool_choice=None):
        """One reply (an AIMessage); with ``tools``, ``tool_choice`` is sent so that servers really use them."""
        model = self.llm.bind_tools(tools, tool_choice=tool_choice) if tools else self.llm
        for attempt in range(RETRIES + 1):
            timeout = self._timeout()
            self.calls += 1
            try:
                return model.invoke(messages, timeout=timeout)
            except Exception as exc:
                if _timeout_error(exc) or self.remaining() < MIN_CALL_SECONDS:
                    raise ModelFailure("timeout", f"{self.deadline:g}") from exc
                if attempt < RETRIES and _retryable(exc):
                    continue
                raise ModelFailure("failed", describe_error(exc)) from exc
        raise AssertionError("unreachable")

    def stream(self, messages) -> Iterator[str]:
        """The reply's text as it arrives; cut (ModelFailure timeout) when the deadline passes mid-stream."""
        for attempt in range(RETRIES + 1):
            timeout = self._timeout()
            self.calls += 1
            received = False
            chunks = self.llm.stream(messages, timeout=timeout)
            try:
                for chunk in chunks:
                    if self.remaining() <= 0:
                        raise ModelFailure("timeout", f"{self.deadline:g}")
                    text = chunk.content if isinstance(chunk.content, str) else ""
                    if text:
                        received = True
                        yield text
                return
            except ModelFailure:
                raise
            except Exception as exc:
                if _timeout_error(exc) or self.remaining() < MIN_CALL_SECONDS:
                    raise ModelFailure("timeout", f"{self.deadline:g}") from exc
                if attempt < RETRIES and not received and _retryable(exc):
                    continue
                raise ModelFailure("failed", describe_error(exc)) from exc
            finally:
                chunks.close()  # a stream cut short must not keep its connection open


# -- tool calls written as text ------------------------------------------------------------------------------------
# Servers that render tools through the model's own chat template (or ignore them) return the call as text:
# Qwen's <tool_call>{…}</tool_call>, <tools>{…}</tools>, Llama's <function=name>{…}</function>, or bare JSON.
_TAGGED = re.compile(r"<(tool_call|tools|function_call)>\s*(.*?)\s*(?:</\1>|$)", re.S)
_FUNCTION_TAG = re.compile(r"<function=([\w.-]+)>\s*(\{.*?\})\s*(?:</function>|$)", re.S)
_MARKERS = re.compile(r"<\|?(tool_call|tool_calls|python_tag|tools|function_call)\|?>|</?tool_call>|</?tools>|"
                      r"<function=|\"name\"\s*:\s*\"[\w.-]+\"\s*,\s*\"(arguments|parameters)\"")


@dataclass(frozen=True)
class TextToolCall:
    name: str
    args: dict
    id: str


def looks_like_tool_call(text: str) -> bool:
    """True when a reply holds tool-call markup or a {"name": …, "arguments": …} object: never shown to users."""
    return bool(_MARKERS.search(text or ""))


def _objects(text: str) -> list[dict]:
    """The JSON objects in ``text`` (one after another, fenced or not)."""
    out, i = [], 0
    decoder = json.JSONDecoder()
    while True:
        start = text.find("{", i)
        if start < 0:
            return out
        try:
            obj, end = decoder.raw_decode(text, start)
        except ValueError:
            i = start + 1
            continue
        if isinstance(obj, dict):
            out.append(obj)
        i = end


def _call(obj: dict) -> TextToolCall | None:
    name = obj.get("name") or (obj.get("function") or {}).get("name")
    args = obj.get("arguments", obj.get("parameters", (obj.get("function") or {}).get("arguments", {})))
    if isinstance(args, str):
        try:
            args = json.loads(args)
        except ValueError:
            return None
    if not isinstance(name, str) or not isinstance(args, dict):
        return None
    return TextToolCall(name, args, f"call_{uuid.uuid4().hex[:12]}")


def parse_tool_calls(text: str) -> list[TextToolCall]:
    """Tool calls a model wrote as text instead of returning them as tool calls."""
    if not looks_like_tool_call(text):
        return []
    calls = [TextToolCall(m.group(1), obj, f"call_{uuid.uuid4().hex[:12]}")
             for m in _FUNCTION_TAG.finditer(text) for obj in _objects(m.group(2))[:1]]
    tagged = [body for _, body in _TAGGED.findall(text)]
    for body in tagged or [text]:
        calls += [c for c in (_call(o) for o in _objects(body)) if c is not None]
    return calls
