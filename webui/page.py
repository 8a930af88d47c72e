"""The app shell: pages (one per tab) built in order, and one public event — the data changed — that pages
subscribe to, so counts and lists refresh on page load and after every upload (after kotaemon's BasePage)."""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Callable

import gradio as gr


@dataclass(frozen=True)
class Refresh:
    fn: Callable
    outputs: list


class BasePage:
    """One part of the page: ``build`` lays out its components (inside the caller's context), ``events`` wires
    them; ``refresh`` (optional) says what to recompute when the stored forms change."""

    def __init__(self, app: "App"):
        self.app = app

    @property
    def assistant(self):
        return self.app.holder.assistant  # read at every event: an upload swaps in a new one

    def build(self) -> None:
        raise NotImplementedError

    def events(self) -> None:
        pass

    def refresh(self) -> Refresh | None:
        return None


class App:
    """Holds the shared assistant, the pages and the 'data changed' subscribers."""

    def __init__(self, holder, access=None):
        from index.auth import load_access

        self.holder = holder
        self.access = access or load_access(holder.config)  # who may upload, delete and restore
        self.refreshes: list[Refresh] = []

    def browser_secret(self) -> str:
        """The key that encrypts conversations kept in the browser; kept under the data directory, so what a
        browser stored stays readable after the server restarts."""
        path = self.holder.config.home / "browser_state.key"
        try:
            return path.read_text(encoding="utf-8").strip()
        except OSError:
            key = secrets.token_urlsafe(24)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(key, encoding="utf-8")
            path.chmod(0o600)
            return key

    def after_data_change(self, event) -> None:
        """Chain every page's refresh after ``event`` (an upload that saved files)."""
        for r in self.refreshes:
            event = event.then(r.fn, None, r.outputs, api_visibility="private")

    def build(self, header, tabs: list[tuple[str, str, BasePage]], extra: list[BasePage]) -> gr.Blocks:
        with gr.Blocks(title="绩效问答") as demo:
            self.demo = demo  # pages register their own load events on it
            header.build()
            with gr.Tabs(elem_id="jx-tabs"):
                for label, tab_id, page in tabs:
                    with gr.Tab(label, id=tab_id, elem_id=f"jx-tab-{tab_id}"):
                        page.build()
            for page in extra:
                page.build()
            pages = [header, *(p for _, _, p in tabs), *extra]
            self.refreshes = [r for r in (p.refresh() for p in pages) if r is not None]
            for page in pages:  # after the refreshes are known: an upload chains them all
                page.events()
            for r in self.refreshes:  # counts and lists are read fresh whenever a page opens
                demo.load(r.fn, None, r.outputs, api_visibility="private")
        return demo
