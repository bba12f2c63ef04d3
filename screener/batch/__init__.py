"""Batch screening: a file of names in, every name screened against the index, a report out.

`reader` turns a CSV or XLSX file into `BatchQuery` rows (or row-level errors), `runner`
screens them on every core, `writer` saves the results by the output file's extension.
"""
