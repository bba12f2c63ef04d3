"""`python -m screener.cli` runs the same command line as `screener`."""

from screener.cli import main

main()
