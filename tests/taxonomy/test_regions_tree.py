"""Moving regions in the tree from the admin: descendants follow, pages keep rolling up."""

from articles.models import Region


def breadcrumb(response):
    page = response.content.decode()
    return page[page.index('class="breadcrumbs"') :].split("</nav>")[0]


def move(client, region, parent):
    data = {
        "name": region.name,
        "slug": region.slug,
        "kind": region.kind,
        "parent": parent.pk if parent else "",
        "geonames_uri": "",
        "description": "",
        "aliases-TOTAL_FORMS": "0",
        "aliases-INITIAL_FORMS": "0",
    }
    return client.post(f"/admin/articles/region/{region.pk}/change/", data)


def test_it_moves_a_region_and_its_descendants_in_the_tree(
    editor_client, client, regions, make_article, django_capture_on_commit_callbacks
):
    story = make_article("Metro reopens in Kyiv", regions=[regions["kyiv"]])
    assert "1 story" in client.get("/regions/").content.decode()  # counts cached
    with django_capture_on_commit_callbacks(execute=True):
        response = move(editor_client, regions["kyiv_oblast"], regions["poland"])
    assert response.status_code == 302

    kyiv = Region.objects.get(slug="kyiv")
    poland = regions["poland"]
    assert kyiv.path == f"{poland.pk}/{regions['kyiv_oblast'].pk}/{kyiv.pk}/"
    assert kyiv.depth == 2
    assert story.headline in client.get("/regions/poland/").content.decode()
    assert story.headline not in client.get("/regions/ukraine/").content.decode()
    crumbs = breadcrumb(client.get("/regions/kyiv/"))
    assert crumbs.index(">Poland<") < crumbs.index(">Kyiv Oblast<")
    assert ">Ukraine<" not in crumbs

    index = client.get("/regions/").content.decode()
    poland_row = index[index.index(">Poland<") :].split("</li>")[0]
    assert "1 story" in poland_row


def test_it_refuses_moving_a_region_inside_its_own_sub_region(editor_client, regions):
    response = move(editor_client, regions["ukraine"], regions["kyiv"])
    assert response.status_code == 200
    assert "cannot lie inside itself" in response.content.decode()
    assert Region.objects.get(slug="ukraine").parent is None


def test_it_rolls_a_grouping_up_through_its_members_subtrees(client, regions, make_article):
    story = make_article("Trains halted near Kramatorsk", regions=[regions["kramatorsk"]])
    elsewhere = make_article("Warsaw hosts talks", regions=[regions["poland"]])
    page = client.get("/regions/donbas/").content.decode()
    assert story.headline in page and elsewhere.headline not in page
    assert "Donetsk Oblast" in page and "Luhansk Oblast" in page


def test_it_shows_the_breadcrumb_sub_regions_and_other_names(client, regions):
    page = client.get("/regions/kyiv-oblast/").content.decode()
    crumbs = breadcrumb(client.get("/regions/kyiv-oblast/"))
    assert crumbs.index(">Regions<") < crumbs.index(">Ukraine<")
    assert "Places in Kyiv Oblast" in page and ">Kyiv<" in page
    assert "Also spelled: Kiev" in client.get("/regions/kyiv/").content.decode()
