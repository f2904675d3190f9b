"""URL patterns of Notify's delivery receipts, delivery failures and text reminders."""

from django.urls import path

from . import views

app_name = "notify"
urlpatterns = [
    path("notify/delivery-receipts/", views.delivery_receipt, name="delivery_receipt"),
    path("delivery-failures/", views.failure_list, name="failures"),
    path("account/text-reminders/", views.text_reminders, name="text_reminders"),
]
