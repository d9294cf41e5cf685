"""Data built once for a whole test module, and rolled back after its last test.

`built_once(django_db_blocker)` opens a transaction around a module's tests: a module-scoped
fixture builds the expensive data inside it (the demo newsroom, a generated archive), each
test then runs in its own savepoint inside that transaction (pytest-django's `db` does this
for every test), so what one test changes is gone before the next, and the module's data is
rolled back after the last. Tests that commit (`transaction=True`, the live server) cannot
share data this way.
"""

from contextlib import contextmanager

from django.db import transaction


@contextmanager
def built_once(django_db_blocker):
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@contextmanager
def generated_archive(stories):
    """A synthetic archive of that many stories from the benchmark's generator
    (`bench/generate.py`: COPY, so PostgreSQL only), inside the caller's transaction. PostgreSQL
    sequences ignore a rollback: they are put back afterwards, so later tests' ids start where
    they did."""
    import sys
    from pathlib import Path

    from django.db import connection

    bench = str(Path(__file__).resolve().parent.parent / "bench")
    sys.path.insert(0, bench)
    try:
        from generate import generate
    finally:
        sys.path.remove(bench)
    with connection.cursor() as cursor:
        cursor.execute("SELECT schemaname, sequencename, last_value FROM pg_sequences")
        positions = cursor.fetchall()
        # Loading tens of thousands of rows on a busy machine can outlast the statement timeout
        # readers' queries have (DATABASE_STATEMENT_TIMEOUT); this transaction only, no limit.
        cursor.execute("SET LOCAL statement_timeout = 0")
    try:
        generate(stories, report=lambda *_: None)
        yield
    finally:
        with connection.cursor() as cursor:
            for schema, sequence, last in positions:
                cursor.execute(
                    "SELECT setval(%s, %s, %s)",
                    [f'"{schema}"."{sequence}"', last or 1, last is not None],
                )
