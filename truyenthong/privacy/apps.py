from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "truyenthong.privacy"
    label = "privacy"
    verbose_name = "Dữ liệu cá nhân"

    def ready(self):
        from truyenthong.core.permissions import describe_actions, register_actions
        from truyenthong.privacy.actions import GRANTS, LABELS

        for role, actions in GRANTS.items():
            register_actions(role, actions)
        describe_actions(LABELS)

        from django.db.models.signals import post_save

        from truyenthong.content.models import ContentItem
        from truyenthong.core import personal_data
        from truyenthong.org.models import Person
        from truyenthong.privacy.selectors import without_unconsented
        from truyenthong.privacy.services import access_log_on_read, content_item_saved, person_saved

        personal_data.subscribe_public_gate(without_unconsented)
        post_save.connect(content_item_saved, sender=ContentItem, dispatch_uid="privacy-detect-names")
        post_save.connect(person_saved, sender=Person, dispatch_uid="privacy-detect-new-staff")
        personal_data.personal_data_read.connect(access_log_on_read, dispatch_uid="privacy-access-log")

        import datetime as dt

        from truyenthong.core import schedule

        schedule.register(
            "privacy.retention",
            "Ẩn danh dữ liệu cá nhân hết thời hạn lưu",
            _retention,
            every=dt.timedelta(days=1),
        )


def _retention() -> str:
    from truyenthong.privacy.services import retention_run

    counts = retention_run()
    return f"Đã xử lý {sum(counts.values())} bản ghi hết hạn lưu."
