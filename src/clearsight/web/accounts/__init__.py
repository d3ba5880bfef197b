"""People, roles, sign-in throttling and the access log."""
