"""One parser per agency format, each reading into the one `WireItem` (`articles.wire.items`)."""
