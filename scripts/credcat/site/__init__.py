"""The static site: the MkDocs plugin (the only MkDocs module), which pages exist and what each
template gets, the page shell, rendering, provider Markdown to safe HTML, the side build,
the Pagefind search index, pathway diagrams and the post-build check."""
