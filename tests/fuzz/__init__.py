"""A seeded mutation fuzzer for every reader of outside files (lists, deals, batch, rule packs)."""
