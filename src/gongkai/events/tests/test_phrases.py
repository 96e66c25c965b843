"""Every action the code base can log has a phrase, and the pages show the phrase, not the code."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import translation

from gongkai.appeals.workflow import MACHINE as APPEALS
from gongkai.applications.workflow import MACHINE as APPLICATIONS
from gongkai.catalogue.workflow import MACHINE as CATALOGUE
from gongkai.credit.workflow import PUBLICITY as CREDIT_RECORDS
from gongkai.events import phrases
from gongkai.events.services import PublicActor, record
from gongkai.govservice.services import STATUS as GOVSERVICE
from gongkai.hotline.workflow import MACHINE as HOTLINE

SRC = Path(__file__).resolve().parents[2]
# The f-string action codes (``f"applications.{action}"``) and the machine whose actions fill them.
DYNAMIC = {
    "applications.": APPLICATIONS,
    "catalogue.entry.": CATALOGUE,
    "appeals.appeal.": APPEALS,
    "hotline.entry.": HOTLINE,
    "govservice.item.": GOVSERVICE,
    "credit.record.": CREDIT_RECORDS,
}
WRITERS = {"record", "_log_edit", "_log"}  # functions taking (actor, action, ...)


def _codes(node: ast.expr) -> set[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):
        return _codes(node.body) | _codes(node.orelse)
    if isinstance(node, ast.JoinedStr):
        prefix = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
        return {prefix + action for action in DYNAMIC[prefix].transitions}
    return set()  # a parameter passed through (``_log_edit``'s own call): its callers are scanned


def written_codes() -> set[str]:
    codes: set[str] = set()
    for path in SRC.rglob("*.py"):
        if "tests" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and len(node.args) >= 2:
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name in WRITERS:
                    codes |= _codes(node.args[1])
    return codes


def test_the_scan_finds_the_actions_of_every_app():
    codes = written_codes()
    for expected in (
        "applications.confirm_receipt",
        "applications.calendar.set_day",
        "catalogue.entry.publish",
        "appeals.appeal.decide",
        "records.fee.update",
        "reports.publish",
        "agencies.person.add",
    ):
        assert expected in codes


def test_every_written_action_has_a_phrase():
    missing = sorted(written_codes() - phrases.registered())
    assert missing == []


def test_every_phrase_is_translated_to_english():
    with translation.override("en"):
        untranslated = [
            code
            for code in phrases.registered()
            if _has_han(phrases.phrase(code)) or _has_han(phrases.phrase(code, public=True))
        ]
    assert untranslated == []


def _has_han(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_phrases_read_as_words():
    with translation.override("zh-hans"):
        assert phrases.phrase("applications.confirm_receipt") == "确认收到申请"
        assert phrases.phrase("applications.grant_extension") == "延长答复期限"
        assert phrases.phrase("catalogue.entry.withdraw") == "撤回已发布条目"  # overrides the button's 撤回
    with translation.override("en"):
        assert phrases.phrase("applications.grant_extension") == "Extend the reply deadline"


def test_an_unknown_code_still_reads_as_a_sentence():
    with translation.override("zh-hans"):
        assert phrases.phrase("nobody.wrote.this") == "进行了操作（nobody.wrote.this）"


@pytest.mark.django_db
def test_an_event_names_the_actor_by_full_name_then_login_then_system():
    user = get_user_model().objects.create(username="zhangsan", first_name="张三")
    nameless = get_user_model().objects.create(username="lisi")
    with transaction.atomic():
        named = record(user, "applications.grant_extension", ("x", 1))
        plain = record(nameless, "applications.confirm_receipt", ("x", 1))
        system = record(None, "applications.lapse_correction", ("x", 1))
    with translation.override("zh-hans"):
        assert named.sentence == "张三 延长答复期限"
        assert plain.sentence == "lisi 确认收到申请"
        assert system.actor_display == "系统"


@pytest.mark.django_db
def test_the_public_is_logged_by_its_role_word_with_its_own_wording():
    with transaction.atomic():
        applicant = record(PublicActor("申请人"), "applications.receive_correction", ("x", 1))
        staff = record(
            get_user_model().objects.create(username="zhangsan", first_name="张三"),
            "applications.receive_correction",
            ("x", 1),
        )
        system = record(None, "applications.receive_correction", ("x", 1))
    assert applicant.actor is None and applicant.actor_name == "申请人"
    with translation.override("zh-hans"):
        assert applicant.sentence == "申请人 在网上提交补正材料"
        assert staff.sentence == "张三 收到补正材料"
        assert system.sentence == "系统 收到补正材料"
    with translation.override("en"):
        assert applicant.sentence == "Applicant Send the correction online"
