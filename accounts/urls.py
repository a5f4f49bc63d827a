from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.account, name="account"),
    path("verify/", views.verify, name="verify"),
    path("setup/", views.setup, name="setup"),
    path("setup/qr.svg", views.setup_qr, name="setup-qr"),
    path("recovery-codes/", views.recovery_codes, name="recovery-codes"),
    path("devices/<str:kind>/<int:pk>/remove/", views.device_remove, name="device-remove"),
]
