"""The web app (Gradio): assembles the pages in ``webui/`` and serves them."""
from __future__ import annotations

import os

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

from assistant.llm import make_chat_model  # noqa: E402
from assistant.service import AssistantHolder  # noqa: E402
from index.auth import load_access  # noqa: E402
from index.config import load_config  # noqa: E402
from index.store import StoreOutdated  # noqa: E402
from webui import build_ui, launch_options  # noqa: E402


def main() -> None:
    config = load_config()
    try:
        holder = AssistantHolder(config, llm=make_chat_model(config))
    except StoreOutdated as exc:  # `make run` rebuilds first; started by hand, say what to do
        raise SystemExit(str(exc)) from None
    access = load_access(config)
    demo = build_ui(holder, access)
    demo.queue(default_concurrency_limit=8).launch(server_name=config.host, server_port=config.port,
                                                   auth=access.check if access.required else None,
                                                   auth_message="绩效问答：请登录", **launch_options())


if __name__ == "__main__":
    main()
