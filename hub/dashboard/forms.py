"""Forms: labels and errors translated; every value is checked here, then escaped on output."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.password_validation import validate_password
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from hub.core.models import Kiosk, Staff


class LoginForm(AuthenticationForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("E-mail address")
        self.fields["username"].widget.attrs.update(autocomplete="username", type="email")
        self.fields["password"].label = _("Password")


class UnlockNameForm(forms.Form):
    """The first name a person gives at the desk: hashed at once, never stored or shown."""

    first_name = forms.CharField(
        label=_("First name the person gives"),
        max_length=60,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_first_name(self) -> str:
        name = str(self.cleaned_data["first_name"]).strip()
        if not any(c.isalpha() for c in name):
            raise forms.ValidationError(_("Type the first name with letters."))
        return name


class KioskForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    place = forms.CharField(label=_("Place (shown to staff)"), max_length=200, required=False)
    departement = forms.RegexField(
        label=_("Département"),
        regex=r"^(\d{2,3}|2[AB])$",
        required=False,
        error_messages={"invalid": _("Two or three digits, or 2A / 2B.")},
    )

    def clean_name(self) -> str:
        name = str(self.cleaned_data["name"]).strip()
        slug = slugify(name)[:64].strip("-")
        if not slug:
            raise forms.ValidationError(_("Use at least one letter or digit."))
        if Kiosk.objects.filter(pk=slug).exists():
            raise forms.ValidationError(
                _("A kiosk with this name exists: make it a new code in the list below.")
            )
        self.cleaned_data["id"] = slug
        return name

    def save(self) -> Kiosk:
        data = self.cleaned_data
        return Kiosk.objects.create(
            id=data["id"],
            name=data["name"],
            place=data.get("place") or "",
            departement=data.get("departement") or "",
        )


class StaffForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=[])
    password = forms.CharField(
        label=_("Password (10 characters or more)"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        min_length=10,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = role_choices()

    def clean_email(self) -> str:
        email = str(self.cleaned_data["email"]).strip().lower()
        if Staff.objects.filter(email=email).exists():
            raise forms.ValidationError(_("This account already exists."))
        return email

    def clean_password(self) -> str:
        password = str(self.cleaned_data["password"])
        validate_password(password)
        return password

    def save(self) -> Staff:
        data = self.cleaned_data
        return Staff.objects.create_user(
            data["email"], data["password"], role=data["role"], name=data.get("name") or ""
        )


class StaffUpdateForm(forms.Form):
    role = forms.ChoiceField(choices=[])
    is_active = forms.BooleanField(required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = role_choices()


def role_choices() -> list[tuple[str, str]]:
    return [(Staff.STAFF, str(_("Staff"))), (Staff.TECHNICIAN, str(_("Technician")))]
