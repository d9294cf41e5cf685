"""Keeping the vocabulary clean: names, the vocabularies, renames, merges, moves, deletions.

`names` and `vocabularies` are imported by the models themselves (they import no model at
import time); `merging`, `tags`, `sources` and `regions` hold the operations staff trigger from
the admin, as plain functions.
"""
