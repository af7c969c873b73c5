"""Tags: the registry (name, colour, description, counts per tag) and the jobs that rename or merge a tag on every
record that carries it."""
