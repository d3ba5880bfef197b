"""Clearsight's web app: a Django project (settings ``clearsight.web.settings``) and its apps.

- ``accounts``: people, their roles and teams, sign-in throttling and the access log;
- ``uploads``: returns uploaded by analysts, loaded and validated one at a time in the background;
- ``dashboards``: headline measures, a page per measure, team breakdowns and child lists.
"""
