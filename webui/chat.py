"""The 问答 tab: a chat whose answers carry their own numbered sources, kept per browser across reloads."""
from __future__ import annotations

import gradio as gr

from assistant import views

from .conversations import Library, Memories, new_id
from .page import BasePage

# Each works on a fresh page: none leans on an earlier question.
EXAMPLES = [
    "哪些项目满意度未达标", "评分等级不是优的项目", "社发办所有项目全年执行数合计", "全年预算数最大的项目是哪个",
    "消防实事项目经费的全年预算数是多少", "即知即改专项经费长效管理制度建设为什么扣分",
    "帮我核实：城运中心-应用场景项目受益群众满意度为80%", "写一段安全办-消防安全专项经费的绩效总结",
]
EMPTY = "请输入问题，或点击下面的示例。每个数字都注明出处：回答中的 [1]、[2] 对应其下「来源」里的表格行。"


def _text(content) -> str:
    """The text of a chat message as Gradio hands it back (a string, or a list of typed parts)."""
    if isinstance(content, str):
        return content
    if isinstance(content, dict):
        return str(content.get("text") or content.get("value") or "")
    if isinstance(content, (list, tuple)):
        return "".join(_text(c) for c in content)
    return ""


def _plain(messages) -> list[dict]:
    return [{"role": m["role"], "content": _text(m.get("content"))} for m in (messages or [])
            if isinstance(m, dict) and m.get("role") in ("user", "assistant")]


def _downloads(answer=None):
    csv_path, xlsx_path = views.export_files(answer) if answer is not None else (None, None)
    return (gr.update(value=csv_path, visible=bool(csv_path)), gr.update(value=xlsx_path, visible=bool(xlsx_path)))


class ChatPage(BasePage):
    def __init__(self, app):
        super().__init__(app)
        self.memories = Memories()

    def build(self) -> None:
        self.store = gr.BrowserState(Library().to_json(), storage_key="jx-conversations",
                                     secret=self.app.browser_secret())
        self.cid = gr.State(None)  # the conversation open in this tab
        with gr.Accordion("历史对话（保存在本浏览器，可重新打开或删除）", open=False, elem_id="jx-history-box"):
            self.history = gr.Radio([], label="历史对话", show_label=False, elem_id="jx-history")
            self.delete = gr.Button("删除所选对话", size="sm", elem_id="jx-delete")
        self.chatbot = gr.Chatbot(label="对话", show_label=False, height=620, buttons=["copy"], elem_id="jx-chat",
                                  placeholder=EMPTY, examples=[{"text": q} for q in EXAMPLES])
        with gr.Row(elem_id="jx-ask-row"):
            self.question = gr.Textbox(label="问题", show_label=False, placeholder="输入问题，回车发送", scale=8,
                                       min_width=200, autofocus=True, elem_id="jx-question")
            self.send = gr.Button("发送", variant="primary", scale=1, min_width=70, elem_id="jx-send")
            self.new = gr.Button("新对话", scale=1, min_width=70, elem_id="jx-new")
        with gr.Row():
            self.csv = gr.DownloadButton("下载 CSV", visible=False, elem_id="jx-csv")
            self.xlsx = gr.DownloadButton("下载 Excel", visible=False, elem_id="jx-xlsx")

    # -- asking -------------------------------------------------------------------------------------------------

    def _reply(self, question: str, messages: list[dict], cid: str | None, stored):
        """Ask ``question`` in conversation ``cid`` after ``messages``; yields the outputs of every chat event."""
        lib = Library.from_json(stored)
        cid = cid or new_id()
        prior = [m["content"] for m in messages if m["role"] == "user"]
        messages = messages + [{"role": "user", "content": question}]
        yield messages, "", cid, gr.update(), gr.update(), *_downloads()
        a = self.assistant
        session = self.memories.session(cid, prior, a.ask)
        self.memories.mark_before(cid, session)
        for partial in a.ask_stream(question, session):  # the rule answer first, then the model's words as they come
            shown = [{"role": "assistant", "content": partial}]  # Markdown while it grows; drawn in full at the end
            yield messages + shown, "", cid, gr.update(), gr.update(), *_downloads()
        answer = session.last_answer
        messages = messages + [{"role": "assistant", "content": views.message_html(a, answer)}]
        lib.save(cid, messages)
        yield (messages, "", cid, lib.to_json(), gr.update(choices=lib.choices(), value=cid), *_downloads(answer))

    def respond(self, message, messages, cid, stored):
        message = (message or "").strip()
        if not message:
            yield gr.update(), "", cid, gr.update(), gr.update(), gr.update(), gr.update()
            return
        yield from self._reply(message, _plain(messages), cid, stored)

    def example(self, evt: gr.SelectData, messages, cid, stored):
        text = evt.value.get("text", "") if isinstance(evt.value, dict) else str(evt.value or "")
        yield from self._reply(text, _plain(messages), cid, stored)

    def regenerate(self, messages, cid, stored):
        """Answer the last question again, from the memory as it was before it was first asked."""
        messages = _plain(messages)
        while messages and messages[-1]["role"] == "assistant":
            messages.pop()
        if not messages or cid is None:
            yield gr.update(), "", cid, gr.update(), gr.update(), *_downloads()
            return
        question = messages.pop()["content"]
        if self.memories.rewind(cid) is None:
            self.memories.forget(cid)  # rebuilt from the questions before this one
        yield from self._reply(question, messages, cid, stored)

    # -- conversations ------------------------------------------------------------------------------------------

    def clear(self, cid, stored):
        """The one clear control: messages, memory and sources of this conversation are gone."""
        lib = Library.from_json(stored)
        lib.delete(cid)
        self.memories.forget(cid)
        return [], None, lib.to_json(), gr.update(choices=lib.choices(), value=None), *_downloads()

    def start_new(self, stored):
        lib = Library.from_json(stored)
        lib.current = None
        return [], None, lib.to_json(), gr.update(choices=lib.choices(), value=None), *_downloads()

    def open(self, chosen, stored):
        lib = Library.from_json(stored)
        conv = lib.get(chosen)
        if conv is None:
            return gr.update(), None, lib.to_json(), gr.update(choices=lib.choices(), value=None), *_downloads()
        lib.current = conv.id
        return conv.messages, conv.id, lib.to_json(), gr.update(), *_downloads()

    def remove(self, chosen, cid, stored):
        lib = Library.from_json(stored)
        target = chosen or cid
        lib.delete(target)
        self.memories.forget(target)
        if target == cid:
            return [], None, lib.to_json(), gr.update(choices=lib.choices(), value=None), *_downloads()
        return gr.update(), cid, lib.to_json(), gr.update(choices=lib.choices(), value=cid), *_downloads()

    def restore(self, stored):
        """On page load: the conversation that was open, and the list. With nothing to reopen the chat is left
        alone, so a question sent while the page loads is never wiped."""
        lib = Library.from_json(stored)
        conv = lib.get(lib.current)
        listing = gr.update(choices=lib.choices(), value=conv.id if conv else None)
        if conv is None:
            return gr.update(), gr.update(), listing
        return conv.messages, conv.id, listing

    def events(self) -> None:
        outputs = [self.chatbot, self.question, self.cid, self.store, self.history, self.csv, self.xlsx]
        ask_inputs = [self.question, self.chatbot, self.cid, self.store]
        self.question.submit(self.respond, ask_inputs, outputs, api_visibility="private")
        self.send.click(self.respond, ask_inputs, outputs, api_visibility="private")
        state = [self.chatbot, self.cid, self.store]
        self.chatbot.example_select(self.example, state, outputs, api_visibility="private")
        self.chatbot.retry(self.regenerate, state, outputs, api_visibility="private")
        # Clearing or starting anew leaves the question box alone: text typed meanwhile is never wiped.
        reset = [self.chatbot, self.cid, self.store, self.history, self.csv, self.xlsx]
        self.chatbot.clear(self.clear, [self.cid, self.store], reset, api_visibility="private")
        self.new.click(self.start_new, [self.store], reset, api_visibility="private")
        listing = [self.chatbot, self.cid, self.store, self.history, self.csv, self.xlsx]
        self.history.input(self.open, [self.history, self.store], listing, api_visibility="private")
        self.delete.click(self.remove, [self.history, self.cid, self.store], listing, api_visibility="private")
        self.app.demo.load(self.restore, [self.store], [self.chatbot, self.cid, self.history],
                           api_visibility="private")
