"""Measuring credcat, beside the package and not shipped with it: synthetic catalogs of any size
(`synthetic.py`) and the benchmark that times validation and site builds on them (`bench.py`,
`make bench`). Run them with `scripts` on the import path: `PYTHONPATH=scripts python -m measure.bench`.
"""
