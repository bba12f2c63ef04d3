"""The Screener desktop app (Qt). Only this package imports PySide6."""
