"""The editor at the form: unsaved work kept on the server (`autosave`), who else has a story open
(`presence`), shareable previews (`previews`) and how often the form's background calls may come
(`rate_limits`)."""
