"""The OpenAPI 3.1 description of the read API (`/api/openapi.json`), written by hand.

The ninjs documents themselves are described by reference to IPTC's schema (an object with a
`uri`), not repeated here: the tests validate every document against the official ninjs 3.2
schema, and schemathesis checks the API against this description.
"""

from django.conf import settings
from django.urls import reverse

from articles.public.views.api import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE


def _slug_filter(name: str, what: str) -> dict:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": f"Only stories {what} (by slug). An unknown slug is a 400.",
        "schema": {"type": "string", "pattern": r"^[-\w]{1,200}$"},
    }


def openapi_description() -> dict:
    error = {"$ref": "#/components/responses/Error"}
    cors = {"$ref": "#/components/headers/AccessControlAllowOrigin"}
    conditional = {
        "ETag": {"schema": {"type": "string"}},
        "Last-Modified": {"schema": {"type": "string"}},
        "Access-Control-Allow-Origin": cors,
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": f"{settings.SITE_NAME} ninjs API",
            "version": "1.0.0",
            "description": "Published stories, public events and the plans the newsroom offers "
            "partners, as IPTC ninjs 3.2 documents "
            "(http://www.iptc.org/std/ninjs/ninjs-schema_3.2.json). Read-only, anonymous, "
            "CORS for any origin without credentials. Partners who want stories pushed to "
            "them are set up by the newsroom (signed POSTs; see the Newsroom manual, docs/api/push.md).",
            "license": {"name": "BSD-3-Clause", "identifier": "BSD-3-Clause"},
        },
        "servers": [{"url": settings.SITE_URL}],
        "paths": {
            reverse("articles:api_ninjs"): {
                "get": {
                    "operationId": "listStories",
                    "summary": "Published stories, newest first",
                    "parameters": [
                        _slug_filter("section", "of this section"),
                        _slug_filter("region", "filed under this region or below it"),
                        _slug_filter("source", "citing this source"),
                        _slug_filter("tag", "with this tag"),
                        {
                            "name": "updated_since",
                            "in": "query",
                            "required": False,
                            "description": "Only stories saved at or after this time "
                            "(ISO 8601; without an offset, UTC).",
                            "schema": {"type": "string", "format": "date-time"},
                        },
                        {
                            "name": "cursor",
                            "in": "query",
                            "required": False,
                            "description": "Where a page starts: copy it from the previous "
                            "page's `next`. Anything else is a 400.",
                            "schema": {"type": "string", "maxLength": 200},
                        },
                        {
                            "name": "page_size",
                            "in": "query",
                            "required": False,
                            "schema": {
                                "type": "integer",
                                "minimum": 1,
                                "maximum": MAX_PAGE_SIZE,
                                "default": DEFAULT_PAGE_SIZE,
                            },
                        },
                    ],
                    "responses": {
                        "200": {
                            "description": "One page of stories.",
                            "headers": {
                                **conditional,
                                "Link": {"schema": {"type": "string"}},
                            },
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/StoryPage"}
                                }
                            },
                        },
                        "304": {"description": "Not modified (If-None-Match, If-Modified-Since)."},
                        "400": error,
                    },
                }
            },
            **planning_paths(error, conditional),
            reverse("articles:api_ninjs_story", kwargs={"story_id": "0"}).replace(
                "/0/", "/{story_id}/"
            ): {
                "get": {
                    "operationId": "getStory",
                    "summary": "One published story",
                    "parameters": [
                        {
                            "name": "story_id",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "integer", "minimum": 1},
                        }
                    ],
                    "responses": {
                        "200": {
                            "description": "The story as a ninjs 3.2 document.",
                            "headers": conditional,
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Ninjs"}
                                }
                            },
                        },
                        "304": {"description": "Not modified (If-None-Match, If-Modified-Since)."},
                        "400": error,
                        "404": error,
                    },
                }
            },
        },
        "components": {
            "schemas": {
                "Ninjs": {
                    "type": "object",
                    "description": "An IPTC ninjs 3.2 document "
                    "(http://www.iptc.org/std/ninjs/ninjs-schema_3.2.json).",
                    "required": ["uri", "version", "pubStatus", "headlines"],
                    "properties": {
                        "uri": {"type": "string"},
                        "version": {"type": "string"},
                        "pubStatus": {"enum": ["usable", "withheld", "canceled"]},
                        "headlines": {"type": "array"},
                    },
                },
                "NinjsItem": {
                    "type": "object",
                    "description": "An IPTC ninjs 3.2 event or planning item.",
                    "required": ["uri", "type", "version", "pubStatus"],
                    "properties": {
                        "uri": {"type": "string"},
                        "type": {"enum": ["event", "planning"]},
                        "version": {"type": "string"},
                        "pubStatus": {"enum": ["usable", "withheld", "canceled"]},
                    },
                },
                "ItemPage": {
                    "type": "object",
                    "required": ["items", "next"],
                    "properties": {
                        "items": {
                            "type": "array",
                            "maxItems": MAX_PAGE_SIZE,
                            "items": {"$ref": "#/components/schemas/NinjsItem"},
                        },
                        "next": {"type": ["string", "null"]},
                    },
                },
                "StoryPage": {
                    "type": "object",
                    "required": ["items", "next"],
                    "properties": {
                        "items": {
                            "type": "array",
                            "maxItems": MAX_PAGE_SIZE,
                            "items": {"$ref": "#/components/schemas/Ninjs"},
                        },
                        "next": {
                            "type": ["string", "null"],
                            "description": "The next page's address, or null on the last page.",
                        },
                    },
                },
                "Error": {
                    "type": "object",
                    "required": ["error"],
                    "properties": {"error": {"type": "string"}},
                },
            },
            "headers": {
                "AccessControlAllowOrigin": {"schema": {"const": "*"}},
            },
            "responses": {
                "Error": {
                    "description": "What was wrong, in words.",
                    "headers": {"Access-Control-Allow-Origin": cors},
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
                    },
                }
            },
        },
    }


def _planning_list(operation: str, summary: str, error: dict, conditional: dict) -> dict:
    return {
        "get": {
            "operationId": operation,
            "summary": summary,
            "parameters": [
                {
                    "name": "from",
                    "in": "query",
                    "required": False,
                    "description": "From this day on (default: today).",
                    "schema": {"type": "string", "format": "date"},
                },
                {
                    "name": "cursor",
                    "in": "query",
                    "required": False,
                    "description": "Copy it from the previous page's `next`.",
                    "schema": {"type": "string", "maxLength": 200},
                },
                {
                    "name": "page_size",
                    "in": "query",
                    "required": False,
                    "schema": {
                        "type": "integer",
                        "minimum": 1,
                        "maximum": MAX_PAGE_SIZE,
                        "default": DEFAULT_PAGE_SIZE,
                    },
                },
            ],
            "responses": {
                "200": {
                    "description": "One page of ninjs 3.2 items.",
                    "headers": {**conditional, "Link": {"schema": {"type": "string"}}},
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/ItemPage"}}
                    },
                },
                "304": {"description": "Not modified (If-None-Match, If-Modified-Since)."},
                "400": error,
            },
        }
    }


def _planning_item(operation: str, summary: str, name: str, error, conditional) -> dict:
    return {
        "get": {
            "operationId": operation,
            "summary": summary,
            "parameters": [
                {
                    "name": name,
                    "in": "path",
                    "required": True,
                    "schema": {"type": "integer", "minimum": 1},
                }
            ],
            "responses": {
                "200": {
                    "description": "A ninjs 3.2 item.",
                    "headers": conditional,
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/NinjsItem"}}
                    },
                },
                "304": {"description": "Not modified (If-None-Match, If-Modified-Since)."},
                "400": error,
                "404": error,
            },
        }
    }


def planning_paths(error: dict, conditional: dict) -> dict:
    """The planning desk's endpoints (`views/planning_api.py`): events and offered plans."""
    events = reverse("articles:api_events")
    plans = reverse("articles:api_plans")
    return {
        events: _planning_list("listEvents", "Public events, soonest first", error, conditional),
        f"{events}{{event_id}}/": _planning_item(
            "getEvent", "One public event (ninjs type event)", "event_id", error, conditional
        ),
        plans: _planning_list("listPlans", "Plans offered to partners, by day", error, conditional),
        f"{plans}{{plan_id}}/": _planning_item(
            "getPlan", "One offered plan (ninjs type planning)", "plan_id", error, conditional
        ),
    }
