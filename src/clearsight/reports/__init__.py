"""Reports and exports: what people take away (summaries, CSV, Excel, PDF)."""
