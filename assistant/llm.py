"""The chat model: any OpenAI-compatible endpoint through langchain-openai. The only module importing it."""
from __future__ import annotations

from functools import lru_cache

from index.config import Config


def llm_configured(config: Config) -> bool:
    return bool(config.llm_base_url and config.llm_model)


@lru_cache(maxsize=1)
def _model_class():
    from langchain_openai import ChatOpenAI

    class CompatibleChatOpenAI(ChatOpenAI):
        """ChatOpenAI sending what llama.cpp-style servers accept.

        langchain-openai writes an assistant turn that carries tool calls with ``"content": null``; servers that
        render the conversation through the model's chat template (llama-cpp-python, llama.cpp) answer that with
        HTTP 500. The empty string means the same to OpenAI itself.
        """

        def _get_request_payload(self, input_, *, stop=None, **kwargs) -> dict:
            payload = super()._get_request_payload(input_, stop=stop, **kwargs)
            for message in payload.get("messages", []):
                if message.get("role") == "assistant" and message.get("content") is None:
                    message["content"] = ""
            return payload

    return CompatibleChatOpenAI


def make_chat_model(config: Config):
    """A LangChain chat model for ``LLM_BASE_URL``/``LLM_MODEL`` (``LLM_API_KEY`` if the server needs one), or None.

    The client never retries by itself: ``llm_call.Budget`` retries within the question's deadline, and passes
    each request a timeout no longer than the time left.
    """
    if not llm_configured(config):
        return None
    return _model_class()(
        base_url=config.llm_base_url,
        api_key=config.llm_api_key or "not-needed",
        model=config.llm_model,
        temperature=0,
        timeout=config.llm_timeout,
        max_retries=0,
    )
