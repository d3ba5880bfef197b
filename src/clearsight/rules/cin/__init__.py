"""The CIN census rules: every module in this package contributes its ``RULES`` list."""

from clearsight.rules.discover import gather

RULES = gather(__name__, __path__)
