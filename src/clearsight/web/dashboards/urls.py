from django.urls import path

from clearsight.web.dashboards import views

app_name = "dashboards"
urlpatterns = [
    path("", views.home, name="home"),
    path("measures/", views.measure_list, name="measures"),
    path("measures/<str:measure_id>/", views.measure_detail, name="measure"),
    path("measures/<str:measure_id>/trend.svg", views.trend_chart, name="trend_chart"),
    path("measures/<str:measure_id>/sparkline.svg", views.sparkline_chart, name="sparkline_chart"),
    path("measures/<str:measure_id>/funnel.svg", views.funnel_chart, name="funnel_chart"),
    path("measures/<str:measure_id>/export.csv", views.measure_export, name="measure_export"),
    path("teams/", views.team_list, name="teams"),
    path("teams/<str:team>/", views.team_detail, name="team"),
    path("teams/<str:team>/children/<str:measure_id>/", views.team_children, name="team_children"),
    path("children/<str:child_id>/", views.child_detail, name="child"),
]
