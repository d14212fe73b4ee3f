"""Initiative 1 (awareness): articles and the anonymous self-check tally."""

from django.conf import settings
from django.db import models
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from carers import policy
from carers.contentfiles import ContentRow
from carers.i18n import localised
from carers.models import Municipality, choice_labels
from carers.urlcache import reverse


class Audience(models.TextChoices):
    RESIDENTS = "residents", _("Residents")
    EMPLOYERS = "employers", _("Employers")
    CARERS = "carers", _("Carers")
    YOUNG_CARERS = "young_carers", _("Young carers")


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    # Message context: other apps translate "Scheduled" for events (開催予定).
    SCHEDULED = "scheduled", pgettext_lazy("article status", "Scheduled")
    PUBLISHED = "published", pgettext_lazy("article status", "Published")


class ArticleQuerySet(policy.ScopedQuerySet):
    def published(self, now=None):
        """Visible to the public: scheduled or published, and due."""
        now = now or timezone.now()
        return self.filter(
            status__in=(ArticleStatus.PUBLISHED, ArticleStatus.SCHEDULED), publish_at__lte=now
        )

    def for_audience(self, audience):
        return self.filter(audiences__contains=[audience]) if audience else self

    def local_first(self, municipality_code=None):
        """Articles of the chosen municipality first, then prefecture-wide ones,
        then other municipalities' local articles; newest first within each."""
        if municipality_code:
            rank = Case(
                When(municipality_id=municipality_code, then=Value(0)),
                When(municipality__isnull=True, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        else:
            rank = Case(
                When(municipality__isnull=True, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        return self.annotate(local_rank=rank).order_by("local_rank", "-publish_at", "-pk")

    def _visible(self, scope):
        """Published articles; writers also preview those they edit."""
        if not scope.is_public_body:
            return self.published()
        return self.filter(
            Q(pk__in=self.model.objects.public().values("pk"))
            | Q(pk__in=self.model.objects.for_scope(scope, manage=True).values("pk"))
        )

    def _manageable(self, scope):
        """Prefecture staff all articles, municipal staff only their
        municipality's local articles, everyone else none."""
        match scope.audience:
            case policy.Audience.PREFECTURE:
                return self.all()
            case policy.Audience.MUNICIPAL:
                return self.filter(municipality_id=scope.municipality_id)
        return self.none()


class Article(ContentRow, policy.ScopedModel):
    """An awareness article. Title, summary and body are written in Japanese,
    and optionally in English (an English page without a translation shows the
    Japanese text and says so); the body is Markdown, sanitised when rendered
    (portal.markdown)."""

    content_key = models.CharField(
        max_length=80,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text="Name of the file in portal/content/articles/ for a built-in article.",
    )
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        help_text=_("Part of the address: lowercase letters, digits and hyphens."),
    )
    title_ja = models.CharField(_("title (Japanese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    summary_ja = models.TextField(_("summary (Japanese)"), max_length=600)
    summary_en = models.TextField(_("summary (English)"), max_length=600, blank=True)
    body_ja = models.TextField(_("body (Japanese, Markdown)"))
    body_en = models.TextField(_("body (English, Markdown)"), blank=True)
    audiences = models.JSONField(_("audiences"), default=list, help_text=_("Values of Audience."))
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="articles",
        help_text=_("Empty for the whole prefecture; set for a local article."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ArticleStatus.choices, default=ArticleStatus.DRAFT
    )
    publish_at = models.DateTimeField(_("publish at"), null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    is_demo = models.BooleanField(default=False, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-pk"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [
            # Serves published(): the public list filters on status and publish_at.
            models.Index(fields=["status", "publish_at"], name="article_published_idx"),
        ]

    def __str__(self):
        return self.title_ja

    def get_absolute_url(self):
        return reverse("awareness:detail", args=[self.slug])

    @property
    def has_english(self):
        """Translated: an English title (the form then requires the English body too)."""
        return bool(self.title_en.strip())

    @property
    def untranslated(self):
        """Shown on an English page in Japanese, for want of a translation."""
        return (get_language() or "ja")[:2] == "en" and not self.has_english

    def _text(self, field):
        """The field in the page's language; all Japanese, never a mix, when untranslated."""
        return getattr(self, f"{field}_ja") if self.untranslated else localised(self, field)

    @property
    def title(self):
        return self._text("title")

    @property
    def summary(self):
        return self._text("summary")

    @property
    def body(self):
        return self._text("body")

    @property
    def audience_labels(self):
        return choice_labels(Audience, self.audiences, skip_unknown=True)

    @property
    def current_status(self):
        """What the public sees: a scheduled article whose time has come is published."""
        if self.status == ArticleStatus.SCHEDULED and self.is_live():
            return ArticleStatus.PUBLISHED
        return ArticleStatus(self.status)

    def is_live(self, now=None):
        now = now or timezone.now()
        return self.status in (ArticleStatus.PUBLISHED, ArticleStatus.SCHEDULED) and bool(
            self.publish_at and self.publish_at <= now
        )


class SelfCheckTally(models.Model):
    """One opt-in, anonymous self-check: municipality, number of signs, month.
    Deliberately nothing else (no answers, no time of day, no person)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    sign_count = models.PositiveSmallIntegerField()
    month = models.DateField(help_text="First day of the month.")

    class Meta:
        verbose_name = _("self-check tally")
        verbose_name_plural = _("self-check tallies")
        indexes = [models.Index(fields=["month"], name="selfcheck_tally_month_idx")]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.municipality_id} {self.sign_count}"


class SitePage(models.Model):
    """An information page linked from every footer (privacy policy, terms,
    accessibility statement, contact). Until prefecture staff save their own
    text, the defaults in portal/site_pages/ are shown."""

    class Key(models.TextChoices):
        PRIVACY = "privacy", _("Privacy policy")
        TERMS = "terms", _("Terms of use")
        ACCESSIBILITY = "accessibility", _("Accessibility")
        CONTACT = "contact", pgettext_lazy("site page", "Contact")

    key = models.CharField(max_length=20, choices=Key.choices, unique=True)
    title_ja = models.CharField(_("title (Japanese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    body_ja = models.TextField(_("body (Japanese, Markdown)"))
    body_en = models.TextField(_("body (English, Markdown)"))
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("information page")
        verbose_name_plural = _("information pages")

    def __str__(self):
        return self.key


class GuidePage(ContentRow):
    """A longer guide of the awareness section (work and care, back to work,
    starting a salon), loaded from portal/content/pages/ by load_content.
    Its sections carry anchors ({#id}) that the page's contents list links to."""

    key = models.SlugField(max_length=40, unique=True)
    title_ja = models.CharField(_("title (Japanese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    body_ja = models.TextField(_("body (Japanese, Markdown)"))
    body_en = models.TextField(_("body (English, Markdown)"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("guide page")
        verbose_name_plural = _("guide pages")

    def __str__(self):
        return self.key

    @property
    def title(self):
        return localised(self, "title")

    @property
    def body(self):
        return localised(self, "body")
