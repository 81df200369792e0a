"""The catalog model every later step reads: resolved, indexed, typed listings, providers and
pathways; taxonomies; where each output lives (URLs); labels and vocabularies for people."""
