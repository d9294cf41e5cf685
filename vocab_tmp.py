import os, time, statistics
import django
os.environ["DJANGO_SETTINGS_MODULE"]="newsroom.settings"
django.setup()
from articles.models import Region, RegionAlias, Source, SourceAlias, Tag, TagAlias
from articles import suggestions
if not Region.objects.filter(slug="bench-r-0").exists():
    Region.objects.bulk_create(Region(name=f"Benchtown {n} Oblast", slug=f"bench-r-{n}") for n in range(12500))
    Source.objects.bulk_create(Source(name=f"Bench Outlet {n}", slug=f"bench-s-{n}") for n in range(12500))
    Source.objects.bulk_create(Source(name=f"Person{n} Surname{n}", slug=f"bench-p-{n}", kind="person", role="Spokesperson") for n in range(6250))
    Tag.objects.bulk_create(Tag(name=f"Bench topic {n}", slug=f"bench-t-{n}") for n in range(12500))
    SourceAlias.objects.bulk_create(SourceAlias(source=s, name=f"{s.name}y") for s in Source.objects.filter(kind="person"))
print("rows", len(suggestions._vocabulary_rows()))
times=[]
for _ in range(5):
    t=time.perf_counter(); suggestions.current_vocabulary(); times.append(time.perf_counter()-t)
print("current_vocabulary first", times[0], "median after", statistics.median(times[1:]))
body = " ".join(["the officials said"]*3333)
times=[]
for _ in range(5):
    t=time.perf_counter(); suggestions.suggest("Benchtown 7 shelled", "Person5 Surname5 said", body); times.append(time.perf_counter()-t)
print("suggest() whole median", statistics.median(times))
