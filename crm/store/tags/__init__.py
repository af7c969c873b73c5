"""The tag registry, its running counts and its rename and merge jobs, in Firestore."""
