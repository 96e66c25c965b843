"""Importing a provincial export: header variants, preview, every kind of bad input with its
Chinese message, versions on re-import, and all-or-nothing."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.events.models import Event
from gongkai.govservice import importing
from gongkai.govservice.errors import GovServiceError
from gongkai.govservice.models import BatchStatus, Material, ServiceItem

from .exports import HEADER, USCC, csv_bytes, row, xlsx

pytestmark = pytest.mark.django_db


def _preview(world, content, name="实施清单.xlsx"):
    return importing.preview(world.clerk_a, world.a, name, content)


def _errors(batch):
    return [(e["row"], e["column"], e["message"]) for e in batch.errors]


def test_a_good_export_is_previewed_then_imported_with_its_materials(world):
    batch = _preview(
        world, xlsx([row(1), row(2, 承诺时限="即办", 办件类型="即办件"), row(3, 事项类型="公共服务")])
    )
    assert batch.file_error == "" and batch.errors == []
    assert batch.rows_total == 3 and batch.count("new") == 3
    assert ["实施清单编码", "实施编码"] in batch.mapping and ["跑动次数", "到办事现场次数"] in batch.mapping
    assert batch.ignored == ["序号", "备注"]
    assert not ServiceItem.objects.exists()  # nothing before the confirmation

    assert importing.confirm(world.clerk_a, batch) == {"new": 3, "update": 0, "same": 0}
    item = ServiceItem.objects.get(code="JYJ-0112300001-230000-00001")
    assert (item.item_type, item.use_level, item.implementer_uscc) == ("01", "4", USCC)
    assert (item.statutory_limit, item.statutory_unit, item.promised_limit, item.promised_unit) == (
        20,
        "工作日",
        5,
        "工作日",
    )
    assert (item.visits, item.is_online, item.depth, item.forms) == (0, True, 4, ["1", "2"])
    assert item.valid_from == date(2021, 3, 1) and item.version == 1 and item.is_current
    assert [(m.name, m.originals, m.copies, m.required) for m in item.materials.all()] == [
        ("申请书", 1, 0, True),
        ("举办者身份证明", 1, 1, True),
        ("场地证明", 0, 1, False),
    ]
    immediate = ServiceItem.objects.get(code__endswith="00002")
    assert (immediate.promised_limit, immediate.promised_unit, immediate.project_type) == (0, "", "1")
    assert ServiceItem.objects.get(code__endswith="00003").item_type == "20"
    batch.refresh_from_db()
    assert batch.status == BatchStatus.IMPORTED
    assert Event.objects.filter(action="govservice.import.confirm", after__new=3).exists()


def test_csv_in_gb18030_reads_the_same(world):
    batch = _preview(world, csv_bytes([row(1)], encoding="gb18030"), "export.csv")
    assert batch.errors == [] and batch.rows[0]["values"]["name"] == "民办学校设立审批（新办）1"


def test_every_kind_of_bad_cell_is_named_by_row_and_column_in_chinese(world):
    rows = [
        row(1, 事项类型="行政审批"),
        row(2, 承诺时限="五天"),
        row(3, 跑动次数="-1"),
        row(4, 计算机端在线办理跳转地址="www.example.gov"),
        row(5, 计划生效日期="2021-02-30"),
        row(6, 实施主体代码="12345"),
        row(7, 事项名称=""),
        row(8, 网上办理深度="五级"),
        row(9, 法定时限="20"),  # no unit anywhere
        row(10, 事项状态="撤销"),
        row(11, 实施清单编码="JYJ/001"),
    ]
    batch = _preview(world, xlsx(rows))
    got = _errors(batch)
    assert got == [
        (3, "事项类型", "“行政审批”不是有效的事项类型"),
        (4, "承诺办结时限", "“五天”不是时限，应写作“20工作日”“3月”或“即办”"),
        (5, "到办事现场次数", "“-1”不是不小于0的整数"),
        (6, "在线办理地址", "“www.example.gov”不是以 http:// 或 https:// 开头的网址"),
        (7, "计划生效日期", "“2021-02-30”不是有效的日期"),
        (8, "实施主体编码", "“12345”不是18位统一社会信用代码"),
        (9, "事项名称", "不能为空"),
        (
            10,
            "网上办理深度",
            "“五级”不是可识别的办理深度（事项公开、在线预审、在线申办、全程网办或一级至四级）",
        ),
        (11, "法定办结时限", "时限没有单位（工作日、自然日、月或年）"),
        (12, "事项状态", "“撤销”不是有效的事项状态，应为在用、暂停或取消"),
        (13, "实施编码", "编码“JYJ/001”中不能有空格、斜杠、问号或#号"),
    ]
    # a file with refused rows is not imported at all, not even its good rows
    with pytest.raises(GovServiceError, match="文件中有11行有错误，整个文件未导入"):
        importing.confirm(world.clerk_a, batch)
    assert not ServiceItem.objects.exists()


def test_duplicate_codes_in_the_file_refuse_both_rows(world):
    batch = _preview(world, xlsx([row(1), row(2, 实施清单编码=row(1)[3]), row(3)]))
    assert _errors(batch) == [
        (3, "实施编码", "实施编码“JYJ-0112300001-230000-00001”在文件中重复（另见第4行）"),
        (4, "实施编码", "实施编码“JYJ-0112300001-230000-00001”在文件中重复（另见第3行）"),
    ]


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "a.xlsx", "无法读取该 Excel 文件"),
        (b"not a zip", "a.xlsx", "无法读取该 Excel 文件"),
        (b"x", "a.xls", "不支持旧版 .xls 文件"),
        (b"x", "a.txt", "只能导入 .csv 或 .xlsx 文件"),
        (
            "名称,编码\n甲,1\n".encode(),
            "a.csv",
            "找不到列名行，整个文件未导入：前5行中没有一行同时包含事项名称、实施编码、事项类型、实施主体（缺少：事项名称、实施编码、事项类型、实施主体）",
        ),
        (",".join(HEADER).encode("utf-8-sig"), "a.csv", "文件中没有数据行"),
        (b"\xff\xfe\x00\xd8bad", "a.csv", "无法识别 CSV 文件的编码"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_whole(world, content, name, message):
    batch = _preview(world, content, name)
    assert message in batch.file_error
    assert batch.status == BatchStatus.DISCARDED


def test_two_columns_for_one_element_refuse_the_file(world):
    header = [*HEADER, "承诺办结时限"]
    batch = _preview(world, xlsx([[*row(1), "3工作日"]], header=header))
    assert "列名重复，整个文件未导入：“承诺时限”和“承诺办结时限”都是承诺办结时限" in batch.file_error


def test_a_50_mb_file_is_refused_with_a_message(world, client):
    big = b"0" * (50 * 1024 * 1024)
    batch = _preview(world, big, "big.csv")
    assert batch.file_error == "文件超过 20 MB，请按机构或事项类型分成几个文件导入。"
    client.force_login(world.clerk_a)
    upload = SimpleUploadedFile("big.xlsx", big)
    response = client.post(reverse("govservice:import_upload", args=[world.a.code]), {"file": upload})
    assert response.status_code == 200
    assert "文件超过 20 MB" in response.content.decode()
    assert not ServiceItem.objects.exists()


def test_reimport_makes_a_new_version_of_a_changed_item_and_leaves_an_unchanged_one(world):
    importing.confirm(world.clerk_a, _preview(world, xlsx([row(1), row(2)])))
    changed = row(1, 承诺时限="3工作日")
    batch = _preview(world, xlsx([changed, row(2), row(3)]))
    assert [r["action"] for r in batch.rows] == ["update", "same", "new"]
    assert importing.confirm(world.clerk_a, batch) == {"new": 1, "update": 1, "same": 1}
    versions = list(ServiceItem.objects.filter(code__endswith="00001").order_by("version"))
    assert [(v.version, v.promised_limit, v.is_current) for v in versions] == [(1, 5, False), (2, 3, True)]
    assert versions[0].valid_to == versions[1].valid_from
    assert versions[1].materials.count() == 3 and versions[0].materials.count() == 3
    assert ServiceItem.objects.filter(code__endswith="00002").count() == 1


def test_a_registry_change_after_the_preview_refuses_the_whole_confirmation(world):
    importing.confirm(world.clerk_a, _preview(world, xlsx([row(1)])))
    first = _preview(world, xlsx([row(1, 承诺时限="3工作日"), row(5)]))
    second = _preview(world, xlsx([row(1, 承诺时限="2工作日")]))
    importing.confirm(world.clerk_a, second)
    with pytest.raises(GovServiceError, match="预览之后登记簿中的事项已有变化（第3行），本次未导入任何数据"):
        importing.confirm(world.clerk_a, first)
    assert not ServiceItem.objects.filter(code__endswith="00005").exists()
    assert ServiceItem.objects.get(code__endswith="00001", is_current=True).promised_limit == 2


def test_a_failure_in_the_middle_leaves_nothing(world, monkeypatch):
    batch = _preview(world, xlsx([row(1), row(2)]))

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Material.objects, "bulk_create", boom)
    with pytest.raises(RuntimeError):
        importing.confirm(world.clerk_a, batch)
    assert not ServiceItem.objects.exists()
    batch.refresh_from_db()
    assert batch.status == BatchStatus.PREVIEWED


def test_a_batch_is_imported_once(world):
    batch = _preview(world, xlsx([row(1)]))
    importing.confirm(world.clerk_a, batch)
    with pytest.raises(GovServiceError, match="该文件已导入或已放弃"):
        importing.confirm(world.clerk_a, batch)


def test_readers_cannot_import(world):
    with pytest.raises(GovServiceError, match="您没有执行此操作的权限"):
        importing.preview(world.supervisor, world.a, "a.xlsx", xlsx([row(1)]))


def test_the_pages_upload_preview_confirm(world, client):
    client.force_login(world.clerk_a)
    upload = SimpleUploadedFile("清单.xlsx", xlsx([row(1), row(2, 跑动次数="两次")]))
    response = client.post(
        reverse("govservice:import_upload", args=[world.a.code]), {"file": upload}, follow=True
    )
    body = response.content.decode()
    assert "共 2 行数据：新增 1 项，更新 0 项，无变化 0 项，有错误 1 行。" in body
    assert "第 4 行" in body and "“两次”不是不小于0的整数" in body
    assert "确认导入" not in body  # nothing can be confirmed
    upload = SimpleUploadedFile("清单.xlsx", xlsx([row(1)]))
    response = client.post(
        reverse("govservice:import_upload", args=[world.a.code]), {"file": upload}, follow=True
    )
    assert "确认导入 1 行" in response.content.decode()
    batch = response.context["batch"]
    response = client.post(reverse("govservice:import_confirm", args=[world.a.code, batch.pk]), follow=True)
    assert "已导入：新增 1 项，更新 0 项（各增加一个版本），0 项无变化。" in response.content.decode()
