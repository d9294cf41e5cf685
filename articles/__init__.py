"""The newsroom domain: articles and the things they are filed under."""
