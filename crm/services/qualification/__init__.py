"""Lead qualification use cases: lead pipelines, moving leads on their board, and the board itself."""
