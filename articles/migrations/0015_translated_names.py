# Verbose names, help texts and choices marked for translation (the admin in Arabic and Kurmanji): no table changes.

import uuid

import django.db.models.deletion
import django.utils.timezone
import taggit.managers
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0014_withdrawal_note_for_readers'),
        ('images', '0004_translated_names'),
        ('people', '0006_translated_names'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='article',
            options={'get_latest_by': 'published_at', 'ordering': ['-published_at', '-created_at'], 'permissions': [('publish_article', 'Can review, publish, schedule and withdraw articles, and edit any article'), ('translate_article', 'Can translate articles and be assigned translations')], 'verbose_name': 'article', 'verbose_name_plural': 'articles'},
        ),
        migrations.AlterModelOptions(
            name='byline',
            options={'ordering': ['position', 'id'], 'verbose_name': 'byline', 'verbose_name_plural': 'bylines'},
        ),
        migrations.AlterModelOptions(
            name='correction',
            options={'ordering': ['created_at', 'id'], 'verbose_name': 'correction', 'verbose_name_plural': 'corrections'},
        ),
        migrations.AlterModelOptions(
            name='interviewee',
            options={'ordering': ['position', 'id'], 'verbose_name': 'interviewee', 'verbose_name_plural': 'interviewees'},
        ),
        migrations.AlterModelOptions(
            name='revision',
            options={'get_latest_by': 'number', 'ordering': ['-number'], 'verbose_name': 'revision', 'verbose_name_plural': 'revisions'},
        ),
        migrations.AlterModelOptions(
            name='sharelink',
            options={'ordering': ['-created_at', '-id'], 'verbose_name': 'share link', 'verbose_name_plural': 'share links'},
        ),
        migrations.AlterModelOptions(
            name='statuschange',
            options={'get_latest_by': ['created_at', 'id'], 'ordering': ['-created_at', '-id'], 'verbose_name': 'workflow step', 'verbose_name_plural': 'workflow steps'},
        ),
        migrations.AlterModelOptions(
            name='translationrequest',
            options={'ordering': ['due_at', 'id'], 'verbose_name': 'translation request', 'verbose_name_plural': 'translation requests'},
        ),
        migrations.AlterField(
            model_name='article',
            name='body',
            field=models.TextField(blank=True, verbose_name='body'),
        ),
        migrations.AlterField(
            model_name='article',
            name='created_at',
            field=models.DateTimeField(auto_now_add=True, verbose_name='created'),
        ),
        migrations.AlterField(
            model_name='article',
            name='dateline',
            field=models.CharField(blank=True, help_text='Where it was filed, e.g. “Istanbul, Turkey”.', max_length=120, verbose_name='dateline'),
        ),
        migrations.AlterField(
            model_name='article',
            name='headline',
            field=models.CharField(max_length=300, verbose_name='headline'),
        ),
        migrations.AlterField(
            model_name='article',
            name='interviewees',
            field=models.ManyToManyField(blank=True, related_name='interviews', through='articles.Interviewee', to='people.person', verbose_name='interviewees'),
        ),
        migrations.AlterField(
            model_name='article',
            name='kind',
            field=models.CharField(choices=[('interview', 'Interview'), ('news', 'News'), ('feature', 'Feature'), ('analysis', 'Analysis'), ('opinion', 'Opinion')], default='news', max_length=20, verbose_name='kind'),
        ),
        migrations.AlterField(
            model_name='article',
            name='language',
            field=models.CharField(choices=[('en', 'English'), ('ar', 'Arabic'), ('ku', 'Kurdish')], default='en', max_length=10, verbose_name='language'),
        ),
        migrations.AlterField(
            model_name='article',
            name='lead_image',
            field=models.ForeignKey(blank=True, help_text='Shown above the story and on social media; pick one from the image library.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='lead_of_articles', to='images.image', verbose_name='lead image'),
        ),
        migrations.AlterField(
            model_name='article',
            name='published_at',
            field=models.DateTimeField(blank=True, help_text='First publication (or the embargo time when scheduled).', null=True, verbose_name='published'),
        ),
        migrations.AlterField(
            model_name='article',
            name='slug',
            field=models.SlugField(allow_unicode=True, blank=True, help_text='Part of the address; Arabic letters are fine. Made from the headline if left empty. Old addresses keep working when it changes.', max_length=200, verbose_name='slug'),
        ),
        migrations.AlterField(
            model_name='article',
            name='status',
            field=models.CharField(choices=[('draft', 'Draft'), ('in_review', 'In review'), ('scheduled', 'Scheduled'), ('published', 'Published'), ('withdrawn', 'Withdrawn')], default='draft', max_length=20, verbose_name='status'),
        ),
        migrations.AlterField(
            model_name='article',
            name='tags',
            field=taggit.managers.TaggableManager(blank=True, help_text='A comma-separated list of tags.', through='articles.TaggedArticle', to='articles.Tag', verbose_name='tags'),
        ),
        migrations.AlterField(
            model_name='article',
            name='translation_key',
            field=models.UUIDField(default=uuid.uuid4, editable=False, help_text='Shared by the language versions of one story.', verbose_name='translation key'),
        ),
        migrations.AlterField(
            model_name='article',
            name='translation_source',
            field=models.ForeignKey(blank=True, editable=False, help_text="The story's source version this one was translated from; empty for the source.", null=True, on_delete=django.db.models.deletion.PROTECT, related_name='translations', to='articles.article', verbose_name='translation source'),
        ),
        migrations.AlterField(
            model_name='article',
            name='translation_source_corrections_seen',
            field=models.PositiveBigIntegerField(default=0, editable=False, help_text='The id of the newest public correction of the source this translation has taken into account.', verbose_name='source corrections seen'),
        ),
        migrations.AlterField(
            model_name='article',
            name='translation_source_revision',
            field=models.ForeignKey(blank=True, editable=False, help_text="The source's revision this translation matches (made from, or last marked up to date with).", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='articles.revision', verbose_name='source revision'),
        ),
        migrations.AlterField(
            model_name='article',
            name='translator',
            field=models.ForeignKey(blank=True, editable=False, help_text='The translator this translation is assigned to.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='assigned_translations', to=settings.AUTH_USER_MODEL, verbose_name='translator'),
        ),
        migrations.AlterField(
            model_name='article',
            name='updated_at',
            field=models.DateTimeField(auto_now=True, verbose_name='last changed'),
        ),
        migrations.AlterField(
            model_name='article',
            name='version',
            field=models.PositiveIntegerField(default=1, editable=False, help_text='Goes up with every content change and every workflow step (optimistic locking).', verbose_name='version'),
        ),
        migrations.AlterField(
            model_name='byline',
            name='article',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='bylines', to='articles.article', verbose_name='article'),
        ),
        migrations.AlterField(
            model_name='byline',
            name='name',
            field=models.CharField(blank=True, help_text='…or an outside contributor, as printed.', max_length=200, verbose_name='name'),
        ),
        migrations.AlterField(
            model_name='byline',
            name='position',
            field=models.PositiveSmallIntegerField(default=0, verbose_name='position'),
        ),
        migrations.AlterField(
            model_name='byline',
            name='user',
            field=models.ForeignKey(blank=True, help_text='A staff member…', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='bylines', to=settings.AUTH_USER_MODEL, verbose_name='staff member'),
        ),
        migrations.AlterField(
            model_name='correction',
            name='article',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='corrections', to='articles.article', verbose_name='article'),
        ),
        migrations.AlterField(
            model_name='correction',
            name='created_at',
            field=models.DateTimeField(default=django.utils.timezone.now, help_text='Shown to readers.', verbose_name='date'),
        ),
        migrations.AlterField(
            model_name='correction',
            name='created_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='written by'),
        ),
        migrations.AlterField(
            model_name='correction',
            name='kind',
            field=models.CharField(choices=[('correction', 'Correction'), ('update', 'Update')], default='correction', max_length=20, verbose_name='kind'),
        ),
        migrations.AlterField(
            model_name='correction',
            name='text',
            field=models.TextField(verbose_name='text'),
        ),
        migrations.AlterField(
            model_name='correction',
            name='translation_of',
            field=models.ForeignKey(blank=True, editable=False, help_text="The source's correction this one translates.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='translated_as', to='articles.correction', verbose_name='translation of'),
        ),
        migrations.AlterField(
            model_name='interviewee',
            name='affiliation',
            field=models.ForeignKey(blank=True, help_text='Optional: the recorded affiliation this role refers to.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='interviewee_links', to='people.affiliation', verbose_name='affiliation'),
        ),
        migrations.AlterField(
            model_name='interviewee',
            name='article',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='interviewee_links', to='articles.article', verbose_name='article'),
        ),
        migrations.AlterField(
            model_name='interviewee',
            name='person',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='interviewee_links', to='people.person', verbose_name='person'),
        ),
        migrations.AlterField(
            model_name='interviewee',
            name='position',
            field=models.PositiveSmallIntegerField(default=0, verbose_name='position'),
        ),
        migrations.AlterField(
            model_name='interviewee',
            name='role',
            field=models.CharField(blank=True, help_text='As shown in this article, e.g. “head of The Syrian Civil Defense”.', max_length=300, verbose_name='role'),
        ),
        migrations.AlterField(
            model_name='revision',
            name='article',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='revisions', to='articles.article', verbose_name='article'),
        ),
        migrations.AlterField(
            model_name='revision',
            name='content',
            field=models.JSONField(help_text='Headline, standfirst, body, bylines, people, tags…', verbose_name='content'),
        ),
        migrations.AlterField(
            model_name='revision',
            name='created_at',
            field=models.DateTimeField(default=django.utils.timezone.now, verbose_name='saved'),
        ),
        migrations.AlterField(
            model_name='revision',
            name='created_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='saved by'),
        ),
        migrations.AlterField(
            model_name='revision',
            name='note',
            field=models.CharField(blank=True, max_length=300, verbose_name='note'),
        ),
        migrations.AlterField(
            model_name='revision',
            name='number',
            field=models.PositiveIntegerField(verbose_name='number'),
        ),
        migrations.AlterField(
            model_name='revision',
            name='text_key',
            field=models.CharField(blank=True, editable=False, help_text='A fingerprint of the headline, standfirst and body: what translations compare.', max_length=64, verbose_name='text fingerprint'),
        ),
        migrations.AlterField(
            model_name='revision',
            name='version',
            field=models.PositiveIntegerField(help_text="The article's version once this content was saved.", verbose_name='version'),
        ),
        migrations.AlterField(
            model_name='sharelink',
            name='article',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='share_links', to='articles.article', verbose_name='article'),
        ),
        migrations.AlterField(
            model_name='sharelink',
            name='created_at',
            field=models.DateTimeField(default=django.utils.timezone.now, verbose_name='created'),
        ),
        migrations.AlterField(
            model_name='sharelink',
            name='created_by',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='created by'),
        ),
        migrations.AlterField(
            model_name='sharelink',
            name='expires_at',
            field=models.DateTimeField(verbose_name='expires'),
        ),
        migrations.AlterField(
            model_name='sharelink',
            name='key',
            field=models.CharField(editable=False, max_length=64, unique=True, verbose_name='key'),
        ),
        migrations.AlterField(
            model_name='sharelink',
            name='revoked_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='revoked'),
        ),
        migrations.AlterField(
            model_name='sharelink',
            name='revoked_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='revoked by'),
        ),
        migrations.AlterField(
            model_name='statuschange',
            name='action',
            field=models.CharField(max_length=30, verbose_name='step'),
        ),
        migrations.AlterField(
            model_name='statuschange',
            name='actor',
            field=models.ForeignKey(blank=True, help_text='Empty when the scheduler took the step.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='taken by'),
        ),
        migrations.AlterField(
            model_name='statuschange',
            name='article',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='status_changes', to='articles.article', verbose_name='article'),
        ),
        migrations.AlterField(
            model_name='statuschange',
            name='created_at',
            field=models.DateTimeField(default=django.utils.timezone.now, verbose_name='when'),
        ),
        migrations.AlterField(
            model_name='statuschange',
            name='from_status',
            field=models.CharField(choices=[('draft', 'Draft'), ('in_review', 'In review'), ('scheduled', 'Scheduled'), ('published', 'Published'), ('withdrawn', 'Withdrawn')], max_length=20, verbose_name='from status'),
        ),
        migrations.AlterField(
            model_name='statuschange',
            name='note',
            field=models.TextField(blank=True, verbose_name='note'),
        ),
        migrations.AlterField(
            model_name='statuschange',
            name='public_note',
            field=models.TextField(blank=True, help_text='When withdrawing: what readers are told where the story stood (the note stays internal).', verbose_name='note for readers'),
        ),
        migrations.AlterField(
            model_name='statuschange',
            name='scheduled_for',
            field=models.DateTimeField(blank=True, help_text='When scheduling: the time set.', null=True, verbose_name='scheduled for'),
        ),
        migrations.AlterField(
            model_name='statuschange',
            name='to_status',
            field=models.CharField(choices=[('draft', 'Draft'), ('in_review', 'In review'), ('scheduled', 'Scheduled'), ('published', 'Published'), ('withdrawn', 'Withdrawn')], max_length=20, verbose_name='to status'),
        ),
        migrations.AlterField(
            model_name='statuschange',
            name='version',
            field=models.PositiveIntegerField(help_text="The article's version after this step.", verbose_name='version'),
        ),
        migrations.AlterField(
            model_name='translationrequest',
            name='closed_at',
            field=models.DateTimeField(blank=True, help_text='When it was done or cancelled.', null=True, verbose_name='closed'),
        ),
        migrations.AlterField(
            model_name='translationrequest',
            name='created_at',
            field=models.DateTimeField(default=django.utils.timezone.now, verbose_name='requested'),
        ),
        migrations.AlterField(
            model_name='translationrequest',
            name='language',
            field=models.CharField(choices=[('en', 'English'), ('ar', 'Arabic'), ('ku', 'Kurdish')], max_length=10, verbose_name='language'),
        ),
        migrations.AlterField(
            model_name='translationrequest',
            name='note',
            field=models.TextField(blank=True, help_text='What the translator should know.', verbose_name='note'),
        ),
        migrations.AlterField(
            model_name='translationrequest',
            name='requested_by',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='requested by'),
        ),
        migrations.AlterField(
            model_name='translationrequest',
            name='source',
            field=models.ForeignKey(help_text='The story to translate.', on_delete=django.db.models.deletion.CASCADE, related_name='translation_requests', to='articles.article', verbose_name='story'),
        ),
        migrations.AlterField(
            model_name='translationrequest',
            name='state',
            field=models.CharField(choices=[('requested', 'Requested'), ('in_progress', 'In progress'), ('done', 'Done'), ('cancelled', 'Cancelled')], default='requested', max_length=20, verbose_name='state'),
        ),
        migrations.AlterField(
            model_name='translationrequest',
            name='translation',
            field=models.ForeignKey(blank=True, help_text='The translation made for this request.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='fulfilled_requests', to='articles.article', verbose_name='translation'),
        ),
        migrations.AlterField(
            model_name='translationrequest',
            name='translator',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='translation_requests', to=settings.AUTH_USER_MODEL, verbose_name='translator'),
        ),
    ]
