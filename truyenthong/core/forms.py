"""Login and two-factor forms."""

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


class ReauthForm(forms.Form):
    credential = forms.CharField(
        label="Mật khẩu hoặc mã 6 số trên ứng dụng xác thực",
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
    )
