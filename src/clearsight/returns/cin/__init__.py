"""The Children in Need census: ``spec`` (its tables), ``parse`` (the census XML, streamed) and ``write``
(how the synthetic council writes it)."""
