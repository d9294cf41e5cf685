"""Fixtures for the fronts tests."""

from datetime import timedelta

import pytest
from django.utils import timezone


@pytest.fixture
def morning_desk(make_article, sports, regions):
    """A morning's stories, newest first: four World stories ("strikes" and "kyiv" tagged
    Energy, "kyiv" filed under Kyiv), two Sports stories, and a draft nobody may see."""
    now = timezone.now()

    def story(headline, hours, **fields):
        return make_article(headline, when=now - timedelta(hours=hours), **fields)

    return {
        "strikes": story("Overnight strikes hit Kharkiv power plant", 1, tags=["Energy"]),
        "talks": story("Ceasefire talks resume in Geneva", 2),
        "grain": story("Grain ships leave Odesa under escort", 3),
        "kyiv": story(
            "Kyiv opens heated points for winter", 4, regions=[regions["kyiv"]], tags=["Energy"]
        ),
        "final": story("Shakhtar win the cup final", 5, section=sports),
        "transfer": story("Dynamo sign a new striker", 6, section=sports),
        "draft": make_article("SECRET DRAFT: minister to resign", public=False),
    }
