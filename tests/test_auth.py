"""Optional login: hashed passwords, users from the environment or the data directory, who may change reports."""
import json
from dataclasses import replace

import pytest

from index.auth import Access, add_user, hash_password, load_access, load_users, remove_user, verify_password


def test_passwords_are_salted_hashes():
    a, b = hash_password("同一个密码123"), hash_password("同一个密码123")
    assert a != b and a.startswith("pbkdf2_sha256$240000$")
    assert verify_password("同一个密码123", a) and verify_password("同一个密码123", b)
    assert not verify_password("另一个密码", a)
    assert not verify_password("x", "not a hash")
    # PBKDF2-HMAC-SHA256 as RFC 8018 defines it: the same salt and count give the same hash anywhere.
    assert hash_password("pw", salt=b"0" * 16, iterations=1000) == (
        "pbkdf2_sha256$1000$MDAwMDAwMDAwMDAwMDAwMA==$h5gUPrrkPnG4Uay1pSwH+VCNF/z9OfJnI0O2BuRA3vk=")


def test_users_file_holds_hashes_only(home):
    add_user(home, "张三", "张三的密码123", "admin")
    add_user(home, "李四", "李四的密码456")
    text = (home.home / "users.json").read_text(encoding="utf-8")
    assert "密码123" not in text and "密码456" not in text
    stored = json.loads(text)["users"]
    assert [(u["name"], u["role"]) for u in stored] == [("张三", "admin"), ("李四", "reader")]
    assert oct((home.home / "users.json").stat().st_mode & 0o777) == "0o600"
    access = load_access(home)
    assert access.required and access.check("张三", "张三的密码123") and not access.check("张三", "李四的密码456")
    assert not access.check("王五", "whatever1")
    assert remove_user(home, "李四") and not remove_user(home, "李四")
    assert list(load_users(home)) == ["张三"]


@pytest.mark.parametrize("name, password, role, message", [
    ("a:b", "longenough", "admin", "用户名不能为空，不能含「:」「;」或换行，不超过 64 个字符"),
    ("ok", "short", "admin", "密码至少 8 个字符"),
    ("ok", "longenough", "root", "角色只能是 admin、reader"),
])
def test_bad_users_are_refused(home, name, password, role, message):
    with pytest.raises(ValueError) as err:
        add_user(home, name, password, role)
    assert str(err.value) == message


def test_users_from_the_environment(home):
    config = replace(home, users=f"甲:admin:{hash_password('甲的密码abc')};乙:reader:乙的明文密码")
    access = load_access(config)
    assert access.check("甲", "甲的密码abc") and access.check("乙", "乙的明文密码")
    assert (access.role("甲"), access.role("乙"), access.role("丙")) == ("admin", "reader", None)
    assert access.may_write("甲") and not access.may_write("乙") and not access.may_write(None)
    assert access.refusal() == "只有管理员（admin）可以上传、删除或恢复报告文件"
    with pytest.raises(ValueError, match="没有密码"):
        load_access(replace(home, users="丙:admin:"))


def test_without_users_only_a_loopback_app_accepts_changes(home):
    assert load_access(home).may_write(None)  # 127.0.0.1 by default: the one person at the machine
    public = load_access(replace(home, host="0.0.0.0"))
    assert not public.required and not public.may_write(None)
    assert public.refusal() == "本服务对外开放且未配置登录，不接受上传、删除或恢复；请配置管理员账号（见 README「登录」）"
    assert Access({}, True).may_write("") and not Access({}, False).may_write("admin")
