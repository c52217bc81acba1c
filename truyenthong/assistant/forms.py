from django import forms


class DocumentUploadForm(forms.Form):
    file = forms.FileField(label="Tệp văn bản (.pdf, .docx, .txt)")
    title = forms.CharField(label="Tên văn bản (để trống: lấy từ văn bản)", max_length=500, required=False)
    is_public = forms.BooleanField(label="Công khai trên trang hỏi đáp", required=False, initial=True)


class SummaryForm(forms.Form):
    summary = forms.CharField(
        label="Bản tóm tắt (sửa lại cho dễ hiểu trước khi đăng)",
        widget=forms.Textarea(attrs={"rows": 12}),
        max_length=5000,
        required=False,
    )


class AskForm(forms.Form):
    q = forms.CharField(label="Câu hỏi", max_length=300, required=False)
