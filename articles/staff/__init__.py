"""The people who work in the newsroom: their roles and what each may do (`roles`)."""
