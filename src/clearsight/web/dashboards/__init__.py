"""Dashboards: headline measures, a page per measure, teams, and the role-gated drill-down to children."""
