"""Demo content for a school: the "Nghị quyết 71" section, its channels, a dozen published items with reach.

`build(school)` is idempotent (it does nothing if the section already has items) and uses a fixed random seed.
It needs the school's demo accounts (a leadership account, ideally a communication officer) from org.demo.
"""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from truyenthong.content import services
from truyenthong.content.models import Audience, Channel, ContentItem, Section
from truyenthong.core.models import Role
from truyenthong.lib.vntext import fold
from truyenthong.org.models import Organisation, SchoolClass
from truyenthong.plans.models import Task

# (kind, unit code suffix, title, summary, paragraphs, tags, audiences, task keywords, days before today)
ITEMS = [
    (
        "article",
        "bgh",
        "Nhà trường quán triệt Nghị quyết 71-NQ/TW về đột phá phát triển giáo dục và đào tạo",
        "Toàn thể cán bộ, giáo viên, nhân viên nhà trường đã được quán triệt những nội dung cốt lõi của Nghị quyết "
        "71-NQ/TW và Kế hoạch số 35/KH-CLQĐ triển khai trong nhà trường.",
        [
            "Thực hiện Kế hoạch số 35/KH-CLQĐ ngày 09/3/2026, nhà trường tổ chức hội nghị quán triệt Nghị quyết số "
            "71-NQ/TW ngày 22/8/2025 của Bộ Chính trị về đột phá phát triển giáo dục và đào tạo, Nghị quyết số "
            "281/NQ-CP của Chính phủ và Chương trình hành động số 04-CTr/TU của Ban Thường vụ Tỉnh ủy.",
            "Tại hội nghị, đồng chí Hiệu trưởng nhấn mạnh: giáo dục và đào tạo là quốc sách hàng đầu; mỗi thầy cô "
            "cần chủ động đổi mới phương pháp dạy học, ứng dụng công nghệ số và lan tỏa tinh thần của Nghị quyết "
            "đến học sinh và cha mẹ học sinh.",
            "Sau hội nghị, các tổ chuyên môn xây dựng kế hoạch thực hiện gắn với nhiệm vụ chuyên môn của tổ.",
        ],
        ["Nghị quyết 71", "Quán triệt"],
        ["staff"],
        ["quán triệt", "học tập chuyên đề"],
        80,
    ),
    (
        "infographic",
        "van-phong",
        "Infographic: Những điểm cốt lõi của Nghị quyết 71-NQ/TW",
        "Tóm lược bằng hình ảnh các mục tiêu, quan điểm và nhóm giải pháp đột phá của Nghị quyết 71-NQ/TW.",
        [
            "Nghị quyết 71-NQ/TW xác định phát triển giáo dục và đào tạo là đột phá chiến lược, quyết định tương lai "
            "dân tộc.",
            "Các nhóm giải pháp trọng tâm: đổi mới tư duy và nhận thức; hoàn thiện thể chế; phát triển đội ngũ nhà "
            "giáo; chuyển đổi số toàn diện; tăng cường đầu tư và xã hội hóa giáo dục.",
            "Mời thầy cô, cha mẹ học sinh và các em học sinh xem, chia sẻ infographic để cùng hiểu đúng, làm đúng.",
        ],
        ["Nghị quyết 71", "Infographic"],
        ["staff", "parents", "students"],
        ["infographic"],
        74,
    ),
    (
        "summary",
        "van-phong",
        "Tài liệu tóm tắt Nghị quyết 71 dành cho cha mẹ học sinh",
        "Bản tóm tắt ngắn gọn, dễ hiểu giúp cha mẹ học sinh nắm được những thay đổi của giáo dục trong thời gian tới.",
        [
            "Tài liệu trình bày trong bốn trang những điều cha mẹ học sinh cần biết: mục tiêu đến năm 2030, những "
            "đổi mới trong dạy và học, vai trò phối hợp của gia đình với nhà trường.",
            "Tài liệu được gửi qua nhóm Zalo của từng lớp và phát tại buổi họp cha mẹ học sinh đầu năm học.",
        ],
        ["Nghị quyết 71", "Cha mẹ học sinh"],
        ["parents"],
        ["tài liệu tóm tắt", "zalo"],
        66,
    ),
    (
        "article",
        "to-toan",
        "Chuyển đổi số trong dạy học: Tổ Toán ứng dụng học liệu số và trợ lý trí tuệ nhân tạo",
        "Tổ Toán xây dựng kho học liệu số dùng chung và thử nghiệm trợ lý trí tuệ nhân tạo hỗ trợ học sinh ôn tập.",
        [
            "Hưởng ứng chủ trương chuyển đổi số của ngành, Tổ Toán đã số hóa hơn 300 bài giảng và đề kiểm tra, "
            "sắp xếp theo chủ đề để học sinh tự học.",
            "Trong học kỳ I, tổ thử nghiệm trợ lý trí tuệ nhân tạo gợi ý lời giải từng bước; giáo viên kiểm duyệt "
            "nội dung trước khi đưa vào sử dụng.",
            "Kết quả khảo sát cho thấy phần lớn học sinh thấy việc ôn tập chủ động hơn, thuận tiện hơn.",
        ],
        ["Chuyển đổi số", "Trí tuệ nhân tạo"],
        ["students", "staff"],
        ["công nghệ số", "trí tuệ nhân tạo"],
        58,
    ),
    (
        "video",
        "to-tin",
        "Video ngắn: Một ngày học tập số của học sinh chuyên Lê Quý Đôn",
        "Video ba phút ghi lại cách học sinh sử dụng lớp học trực tuyến, thư viện số và phòng học thông minh.",
        [
            "Video do câu lạc bộ Truyền thông của trường thực hiện dưới sự hướng dẫn của Tổ Tin học.",
            "Video được trình chiếu tại buổi sinh hoạt dưới cờ và chia sẻ trên fanpage của nhà trường.",
        ],
        ["Chuyển đổi số", "Video"],
        ["students", "community"],
        ["video ngắn"],
        50,
    ),
    (
        "article",
        "doan-tn",
        "Nói không với bạo lực học đường: học sinh ký cam kết xây dựng trường học an toàn",
        "Đoàn trường phát động đợt sinh hoạt chủ đề phòng, chống bạo lực học đường; 100% chi đoàn ký cam kết.",
        [
            "Trong tiết sinh hoạt dưới cờ, Đoàn trường phát động chủ đề «Trường học an toàn, thân thiện, không bạo "
            "lực».",
            "Các chi đoàn thảo luận tình huống, xây dựng quy ước ứng xử văn hóa và ký cam kết không tham gia, không "
            "cổ vũ, không quay phát tán hình ảnh bạo lực.",
            "Nhà trường công bố đường dây nóng để học sinh và cha mẹ học sinh phản ánh kịp thời.",
        ],
        ["Bạo lực học đường", "Trường học an toàn"],
        ["students", "parents"],
        ["sinh hoạt lớp", "trải nghiệm"],
        43,
    ),
    (
        "photo_story",
        "doan-tn",
        "Phóng sự ảnh: Ngày hội kỹ năng sống năm học 2026-2027",
        "Những khoảnh khắc đáng nhớ tại ngày hội kỹ năng sống với các trạm sơ cứu, thoát hiểm và an toàn giao thông.",
        [
            "Ngày hội thu hút học sinh của cả ba khối lớp tham gia các trạm trải nghiệm: sơ cấp cứu, phòng cháy "
            "chữa cháy, thoát hiểm, an toàn giao thông và kỹ năng an toàn trên mạng.",
            "Mỗi trạm do đoàn viên và giáo viên phụ trách, kết hợp với lực lượng chức năng của địa phương.",
        ],
        ["Kỹ năng sống", "Trải nghiệm"],
        ["students", "parents"],
        ["trải nghiệm", "kỹ năng"],
        36,
    ),
    (
        "notice",
        "van-phong",
        "Thông báo lịch họp cha mẹ học sinh học kỳ I năm học 2026-2027",
        "Nhà trường thông báo lịch họp cha mẹ học sinh các lớp; nội dung có phần giới thiệu Nghị quyết 71.",
        [
            "Thời gian: 7 giờ 30 phút, Chủ nhật tuần thứ ba của tháng. Địa điểm: phòng học của từng lớp.",
            "Nội dung: thông báo kết quả học tập, rèn luyện giữa học kỳ I; giới thiệu những điểm mới của Nghị quyết "
            "71-NQ/TW; trao đổi về phối hợp giáo dục giữa gia đình và nhà trường.",
            "Kính mong quý cha mẹ học sinh sắp xếp thời gian tham dự đầy đủ.",
        ],
        ["Cha mẹ học sinh", "Thông báo"],
        ["parents"],
        ["phụ huynh", "zalo"],
        29,
    ),
    (
        "article",
        "to-su-dia-gdkt",
        "Giáo dục pháp luật cho học sinh qua môn Giáo dục Kinh tế và Pháp luật",
        "Tổ Lịch sử - Địa lý - GDKT&PL lồng ghép nội dung Nghị quyết và pháp luật vào bài học bằng các phiên tòa "
        "giả định.",
        [
            "Các tiết học được thiết kế theo hướng trải nghiệm: học sinh đóng vai, xử lý tình huống pháp luật gần "
            "gũi với đời sống học đường.",
            "Phiên tòa giả định về hành vi bạo lực học đường giúp các em hiểu rõ hậu quả pháp lý và trách nhiệm "
            "của bản thân.",
        ],
        ["Giáo dục pháp luật", "Bạo lực học đường"],
        ["students"],
        ["giáo dục kinh tế và pháp luật"],
        22,
    ),
    (
        "infographic",
        "doan-tn",
        "Kỹ năng sống: nhận diện và phòng tránh lừa đảo trên không gian mạng",
        "Năm dấu hiệu nhận biết lừa đảo trực tuyến và những việc cần làm ngay để bảo vệ bản thân và gia đình.",
        [
            "Không cung cấp mã xác thực, mật khẩu cho bất kỳ ai; cảnh giác với đường dẫn lạ, lời mời việc nhẹ lương "
            "cao, tin nhắn giả danh cơ quan chức năng.",
            "Khi nghi ngờ bị lừa đảo, hãy báo ngay cho thầy cô chủ nhiệm, cha mẹ và cơ quan công an gần nhất.",
        ],
        ["Kỹ năng sống", "An toàn trên mạng"],
        ["students", "parents"],
        ["mạng xã hội", "kỹ năng"],
        15,
    ),
    (
        "article",
        "bgh",
        "Bồi dưỡng kỹ năng truyền thông giáo dục cho cán bộ, giáo viên",
        "Lớp bồi dưỡng giúp đội ngũ làm công tác truyền thông viết tin bài, chụp ảnh và quản lý kênh số hiệu quả.",
        [
            "Nhằm thực hiện chỉ tiêu tối thiểu 70% cán bộ làm công tác truyền thông được bồi dưỡng thường xuyên, nhà "
            "trường tổ chức lớp tập huấn kỹ năng truyền thông giáo dục.",
            "Nội dung gồm: viết tin bài ngắn gọn, chính xác; chụp ảnh và dựng video ngắn bằng điện thoại; quản lý "
            "fanpage, nhóm Zalo; xử lý thông tin sai lệch trên mạng xã hội.",
        ],
        ["Truyền thông", "Bồi dưỡng"],
        ["staff"],
        ["truyền thông"],
        9,
    ),
    (
        "article",
        "bgh",
        "Học sinh nhà trường đạt nhiều giải trong kỳ thi chọn học sinh giỏi cấp tỉnh",
        "Kết quả khẳng định chất lượng giáo dục mũi nhọn và hiệu quả đổi mới phương pháp dạy học của nhà trường.",
        [
            "Đội tuyển của trường đạt nhiều giải Nhất, Nhì, Ba ở các môn Toán, Vật lý, Hóa học, Ngữ văn và Tiếng Anh.",
            "Nhà trường biểu dương các em học sinh và thầy cô giáo bồi dưỡng; đây là minh chứng sinh động cho tinh "
            "thần đột phá phát triển giáo dục của Nghị quyết 71.",
        ],
        ["Thành tích", "Nghị quyết 71"],
        ["parents", "community"],
        ["biểu dương", "thi đua"],
        3,
    ),
]
PENDING = [
    ("submitted", "Hướng dẫn cha mẹ học sinh sử dụng sổ liên lạc điện tử", ["parents"]),
    ("draft", "Kế hoạch hưởng ứng Ngày Pháp luật Việt Nam 09/11", ["students", "staff"]),
]


def _user_with(school: Organisation, role: str):
    User = get_user_model()
    return (
        User.objects.filter(
            role_assignments__organisation=school, role_assignments__role=role, is_active=True
        )
        .order_by("id")
        .first()
    )


def _tasks_for(school: Organisation, keywords: list[str]) -> list[Task]:
    tasks = list(Task.objects.filter(group__plan__organisation=school, group__plan__is_current=True))
    wanted = [fold(k) for k in keywords]
    return [t for t in tasks if any(k in fold(t.text) for k in wanted)][:3]


@transaction.atomic
def build(school: Organisation) -> Section | None:
    leader = _user_with(school, Role.LEADERSHIP) or get_user_model().objects.filter(is_superuser=True).first()
    if leader is None:
        return None
    writer = _user_with(school, Role.COMMS) or leader
    slug = (
        "nghi-quyet-71"
        if not Section.objects.filter(slug="nghi-quyet-71").exclude(school=school).exists()
        else (f"{school.code}-nghi-quyet-71")
    )
    section = Section.objects.filter(school=school, slug=slug).first()
    if section is not None and section.items.exists():
        return section
    rng = random.Random(71)
    if section is None:
        section = services.section_create(
            school=school,
            actor=leader,
            title="Nghị quyết 71 — Đột phá phát triển giáo dục",
            slug=slug,
            description="Chuyên mục truyền thông thực hiện Nghị quyết số 71-NQ/TW ngày 22/8/2025 của Bộ Chính trị "
            "về đột phá phát triển giáo dục và đào tạo, theo Kế hoạch số 35/KH-CLQĐ của nhà trường.",
        )
    year = "2026-2027"
    classes = list(SchoolClass.objects.filter(school=school, school_year=year).order_by("grade", "name"))
    channels = {
        kind: services.channel_create(
            school=school, actor=writer, kind=kind, name=name, default_audience=audience, url=url
        )
        for kind, name, audience, url in [
            (
                Channel.Kind.FANPAGE,
                f"Fanpage {school.short_name or school.name}",
                Audience.COMMUNITY,
                "https://www.facebook.com/",
            ),
            (Channel.Kind.ZALO_OA, f"Zalo OA {school.short_name or school.name}", Audience.PARENTS, ""),
            (Channel.Kind.BULLETIN, "Bảng tin nhà trường", Audience.STUDENTS, ""),
            (Channel.Kind.FLAG_CEREMONY, "Sinh hoạt dưới cờ", Audience.STUDENTS, ""),
            (Channel.Kind.CLASS_MEETING, "Sinh hoạt lớp", Audience.STUDENTS, ""),
            (Channel.Kind.PARENT_MEETING, "Họp cha mẹ học sinh", Audience.PARENTS, ""),
        ]
    }
    class_groups = [
        services.channel_create(
            school=school,
            actor=writer,
            kind=Channel.Kind.ZALO_GROUP,
            name=f"Nhóm Zalo cha mẹ học sinh lớp {c.name}",
            default_audience=Audience.PARENTS,
            school_class=c,
        )
        for c in classes[:12]
    ]
    units = {
        u.code.removeprefix(f"{school.code}-"): u
        for u in Organisation.objects.filter(school=school, kind="unit")
    }
    tz = timezone.get_current_timezone()
    today = timezone.localdate()
    for kind, unit_code, title, summary, paragraphs, tags, audiences, keywords, days in ITEMS:
        item = services.item_create(
            school=school,
            actor=writer,
            title=title,
            kind=kind,
            summary=summary,
            body="\n\n".join(paragraphs),
            section=section,
            unit=units.get(unit_code),
            tags=tags,
            tasks=_tasks_for(school, keywords),
            audiences=audiences,
        )
        when = dt.datetime.combine(
            today - dt.timedelta(days=days), dt.time(7 + rng.randint(0, 9), 0), tzinfo=tz
        )
        item = services.item_transition(
            item=item, actor=writer, action="submit", expected_version=item.version
        )
        item = services.item_transition(
            item=item, actor=leader, action="approve", expected_version=item.version, comment="Đồng ý đăng."
        )
        item = services.item_transition(
            item=item, actor=leader, action="publish", expected_version=item.version, publish_at=when
        )
        ContentItem.objects.filter(pk=item.pk).update(view_count=rng.randint(180, 1400))
        day = when.date()
        services.publication_create(
            item=item,
            actor=writer,
            channel=channels[Channel.Kind.FANPAGE],
            date=day,
            reach=rng.randint(600, 4200),
            reactions=rng.randint(40, 380),
            shares=rng.randint(5, 90),
        )
        if "parents" in audiences:
            services.publication_create(
                item=item,
                actor=writer,
                channel=channels[Channel.Kind.ZALO_OA],
                date=day,
                reach=rng.randint(300, 900),
                parents_reached=rng.randint(250, 800),
            )
            for group in rng.sample(class_groups, k=min(len(class_groups), rng.randint(4, 8))):
                size = group.school_class.student_count or 40
                services.publication_create(
                    item=item,
                    actor=writer,
                    channel=group,
                    date=day,
                    reach=size,
                    parents_reached=rng.randint(size * 7 // 10, size),
                )
        if "students" in audiences:
            channel = channels[
                rng.choice([Channel.Kind.FLAG_CEREMONY, Channel.Kind.BULLETIN, Channel.Kind.CLASS_MEETING])
            ]
            monday = day + dt.timedelta(days=(7 - day.weekday()) % 7)
            status = "done" if monday <= today else "planned"
            services.publication_create(
                item=item,
                actor=writer,
                channel=channel,
                date=monday,
                status=status,
                reach=rng.randint(800, 1200) if status == "done" else 0,
            )
        if "staff" in audiences:
            services.publication_create(
                item=item,
                actor=writer,
                channel=channels[Channel.Kind.BULLETIN],
                date=day,
                audience=Audience.STAFF,
                reach=rng.randint(60, 95),
            )
    # One item scheduled for next week, and two still in the pipeline, so the workflow has something to show.
    scheduled = services.item_create(
        school=school,
        actor=writer,
        title="Hưởng ứng Ngày Nhà giáo Việt Nam: tri ân thầy cô, đổi mới sáng tạo",
        kind="article",
        section=section,
        tags=["Nhà giáo"],
        audiences=["community"],
        summary="Chuỗi hoạt động tri ân thầy cô gắn với phong trào đổi mới, sáng tạo trong dạy và học.",
        body="Bài viết sẽ được đăng vào tuần tới theo lịch của chuyên mục.",
    )
    for action, actor in (("submit", writer), ("approve", leader)):
        scheduled = services.item_transition(
            item=scheduled, actor=actor, action=action, expected_version=scheduled.version
        )
    services.item_transition(
        item=scheduled,
        actor=leader,
        action="publish",
        expected_version=scheduled.version,
        publish_at=dt.datetime.combine(today + dt.timedelta(days=6), dt.time(8, 0), tzinfo=tz),
    )
    for status, title, audiences in PENDING:
        item = services.item_create(
            school=school,
            actor=writer,
            title=title,
            section=section,
            audiences=audiences,
            summary=title + ".",
            body=title + ".",
        )
        if status == "submitted":
            services.item_transition(item=item, actor=writer, action="submit", expected_version=item.version)
    return section
