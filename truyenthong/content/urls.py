"""Nội dung truyền thông: staff pages (the public section lives in truyenthong.portal)."""

from django.urls import path

from truyenthong.content import views

app_name = "content"
urlpatterns = [
    path("truong/<slug:code>/noi-dung/", views.item_list, name="item-list"),
    path("truong/<slug:code>/noi-dung/viet-moi/", views.item_create, name="item-create"),
    path("truong/<slug:code>/chuyen-muc/", views.section_list, name="section-list"),
    path("truong/<slug:code>/kenh-truyen-thong/", views.channel_list, name="channel-list"),
    path("truong/<slug:code>/lich-noi-dung/", views.calendar_view, name="calendar"),
    path("truong/<slug:code>/lich-noi-dung/lich.<str:fmt>", views.calendar_export, name="calendar-export"),
    path("noi-dung/<int:item_id>/", views.item_detail, name="item-detail"),
    path("noi-dung/<int:item_id>/sua/", views.item_edit, name="item-edit"),
    path("noi-dung/<int:item_id>/chuyen-buoc/", views.item_transition, name="item-transition"),
    path("noi-dung/<int:item_id>/phien-ban/<int:number>/", views.version_diff, name="version-diff"),
    path("noi-dung/<int:item_id>/dinh-kem/", views.attachment_add, name="attachment-add"),
    path("noi-dung/<int:item_id>/chen-anh/", views.inline_image_add, name="inline-image-add"),
    path("noi-dung/<int:item_id>/dang-tai/", views.publication_add, name="publication-add"),
    path("chuyen-muc-cong-khai/<int:section_id>/an-hien/", views.section_toggle, name="section-toggle"),
    path("kenh-truyen-thong/<int:channel_id>/nhap-csv/", views.channel_import, name="channel-import"),
]
