"""Exports: `files` writes any table safely (XLSX/CSV, no live formulas); `case` lays out
one case's results as tables."""
