"""Write resources/deal_template.xlsx from the deal-file field declarations.

Run after changing screener/deals/fields.py; a test checks the shipped template has the
same sheets and headers, so the template and the importer cannot drift apart.
"""

from __future__ import annotations

import sys
from pathlib import Path

from screener.deals.writer import write_template

REPO = Path(__file__).resolve().parent.parent


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "resources" / "deal_template.xlsx"
    write_template(out)
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
