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


def test_ingest_uploads_saves_good_files_only(home, fake_embedder, tmp_path):
    from index.upload import ingest_uploads

    good, bad, wrong = tmp_path / "新镇.txt", tmp_path / "notes.txt", tmp_path / "x.py"
    good.write_text(make_form(name="测试办-新上传项目"), encoding="utf-8")
    bad.write_text("会议纪要\n", encoding="utf-8")
    wrong.write_text("print(1)", encoding="utf-8")
    steps = []
    report = ingest_uploads([good, bad, wrong], home, lambda f, text: steps.append((round(f, 2), text)))
    assert [(f.name, f.saved, f.forms, f.error) for f in report.files] == [
        ("新镇.txt", True, 1, ""), ("notes.txt", False, 0, ""), ("x.py", False, 0, "x.py：只接受 .md、.tsv、.txt 文件")]
    assert (report.saved, report.projects, report.indicators) == (True, 1, 4)
    assert steps == [(0.0, "校验 新镇.txt"), (0.25, "校验 notes.txt"), (0.5, "校验 x.py"), (0.75, "入库并更新检索索引")]
    assert sorted(p.name for p in home.reports.iterdir()) == ["新镇.txt"]
    nothing = ingest_uploads([bad], home)
    assert (nothing.saved, nothing.projects) == (False, 0)
