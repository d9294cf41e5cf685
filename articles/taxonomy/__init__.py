"""Keeping the vocabulary clean: tag and source names, renames, merges and deletions.

`names` is imported by the models themselves (it imports none of them); `tags` and `sources`
hold the operations staff trigger from the admin, as plain functions.
"""
