"""Loading millions of rows into PostgreSQL quickly: COPY, with the big tables' secondary
indexes and constraints set aside while they fill.

Maintaining a dozen indexes (one of them a full-text GIN index over every body) row by row
costs several times more than building each once over the finished table, and checking every
foreign key row by row costs more than one join at the end. So `indexes_set_aside()` records
each index and non-primary-key constraint of the given tables, drops them, and recreates them
with their own definitions and names when the load is done; the foreign keys are re-added
(and so validated) last. The schema afterwards is the one the migrations made.

`truncate_for_freeze()` empties the tables in the loading transaction so that COPY can write
rows FROZEN: already visible to everyone, as if VACUUM had passed. Index-only scans then need
no heap visits, and the planner sees the table as a vacuumed production table — which matters
for a test that checks its plans on a freshly generated archive, inside a transaction.
"""

from contextlib import contextmanager

from django.db import connection


def columns(model) -> list:
    """The model's concrete fields, in table order."""
    return list(model._meta.concrete_fields)


# The tables `truncate_for_freeze()` emptied in the loading transaction: COPY freezes their rows.
_frozen: set[str] = set()


def copy_rows(model, rows, *, with_id=True) -> int:
    """COPY `rows` (dicts keyed by field attname; absent fields take their default) into the
    model's table, frozen if it was emptied for that (`truncate_for_freeze`). Returns how many
    rows were written."""
    fields = [f for f in columns(model) if with_id or not f.primary_key]
    names = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    defaults = {f.attname: f.get_default() for f in fields}
    options = " WITH (FREEZE)" if model._meta.db_table in _frozen else ""
    statement = f"COPY {model._meta.db_table} ({names}) FROM STDIN{options}"
    written = 0
    with connection.cursor() as cursor:
        with cursor.cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row([row.get(f.attname, defaults[f.attname]) for f in fields])
                written += 1
    return written


def truncate_for_freeze(tables: list[str]) -> bool:
    """Empty `tables`, and the tables that refer to them, in this transaction, so that COPY
    writes their rows frozen; only if all of them are empty already. Returns whether it did."""
    _frozen.clear()
    with connection.cursor() as cursor:
        cursor.execute(
            """
            WITH RECURSIVE referring (name) AS (
                SELECT unnest(%s::regclass[])
                UNION
                SELECT c.conrelid::regclass FROM pg_constraint c
                  JOIN referring ON c.confrelid = referring.name AND c.contype = 'f'
            )
            SELECT name::text FROM referring
            """,
            [tables],
        )
        everything = [name for (name,) in cursor.fetchall()]
        for table in everything:
            cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {table})")
            if cursor.fetchone()[0]:
                return False
        cursor.execute(f"TRUNCATE {', '.join(everything)}")
    _frozen.update(everything)
    return True


def _definitions(tables: list[str]):
    """(constraints, indexes) of `tables` that are not primary keys, as (table, name, SQL)."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid), c.contype
              FROM pg_constraint c
             WHERE c.conrelid = ANY(%s::regclass[]) AND c.contype IN ('u', 'f')
             ORDER BY c.contype DESC, c.conname
            """,
            [tables],
        )
        constraints = cursor.fetchall()
        cursor.execute(
            """
            SELECT i.indrelid::regclass::text, i.indexrelid::regclass::text,
                   pg_get_indexdef(i.indexrelid)
              FROM pg_index i
             WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisprimary
               AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid
                                                             AND c.contype IN ('u', 'p'))
             ORDER BY 2
            """,
            [tables],
        )
        indexes = cursor.fetchall()
    return constraints, indexes


@contextmanager
def indexes_set_aside(tables: list[str], *, report=print):
    """Drop the secondary indexes and unique/foreign-key constraints of `tables`; recreate
    them, with their own names and definitions, when the block ends."""
    constraints, indexes = _definitions(tables)
    with connection.cursor() as cursor:
        # Check the deferred keys of rows written so far: ALTER TABLE refuses to run while a
        # table it touches has checks pending.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        # Foreign keys first: a unique constraint may not go while a key still uses it.
        for table, name, _, _ in sorted(constraints, key=lambda c: c[3] != "f"):
            cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        for _, name, _ in indexes:
            cursor.execute(f"DROP INDEX {name}")
    yield
    with connection.cursor() as cursor:
        # Enough memory to sort each index in one go.
        cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
        for _, name, definition in indexes:
            report(f"  index {name}")
            cursor.execute(definition)
        # Unique constraints (their indexes) before the foreign keys that may rely on them.
        for table, name, definition, _ in sorted(constraints, key=lambda c: c[3] == "f"):
            report(f"  constraint {name}")
            cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')


def reset_sequences(models) -> None:
    """Point each table's id sequence past the ids written explicitly."""
    from django.core.management.color import no_style

    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)
