from __future__ import annotations

from python_detection import detect


def test_django_path_routes_resolve_views_through_imports() -> None:
    facts = detect(
        """
        from django.urls import path

        from . import views

        urlpatterns = [
            path("articles/2003/", views.special_case_2003),
            path("articles/<int:year>/", views.year_archive, name="year"),
        ]
        """,
        path="news/urls.py",
    )
    assert [(r.method, r.path, r.handler, r.framework) for r in facts.routes] == [
        ("ANY", "/articles/2003/", "news.views.special_case_2003", "django"),
        ("ANY", "/articles/<int:year>/", "news.views.year_archive", "django"),
    ]


def test_django_re_path_loses_anchors() -> None:
    facts = detect(
        r"""
        from django.urls import re_path
        from .views import month_archive

        urlpatterns = [
            re_path(r"^articles/(?P<year>[0-9]{4})/$", month_archive),
        ]
        """,
        path="news/urls.py",
    )
    assert [(r.path, r.handler) for r in facts.routes] == [
        ("/articles/(?P<year>[0-9]{4})/", "news.views.month_archive")
    ]


def test_django_include_is_recorded_as_any_route_to_the_included_module() -> None:
    facts = detect(
        """
        from django.contrib import admin
        from django.urls import include, path

        urlpatterns = [
            path("polls/", include("polls.urls")),
            path("admin/", admin.site.urls),
        ]
        """,
        path="mysite/urls.py",
    )
    assert [(r.method, r.path, r.handler) for r in facts.routes] == [
        ("ANY", "/polls/", "polls.urls"),
        ("ANY", "/admin/", "django.contrib.admin.site.urls"),
    ]


def test_django_include_of_a_literal_list_is_expanded_with_prefix() -> None:
    facts = detect(
        """
        from django.urls import include, path
        from apps.main import views as main_views

        urlpatterns = [
            path("reports/", include([
                path("summary/", main_views.summary),
                path("<int:pk>/", main_views.detail),
            ])),
        ]
        """,
        path="site/urls.py",
    )
    assert [(r.path, r.handler) for r in facts.routes] == [
        ("/reports/summary/", "apps.main.views.summary"),
        ("/reports/<int:pk>/", "apps.main.views.detail"),
    ]


def test_django_class_based_view_handler_is_the_class() -> None:
    facts = detect(
        """
        from django.urls import path
        from django.views.generic import TemplateView
        from .views import ArticleDetailView

        urlpatterns = [
            path("about/", TemplateView.as_view(template_name="about.html")),
            path("<slug:slug>/", ArticleDetailView.as_view(), name="article-detail"),
        ]
        """,
        path="blog/urls.py",
    )
    assert [r.handler for r in facts.routes] == [
        "django.views.generic.TemplateView",
        "blog.views.ArticleDetailView",
    ]


def test_django_old_url_function_is_understood() -> None:
    facts = detect(
        """
        from django.conf.urls import url
        from myapp import views

        urlpatterns = [url(r"^$", views.index)]
        """,
        path="myapp/urls.py",
    )
    assert [(r.path, r.handler) for r in facts.routes] == [("/", "myapp.views.index")]


def test_django_path_call_outside_a_urls_module_is_ignored() -> None:
    facts = detect(
        """
        from pathlib import Path
        def path(x, y):
            return x
        result = path("a/", print)
        """
    )
    assert facts.routes == ()


def test_django_rest_framework_router_registrations_are_routes_under_the_include_prefix() -> None:
    facts = detect(
        """
        from django.urls import include, path
        from rest_framework import routers

        from tutorial.quickstart import views

        router = routers.DefaultRouter()
        router.register(r"users", views.UserViewSet)
        router.register(r"groups", views.GroupViewSet, basename="group")

        urlpatterns = [
            path("api/", include(router.urls)),
            path("api-auth/", include("rest_framework.urls", namespace="rest_framework")),
        ]
        """,
        path="tutorial/urls.py",
    )
    assert [(r.method, r.path, r.handler) for r in facts.routes] == [
        ("ANY", "/api-auth/", "rest_framework.urls"),
        ("ANY", "/api/users/", "tutorial.quickstart.views.UserViewSet"),
        ("ANY", "/api/groups/", "tutorial.quickstart.views.GroupViewSet"),
    ]


def test_django_rest_framework_router_in_its_own_module_lists_its_view_sets() -> None:
    facts = detect(
        """
        from rest_framework.routers import SimpleRouter
        from .views import AccountViewSet

        router = SimpleRouter()
        router.register("accounts", AccountViewSet)
        """,
        path="bank/routers.py",
    )
    assert [(r.path, r.handler) for r in facts.routes] == [("/accounts/", "bank.views.AccountViewSet")]
