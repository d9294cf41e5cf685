"""Reader search: matching words (`full_text`) and the names a story is filed under, kept in its
stored search document (`filed_names`)."""
