"""Start the Screener desktop app: `python main.py [--db URL]`."""

import sys

from ui.start import main

if __name__ == "__main__":
    sys.exit(main())
