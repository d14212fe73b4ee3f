"""Keep ``Salon.next_session_at`` in step with the salon's sessions.

Every save or delete of a session that can change which session comes next
(its start, its status, a new or removed session) stores the salon's next
start again: one indexed UPDATE of one row, in the same transaction. Bulk
writes that send no signals call ``refresh_next_session`` themselves
(``actions.rule_generate_sessions``); the passing of time is the periodic task
``salons.tasks.refresh_next_sessions``."""

from django.db.models.signals import post_delete, post_save

# Fields of a session that decide whether (and when) it is a salon's next one.
SCHEDULE_FIELDS = {"starts_at", "status", "salon", "salon_id"}


def session_changed(sender, instance, update_fields=None, **kwargs):
    if update_fields is not None and not SCHEDULE_FIELDS & set(update_fields):
        return  # a reminder stamp, an edited note: the next start is the same
    from .models import Salon

    Salon.objects.filter(pk=instance.salon_id).refresh_next_session()


def connect():
    from .models import Session

    post_save.connect(session_changed, sender=Session, dispatch_uid="salons-next-session-save")
    post_delete.connect(session_changed, sender=Session, dispatch_uid="salons-next-session-del")
