"""Shared form pieces (the versioned form, app errors onto forms) and the login and two-factor forms."""

from django import forms
from django.contrib import messages
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import ValidationError

from truyenthong.core.errors import AppError


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


class VersionMixin(forms.Form):
    """The hidden version the user saw (optimistic concurrency, `core.versioning`), declared once for every form
    that edits a versioned record: a stale edit is refused instead of overwriting a newer one."""

    version = forms.IntegerField(widget=forms.HiddenInput)


class OptionalVersionMixin(forms.Form):
    """The same for a form that both creates (no version yet) and edits a record."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class VersionedForm(VersionMixin, forms.ModelForm):
    """A model form for a `core.versioning.Versioned` model, with its version."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version

    def changes(self) -> dict:
        """The edited fields and their new values, for `update_versioned(changes=…)`."""
        return {name: self.cleaned_data[name] for name in self._meta.fields}


def error_lines(exc) -> list[str]:
    """The Vietnamese lines of an AppError (its message, then each detail) or of a Django ValidationError."""
    if isinstance(exc, AppError):
        return [exc.message, *(e for e in exc.errors if e != exc.message)]
    if isinstance(exc, ValidationError):
        return list(exc.messages)
    return [str(exc)]


def form_add_error(form: forms.BaseForm, exc, *, field: str | None = None) -> None:
    """Put a service's error on the form: the one place views turn AppError/ValidationError into form errors.

    A ValidationError naming fields of the form goes to those fields; everything else to `field` (None: the form).
    """
    if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            target = name if name in form.fields else field
            for message in errors:
                form.add_error(target, message)
        return
    for line in error_lines(exc):
        form.add_error(field, line)


def message_error(request, exc) -> None:
    """Show a service's error as page messages (for actions without a form)."""
    for line in error_lines(exc):
        messages.error(request, line)


class OwnPasswordSetForm(SetPasswordForm):
    """The new password chosen through the emailed link: it is the person's own, so a temporary password given by
    an administrator no longer has to be changed."""

    def save(self, commit=True):
        self.user.must_change_password = False
        user = super().save(commit=False)
        if commit:
            user.save(update_fields=["password", "must_change_password"])
        return user


class ReauthForm(forms.Form):
    credential = forms.CharField(
        label="Mật khẩu hoặc mã 6 số trên ứng dụng xác thực",
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
    )
