"""The wire desk's query budget (issue 21): a new item costs at most 26 queries, an unchanged
one at most 2, whatever the file holds (bench/ingest.py measures the rates on PostgreSQL)."""

import json

from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.wire.ingest import NEW, UNCHANGED, ingest_copy


def _item(n: int) -> dict:
    return {
        "uri": f"https://agency.example/ninjs/speed/{n}",
        "type": "text",
        "version": "1",
        "headlines": [
            {"role": "main", "value": f"Grain convoy {n} reaches Odesa port"},
            {"role": "subheadline", "value": "The port authority said loading begins today."},
        ],
        "bodies": [
            {
                "role": "main",
                "contentType": "text/html",
                "value": "<p>A convoy reached Kyiv and Kramatorsk.</p><p>Loading begins.</p>",
            }
        ],
        "places": [{"name": "Kramatorsk"}],
    }


def test_it_takes_a_new_item_in_within_its_query_budget(wire_provider, regions, monkeypatch):
    # As in production: the names are fingerprinted, not read again, for each item.
    monkeypatch.setattr("articles.taxonomy.suggestions.RECHECK_SECONDS", 30.0)
    ingest_copy(json.dumps([_item(0), _item(1)]), provider=wire_provider)  # the vocabulary
    with CaptureQueriesContext(connection) as new:
        [result] = ingest_copy(json.dumps(_item(2)), provider=wire_provider)
    with CaptureQueriesContext(connection) as unchanged:
        [again] = ingest_copy(json.dumps(_item(2)), provider=wire_provider)

    assert result.outcome == NEW and again.outcome == UNCHANGED
    # Savepoints are not work the database does for the item.
    sql = [query["sql"] for query in new.captured_queries if "SAVEPOINT" not in query["sql"]]
    print("\n".join(statement[:150] for statement in sql))
    assert len(sql) <= 26, len(sql)
    assert len(unchanged) <= 2, len(unchanged)
