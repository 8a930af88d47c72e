"""Shared fixtures: a temporary data directory, the seed corpus, and small form builders."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from index.config import Config, load_config

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "000_ce9e36a26cba1e6e.txt"

FORM_HEAD = """财政项目支出绩效自评表
(2023年度)
项目名称\t\t{name}\t\t\t\t\t\t
主管部门\t\t上海市普陀区桃浦镇人民政府\t\t\t实施单位\t{unit}\t\t
项目资金 （万元）\t\t\t年初预算数\t全年预算数\t全年执行数\t分数\t执行率(%)\t得分
\t\t年度资金总额\t{budget}\t{budget}\t{budget}\t10.00\t100.00\t10.00
\t\t其中：当年财政拨款\t{budget}\t{budget}\t{budget}\t-\t100.00\t-
\t\t上年结转资金\t0.00\t0.00\t0.00\t-\t0.00\t-
\t\t其他资金\t0.00\t0.00\t0.00\t-\t0.00\t-
年度 总体 目标\t预期目标\t\t\t\t实际完成情况\t\t\t
\t{name}的预期目标\t\t\t\t{name}的完成情况\t\t\t
一级指标\t二级指标\t三级指标\t\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施
"""
FORM_TAIL = """总分\t\t\t\t\t\t100\t{score}\t
评分等级\t\t{grade}\t\t\t\t\t\t
"""
DEFAULT_ROWS = [
    "产出指标\t数量指标\t培训场次\t\t≥2.00(场)\t2.00(场)\t30.00\t30.00\t",
    "\t时效指标\t培训及时性\t\t及时\t达成指标\t20.00\t20.00\t",
    "效益指标\t社会效益指标\t居民知晓率\t\t≥90.00(%)\t95.00(%)\t30.00\t30.00\t",
    "满意度指标\t服务对象满意度指标\t居民满意度\t\t≥90.00(%)\t85.00(%)\t10.00\t8.00\t部分居民不满意，后续加强沟通。",
]


def make_form(name="测试办-测试专项经费", unit="桃浦镇测试办公室", budget="100.00", rows=None, score="98",
              grade="优") -> str:
    """A complete, internally consistent form in the seed's layout (rows default to 90 points)."""
    rows = DEFAULT_ROWS if rows is None else rows
    return (FORM_HEAD.format(name=name, unit=unit, budget=budget) + "\n".join(rows) + "\n"
            + FORM_TAIL.format(score=score, grade=grade))


@pytest.fixture
def home(tmp_path, monkeypatch) -> Config:
    """Point JX_HOME and JX_REPORTS at empty temporary folders."""
    monkeypatch.setenv("JX_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("JX_REPORTS", str(tmp_path / "reports"))
    (tmp_path / "reports").mkdir()
    return load_config()


@pytest.fixture
def seeded(home) -> Config:
    """A report directory holding the seed corpus, built into the store."""
    from index.build import build

    shutil.copy(SEED, home.reports / SEED.name)
    build(home)
    return home
