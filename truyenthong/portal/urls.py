"""Chuyên mục công khai: public pages, feeds, sitemap and the embeddable widget (no login)."""

from django.urls import path

from truyenthong.portal import home, views

app_name = "portal"
urlpatterns = [
    path("", home.home, name="home"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("chuyen-muc/", views.section_index, name="index"),
    path("chuyen-muc/<slug:slug>/", views.section_list, name="section"),
    path("chuyen-muc/<slug:slug>/tim-kiem/", views.search, name="search"),
    path("chuyen-muc/<slug:slug>/the/<slug:tag_slug>/", views.tag_list, name="tag"),
    path("chuyen-muc/<slug:slug>/rss.xml", views.feed_rss, name="feed-rss"),
    path("chuyen-muc/<slug:slug>/atom.xml", views.feed_atom, name="feed-atom"),
    path("chuyen-muc/<slug:slug>/widget.js", views.widget_js, name="widget-js"),
    path("chuyen-muc/<slug:slug>/nhung/", views.widget_frame, name="widget-frame"),
    path("chuyen-muc/<slug:slug>/<slug:item_slug>/", views.item_detail, name="item-detail"),
]
