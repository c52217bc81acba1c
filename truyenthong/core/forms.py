"""Shared form pieces (the versioned form, app errors onto forms) and the login and two-factor forms."""

from django import forms


class LoginForm(forms.Form):
    username = forms.CharField(
        label="Tên đăng nhập",
        max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    password = forms.CharField(
        label="Mật khẩu", widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    otp_token = forms.CharField(
        label="Mã xác thực (nếu tài khoản bật xác thực hai lớp)",
        required=False,
        max_length=8,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


class TotpConfirmForm(forms.Form):
    token = forms.CharField(
        label="Mã 6 số trên ứng dụng xác thực",
        max_length=8,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


class VersionedForm(forms.ModelForm):
    """A model form for a `core.versioning.Versioned` model: carries the version the user saw, so a stale edit is
    refused (`update_versioned`) instead of overwriting a newer one."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version

    def changes(self) -> dict:
        """The edited fields and their new values, for `update_versioned(changes=…)`."""
        return {name: self.cleaned_data[name] for name in self._meta.fields}
