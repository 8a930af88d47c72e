"""Uploads: validated and parsed before anything is written; names can never escape the report directory."""
import pytest

from conftest import make_form
from index.upload import MAX_BYTES, UploadError, check_upload, safe_name, save_upload


@pytest.mark.parametrize("name, safe", [
    ("../../etc/passwd.txt", "passwd.txt"),
    ("..\\..\\windows\\win.ini.txt", "win.ini.txt"),
    ("桃浦镇 2024 自评表.txt", "桃浦镇_2024_自评表.txt"),
    (".hidden.md", "hidden.md"),
    ("报告.TXT", "报告.txt"),
])
def test_safe_name(name, safe):
    assert safe_name(name) == safe


def test_good_file_is_saved_inside_the_reports_dir(tmp_path):
    checked = check_upload("../../outside.txt", make_form().encode("utf-8"))
    assert (checked.name, checked.forms, checked.problems) == ("outside.txt", 1, [])
    path = save_upload(checked, tmp_path / "reports")
    assert path == (tmp_path / "reports" / "outside.txt").resolve()
    assert not (tmp_path / "outside.txt").exists()


def test_bad_files_are_rejected_with_reasons(tmp_path):
    with pytest.raises(UploadError, match="只接受"):
        check_upload("script.py", b"print(1)")
    with pytest.raises(UploadError, match="文件过大"):
        check_upload("big.txt", b"x" * (MAX_BYTES + 1))
    checked = check_upload("notes.txt", "会议纪要\n没有表格\n".encode())
    assert not checked.accepted
    assert checked.problems[0].message.startswith("未找到任何绩效自评表")
    with pytest.raises(UploadError, match="没有可入库的自评表"):
        save_upload(checked, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_gbk_upload_is_accepted_with_a_warning():
    checked = check_upload("gbk.txt", make_form().encode("gbk"))
    assert checked.accepted and checked.problems[0].code == "encoding"


def test_workbook_document_and_broken_files(tmp_path):
    from formfiles import form_grid, write_docx, write_xlsx
    from index.parse import parse_text

    form = parse_text(make_form(), "t.txt").projects[0]
    xlsx = write_xlsx([form_grid(form)], tmp_path / "a.xlsx", sheet_names=["1-测试"]).read_bytes()
    docx = write_docx([form_grid(form)], tmp_path / "a.docx").read_bytes()
    for name, data in (("桃浦镇 自评表.xlsx", xlsx), ("桃浦镇 自评表.docx", docx)):
        checked = check_upload(name, data)
        assert (checked.name, checked.forms, checked.problems) == (name.replace(" ", "_"), 1, [])
    broken = check_upload("坏.xlsx", xlsx[:200])
    assert not broken.accepted
    assert [p.message for p in broken.problems] == ["无法打开 Excel 工作簿：文件已损坏或不是 .xlsx 格式（BadZipFile）"]
    with pytest.raises(UploadError) as err:
        check_upload("旧表.xls", b"\xd0\xcf\x11\xe0")
    assert str(err.value) == ("旧表.xls：不支持「.xls」文件，只接受 .docx、.md、.pdf、.tsv、.txt、.xlsx 文件："
                              "旧版 Excel（.xls）文件请在 Excel 或 WPS 中另存为 .xlsx 后再上传")


def test_problem_lines_name_the_row_the_user_can_find(tmp_path):
    from formfiles import form_grid, write_xlsx
    from index.parse import parse_text

    grid = form_grid(parse_text(make_form(), "t.txt").projects[0])
    del grid[13].cells[4]
    bad = write_xlsx([grid], tmp_path / "b.xlsx", sheet_names=["1-测试"]).read_bytes()
    assert check_upload("b.xlsx", bad).problem_lines() == [
        "工作表「1-测试」第14行指标行缺少单元格：应为 三级指标、年度指标值、实际完成值、分值、得分"
        "（单元格：时效指标 | 培训及时性 | 达成指标 | 20.00 | 20.00）（该表未入库）"]
    assert check_upload("gbk.txt", make_form().encode("gbk")).problem_lines() == [
        "第 1 行：文件不是 UTF-8 编码（第 1 行起），已按 GBK/GB18030 解码，请核对文字是否正确"]
