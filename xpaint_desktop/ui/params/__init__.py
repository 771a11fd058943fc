"""The parameter panel: the next job's settings and the Generate button."""
