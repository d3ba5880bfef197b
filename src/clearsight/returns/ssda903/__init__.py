"""The SSDA903 return (children looked after and care leavers): ``spec`` (its tables, per year),
``parse`` (a folder of CSVs, or the XML form) and ``write`` (how the synthetic council writes it)."""
