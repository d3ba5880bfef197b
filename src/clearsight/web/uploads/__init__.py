"""Returns uploaded through the web: each upload is one load, run and validated in the background."""
