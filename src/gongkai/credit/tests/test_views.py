"""Pages: public pages and the public export never show an ID number; staff pages work; isolation."""

from datetime import date

from django.urls import reverse

from gongkai.credit import importing
from gongkai.credit.models import CreditRecord
from gongkai.credit.rules import Kind
from gongkai.credit.testing import PERSON_ID, csv_file, licence_values, penalty_values


def _imported(world):
    for kind, values in ((Kind.LICENCE, licence_values()), (Kind.PENALTY, penalty_values())):
        source = importing.preview(world.clerk_a, world.a, kind, "f.csv", csv_file(kind, [values]))
        importing.confirm(world.clerk_a, source)
    return CreditRecord.objects.get(kind=Kind.PENALTY)


def test_public_pages_and_export_never_show_id_numbers(client, world):
    penalty = _imported(world)
    pages = [
        reverse("credit_public:index"),
        reverse("credit_public:list", args=[world.a.code]),
        reverse("credit_public:list", args=[world.a.code]) + "?kind=penalty",
        reverse("credit_public:detail", args=[world.a.code, penalty.pk]),
        reverse("credit_public:detail", args=[world.a.code, CreditRecord.objects.get(kind=Kind.LICENCE).pk]),
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert PERSON_ID not in html and PERSON_ID[:6] + "*" not in html, url
        assert "李明" not in html, url
    detail = client.get(pages[3]).content.decode()
    assert "李某" in detail and "示公罚〔2025〕7号" in detail and "扰乱单位秩序" in detail
    assert "示例县金泰商贸有限公司" in client.get(pages[1]).content.decode()
    for kind in Kind.values:
        body = client.get(reverse("credit_public:export", args=[world.a.code, kind])).content.decode(
            "utf-8-sig"
        )
        assert PERSON_ID not in body and "李明" not in body and "证件号码" not in body
    assert "李某" in body


def test_public_search_and_a_withdrawn_record_is_gone(client, world):
    penalty = _imported(world)
    url = reverse("credit_public:list", args=[world.a.code])
    assert "示公罚〔2025〕7号" in client.get(url, {"kind": "penalty", "q": "示公罚"}).content.decode()
    assert "示公罚〔2025〕7号" not in client.get(url, {"kind": "penalty", "q": "无此"}).content.decode()
    CreditRecord.objects.filter(pk=penalty.pk).update(state="withdrawn")
    assert client.get(reverse("credit_public:detail", args=[world.a.code, penalty.pk])).status_code == 404


def test_staff_pages(client, world):
    penalty = _imported(world)
    client.force_login(world.clerk_a)
    page = client.get(reverse("credit:records", args=[world.a.code]), {"year": 2025}).content.decode()
    assert "及时率" in page and "示公罚〔2025〕7号" in page
    detail = client.get(reverse("credit:record_detail", args=[world.a.code, penalty.pk])).content.decode()
    assert PERSON_ID in detail and "个人信息，不公开" in detail  # staff see what the platform gets
    response = client.post(reverse("credit:batches", args=[world.a.code]), {"kind": "", "decided_until": ""})
    assert response.status_code == 302
    batch_url = response["Location"]
    export = client.get(batch_url + "export.xlsx")
    assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd.openxml")
    response = client.post(batch_url + "send/", {"sent_on": "2025-10-20"})
    assert response.status_code == 302
    counts = client.get(reverse("credit:batches", args=[world.a.code])).content.decode()
    assert "<td>2025</td><td>1</td><td>1</td><td>1</td>" in counts
    response = client.post(
        reverse("credit:record_action", args=[world.a.code, penalty.pk, "withdraw"]), {"reason": ""}
    )
    assert "请填写撤下理由" in client.get(response["Location"]).content.decode()


def test_import_upload_shows_row_errors(client, world):
    client.force_login(world.clerk_a)
    body = csv_file(Kind.LICENCE, [licence_values(许可决定日期="明天")])
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        reverse("credit:import_upload", args=[world.a.code]),
        {"kind": "licence", "file": SimpleUploadedFile("l.csv", body)},
    )
    page = client.get(response["Location"]).content.decode()
    assert "第 2 行" in page and "不是日期" in page and "确认导入" not in page


def test_other_agencies_get_404(client, world):
    penalty = _imported(world)
    for user in world.strangers_of_a:
        client.force_login(user)
        assert client.get(reverse("credit:record_detail", args=[world.a.code, penalty.pk])).status_code == 404
        assert client.get(reverse("credit:records", args=[world.a.code])).status_code == 404
    client.force_login(world.clerk_b)
    assert client.get(reverse("credit:record_detail", args=[world.b.code, penalty.pk])).status_code == 404
    client.force_login(world.supervisor)
    assert client.get(reverse("credit:records", args=[world.a.code])).status_code == 200
    assert client.post(reverse("credit:batches", args=[world.a.code]), {}).status_code == 403
    assert date(2025, 9, 26) == penalty.decided_on
