"""Lead qualification: priority, rating and score on customers, lead pipelines with substages, and the lead board."""
