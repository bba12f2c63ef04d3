"""Start the Screener desktop app: `python main.py [--db URL]`."""

import sys

from ui.app import run

if __name__ == "__main__":
    sys.exit(run())
