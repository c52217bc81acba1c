from django.apps import AppConfig

VIEW = "content.view"
WRITE = "content.write"
APPROVE = "content.approve"
PUBLISH = "content.publish"
LABELS = {
    VIEW: "xem nội dung truyền thông",
    WRITE: "soạn nội dung truyền thông",
    APPROVE: "duyệt nội dung truyền thông",
    PUBLISH: "đăng nội dung lên các kênh",
}


class ContentConfig(AppConfig):
    name = "truyenthong.content"
    label = "content"
    verbose_name = "Nội dung truyền thông"

    def ready(self):
        from truyenthong.core.demo import contribute

        contribute("content", _build_demo, order=42)

        from truyenthong.core.models import Role
        from truyenthong.core.permissions import describe_actions, register_actions

        describe_actions(LABELS)
        register_actions(Role.LEADERSHIP, {VIEW, WRITE, APPROVE, PUBLISH})
        register_actions(Role.COMMS, {VIEW, WRITE})
        register_actions(Role.DEPT_HEAD, {VIEW, WRITE})
        register_actions(Role.YOUTH, {VIEW, WRITE})
        # Teachers read the pipeline (and suggest items through their tổ trưởng); they never approve or publish.
        register_actions(Role.TEACHER, {VIEW})
        # Department officials follow every school's communication; content holds no personal data.
        register_actions(Role.OFFICIAL, {VIEW})

        from truyenthong.content.selectors import share_target
        from truyenthong.sharing.registry import register_target

        register_target("noi-dung", "Bài viết", share_target)

        from truyenthong.content.selectors import file_visible_to
        from truyenthong.core.media import register_media_rule

        register_media_rule(file_visible_to)


def _build_demo(school):
    from truyenthong.content.demo import build

    return build(school)
