"""The dashboard's pages. Every page needs a signed-in account; kiosks and accounts need the
technician role. Every change is a POST (CSRF-checked), written to the audit log, then
redirected (the back button never sends it twice)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Q
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseForbidden,
    JsonResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from hub.core import relay, spaces, tokens
from hub.core.models import AuditEntry, HelpRequest, Kiosk, RelayMail, Staff, audit
from hub.dashboard import charts, health, signin
from hub.dashboard.forms import (
    KioskForm,
    LoginForm,
    StaffForm,
    StaffUpdateForm,
    UnlockNameForm,
)

View = Callable[..., HttpResponse]
RECENT = dt.timedelta(hours=12)  # closed requests stay listed this long


def _ip(request: HttpRequest) -> str | None:
    return signin.client_ip(request)


def technician_required(view: View) -> View:
    @wraps(view)
    @login_required
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not getattr(request.user, "is_technician", False):
            return HttpResponseForbidden(
                render_to_string("dashboard/forbidden.html", request=request)
            )
        return view(request, *args, **kwargs)

    return wrapped


class Login(auth_views.LoginView):
    template_name = "dashboard/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True
    next_page = "/"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        """Django's sign-in, counted: refused while the account or address waits, and every
        outcome written to the audit log (hub.dashboard.signin)."""
        form = self.get_form()
        email = str(request.POST.get("username", ""))[:254]
        with transaction.atomic():
            attempt = signin.begin(email, signin.client_ip(request))
            until = attempt.locked_until
            if until is not None:
                attempt.refused()
                valid = False
            elif form.is_valid():
                attempt.succeeded(form.get_user())
                valid = True
            else:
                until = attempt.failed()
                valid = False
        if valid:
            return self.form_valid(form)
        if until is None:
            return self.form_invalid(form)
        # The password is not checked while waiting: a fresh form, the e-mail kept.
        context = self.get_context_data(
            form=self.get_form_class()(request, initial={"username": email}),
            locked=_locked_message(until),
        )
        return self.render_to_response(context, status=429)


def _locked_message(until: dt.datetime) -> str:
    minutes = max(1, -(-int((until - timezone.now()).total_seconds()) // 60))
    return ngettext(
        "Too many wrong passwords. Sign-in is refused until %(time)s "
        "(in %(minutes)d minute). Try again then.",
        "Too many wrong passwords. Sign-in is refused until %(time)s "
        "(in %(minutes)d minutes). Try again then.",
        minutes,
    ) % {"time": timezone.localtime(until).strftime("%H:%M"), "minutes": minutes}


# --- help requests, live ----------------------------------------------------------------


def _help_lists() -> tuple[list[HelpRequest], list[HelpRequest]]:
    active = list(
        HelpRequest.objects.filter(state__in=HelpRequest.ACTIVE)
        .select_related("kiosk", "taken_by")
        .order_by("created_at")
    )
    recent = list(
        HelpRequest.objects.filter(
            state__in=(HelpRequest.CLOSED, HelpRequest.CANCELLED),
            updated_at__gte=timezone.now() - RECENT,
        )
        .select_related("kiosk", "taken_by", "closed_by")
        .order_by("-updated_at")[:20]
    )
    return active, recent


def _stamp(active: list[HelpRequest], recent: list[HelpRequest]) -> str:
    """Changes when a request appears, moves or closes, and each minute (waiting times)."""
    parts = [f"{h.pk}:{h.state}:{h.updated_at.isoformat()}" for h in [*active, *recent]]
    parts.append(timezone.now().strftime("%H:%M"))
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


@login_required
def home(request: HttpRequest) -> HttpResponse:
    active, recent = _help_lists()
    return render(
        request,
        "dashboard/home.html",
        {
            "active": active,
            "recent": recent,
            "stamp": _stamp(active, recent),
            "now": timezone.now(),
        },
    )


@require_GET
def help_live(request: HttpRequest) -> JsonResponse:
    """Polled every 2 s by the home page: the list, rendered (and escaped) by the template."""
    if not request.user.is_authenticated:
        return JsonResponse({"error": "signed_out"}, status=401)
    active, recent = _help_lists()
    stamp = _stamp(active, recent)
    body: dict[str, Any] = {
        "stamp": stamp,
        "open": [
            {"id": h.pk, "kiosk": h.kiosk.name, "place": h.kiosk.place}
            for h in active
            if h.state == HelpRequest.OPEN
        ],
    }
    if request.GET.get("stamp") != stamp:
        body["html"] = render_to_string(
            "dashboard/_help_lists.html",
            {"active": active, "recent": recent, "now": timezone.now()},
            request=request,
        )
    return JsonResponse(body)


@require_POST
@login_required
def help_take(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(HelpRequest.objects.select_related("kiosk"), pk=pk)
    now = timezone.now()
    with transaction.atomic():
        # Conditional: two people pressing "take" together, one wins and the other is told.
        changed = HelpRequest.objects.filter(pk=pk, state=HelpRequest.OPEN).update(
            state=HelpRequest.TAKEN, taken_by=request.user, taken_at=now, updated_at=now
        )
        if changed:
            audit("help.take", found.kiosk.name, actor=_user(request), ip=_ip(request), help=pk)
    if changed:
        messages.success(
            request, _("You are taking care of %(kiosk)s.") % {"kiosk": found.kiosk.name}
        )
    else:
        messages.warning(request, _("This request was already taken or closed."))
    return redirect("dashboard:home")


@require_POST
@login_required
def help_close(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(HelpRequest.objects.select_related("kiosk"), pk=pk)
    now = timezone.now()
    with transaction.atomic():
        changed = HelpRequest.objects.filter(pk=pk, state__in=HelpRequest.ACTIVE).update(
            state=HelpRequest.CLOSED, closed_by=request.user, closed_at=now, updated_at=now
        )
        if changed:
            audit("help.close", found.kiosk.name, actor=_user(request), ip=_ip(request), help=pk)
    if changed:
        messages.success(request, _("Request from %(kiosk)s closed.") % {"kiosk": found.kiosk.name})
    else:
        messages.warning(request, _("This request was already closed."))
    return redirect("dashboard:home")


def _user(request: HttpRequest) -> Staff:
    user = request.user
    assert isinstance(user, Staff)
    return user


# --- fleet, figures, outbox -------------------------------------------------------------


@login_required
def fleet(request: HttpRequest) -> HttpResponse:
    rows, newest = health.fleet()
    problems = sum(1 for r in rows if not r.ok)
    return render(
        request,
        "dashboard/fleet.html",
        {"rows": rows, "newest": newest, "problems": problems, "now": timezone.now()},
    )


def _figure_args(request: HttpRequest) -> tuple[str, int]:
    name = request.GET.get("name", "sessions")
    if name not in charts.COUNTERS:
        name = "sessions"
    try:
        days = min(max(int(request.GET.get("days", "14")), 1), 90)
    except ValueError:
        days = 14
    return name, days


def counter_labels() -> dict[str, str]:
    return {
        "sessions": _("Sessions"),
        "searches": _("Searches"),
        "offers_printed": _("Offers printed"),
        "offers_scanned": _("Offers sent to a phone"),
        "cvs_made": _("CVs made"),
        "help_requests": _("Help requests"),
    }


@login_required
def figures(request: HttpRequest) -> HttpResponse:
    name, days = _figure_args(request)
    labels = counter_labels()
    return render(
        request,
        "dashboard/figures.html",
        {
            "name": name,
            "label": labels[name],
            "labels": labels,
            "days": days,
            "day_choices": (7, 14, 30, 90),
            "by_day": charts.per_day(name, days),
            "by_kiosk": charts.per_kiosk(name, days),
            "by_language": charts.per_language(days),
        },
    )


@login_required
def figure_svg(request: HttpRequest, chart: str) -> HttpResponse:
    name, days = _figure_args(request)
    label = counter_labels()[name]
    if chart == "days":
        body = charts.svg(_("%(counter)s per day") % {"counter": label}, charts.per_day(name, days))
    elif chart == "kiosks":
        body = charts.svg(
            _("%(counter)s per kiosk") % {"counter": label},
            charts.per_kiosk(name, days),
            horizontal=True,
        )
    elif chart == "languages":
        body = charts.svg(_("Sessions per language"), charts.per_language(days), horizontal=True)
    else:
        raise Http404
    response = HttpResponse(body, content_type="image/svg+xml")
    response["Cache-Control"] = "private, max-age=60"
    # Even opened on its own, the SVG may run nothing.
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response


@login_required
def outbox(request: HttpRequest) -> HttpResponse:
    mails = list(
        RelayMail.objects.filter(state=RelayMail.NEEDS_STAFF)
        .select_related("kiosk")
        .order_by("received_at")
    )
    waiting = RelayMail.objects.filter(state__in=(RelayMail.PENDING, RelayMail.SENDING)).count()
    kiosks = list(Kiosk.objects.filter(outbox_needs_staff__gt=0).order_by("name"))
    return render(
        request,
        "dashboard/outbox.html",
        {"mails": mails, "waiting": waiting, "kiosks": kiosks},
    )


@require_POST
@login_required
def outbox_retry(request: HttpRequest, pk: int) -> HttpResponse:
    if relay.retry(pk, actor=_user(request)):
        messages.success(request, _("The e-mail will be sent again."))
    else:
        messages.warning(request, _("This e-mail can no longer be sent again."))
    return redirect("dashboard:outbox")


# --- saved spaces: lifting a lockout at the desk ----------------------------------------


def _locks_page(request: HttpRequest, form: UnlockNameForm, status: int = 200) -> HttpResponse:
    return render(
        request,
        "dashboard/locks.html",
        {
            "locked": spaces.locked_kiosks(),
            "names": spaces.locked_names_count(),
            "form": form,
        },
        status=status,
    )


@login_required
def locks(request: HttpRequest) -> HttpResponse:
    return _locks_page(request, UnlockNameForm())


@require_POST
@login_required
def lock_kiosk_lift(request: HttpRequest, pk: str) -> HttpResponse:
    kiosk = get_object_or_404(Kiosk, pk=pk)
    with transaction.atomic():
        until = spaces.waiting_until(kiosk)
        spaces.unlock(kiosk)
        audit(
            "space.unlock_kiosk",
            kiosk.id,
            actor=_user(request),
            ip=_ip(request),
            name=kiosk.name,
            was_locked=until is not None,
        )
    if until is not None:
        messages.success(request, _("%(kiosk)s accepts codes again.") % {"kiosk": kiosk.name})
    else:
        messages.info(request, _("%(kiosk)s was not refusing codes.") % {"kiosk": kiosk.name})
    return redirect("dashboard:locks")


@require_POST
@login_required
def lock_name_lift(request: HttpRequest) -> HttpResponse:
    form = UnlockNameForm(request.POST)
    if not form.is_valid():
        return _locks_page(request, form, status=400)
    # The first name is neither stored nor repeated back (messages may travel in a cookie).
    was_locked = spaces.unlock_name(form.cleaned_data["first_name"])
    audit("space.unlock_name", "", actor=_user(request), ip=_ip(request), was_locked=was_locked)
    if was_locked:
        messages.success(
            request,
            _("This first name accepts codes again at every kiosk. The person can try now."),
        )
    else:
        messages.info(
            request,
            _("This first name was not locked. Check the spelling, or the kiosk may be locked."),
        )
    return redirect("dashboard:locks")


# --- kiosks and accounts (technicians) ----------------------------------------------------


def _kiosks() -> list[Kiosk]:
    return list(
        Kiosk.objects.annotate(
            live_tokens=Count("tokens", filter=Q(tokens__revoked_at__isnull=True), distinct=True)
        ).order_by("name", "id")
    )


@technician_required
def kiosks(request: HttpRequest) -> HttpResponse:
    form = KioskForm(request.POST or None)
    code: dict[str, str] | None = None
    if request.method == "POST" and form.is_valid():
        kiosk = form.save()
        code = {
            "kiosk": kiosk.name,
            "code": tokens.new_enrolment_code(kiosk, created_by=_user(request)),
        }
        audit("kiosk.add", kiosk.id, actor=_user(request), ip=_ip(request), name=kiosk.name)
        form = KioskForm()
    return render(
        request,
        "dashboard/kiosks.html",
        {"form": form, "kiosks": _kiosks(), "code": code},
        status=400 if request.method == "POST" and code is None else 200,
    )


@require_POST
@technician_required
def kiosk_code(request: HttpRequest, pk: str) -> HttpResponse:
    kiosk = get_object_or_404(Kiosk, pk=pk)
    code = tokens.new_enrolment_code(kiosk, created_by=_user(request))
    audit("kiosk.new_code", kiosk.id, actor=_user(request), ip=_ip(request))
    return render(
        request,
        "dashboard/kiosks.html",
        {"form": KioskForm(), "kiosks": _kiosks(), "code": {"kiosk": kiosk.name, "code": code}},
    )


@require_POST
@technician_required
def kiosk_revoke(request: HttpRequest, pk: str) -> HttpResponse:
    kiosk = get_object_or_404(Kiosk, pk=pk)
    count = tokens.revoke(kiosk, actor=_user(request))
    messages.success(
        request,
        _("%(kiosk)s is revoked (%(count)d key(s) stopped). Make a new code to bring it back.")
        % {"kiosk": kiosk.name, "count": count},
    )
    return redirect("dashboard:kiosks")


@technician_required
def staff(request: HttpRequest) -> HttpResponse:
    form = StaffForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        audit("staff.add", user.email, actor=_user(request), ip=_ip(request), role=user.role)
        messages.success(request, _("Account %(email)s created.") % {"email": user.email})
        return redirect("dashboard:staff")
    return render(
        request,
        "dashboard/staff.html",
        {"form": form, "accounts": Staff.objects.order_by("email"), "roles": Staff.ROLES},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@technician_required
def staff_update(request: HttpRequest, pk: int) -> HttpResponse:
    account = get_object_or_404(Staff, pk=pk)
    form = StaffUpdateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a role."))
        return redirect("dashboard:staff")
    role, active = form.cleaned_data["role"], form.cleaned_data["is_active"]
    if account.pk == request.user.pk and (not active or role != Staff.TECHNICIAN):
        messages.error(request, _("You cannot remove your own access."))
        return redirect("dashboard:staff")
    if (account.role, account.is_active) != (role, active):
        account.role, account.is_active = role, active
        account.save(update_fields=["role", "is_active"])
        audit(
            "staff.update",
            account.email,
            actor=_user(request),
            ip=_ip(request),
            role=role,
            active=active,
        )
        messages.success(request, _("Account %(email)s changed.") % {"email": account.email})
    return redirect("dashboard:staff")


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    entries = AuditEntry.objects.select_related("actor").order_by("-at", "-id")
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    labels = action_labels()
    for entry in page:
        entry.label = labels.get(entry.action, entry.action)
    return render(request, "dashboard/audit.html", {"page": page})


def action_labels() -> dict[str, str]:
    return {
        "help.take": _("Took a help request"),
        "help.close": _("Closed a help request"),
        "kiosk.add": _("Added a kiosk"),
        "kiosk.new_code": _("Made an enrolment code"),
        "kiosk.enrol": _("Kiosk enrolled"),
        "kiosk.revoke": _("Revoked a kiosk"),
        "staff.add": _("Added an account"),
        "staff.update": _("Changed an account"),
        "mail.retry": _("Sent an e-mail again"),
        "signin.ok": _("Signed in"),
        "signin.failed": _("Wrong password"),
        "signin.locked": _("Sign-in locked after wrong passwords"),
        "signin.refused": _("Sign-in refused while locked"),
        "space.unlock_kiosk": _("Lifted a kiosk's code lock"),
        "space.unlock_name": _("Lifted a first name's code lock"),
    }
