"""Checks across returns: the same child in the CIN census and the SSDA903 of the same year.

The views are the DfE tables of each return's current load for the year, prefixed ``lac_`` (the
903) and ``cin_`` (the census); ``lac_all_Episodes`` holds the 903 episodes of every loaded year.
"""

from clearsight.rules.discover import gather

RULES = gather(__name__, __path__)
