# Written for issue 22 (the planning desk).

"""The planning desk: desks, events, the budget (plan lines and their coverage), its audit
trail, notifications and private calendar addresses.

Editors get the planning permissions (plan, and add/change/delete events, plan lines and
coverage, add/change desks); reporters view the plan (the screens show them their own and
their desks' lines). The roles are applied again with 0002's step (idempotent), from the lists
as they stand at this migration.
"""

import importlib

import articles.models.planning_log
import django.core.validators
import django.db.models.deletion
import django.utils.timezone
import uuid
from django.conf import settings
from django.db import migrations, models


roles_migration = importlib.import_module("articles.migrations.0002_roles")

ROLES = {'Editor': ('articles.add_article',
            'articles.add_articleauthor',
            'articles.add_author',
            'articles.add_banner',
            'articles.add_correction',
            'articles.add_coverage',
            'articles.add_desk',
            'articles.add_event',
            'articles.add_front',
            'articles.add_image',
            'articles.add_planline',
            'articles.add_region',
            'articles.add_regionalias',
            'articles.add_relatedstory',
            'articles.add_section',
            'articles.add_source',
            'articles.add_tag',
            'articles.change_article',
            'articles.change_articleauthor',
            'articles.change_author',
            'articles.change_correction',
            'articles.change_coverage',
            'articles.change_delivery',
            'articles.change_desk',
            'articles.change_event',
            'articles.change_front',
            'articles.change_image',
            'articles.change_planline',
            'articles.change_region',
            'articles.change_regionalias',
            'articles.change_relatedstory',
            'articles.change_section',
            'articles.change_source',
            'articles.change_tag',
            'articles.delete_articleauthor',
            'articles.delete_coverage',
            'articles.delete_event',
            'articles.delete_planline',
            'articles.delete_regionalias',
            'articles.delete_relatedstory',
            'articles.plan_budget',
            'articles.publish_article',
            'articles.view_article',
            'articles.view_articleauthor',
            'articles.view_author',
            'articles.view_banner',
            'articles.view_correction',
            'articles.view_coverage',
            'articles.view_delivery',
            'articles.view_desk',
            'articles.view_event',
            'articles.view_front',
            'articles.view_image',
            'articles.view_planline',
            'articles.view_region',
            'articles.view_regionalias',
            'articles.view_relatedstory',
            'articles.view_section',
            'articles.view_source',
            'articles.view_tag'),
 'Reporter': ('articles.add_article',
              'articles.add_articleauthor',
              'articles.add_image',
              'articles.add_relatedstory',
              'articles.change_article',
              'articles.change_articleauthor',
              'articles.change_image',
              'articles.change_relatedstory',
              'articles.view_article',
              'articles.view_articleauthor',
              'articles.view_author',
              'articles.view_correction',
              'articles.view_coverage',
              'articles.view_desk',
              'articles.view_event',
              'articles.view_image',
              'articles.view_planline',
              'articles.view_region',
              'articles.view_relatedstory',
              'articles.view_section',
              'articles.view_source',
              'articles.view_tag'),
 'Tag manager': ('articles.add_tag',
                 'articles.add_taggedarticle',
                 'articles.change_tag',
                 'articles.change_taggedarticle',
                 'articles.delete_tag',
                 'articles.delete_taggedarticle',
                 'articles.view_tag',
                 'articles.view_taggedarticle')}


def apply_roles(apps, schema_editor):
    roles_migration.create_roles(apps, schema_editor, roles=ROLES)


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0025_image_library'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='BudgetSection',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveSmallIntegerField(default=0, verbose_name='position')),
                ('section', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='budget_place', to='articles.section')),
            ],
            options={
                'verbose_name': 'budget section order',
                'verbose_name_plural': 'budget section order',
                'ordering': ['position'],
            },
        ),
        migrations.CreateModel(
            name='Desk',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(help_text='E.g. “Photo desk”.', max_length=80, unique=True, verbose_name='name')),
                ('slug', models.SlugField(help_text='Used in calendar and budget addresses.', max_length=80, unique=True, verbose_name='slug')),
                ('position', models.PositiveSmallIntegerField(default=0, help_text='Where the desk comes in the budget grouped by desk.', verbose_name='position')),
                ('webhook_url', models.URLField(blank=True, help_text="An http(s) address the desk's notifications are POSTed to as signed JSON (a chat tool's incoming webhook). Empty: none.", max_length=500, validators=[django.core.validators.URLValidator(schemes=['http', 'https'])], verbose_name='chat webhook')),
                ('webhook_secret', models.CharField(blank=True, help_text='Every webhook body is signed with HMAC-SHA256 under it (X-Newsroom-Signature). Filled in when the webhook is set.', max_length=100, verbose_name='webhook secret')),
                ('members', models.ManyToManyField(blank=True, help_text="Staff who see the desk's plan and may take its assignments.", related_name='planning_desks', to=settings.AUTH_USER_MODEL, verbose_name='members')),
                ('section', models.ForeignKey(blank=True, help_text='The section its plan lines start in (any line may go elsewhere).', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='planning_desks', to='articles.section', verbose_name='usual section')),
            ],
            options={
                'verbose_name': 'desk',
                'verbose_name_plural': 'desks',
                'ordering': ['position', 'name'],
            },
        ),
        migrations.CreateModel(
            name='Event',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(help_text='What happens, in a line.', max_length=200, verbose_name='title')),
                ('slug', models.SlugField(help_text="The end of its public page's address.", max_length=200, verbose_name='slug')),
                ('description', models.TextField(blank=True, help_text='What it is, for readers if the event is public. Plain text.', verbose_name='description')),
                ('precision', models.CharField(choices=[('time', 'At a time'), ('day', 'On a day (time not known yet)'), ('month', 'In a month (day not known yet)')], default='time', help_text='How exactly the date is known: a time, a day, or only a month.', max_length=10, verbose_name='known to')),
                ('starts_at', models.DateTimeField(db_index=True, help_text='When it starts (for a day or a month known only, its first moment).', verbose_name='starts')),
                ('ends_at', models.DateTimeField(blank=True, help_text='When it ends, if known (never before it starts).', null=True, verbose_name='ends')),
                ('recurrence', models.CharField(blank=True, help_text='An RFC 5545 rule, e.g. “FREQ=WEEKLY;BYDAY=TU” for every Tuesday; add “;COUNT=10” or “;UNTIL=20270630T000000Z” to end it. Empty: it happens once.', max_length=300, verbose_name='repeats')),
                ('venue', models.CharField(blank=True, help_text='E.g. “City Hall, Khreshchatyk 36”.', max_length=200, verbose_name='venue')),
                ('status', models.CharField(choices=[('planned', 'Planned (not confirmed)'), ('confirmed', 'Confirmed'), ('postponed', 'Postponed'), ('cancelled', 'Cancelled')], default='planned', help_text='Postponing or cancelling marks its plan lines and tells their assignees.', max_length=12, verbose_name='status')),
                ('status_reason', models.CharField(blank=True, help_text='Why it was postponed or cancelled (needed for those two).', max_length=300, verbose_name='reason')),
                ('notes', models.TextField(blank=True, help_text='Contacts, accreditation… Never public.', verbose_name='notes for the desk')),
                ('links', models.TextField(blank=True, help_text="Web addresses about it (the organiser's page, the agenda), one a line.", verbose_name='links')),
                ('public', models.BooleanField(default=False, help_text='Once confirmed, listed for readers with a page, a calendar entry and schema.org Event data.', verbose_name="on the public What's on")),
                ('item_id', models.CharField(blank=True, help_text="The agency's own id (ninjs uri).", max_length=500, verbose_name='agency item id')),
                ('agency_version', models.CharField(blank=True, help_text='The version last taken in.', max_length=64, verbose_name='agency version')),
                ('fingerprint', models.CharField(blank=True, help_text="A hash of the agency's item.", max_length=64, verbose_name='fingerprint')),
                ('version', models.PositiveIntegerField(default=1, help_text='Moves on every change (calendar SEQUENCE, ninjs).', verbose_name='edit counter')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='created')),
                ('updated_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='last changed')),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='created by')),
                ('organisers', models.ManyToManyField(blank=True, help_text='Who organises it, from the sources (people and organisations).', related_name='events_organised', to='articles.source', verbose_name='organisers')),
                ('participants', models.ManyToManyField(blank=True, help_text='Who takes part, from the sources.', related_name='events_attended', to='articles.source', verbose_name='participants')),
                ('provider', models.ForeignKey(blank=True, help_text='The agency feed it came in on, if any.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='events', to='articles.wireprovider', verbose_name='from the agency')),
                ('region', models.ForeignKey(blank=True, help_text='Where, from the region tree.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='events', to='articles.region', verbose_name='place')),
            ],
            options={
                'verbose_name': 'event',
                'verbose_name_plural': 'events',
                'ordering': ['starts_at', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='Notification',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('key', models.UUIDField(default=uuid.uuid4, editable=False, help_text='Sent with it.', unique=True, verbose_name='delivery id')),
                ('kind', models.CharField(choices=[('assigned', 'Assigned'), ('taken', 'Taken'), ('changed', 'Changed'), ('due_soon', 'Due soon'), ('called_off', 'Event postponed or cancelled'), ('digest', 'Daily digest')], max_length=12, verbose_name='kind')),
                ('message', models.CharField(max_length=300, verbose_name='message')),
                ('body', models.TextField(blank=True, verbose_name='details')),
                ('link', models.CharField(help_text="The item's address in the admin.", max_length=300, verbose_name='opens')),
                ('created_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='sent')),
                ('read_at', models.DateTimeField(blank=True, null=True, verbose_name='read')),
                ('emailed_at', models.DateTimeField(blank=True, null=True, verbose_name='emailed')),
                ('posted_at', models.DateTimeField(blank=True, null=True, verbose_name='posted to the webhook')),
                ('attempts', models.PositiveSmallIntegerField(default=0, verbose_name='attempts')),
                ('last_error', models.CharField(blank=True, max_length=300, verbose_name='last error')),
                ('digest_day', models.DateField(blank=True, null=True, verbose_name='digest of')),
                ('desk', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='notifications', to='articles.desk', verbose_name='desk channel')),
                ('recipient', models.ForeignKey(blank=True, help_text="The person told (admin and email); empty for a desk's webhook message.", null=True, on_delete=django.db.models.deletion.CASCADE, related_name='planning_notifications', to=settings.AUTH_USER_MODEL, verbose_name='for')),
            ],
            options={
                'verbose_name': 'notification',
                'verbose_name_plural': 'notifications',
                'ordering': ['-created_at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='PlanLine',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('slug', models.CharField(help_text="The desk's short name for it, e.g. “COUNCIL-BUDGET”; the story starts with it.", max_length=60, verbose_name='slug')),
                ('headline', models.CharField(help_text='What the story will say, roughly.', max_length=200, verbose_name='working headline')),
                ('summary', models.TextField(blank=True, help_text='The angle, the sources to call, what to avoid.', verbose_name='what it is')),
                ('planned_on', models.DateField(db_index=True, help_text='The day it is planned for (not a publish time).', verbose_name='planned for')),
                ('slot', models.CharField(choices=[('any', 'Any time'), ('morning', 'Morning'), ('midday', 'Midday'), ('afternoon', 'Afternoon'), ('evening', 'Evening'), ('night', 'Overnight')], default='any', help_text='When that day.', max_length=10, verbose_name='slot')),
                ('position', models.PositiveIntegerField(default=0, help_text="Its place among the day's lines in the same slot.", verbose_name='position')),
                ('expected_words', models.PositiveIntegerField(blank=True, help_text='Roughly how long.', null=True, verbose_name='expected length (words)')),
                ('priority', models.PositiveSmallIntegerField(choices=[(1, 'Lead'), (2, 'High'), (3, 'Normal'), (4, 'Low')], default=3, verbose_name='priority')),
                ('state', models.CharField(choices=[('idea', 'Idea'), ('assigned', 'Assigned'), ('in_progress', 'In progress'), ('filed', 'Filed'), ('published', 'Published'), ('spiked', 'Spiked')], default='idea', help_text='Follows its coverage (assigned, in progress, filed, published) unless spiked.', max_length=12, verbose_name='state')),
                ('notice', models.CharField(blank=True, help_text='What the desk must know now, e.g. “Event postponed: the mayor is ill”.', max_length=300, verbose_name='notice')),
                ('shared', models.BooleanField(default=False, help_text='Listed in the read API as a ninjs planning item: its working headline, day and planned coverage, never who is on it.', verbose_name='offered to partners')),
                ('occurrence_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='occurrence')),
                ('version', models.PositiveIntegerField(default=1, verbose_name='edit counter')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='created')),
                ('updated_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='last changed')),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='created by')),
                ('desk', models.ForeignKey(blank=True, help_text='The desk that owes it.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='plan_lines', to='articles.desk', verbose_name='desk')),
                ('events', models.ManyToManyField(blank=True, help_text='What it covers: postponing or cancelling one marks this line.', related_name='plan_lines', to='articles.event', verbose_name='events')),
                ('occurrence_of', models.ForeignKey(blank=True, help_text='The recurring event whose one occurrence this line covers.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='occurrence_lines', to='articles.event', verbose_name='occurrence of')),
                ('regions', models.ManyToManyField(blank=True, related_name='+', to='articles.region', verbose_name='regions')),
                ('section', models.ForeignKey(help_text='Where the story will run.', on_delete=django.db.models.deletion.PROTECT, related_name='plan_lines', to='articles.section', verbose_name='section')),
                ('tags', models.ManyToManyField(blank=True, related_name='+', to='articles.tag', verbose_name='tags')),
            ],
            options={
                'verbose_name': 'plan line',
                'verbose_name_plural': 'budget',
                'ordering': ['planned_on', 'position', 'pk'],
                'permissions': [('plan_budget', 'Can plan: events, plan lines and assignments')],
            },
        ),
        migrations.CreateModel(
            name='Coverage',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('text', 'Text'), ('photo', 'Photo'), ('video', 'Video'), ('graphic', 'Graphic'), ('live', 'Live coverage')], default='text', max_length=10, verbose_name='kind')),
                ('due_at', models.DateTimeField(blank=True, help_text='When it is due.', null=True, verbose_name='due')),
                ('brief', models.CharField(blank=True, help_text='E.g. “Portrait of the mayor, landscape”.', max_length=300, verbose_name='brief')),
                ('status', models.CharField(choices=[('open', 'Nobody on it'), ('assigned', 'Assigned'), ('in_progress', 'In progress'), ('filed', 'Filed'), ('delivered', 'Delivered'), ('cancelled', 'Cancelled')], default='open', max_length=12, verbose_name='status')),
                ('notice', models.CharField(blank=True, max_length=300, verbose_name='notice')),
                ('position', models.PositiveSmallIntegerField(default=0, verbose_name='position')),
                ('started_at', models.DateTimeField(blank=True, null=True, verbose_name='started')),
                ('delivered_at', models.DateTimeField(blank=True, null=True, verbose_name='delivered')),
                ('reminded_at', models.DateTimeField(blank=True, help_text='When the due-soon reminder went out.', null=True, verbose_name='reminded')),
                ('article', models.OneToOneField(blank=True, help_text='The story that fulfils it.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='coverage', to='articles.article', verbose_name='story')),
                ('assignee', models.ForeignKey(blank=True, help_text='The reporter, photographer or producer on it (active staff only).', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='coverages', to=settings.AUTH_USER_MODEL, verbose_name='assigned to')),
                ('image', models.ForeignKey(blank=True, help_text='The library picture that fulfils it.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='coverages', to='articles.image', verbose_name='picture')),
                ('desk', models.ForeignKey(blank=True, help_text='The desk it is assigned to: any member may take it.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='coverages', to='articles.desk', verbose_name='desk')),
                ('plan_line', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='coverages', to='articles.planline', verbose_name='plan line')),
            ],
            options={
                'verbose_name': 'coverage',
                'verbose_name_plural': 'coverage',
                'ordering': ['position', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='PlanningAuditEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='time')),
                ('action', models.CharField(choices=[('created', 'Created'), ('changed', 'Changed'), ('deleted', 'Deleted'), ('status', 'Status changed'), ('assigned', 'Assigned'), ('taken', 'Taken by its assignee'), ('started', 'Started (story drafted)'), ('delivered', 'Delivered'), ('story', 'Followed its story'), ('moved', 'Re-planned'), ('spiked', 'Spiked'), ('ingested', 'Taken in from the agency')], max_length=12, verbose_name='action')),
                ('subject', models.CharField(help_text='Its name then, kept if it is deleted.', max_length=300, verbose_name='what')),
                ('note', models.CharField(blank=True, max_length=500, verbose_name='details')),
                ('by', models.ForeignKey(blank=True, help_text='Empty for the system (ingest, the workflow).', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='by')),
                ('coverage', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='audit', to='articles.coverage')),
                ('event', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='audit', to='articles.event')),
                ('plan_line', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='audit', to='articles.planline')),
            ],
            options={
                'verbose_name': 'planning audit entry',
                'verbose_name_plural': 'planning audit trail',
                'ordering': ['-at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='CalendarFeed',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('token', models.CharField(default=articles.models.planning_log.new_feed_token, editable=False, max_length=64, unique=True, verbose_name='secret')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='created')),
                ('owner', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='planning_calendars', to=settings.AUTH_USER_MODEL, verbose_name='owner')),
                ('desk', models.ForeignKey(blank=True, help_text="The desk's plan; empty: the owner's own assignments.", null=True, on_delete=django.db.models.deletion.CASCADE, related_name='calendars', to='articles.desk', verbose_name='desk')),
            ],
            options={
                'verbose_name': 'calendar address',
                'verbose_name_plural': 'calendar addresses',
                'constraints': [models.UniqueConstraint(fields=('owner', 'desk'), name='one_calendar_per_owner_and_desk'), models.UniqueConstraint(condition=models.Q(('desk__isnull', True)), fields=('owner',), name='one_personal_calendar')],
            },
        ),
        migrations.AddConstraint(
            model_name='event',
            constraint=models.UniqueConstraint(condition=models.Q(('provider__isnull', False)), fields=('provider', 'item_id'), name='unique_event_per_provider_item'),
        ),
        migrations.AddIndex(
            model_name='notification',
            index=models.Index(fields=['recipient', 'read_at'], name='notification_inbox_idx'),
        ),
        migrations.AddConstraint(
            model_name='notification',
            constraint=models.UniqueConstraint(condition=models.Q(('digest_day__isnull', False)), fields=('recipient', 'digest_day'), name='one_digest_a_day'),
        ),
        migrations.AddIndex(
            model_name='planline',
            index=models.Index(fields=['planned_on', 'section'], name='budget_day_idx'),
        ),
        migrations.AddConstraint(
            model_name='planline',
            constraint=models.UniqueConstraint(condition=models.Q(('occurrence_of__isnull', False)), fields=('occurrence_of', 'occurrence_at'), name='one_line_per_occurrence'),
        ),
        migrations.AddIndex(
            model_name='coverage',
            index=models.Index(fields=['assignee', 'due_at'], name='coverage_assignee_idx'),
        ),
        migrations.RunPython(apply_roles, migrations.RunPython.noop),
    ]
