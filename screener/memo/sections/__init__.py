"""One builder per memo section, in the order domain.md section 7 gives; `render` assembles them.

Each builder takes the memo's `MemoLayout` and returns its flowables; none reads the store.
"""
