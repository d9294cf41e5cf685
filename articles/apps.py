from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Newsroom"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Agency `type: event` items come in through the wire desk's ingest, to the planning
        # desk (the wire desk does not import the packages that take its other item types).
        from articles.caching import checks  # noqa: F401 (registers `check --deploy`'s cache check)
        from articles.planning import agency

        agency.register()
