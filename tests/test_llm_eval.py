"""bench/llm_eval.py against the scripted server and its stand-in model: accuracy per intent, notices, numbers the
checks flagged, and numbers that would reach the user unflagged and wrong (none may)."""
import json

from bench import llm_eval
from scripted_server import ScriptedChatServer, stand_in_model

BANK = [
    {"id": "t1", "question": "社发办有几个项目", "intent": "office_count", "kind": "count", "answer": 23},
    {"id": "t2", "question": "党群中心哪些项目满意度未达标", "intent": "satisfaction_missed_office", "kind": "set",
     "answer": ["党群中心-党群服务中心专项经费", "党群中心-居委会选举专项经费", "党群中心-社区管理专项经费",
                "党群中心—居民区党群服务站门头规范化建设专项经费"]},
    {"id": "t3", "question": "社发办所有项目全年执行数合计", "intent": "office_sum_executed", "kind": "number",
     "answer": 3807.15},
    {"id": "t4", "question": "开销超过100万元但不到500万元、并且总分高于95分的项目有哪些", "intent": "list_multi",
     "kind": "set", "answer": ["安全办-消防安全专项经费", "平安办-平安创建及应急维稳经费", "平安办-社区智能安防经费",
                               "经发办-优化营商环境专项经费"]},
    {"id": "t5", "question": "长征镇有哪些项目满意度未达标", "intent": "refuse_place", "kind": "refuse", "answer": None},
]


def _table(text: str) -> list[list[str]]:
    """The report's rows without the two latency columns (which vary from run to run)."""
    return [[c.strip() for c in line.strip("|").split("|")][:-2] for line in text.splitlines()
            if line.startswith("| ") and not line.startswith("| 意图")]


def test_the_benchmark_runs_against_the_scripted_server(seeded, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("NO_PROXY", "")  # restored afterwards; --scripted adds loopback to it
    bank = tmp_path / "bank.jsonl"
    bank.write_text("\n".join(json.dumps(item, ensure_ascii=False) for item in BANK), encoding="utf-8")
    out = tmp_path / "LLM_RESULTS.md"
    assert llm_eval.main(["--scripted", str(bank), "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert text == capsys.readouterr().out
    assert text.startswith("# 大模型模式评测\n\n模型 `stand-in`（脚本化服务器上的替身），每题时限 30 秒（单次请求 20 秒）；"
                           "题库 bank.jsonl，共 5 题，用时 ")
    assert _table(text) == [
        # the stand-in sends questions the rules cannot read to the tools, which find nothing: an honest refusal
        ["list_multi", "1", "0", "1", "0", "0%", "0", "1", "1", "0", "0"],
        ["office_count", "1", "1", "0", "0", "100%", "1", "1", "0", "0", "0"],
        ["office_sum_executed", "1", "1", "0", "0", "100%", "1", "1", "0", "0", "0"],
        ["refuse_place", "1", "1", "0", "0", "100%", "1", "0", "0", "0", "0"],  # refusals never reach the model
        ["satisfaction_missed_office", "1", "1", "0", "0", "100%", "1", "1", "1", "0", "0"],
        ["合计", "5", "4", "1", "0", "80%", "4", "4", "2", "0", "0"],
    ]
    assert "- ⚠️ 大模型的表述遗漏了 N 个符合条件的项目：1\n- ⚠️ 大模型没有查到可用的记录：1\n\n未标注的错误数字：0\n" in text


def test_planted_numbers_are_all_flagged(seeded, monkeypatch):
    from assistant.llm import make_chat_model
    from index.config import load_config

    server = ScriptedChatServer()
    server.responder = stand_in_model(plant_every=1)  # every phrasing adds 「另有12.5万元未列明」
    server.start()
    try:
        monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
        config = load_config({"JX_HOME": str(seeded.home), "JX_REPORTS": str(seeded.reports),
                              "LLM_BASE_URL": server.base_url, "LLM_MODEL": "stand-in"})
        rows = llm_eval.run(config, make_chat_model(config), BANK[:3])
    finally:
        server.stop()
    assert [(r.id, r.outcome, r.flagged, r.unflagged_wrong) for r in rows] == [
        ("t1", "correct", 1, []), ("t2", "correct", 1, []), ("t3", "correct", 1, [])]


def test_unflagged_wrong_numbers_are_counted():
    evidence = "\n\n**依据（自评表记录）：**\n\n社发办项目共 **23** 个，全年执行数合计 **3807.15** 万元。"
    assert llm_eval.model_numbers("根据记录，23个，约3807万元。另有99万元。" + evidence, "社发办有几个项目") == (0, ["99万元"])
    assert llm_eval.model_numbers("另有99万元〔未核实〕。\n\n⚠️ 数字 99万元 对不上" + evidence, "") == (1, [])
    assert llm_eval.model_numbers("社发办项目共 **23** 个，另有99万元。", "") == (0, [])  # no model text at all
