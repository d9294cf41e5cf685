"""The wire desk's background work: polling agency feeds outside any request
(`poll_wires_task.enqueue()` from a scheduler; `manage.py db_worker` runs it)."""

from django.tasks import task

from .polling import poll_all


@task()
def poll_wires_task(within: float = 50.0) -> list[str]:
    return [str(result) for result in poll_all(within=within)]
