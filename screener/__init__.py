"""Screener: national-security screening of critical-mineral asset sales.

The domain core. Nothing below this package imports Qt; the desktop app lives in `ui/`.
"""

__version__ = "0.1.0"
