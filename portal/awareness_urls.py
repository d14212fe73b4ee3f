from django.urls import path

from portal import awareness

app_name = "awareness"
urlpatterns = [
    path("", awareness.article_list, name="list"),
    path("check/", awareness.selfcheck, name="check"),
    path("work-and-care/", awareness.work_and_care, name="work_and_care"),
    path("leaving-no-trace/", awareness.leaving_no_trace, name="leaving_no_trace"),
    path("back-to-work/", awareness.back_to_work, name="back_to_work"),
    path("start-a-salon/", awareness.salon_startup_kit, name="salon_startup"),
    path("manage/", awareness.manage_list, name="manage"),
    path("manage/new/", awareness.manage_create, name="manage_create"),
    path("manage/slug/", awareness.manage_slug, name="manage_slug"),
    path("manage/<int:pk>/", awareness.manage_edit, name="manage_edit"),
    path("manage/<int:pk>/unpublish/", awareness.manage_unpublish, name="manage_unpublish"),
    # Last: any other single segment is an article slug.
    path("<slug:slug>/", awareness.article_detail, name="detail"),
]
