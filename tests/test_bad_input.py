"""Bad input: each case names the file and line, keeps the good forms, and never loses what is stored."""
from conftest import make_form
from index.build import build
from index.parse import parse_bytes, parse_text
from index.store import Store

GOOD_A = make_form(name="测试办-甲项目")
GOOD_B = make_form(name="测试办-乙项目")


def messages(result):
    return [(p.file, p.line, p.severity, p.code, p.message) for p in result.problems]


def test_empty_file():
    result = parse_bytes(b"", "empty.txt")
    assert result.projects == []
    assert messages(result) == [("empty.txt", 1, "error", "empty", "文件为空，没有任何内容")]


def test_whitespace_only_file():
    assert parse_bytes(b"\n\n  \t\n", "blank.txt").errors[0].code == "empty"


def test_gbk_file_is_decoded_with_a_warning():
    result = parse_bytes(GOOD_A.encode("gbk"), "gbk.txt")
    assert [p.name for p in result.projects] == ["测试办-甲项目"]
    assert messages(result) == [
        ("gbk.txt", 1, "warning", "encoding", "文件不是 UTF-8 编码（第 1 行起），已按 GBK/GB18030 解码，请核对文字是否正确")
    ]


def test_undecodable_file_names_the_line():
    data = "第一行\n第二行\n".encode() + b"\xff\xfe\xfd\xfc\x80\x80\n"
    result = parse_bytes(data, "binary.txt")
    assert result.projects == []
    assert [(p.line, p.code) for p in result.problems] == [(3, "encoding")]
    assert "第 3 行" in result.problems[0].message


def test_not_a_report():
    result = parse_text("姓名\t年龄\n张三\t30\n", "people.tsv")
    assert result.projects == []
    assert messages(result) == [
        ("people.tsv", 1, "error", "not_a_report", "未找到任何绩效自评表：文件中没有「项目名称」行，这不是自评表文件")
    ]


def test_truncated_form_keeps_the_others():
    truncated = "\n".join(make_form(name="测试办-截断项目").splitlines()[:14])  # stops inside the indicator table
    result = parse_text(GOOD_A + "\n" + truncated + "\n", "t.txt")
    assert [p.name for p in result.projects] == ["测试办-甲项目"]
    [problem] = result.problems
    assert (problem.file, problem.line, problem.code, problem.project) == ("t.txt", 33, "form", "测试办-截断项目")
    assert problem.message == "表格不完整（可能被截断），缺少：总分、评分等级；表格止于第33行（该表未入库）"


def test_indicator_row_that_lost_a_cell():
    rows = [
        "产出指标\t数量指标\t培训场次\t\t≥2.00(场)\t2.00(场)\t30.00\t30.00\t",
        "\t时效指标\t培训及时性\t\t达成指标\t20.00\t20.00\t",  # the target cell is gone
    ]
    text = GOOD_A + make_form(name="测试办-缺格项目", rows=rows) + GOOD_B
    result = parse_text(text, "lost.txt")
    assert [p.name for p in result.projects] == ["测试办-甲项目", "测试办-乙项目"]
    [problem] = result.problems
    assert (problem.line, problem.code, problem.project) == (32, "form", "测试办-缺格项目")
    assert problem.message.startswith("第32行指标行缺少单元格")
    assert text.splitlines()[31] == rows[1]


def test_funding_row_that_lost_a_cell():
    text = make_form(name="测试办-资金缺格").replace("\t\t上年结转资金\t0.00\t0.00\t0.00\t-\t0.00\t-",
                                                   "\t\t上年结转资金\t0.00\t0.00\t-\t0.00\t-")
    result = parse_text(text, "f.txt")
    assert result.projects == []
    assert result.problems[0].line == 8
    assert "「上年结转资金」应有 6 个数值" in result.problems[0].message


def test_broken_new_version_keeps_stored_forms(home):
    path = home.reports / "town.txt"
    path.write_text(GOOD_A + GOOD_B, encoding="utf-8")
    build(home)
    path.write_text("这份文件被覆盖成了别的内容\n", encoding="utf-8")
    summary = build(home)
    assert summary.files[0].kept_previous
    assert [p.name for p in Store(home.db_path).projects()] == ["测试办-甲项目", "测试办-乙项目"]
    assert [p.code for p in Store(home.db_path).problems()] == ["not_a_report"]


def test_a_bad_file_does_not_stop_the_others(home):
    (home.reports / "a_bad.txt").write_bytes(b"\xff\xfe\xfd")
    (home.reports / "b_good.txt").write_text(GOOD_A, encoding="utf-8")
    summary = build(home)
    assert summary.projects == 1
    assert [(f.file, f.forms) for f in summary.files] == [("a_bad.txt", 0), ("b_good.txt", 1)]
