"""credcat: an open catalog of micro-credentials.

The flow runs in one direction, a subpackage a step: `check` (catalog files -> problems),
`catalog` (the resolved model), then `site`, `exports` and `maintain`, which read the model;
`cli` drives them. Only `site.plugin` knows MkDocs. Nothing imports a later step.
"""

__version__ = "0.1.0"
