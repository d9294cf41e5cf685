"""The image library: what an upload must be (`safety`), adding pictures and what a story needs of
them (`library`), the fixed renditions (`renditions`) and figures in story bodies
(`body_figures`)."""
