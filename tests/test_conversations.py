"""Conversations kept by the browser, and the server's memory of each (rebuilt when the server lost it)."""
from webui.conversations import MAX_CONVERSATIONS, Library, Memories


def test_library_round_trip_and_order():
    lib = Library()
    lib.save("a", [{"role": "user", "content": "消防实事项目经费的全年预算数是多少很长很长很长很长的问题"},
                   {"role": "assistant", "content": "27.86"}])
    lib.save("b", [{"role": "user", "content": "宣传科有哪些项目"}])
    again = Library.from_json(lib.to_json())
    assert [c.id for c in again.items] == ["b", "a"] and again.current == "b"
    assert again.get("a").title == "消防实事项目经费的全年预算数是多少很长很长很长很…"
    assert again.get("a").questions == ["消防实事项目经费的全年预算数是多少很长很长很长很长的问题"]
    again.delete("b")
    assert again.current is None and [c.id for c in again.items] == ["a"]


def test_library_drops_what_it_cannot_read_and_keeps_the_newest():
    data = {"current": "x", "items": [{"id": "x", "messages": [{"role": "system", "content": "?"}]}, {"nope": 1}, 5]}
    lib = Library.from_json(data)
    assert [(c.id, c.messages) for c in lib.items] == [("x", [])] and lib.current == "x"
    assert Library.from_json("garbage").items == []
    for n in range(MAX_CONVERSATIONS + 3):
        lib.save(str(n), [{"role": "user", "content": f"问题{n}"}])
    assert len(lib.items) == MAX_CONVERSATIONS and lib.items[0].id == str(MAX_CONVERSATIONS + 2)


def test_memory_is_kept_rebuilt_rewound_and_forgotten(assistant):
    memories = Memories()
    s = memories.session("c1", [], assistant.ask)
    assistant.ask("消防实事项目经费的全年预算数是多少", s)
    assert memories.session("c1", [], assistant.ask) is s
    memories.mark_before("c1", s)
    assert "98 分" in assistant.ask("那它的总分呢？", s).text

    # A server that lost the memory rebuilds it from the conversation's questions.
    rebuilt = Memories().session("c1", ["消防实事项目经费的全年预算数是多少"], assistant.ask)
    assert "安全办-消防实事项目经费的总分为 **98 分" in assistant.ask("那它的总分呢？", rebuilt).text

    before = memories.rewind("c1")  # the memory before 「那它的总分呢？」, to regenerate it
    assert before is not s and before.turns == [("消防实事项目经费的全年预算数是多少", s.turns[0][1])]
    memories.forget("c1")
    fresh = memories.session("c1", [], assistant.ask)
    assert fresh.context.plan is None
    assert assistant.ask("那它的总分呢？", fresh).text.startswith("「那」「它」要接着上一个问题理解，但本次对话里还没有可以接着的回答")
