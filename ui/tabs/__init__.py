"""The case view's tabs, one module each; `ui.case_view.CASE_TABS` orders them."""
