from django.urls import path

from . import views

urlpatterns = [path("plain", views.plain), path("rows", views.rows)]
