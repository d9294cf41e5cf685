"""Readers' pages kept, and forgotten exactly when what they show changes: the state every cache is
keyed on (`state`), whole pages (`pages`), index counts (`counts`) and telling a CDN (`cdn`)."""
