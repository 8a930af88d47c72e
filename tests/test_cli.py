"""The `python -m index` command line, run as a user would, against a temporary data directory."""
import json
import os
import subprocess
import sys

from conftest import ROOT, SEED


def run(home, *args):
    env = dict(os.environ, JX_HOME=str(home.home), JX_REPORTS=str(home.reports))
    return subprocess.run([sys.executable, "-m", "index", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


def test_build_records_audit(home):
    (home.reports / SEED.name).write_bytes(SEED.read_bytes())
    out = run(home, "build")
    assert out.returncode == 0, out.stderr
    assert "000_ce9e36a26cba1e6e.txt：104 张表，1178 条指标，解析问题 0 个（已入库）" in out.stdout
    assert "库中 104 张自评表、1178 条指标；解析问题 0 个；审计发现 9 条（错误 0，警告 8，提示 1）" in out.stdout
    assert "索引已是最新" in run(home, "build", "--if-stale").stdout

    out = run(home, "records", "--json")
    assert out.returncode == 0, out.stderr
    records = json.loads(out.stdout)
    assert len(records) == 104
    first = records[0]
    assert list(first) == ["project", "department", "unit", "year", "source", "funds", "goal", "achieved",
                           "total_weight", "total_score", "grade", "indicators"]
    assert first["source"] == {"file": "000_ce9e36a26cba1e6e.txt", "line": 5}
    assert first["funds"]["total"] == {"initial_budget": 85.3, "annual_budget": 139.87, "executed": 139.87,
                                       "weight": 10.0, "rate": 100.0, "score": 10.0}
    assert first["funds"]["appropriation"]["weight"] is None
    assert first["indicators"][10] == {
        "level1": "效益指标", "level2": "生态效益指标", "name": "火灾事故的发生情况", "target": "减少",
        "actual": "部分达成指标并具有一定效果", "weight": 6.0, "score": 4.0,
        "reason": "个别小区火灾率有所增加，后期加强巡视巡查。", "met": False, "deducted": True, "line": 28}
    noisy = next(r for r in records if r["project"] == "规建办-南部智能化项目专项经费")
    assert noisy["indicators"][-1]["target"] == "≥90.00(%)"

    out = run(home, "audit", "--json")
    assert out.returncode == 0, out.stderr
    findings = json.loads(out.stdout)
    assert len(findings) == 9
    assert findings[0] == {"file": "000_ce9e36a26cba1e6e.txt", "line": 168, "project": "财政所-即知即改专项经费",
                           "severity": "warning", "code": "status_met_deducted", "kind": "标注「达成指标」却扣分",
                           "message": "「信息共享时效性」实际完成为「达成指标」，却扣 1 分"}
    text = run(home, "audit").stdout
    assert "[警告] 000_ce9e36a26cba1e6e.txt:168 【财政所-即知即改专项经费】「信息共享时效性」实际完成为「达成指标」，却扣 1 分" in text


def test_build_reports_a_bad_file_and_fails(home):
    (home.reports / "empty.txt").write_text("", encoding="utf-8")
    out = run(home, "build")
    assert out.returncode == 1
    assert "[错误] empty.txt:1 文件为空，没有任何内容" in out.stdout


def test_build_a_workbook_and_cite_its_sheets(home, tmp_path):
    from conftest import DEFAULT_ROWS, make_form
    from formfiles import form_grid, write_xlsx
    from index.parse import parse_text

    rows = list(DEFAULT_ROWS)
    rows[1] = "\t时效指标\t培训及时性\t\t及时\t达成指标\t20.00\t19.00\t"  # 「达成指标」 yet 1 point deducted
    forms = [parse_text(make_form(name=name, rows=r, score=s), "t.txt").projects[0]
             for name, r, s in (("测试办-甲项目", None, "98"), ("测试办-乙项目", rows, "97"))]
    book = write_xlsx([form_grid(p) for p in forms], tmp_path / "两镇.xlsx", sheet_names=["1-甲", "2-乙"])
    out = run(home, "build", str(book))
    assert out.returncode == 0, out.stderr
    assert "两镇.xlsx：2 张表，8 条指标，解析问题 0 个（已入库）" in out.stdout
    assert run(home, "records").stdout.splitlines()[:2] == [
        "测试办-甲项目\t桃浦镇测试办公室\t执行数 100.00 万元\t总分 98\t优\t两镇.xlsx 工作表「1-甲」第1行",
        "测试办-乙项目\t桃浦镇测试办公室\t执行数 100.00 万元\t总分 97\t优\t两镇.xlsx 工作表「2-乙」第1行",
    ]
    assert ("[警告] 两镇.xlsx 工作表「2-乙」第14行 【测试办-乙项目】「培训及时性」实际完成为「达成指标」，却扣 1 分"
            in run(home, "audit").stdout)
