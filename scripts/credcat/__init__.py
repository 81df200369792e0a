"""credcat: an open catalog of micro-credentials.

The core (load, validate, model, pages, feeds) is plain Python; `plugin.py` is the
only module that knows MkDocs.
"""

__version__ = "0.1.0"
