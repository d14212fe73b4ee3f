import threading

import pytest
from django.db import connection

from conftest import make_user
from salons import actions
from salons.models import RegistrationStatus

from .conftest import make_salon, make_session

CAPACITY = 3
PEOPLE = 10


@pytest.mark.django_db(transaction=True)
def test_simultaneous_signups_book_exactly_the_capacity(organiser, municipality):
    """Each thread has its own database connection; the session row lock
    serialises the seat count, so no seat is sold twice."""
    session = make_session(make_salon(organiser, municipality), capacity=CAPACITY)
    users = [make_user(f"rush{i}@example.jp") for i in range(PEOPLE)]
    barrier = threading.Barrier(PEOPLE)
    results, errors = [], []

    def join(user):
        try:
            barrier.wait(timeout=10)
            results.append(actions.session_join(session=session, by=user).status)
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=join, args=(u,)) for u in users]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert not errors
    assert sorted(results).count(RegistrationStatus.CONFIRMED) == CAPACITY
    assert results.count(RegistrationStatus.WAITING) == PEOPLE - CAPACITY
    assert session.registrations.filter(status=RegistrationStatus.CONFIRMED).count() == CAPACITY
    assert (
        session.registrations.filter(status=RegistrationStatus.WAITING).count() == PEOPLE - CAPACITY
    )
