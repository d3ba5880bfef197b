"""The canonical model in DuckDB and versioned, atomic loads into it."""
