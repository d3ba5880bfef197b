"""DfE validation rules: one small declarative definition each, run set-based by a small engine."""
