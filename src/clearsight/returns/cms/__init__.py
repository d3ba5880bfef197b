"""The case-management extract: ``spec`` (its tables, the contract of ``docs/cms-extract.md``), ``parse``
(a folder of CSVs) and ``write`` (how the synthetic council writes it)."""
