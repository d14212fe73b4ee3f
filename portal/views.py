from django.shortcuts import render
from django.utils.translation import gettext as _


def home(request):
    from portal.sections import home_sections

    return render(request, "portal/home.html", {"sections": home_sections(request)})


def error_403(request, exception=None):
    return render(request, "errors/403.html", status=403)


def error_404(request, exception=None):
    return render(request, "errors/404.html", status=404)


def error_500(request):
    # No context processors that touch the database: the error may be the database.
    from django.template import loader

    from django.http import HttpResponseServerError

    template = loader.get_template("errors/500.html")
    return HttpResponseServerError(template.render({"title": _("Server error")}))
