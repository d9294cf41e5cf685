"""Fixtures for the public pages' tests."""

import pytest


@pytest.fixture
def build_stories(make_article, regions, reuters):
    """`build_stories(author, count)`: that many public stories filed under Kramatorsk, by
    `author`, each with a tag of its own and "Energy", from Reuters, with a correction; what
    query budgets are measured on, at two sizes (`sources=False`, `corrections=False`,
    `energy=False` leave those out)."""

    def build(author, count, *, sources=True, corrections=True, energy=True):
        for n in range(count):
            story = make_article(
                f"Story {n}",
                regions=[regions["kramatorsk"]],
                sources=[reuters] if sources else [],
                authors=[author],
                tags=[f"Topic {n}", "Energy"] if energy else [f"Topic {n}"],
            )
            if corrections:
                story.corrections.create(text=f"Correction {n}.")

    return build
