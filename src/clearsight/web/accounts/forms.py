from __future__ import annotations

from django import forms
from django.contrib.auth import password_validation

from clearsight.web import roles
from clearsight.web.accounts.models import User


class SignInForm(forms.Form):
    username = forms.CharField(label="User name", max_length=150)
    password = forms.CharField(label="Password", widget=forms.PasswordInput, strip=False)


class NewUserForm(forms.Form):
    username = forms.CharField(label="User name", max_length=150)
    role = forms.ChoiceField(label="Role", choices=roles.choices())
    teams = forms.CharField(label="Teams (team managers only)", required=False,
                            help_text="Team ids separated by commas, for example T01, T02")
    password = forms.CharField(label="Password", widget=forms.PasswordInput, strip=False,
                               help_text="At least 12 characters, not a common password")

    def clean_username(self):
        name = self.cleaned_data["username"].strip()
        if User.objects.filter(username__iexact=name).exists():
            raise forms.ValidationError("There is already a user with this name")
        return name

    def clean_teams(self):
        return [t.strip() for t in self.cleaned_data.get("teams", "").split(",") if t.strip()]

    def clean(self):
        data = super().clean()
        if data.get("password"):
            try:
                password_validation.validate_password(data["password"], User(username=data.get("username", "")))
            except forms.ValidationError as exc:
                self.add_error("password", exc)
        return data


class AccessLogSearchForm(forms.Form):
    username = forms.CharField(label="User name", required=False)
    child_id = forms.CharField(label="Child id", required=False)
    action = forms.CharField(label="What was seen", required=False)
    since = forms.DateField(label="From (yyyy-mm-dd)", required=False)
    until = forms.DateField(label="To (yyyy-mm-dd)", required=False)
