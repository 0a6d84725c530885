from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import include, path

from hub.dashboard import views

app_name = "dashboard"

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.Login.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(next_page="/login/"), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("help/live.json", views.help_live, name="help_live"),
    path("help/<int:pk>/take", views.help_take, name="help_take"),
    path("help/<int:pk>/close", views.help_close, name="help_close"),
    path("fleet/", views.fleet, name="fleet"),
    path("figures/", views.figures, name="figures"),
    path("figures/<slug:chart>.svg", views.figure_svg, name="figure_svg"),
    path("outbox/", views.outbox, name="outbox"),
    path("outbox/<int:pk>/retry", views.outbox_retry, name="outbox_retry"),
    path("locks/", views.locks, name="locks"),
    path("locks/kiosk/<slug:pk>/lift", views.lock_kiosk_lift, name="lock_kiosk_lift"),
    path("locks/name/lift", views.lock_name_lift, name="lock_name_lift"),
    path("kiosks/", views.kiosks, name="kiosks"),
    path("kiosks/<slug:pk>/code", views.kiosk_code, name="kiosk_code"),
    path("kiosks/<slug:pk>/revoke", views.kiosk_revoke, name="kiosk_revoke"),
    path("staff/", views.staff, name="staff"),
    path("staff/<int:pk>", views.staff_update, name="staff_update"),
    path("audit/", views.audit_log, name="audit"),
]
