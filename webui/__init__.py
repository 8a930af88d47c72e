"""The web app, one module per tab; ``build_ui`` assembles them."""
from __future__ import annotations

import gradio as gr

from .api import Api
from .assets import launch_options
from .audit import AuditPage
from .chat import ChatPage
from .check import CheckPage
from .draft import DraftPage
from .header import Header
from .overview import OverviewPage
from .page import App
from .upload import UploadPage


def build_ui(holder, access=None) -> gr.Blocks:
    app = App(holder, access)
    tabs = [("问答", "qa", ChatPage(app)), ("核查", "check", CheckPage(app)), ("撰写", "draft", DraftPage(app)),
            ("审计", "audit", AuditPage(app)), ("概览", "overview", OverviewPage(app)),
            ("上传", "upload", UploadPage(app))]
    return app.build(Header(app), tabs, [Api(app)])


__all__ = ["build_ui", "launch_options"]
