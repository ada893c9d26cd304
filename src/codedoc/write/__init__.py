"""Writing the documentation: plan the site from the code model, write each page offline (or through an
LLM writer), draw its diagrams, and verify that every citation and code span points at the code."""
