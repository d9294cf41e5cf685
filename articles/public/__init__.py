"""What readers and machines get: the pages (`views`), feeds, sitemaps, each page's head and
structured data, pagination and the old-address fallback (`middleware`), under the `articles:`
URL namespace (`urls`)."""
