"""The chat model: any OpenAI-compatible endpoint through langchain-openai. The only module importing it."""
from __future__ import annotations

from index.config import Config


def llm_configured(config: Config) -> bool:
    return bool(config.llm_base_url and config.llm_model)


def make_chat_model(config: Config):
    """A LangChain chat model for ``LLM_BASE_URL``/``LLM_MODEL`` (``LLM_API_KEY`` if the server needs one), or None."""
    if not llm_configured(config):
        return None
    from langchain_openai import ChatOpenAI

    return ChatOpenAI(
        base_url=config.llm_base_url,
        api_key=config.llm_api_key or "not-needed",
        model=config.llm_model,
        temperature=0,
        timeout=120,
        max_retries=1,
    )
