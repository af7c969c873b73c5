"""Tag use cases: the registry, and renaming or merging a tag on every record that carries it."""
