"""Channels, publications and reach: entered by hand, imported from a fanpage CSV, and the indicator sources."""

import datetime as dt

import pytest
from django.utils import timezone

from truyenthong.content import selectors, services
from truyenthong.content.models import Channel, ContentItem, Publication
from truyenthong.core.errors import InvalidInput, NotAllowed
from truyenthong.org.models import SchoolClass


@pytest.fixture
def fanpage(world):
    return services.channel_create(
        school=world.school,
        actor=world.users["comms"],
        kind=Channel.Kind.FANPAGE,
        name="Fanpage THPT chuyên Lê Quý Đôn",
        default_audience="community",
    )


def _csv(*rows, header="Post ID,Permalink,Title,Publish time,Reach,Reactions,Shares"):
    return ("\ufeff" + header + "\n" + "\n".join(rows) + "\n").encode("utf-8")


def test_a_fanpage_csv_updates_reach_for_matching_items(world, make_item, fanpage):
    a = make_item(title="Học sinh chung tay phòng chống bạo lực học đường")
    b = make_item(title="Ngày hội chuyển đổi số")
    data = _csv(
        f"111,https://facebook.com/lqd/posts/111,Xem tại http://127.0.0.1:8000/chuyen-muc/nghi-quyet-71/{a.slug}/,"
        "10/05/2026 08:30,1.250,85,12",
        "222,https://facebook.com/lqd/posts/222,NGAY HOI CHUYEN DOI SO,10/06/2026 19:00,900,40,5",
    )
    publications = services.fanpage_insights_import(
        channel=fanpage, actor=world.users["comms"], name="insights.csv", data=data
    )
    assert {p.item_id for p in publications} == {a.pk, b.pk}
    first = Publication.objects.get(external_id="111")
    assert (first.reach, first.reactions, first.shares, first.date) == (1250, 85, 12, dt.date(2026, 10, 5))
    # Importing the next export again updates the same rows rather than counting twice.
    services.fanpage_insights_import(
        channel=fanpage,
        actor=world.users["comms"],
        name="insights.csv",
        data=_csv(
            "111,,x,10/05/2026 08:30,2000,90,15", "222,,Ngày hội chuyển đổi số,10/06/2026 19:00,950,41,5"
        ),
    )
    assert Publication.objects.filter(channel=fanpage).count() == 2
    assert Publication.objects.get(external_id="111").reach == 2000


def test_a_csv_with_one_bad_row_imports_nothing_and_names_each_error_in_vietnamese(world, make_item, fanpage):
    make_item(title="Ngày hội chuyển đổi số")
    data = _csv(
        "1,,Ngày hội chuyển đổi số,10/06/2026 19:00,900,40,5",
        "2,,Bài không có trên cổng,10/06/2026 19:00,10,1,0",
        "3,,Ngày hội chuyển đổi số,ngày hôm qua,abc,1,0",
    )
    with pytest.raises(InvalidInput) as caught:
        services.fanpage_insights_import(
            channel=fanpage, actor=world.users["comms"], name="insights.csv", data=data
        )
    errors = caught.value.errors
    assert any(e.startswith("Dòng 3: không tìm thấy bài đã đăng") for e in errors)
    assert any(e.startswith("Dòng 4: không đọc được ngày đăng") for e in errors)
    assert any(e.startswith("Dòng 4: «abc» không phải là số") for e in errors)
    assert Publication.objects.filter(channel=fanpage).count() == 0


def test_a_csv_missing_columns_or_not_csv_is_refused(world, fanpage):
    with pytest.raises(InvalidInput, match="thiếu cột"):
        services.fanpage_insights_import(
            channel=fanpage, actor=world.users["comms"], name="x.csv", data=_csv("1,2", header="Foo,Bar")
        )
    with pytest.raises(InvalidInput):
        services.fanpage_insights_import(
            channel=fanpage, actor=world.users["comms"], name="x.xlsx", data=b"PK"
        )


def test_vietnamese_column_names_are_understood(world, make_item, fanpage):
    make_item(title="Tuyên truyền Nghị quyết 71")
    data = _csv(
        "Tuyên truyền Nghị quyết 71;01/10/2026;300;20;2",
        header="Tiêu đề;Thời gian đăng;Lượt tiếp cận;Cảm xúc;Lượt chia sẻ",
    )
    (publication,) = services.fanpage_insights_import(
        channel=fanpage, actor=world.users["comms"], name="fb.csv", data=data
    )
    assert publication.reach == 300 and publication.date == dt.date(2026, 10, 1)


def test_an_unapproved_item_cannot_be_recorded_as_published_on_a_channel(world, make_item, fanpage):
    draft = make_item(status="draft")
    with pytest.raises(NotAllowed):
        services.publication_create(
            item=draft, actor=world.users["comms"], channel=fanpage, date=timezone.localdate()
        )
    services.publication_create(
        item=draft,
        actor=world.users["comms"],
        channel=fanpage,
        date=timezone.localdate(),
        status=Publication.Status.PLANNED,
    )


def test_indicator_sources_count_items_reach_and_classes_whose_parents_were_reached(
    world, make_item, fanpage
):
    tz = timezone.get_current_timezone()
    october = dt.datetime(2026, 10, 12, 9, 0, tzinfo=tz)
    november = dt.datetime(2026, 11, 3, 9, 0, tzinfo=tz)
    a = make_item(title="Bài tháng mười")
    b = make_item(title="Bài tháng mười một")
    c = make_item(title="Bài đã lưu trữ", status="archived")
    ContentItem.objects.filter(pk__in=[a.pk, c.pk]).update(published_at=october)
    ContentItem.objects.filter(pk=b.pk).update(published_at=november)
    make_item(title="Bài nháp", status="draft")
    per_month = selectors.section_items_published_per_month(
        school=world.school, start=dt.date(2026, 9, 1), end=dt.date(2026, 11, 30)
    )
    assert per_month == {"2026-09": 0, "2026-10": 2, "2026-11": 1}
    assert (
        selectors.section_items_published_count(
            school=world.school, start=dt.date(2026, 10, 1), end=dt.date(2026, 10, 31)
        )
        == 2
    )

    classes = [
        SchoolClass.objects.create(school=world.school, school_year="2026-2027", name=f"10A{n}", grade=10)
        for n in range(1, 5)
    ]
    zalo = services.channel_create(
        school=world.school,
        actor=world.users["comms"],
        kind=Channel.Kind.ZALO_GROUP,
        name="Nhóm Zalo phụ huynh 10A1",
        school_class=classes[0],
    )
    meeting = services.channel_create(
        school=world.school,
        actor=world.users["comms"],
        kind=Channel.Kind.PARENT_MEETING,
        name="Họp cha mẹ học sinh",
    )
    day = dt.date(2026, 10, 20)
    services.publication_create(
        item=a, actor=world.users["comms"], channel=zalo, date=day, reach=40, parents_reached=38
    )
    services.publication_create(
        item=a, actor=world.users["comms"], channel=meeting, date=day, reach=35, school_class=classes[1]
    )
    services.publication_create(item=a, actor=world.users["comms"], channel=fanpage, date=day, reach=500)
    services.publication_create(
        item=a,
        actor=world.users["comms"],
        channel=meeting,
        date=day,
        reach=30,
        school_class=classes[2],
        status=Publication.Status.PLANNED,
    )
    ContentItem.objects.filter(pk=a.pk).update(view_count=120)
    for portal in Publication.objects.filter(channel__kind="portal"):
        Publication.objects.filter(pk=portal.pk).update(date=day)
    reach = selectors.reach_by_audience(
        school=world.school, start=dt.date(2026, 10, 1), end=dt.date(2026, 10, 31)
    )
    assert reach["parents"] == 75
    assert reach["community"] >= 500 + 120
    assert selectors.classes_with_parents_reached(
        school=world.school, start=dt.date(2026, 10, 1), end=dt.date(2026, 10, 31), school_year="2026-2027"
    ) == (2, 4)
