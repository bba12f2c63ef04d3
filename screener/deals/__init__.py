"""Deal files: the format (fields, JSON Schema), reading, validation and import.

One transaction per row of the `transaction` sheet becomes one Case; `parties` and
`ownership` rows say which case they belong to by `case_id`.
"""

from screener.deals.importer import CaseImport, ImportResult, import_deal_file
from screener.deals.issues import DealFileError, Issue
from screener.deals.validate import DealFile, TransactionData, validate_deal_file

__all__ = [
    "CaseImport",
    "DealFile",
    "DealFileError",
    "ImportResult",
    "Issue",
    "TransactionData",
    "import_deal_file",
    "validate_deal_file",
]
