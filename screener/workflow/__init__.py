"""The review workflow: case lifecycle, clocks, adjudication, decision memory, re-screening,
four-eyes sign-off, and the optimistic locking that keeps two reviewers from overwriting
each other. Every change is written to the audit log in the caller's unit of work."""
