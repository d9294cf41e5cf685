"""The demo newsroom: original sample content, drawn pictures and local demo accounts.

`loader.load_newsroom()` writes the data, `picture_desk.illustrate()` adds the pictures; the
`load_demo` management command runs both. Everything here is for local use and tests only.
"""
