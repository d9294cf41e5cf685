"""Where things are on the web: the site's absolute URLs (`absolute`) and the old addresses every
slug change leaves behind (`redirects`)."""
