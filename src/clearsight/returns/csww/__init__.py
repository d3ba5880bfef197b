"""The children's social work workforce census (CSWW): ``spec`` (its tables), ``parse`` (the census XML,
streamed) and ``write`` (how the synthetic council writes it)."""
