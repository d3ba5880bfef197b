"""Measures: the indicators inspectors and leaders use, by team and over time, with England figures."""
