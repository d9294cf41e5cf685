"""Sphinx configuration for the Newsroom manual (`make docs` builds it into docs/_build/html).

The pages are Markdown read by MyST-Parser, as Wagtail's docs are: plain CommonMark that reads
the same on a code host, with Sphinx's cross-document link checking on top. `make docs` runs
sphinx-build with warnings as errors, so a link to a page or heading that does not exist
fails the build (and `make test`). Nothing here reaches the network.
"""

project = "Newsroom"
author = "The Newsroom contributors"
copyright = "the Newsroom contributors, BSD-3-Clause"

extensions = ["myst_parser"]
source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "screenshots"]

# MyST: headings down to ### get GitHub-style anchors (`operations/caching.md#settings`), and
# a link to a page or anchor that does not exist is a warning (so an error in `make docs`).
# `<img>` tags are real images (copied into the build, checked to exist), so a phone-sized
# screenshot keeps its width and the page still reads the same on a code host.
myst_heading_anchors = 3
myst_enable_extensions = ["html_image"]
# Code blocks without a language (trees, tables of files) are plain text.
highlight_language = "text"

# Furo: a readable, accessible theme (light and dark, works on phones, search built in) whose
# assets ship inside its wheel, so the build works offline.
html_theme = "furo"
html_title = "Newsroom"
html_show_sourcelink = False
# A link into the repository's code is written as `path/to/file.py`, not as a link: the
# manual is built from the same checkout, and the code host's address is the reader's own.
