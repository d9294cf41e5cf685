"""Partners following a live story: the story goes out with its entries (valid ninjs 3.2), and
a burst of entries is one push, not one each."""

from articles.live import entries
from articles.models import Article, Delivery, DeliveryStatus, Subscriber
from articles.syndication.ninjs import story_document, with_documents


def test_it_sends_the_entries_as_valid_ninjs(live_story, post, editor, ninjs_validator):
    kept = post("<p>Bridge reopened to traffic.</p>", key_title="Bridge reopened")
    gone = post("<p>Wrong bridge.</p>")
    entries.withdraw_entry(gone, "Withdrawn: it was another bridge.", by=editor)
    post("<p>Draft.</p>", draft=True)
    document = story_document(with_documents(Article.objects.filter(pk=live_story.pk)).get())
    ninjs_validator.validate(document)
    live = [item for item in document["associations"] if item.get("rel") == "liveEntry"]
    assert [item["name"] for item in live] == [f"entry-{gone.pk}", f"entry-{kept.pk}"]
    assert live[0]["pubStatus"] == "canceled" and "another bridge" in live[0]["bodies"][0]["value"]
    assert live[1]["headlines"][0]["value"] == "Bridge reopened"
    assert live[1]["altIds"][0]["value"].endswith(f"#entry-{kept.pk}")


def test_it_coalesces_a_burst_of_entries_into_one_push(live_story, post, settings):
    settings.LIVE_PUSH_SECONDS = 60
    Subscriber.objects.create(
        name="Regional Daily", endpoint_url="https://partner.example/ninjs", secret="s1"
    )
    for n in range(5):
        post(f"<p>Update {n}.</p>")
    waiting = Delivery.objects.filter(article=live_story, status=DeliveryStatus.PENDING)
    assert waiting.count() == 1
