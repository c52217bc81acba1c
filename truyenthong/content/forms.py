"""Forms for content items, workflow steps, channels, publications and imports."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from truyenthong.content.models import Audience, Channel, ContentItem, Publication, Section
from truyenthong.core import widgets
from truyenthong.core.forms import OptionalVersionMixin, VersionMixin
from truyenthong.org.models import Organisation, SchoolClass
from truyenthong.org.selectors import class_choices
from truyenthong.plans.models import Task


class ItemForm(OptionalVersionMixin, forms.Form):
    title = forms.CharField(label="Tiêu đề", max_length=250)
    kind = forms.ChoiceField(label="Loại", choices=ContentItem.Kind.choices)
    section = forms.ModelChoiceField(
        label="Chuyên mục", queryset=Section.objects.none(), required=False, empty_label="— Chưa chọn —"
    )
    unit = forms.ModelChoiceField(
        label="Đơn vị thực hiện",
        queryset=Organisation.objects.none(),
        required=False,
        empty_label="— Nhà trường —",
    )
    summary = forms.CharField(
        label="Tóm tắt (hiện trong danh sách và khi chia sẻ)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    body = forms.CharField(
        label="Nội dung",
        required=False,
        help_text="Định dạng bằng thanh công cụ (đậm, nghiêng, tiêu đề, danh sách, trích dẫn, liên kết); kéo thả hoặc "
        "dán ảnh để chèn ảnh vào bài (sau khi bài đã được lưu lần đầu). Dán một dòng chỉ có đường dẫn video "
        "YouTube/Facebook để nhúng video.",
        widget=forms.Textarea(attrs={"rows": 14, "class": "richtext"}),
    )
    tags = forms.CharField(label="Thẻ (cách nhau bằng dấu phẩy)", required=False, max_length=400)
    audiences = forms.MultipleChoiceField(
        label="Đối tượng", choices=Audience.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    tasks = forms.ModelMultipleChoiceField(
        label="Nhiệm vụ trong kế hoạch",
        queryset=Task.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    video_url = forms.URLField(
        label="Video nhúng (đường dẫn YouTube hoặc Facebook)", required=False, assume_scheme="https"
    )
    cover = forms.FileField(label="Ảnh đại diện (JPEG, PNG, WebP, GIF)", required=False)
    video = forms.FileField(label="Tệp video (MP4, WebM)", required=False)

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = Section.objects.filter(school=school)
        self.fields["unit"].queryset = Organisation.objects.filter(school=school, kind=Organisation.Kind.UNIT)
        self.fields["tasks"].queryset = Task.objects.filter(
            group__plan__organisation=school, group__plan__is_current=True
        ).select_related("group")
        self.fields["tasks"].label_from_instance = lambda t: f"{t.group.number}. {t.text[:110]}"


class TransitionForm(VersionMixin, forms.Form):
    action = forms.CharField(widget=forms.HiddenInput)
    comment = forms.CharField(label="Ý kiến", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    publish_at = forms.DateTimeField(
        label="Hẹn giờ đăng (để trống: đăng ngay)",
        required=False,
        input_formats=widgets.DATETIME_INPUT_FORMATS,
        widget=widgets.DateTimeInput(),
    )

    def clean_publish_at(self):
        value = self.cleaned_data.get("publish_at")
        if value is not None and timezone.is_naive(value):
            value = timezone.make_aware(value)
        return value


class AttachmentForm(forms.Form):
    file = forms.FileField(label="Tệp đính kèm (ảnh, PDF, Word, Excel)")


class SectionForm(forms.Form):
    title = forms.CharField(label="Tên chuyên mục", max_length=200)
    slug = forms.SlugField(label="Đường dẫn (ví dụ nghi-quyet-71)", max_length=80, required=False)
    description = forms.CharField(
        label="Giới thiệu", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ChannelForm(forms.Form):
    kind = forms.ChoiceField(label="Loại kênh", choices=Channel.Kind.choices)
    name = forms.CharField(label="Tên kênh", max_length=200)
    url = forms.URLField(label="Địa chỉ", required=False, assume_scheme="https")
    default_audience = forms.ChoiceField(label="Đối tượng chính", choices=Audience.choices)
    school_class = forms.ModelChoiceField(
        label="Lớp (nếu là nhóm của một lớp)", queryset=SchoolClass.objects.none(), required=False
    )

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school_class"].queryset = class_choices(school)


class PublicationForm(forms.Form):
    channel = forms.ModelChoiceField(label="Kênh", queryset=Channel.objects.none())
    status = forms.ChoiceField(label="Trạng thái", choices=Publication.Status.choices)
    date = forms.DateField(
        label="Ngày",
        input_formats=widgets.DATE_INPUT_FORMATS,
        widget=widgets.DateInput(),
    )
    audience = forms.ChoiceField(
        label="Đối tượng", choices=[("", "— Theo kênh —"), *Audience.choices], required=False
    )
    school_class = forms.ModelChoiceField(label="Lớp", queryset=SchoolClass.objects.none(), required=False)
    reach = forms.IntegerField(label="Lượt tiếp cận", min_value=0, initial=0)
    reactions = forms.IntegerField(label="Lượt tương tác", min_value=0, initial=0)
    shares = forms.IntegerField(label="Lượt chia sẻ", min_value=0, initial=0)
    parents_reached = forms.IntegerField(label="Số phụ huynh được tiếp cận", min_value=0, initial=0)
    note = forms.CharField(label="Ghi chú", max_length=300, required=False)

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].queryset = Channel.objects.filter(school=school, is_active=True)
        self.fields["school_class"].queryset = class_choices(school)


class CsvImportForm(forms.Form):
    file = forms.FileField(label="Tệp CSV xuất từ Meta Business Suite (Thông tin chi tiết bài viết)")
