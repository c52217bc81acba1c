"""/api/v1/…: the versioned REST API and its OpenAPI 3 description."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from truyenthong.api import views

app_name = "api"

router = SimpleRouter()
router.register("schools", views.SchoolViewSet, basename="school")
router.register("plans", views.PlanViewSet, basename="plan")
router.register("targets", views.TargetViewSet, basename="target")
router.register("indicators", views.IndicatorViewSet, basename="indicator")
router.register("indicator-values", views.IndicatorValueViewSet, basename="indicator-value")
router.register("activities", views.ActivityViewSet, basename="activity")
router.register("content-items", views.ContentItemViewSet, basename="content-item")

urlpatterns = [
    path("api/v1/schema/", SpectacularAPIView.as_view(api_version="v1"), name="schema"),
    path("api/v1/figures/import/", views.FigureImportView.as_view(), name="figures-import"),
    path("api/v1/", include(router.urls)),
]
