"""Contact person use cases, and the check that a deal, order or activity names a person of its customer."""
