"""State-changing writes of initiative 1: articles and the anonymous tally."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from carers.models import Role

from .models import Article, ArticleStatus, SelfCheckTally

CONTENT_FIELDS = (
    "slug",
    "title_ja",
    "title_en",
    "summary_ja",
    "summary_en",
    "body_ja",
    "body_en",
    "audiences",
)


def _check_scope(user, municipality_id):
    """Prefecture staff write any article; municipal staff only local articles
    of their own municipality; nobody else writes."""
    if user.role == Role.PREFECTURE_STAFF:
        return
    if (
        user.role == Role.MUNICIPAL_STAFF
        and user.municipality_id
        and municipality_id == user.municipality_id
    ):
        return
    raise PermissionDenied("This account may not write this article.")


def article_save(*, by, article=None, fields: dict, publish: bool, now=None) -> Article:
    """Create or update an article and set its status.

    ``publish`` False keeps it a draft (hidden). ``publish`` True publishes it
    now, or schedules it when ``fields["publish_at"]`` is in the future.
    Municipal staff's articles always belong to their municipality.
    """
    now = now or timezone.now()
    if by.role == Role.MUNICIPAL_STAFF:
        municipality_id = by.municipality_id
    else:
        municipality = fields.get("municipality")
        municipality_id = municipality.pk if municipality else None
    with transaction.atomic():
        if article is None:
            article = Article(author=by)
        else:
            article = Article.objects.select_for_update().get_manageable(by, pk=article.pk)
            _check_scope(by, article.municipality_id)  # may they touch the existing one?
        _check_scope(by, municipality_id)
        for name in CONTENT_FIELDS:
            setattr(article, name, fields[name])
        article.municipality_id = municipality_id
        publish_at = fields.get("publish_at")
        if publish:
            article.publish_at = publish_at or now
            article.status = (
                ArticleStatus.SCHEDULED if article.publish_at > now else ArticleStatus.PUBLISHED
            )
        else:
            article.publish_at = publish_at
            article.status = ArticleStatus.DRAFT
        article.updated_by = by
        article.full_clean(exclude=["author", "updated_by", "municipality"])
        article.save()
    return article


def article_unpublish(*, by, article) -> Article:
    """Take a published or scheduled article back to draft."""
    with transaction.atomic():
        article = Article.objects.select_for_update().get_manageable(by, pk=article.pk)
        _check_scope(by, article.municipality_id)
        if article.status == ArticleStatus.DRAFT:
            return article
        article.status = ArticleStatus.DRAFT
        article.updated_by = by
        article.save(update_fields=["status", "updated_by", "updated_at"])
    return article


def selfcheck_tally_record(*, municipality, sign_count: int, today=None) -> SelfCheckTally:
    """Count one self-check, anonymously: municipality, number of signs, month."""
    today = today or timezone.localdate()
    return SelfCheckTally.objects.create(
        municipality=municipality, sign_count=sign_count, month=today.replace(day=1)
    )
