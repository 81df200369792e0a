"""Tools for providers and catalog maintainers: scaffolds (`credcat new`), ownership of
folders, git revisions, the change summary of a pull request and the link checker."""
