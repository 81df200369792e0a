"""Checking catalog files: where they live, loading them strictly, the schema and the
cross-file rules, problems as plain data and the reporters that format them."""
