"""Keeping the vocabulary clean: names, the vocabularies, merges.

`names` and `vocabularies` are imported by the models themselves (they import no model at
import time); `merging`, `tags` and `sources` hold the operations staff trigger from the admin,
as plain functions.
"""
