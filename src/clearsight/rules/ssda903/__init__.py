"""The SSDA903 rules, gathered from their modules."""

from clearsight.rules.ssda903 import episodes, header

RULES = [*header.RULES, *episodes.RULES]
